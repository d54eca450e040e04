"""Template filters of the reader site."""

import datetime

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import timezone
from django.utils.html import linebreaks, urlize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_info, gettext, override

register = template.Library()


@register.filter
def day_url(moment: datetime.datetime) -> str:
    """The date archive's page for the day a moment falls on, in the site's time zone."""
    day = timezone.localdate(moment)
    return reverse("archive-day", args=[day.year, day.month, day.day])


@register.simple_tag
def active_filter_count(form, hide: str = "") -> int:
    """How many of a filter form's shown fields the reader has filled in."""
    hidden = set(hide.split())
    return (
        sum(
            1
            for name in form.fields
            if name not in hidden and any(v.strip() for v in form.data.getlist(name, []) if v)
        )
        if form.is_bound
        else 0
    )


@register.inclusion_tag("includes/place_chips.html", takes_context=True)
def place_chips(context, filterset) -> dict:
    """The places a list is filtered by, as removable chips."""
    from articles.filters import place_chips

    return {"chips": place_chips(filterset, context["request"])}


@register.simple_tag
def place_names() -> list[str]:
    """Every spelling of every place, for the place box's suggestions."""
    from articles.places import gazetteer

    return gazetteer().names()


@register.filter(needs_autoescape=True)
def comment_text(value: str, autoescape: bool = True) -> SafeString:
    """A reader's plain text: escaped, paragraphs kept, links marked as user content.

    rel="nofollow ugc" tells search engines the link is a reader's, not ours.
    """
    linked = urlize(value, nofollow=True, autoescape=autoescape)
    return mark_safe(linebreaks(linked).replace('rel="nofollow"', 'rel="nofollow ugc"'))


@register.filter
def language_name(code: str) -> str:
    """The name of a content language in the reader's language ("fr" is "French" in English).

    Content may be in any language the importer recognises; a code Django does
    not know is shown as it is rather than failing the page.
    """
    try:
        return gettext(get_language_info(code)["name"])
    except KeyError:
        return (code or "").upper()


@register.filter
def reader_language_first(captions) -> list:
    """Captions in the reader's language first, then the others in their usual order.

    Compared by the primary language, so a caption marked "fr-CA" counts as French.
    """
    current = get_language().split("-")[0].lower()
    captions = list(captions)
    ours = [c for c in captions if c.language.split("-")[0].lower() == current]
    return ours + [c for c in captions if c not in ours]


@register.simple_tag(takes_context=True)
def page_in_languages(context) -> list[dict]:
    """This page in each interface language: code, name in that language, URL, whether current.

    Only a page that was found has a counterpart; an error page (Django's
    error views pass ``request_path``) links to each language's home page
    rather than repeat an address that may name something hidden.
    """
    request = context.get("request")
    current = get_language()
    found = (
        request is not None
        and getattr(request, "resolver_match", None) is not None
        and "request_path" not in context
    )
    pages = []
    for code, name in settings.LANGUAGES:
        if found:
            url = translate_url(request.get_full_path(), code)
        else:
            with override(code):
                url = reverse("home")
        pages.append({"code": code, "name": name, "url": url, "current": code == current})
    return pages
