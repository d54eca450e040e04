from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.models import Caption, Photo

from .base import ArchiveModelAdmin, PlaceSearchMixin
from .concurrency import PhotoForm
from .history import HistoryMixin


class CaptionInline(admin.TabularInline):
    model = Caption
    extra = 1


@admin.register(Photo)
class PhotoAdmin(HistoryMixin, PlaceSearchMixin, ArchiveModelAdmin):
    form = PhotoForm
    list_display = ["thumbnail", "__str__", "credit", "district", "article", "taken_on"]
    list_display_links = ["thumbnail", "__str__"]
    list_filter = ["district"]
    list_select_related = ["district", "article"]
    search_fields = ["credit", "alt_text", "captions__text"]
    place_search_field = "district"
    date_hierarchy = "taken_on"
    autocomplete_fields = ["district", "article"]
    readonly_fields = ["thumbnail", "width", "height"]
    fields = [
        "thumbnail",
        "image",
        "alt_text",
        "credit",
        "taken_on",
        "district",
        "article",
        "version",
    ]
    inlines = [CaptionInline]

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("captions")

    @admin.display(description=_("image"))
    def thumbnail(self, obj: Photo) -> str:
        if not obj.image:
            return format_html('<span title="{}">{}</span>', _("Only the caption survived"), "—")
        return format_html(
            '<img class="archive-thumbnail" src="{}" alt="{}">',
            obj.image.url,
            obj.alt_text,
        )
