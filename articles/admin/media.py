from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.models import Caption, Photo

from .base import ArchiveModelAdmin, PlaceSearchMixin
from .concurrency import PhotoForm
from .history import HistoryMixin
from .languages import LanguageChoiceMixin


class CaptionForm(LanguageChoiceMixin, forms.ModelForm):
    class Meta:
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "class": "archive-caption-text"})}


class CaptionInline(admin.TabularInline):
    model = Caption
    form = CaptionForm
    extra = 1


def thumbnail_url(photo: Photo) -> str:
    """The narrowest rendition, else the image: a preview need not load the whole picture."""
    if photo.renditions:
        _width, name = min(photo.renditions.items(), key=lambda item: int(item[0]))
        return photo.image.storage.url(name)
    return photo.image.url


class PhotoPreviewMixin:
    """A read-only preview of the photo's image, for its own form and the article's inline."""

    @admin.display(description=_("preview"))
    def preview(self, obj: Photo | None) -> str:
        if obj is None or not obj.pk:
            return "—"
        if not obj.image:
            return _("No image: only the caption survived.")
        return format_html(
            '<a href="{}"><img class="archive-preview" src="{}" alt="{}"></a>'
            '<span class="archive-preview-size">{} × {} px</span>',
            obj.image.url,
            thumbnail_url(obj),
            obj.alt_text or str(obj),  # the link needs a name; the caption says what it shows
            obj.width or "?",
            obj.height or "?",
        )


@admin.register(Photo)
class PhotoAdmin(PhotoPreviewMixin, HistoryMixin, PlaceSearchMixin, ArchiveModelAdmin):
    form = PhotoForm
    list_display = ["thumbnail", "__str__", "credit", "district", "article", "taken_on"]
    list_display_links = ["thumbnail", "__str__"]
    list_filter = ["district"]
    list_select_related = ["district", "article"]
    search_fields = ["credit", "alt_text", "captions__text"]
    place_search_field = "district"
    date_hierarchy = "taken_on"
    autocomplete_fields = ["district", "article"]
    readonly_fields = ["preview", "width", "height"]
    fields = [
        "preview",
        "image",
        "alt_text",
        "credit",
        "taken_on",
        "district",
        "article",
        "version",
    ]
    inlines = [CaptionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("captions")

    @admin.display(description=_("image"))
    def thumbnail(self, obj: Photo) -> str:
        if not obj.image:
            return format_html('<span title="{}">{}</span>', _("Only the caption survived"), "—")
        return format_html(
            '<img class="archive-thumbnail" src="{}" alt="{}">', thumbnail_url(obj), obj.alt_text
        )
