"""Whatever a reader puts in the address bar: no 5xx, and nothing hidden shown.

Property-based (hypothesis): thousands of generated hostile values (bad and
extreme dates, huge and negative numbers, NUL bytes, RTL marks, combining
characters, emoji, invalid UTF-8, 5,000-character strings, SQL fragments, FTS5
syntax, repeated and unknown parameters) are sent as query strings to every
public list, search, feed and API endpoint, and as path segments to the date
and article URLs. The Django test client re-raises a view's exception, so any
crash fails the test with its traceback; nothing here catches exceptions.

A draft and a scheduled article, each with a quote, a captioned photo and an
approved comment carrying a unique marker, are planted first: the marker must
never appear, whatever the parameters.
"""

from __future__ import annotations

import ast
import datetime
import re
import uuid
from pathlib import Path
from urllib.parse import quote, urlencode

import hypothesis
import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from articles.models import Article, Caption, Comment, Photo, Quote

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent

ENDPOINTS = [
    "/",
    "/articles/",
    "/quotes/",
    "/photos/",
    "/search/",
    "/districts/",
    "/districts/kalbajar/",
    "/archive/",
    "/archive/2020/",
    "/archive/2020/11/",
    "/archive/2020/11/25/",
    "/feeds/latest/",
    "/districts/kalbajar/feed/",
    "/api/articles/",
    "/api/quotes/",
    "/api/photos/",
    "/api/districts/",
    "/api/people/",
    "/api/sources/",
    "/people/",
    "/people/grigory-grigorian/",
    "/sources/",
    "/sources/france24-com/",
    "/favicon.ico",
    "/articles/export.csv",
    "/quotes/export.csv",
    "/sitemap.xml",
]
PARAMS = [
    "district",
    "date_after",
    "date_before",
    "source",
    "language",
    "q",
    "page",
    "page_size",
    "p",
    "format",
]
# Names no view reads: model fields and ORM lookups a careless view might pass on.
UNKNOWN_PARAMS = [
    "status",
    "headline__startswith",
    "published_at__gte",
    "pk__in",
    "districts__articles__status",
    "o",
    "ordering",
    "__proto__",
    "page[]",
    "q[]",
    "",
    "Q",
    "district ",
]

# Hypothesis settings shared by every property: no deadline (the first request
# of a test warms caches), fixtures are per test on purpose (one planted
# archive, read-only requests), and no example database written into the tree.
HOSTILE = hypothesis.settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
    print_blob=True,
)


def hostile(examples: int) -> hypothesis.settings:
    return hypothesis.settings(HOSTILE, max_examples=examples)


# -- hostile values -----------------------------------------------------------

