"""Template filters of the reader site."""

from django import template
from django.utils.html import linebreaks, urlize
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter(needs_autoescape=True)
def comment_text(value: str, autoescape: bool = True) -> SafeString:
    """A reader's plain text: escaped, paragraphs kept, links marked as user content.

    rel="nofollow ugc" tells search engines the link is a reader's, not ours.
    """
    linked = urlize(value, nofollow=True, autoescape=autoescape)
    return mark_safe(linebreaks(linked).replace('rel="nofollow"', 'rel="nofollow ugc"'))
