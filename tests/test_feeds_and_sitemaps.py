"""Feeds, sitemap and robots.txt list public coverage only."""

import pytest

from articles.models import Article

pytestmark = pytest.mark.django_db


def test_latest_feed_lists_public_articles_only(client, make_article):
    make_article(headline="Synthetic public")
    make_article(headline="Synthetic hidden draft", status=Article.Status.DRAFT)
    body = client.get("/feeds/latest/").content.decode()
    assert "Synthetic public" in body and "Synthetic hidden draft" not in body


def test_district_feed_lists_its_coverage(client, seed_archive):
    body = client.get("/districts/kalbajar/feed/").content.decode()
    assert seed_archive.headline in body
    assert client.get("/districts/atlantis/feed/").status_code == 404


def test_sitemap_lists_article_urls(client, seed_archive, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    body = client.get("/sitemap.xml").content.decode()
    assert seed_archive.get_absolute_url() in body
    assert draft.get_absolute_url() not in body


def test_robots_txt_names_the_sitemap(client, db):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