SQL = [
    "' OR 1=1 --",
    '" OR ""="',
    "1; DROP TABLE articles_article; --",
    "1' UNION SELECT headline FROM articles_article WHERE status='draft' --",
    "%' AND status='draft",
    "') OR ('a'='a",
    "\\'; SELECT 1; --",
    "1/**/OR/**/1=1",
    "status=draft",
    "0x27",
]
FTS5 = [
    '"',
    '""',
    '"unterminated',
    "*",
    "kal*",
    "NEAR(",
    "NEAR(a b, 2)",
    "NEAR()",
    "AND OR",
    "OR",
    "NOT",
    "a AND",
    "^",
    "^kalbajar",
    ":",
    "headline:kalbajar",
    "text:draft",
    "-",
    "-kalbajar",
    "(",
    ")",
    "((a)",
    "a) OR (b",
    "{headline text}: x",
    "+",
    "a + b",
    "[",
    "\\",
    "'",
    "_",
    "__",
    "²",
    "ª",
]
UNICODE = [
    "\x00",
    "Kalbajar\x00",
    "\x00\x00\x00",
    "\u200f\u202eKalbajar\u202c",  # RTL mark, right-to-left override
    "\u202e1202-11-25",
    "Kal\u0301bajar",  # combining acute
    "e" + "\u0301" * 50,  # a letter drowned in combining marks
    "K\u0307\u0323\u0304",
    "\ufeffKalbajar",  # byte-order mark
    "\u00a0\u2003\u3000",  # non-breaking and wide spaces
    "\ue000mark\ue001",  # the private-use characters search uses to mark snippets
    "🏔️👨‍👩‍👧‍👦🇦🇿",
    "Kəlbəcər",
    "KƏLBƏCƏR",
    "ＫＡＬＢＡＪＡＲ",  # full-width
    "١٢٣",  # Arabic-Indic digits: int() accepts them
    "𝟏𝟐",  # mathematical digits
    "\r\n\t",
    "<script>alert(1)</script>",
    "</script><!--",
    "{{ 7*7 }}{% debug %}",
    "%s%s%n",
    "../../etc/passwd",
    '=HYPERLINK("x")',
    "\U0010ffff",
]
DATES = [
    "2020-02-30",
    "2021-02-29",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "9999-12-30",
    "10000-01-01",
    "-2020-11-25",
    "2020-13-01",
    "2020-00-10",
    "2020-11-32",
    "20201125",
    "2020-11-25T00:00:00",
    "2020-11-25 25:61",
    "11/25/2020",
    "25/11/2020",
    "2020/11/25",
    "1e3",
    "now",
    "today",
    "yesterday",
    "2020-11-25\x00",
    "２０２０-１１-２５",
]
NUMBERS = [
    "0",
    "-0",
    "-1",
    "-99999999999999999999",
    "99999999999999999999",
    "9" * 50,
    "9" * 5000,  # past Python's int-from-string digit limit
    "1e309",
    "1.5",
    "nan",
    "inf",
    "-inf",
    "0x10",
    "1_000",
    " 2 ",
    "2\x00",
    "+3",
]

curated = st.sampled_from(SQL + FTS5 + UNICODE + DATES + NUMBERS)
# Any text but lone surrogates (those cannot be UTF-8 encoded: they are sent as raw bytes below).
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
long_text = st.builds(lambda s, n: ((s or "x") * n)[:n], any_text, st.integers(200, 5000))
numbers = st.one_of(st.integers(-(10**30), 10**30).map(str), st.floats(allow_nan=True).map(str))
dates = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.strftime("%m/%d/%Y")),
    st.tuples(st.integers(-10, 20000), st.integers(-5, 20), st.integers(-5, 40)).map(
        lambda t: f"{t[0]}-{t[1]:02d}-{t[2]:02d}"
    ),
)
hostile_value = st.one_of(curated, any_text, long_text, numbers, dates)
param_name = st.one_of(st.sampled_from(PARAMS), st.sampled_from(UNKNOWN_PARAMS), any_text)
# Lists of pairs, so a name may repeat (?district=a&district=b); the known
# parameters are also drawn together, so that combinations (a bad district
# with words to search) come up often rather than by luck.
query_pairs = st.builds(
    lambda known, extra: [*known.items(), *extra],
    st.fixed_dictionaries({}, optional=dict.fromkeys(PARAMS, hostile_value)),
    st.lists(st.tuples(param_name, hostile_value), max_size=4),
).filter(bool)
# Percent-encoded arbitrary bytes: invalid UTF-8, overlong NULs, CESU-8 surrogates.
raw_bytes = st.one_of(
    st.binary(max_size=30),
    st.sampled_from([b"\xed\xa0\x80", b"\xc0\x80", b"\xff\xfe", b"\x80", b"%", b"%%zz", b"\x00"]),
)


# -- the planted archive ------------------------------------------------------


@pytest.fixture
def marker(seed_archive, make_article, kalbajar) -> str:
    """Plant a draft and a scheduled article with every part; return their marker."""
    marker = f"LEAKMARKER-hostile-{uuid.uuid4().hex[:12]}"
    make_article(headline="A public article about Kalbajar", districts=[kalbajar])
    for state, fields in (
        ("draft", {"status": Article.Status.DRAFT}),
        ("scheduled", {"published_at": timezone.now() + datetime.timedelta(days=1)}),
    ):
        article = make_article(
            headline=f"{marker} {state} headline",
            slug=f"{marker.lower()}-{state}",
            summary=f"{marker} summary",
            body=f"{marker} body",
            byline=marker,
            districts=[kalbajar],
            **fields,
        )
        Quote.objects.create(text=f"{marker} quote", article=article, district=kalbajar)
        photo = Photo.objects.create(article=article, district=kalbajar, credit=marker)
        Caption.objects.create(photo=photo, language="en", text=f"{marker} caption")
        Comment.objects.create(article=article, author=marker, body=marker, status="approved")
        article.related.add(seed_archive)
    return marker


