from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.freshness import ContentQuerySet


class CommentQuerySet(ContentQuerySet):
    def public(self) -> "CommentQuerySet":
        """Approved comments on public articles: the only ones readers see."""
        from .articles import public_condition

        return self.filter(public_condition(through="article__"), status=Comment.Status.APPROVED)


class Comment(models.Model):
    """A reader's comment; public only once approved."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    article = models.ForeignKey(
        "Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.CharField(_("author"), max_length=100)
    body = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING, db_index=True
    )
    from_capture = models.BooleanField(
        _("from capture"),
        default=False,
        help_text=_("Archived with the captured page rather than posted here."),
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "approved", "rejected"]),
                name="comment_valid_status",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:60]}"
