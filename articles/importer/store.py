"""Turning extractions into archive records.

Files are stored in batches, each in one transaction, through
``articles.writing`` (one statement per kind of record for the batch).
Each file is still all or nothing: if a batch cannot be written, it is
rolled back and its files are stored again one by one, so that a bad file
fails alone and leaves nothing behind.
"""

from __future__ import annotations

import datetime
import logging
import time
import zoneinfo
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from articles.models import (
    Article,
    Caption,
    Capture,
    Comment,
    District,
    Event,
    Person,
    Photo,
    Quote,
    Source,
)
from articles.places import Gazetteer, gazetteer
from articles.writing import ArticleWrite, fit, write_articles

from .captured import Captured
from .errors import ParseError
from .images_found import attach_inlined
from .language import language_of
from .model import Extraction
from .parsing import ParseAhead
from .places_found import gazetteer_places_in
from .webarchive import Skipped

logger = logging.getLogger(__name__)

BATCH_SIZE = 100
# SQLite has one writer at a time, and a writer waiting for the lock looks again
# only every 100 ms: after each second of writing the importer leaves the lock
# free that long, so an editor's save waits about a second, not for the whole
# import (its cost to the import: bench/reports/2026-12-05-readers-under-writes.md).
SQLITE_WRITE_SECONDS = 1.0
SQLITE_PAUSE_SECONDS = 0.1


class Outcome:
    SKIPPED = "skipped"  # a web archive's record that holds no page
    IMPORTED = "imported"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    DUPLICATE = "duplicate"
    FAILED = "failed"


@dataclass
class FileResult:
    """What happened to one capture file."""

    name: str
    outcome: str
    message: str = ""
    created: Counter = field(default_factory=Counter)
    article_ids: list[int] = field(default_factory=list)
    # The article already in the archive that a duplicate was skipped for.
    existing_id: int | None = None

    @property
    def failed(self) -> bool:
        return self.outcome == Outcome.FAILED


@dataclass
class Plan:
    """One capture's records, ready to be written."""

    result: FileResult
    capture: Capture
    main: ArticleWrite
    # Related stories this file is the first to bring to the archive.
    stories: list[ArticleWrite]
    # Each photo's image as the page gave it: an address, or the inlined image.
    images: list[str | None] = field(default_factory=list)


@dataclass
class Batch:
    """What the files of a batch are checked against and linked to: what the archive
    holds of what they name, read in one query per kind, and what earlier files of
    the batch bring."""

    checksums: set[str]
    # Imported articles by (source domain, headline, time); the batch's by file name.
    articles: dict[tuple, Article | str]
    # The oldest article carrying each headline, for related stories to link to.
    stories: dict[str, Article]
    sources: dict[str, Source]
    people: dict[str, Person]
    # Imported web captures by their page's address; the batch's by file name.
    pages: dict[str, Article | str] = field(default_factory=dict)

    @classmethod
    def read(cls, files: list[tuple], zone: zoneinfo.ZoneInfo) -> Batch:
        found = [f for _, _, f in files if isinstance(f, Extraction)]
        keys = [_key(f, zone) for f in found]
        checksums = [
            Capture.checksum(c.text, c.original) for _, c, _ in files if isinstance(c, Captured)
        ]
        headlines = {fit(Article, "headline", s.headline) for f in found for s in f.related}
        names = {fit(Person, "name", q.speaker) for f in found for q in f.quotes if q.speaker}
        # Newest first, so that of several articles the oldest is the one kept.
        imported = Article.objects.filter(
            published_at__in={k[2] for k in keys}, capture__isnull=False
        ).select_related("source")
        stories = Article.objects.filter(headline__in=headlines).only("headline")
        stored = Capture.objects.filter(sha256__in=checksums).values_list("sha256", flat=True)
        urls = {fit(Article, "original_url", c.url) for _, c, _ in files if getattr(c, "url", None)}
        pages = Article.objects.filter(original_url__in=urls, capture__isnull=False).order_by("-pk")
        return cls(
            pages={a.original_url: a for a in pages},
            checksums=set(stored),
            articles={_key_of(a): a for a in imported.order_by("-pk")},
            stories={a.headline: a for a in stories.order_by("-pk")},
            sources={s.domain: s for s in Source.objects.filter(domain__in={k[0] for k in keys})},
            people={p.name: p for p in Person.objects.filter(name__in=names)},
        )


