"""Nothing that is not public escapes, by any route a reader can take.

The one rule of the archive: ``Article.objects.published()`` (published, and
its time has come) is the only gate, and quotes, photos, captions and comments
are public only through a public article (comments only once approved).

One fixture plants content in every state that must stay hidden. Every piece
of it carries a marker, ``LEAKMARKER-<state>-<hex>``, in every text field (and
in the slug, so a mere link to a hidden article is caught too). An anonymous
reader then walks the site by every route: each URL pattern filled with real
values, a crawl of every link from the home page, search, each filter, feeds,
the sitemap, the JSON API, the CSV exports, the JSON-LD and the media URL of a
draft's image. No response may contain a marker, none may be a 5xx (the test
client re-raises view exceptions, so a crash fails the test), and no count may
include hidden records.
"""

from __future__ import annotations

import datetime
import io
import json
import re
import uuid
from collections import deque
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from urllib.parse import quote, quote_plus, urlencode, urljoin, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from PIL import Image

from articles.models import Article, Caption, Comment, District, Person, Photo, Quote, Source

pytestmark = pytest.mark.django_db

# Any occurrence of this word in a response is a leak: public content never has it.
MARKER_WORD = "leakmarker"
LEAK = re.compile(MARKER_WORD + r"[-\w]*", re.IGNORECASE)
HIDDEN_ARTICLE_STATES = ("draft", "scheduled", "unpublished")
MAX_CRAWL = 300

# The planted public article and the withdrawn one share 25 November 2020 with
# the sample archive; the draft alone has 26 November, so that day must look empty.
PUBLIC_AT = datetime.datetime(2020, 11, 25, 10, 0, tzinfo=datetime.UTC)
UNPUBLISHED_AT = datetime.datetime(2020, 11, 25, 11, 0, tzinfo=datetime.UTC)
DRAFT_AT = datetime.datetime(2020, 11, 26, 9, 0, tzinfo=datetime.UTC)


# -- planting ---------------------------------------------------------------


@dataclass
class Planted:
    """What the fixture created, and what a reader may and may not see."""

    public: Article
    hidden: dict[str, Article]  # state -> article that must stay hidden
    markers: dict[str, str]  # state -> its marker
    tokens: dict[str, str]  # state -> the hex part alone, a searchable word
    draft_image_url: str
    draft_image_bytes: bytes
    public_image_url: str
    hidden_media: list[str]  # URLs of the hidden photos' images and renditions
    public_media: dict[str, bytes]  # URL -> bytes, for the public photo's files
    kalbajar: District
    dates: set[datetime.date] = field(default_factory=set)


