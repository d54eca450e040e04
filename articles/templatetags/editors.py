"""What the admin's index shows editors besides the lists: work waiting for them."""

from django import template

from articles.models import Comment

register = template.Library()


@register.simple_tag
def pending_comment_count() -> int:
    """Comments waiting for moderation (the status index serves the count)."""
    return Comment.objects.filter(status=Comment.Status.PENDING).count()
