"""A reader's path through the site in headless Chromium, with screenshots and an axe check.

Screenshots of each main page are saved to test-artifacts/ for people to look at.
"""

import os
from importlib import import_module
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from articles import freshness
from articles.models import Comment

from .conftest import SEED_CAPTURE

# Playwright's sync API runs an event loop in this thread; the test's own
# database calls are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    }


@pytest.fixture
def site(live_server):
    # An earlier live-server test may have flushed the migrated gazetteer and
    # events; both migrations are idempotent, so running them again restores them.
    for module, function in (
        ("0002_gazetteer", "load_gazetteer"),
        ("0003_sample_events", "add_events"),
    ):
        getattr(import_module(f"articles.migrations.{module}"), function)(apps, None)
    freshness.content_changed()  # the gazetteer was loaded outside the ORM's signals
    call_command(
        "import_coverage", "--publish", str(SEED_CAPTURE), stdout=StringIO(), stderr=StringIO()
    )
    return live_server.url


def shoot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    options = "{runOnly: ['wcag2a', 'wcag2aa'], resultTypes: ['violations']}"
    result = page.evaluate(f"async () => await axe.run(document, {options})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:3]]}
        for v in result["violations"]
    ]


def test_a_reader_filters_searches_reads_and_comments(page, site):
    page.goto(site + "/")
    shoot(page, "home")

    page.get_by_role("link", name="Articles", exact=True).click()
    page.get_by_label("Place").fill("Karvachar")
    page.get_by_role("button", name="Apply filters").click()
    assert page.get_by_role("heading", name="3 articles").is_visible()
    page.get_by_label("From").fill("2020-11-25")
    page.get_by_label("Until").fill("2020-11-25")
    page.get_by_role("button", name="Apply filters").click()
    assert "district=Karvachar" in page.url and "date_after=2020-11-25" in page.url
    assert page.get_by_role("heading", name="3 articles").is_visible()
    shoot(page, "articles-filtered")

    page.get_by_role("searchbox", name="Search the archive").fill("Karvachar")
    page.get_by_role("searchbox", name="Search the archive").press("Enter")
    assert page.get_by_text("also known as").first.is_visible()
    shoot(page, "search-karvachar")

    page.get_by_role("link", name="Azerbaijan takes back from the Armenians").first.click()
    assert page.locator("h1").inner_text().startswith("Azerbaijan takes back")
    french = page.locator('figcaption p[lang="fr"]')
    english = page.locator('figcaption p[lang="en"]')
    assert "certains habitants ont brûlé leur maison" in french.inner_text()
    assert "some inhabitants burned their houses" in english.inner_text()
    assert "© Alexander Nemenov, AFP" in page.locator("figcaption .credit").inner_text()
    shoot(page, "article")

    page.get_by_role("link", name="Add a comment").click()
    page.get_by_label("Your name").fill("Synthetic Reader")
    page.get_by_label("Comment", exact=True).fill("A synthetic comment from the browser test.")
    page.get_by_role("button", name="Send for moderation").click()
    assert page.get_by_text("Your comment awaits moderation.").is_visible()
    assert Comment.objects.filter(author="Synthetic Reader", status="pending").exists()
    assert "A synthetic comment from the browser test." not in page.content()


# Injecting axe is an inline script, which our own CSP rightly refuses.
@pytest.mark.browser_context_args(bypass_csp=True)
@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("home", "/"),
        ("articles", "/articles/?district=Kalbajar"),
        ("districts", "/districts/"),
        ("district", "/districts/kalbajar/"),
        ("quotes", "/quotes/"),
        ("photos", "/photos/"),
        ("archive-month", "/archive/2020/11/"),
        ("search", "/search/?q=burning"),
        ("article", None),
        ("fr-home", "/fr/"),
        ("fr-articles", "/fr/articles/?district=Kalbajar"),
    ],
)
def test_main_pages_pass_an_automated_accessibility_check(page, site, name, path):
    if path is None:
        page.goto(site + "/articles/")
        page.get_by_role("link", name="Azerbaijan takes back from the Armenians").first.click()
    else:
        page.goto(site + path)
    shoot(page, f"page-{name}")
    assert axe_violations(page) == []


# Without JavaScript: the switcher is a plain form.
@pytest.mark.browser_context_args(java_script_enabled=False)
def test_a_reader_switches_to_french_and_back_on_the_same_page(page, site):
    page.goto(site + "/articles/")
    page.get_by_role("link", name="Azerbaijan takes back from the Armenians").first.click()
    article = page.url.removeprefix(site)
    page.get_by_role("button", name="Français").click()
    assert page.url == site + "/fr" + article
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text().startswith("Azerbaijan takes back")
    assert "25 novembre 2020" in page.locator("article .meta time").inner_text()
    assert page.get_by_role("heading", name="Commentaires").is_visible()
    assert page.locator("figcaption p").first.get_attribute("lang") == "fr"
    shoot(page, "fr-article")

    page.get_by_role("link", name="Archives de presse").click()
    assert page.url == site + "/fr/"
    assert page.get_by_role("heading", name="Derniers articles").is_visible()
    shoot(page, "fr-home")

    page.get_by_role("button", name="English").click()
    assert page.url == site + "/"
    assert page.get_by_role("heading", name="Latest coverage").is_visible()


def test_the_site_is_usable_by_keyboard(page, site):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to content"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focused != "none"


def test_pages_load_nothing_from_the_network(page, site):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site + "/")
    page.goto(site + "/districts/kalbajar/")
    assert requested and all(url.startswith(site) for url in requested)