def _png(colour: str) -> bytes:
    # Wider than the narrowest rendition widths, so the photo gets renditions too.
    buffer = io.BytesIO()
    Image.new("RGB", (1000, 6), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def _media_urls(photo: Photo) -> list[str]:
    """The image and every rendition of a photo, as URLs."""
    photo.refresh_from_db()
    storage = photo.image.storage
    return [photo.image.url, *(storage.url(name) for name in photo.renditions.values())]


def _marker(state: str) -> tuple[str, str]:
    token = uuid.uuid4().hex[:12]
    return f"LEAKMARKER-{state}-{token}", token


def _plant_parts(article: Article, marker: str, district: District) -> Photo:
    """A quote, a photo with captions in two languages, approved comments: all marked.

    The article also quotes the planted public speaker, whose page must not show it.
    """
    speaker = Person.objects.create(name=f"{marker} speaker", description=f"{marker} role")
    Quote.objects.create(
        text=f"{marker} quote text",
        speaker=speaker,
        article=article,
        district=district,
        said_on=article.published_at.date(),
    )
    Quote.objects.create(
        text=f"{marker} words of the public speaker",
        speaker=Person.objects.get(name="Planted public speaker"),
        article=article,
    )
    photo = Photo.objects.create(
        article=article,
        district=district,
        alt_text=f"{marker} alt text",
        credit=f"{marker} credit",
        taken_on=article.published_at.date(),
    )
    Caption.objects.create(photo=photo, language="en", text=f"{marker} caption en")
    Caption.objects.create(photo=photo, language="fr", text=f"{marker} légende fr")
    Comment.objects.create(
        article=article,
        author=f"{marker} author",
        body=f"{marker} approved comment",
        status=Comment.Status.APPROVED,
    )
    Comment.objects.create(
        article=article,
        author=f"{marker} archived author",
        body=f"{marker} comment archived with the capture",
        status=Comment.Status.APPROVED,
        from_capture=True,
    )
    return photo


def _hidden_article(make_article, state: str, marker: str, district: District, **fields):
    return make_article(
        headline=f"{marker} headline about Kalbajar",
        slug=marker.lower(),
        summary=f"{marker} summary",
        body=f"{marker} first paragraph.\n\n{marker} second paragraph.",
        byline=f"With {marker}",
        section=f"{marker}"[:60],
        districts=[district],
        **fields,
    )


def _warm_up(client, article: Article, media: list[str]) -> None:
    """Visit everything that shows a public article, as readers did before it was withdrawn.

    Place counts and charts are cached while content is unchanged; whole pages
    too when the page cache is on. This keeps every cache honest.
    """
    for url in (
        *media,
        article.get_absolute_url(),
        "/",
        "/articles/",
        "/feeds/latest/",
        "/districts/kalbajar/",
        "/districts/kalbajar/feed/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/api/articles/",
        "/quotes/",
        "/photos/",
        "/people/",
        Person.objects.get(name="Planted public speaker").get_absolute_url(),
        article.source.get_absolute_url(),
        "/api/people/",
        "/api/sources/",
    ):
        response = get(client, url)
        body_text(response)  # read to the end, so served files are closed
        assert response.status_code == 200, url


@pytest.fixture
def planted(
    client,
    settings,
    tmp_path,
    seed_archive,
    make_article,
    kalbajar,
    django_capture_on_commit_callbacks,
) -> Planted:
    settings.MEDIA_ROOT = tmp_path / "media"
    markers, tokens = {}, {}
    for state in (*HIDDEN_ARTICLE_STATES, "pending", "rejected", "orphan"):
        markers[state], tokens[state] = _marker(state)

    # The public article: it has a photo with an image, a quote, an approved
    # comment, and it names the hidden articles as related coverage.
    public = make_article(
        headline="Planted public article about Kalbajar",
        slug="planted-public-article",
        summary="A public summary.",
        districts=[kalbajar],
        published_at=PUBLIC_AT,
    )
    Quote.objects.create(text="A public quote about Kalbajar", article=public, district=kalbajar)
    # Quoted in public, so with a page of their own, and in every hidden article below.
    public_speaker = Person.objects.create(name="Planted public speaker")
    Quote.objects.create(text="A public speaker's words", article=public, speaker=public_speaker)
    public_photo = Photo.objects.create(article=public, district=kalbajar, credit="Public credit")
    public_photo.image.save("public-photo.png", ContentFile(_png("green")), save=True)
    Caption.objects.create(photo=public_photo, language="en", text="A public caption")
    Comment.objects.create(
        article=public, author="Reader", body="An approved public comment", status="approved"
    )

    # The draft comes from a source of no public article, which has no page.
    draft_source = Source.objects.create(
        name=f"{markers['draft']} outlet", domain=f"{markers['draft'].lower()}.example"
    )
    draft = _hidden_article(
        make_article,
        "draft",
        markers["draft"],
        kalbajar,
        status=Article.Status.DRAFT,
        published_at=DRAFT_AT,
        source=draft_source,
    )
    # The draft's photo has an image file; only the draft shows it.
    draft_photo = _plant_parts(draft, markers["draft"], kalbajar)
    draft_image = _png("red")
    draft_photo.image.save(f"{markers['draft'].lower()}.png", ContentFile(draft_image), save=True)
    draft_media = _media_urls(draft_photo)

    scheduled = _hidden_article(
        make_article,
        "scheduled",
        markers["scheduled"],
        kalbajar,
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() + datetime.timedelta(days=1),
    )
    _plant_parts(scheduled, markers["scheduled"], kalbajar)

    # Published and seen by readers, then withdrawn.
    unpublished = _hidden_article(
        make_article,
        "unpublished",
        markers["unpublished"],
        kalbajar,
        status=Article.Status.PUBLISHED,
        published_at=UNPUBLISHED_AT,
    )
    withdrawn_photo = _plant_parts(unpublished, markers["unpublished"], kalbajar)
    withdrawn_photo.image.save(
        f"{markers['unpublished'].lower()}.png", ContentFile(_png("blue")), save=True
    )
    withdrawn_media = _media_urls(withdrawn_photo)
    _warm_up(client, unpublished, withdrawn_media)
    # Withdrawn as an editor does it: the save commits, and what was cached
    # while it was public (place counts, charts) goes stale with the commit.
    with django_capture_on_commit_callbacks(execute=True):
        unpublished.status = Article.Status.DRAFT
        unpublished.save()

    # Comments on the public article that moderation has not let through.
    for state, status in (("pending", Comment.Status.PENDING), ("rejected", "rejected")):
        Comment.objects.create(
            article=public,
            author=f"{markers[state]} author",
            body=f"{markers[state]} {state} comment",
            status=status,
        )

    # A photo of the place that belongs to no article at all.
    orphan = Photo.objects.create(
        district=kalbajar,
        alt_text=f"{markers['orphan']} alt",
        credit=f"{markers['orphan']} credit",
    )
    Caption.objects.create(photo=orphan, language="en", text=f"{markers['orphan']} caption")

    public.related.add(draft, scheduled, unpublished)
    seed_archive.related.add(draft)

    hidden = {"draft": draft, "scheduled": scheduled, "unpublished": unpublished}
    dates = {timezone.localtime(a.published_at).date() for a in (public, *hidden.values())}
    return Planted(
        public=public,
        hidden=hidden,
        markers=markers,
        tokens=tokens,
        draft_image_url=draft_photo.image.url,
        draft_image_bytes=draft_image,
        public_image_url=public_photo.image.url,
        hidden_media=draft_media + withdrawn_media,
        public_media={
            url: b"".join(client.get(url).streaming_content) for url in _media_urls(public_photo)
        },
        kalbajar=kalbajar,
        dates=dates | {timezone.localtime(seed_archive.published_at).date()},
    )


# -- reading responses ------------------------------------------------------


def body_text(response) -> str:
    """Everything a response says: headers, body (streamed or not), and JSON decoded."""
    data = b"".join(response.streaming_content) if response.streaming else response.content
    text = data.decode("utf-8", errors="replace")
    if response.get("Content-Type", "").startswith("application/json") and data:
        # \u-escaped JSON would hide a marker from a plain substring test.
        text += json.dumps(json.loads(data), ensure_ascii=False)
    headers = "\n".join(f"{name}: {value}" for name, value in response.items())
    return headers + "\n" + text


def assert_no_leak(url: str, text: str, echoed: tuple[str, ...] = ()) -> None:
    """No marker in ``text``, once what the reader typed (echoed back) is taken out."""
    for typed in echoed:
        for form in (typed, escape(typed), quote_plus(typed), quote(typed)):
            text = text.replace(form, "")
    found = sorted(set(LEAK.findall(text)))
    assert not found, f"{url} shows hidden content: {found}"


def get(client, url: str, data: dict | None = None):
    """GET as an anonymous reader; a 5xx fails here (view exceptions are re-raised anyway)."""
    response = client.get(url, data or {})
    assert response.status_code < 500, f"{url} {data or ''} -> {response.status_code}"
    return response


def visit(client, url: str, data: dict | None = None, echoed: tuple[str, ...] = ()):
    response = get(client, url, data)
    text = body_text(response)
    assert_no_leak(f"{url}?{urlencode(data or {}, doseq=True)}", text, echoed)
    return response, text


def public_articles() -> list[Article]:
    """The rule, restated in Python rather than through published()."""
    now = timezone.now()
    return [a for a in Article.objects.all() if a.status == "published" and a.published_at <= now]


def result_count(text: str) -> int:
    match = re.search(r'class="result-count"[^>]*>\s*([\d,]+)', text)
    assert match, "no result count on the page"
    return int(match.group(1).replace(",", ""))


# -- crawling ---------------------------------------------------------------


class _Links(HTMLParser):
    ATTRIBUTES = {"href", "src", "action"}

    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.links += [v for k, v in attrs if k in self.ATTRIBUTES and v]
        # srcset: "url 480w, url 960w"
        for k, v in attrs:
            if k == "srcset" and v:
                self.links += [entry.split()[0] for entry in v.split(",") if entry.strip()]


def links_in(response, text: str) -> list[str]:
    if "html" in response.get("Content-Type", ""):
        parser = _Links()
        parser.feed(text)
        return parser.links
    # Feeds, the sitemap and the API give absolute URLs.
    return re.findall(r"https?://testserver(/[^\s\"'<>]*)", text)


def same_site_path(base: str, link: str) -> str | None:
    parts = urlsplit(urljoin("http://testserver" + base, link.replace("&amp;", "&")))
    if parts.scheme not in ("http", "https") or parts.netloc not in ("testserver", ""):
        return None
    if parts.path.startswith(("/admin/", "/static/")):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client, start: str = "/", limit: int = MAX_CRAWL, follow=None) -> dict[str, list[str]]:
    """Breadth-first over same-site links; returns each visited URL with the links it had.

    ``follow`` narrows which links are visited (all by default).
    """
    seen, queue, visited = {start}, deque([start]), {}
    while queue and len(visited) < limit:
        url = queue.popleft()
        response = client.get(url)
        assert response.status_code < 500, f"{url} -> {response.status_code}"
        text = body_text(response)
        assert_no_leak(url, text)
        links = []
        if response.status_code == 200:
            for link in links_in(response, text):
                path = same_site_path(url, link)
                if path:
                    links.append(path)
                    if path not in seen and (follow is None or follow(path)):
                        seen.add(path)
                        queue.append(path)
        visited[url] = links
    return visited


