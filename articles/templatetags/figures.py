"""A quote and a photo with its captions, as every page shows them, rendered in Python.

The quote and photo lists show twenty of each, and a place's page ten quotes
and eight photos beside its articles. As included templates each cost about
0.15 ms of node rendering, a fifth of the place page; written here, as the
teasers are (teasers.py), a fraction of that.
"""

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from .archive import language_name, reader_language_first

register = template.Library()


@register.simple_tag
def quote_figure(quote, show_article: bool = False) -> SafeString:
    """The quote in its language, its speaker (or "Unnamed speaker"), and when it was said.

    With ``show_article``, also the article it comes from (lists of quotes).
    """
    if quote.speaker:
        who = format_html('<span class="speaker">{}</span>', quote.speaker.name)
        if quote.speaker.description:
            who += format_html(
                ', <span class="role" lang="{}">{}</span>',
                quote.language,
                quote.speaker.description,
            )
    else:
        who = gettext("Unnamed speaker")
    parts = [
        format_html(
            '<figure class="quote">\n  <blockquote lang="{}"><p>{}</p></blockquote>\n'
            "  <figcaption>{}",
            quote.language,
            quote.text,
            who,
        )
    ]
    if show_article:
        article = quote.article
        parts.append(
            format_html(
                ' · <a href="{}" lang="{}">{}</a>',
                article.get_absolute_url(),
                article.language,
                article.headline,
            )
        )
    if quote.said_on:
        parts.append(
            format_html(
                ' · <time datetime="{}">{}</time>',
                quote.said_on.isoformat(),
                date_format(quote.said_on, "SHORT_DATE_FORMAT"),
            )
        )
    parts.append("</figcaption>\n</figure>")
    return mark_safe("".join(parts))


@register.simple_tag
def photo_figure(photo, show_article: bool = False) -> SafeString:
    """The image (or a note that only its caption was archived), its captions in
    the reader's language first, and its credit.

    With ``show_article``, also the article it illustrates (lists of photos).
    """
    if photo.image:
        size = (
            format_html(' width="{}" height="{}"', photo.width, photo.height) if photo.width else ""
        )
        image = format_html(
            '<img src="{}" srcset="{}" sizes="(min-width: 46rem) 44rem, 100vw" alt="{}"{}'
            ' loading="lazy" decoding="async">',
            photo.image.url,
            photo.srcset,
            photo.alt_text,
            size,
        )
    else:
        image = format_html(
            '<div class="photo-missing" role="img" aria-label="{}"><span>{}</span></div>',
            gettext("Image not archived"),
            gettext("Only the caption of this photo was archived."),
        )
    reader = get_language()
    parts = [format_html('<figure class="photo">\n  {}\n  <figcaption>\n', image)]
    for caption in reader_language_first(photo.captions.all()):
        parts.append(
            format_html(
                '    <p lang="{}"><span class="lang" lang="{}">{}</span> {}</p>\n',
                caption.language,
                reader,
                language_name(caption.language),
                caption.text,
            )
        )
    if photo.credit:
        parts.append(format_html('    <p class="credit">© {}</p>\n', photo.credit))
    if show_article and photo.article:
        parts.append(
            format_html(
                '    <p class="meta"><a href="{}" lang="{}">{}</a></p>\n',
                photo.article.get_absolute_url(),
                photo.article.language,
                photo.article.headline,
            )
        )
    parts.append("  </figcaption>\n</figure>")
    return mark_safe("".join(parts))
