"""A page for each person quoted and each source, with their public coverage only."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, District, Person, Quote, Source

pytestmark = pytest.mark.django_db

DAY = timezone.make_aware(datetime.datetime(2020, 11, 25, 10, 0))


@pytest.fixture
def speaker(db) -> Person:
    return Person.objects.create(name="Synthetic Speaker", description="synthetic spokesperson")


def quote(article: Article, speaker: Person | None, text: str, described: str = "") -> Quote:
    description = described or (speaker.description if speaker else "")
    return Quote.objects.create(
        article=article, speaker=speaker, text=text, speaker_description=description
    )


def page(client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


# -- a person's page -----------------------------------------------------------------------


def test_a_person_page_lists_their_public_quotes_newest_first_with_article_date_and_places(
    client, make_article, speaker, kalbajar
):
    older = make_article(headline="Synthetic older story", published_at=DAY, districts=[kalbajar])
    newer = make_article(headline="Synthetic newer story", published_at=DAY.replace(day=27))
    quote(older, speaker, "Synthetic older words")
    quote(newer, speaker, "Synthetic newer words")
    quote(newer, None, "Synthetic words of nobody in particular")

    body = page(client, "/people/synthetic-speaker/")

    assert "<h1>Synthetic Speaker</h1>" in body
    assert body.index("Synthetic newer words") < body.index("Synthetic older words")
    assert f'href="{older.get_absolute_url()}"' in body and "Synthetic older story" in body
    assert 'href="/archive/2020/11/25/"' in body  # the article's date, linked to its day
    assert 'href="/districts/kalbajar/">Kalbajar</a>' in body  # the article's places
    assert "nobody in particular" not in body


def test_a_person_page_gives_their_description_and_how_often_they_were_quoted(
    client, make_article, speaker
):
    first = make_article(published_at=DAY)
    quote(first, speaker, "Synthetic one")
    quote(first, speaker, "Synthetic two")
    quote(make_article(published_at=DAY.replace(day=30)), speaker, "Synthetic three")

    body = page(client, speaker.get_absolute_url())

    assert "Described in the archive as" in body
    assert re.search(r'<span class="role" lang="en">synthetic spokesperson</span>', body)
    assert "Quoted 3 times, in 2 articles, 25" in body


def test_a_person_page_shows_each_description_the_coverage_gave_over_time(
    client, make_article, speaker
):
    quote(make_article(published_at=DAY), speaker, "Synthetic one", "synthetic deputy")
    later = make_article(published_at=DAY.replace(day=30))
    quote(later, speaker, "Synthetic two", "synthetic minister")
    hidden = make_article(status=Article.Status.DRAFT)
    quote(hidden, speaker, "Synthetic hidden", "synthetic draft-only title")

    body = page(client, speaker.get_absolute_url())

    assert body.index("synthetic deputy") < body.index("synthetic minister")
    assert "synthetic draft-only title" not in body
    listed = page(client, "/people/")
    assert "synthetic minister" in listed and "synthetic deputy" not in listed


def test_people_quoted_only_in_hidden_articles_have_no_page(client, make_article, speaker):
    quote(make_article(status=Article.Status.DRAFT), speaker, "Synthetic draft words")
    scheduled = make_article(published_at=timezone.now() + datetime.timedelta(days=1))
    quote(scheduled, speaker, "Synthetic scheduled words")
    Person.objects.create(name="Synthetic Never Quoted")

    assert client.get("/people/synthetic-speaker/").status_code == 404
    assert client.get("/fr/people/synthetic-speaker/").status_code == 404
    assert client.get("/people/synthetic-never-quoted/").status_code == 404
    assert client.get("/people/no-such-person/").status_code == 404
    assert "Synthetic Speaker" not in page(client, "/people/")
    assert client.get("/api/people/").json()["count"] == 0
    assert "synthetic-speaker" not in client.get("/sitemap-people.xml").content.decode()


def test_a_person_page_never_shows_their_words_from_hidden_articles(client, make_article, speaker):
    quote(make_article(), speaker, "Synthetic public words")
    quote(make_article(status=Article.Status.DRAFT), speaker, "Synthetic draft words")
    withdrawn = make_article(headline="Synthetic withdrawn story")
    quote(withdrawn, speaker, "Synthetic withdrawn words")
    withdrawn.status = Article.Status.DRAFT
    withdrawn.save()

    body = page(client, speaker.get_absolute_url())

    assert "Synthetic public words" in body
    assert "draft words" not in body and "withdrawn" not in body
    assert "Quoted once, in 1 article" in body


def test_a_person_page_is_paginated_and_survives_any_page_number(client, make_article, speaker):
    article = make_article()
    for n in range(25):
        quote(article, speaker, f"Synthetic numbered words {n:02d}")

    first = page(client, speaker.get_absolute_url())
    second = page(client, speaker.get_absolute_url(), page="2")

    assert first.count('<figure class="quote">') == 20
    assert second.count('<figure class="quote">') == 5
    assert 'rel="next" href="?page=2"' in first
    assert "is not a page number" in page(client, speaker.get_absolute_url(), page="x")
    assert "There is no page 99" in page(client, speaker.get_absolute_url(), page="99")


def test_a_speakers_name_links_to_their_page_wherever_a_quote_is_shown(
    client, make_article, speaker, kalbajar
):
    article = make_article(districts=[kalbajar])
    Quote.objects.create(article=article, speaker=speaker, text="Synthetic", district=kalbajar)
    link = '<a class="speaker" href="/people/synthetic-speaker/">Synthetic Speaker</a>'
    for url in (article.get_absolute_url(), "/quotes/", "/districts/kalbajar/"):
        assert link in page(client, url), url
    assert '<a class="speaker" href="/fr/people/synthetic-speaker/">' in page(client, "/fr/quotes/")


def test_the_people_index_lists_speakers_with_public_quotes_and_their_counts(
    client, make_article, speaker
):
    article = make_article()
    quote(article, speaker, "Synthetic one")
    quote(article, speaker, "Synthetic two")
    other = Person.objects.create(name="Synthetic Other Speaker")
    quote(article, other, "Synthetic three")
    quote(make_article(status=Article.Status.DRAFT), other, "Synthetic hidden")

    body = page(client, "/people/")

    assert '<h2 class="result-count">2 speakers</h2>' in body
    assert re.search(r'href="/people/synthetic-speaker/">Synthetic Speaker</a>.*?2 quotes', body)
    assert re.search(r'href="/people/synthetic-other-speaker/">[^<]*</a>.*?1 quote<', body)


def test_a_person_quoted_in_the_sample_capture_has_a_page(client, seed_archive):
    grigorian = Person.objects.get(name="Grigory Grigorian")
    body = page(client, grigorian.get_absolute_url())
    assert grigorian.get_absolute_url() == "/people/grigory-grigorian/"
    assert seed_archive.headline in body
    assert "Grigory Grigorian" in page(client, "/people/")


# -- a source's page ----------------------------------------------------------------------


def test_a_source_page_shows_its_name_domain_kind_coverage_over_time_and_latest_articles(
    client, make_article, source
):
    make_article(headline="Synthetic first story", published_at=DAY)
    make_article(headline="Synthetic second story", published_at=DAY.replace(day=27))
    make_article(headline="Synthetic hidden story", status=Article.Status.DRAFT)

    body = page(client, "/sources/example-org/")

    assert "<h1>Example Outlet</h1>" in body and "example.org" in body and "Outlet" in body
    assert body.index("Synthetic second story") < body.index("Synthetic first story")
    assert "Synthetic hidden story" not in body
    assert '<span class="count">2</span>' in body
    # The chart: one row, each day with articles linking to that source's articles that day.
    assert 'class="coverage-chart"' in body and "Coverage from Example Outlet over time" in body
    cell = "/articles/?source=example.org&amp;date_after=2020-11-25&amp;date_before=2020-11-25"
    assert f'href="{cell}"' in body
    listed = page(client, "/articles/", source="example.org", date_after="2020-11-25")
    assert "Synthetic first story" in listed


def test_a_source_with_no_public_article_has_no_page(client, make_article):
    hidden = Source.objects.create(name="Synthetic Hidden Outlet", domain="hidden.example")
    make_article(source=hidden, status=Article.Status.DRAFT)
    make_article(source=hidden, published_at=timezone.now() + datetime.timedelta(days=1))
    Source.objects.create(name="Synthetic Empty Outlet", domain="empty.example")

    for url in ("/sources/hidden-example/", "/sources/empty-example/", "/sources/nope/"):
        assert client.get(url).status_code == 404, url
    assert "Synthetic Hidden Outlet" not in page(client, "/sources/")
    assert client.get("/api/sources/").json()["count"] == 0
    assert "hidden-example" not in client.get("/sitemap-sources.xml").content.decode()


def test_an_articles_source_links_to_its_page_on_the_article_and_in_lists(
    client, make_article, source
):
    article = make_article()
    link = 'href="/sources/example-org/">Example Outlet</a>'
    for url in (article.get_absolute_url(), "/articles/", "/"):
        assert link in page(client, url), url


def test_the_sources_index_lists_sources_of_public_articles_with_their_counts(
    client, make_article, source
):
    make_article()
    make_article()
    body = page(client, "/sources/")
    assert '<h2 class="result-count">1 source</h2>' in body
    assert re.search(r'href="/sources/example-org/">Example Outlet</a>.*?2 articles', body)


def test_the_sample_source_has_a_page(client, seed_archive):
    assert seed_archive.source.get_absolute_url() == "/sources/france24-com/"
    assert seed_archive.headline in page(client, "/sources/france24-com/")


# -- slugs ---------------------------------------------------------------------------------


def test_people_and_sources_get_readable_unique_slugs_however_they_are_created():
    created = Person.objects.create(name="Elçin Əmirbəyov")
    same = Person.objects.create(name="elçin əmirbəyov")
    bulk = Person.objects.bulk_create(
        [Person(name="Elcin Emirbeyov!"), Person(name="Ильхам"), Person(name="Нигяр")]
    )
    assert created.slug == "elcin-emirbeyov" and same.slug == "elcin-emirbeyov-2"
    assert [p.slug for p in bulk] == ["elcin-emirbeyov-3", "person", "person-2"]
    assert sorted(Person.objects.values_list("slug", flat=True)) == sorted(
        ["elcin-emirbeyov", "elcin-emirbeyov-2", "elcin-emirbeyov-3", "person", "person-2"]
    )
    source = Source.objects.create(name="Synthetic News", domain="news.example")
    assert source.slug == "news-example"
    # Kept when the name changes: the page does not move.
    created.name = "Synthetic Renamed"
    created.save()
    created.refresh_from_db()
    assert created.slug == "elcin-emirbeyov"


def test_imported_speakers_and_sources_get_slugs(seed_archive):
    assert Source.objects.get(domain="france24.com").slug == "france24-com"
    assert Person.objects.exists()
    assert not Person.objects.filter(slug="").exists()


# -- the API and the sitemap ---------------------------------------------------------------


def test_the_api_lists_people_and_sources_with_their_pages(client, make_article, speaker):
    article = make_article()
    quote(article, speaker, "Synthetic words")
    people = client.get("/api/people/").json()
    assert set(people) == {"count", "next", "previous", "results"}
    assert people["results"] == [
        {
            "slug": "synthetic-speaker",
            "name": "Synthetic Speaker",
            "description": "synthetic spokesperson",
            "kind": "person",
            "quotes": 1,
            "url": "http://testserver/people/synthetic-speaker/",
        }
    ]
    sources = client.get("/api/sources/").json()
    assert sources["results"] == [
        {
            "slug": "example-org",
            "name": "Example Outlet",
            "domain": "example.org",
            "kind": "outlet",
            "articles": 1,
            "url": "http://testserver/sources/example-org/",
            "api_articles": "http://testserver/api/articles/?source=example.org",
        }
    ]
    assert client.get(sources["results"][0]["api_articles"]).json()["count"] == 1
    assert client.get("/api/people/", {"page": "abc"}).status_code == 400


def test_the_sitemap_lists_people_and_sources_with_public_content_in_both_languages(
    client, make_article, speaker
):
    quote(make_article(), speaker, "Synthetic words")
    index = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/sitemap-people.xml" in index
    assert "http://testserver/sitemap-sources.xml" in index
    people = client.get("/sitemap-people.xml").content.decode()
    assert "http://testserver/people/synthetic-speaker/" in people
    assert "http://testserver/fr/people/synthetic-speaker/" in people
    sources = client.get("/sitemap-sources.xml").content.decode()
    assert "http://testserver/sources/example-org/" in sources
    pages = client.get("/sitemap-pages.xml").content.decode()
    assert "http://testserver/people/" in pages and "http://testserver/fr/sources/" in pages


# -- French --------------------------------------------------------------------------------


def test_the_pages_work_in_french_at_their_french_addresses(client, make_article, speaker):
    article = make_article()
    address = article.get_absolute_url()  # in English: a French request leaves French active
    quote(article, speaker, "Synthetic words")
    for url in ("/fr/people/", "/fr/people/synthetic-speaker/", "/fr/sources/"):
        body = page(client, url)
        assert '<html lang="fr">' in body, url
    body = page(client, "/fr/sources/example-org/")
    assert '<html lang="fr">' in body
    assert "/fr/articles/" in body  # the chart and the articles stay in French
    body = page(client, "/fr/people/synthetic-speaker/")
    assert f'href="/fr{address}"' in body


# -- queries -------------------------------------------------------------------------------


def fill(make_article, count: int, start: int = 0) -> None:
    """``count`` articles, each quoting one more person and the one speaker every time."""
    kalbajar, lachin = District.objects.get(name="Kalbajar"), District.objects.get(name="Lachin")
    regular, _ = Person.objects.get_or_create(name="Synthetic Regular")
    for n in range(start, start + count):
        article = make_article(published_at=DAY, districts=[kalbajar, lachin])
        source = Source.objects.create(name=f"Synthetic Outlet {n}", domain=f"o{n}.example")
        make_article(published_at=DAY, source=source)
        quote(article, regular, f"Synthetic words {n}")
        quote(article, Person.objects.create(name=f"Synthetic Speaker {n}"), f"Synthetic {n}")


def queries(client, url: str) -> int:
    """Queries of a request once the process's caches are warm."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        "/people/",
        "/people/synthetic-regular/",
        "/fr/people/synthetic-regular/",
        "/sources/",
        "/sources/example-org/",
        "/api/people/",
        "/api/sources/",
        "/sitemap-people.xml",
        "/sitemap-sources.xml",
    ],
)
def test_people_and_source_pages_run_the_same_queries_for_2_or_25_items(client, make_article, url):
    fill(make_article, 2)
    few = queries(client, url)
    fill(make_article, 23, start=2)
    assert queries(client, url) == few


# -- upgrading -----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_upgrading_gives_the_people_and_sources_already_stored_their_slugs():
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("articles", "0019_web_capture_provenance")])
    old = executor.loader.project_state([("articles", "0019_web_capture_provenance")]).apps
    OldPerson, OldSource = old.get_model("articles", "Person"), old.get_model("articles", "Source")
    for name in ("Synthetic Upgrade Speaker", "synthetic upgrade speaker", "Синтетический"):
        OldPerson.objects.create(name=name)
    OldSource.objects.create(name="Synthetic Upgrade Outlet", domain="upgrade.example")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    slugs = dict(Person.objects.values_list("name", "slug"))
    assert slugs["Synthetic Upgrade Speaker"] == "synthetic-upgrade-speaker"
    assert slugs["synthetic upgrade speaker"] == "synthetic-upgrade-speaker-2"
    assert slugs["Синтетический"] == "person"
    assert Source.objects.get(domain="upgrade.example").slug == "upgrade-example"
    # New records after the upgrade are numbered past the old ones.
    assert Person.objects.create(name="Synthetic Upgrade Speaker!").slug == (
        "synthetic-upgrade-speaker-3"
    )