# -- every URL pattern --------------------------------------------------------


def site_routes(patterns=None, prefix: str = ""):
    """(route, pattern) for every URL pattern of the site except the admin."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if route.startswith("admin/"):
            continue
        if isinstance(entry, URLResolver):
            yield from site_routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def fill(route: str, values: dict) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)


def _values_for(route: str, planted: Planted) -> list[tuple[dict, int | None]]:
    """Real values for a route's converters, each with the status it must answer."""
    names = set(re.findall(r"<(?:\w+:)?(\w+)>", route))
    if names == {"year", "month", "day", "slug"}:

        def parts(article):
            local = timezone.localtime(article.published_at)
            return {"year": local.year, "month": f"{local.month:02d}", "day": f"{local.day:02d}"}

        cases = [(parts(planted.public) | {"slug": planted.public.slug}, 200)]
        cases += [(parts(a) | {"slug": a.slug}, 404) for a in planted.hidden.values()]
        return cases
    if names and names <= {"year", "month", "day"}:
        return [
            ({"year": d.year, "month": f"{d.month:02d}", "day": f"{d.day:02d}"}, 200)
            for d in sorted(planted.dates)
        ]
    if names == {"slug"} and route.startswith("people/"):  # a page while quoted in public
        public = {a.pk for a in public_articles()}
        return [
            ({"slug": p.slug}, 200 if {q.article_id for q in p.quotes.all()} & public else 404)
            for p in Person.objects.all()
        ]
    if names == {"slug"} and route.startswith("sources/"):  # a page while it has public articles
        public = {a.pk for a in public_articles()}
        return [
            ({"slug": s.slug}, 200 if {a.pk for a in s.articles.all()} & public else 404)
            for s in Source.objects.all()
        ]
    if names == {"slug"}:
        return [({"slug": d.slug}, 200) for d in District.objects.all()]
    if names == {"name"}:  # media/<path:name>: files of public photos only
        cases = [({"name": url.removeprefix("/media/")}, 200) for url in planted.public_media]
        cases += [({"name": url.removeprefix("/media/")}, 404) for url in planted.hidden_media]
        return cases + [({"name": "photos/no-such-file.png"}, 404)]
    if names == {"section"}:  # sitemap-<section>.xml: each section, and none other
        from articles.sitemaps import SITEMAPS

        return [({"section": name}, 200) for name in SITEMAPS] + [({"section": "users"}, 404)]
    if not names:
        return [({}, None)]
    raise AssertionError(f"New URL pattern {route!r}: teach test_no_leaks its values")


