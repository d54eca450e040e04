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
