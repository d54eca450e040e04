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
    index = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/sitemap-articles.xml" in index
    body = client.get("/sitemap-articles.xml").content.decode()
    assert seed_archive.get_absolute_url() in body
    assert draft.get_absolute_url() not in body


def test_the_sitemap_index_leads_to_every_article_however_many(client, make_article, monkeypatch):
    import datetime
    import re

    from django.utils import timezone

    from articles.sitemaps import ArticleSitemap

    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    now = timezone.now()
    articles = [make_article(published_at=now - datetime.timedelta(hours=n)) for n in range(1, 6)]
    index = client.get("/sitemap.xml").content.decode()
    pages = re.findall(r"<loc>http://testserver(/sitemap-articles(?:-fr)?\.xml[^<]*)</loc>", index)
    assert len(pages) == 6  # five articles in each of two languages, two addresses a page
    listed = [
        re.findall(r"<loc>http://testserver([^<]*)</loc>", client.get(page).content.decode())
        for page in pages
    ]
    assert [len(addresses) for addresses in listed] == [2, 2, 1, 2, 2, 1]
    urls = [article.get_absolute_url() for article in articles]
    assert [address for addresses in listed for address in addresses] == [
        *urls,
        *(f"/fr{url}" for url in urls),
    ]
    assert "<lastmod>" in index


def test_a_sitemap_page_lists_its_own_articles_in_a_fixed_number_of_queries(
    client, make_article, monkeypatch, django_assert_max_num_queries
):
    import re

    from articles.sitemaps import ArticleSitemap

    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    articles = [make_article() for _ in range(5)]
    with django_assert_max_num_queries(3):
        page = client.get("/sitemap-articles.xml?p=3").content.decode()
    oldest = articles[0].get_absolute_url()
    assert re.findall(r"<loc>http://testserver([^<]*)</loc>", page) == [oldest]


def test_robots_txt_names_the_sitemap(client, db):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
