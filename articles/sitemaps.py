"""Sitemaps of public pages (Django's sitemaps framework)."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from django.utils import translation

from .models import Article, District, Person, Source


class PageInEveryLanguage(Sitemap):
    """Each page once per language, each entry naming the others (hreflang alternates)."""

    i18n = True
    alternates = True
    x_default = True


class ArticleSitemap(Sitemap):
    """Public articles at their addresses in one language.

    One sitemap per language rather than Django's i18n pairs, which are built
    for every article before a page of them is taken: each page of this one
    reads only its own articles.
    """

    changefreq = "monthly"
    limit = 5000  # addresses per sitemap page
    language = settings.LANGUAGE_CODE

    def items(self):
        return Article.objects.published().only("slug", "published_at", "updated_at")

    def location(self, item: Article) -> str:
        with translation.override(self.language):
            return item.get_absolute_url()

    def lastmod(self, item: Article):
        return item.updated_at

    def get_latest_lastmod(self):
        # For the index. Django's default would call lastmod() on every article.
        return Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class DistrictSitemap(PageInEveryLanguage):
    changefreq = "weekly"

    def items(self):
        return District.objects.all()


class PersonSitemap(PageInEveryLanguage):
    """People with public quotes: a person with none has no page."""

    changefreq = "weekly"

    def items(self):
        return Person.objects.public().only("slug")


class SourceSitemap(PageInEveryLanguage):
    """Sources of public articles: a source with none has no page."""

    changefreq = "weekly"

    def items(self):
        return Source.objects.public().only("slug")


class PageSitemap(PageInEveryLanguage):
    changefreq = "daily"

    def items(self):
        return [
            "home",
            "article-list",
            "district-list",
            "quote-list",
            "photo-list",
            "person-list",
            "source-list",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {
    **{
        # Classes, not instances: Django makes one per request of each.
        "articles" if code == settings.LANGUAGE_CODE else f"articles-{code}": type(
            f"ArticleSitemap_{code}", (ArticleSitemap,), {"language": code}
        )
        for code, _name in settings.LANGUAGES
    },
    "districts": DistrictSitemap,
    "people": PersonSitemap,
    "sources": SourceSitemap,
    "pages": PageSitemap,
}