def assert_safe(response, marker: str, url: str) -> None:
    assert response.status_code < 500, f"{url} -> {response.status_code}"
    data = b"".join(response.streaming_content) if response.streaming else response.content
    assert marker.lower().encode() not in data.lower(), f"{url} shows the planted draft"


def fetch(client, url: str, marker: str):
    response = client.get(url)
    assert_safe(response, marker, url)
    return response


# -- properties -----------------------------------------------------------------


@hostile(600)
@given(endpoint=st.sampled_from(ENDPOINTS), pairs=query_pairs)
def test_hostile_query_strings_never_cause_a_server_error(client, marker, endpoint, pairs):
    fetch(client, f"{endpoint}?{urlencode(pairs, doseq=True)}", marker)


@hostile(300)
@given(
    endpoint=st.sampled_from(ENDPOINTS),
    name=st.sampled_from(PARAMS),
    chunks=st.lists(raw_bytes, min_size=1, max_size=3),
)
def test_raw_percent_encoded_bytes_never_cause_a_server_error(
    client, marker, endpoint, name, chunks
):
    # Bytes that are not UTF-8 are percent-encoded as they are; Django must decode them itself.
    raw = "&".join(f"{name}={quote(chunk, safe='')}" for chunk in chunks)
    fetch(client, f"{endpoint}?{raw}", marker)


@hostile(300)
@given(
    endpoint=st.sampled_from(ENDPOINTS),
    after=st.one_of(st.sampled_from(DATES), dates),
    before=st.one_of(st.sampled_from(DATES), dates),
)
def test_any_date_bounds_answer_without_a_server_error(client, marker, endpoint, after, before):
    fetch(client, f"{endpoint}?{urlencode({'date_after': after, 'date_before': before})}", marker)


@hostile(250)
@given(
    endpoint=st.sampled_from(ENDPOINTS),
    page=st.one_of(st.sampled_from(NUMBERS), numbers),
    # Often a valid size, so that the page number itself is what gets tested.
    size=st.one_of(st.integers(1, 100).map(str), st.sampled_from(NUMBERS), numbers),
    name=st.sampled_from(["page", "p"]),
)
def test_any_page_numbers_answer_without_a_server_error(client, marker, endpoint, page, size, name):
    fetch(client, f"{endpoint}?{urlencode({name: page, 'page_size': size})}", marker)


@hostile(250)
@given(
    endpoint=st.sampled_from(["/search/", "/articles/", "/api/articles/", "/quotes/"]),
    words=st.lists(st.one_of(st.sampled_from(FTS5 + SQL + UNICODE), any_text), max_size=8),
    separator=st.sampled_from([" ", "", ",", " AND ", " OR ", "\x00"]),
    page=st.integers(-5, 10**25),
)
def test_search_syntax_is_only_words(client, marker, endpoint, words, separator, page):
    q = separator.join(words)
    fetch(client, f"{endpoint}?{urlencode({'q': q, 'page': page})}", marker)


@hostile(150)
@given(
    name=st.one_of(
        any_text.filter(lambda s: "/" not in s),
        st.sampled_from(UNICODE + SQL + ["..", "../..", "renditions", "originals"]),
    ),
    prefix=st.sampled_from(["", "photos/", "photos/2020/11/", "renditions/1/", "originals/"]),
    pk=st.one_of(st.integers(-5, 10**30), st.sampled_from(["١٢", "𝟏", "0x1"])),
)
def test_any_media_path_is_a_file_or_a_404(client, marker, name, prefix, pk):
    # media/<path:name> takes anything; the view must answer 404 for whatever is not a
    # public photo's file, NUL bytes and rendition ids past any integer included.
    for path in (f"{prefix}{name}", f"renditions/{pk}/{name}.webp"):
        url = "/media/" + quote(path)
        assert fetch(client, url, marker).status_code in (200, 404), url


