"""/districts/: the gazetteer for readers, and each place with its coverage."""

import pytest

from articles.models import Article, District

pytestmark = pytest.mark.django_db


def test_districts_are_grouped_with_their_aliases_and_places_within(client):
    body = client.get("/districts/").content.decode()
    assert "Kəlbəcər, Kelbajar, Kalbacar" in body or "Kalbacar" in body
    assert "Karvachar" in body
    assert 'href="/districts/dadivank/">Dadivank</a>' in body
    assert "Nagorno-Karabakh" in body


def test_a_district_page_names_it_every_way_and_shows_its_timeline(client):
    body = client.get("/districts/kalbajar/").content.decode()
    assert "Also known as" in body and "Karvachar" in body and "Kəlbəcər" in body
    assert "Azerbaijani forces enter Kalbajar" in body
    assert 'href="/districts/charektar/">Charektar</a>' in body


def test_a_landmark_page_links_to_its_district(client):
    body = client.get("/districts/dadivank/").content.decode()
    assert 'href="/districts/kalbajar/">Kalbajar</a>' in body


def test_a_district_page_lists_coverage_of_places_within_it(client, make_article):
    dadivank = District.objects.get(name="Dadivank")
    article = make_article(headline="Synthetic monastery report", districts=[dadivank])
    make_article(
        headline="Synthetic draft report", districts=[dadivank], status=Article.Status.DRAFT
    )
    response = client.get("/districts/kalbajar/")
    assert list(response.context["articles"]) == [article]


def test_the_date_filter_applies_on_a_district_page(client, seed_archive):
    assert (
        client.get("/districts/kalbajar/", {"date_after": "2020-11-25"})
        .context["page_obj"]
        .paginator.count
        >= 1
    )
    response = client.get("/districts/kalbajar/", {"date_after": "2021-01-01"})
    assert response.context["page_obj"].paginator.count == 0
    assert response.context["quotes"].count() == 0


def test_quotes_and_photos_of_the_district_are_shown(client, seed_archive):
    body = client.get("/districts/kalbajar/").content.decode()
    assert "Grigory Grigorian" in body
    assert "© Alexander Nemenov, AFP" in body


def test_an_unknown_district_is_not_found(client, db):
    assert client.get("/districts/atlantis/").status_code == 404


@pytest.fixture
def filed_mostly_in_kalbajar(make_article, kalbajar):
    """Thirty public articles in Kalbajar (some through a village of it, one
    through both), ten elsewhere, a draft: Kalbajar holds most of the archive."""
    import datetime

    from django.utils import timezone

    charektar = District.objects.get(name="Charektar")
    lachin = District.objects.get(name="Lachin")
    now = timezone.now()
    for n in range(40):
        places = [lachin] if n % 4 == 3 else [[kalbajar], [charektar], [kalbajar, charektar]][n % 3]
        make_article(published_at=now - datetime.timedelta(hours=n + 1), districts=places)
    make_article(districts=[kalbajar], status=Article.Status.DRAFT)


def listed(client, url, **params):
    response = client.get(url, params)
    return response.context["page_obj"].paginator.count, list(response.context["articles"])


def test_a_district_page_lists_and_counts_what_the_archive_list_does(
    client, filed_mostly_in_kalbajar
):
    for page in (1, 2):
        district_page = listed(client, "/districts/kalbajar/", page=page)
        archive_list = listed(client, "/articles/", district="kalbajar", page=page)
        assert district_page == archive_list
        assert district_page[0] == 30
    places = client.get("/districts/").content.decode()
    assert 'href="/districts/kalbajar/">Kalbajar</a> <span class="count">30 articles<' in places


def test_a_district_pages_count_is_kept_until_content_changes(client, filed_mostly_in_kalbajar):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def article_counts(**params):
        with CaptureQueriesContext(connection) as queries:
            client.get("/districts/kalbajar/", params)
        counting = 'SELECT COUNT(*) AS "__count" FROM "articles_article"'
        return len([q for q in queries if q["sql"].startswith(counting)])

    article_counts()
    assert article_counts() == 0
    assert article_counts(language="en") == 1


def test_a_district_pages_quotes_and_photos_are_its_latest_on_every_page(
    client, filed_mostly_in_kalbajar, kalbajar
):
    from articles.models import Photo, Quote

    articles = Article.objects.published().order_by("-published_at")
    for n, article in enumerate(articles.filter(districts=kalbajar)[:12]):
        Quote.objects.create(text=f"Synthetic quote {n}", article=article, district=kalbajar)
        Photo.objects.create(article=article, district=kalbajar, credit=f"Synthetic credit {n}")
    first = client.get("/districts/kalbajar/").context
    second = client.get("/districts/kalbajar/", {"page": 2}).context
    assert [q.text for q in first["quotes"]] == [f"Synthetic quote {n}" for n in range(10)]
    assert [p.credit for p in first["photos"]] == [f"Synthetic credit {n}" for n in range(8)]
    assert list(second["quotes"]) == list(first["quotes"])
    assert list(second["photos"]) == list(first["photos"])


def test_a_district_page_offers_only_the_date_filters(client, db):
    body = client.get("/districts/kalbajar/").content.decode()
    form = body[body.index('<form class="filters"') : body.index("</form>", body.index("filters"))]
    assert 'name="date_after"' in form and 'name="date_before"' in form
    for hidden in ("district", "source", "language", "q"):
        assert f'name="{hidden}"' not in form


def test_an_article_naming_a_region_is_listed_and_counted_there(client, seed_archive):
    region = client.get("/districts/nagorno-karabakh/")
    assert list(region.context["articles"]) == [seed_archive]
    places = client.get("/districts/").context["groups"]
    counts = {place.name: place.article_count for _heading, group in places for place in group}
    assert counts["Nagorno-Karabakh"] == 1


def test_a_region_counts_the_coverage_of_its_districts_and_their_villages(client, make_article):
    region = District.objects.get(name="Nagorno-Karabakh")
    District.objects.filter(name="Kalbajar").update(parent=region)
    make_article(districts=[District.objects.get(name="Kalbajar")])
    make_article(districts=[District.objects.get(name="Dadivank")])
    make_article(districts=[District.objects.get(name="Lachin")])
    places = client.get("/districts/").context["groups"]
    counts = {place.name: place.article_count for _heading, group in places for place in group}
    assert counts["Nagorno-Karabakh"] == 2
    assert len(client.get("/districts/nagorno-karabakh/").context["articles"]) == 2
