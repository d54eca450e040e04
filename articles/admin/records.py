from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from articles.models import Capture, Event, Person, Quote, Source

from .base import ArchiveModelAdmin, PlaceSearchMixin
from .concurrency import VersionCheckedForm
from .history import HistoryMixin


@admin.register(Source)
class SourceAdmin(ArchiveModelAdmin):
    list_display = ["name", "domain", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "domain"]
    prepopulated_fields = {"slug": ["domain"]}


@admin.register(Person)
class PersonAdmin(ArchiveModelAdmin):
    list_display = ["name", "description", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Quote)
class QuoteAdmin(HistoryMixin, PlaceSearchMixin, ArchiveModelAdmin):
    form = VersionCheckedForm
    list_display = ["__str__", "speaker", "article", "district", "said_on"]
    list_filter = ["district", "language"]
    list_select_related = ["speaker", "article", "district"]
    search_fields = ["text", "speaker__name"]
    place_search_field = "district"
    date_hierarchy = "said_on"
    autocomplete_fields = ["speaker", "article", "district"]


@admin.register(Event)
class EventAdmin(PlaceSearchMixin, ArchiveModelAdmin):
    list_display = ["date", "title", "district"]
    list_filter = ["district"]
    list_select_related = ["district"]
    search_fields = ["title", "description"]
    place_search_field = "district"
    date_hierarchy = "date"
    autocomplete_fields = ["district", "articles"]


@admin.register(Capture)
class CaptureAdmin(ArchiveModelAdmin):
    """Captures are evidence: editors can read them, never change them."""

    list_display = ["file_name", "imported_at", "short_checksum", "article_links"]
    search_fields = ["file_name", "sha256"]
    date_hierarchy = "imported_at"
    readonly_fields = ["file_name", "sha256", "imported_at", "text"]
    fields = readonly_fields

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("articles")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("SHA-256"))
    def short_checksum(self, obj: Capture) -> str:
        return obj.sha256[:12] + "…"

    @admin.display(description=_("articles"))
    def article_links(self, obj: Capture) -> str:
        articles = obj.articles.all()
        if not articles:
            return "—"
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((reverse("admin:articles_article_change", args=[a.pk]), a.headline) for a in articles),
        )