# -- the tests ----------------------------------------------------------------


def test_every_url_pattern_filled_with_real_values_shows_no_hidden_content(client, planted):
    checked = 0
    for route, pattern in site_routes():
        if "(?P<" in route:  # a regex route: the DEBUG media server, checked below
            assert pattern.callback.__module__ == "django.views.static", route
            continue
        for values, expected in _values_for(route, planted):
            url = fill(route, values)
            response, _ = visit(client, url)
            if expected is not None:
                assert response.status_code == expected, url
            checked += 1
    assert checked > 20


def test_hidden_articles_answer_404_at_their_own_address(client, planted):
    for state, article in planted.hidden.items():
        response = client.get(article.get_absolute_url())
        assert response.status_code == 404, state
        assert_no_leak(article.get_absolute_url(), body_text(response))


def test_draft_markers_never_appear_on_any_crawled_page(client, planted):
    visited = crawl(client)
    assert len(visited) >= 40, "the crawl should reach most of the site"
    assert planted.public.get_absolute_url() in visited, "the crawl must reach public articles"
    linked = {link for links in visited.values() for link in links}
    for state, article in planted.hidden.items():
        assert article.get_absolute_url() not in linked, f"a page links to the {state} article"
    assert not linked & set(planted.hidden_media), "a page links a hidden photo's file"
    assert set(planted.public_media) <= linked, "public images are linked: the check is live"


