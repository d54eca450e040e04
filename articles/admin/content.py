from django import forms
from django.contrib import admin, messages
from django.urls import path
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.history import record
from articles.models import Article, Photo, Quote

from .base import ArchiveModelAdmin, PlaceSearchMixin
from .concurrency import PhotoForm, VersionCheckedForm
from .history import HistoryMixin
from .importing import import_coverage_view
from .languages import LanguageChoiceMixin
from .media import PhotoPreviewMixin

# Wide one-line inputs: a headline or a quotation read whole, not through a 20-character slot.
WIDE_LINE = forms.TextInput(attrs={"class": "vLargeTextField"})


def related_label(article: Article) -> str:
    """A related article as editors tell it apart: headlines of one story often start alike."""
    parts = [article.headline]
    if article.published_at:
        published = timezone.localtime(article.published_at)
        parts.append(formats.date_format(published, "DATE_FORMAT"))
    if article.source:
        parts.append(article.source.name)
    return " · ".join(parts)


class ArticleForm(LanguageChoiceMixin, VersionCheckedForm):
    class Meta:
        widgets = {"headline": WIDE_LINE, "slug": WIDE_LINE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        related = self.fields.get("related")
        if related is not None:
            related.queryset = related.queryset.select_related("source")
            related.label_from_instance = related_label


class QuoteForm(LanguageChoiceMixin, VersionCheckedForm):
    class Meta:
        widgets = {"text": WIDE_LINE, "speaker_description": WIDE_LINE}

    def save(self, commit=True):
        # An editor who chooses the speaker has checked it: a re-import keeps it.
        if "speaker" in self.changed_data:
            self.instance.speaker_checked = True
        return super().save(commit)


class QuoteInline(admin.StackedInline):
    model = Quote
    form = QuoteForm
    extra = 0
    # The quotation, then the sentence it came from, then who said it: read in that order.
    fields = [
        "text",
        "context",
        ("speaker", "speaker_checked"),
        "speaker_description",
        "district",
        ("said_on", "language"),
        "version",
    ]
    readonly_fields = ["context"]
    autocomplete_fields = ["speaker", "district"]


class PhotoInline(PhotoPreviewMixin, admin.StackedInline):
    model = Photo
    form = PhotoForm
    extra = 0
    fields = ["preview", "image", "alt_text", ("credit", "taken_on", "district"), "version"]
    readonly_fields = ["preview"]
    autocomplete_fields = ["district"]
    show_change_link = True


@admin.register(Article)
class ArticleAdmin(HistoryMixin, PlaceSearchMixin, ArchiveModelAdmin):
    form = ArticleForm
    change_list_template = "admin/articles/article/change_list.html"
    list_display = ["headline", "source", "published_at", "district_list", "status"]
    list_filter = ["status", "districts", "source", "language"]
    list_select_related = ["source"]
    search_fields = ["headline", "body", "summary"]
    place_search_field = "districts"
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["districts", "source", "related"]
    readonly_fields = ["capture", "created_at", "updated_at"]
    actions = ["publish", "unpublish"]
    inlines = [QuoteInline, PhotoInline]
    fieldsets = [
        (None, {"fields": ["section", "headline", "slug", "summary", "body", "byline", "version"]}),
        (_("Publication"), {"fields": ["status", "published_at", "source", "language"]}),
        (_("Filing"), {"fields": ["districts", "related"]}),
        (
            _("Provenance"),
            {"fields": ["original_url", "captured_at", "capture", "created_at", "updated_at"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("districts")

    def get_urls(self):
        view = self.admin_site.admin_view(lambda request: import_coverage_view(self, request))
        return [path("import/", view, name="articles_article_import"), *super().get_urls()]

    @admin.display(description=_("districts"))
    def district_list(self, obj: Article) -> str:
        return ", ".join(d.name for d in obj.districts.all()) or "—"

    def _set_status(self, request, articles, status: str, comment: str) -> int:
        """Save each article so that its version and revision history record the change."""
        changed = list(articles.exclude(status=status))
        for article in changed:
            article.status = status
            article.save(update_fields=["status", "updated_at"])
        record(changed, comment, user=request.user)
        return len(changed)

    @admin.action(description=_("Publish selected articles"), permissions=["change"])
    def publish(self, request, queryset):
        scheduled = (
            queryset.exclude(status=Article.Status.PUBLISHED)
            .filter(published_at__gt=timezone.now())
            .count()
        )
        count = self._set_status(
            request, queryset, Article.Status.PUBLISHED, "Published with the bulk action."
        )
        self.message_user(
            request,
            ngettext("Published %(count)d article.", "Published %(count)d articles.", count)
            % {"count": count},
            messages.SUCCESS,
        )
        if scheduled:
            self.message_user(
                request,
                ngettext(
                    "%(count)d of them is scheduled and becomes public at its publication time.",
                    "%(count)d of them are scheduled and become public at their publication time.",
                    scheduled,
                )
                % {"count": scheduled},
                messages.INFO,
            )

    @admin.action(description=_("Unpublish selected articles"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = self._set_status(
            request, queryset, Article.Status.DRAFT, "Unpublished with the bulk action."
        )
        self.message_user(
            request,
            ngettext("Unpublished %(count)d article.", "Unpublished %(count)d articles.", count)
            % {"count": count},
            messages.SUCCESS,
        )
