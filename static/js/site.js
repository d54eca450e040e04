// Small touches over pages that work without scripts.

// Filter panels start folded so that results come first on a phone; on a
// wide screen, where they sit beside the results, they open.
(function () {
  var wide = window.matchMedia("(min-width: 52rem)");
  function fit() {
    document.querySelectorAll("details[data-open-wide]").forEach(function (panel) {
      if (wide.matches) panel.open = true;
    });
  }
  fit();
  wide.addEventListener("change", fit);
})();