def test_crawl_follows_pagination_without_revealing_hidden_content(client, planted, make_article):
    # Enough public articles for several pages of every list, in the draft's district.
    for n in range(45):
        make_article(headline=f"Filler {n}", districts=[planted.kalbajar], published_at=PUBLIC_AT)
    # Only page links are followed here; the crawl above follows everything.
    for start in ("/articles/", "/districts/kalbajar/", "/articles/?district=Kalbajar"):
        visited = crawl(client, start, follow=lambda path: "page=" in path)
        assert any("page=3" in url for url in visited), f"pagination of {start} was followed"


def test_search_finds_nothing_hidden_by_any_planted_word(client, planted):
    for state, marker in planted.markers.items():
        words = [
            planted.tokens[state],  # the unique word alone
            marker,  # the marker as typed
            f"{planted.tokens[state]} caption",
            f"{planted.tokens[state]} quote text",
            f"{planted.tokens[state]} comment",
            f"{planted.tokens[state]} speaker",
        ]
        for q in words:
            for extra in ({}, {"district": "Karvachar"}, {"date_after": "2020-01-01"}):
                data = {"q": q} | extra
                _, text = visit(client, "/search/", data, echoed=(q,))
                assert result_count(text) == 0, data
    _, text = visit(client, "/search/", {"q": "LEAKMARKER"}, echoed=("LEAKMARKER",))
    assert result_count(text) == 0
    # The place itself is found, with public coverage only.
    _, text = visit(client, "/search/", {"q": "Kalbajar"}, echoed=("Kalbajar",))
    assert "Planted public article" in text


def _filter_sets(planted: Planted) -> list[dict]:
    days = sorted(planted.dates)
    sets = [
        {},
        {"district": "Kalbajar"},
        {"district": "karvachar"},
        {"district": ["Kalbajar", "Dadivank"]},
        {"date_after": days[0].isoformat(), "date_before": days[-1].isoformat()},
        {"date_after": DRAFT_AT.date().isoformat(), "date_before": DRAFT_AT.date().isoformat()},
        {"date_after": "2000-01-01"},
        {"date_before": "2100-01-01"},
        {"date_after": "2000-01-01", "date_before": "2100-01-01", "district": "Kalbajar"},
        {"source": "example.org"},
        {"language": "en"},
        {"page": "2"},
        {"page": "999"},
    ]
    sets += [{"q": token} for token in planted.tokens.values()]
    sets += [{"q": "LEAKMARKER"}, {"q": "caption"}, {"q": "quote text"}]
    return sets


