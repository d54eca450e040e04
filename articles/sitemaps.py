"""Sitemaps of public pages (Django's sitemaps framework)."""

from collections.abc import Sequence

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from .models import Article, District


class PageInEveryLanguage(Sitemap):
    """Each page once per language, each entry naming the others (hreflang alternates)."""

    i18n = True
    alternates = True
    x_default = True


class _EveryLanguage(Sequence):
    """(item, language) pairs, as Django's i18n sitemaps page them, read a page at a time.

    Django builds the list of every pair before taking one page of it, so
    each page of the article sitemap would read every article. Every article
    is in every language, so a page of pairs is a slice of articles.
    """

    def __init__(self, queryset, languages):
        self.queryset, self.languages = queryset, list(languages)
        self._size = None

    def count(self) -> int:
        if self._size is None:
            self._size = self.queryset.count() * len(self.languages)
        return self._size

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            position = index + len(self) if index < 0 else index
            if not 0 <= position < len(self):
                raise IndexError(index)
            return self[position : position + 1][0]
        start, stop, _step = index.indices(len(self))
        per_item = len(self.languages)
        first = start // per_item
        items = self.queryset[first : -(-stop // per_item)]
        pairs = [(item, language) for item in items for language in self.languages]
        return pairs[start - first * per_item : stop - first * per_item]


class ArticleSitemap(PageInEveryLanguage):
    changefreq = "monthly"
    limit = 5000  # addresses (an article in each language) per sitemap page

    def items(self):
        return Article.objects.published().only("slug", "published_at", "updated_at")

    def _items(self):
        return _EveryLanguage(self.items(), self._languages())

    def lastmod(self, item: Article):
        return item.updated_at

    def get_latest_lastmod(self):
        # For the index. Django's default would call lastmod() on every article.
        return Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]


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
