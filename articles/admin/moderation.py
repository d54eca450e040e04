from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import Comment

from .base import ArchiveModelAdmin


@admin.register(Comment)
class CommentAdmin(ArchiveModelAdmin):
    """The moderation queue: pending comments first, oldest first."""

    list_display = ["author", "excerpt", "article", "created_at", "status"]
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

    @admin.display(description=_("comment"))
    def excerpt(self, obj: Comment) -> str:
        return obj.body if len(obj.body) <= 80 else obj.body[:77] + "…"

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