class CaptureImporter:
    """Stores captures and the records extracted from them.

    One instance serves a whole run, so the districts and timeline events are
    read once.
    """

    def __init__(self, publish: bool = False, update: bool = False, workers: int = 0) -> None:
        self.publish = publish
        self.update = update
        self.workers = workers
        self.status = Article.Status.PUBLISHED if publish else Article.Status.DRAFT
        self.places: Gazetteer = gazetteer()
        self.districts = {d.name: d for d in District.objects.all()}
        self.events: dict[tuple[int, datetime.date], list[Event]] = defaultdict(list)
        for event in Event.objects.only("pk", "district_id", "date"):
            self.events[(event.district_id, event.date)].append(event)
        self.zone = zoneinfo.ZoneInfo(settings.ARCHIVE_CAPTURE_TIME_ZONE)

    def import_many(
        self, files: Iterable[tuple[str, Captured | FileResult]]
    ) -> Iterator[FileResult]:
        """Import (name, capture) pairs in batches, yielding each one's result in order.

        A file that could not even be read is passed as its failed FileResult.
        """
        with ParseAhead(self.places, self.workers) as parser:
            # Each batch is parsed while the one before it is written.
            pending, paused = None, time.monotonic()
            for batch in _batches(files):
                job = parser.submit([c if isinstance(c, Captured) else None for _, c in batch])
                if pending is not None:
                    yield from self._import_parsed(*pending)
                    if connection.vendor == "sqlite" and (
                        time.monotonic() - paused > SQLITE_WRITE_SECONDS
                    ):
                        time.sleep(SQLITE_PAUSE_SECONDS)
                        paused = time.monotonic()
                pending = (batch, job)
            if pending is not None:
                yield from self._import_parsed(*pending)

    def _import_parsed(self, batch, parsed) -> list[FileResult]:
        return self._import_batch(
            [(name, text, found) for (name, text), found in zip(batch, parsed(), strict=True)]
        )

    def _import_batch(self, files: list[tuple]) -> list[FileResult]:
        try:
            # Checked and written in one transaction, so that what another
            # importer stores meanwhile is seen, never written twice.
            with transaction.atomic():
                batch = Batch.read(files, self.zone)
                planned = [self._plan(batch, *file) for file in files]
                self._write(batch, [p for p in planned if isinstance(p, Plan)])
        except Exception as error:
            if len(files) > 1:
                # Store the files one by one, so that only the file at fault fails.
                return [result for file in files for result in self._import_batch([file])]
            name = files[0][0]
            logger.exception("Storing capture %s failed", name)
            return [FileResult(name, Outcome.FAILED, f"could not be stored: {error}")]
        return [p.result if isinstance(p, Plan) else p for p in planned]

    # Planning --------------------------------------------------------------

    def _plan(self, batch: Batch, name: str, captured, found) -> Plan | FileResult:
        """The records to write for one capture, or why there are none."""
        if isinstance(captured, FileResult):
            return captured
        checksum = Capture.checksum(captured.text, captured.original)
        if checksum in batch.checksums:
            return FileResult(name, Outcome.UNCHANGED, "already imported (same SHA-256)")
        if isinstance(found, ParseError):
            return FileResult(name, Outcome.FAILED, str(found))
        key = _key(found, self.zone)
        existing, same = batch.articles.get(key), "same source, headline and time"
        page = fit(Article, "original_url", captured.url or "")
        if existing is None and page:
            # A later capture of a page is a new capture of the same article. The
            # address is where it was captured (WARC, SingleFile), never the one a
            # page claims for itself, which is often the site's home page.
            existing, same = batch.pages.get(page), "same page address"
        if isinstance(existing, str):
            message = f"duplicate of {existing} ({same}); skipped"
            return FileResult(name, Outcome.DUPLICATE, message)
        if existing is not None and not self.update:
            return FileResult(
                name,
                Outcome.DUPLICATE,
                f"duplicate of article #{existing.pk} ({same}); "
                "skipped, use --update to replace it",
                existing_id=existing.pk,
            )
        batch.checksums.add(checksum)
        batch.articles[key] = name
        if page:
            batch.pages[page] = name
        capture = Capture(
            file_name=fit(Capture, "file_name", Path(name).name),
            text=captured.text,
            original=captured.original,
            charset=captured.charset,
            sha256=checksum,
            media_type=captured.media_type,
            original_url=fit(Capture, "original_url", captured.url or ""),
            captured_at=captured.captured_at,
            record_id=fit(Capture, "record_id", captured.record_id),
            payload_digest=fit(Capture, "payload_digest", captured.payload_digest),
        )
        return self._records(batch, name, capture, found, existing)

    def _records(self, batch, name, capture, found: Extraction, existing) -> Plan:
        """What a capture yields: its article (new, or ``existing`` replaced) with every
        part, and the related stories new to the archive."""
        domain, _, published_at = _key(found, self.zone)
        result = FileResult(name, Outcome.IMPORTED if existing is None else Outcome.UPDATED)
        article = existing or Article(status=self.status)
        if self.publish:
            article.status = self.status
        article.section = fit(Article, "section", found.section)
        article.headline = fit(Article, "headline", found.headline)
        article.body = found.body
        article.byline = fit(Article, "byline", found.byline or "")
        article.language = found.language
        if found.original_url:
            article.original_url = fit(Article, "original_url", found.original_url)
        if found.captured_at:
            article.captured_at = found.captured_at
        article.source = self._source(batch, domain)
        article.published_at = published_at
        article.capture = capture
        related, stories = self._related(batch, found, published_at)
        # A later file of the batch may link to this article by its headline.
        batch.stories.setdefault(article.headline, article)
        # An updated article may carry a related story's headline: never its own relation.
        related = [r for r in related if r.pk is None or r.pk != article.pk]
        checked = {}
        if existing is not None:
            # Speakers an editor chose stay while their sentence is unchanged.
            for quote in existing.quotes.filter(speaker_checked=True).select_related("speaker"):
                checked[(quote.text, quote.context)] = quote.speaker
        main = self._write_of(
            batch, article, found, related, f"Imported from {Path(name).name}", checked
        )
        result.created["capture"] += 1
        if existing is None:
            result.created["article"] += 1
        result.created["related article"] += len(stories)
        result.created["quote"] += len(found.quotes)
        result.created["photo"] += len(found.photos)
        result.created["caption"] += sum(len(p.captions) for p in found.photos)
        result.created["comment"] += len(found.comments)
        return Plan(result, capture, main, stories, [p.image for p in found.photos])

    def _write_of(
        self, batch, article, found: Extraction, related, comment, checked=None
    ) -> ArticleWrite:
        """The article with the records extracted for it, and its revision's comment;
        ``checked`` holds the speakers editors chose, by quotation and sentence."""
        checked = checked or {}
        districts = [self.districts[n] for n in found.districts if n in self.districts]
        main_district = districts[0] if districts else None
        # A region the text names files the article there too, so a region's page
        # lists the coverage that speaks of it, not only that of its districts.
        regions = [r for r in self._regions_named(found.places_mentioned) if r not in districts]
        said_on = timezone.localtime(article.published_at, self.zone).date()
        return ArticleWrite(
            article,
            quotes=[
                Quote(
                    text=q.text,
                    context=q.sentence,
                    speaker=checked[(q.text, q.sentence)]
                    if (q.text, q.sentence) in checked
                    else self._person(batch, q.speaker, q.speaker_description),
                    speaker_checked=(q.text, q.sentence) in checked,
                    speaker_description=fit(
                        Quote, "speaker_description", q.speaker_description or ""
                    ),
                    district=next(iter(self._districts_in(q.text)), main_district),
                    said_on=said_on,
                    language=article.language,
                )
                for q in found.quotes
            ],
            photos=[
                (
                    Photo(
                        credit=fit(Photo, "credit", p.credit),
                        source_url=fit(Photo, "source_url", _address(p.image)),
                        district=next(
                            iter(self._districts_in(" ".join(p.captions.values()))), main_district
                        ),
                    ),
                    [Caption(language=lang, text=text) for lang, text in p.captions.items()],
                )
                for p in found.photos
            ],
            comments=[
                Comment(
                    author=fit(Comment, "author", c.user),
                    body=c.text,
                    status=Comment.Status.APPROVED,
                    from_capture=True,
                )
                for c in found.comments
            ],
            districts=districts + regions,
            related=related,
            events=[
                event
                for d in districts
                for day in found.dates_mentioned
                for event in self.events.get((d.pk, day), [])
            ],
            revision_comment=comment,
        )

    def _related(self, batch, found, published_at) -> tuple[list[Article], list[ArticleWrite]]:
        """The articles of the stories the page links to, and the writes of those new to
        the archive: a story is the oldest article carrying its headline, else an
        article made now of its headline and teaser."""
        teasers = {fit(Article, "headline", s.headline): s.teaser for s in found.related}
        stories = []
        for headline, teaser in teasers.items():
            if headline not in batch.stories:
                story = Article(
                    headline=headline,
                    summary=teaser,
                    language=language_of(f"{headline} {teaser}", default=found.language),
                    # Only its headline and teaser were captured. It was on the
                    # page when the page was published, so it was published by then.
                    published_at=published_at,
                    status=self.status,
                )
                batch.stories[headline] = story
                districts = self._districts_in(f"{headline} {teaser}")
                stories.append(ArticleWrite(story, districts=districts))
        return [batch.stories[h] for h in teasers], stories

    def _source(self, batch: Batch, domain: str | None) -> Source | None:
        if domain and domain not in batch.sources:
            batch.sources[domain] = Source(domain=domain, name=domain)
        return batch.sources.get(domain)

    def _person(self, batch: Batch, name: str | None, description: str | None) -> Person | None:
        """The Person of a named speaker, reusing one already in the archive."""
        if not name:
            return None
        name = fit(Person, "name", name)
        if name not in batch.people:
            batch.people[name] = Person(
                name=name,
                description=fit(Person, "description", description or ""),
                # People's names are capitalised throughout; a lowercase
                # word ("Ministry of Defense in Baku") marks a body.
                kind=Person.Kind.BODY
                if any(w.islower() for w in name.split()[1:])
                else Person.Kind.PERSON,
            )
        return batch.people[name]

    def _regions_named(self, names: list[str]) -> list[District]:
        """The regions among the places an article names, each once."""
        found: list[District] = []
        for name in names:
            place = self.places.resolve(name)
            record = self.districts.get(place.name) if place and place.kind == "region" else None
            if record is not None and record not in found:
                found.append(record)
        return found

    def _districts_in(self, text: str) -> list[District]:
        """The districts a piece of text names, in order, each once."""
        found: list[District] = []
        for place in gazetteer_places_in(text, self.places):
            district = self.places.district_of(place)
            record = self.districts.get(district.name) if district else None
            if record is not None and record not in found:
                found.append(record)
        return found

    # Writing ---------------------------------------------------------------

    def _write(self, batch: Batch, plans: list[Plan]) -> None:
        if not plans:
            return
        Source.objects.bulk_create([s for s in batch.sources.values() if s.pk is None])
        Person.objects.bulk_create([p for p in batch.people.values() if p.pk is None])
        Capture.objects.bulk_create([plan.capture for plan in plans])
        for plan in plans:
            if plan.result.outcome == Outcome.UPDATED:
                self._clear(plan.main.article)
        write_articles([w for plan in plans for w in (*plan.stories, plan.main)])
        for plan in plans:
            plan.result.article_ids.append(plan.main.article.pk)
            photos = [photo for photo, _ in plan.main.photos]
            if any(image and image.startswith("data:") for image in plan.images):
                # Files are written once the rows are committed: a batch that is
                # rolled back and retried leaves no file behind.
                transaction.on_commit(
                    partial(_attach_inlined, plan.result.name, photos, plan.images), robust=True
                )

    def _clear(self, article: Article) -> None:
        """Take away what an older capture of the article yielded, which the newer one
        replaces; what editors added by hand (uploaded images, comments posted
        here) stays."""
        article.quotes.all().delete()
        article.photos.filter(image="").delete()
        article.comments.filter(from_capture=True).delete()
        article.districts.clear()


