"""Writing articles with their parts: the one way coverage is stored outside the admin forms.

The importer (``import_coverage`` and the admin's import page) and the
synthetic generator both write through ``write_articles``. Each article is
written with its quotes, photos and their captions, comments, places,
related coverage and timeline events, its search document is built from all
of them, and, when asked for, a django-reversion revision records it.

Articles come in lists because both callers write many at once: one
statement per kind of record for the whole list, all in one transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

import reversion
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.text import slugify

from . import search
from .models import Article, Caption, Comment, District, Event, Photo, Quote

Filed = Article.districts.through
Related = Article.related.through
Dated = Event.articles.through


@dataclass
class ArticleWrite:
    """One article to write, new or existing, with what is added to it.

    The records are unsaved and get their article on writing; ``related``
    may name articles written in the same call.
    """

    article: Article
    quotes: list[Quote] = field(default_factory=list)
    # Each photo with its captions, one per language.
    photos: list[tuple[Photo, list[Caption]]] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    districts: list[District] = field(default_factory=list)
    related: list[Article] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # With a comment, one revision records the article as written, with what
    # reversion follows from it: quotes, photos and captions (see history.py).
    revision_comment: str | None = None


def fit(model, field: str, value: str) -> str:
    """``value`` cut to what ``model.field`` holds: captured text may run longer."""
    return value[: model._meta.get_field(field).max_length]


def write_articles(writes: list[ArticleWrite]) -> list[Article]:
    """Save each article (a new one without a slug gets one from its headline) with
    its parts, search document and revision; all or nothing."""
    articles = [w.article for w in writes]
    with transaction.atomic():
        for article in articles:
            if article.pk is not None:
                article.save()
        new = [a for a in articles if a.pk is None]
        unnamed = [a for a in new if not a.slug]
        for article, slug in zip(unnamed, _unique_slugs(unnamed), strict=True):
            article.slug = slug
        Article.objects.bulk_create(new)
        _add_parts(writes)
        _add_links(writes)
        search.index_articles(a.pk for a in articles)
        _record_revisions([w for w in writes if w.revision_comment])
    return articles


def _add_parts(writes: list[ArticleWrite]) -> None:
    for w in writes:
        for record in (*w.quotes, *w.comments, *(photo for photo, _ in w.photos)):
            record.article = w.article
        for photo, captions in w.photos:
            for caption in captions:
                caption.photo = photo
    Quote.objects.bulk_create([q for w in writes for q in w.quotes])
    Photo.objects.bulk_create([photo for w in writes for photo, _ in w.photos])
    Caption.objects.bulk_create([c for w in writes for _, captions in w.photos for c in captions])
    Comment.objects.bulk_create([c for w in writes for c in w.comments])


def _add_links(writes: list[ArticleWrite]) -> None:
    # Conflicts ignored: an existing article may already have some of these links.
    Filed.objects.bulk_create(
        [Filed(article_id=w.article.pk, district_id=d.pk) for w in writes for d in w.districts],
        ignore_conflicts=True,
    )
    # Related coverage is symmetrical: each link is stored both ways.
    pairs = {(w.article.pk, other.pk) for w in writes for other in w.related}
    pairs |= {(b, a) for a, b in pairs}
    Related.objects.bulk_create(
        [Related(from_article_id=a, to_article_id=b) for a, b in sorted(pairs)],
        ignore_conflicts=True,
    )
    Dated.objects.bulk_create(
        [Dated(event_id=e.pk, article_id=w.article.pk) for w in writes for e in w.events],
        ignore_conflicts=True,
    )


def _record_revisions(writes: list[ArticleWrite]) -> None:
    revised = [w.article for w in writes]
    # Reversion serializes from these (and follows quotes, photos and captions
    # through them): fetched once for all, rather than per article. Of linked
    # places and articles it keeps only the ids.
    prefetch_related_objects(
        revised,
        Prefetch("districts", queryset=District.objects.only("pk")),
        Prefetch("related", queryset=Article.objects.only("pk")),
        "quotes",
        "photos__captions",
    )
    for w in writes:
        with reversion.create_revision(atomic=False):
            reversion.set_comment(w.revision_comment)
            reversion.add_to_revision(w.article)


def _unique_slugs(articles: list[Article]) -> list[str]:
    """A slug for each article from its headline, unique in the archive and among
    themselves: dated, then numbered, where taken."""
    bases = [slugify(a.headline)[:150].strip("-") or "article" for a in articles]
    likely = [list(_candidates(b, a.published_at, 4)) for b, a in zip(bases, articles, strict=True)]
    taken = set(
        Article.objects.filter(slug__in=[s for slugs in likely for s in slugs]).values_list(
            "slug", flat=True
        )
    )
    chosen = []
    for base, article, slugs in zip(bases, articles, likely, strict=True):
        slug = next((s for s in slugs if s not in taken), None)
        if slug is None:
            # Rare: every likely slug is taken; count on until one is free.
            slug = next(
                s
                for s in _candidates(base, article.published_at, 10_000)
                if s not in taken and not Article.objects.filter(slug=s).exists()
            )
        taken.add(slug)
        chosen.append(slug)
    return chosen


def _candidates(base: str, when: datetime.datetime, count: int) -> Iterator[str]:
    yield base
    dated = f"{base}-{when:%Y%m%d}"
    yield dated
    for number in range(2, count):
        yield f"{dated}-{number}"
