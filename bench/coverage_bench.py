"""Coverage chart benchmark: what the chart costs a page, on an archive built beforehand.

Build the archive once, then measure (median of several runs, milliseconds):

    export DATABASE_URL=sqlite:////tmp/chartbench.sqlite3 DJANGO_SECRET_KEY=... DJANGO_DEBUG=1
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py generate_archive --articles 100000
    .venv/bin/python bench/coverage_bench.py

- query: the one aggregate query with its roll-up into columns (the chart's cache is cold);
- layout and render: geometry and the template include, from cached numbers
  (what a page pays when the chart's numbers are cached but not its drawing);
- cached chart: what a page pays once the drawing is cached too;
- page: the home page and a district page with the chart's numbers cached, and
  the same pages without the chart, so the difference is what the chart adds.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from unittest import mock  # noqa: E402

from django.core.cache import cache  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from articles import coverage  # noqa: E402
from articles.models import Article, District, Event  # noqa: E402
from articles.places import gazetteer  # noqa: E402

RUNS = 7


def ms(action, runs: int = RUNS, before=None) -> float:
    times = []
    for _ in range(runs):
        if before:
            before()
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    print(f"{Article.objects.published().count():,} public articles")
    gazetteer()
    districts = [p for p in gazetteer().places if p.kind == District.Kind.DISTRICT]
    kalbajar = District.objects.get(name="Kalbajar")
    own = gazetteer().get("Kalbajar")
    within = [p for p in gazetteer().places if p.parent == "Kalbajar"]
    print(f"query, home chart:      {ms(lambda: coverage._count(districts), 3):8.1f} ms")
    print(f"query, Kalbajar chart:  {ms(lambda: coverage._count([own, *within]), 3):8.1f} ms")

    events = list(Event.objects.select_related("district"))
    coverage.home_layout(events)  # fills the numbers' cache
    print(f"layout from cache:      {ms(lambda: coverage.home_layout(events), 50):8.2f} ms")
    chart = coverage.home_layout(events)
    cells = sum(len(row.cells) for row in chart.rows)
    print(f"  ({len(chart.rows)} rows x {len(chart.periods)} columns = {cells} cells)")

    def render():
        return render_to_string("includes/coverage_chart.html", {"chart": chart})

    print(f"render of the include:  {ms(render, 50):8.2f} ms ({len(render()):,} bytes)")
    coverage.home_chart(events)
    print(f"cached chart (HTML):    {ms(lambda: coverage.home_chart(events), 200):8.3f} ms")

    client = Client(HTTP_HOST="localhost")
    pages = override_settings(
        PAGE_CACHE_SECONDS=0, ALLOWED_HOSTS=["localhost"], SECURE_SSL_REDIRECT=False
    )
    no_chart = mock.patch.multiple(
        coverage, home_chart=mock.Mock(return_value=""), place_chart=mock.Mock(return_value="")
    )
    with pages:
        for url in ("/", f"/districts/{kalbajar.slug}/"):
            assert client.get(url).status_code == 200
            with_chart = ms(lambda url=url: client.get(url), 15)
            with no_chart:
                without = ms(lambda url=url: client.get(url), 15)
            cold = ms(lambda url=url: client.get(url), 3, before=cache.clear)
            print(
                f"page {url:22} no chart {without:6.1f} ms, chart cached {with_chart:6.1f} ms "
                f"(+{with_chart - without:4.1f}), chart cache cold {cold:6.1f} ms"
            )


if __name__ == "__main__":
    main()
