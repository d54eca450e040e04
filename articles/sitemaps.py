"""Sitemaps of public pages (Django's sitemaps framework)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article, District


class PageInEveryLanguage(Sitemap):
    """Each page once per language, each entry naming the others (hreflang alternates)."""

    i18n = True
    alternates = True
    x_default = True


class ArticleSitemap(PageInEveryLanguage):
    changefreq = "monthly"
    limit = 2500  # two languages each: 5,000 URLs per sitemap page

    def items(self):
        return Article.objects.published().only("slug", "published_at", "updated_at")

    def lastmod(self, item: Article):
        return item.updated_at


class DistrictSitemap(PageInEveryLanguage):
    changefreq = "weekly"

    def items(self):
        return District.objects.all()


class PageSitemap(PageInEveryLanguage):
    changefreq = "daily"

    def items(self):
        return ["home", "article-list", "district-list", "quote-list", "photo-list"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {"articles": ArticleSitemap, "districts": DistrictSitemap, "pages": PageSitemap}
