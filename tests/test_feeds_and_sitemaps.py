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
    pages = re.findall(r"<loc>http://testserver(/sitemap-articles\.xml[^<]*)</loc>", index)
    assert len(pages) == 5  # five articles in two languages, two addresses a page
    listed = [
        re.findall(r"<loc>http://testserver([^<]*)</loc>", client.get(page).content.decode())
        for page in pages
    ]
    assert [len(addresses) for addresses in listed] == [2, 2, 2, 2, 2]
    expected = []
    for article in articles:
        url = article.get_absolute_url()
        expected += [url, f"/fr{url}"]
    assert [address for addresses in listed for address in addresses] == expected
    assert "<lastmod>" in index


def test_a_sitemap_page_reads_only_its_own_articles(client, make_article, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.sitemaps import ArticleSitemap

    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    for _ in range(5):
        make_article()
    with CaptureQueriesContext(connection) as queries:
        client.get("/sitemap-articles.xml?p=3")
    reads = [q["sql"] for q in queries if q["sql"].startswith('SELECT "articles_article"."id"')]
    assert reads and all("LIMIT 1 OFFSET 2" in sql for sql in reads)


def test_robots_txt_names_the_sitemap(client, db):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