@hostile(200)
@given(
    year=st.one_of(st.integers(0, 10**25), st.sampled_from([1, 2, 2020, 9998, 9999, 10000])),
    month=st.one_of(st.integers(0, 10**20), st.sampled_from([1, 11, 12, 13])),
    day=st.one_of(st.integers(0, 10**20), st.sampled_from([1, 25, 28, 29, 30, 31, 32])),
    slug=st.from_regex(r"[-a-zA-Z0-9_]{1,60}", fullmatch=True),
    zero_padded=st.booleans(),
)
def test_any_date_in_a_path_is_a_page_or_a_404(client, marker, year, month, day, slug, zero_padded):
    # The URL patterns take any run of digits; the views must turn impossible dates into 404s.
    m, d = (f"{month:02d}", f"{day:02d}") if zero_padded else (month, day)
    for url in (
        f"/archive/{year}/",
        f"/archive/{year}/{m}/",
        f"/archive/{year}/{m}/{d}/",
        f"/articles/{year}/{m}/{d}/{slug}/",
    ):
        assert fetch(client, url, marker).status_code in (200, 404), url


CALENDAR_ENDS = [
    "/archive/1/",
    "/archive/1/1/1/",
    "/archive/9999/",
    "/archive/9999/12/",
    "/archive/9999/12/31/",
    "/articles/1/01/01/x/",
    "/articles/9999/12/31/x/",
    "/articles/?date_after=0001-01-01",
    "/articles/?date_before=9999-12-31",
    "/articles/?date_after=0001-01-02&date_before=9999-12-30",
    "/quotes/?date_after=0001-01-01&date_before=9999-12-31",
    "/photos/?date_before=9999-12-31",
    "/api/articles/?date_after=0001-01-01&date_before=9999-12-31",
    "/search/?q=kalbajar&date_after=0001-01-01&date_before=9999-12-31",
    "/districts/kalbajar/?date_before=9999-12-31",
]


@pytest.mark.parametrize("zone", ["UTC", "Asia/Baku", "America/Los_Angeles", "Pacific/Kiritimati"])
def test_the_ends_of_the_calendar_answer_in_any_time_zone(client, marker, settings, zone):
    # Midnight of 0001-01-01 east of UTC, or the day after 9999-12-31, cannot be a datetime.
    settings.TIME_ZONE = zone
    for url in CALENDAR_ENDS:
        fetch(client, url, marker)


def test_words_with_an_invalid_filter_find_nothing_instead_of_failing(client, marker):
    # An invalid filter selects .none(), which has no SQL for search to embed (was a 500).
    for district in ("nowhere", "\x00", "x" * 500, "Kalbajar,nowhere"):
        for q in ("kalbajar", "armenia azerbaijan"):
            query = urlencode({"q": q, "district": district})
            response = fetch(client, f"/search/?{query}", marker)
            assert response.status_code == 200
            assert "No place is called" in response.content.decode()


def test_an_api_page_far_past_the_end_is_empty_not_an_error(client, marker):
    for url in ("/api/articles/", "/api/quotes/", "/api/photos/", "/api/districts/"):
        response = fetch(client, f"{url}?page={10**20}&page_size=100", marker)
        assert response.status_code == 200
        body = response.json()
        assert body["results"] == [] and body["next"] is None


def test_full_date_ranges_select_every_public_article(client, marker):
    # The ends of the calendar bound nothing: they select the same articles as no bound.
    everything = client.get("/api/articles/").json()["count"]
    ends = {"date_after": "0001-01-01", "date_before": "9999-12-31"}
    assert client.get("/api/articles/", ends).json()["count"] == everything > 0


# -- no request parameter reaches the ORM as keyword arguments ---------------------

ORM_PROBES = [
    {"status": "draft"},
    {"status": ["draft", "published"]},
    {"headline__startswith": "LEAKMARKER"},
    {"headline__icontains": "leakmarker"},
    {"published_at__gte": "2000-01-01"},
    {"published_at__gt": "2100-01-01"},
    {"districts__articles__status": "draft"},
    {"pk__in": "1,2,3,4,5,6,7,8,9,10"},
    {"id__gt": "0"},
    {"article__status": "draft"},
    {"slug__contains": "leakmarker"},
    {"comments__status": "pending"},
    {"related__status": "draft"},
    {"ordering": "-status"},
    {"o": "status"},
]