def _key(found: Extraction, zone: zoneinfo.ZoneInfo) -> tuple:
    """What tells one article from another: its source's domain, headline and time."""
    domain = fit(Source, "domain", (found.source or "").lower()) or None
    published = found.published
    if timezone.is_naive(published):
        published = timezone.make_aware(published, zone)
    return (domain, fit(Article, "headline", found.headline), published)


def to_import(found: tuple) -> tuple[str, Captured | FileResult]:
    """What a file holds, as the importer takes it: a capture, or the result of a
    record that holds none (skipped) or cannot be read (failed)."""
    name, held = found
    if isinstance(held, Skipped):
        return name, FileResult(name, Outcome.SKIPPED, held.reason)
    if isinstance(held, ParseError):
        return name, FileResult(name, Outcome.FAILED, str(held))
    return name, held


def _attach_inlined(name: str, photos, images) -> None:
    for problem in attach_inlined(photos, images):
        logger.warning("%s: %s", name, problem)


def _address(image: str | None) -> str:
    """Where a page showed a photo's image; an inlined image has no address."""
    return image if image and not image.startswith("data:") else ""


def _key_of(article: Article) -> tuple:
    return (
        article.source.domain if article.source else None,
        article.headline,
        article.published_at,
    )


def _batches(files: Iterable) -> Iterator[list]:
    batch = []
    for item in files:
        batch.append(item)
        if len(batch) >= BATCH_SIZE:
            yield batch
            batch = []
    if batch:
        yield batch
