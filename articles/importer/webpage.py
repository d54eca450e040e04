"""A web page as captured (saved HTML, or an HTML response in a WARC) read as an article.

The page's own description of itself comes first: schema.org ``NewsArticle``
JSON-LD, then OpenGraph and ``article:`` meta tags. trafilatura finds the main
text (and what the metadata leaves out: title, author, date, site), and the
page's ``<figure>`` elements give its photos. The text then goes through the
same extraction as a text capture (quotes, places, dates, language).
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html
import trafilatura

from articles.places import Gazetteer

from .errors import ParseError
from .language import language_of
from .layout import Layout
from .model import Extraction, PhotoFound, RelatedStory
from .parser import analyse
from .photos import split_photo_block

_ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle"}
_CREDIT_CLASSES = ("credit", "copyright", "byline", "source")
_RELATED_CLASSES = ("related", "more-on", "read-more", "see-also")
_MAX_RELATED = 12
# "Photograph: Name/Agency", "Photo: ...": a label before the credit itself.
_CREDIT_LABEL_RE = re.compile(r"^(?:photograph|photo|picture|image|foto)\s*:\s*", re.I)


@dataclass(frozen=True)
class Metadata:
    headline: str | None = None
    published: datetime.datetime | None = None
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    site: str | None = None
    url: str | None = None


def extract_page(
    html: str,
    gazetteer: Gazetteer,
    url: str | None = None,
    captured_at: datetime.datetime | None = None,
) -> Extraction:
    """Everything the archive keeps from one web page; ParseError if it holds no article."""
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError) as error:
        raise ParseError(f"not a readable HTML page ({error})") from None
    meta = _metadata(tree)
    url = url or meta.url
    found = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        include_tables=False,
        favor_precision=True,
    )
    text = (found.text if found else "") or ""
    headline = meta.headline or _clean(found.title if found else None)
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    if paragraphs and headline and paragraphs[0] == headline:
        paragraphs = paragraphs[1:]
    if not headline or not paragraphs:
        raise ParseError("no article text on the page")
    published = (
        meta.published
        or _visible_time(tree)
        or _date_only(found.date if found else None)
        or captured_at
    )
    if published is None:
        raise ParseError("the page gives no publication date, and no capture time is known")
    photos = _figures(tree, url)
    related = _related(tree)
    layout = Layout(
        related=related,
        paragraphs=paragraphs,
        photos=photos,
        byline=_byline(meta.authors, found.author if found else None),
    )
    for story in related:
        layout.titles.add(len(layout.texts))
        layout.texts.extend([story.headline, story.teaser])
    layout.texts.extend(paragraphs)
    for photo in photos:
        layout.texts.extend(photo.captions.values())
    try:
        source = (urlsplit(url).hostname if url else None) or meta.site
    except ValueError:
        source = meta.site
    section = meta.section or _first(found.categories if found else None) or "News"
    extraction = analyse(
        section.split()[0], headline, _in_utc(published), source, layout, gazetteer
    )
    extraction.from_web = True
    extraction.original_url = url
    extraction.captured_at = captured_at
    return extraction


def _metadata(tree) -> Metadata:
    """The page's JSON-LD article, with OpenGraph and meta tags for what it lacks."""
    graph: dict = {}
    article = next(_json_ld_articles(tree, graph), {}) or _microdata_article(tree)
    metas = {
        (element.get("property") or element.get("name") or "").lower(): element.get("content")
        for element in tree.iter("meta")
    }
    authors = article.get("author") or []
    if isinstance(authors, dict | str):
        authors = [authors]
    # An author may be a reference to a node elsewhere in the @graph.
    authors = [
        graph.get(a.get("@id"), a) if isinstance(a, dict) and isinstance(a.get("@id"), str) else a
        for a in authors
    ]
    names = [a.get("name") if isinstance(a, dict) else a for a in authors]
    published = article.get("datePublished") or metas.get("article:published_time")
    section = article.get("articleSection") or metas.get("article:section")
    if isinstance(section, list):
        section = _first(section)
    canonical = next(
        (e.get("href") for e in tree.iter("link") if e.get("rel") == "canonical"), None
    )
    publisher = article.get("publisher")
    return Metadata(
        headline=_clean(_text(article.get("headline")) or metas.get("og:title")),
        published=_datetime(published),
        section=_clean(section),
        authors=[name.strip() for name in names if isinstance(name, str) and name.strip()],
        site=_clean(publisher.get("name") if isinstance(publisher, dict) else None)
        or metas.get("og:site_name"),
        url=_text(article.get("url")) or metas.get("og:url") or canonical,
    )


