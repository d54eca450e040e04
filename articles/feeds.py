"""RSS feeds of public coverage (Django's syndication framework)."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Article, District
from .places import place_ids

FEED_SIZE = 30


class LatestFeed(Feed):
    title = _("News archive: latest coverage")
    description = _("The latest public coverage in the archive.")

    def link(self):
        return reverse("article-list")

    def items(self):
        return Article.objects.published().for_listing()[:FEED_SIZE]

    def item_title(self, item: Article) -> str:
        return item.headline

    def item_description(self, item: Article) -> str:
        return item.summary or (item.paragraphs[0] if item.paragraphs else "")

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return item.updated_at

    def item_categories(self, item: Article):
        return [d.name for d in item.places]


class DistrictFeed(LatestFeed):
    def get_object(self, request, slug: str) -> District:
        return get_object_or_404(District, slug=slug)

    def title(self, obj: District) -> str:
        return _("News archive: %(place)s") % {"place": obj.name}

    def description(self, obj: District) -> str:
        return _("Public coverage filed under %(place)s.") % {"place": obj.name}

    def link(self, obj: District) -> str:
        return obj.get_absolute_url()

    def items(self, obj: District):
        filed = Article.objects.published().filed_under(place_ids([obj.name]))
        return filed.for_listing()[:FEED_SIZE]