@pytest.mark.parametrize(
    "url",
    [
        "/articles/",
        "/quotes/",
        "/photos/",
        "/districts/kalbajar/",
        "/search/",
        "/articles/export.csv",
        "/quotes/export.csv",
        "/api/articles/",
        "/api/quotes/",
        "/api/photos/",
        "/api/districts/",
        "/people/",
        "/people/planted-public-speaker/",
        "/sources/",
        "/sources/example-org/",
        "/api/people/",
        "/api/sources/",
    ],
)
def test_every_filter_of_every_list_hides_unpublished_content(client, planted, url):
    for data in _filter_sets(planted):
        typed = tuple(v for v in data.values() if isinstance(v, str))
        visit(client, url, data, echoed=typed)


def test_counts_include_only_public_articles(client, planted):
    public = public_articles()
    assert planted.public in public and not set(planted.hidden.values()) & set(public)

    assert get(client, "/api/articles/").json()["count"] == len(public)
    assert result_count(body_text(get(client, "/articles/"))) == len(public)
    rows = b"".join(get(client, "/articles/export.csv").streaming_content).decode().splitlines()
    assert len(rows) - 1 == len(public)

    # Kalbajar's count counts its own public articles and those of the places within it.
    within = {d.pk for d in District.objects.filter(parent=planted.kalbajar)} | {
        planted.kalbajar.pk
    }
    kalbajar_public = [a for a in public if {d.pk for d in a.districts.all()} & within]
    home = body_text(get(client, "/"))
    shown = re.search(
        r'href="/districts/kalbajar/">Kalbajar</a> <span class="count"[^>]*>(\d+)', home
    )
    assert shown and int(shown.group(1)) == len(kalbajar_public)
    places = body_text(get(client, "/districts/"))
    card = re.search(r'href="/districts/kalbajar/">Kalbajar</a> <span class="count">(\d+)', places)
    assert card and int(card.group(1)) == len(kalbajar_public)
    page = body_text(get(client, "/districts/kalbajar/"))
    coverage = re.search(r'id="coverage-heading">[^<]*<span class="count">(\d+)', page)
    assert coverage and int(coverage.group(1)) == len(kalbajar_public)


def test_quote_and_photo_counts_include_only_parts_of_public_articles(client, planted):
    public_ids = {a.pk for a in public_articles()}
    quotes = [q for q in Quote.objects.all() if q.article_id in public_ids]
    photos = [p for p in Photo.objects.all() if p.article_id in public_ids]
    assert get(client, "/api/quotes/").json()["count"] == len(quotes)
    assert result_count(body_text(get(client, "/quotes/"))) == len(quotes)
    assert get(client, "/api/photos/").json()["count"] == len(photos)
    assert result_count(body_text(get(client, "/photos/"))) == len(photos)
    rows = b"".join(get(client, "/quotes/export.csv").streaming_content).decode().splitlines()
    assert len(rows) - 1 == len(quotes)


def test_date_archive_counts_and_calendar_ignore_hidden_articles(client, planted):
    draft_day = DRAFT_AT.date()
    _, text = visit(client, f"/archive/{draft_day:%Y/%m/%d}/")
    assert "No public coverage from this day." in text
    _, month = visit(client, f"/archive/{draft_day:%Y/%m}/")
    # The calendar links days that have public coverage; the draft's day has none.
    assert f'href="/archive/{draft_day.year}/{draft_day.month}/{draft_day.day}/"' not in month
    in_month = [
        a
        for a in public_articles()
        if (timezone.localtime(a.published_at).year, timezone.localtime(a.published_at).month)
        == (draft_day.year, draft_day.month)
    ]
    assert re.search(rf'id="month-articles">{len(in_month)} article', month)
    tomorrow = timezone.localtime(planted.hidden["scheduled"].published_at).date()
    _, text = visit(client, f"/archive/{tomorrow:%Y/%m/%d}/")
    assert "No public coverage from this day." in text