def shoot_element(locator, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    locator.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def test_the_coverage_chart_is_drawn_and_its_cells_lead_to_their_articles(page, site):
    page.goto(site + "/")
    chart = page.locator("figure.coverage-chart")
    assert chart.locator("svg title").first.text_content() == "Coverage over time"
    shoot_element(chart, "coverage-chart-home")
    page.goto(site + "/districts/kalbajar/")
    chart = page.locator("figure.coverage-chart")
    assert chart.is_visible()
    shoot_element(chart, "coverage-chart-kalbajar")
    cell = chart.locator("svg a").first
    count = int(cell.locator("text").text_content())
    cell.click()
    assert "/articles/?district=Kalbajar" in page.url
    heading = f"{count} article" if count == 1 else f"{count} articles"
    assert page.get_by_role("heading", name=heading).is_visible()


def test_an_article_prints_without_navigation_with_its_citation(page, site):
    page.goto(site + "/articles/")
    page.get_by_role("link", name="Azerbaijan takes back from the Armenians").first.click()
    page.emulate_media(media="print")
    for chrome in (".site-header", ".site-footer", "#comments", "form"):
        assert page.locator(chrome).count() == 0 or not page.locator(chrome).first.is_visible()
    assert page.locator("h1").is_visible()
    assert page.locator("figcaption .credit").first.is_visible()
    assert page.locator("figure.quote").first.is_visible()
    assert page.locator("pre.bibtex").is_visible()
    assert not page.locator(".citation-download").is_visible()
    shoot(page, "article-print")
    page.pdf(path=str(ARTIFACTS / "article-print.pdf"), format="A4")
    assert (ARTIFACTS / "article-print.pdf").stat().st_size > 10_000


def test_the_accessibility_check_would_catch_a_violation(page):
    page.set_content(
        '<html lang="en"><body><main><input type="text"><img src="x.png"></main></body></html>'
    )
    found = {v["id"] for v in axe_violations(page)}
    assert {"label", "image-alt"} <= found


def test_the_admin_works_under_the_content_security_policy(page, site, django_user_model):
    django_user_model.objects.create_superuser("chief", password="pw-chief-1234")
    blocked = []
    page.on(
        "console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None
    )
    page.goto(site + "/admin/")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill("pw-chief-1234")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Articles").first.click()
    page.get_by_role("link", name="Azerbaijan takes back from the Armenians").first.click()
    assert page.get_by_label("Headline").input_value().startswith("Azerbaijan takes back")
    page.goto(site + "/admin/articles/photo/")
    page.goto(site + "/admin/articles/article/add/")
    page.get_by_label("Headline").press_sequentially("Synthetic headline")
    assert page.get_by_label("Slug").input_value() == "synthetic-headline"
    assert blocked == []


# Every public page a reader can reach, with what a list page shows first.
PUBLIC_PAGES = [
    ("home", "/", None),
    ("articles", "/articles/", ".results .teaser"),
    ("articles-place", "/articles/?district=Karvachar", ".results .teaser"),
    ("places", "/districts/", None),
    ("place", "/districts/kalbajar/", None),
    ("region", "/districts/nagorno-karabakh/", None),
    ("quotes", "/quotes/", ".results figure.quote"),
    ("photos", "/photos/", ".results figure.photo"),
    ("archive", "/archive/", None),
    ("archive-year", "/archive/2020/", None),
    ("archive-month", "/archive/2020/11/", None),
    ("archive-day", "/archive/2020/11/25/", None),
    ("search-place", "/search/?q=Kəlbəcər", None),
    ("search-words", "/search/?q=burning", None),
    ("article", "/articles/2020/11/25/", None),  # completed with the article's slug below
    ("comment-form", "/articles/2020/11/25/", None),
    ("people", "/people/", None),
    ("person", "/people/grigory-grigorian/", ".results figure.quote"),
    ("sources", "/sources/", None),
    ("source", "/sources/france24-com/", ".results .teaser"),
    ("not-found", "/no-such-page/", None),
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def _address(path: str, name: str, language: str) -> str:
    if name in ("article", "comment-form"):
        from articles.models import Article

        article = Article.objects.get(capture__file_name=SEED_CAPTURE.name)
        path = article.get_absolute_url() if name == "article" else article.get_comment_url()
    return f"/{language}{path}" if language != "en" else path


@pytest.mark.browser_context_args(bypass_csp=True)
@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1366px"])
def test_every_public_page_fits_the_screen_and_passes_the_checks(page, site, language, viewport):
    page.set_viewport_size(viewport)
    problems = []
    # A failed load is reported below with its address; the 404 page's own status is asked for.
    page.on(
        "console",
        lambda m: (
            problems.append(f"console: {m.text}")
            if m.type == "error" and not m.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on(
        "response",
        lambda r: (
            problems.append(f"{r.status}: {r.url}")
            if r.status >= 400 and r.request.resource_type != "document"
            else None
        ),
    )
    for name, path, first_result in PUBLIC_PAGES:
        response = page.goto(site + _address(path, name, language))
        assert response.status == (404 if name == "not-found" else 200), name
        shoot(page, f"walk-{language}-{viewport['width']}-{name}")
        sideways = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert sideways <= 0, f"{name} scrolls sideways by {sideways} px"
        if first_result and viewport is PHONE:
            top = page.locator(first_result).first.bounding_box()["y"]
            assert top < viewport["height"], f"{name}: the first result starts at {top} px"
        serious = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
        assert serious == [], f"{name}: {serious}"
    assert problems == []
