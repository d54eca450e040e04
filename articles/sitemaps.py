"""Sitemaps of public pages (Django's sitemaps framework)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article, District


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Article.objects.published().only("slug", "published_at", "updated_at")

    def lastmod(self, item: Article):
        return item.updated_at


class DistrictSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return District.objects.all()


class PageSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["home", "article-list", "district-list", "quote-list", "photo-list"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {"articles": ArticleSitemap, "districts": DistrictSitemap, "pages": PageSitemap}
