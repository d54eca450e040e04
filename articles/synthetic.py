"""A deterministic, visibly synthetic archive for tests and benchmarks.

Nothing here is news: every headline starts with "Synthetic", the source is
"synthetic.example" (which is how generated articles are told apart), and the
text is drawn from a fixed vocabulary. Places come from the gazetteer so
filters and district pages have something to show. Articles are written as
the importer writes them, through ``articles.writing``.
"""

from __future__ import annotations

import datetime
import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, reset_queries
from django.db.models import QuerySet
from django.utils import timezone

from .models import Article, Caption, Comment, District, Person, Photo, Quote, Source
from .writing import ArticleWrite, write_articles

DOMAIN = "synthetic.example"

WORDS = [
    "archive",
    "synthetic",
    "report",
    "convoy",
    "bridge",
    "valley",
    "road",
    "village",
    "council",
    "water",
    "school",
    "market",
    "winter",
    "harvest",
    "museum",
    "monastery",
    "border",
    "river",
    "mountain",
    "station",
    "clinic",
    "library",
    "bakery",
    "orchard",
    "reservoir",
    "highway",
    "tunnel",
    "ferry",
    "census",
    "ledger",
    "bulletin",
    "survey",
    "forecast",
]
CHUNK = 2000
# Real coverage has a long tail of rare words (names, places, terms) that most
# searches are for; a fixed vocabulary alone would make every word common.
# These made-up terms follow Zipf's law: term00001 is the commonest.
TAIL_TERMS = [f"term{rank:05d}" for rank in range(1, 20_001)]
_TAIL_WEIGHTS = list(itertools.accumulate(1 / rank for rank in range(1, 20_001)))


@dataclass
class Generated:
    articles: int = 0
    quotes: int = 0
    photos: int = 0
    captions: int = 0
    comments: int = 0


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return "Synthetic " + " ".join(words) + "."


def _tail(rng: random.Random, n: int) -> str:
    terms = rng.choices(TAIL_TERMS, cum_weights=_TAIL_WEIGHTS, k=n)
    return "Synthetic index terms: " + " ".join(terms) + "."


def synthetic_articles() -> QuerySet:
    """The generated articles: those from the synthetic source."""
    return Article.objects.filter(source__domain=DOMAIN)


def generate(
    count: int,
    seed: int = 2020,
    start: datetime.date = datetime.date(2018, 1, 1),
    years: int = 6,
    progress: Callable[[int], None] | None = None,
) -> Generated:
    """Create ``count`` synthetic articles with their parts, a chunk at a time."""
    rng = random.Random(seed)
    places = list(District.objects.exclude(kind=District.Kind.REGION))
    source, _ = Source.objects.get_or_create(
        domain=DOMAIN, defaults={"name": "Synthetic Wire (generated)"}
    )
    speakers = [
        Person.objects.get_or_create(name=f"Synthetic Speaker {n}")[0] for n in range(1, 41)
    ]
    first = timezone.make_aware(datetime.datetime.combine(start, datetime.time(6)))
    span = years * 365 * 24 * 60
    offset = synthetic_articles().count()
    made = Generated()
    for base in range(0, count, CHUNK):
        size = min(CHUNK, count - base)
        _chunk(rng, offset + base, size, first, span, places, source, speakers, made)
        # With DEBUG on Django keeps the SQL of its last 9,000 queries, and a
        # chunk's inserts run to megabytes: memory would grow with the archive.
        reset_queries()
        if progress:
            progress(size)
    if connection.vendor in ("sqlite", "postgresql"):
        with connection.cursor() as cursor:
            cursor.execute(_statistics_command())
    return made


def _statistics_command() -> str:
    # After a bulk load PostgreSQL also needs its visibility map (VACUUM) before
    # counting public articles can use index-only scans. VACUUM cannot run
    # inside a transaction (tests hold one).
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        return "VACUUM (ANALYZE)"
    return "ANALYZE"


def _chunk(rng, base, size, first, span, places, source, speakers, made: Generated) -> None:
    articles = []
    for n in range(base + 1, base + size + 1):
        published = first + datetime.timedelta(minutes=rng.randrange(span))
        articles.append(
            Article(
                section=rng.choice(["World", "Europe", "Region"]),
                headline=f"Synthetic article {n}: {rng.choice(WORDS)} {rng.choice(WORDS)}",
                slug=f"synthetic-article-{n}",
                summary=_sentence(rng, 14),
                body="\n\n".join(
                    [*(_sentence(rng, rng.randrange(20, 40)) for _ in range(4)), _tail(rng, 8)]
                ),
                byline="Synthetic Wire",
                source=source,
                published_at=published,
                language=rng.choice(["en", "en", "en", "fr"]),
                # One in twenty stays a draft, so leaks would show in benchmarks too.
                status=Article.Status.DRAFT if n % 20 == 0 else Article.Status.PUBLISHED,
            )
        )
    # The parts are drawn after all the articles, so a seed gives the archive it always gave.
    writes = [
        _with_parts(rng, n, article, places, speakers)
        for n, article in enumerate(articles, start=base + 1)
    ]
    # Generated data has no history worth restoring: no revisions.
    write_articles(writes)
    made.articles += len(writes)
    made.quotes += sum(len(w.quotes) for w in writes)
    made.photos += sum(len(w.photos) for w in writes)
    made.captions += sum(len(captions) for w in writes for _, captions in w.photos)
    made.comments += sum(len(w.comments) for w in writes)


def _with_parts(rng, n: int, article: Article, places, speakers) -> ArticleWrite:
    filed = rng.sample(places, rng.choice([1, 1, 2]))
    quotes = [
        Quote(
            speaker=rng.choice(speakers),
            text=_sentence(rng, 10),
            district=filed[0],
            said_on=article.published_at.date(),
            language=article.language,
        )
        for _ in range(rng.choice([0, 1, 2]))
    ]
    photos = []
    if rng.random() < 0.4:
        photo = Photo(credit="Synthetic Photographer, SYNTHETICWIRE", district=filed[0])
        captions = [
            Caption(language=language, text=f"{prefix} {n}.")
            for language, prefix in (("en", "Synthetic caption"), ("fr", "Légende synthétique"))
        ]
        photos.append((photo, captions))
    comments = [
        Comment(
            author=f"Synthetic reader {m}",
            body=_sentence(rng, 8),
            status=Comment.Status.APPROVED if m == 0 else Comment.Status.PENDING,
        )
        for m in range(rng.choice([0, 0, 1, 2]))
    ]
    return ArticleWrite(article, quotes, photos, comments, districts=filed)
