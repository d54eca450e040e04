"""Turn one raw captured news page into an :class:`Extraction`.

The capture format: a "Section Headline" first line; the timestamp line
(``HH:MM  D month  YYYY``, with non-breaking spaces) printed twice, the second time
with ``Source: domain``; then body blocks separated by blank lines — paragraphs,
related stories with teasers, photo captions around a "©" credit, a "With ..."
byline — and reader comments at the end (``usr: N`` then the text).
"""

from __future__ import annotations

import datetime

from articles.places import Gazetteer

from .dates import dates_mentioned
from .document import Document
from .errors import ParseError
from .header import parse_header
from .language import language_of
from .layout import Layout, read_body
from .model import CommentFound, Extraction, PhotoFound, QuoteFound, RelatedStory
from .names import NameIndex
from .places_found import find_places, names_a_place
from .quotes import find_quotes

__all__ = [
    "CommentFound",
    "Extraction",
    "ParseError",
    "PhotoFound",
    "QuoteFound",
    "RelatedStory",
    "extract",
]


def extract(text: str, gazetteer: Gazetteer) -> Extraction:
    """Everything the archive keeps from one capture; ParseError if it is not a capture."""
    if not isinstance(text, str):
        raise ParseError(f"expected the capture's text, got {type(text).__name__}")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ParseError("the text is empty: a capture starts with a 'Section Headline' line")
    lines = text.split("\n")
    header = parse_header(lines)
    # The body is everything after the headline line but the timestamp lines, so
    # that a (rare) line between headline and timestamp is read as body too and
    # every block keeps its real line number.
    start = header.first_line + 1
    body = ["" if index in header.timestamp_lines else line for index, line in enumerate(lines)]
    layout = read_body(body[start:], start)

    return analyse(
        header.section, header.headline, header.published, header.source, layout, gazetteer
    )


def analyse(
    section: str,
    headline: str,
    published: datetime.datetime,
    source: str | None,
    layout: Layout,
    gazetteer: Gazetteer,
) -> Extraction:
    """The extraction of a capture whose parts are sorted out: quotes, places, dates
    and language found in its texts, the same way whatever format it came in."""
    texts = [headline, *layout.texts]
    # Each text is scanned once, for all the extractors below.
    document = Document(texts)
    places = find_places(texts, gazetteer, document)
    names = NameIndex.build(
        texts, is_place=lambda phrase: names_a_place(phrase, gazetteer), document=document
    )
    return Extraction(
        section=section,
        headline=headline,
        published=published,
        source=source,
        related=layout.related,
        paragraphs=layout.paragraphs,
        quotes=find_quotes(
            texts,
            names,
            titles={0} | {i + 1 for i in layout.titles},
            asides={i + 1 for i in layout.asides},
        ),
        photos=layout.photos,
        comments=layout.comments,
        byline=layout.byline,
        language=language_of(" ".join(layout.paragraphs) or headline),
        districts=places.districts,
        places_mentioned=places.mentioned,
        dates_mentioned=dates_mentioned(texts, published.date(), document),
    )
