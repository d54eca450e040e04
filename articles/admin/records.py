from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models.functions import Length
from django.http import Http404, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import content_disposition_header
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
    """Captures are evidence: editors can read them, never change them, and download
    the original bytes of a page in an older encoding to check them themselves."""

    list_display = ["file_name", "imported_at", "short_checksum", "article_links"]
    search_fields = ["file_name", "sha256"]
    date_hierarchy = "imported_at"
    readonly_fields = ["file_name", "sha256", "original_bytes", "imported_at", "text"]
    fields = readonly_fields

    def get_queryset(self, request):
        # The original bytes are read only to be downloaded; pages show their size.
        return (
            super()
            .get_queryset(request)
            .defer("original")
            .annotate(original_size=Length("original"))
            .prefetch_related("articles")
        )

    def get_urls(self):
        view = self.admin_site.admin_view(self.original_view)
        name = "articles_capture_original"
        return [path("<path:object_id>/original/", view, name=name), *super().get_urls()]

    def original_view(self, request, object_id):
        """The capture's original bytes as a file, with their media type and charset."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        capture = self.get_object(request, unquote(object_id))
        if capture is None or capture.original is None:
            raise Http404("This capture keeps no original bytes.")
        response = HttpResponse(bytes(capture.original), content_type=capture.original_content_type)
        response["Content-Disposition"] = content_disposition_header(
            True, capture.original_file_name
        )
        # A captured page is evidence to keep, never a page to run in the admin's origin.
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "sandbox"
        return response

    @admin.display(description=_("original bytes"))
    def original_bytes(self, obj: Capture) -> str:
        if obj.original_size is None:
            return _("Not kept: the capture's bytes are its raw text in UTF-8.")
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:articles_capture_original", args=[obj.pk]),
            _("Download (%(size)s, %(content_type)s)")
            % {
                "size": filesizeformat(obj.original_size),
                "content_type": obj.original_content_type,
            },
        )

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