def test_feeds_and_sitemap_list_only_public_articles(client, planted):
    public_urls = {a.get_absolute_url() for a in public_articles()}
    for url in ("/feeds/latest/", "/districts/kalbajar/feed/", "/sitemap-articles.xml"):
        _, text = visit(client, url)
        listed = set(re.findall(r"http://testserver(/articles/[^<\"\s]+)", text))
        assert listed and listed <= public_urls, url
    _, sitemap = visit(client, "/sitemap-articles.xml")
    assert set(re.findall(r"<loc>http://testserver(/articles/[^<]+)</loc>", sitemap)) == public_urls


def test_article_page_and_its_json_ld_show_only_public_parts(client, planted):
    _, text = visit(client, planted.public.get_absolute_url())
    # The public parts are there: the page is not empty by accident.
    for shown in ("A public quote", "A public caption", "An approved public comment"):
        assert shown in text
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    data = json.loads(block.group(1))
    assert_no_leak("JSON-LD", json.dumps(data, ensure_ascii=False))
    assert data["image"] == [f"http://testserver{planted.public_image_url}"]
    # Related coverage names only public articles: the hidden ones are related too.
    assert 'id="related-heading"' not in text


def test_hidden_photos_files_are_neither_linked_nor_served(client, planted):
    url = planted.draft_image_url
    assert url.startswith("/media/") and MARKER_WORD in url.lower()
    # The files are there: a refusal below is not just a missing file.
    image = Photo.objects.get(image=url.removeprefix("/media/")).image
    with image.storage.open(image.name) as stored:
        assert stored.read() == planted.draft_image_bytes
    assert len(planted.hidden_media) >= 4, "both hidden photos have renditions"
    # The media view serves a photo's files only while its article is public:
    # not the draft's image, nor the withdrawn article's, nor their renditions.
    for hidden in planted.hidden_media:
        response = client.get(hidden)
        served = b"".join(response.streaming_content) if response.streaming else response.content
        assert response.status_code == 404, hidden
        assert served != planted.draft_image_bytes
    # ...while the public photo's files are served: the refusal above is selective.
    for public, data in planted.public_media.items():
        response = client.get(public)
        assert response.status_code == 200 and b"".join(response.streaming_content) == data
    pages = ("/", "/photos/", "/api/photos/", "/districts/kalbajar/", "/quotes/", "/search/")
    for page in pages:
        _, text = visit(client, page, {"q": "Kalbajar"} if page == "/search/" else None)
        assert not any(hidden in text for hidden in planted.hidden_media), page


def test_comments_cannot_be_posted_to_hidden_articles(client, planted):
    for state, article in planted.hidden.items():
        before = article.comments.count()
        response = client.post(article.get_comment_url(), {"author": "r", "body": "hello"})
        assert response.status_code == 404, state
        assert article.comments.count() == before


def test_a_source_of_unpublished_articles_only_is_neither_named_nor_found(
    client, make_article, django_capture_on_commit_callbacks
):
    from articles.models import Source

    hidden = Source.objects.create(name="Synthetic Zzhidden Outlet", domain="zzhidden.example")
    draft = make_article(source=hidden, status=Article.Status.DRAFT)
    make_article(source=hidden, published_at=timezone.now() + datetime.timedelta(days=1))
    for url in ("/articles/", "/fr/articles/", "/quotes/", "/photos/"):
        assert "zzhidden" not in get(client, url).content.decode().lower(), url
    unknown = get(client, "/api/articles/", {"source": "nosuch.example"})
    hidden_source = get(client, "/api/articles/", {"source": "zzhidden.example"})
    assert hidden_source.status_code == unknown.status_code == 400
    assert hidden_source.json() == unknown.json()

    with django_capture_on_commit_callbacks(execute=True):
        draft.status = Article.Status.PUBLISHED
        draft.save()
    assert "Synthetic Zzhidden Outlet" in get(client, "/articles/").content.decode()
    assert get(client, "/api/articles/", {"source": "zzhidden.example"}).json()["count"] == 1
