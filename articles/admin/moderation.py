from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Value, When
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import Comment

from .base import ArchiveModelAdmin


@admin.register(Comment)
class CommentAdmin(ArchiveModelAdmin):
    """The moderation queue: pending comments first, oldest first."""

    # Columns that fit a 1366 px screen beside the filters: the date sits
    # under the author, the headline wraps, and the comment gets the room.
    list_display = ["posted", "excerpt", "article_headline", "status_label"]
    list_filter = ["status", "from_capture"]
    list_select_related = ["article"]
    search_fields = ["author", "body", "article__headline"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["article"]
    readonly_fields = ["created_at", "from_capture"]
    actions = ["approve", "reject"]

    ordering = [
        Case(
            When(status=Comment.Status.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ).asc(),
        "created_at",
    ]

    @admin.display(description=_("author"), ordering="author")
    def posted(self, obj: Comment) -> str:
        created = formats.date_format(timezone.localtime(obj.created_at), "SHORT_DATETIME_FORMAT")
        return format_html('{}<span class="archive-posted">{}</span>', obj.author, created)

    @admin.display(description=_("comment"))
    def excerpt(self, obj: Comment) -> str:
        # Enough to moderate most comments from the list, cut at a word.
        return Truncator(obj.body).words(40, truncate="…")

    @admin.display(description=_("article"), ordering="article__headline")
    def article_headline(self, obj: Comment) -> str:
        return Truncator(obj.article.headline).words(12, truncate="…")

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, obj: Comment) -> str:
        return format_html(
            '<span class="archive-status archive-status-{}">{}</span>',
            obj.status,
            obj.get_status_display(),
        )

    def _moderate(self, request, queryset, status: str) -> int:
        count = queryset.exclude(status=status).update(status=status)
        return count

    @admin.action(description=_("Approve selected comments"), permissions=["change"])
    def approve(self, request, queryset):
        count = self._moderate(request, queryset, Comment.Status.APPROVED)
        # Literal strings in each call, so that makemessages finds them.
        self.message_user(
            request,
            ngettext("Approved %(count)d comment.", "Approved %(count)d comments.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Reject selected comments"), permissions=["change"])
    def reject(self, request, queryset):
        count = self._moderate(request, queryset, Comment.Status.REJECTED)
        self.message_user(
            request,
            ngettext("Rejected %(count)d comment.", "Rejected %(count)d comments.", count)
            % {"count": count},
            messages.SUCCESS,
        )