ORM_PROBED = [
    "/articles/",
    "/quotes/",
    "/photos/",
    "/api/articles/",
    "/api/quotes/",
    "/api/photos/",
    "/search/",
    "/districts/kalbajar/",
    "/articles/export.csv",
    "/feeds/latest/",
]


@pytest.mark.parametrize("endpoint", ORM_PROBED)
def test_orm_lookups_in_the_query_string_reveal_nothing(client, marker, endpoint):
    plain = fetch(client, endpoint, marker)
    for probe in ORM_PROBES:
        probed = fetch(client, f"{endpoint}?{urlencode(probe, doseq=True)}", marker)
        assert probed.status_code == plain.status_code, probe
        if endpoint.startswith("/api/"):
            # Unknown names are ignored: the same records, not more.
            assert probed.json()["count"] == plain.json()["count"], probe


PUBLIC_CODE = [
    *sorted((ROOT / "articles" / "views").glob("*.py")),
    *(ROOT / "articles" / name for name in ("filters.py", "search.py", "feeds.py", "sitemaps.py")),
    ROOT / "articles" / "pagination.py",
]


def _mentions_request(node: ast.AST) -> bool:
    return any(
        (isinstance(n, ast.Name) and n.id in ("request", "data", "params", "GET"))
        or (isinstance(n, ast.Attribute) and n.attr in ("GET", "POST", "data", "query_params"))
        for n in ast.walk(node)
    )


@pytest.mark.parametrize("path", PUBLIC_CODE, ids=lambda p: p.name)
def test_no_view_passes_request_data_to_the_orm_as_keyword_arguments(path):
    source = path.read_text(encoding="utf-8")
    assert not re.search(r"\*\*\s*(request|self\.request)\b", source), path
    assert "**request.GET" not in source and "filter(**request" not in source
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            if keyword.arg is not None:
                continue
            # **{...}: only literal dicts whose keys are built from code, never from the request.
            spread = keyword.value
            assert isinstance(spread, ast.Dict), (
                f"{path.name}:{node.lineno} spreads a non-literal mapping into a call"
            )
            assert not any(_mentions_request(key) for key in spread.keys if key is not None), (
                f"{path.name}:{node.lineno} builds ORM lookups from request data"
            )


@pytest.fixture
def csrf_client():
    from django.test import Client

    checked = Client(enforce_csrf_checks=True)
    checked.cookies["csrftoken"] = "a" * 32
    return checked


@pytest.mark.parametrize(
    "content_type",
    [
        "application/x-www-form-urlencoded; charset=latin-1",
        "application/x-www-form-urlencoded; charset=utf-16",
        "multipart/form-data; boundary=",
    ],
)
def test_a_form_that_cannot_be_read_is_a_bad_request_and_saves_nothing(
    csrf_client, seed_archive, content_type
):
    comments = Comment.objects.count()
    pages = ["/", "/articles/", "/search/", seed_archive.get_comment_url()]
    for page in pages:
        response = csrf_client.post(page, "author=a&body=b", content_type=content_type)
        assert response.status_code == 400, page
        assert "This form could not be read" in response.content.decode()
    assert Comment.objects.count() == comments


def test_a_form_with_too_many_fields_is_a_bad_request(csrf_client, seed_archive):
    fields = "&".join(f"k{n}=v" for n in range(1_500))
    response = csrf_client.post(
        seed_archive.get_comment_url(), fields, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400


def test_a_form_whose_sender_went_away_is_a_bad_request_not_a_server_error(rf):
    from django.http import HttpResponse

    from articles.middleware import UnreadableFormMiddleware

    class Broken:
        def read(self, *args):
            raise OSError("client disconnected")

    request = rf.post("/articles/", {"author": "a"})
    request._stream = Broken()
    response = UnreadableFormMiddleware(lambda r: HttpResponse())(request)
    assert response.status_code == 400