def _microdata_article(tree) -> dict:
    """The page's schema.org article written as microdata (itemprop attributes), as a
    JSON-LD-shaped dict: the one holding the article's body, else the page's main one."""
    scopes = [
        element
        for element in tree.iter()
        if "Article" in (element.get("itemtype") or "") and element.get("itemscope") is not None
    ]
    main = next((e for e in scopes if e.find(".//*[@itemprop='articleBody']") is not None), None)
    if main is None:
        main = next((e for e in scopes if e.get("itemprop") == "mainEntity"), None)
    if main is None:
        return {}

    def values(name: str) -> list[str]:
        found = []
        for element in main.iter():
            if element.get("itemprop") != name:
                continue
            nested = element.find(".//*[@itemprop='name']")
            value = element.get("content") or element.get("datetime")
            if value is None:
                value = (nested if nested is not None else element).text_content()
            found.append(" ".join(value.split()))
        return [v for v in found if v]

    return {
        "headline": _first(values("headline")),
        "datePublished": _first(values("datePublished")),
        "author": values("author"),
        "articleSection": _first(values("articleSection")),
    }


def _json_ld_articles(tree, graph: dict | None = None):
    """Each JSON-LD article of the page; ``graph`` gets every node with an @id, for
    the references between them."""
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue  # broken JSON-LD is common: the page's other metadata serves
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if not isinstance(item, dict):
                continue
            nested = item.get("@graph")
            stack.extend(nested if isinstance(nested, list) else [])
            if graph is not None and isinstance(item.get("@id"), str):
                graph[item["@id"]] = item
            kinds = item.get("@type")
            kinds = (
                {k for k in kinds if isinstance(k, str)}
                if isinstance(kinds, list)
                else ({kinds} if isinstance(kinds, str) else set())
            )
            if kinds & _ARTICLE_TYPES:
                yield item


def _figures(tree, base: str | None) -> list[PhotoFound]:
    """A photo for each ``<figure>`` with an image: its caption (in the language its
    markup says, else the one its words tell) and its credit."""
    photos = []
    for figure in tree.iter("figure"):
        image = next(figure.iter("img", "amp-img"), None)
        if image is None:
            continue
        src = image.get("src") or image.get("data-src") or ""
        caption = next(figure.iter("figcaption"), None)
        credit = ""
        text = ""
        if caption is not None:
            for element in caption.iter():
                if any(name in (element.get("class") or "") for name in _CREDIT_CLASSES):
                    credit = _clean(element.text_content()) or ""
                    element.drop_tree()
                    break
            text = _clean(caption.text_content()) or ""
        if "©" in text:
            [found, *_] = split_photo_block(text)
            credit, captions = credit or found.credit, found.captions
        else:
            lang = _language_of(caption) or (language_of(text) if text else None)
            captions = {lang: text} if text else {}
        credit = _CREDIT_LABEL_RE.sub("", credit.removeprefix("©").strip())
        try:
            image_url = src if src.startswith("data:") else urljoin(base or "", src) or None
        except ValueError:
            image_url = None  # an address that is not one
        photos.append(PhotoFound(credit, captions, image=image_url))
    return photos


def _related(tree) -> list[RelatedStory]:
    """Headlines of the blocks the markup marks as related coverage."""
    stories: list[RelatedStory] = []
    for element in tree.iter():
        classes = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
        if not any(name in classes for name in _RELATED_CLASSES):
            continue
        for link in element.iter("a"):
            headline = _clean(link.text_content())
            if (
                headline
                and len(headline.split()) >= 3
                and headline not in {s.headline for s in stories}
            ):
                stories.append(RelatedStory(headline, ""))
        if stories:
            break
    return stories[:_MAX_RELATED]


def _byline(authors: list[str], found: str | None) -> str | None:
    """The authors, from the page's metadata or its visible byline, whichever names
    more of them (metadata often lists only the first)."""
    visible = [name.strip() for name in (found or "").split(";") if name.strip()]
    names = visible if len(visible) > len(authors) else authors
    return ", ".join(names) or None


def _language_of(element) -> str | None:
    while element is not None:
        lang = element.get("lang")
        if lang:
            return lang.split("-")[0].lower()
        element = element.getparent()
    return None


def _visible_time(tree) -> datetime.datetime | None:
    """A publication time the page shows with its zone: <abbr class="published"
    title=...> (Blogger) or a <time> whose datetime has a time of day."""
    for element in tree.iter("abbr", "time"):
        value = element.get("title") if element.tag == "abbr" else element.get("datetime")
        when = _datetime(value)
        if when is not None and when.tzinfo is not None:
            return when
    return None


def _datetime(value) -> datetime.datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return datetime.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def _date_only(value) -> datetime.datetime | None:
    """trafilatura's date ("2020-11-25"), at midnight UTC."""
    when = _datetime(value)
    return when.replace(tzinfo=datetime.UTC) if when and when.tzinfo is None else when


def _in_utc(when: datetime.datetime) -> datetime.datetime:
    """A time the page states with its zone, in UTC; one without, as written (the
    archive then reads it in the capture time zone, as for text captures)."""
    try:
        return when.astimezone(datetime.UTC) if when.tzinfo else when
    except OverflowError:
        return when.replace(tzinfo=None)  # at the edge of the calendar: as written


def _text(value) -> str | None:
    """A metadata value that should be text, or None when the page gives another shape."""
    return value if isinstance(value, str) else None


def _first(values) -> str | None:
    return next((v for v in values or () if isinstance(v, str) and v.strip()), None)


def _clean(text) -> str | None:
    if not isinstance(text, str):
        return None
    return " ".join(text.split()) or None
