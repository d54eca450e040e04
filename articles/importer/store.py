"""Turning extractions into archive records.

Captures are written in batches with one bulk statement per kind of record, so
a large import runs at the speed of the parser rather than of round trips.
Each file is still all or nothing: a batch is one transaction, and if writing
it fails, it is rolled back and its files are written again one transaction
each, so a bad file fails alone and leaves nothing behind.
"""

from __future__ import annotations

import datetime
import logging
import zoneinfo
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from articles import history, pagecache, search
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
    SearchDocument,
    Source,
)
from articles.places import Gazetteer, gazetteer

from .errors import ParseError
from .model import Extraction
from .parsing import ParseAhead
from .places_found import gazetteer_places_in

logger = logging.getLogger(__name__)

ArticleDistricts = Article.districts.through
RelatedLink = Article.related.through
EventArticle = Event.articles.through
BATCH_SIZE = 100


class Outcome:
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

    @property
    def failed(self) -> bool:
        return self.outcome == Outcome.FAILED


@dataclass
class Plan:
    """One parsed capture waiting to be written."""

    result: FileResult
    text: str
    checksum: str
    found: Extraction
    published_at: datetime.datetime
    domain: str | None
    existing: Article | None = None
    article: Article | None = None

    @property
    def key(self) -> tuple:
        return (self.domain, self.found.headline[:300], self.published_at)


class CaptureImporter:
    """Stores captures and the records extracted from them.

    One instance serves a whole run, so sources, speakers, districts and
    events looked up once are reused across files.
    """

    def __init__(self, publish: bool = False, update: bool = False, workers: int = 0) -> None:
        self.publish = publish
        self.update = update
        self.workers = workers
        self.places: Gazetteer = gazetteer()
        self.districts = {d.name: d for d in District.objects.all()}
        self.events: dict[tuple[int, datetime.date], list[int]] = defaultdict(list)
        for event in Event.objects.only("pk", "district_id", "date"):
            self.events[(event.district_id, event.date)].append(event.pk)
        self.zone = zoneinfo.ZoneInfo(settings.ARCHIVE_CAPTURE_TIME_ZONE)
        self._sources: dict[str, Source] = {}
        self._people: dict[str, Person] = {}

    # Reading ---------------------------------------------------------------

    def import_text(self, text: str, name: str) -> FileResult:
        """Import one capture's text; never raises for bad content."""
        return next(self.import_many([(name, text)]))

    def import_many(self, files: Iterable[tuple[str, str | FileResult]]) -> Iterator[FileResult]:
        """Import (name, text) pairs in batches, yielding each file's result in order.

        A file that could not even be read is passed as its failed FileResult.
        """
        with ParseAhead(self.places, self.workers) as parser:
            # Each batch is parsed while the one before it is written.
            pending = None
            for batch in _batches(files):
                job = parser.submit([t if isinstance(t, str) else None for _, t in batch])
                if pending is not None:
                    yield from self._import_batch(*pending)
                pending = (batch, job)
            if pending is not None:
                yield from self._import_batch(*pending)

    def _import_batch(self, batch, parsed) -> list[FileResult]:
        results: list[FileResult] = []
        plans: list[Plan] = []
        texts = [text for _, text in batch if isinstance(text, str)]
        stored = set(
            Capture.objects.filter(sha256__in=[Capture.checksum(t) for t in texts]).values_list(
                "sha256", flat=True
            )
        )
        seen_checksums: set[str] = set()
        seen_keys: dict[tuple, str] = {}
        for (name, text), found in zip(batch, parsed(), strict=True):
            if isinstance(text, FileResult):
                results.append(text)
                continue
            checksum = Capture.checksum(text)
            if checksum in stored or checksum in seen_checksums:
                results.append(
                    FileResult(name, Outcome.UNCHANGED, "already imported (same SHA-256)")
                )
                continue
            plan = self._plan(name, text, checksum, found)
            results.append(plan.result if isinstance(plan, Plan) else plan)
            if not isinstance(plan, Plan):
                continue
            if plan.key in seen_keys:
                plan.result.outcome = Outcome.DUPLICATE
                plan.result.message = (
                    f"duplicate of {seen_keys[plan.key]} (same source, headline and time); skipped"
                )
                continue
            seen_checksums.add(checksum)
            seen_keys[plan.key] = name
            plans.append(plan)
        self._find_existing(plans)
        self._write(plans)
        return results

    def _plan(self, name: str, text: str, checksum: str, found) -> Plan | FileResult:
        if isinstance(found, ParseError):
            return FileResult(name, Outcome.FAILED, str(found))
        return Plan(
            result=FileResult(name, Outcome.IMPORTED),
            text=text,
            checksum=checksum,
            found=found,
            published_at=timezone.make_aware(found.published, self.zone),
            domain=(found.source or "").lower()[:200] or None,
        )

    def _find_existing(self, plans: list[Plan]) -> None:
        """Mark plans whose article is already in the archive: duplicates, or updates."""
        if not plans:
            return
        times = {p.published_at for p in plans}
        existing: dict[tuple, Article] = {}
        for article in (
            Article.objects.filter(published_at__in=times, capture__isnull=False)
            .select_related("source")
            .order_by("-pk")
        ):
            domain = article.source.domain if article.source else None
            existing[(domain, article.headline, article.published_at)] = article
        for plan in list(plans):
            match = existing.get(plan.key)
            if match is None:
                continue
            if self.update:
                plan.existing = match
                plan.result.outcome = Outcome.UPDATED
            else:
                plan.result.outcome = Outcome.DUPLICATE
                plan.result.message = (
                    f"duplicate of article #{match.pk} (same source, headline and time); "
                    "skipped, use --update to replace it"
                )
                plans.remove(plan)

    # Writing ---------------------------------------------------------------

    def _write(self, plans: list[Plan]) -> None:
        if not plans:
            return
        try:
            with transaction.atomic(), search.indexing_deferred():
                self._write_all(plans)
                # Bulk inserts send no signals: make readers' cached pages stale here.
                transaction.on_commit(pagecache.invalidate)
            return
        except Exception as error:
            self._forget()
            if len(plans) == 1:
                logger.exception("Storing capture %s failed", plans[0].result.name)
                self._fail(plans[0], error)
                return
        # Something in the batch could not be written: write its files one by
        # one so that only the file at fault fails.
        for plan in plans:
            plan.result.created.clear()
            plan.result.article_ids.clear()
            self._write([plan])

    def _fail(self, plan: Plan, error: Exception) -> None:
        plan.result.outcome = Outcome.FAILED
        plan.result.message = f"could not be stored: {error}"
        plan.result.created.clear()
        plan.result.article_ids.clear()

    def _forget(self) -> None:
        # Rolled back: records created in the transaction are gone.
        self._sources.clear()
        self._people.clear()

    def _write_all(self, plans: list[Plan]) -> None:
        status = Article.Status.PUBLISHED if self.publish else Article.Status.DRAFT
        captures = Capture.objects.bulk_create(
            Capture(file_name=Path(p.result.name).name[-255:], text=p.text, sha256=p.checksum)
            for p in plans
        )
        sources = self._ensure_sources({p.domain for p in plans if p.domain})
        people = self._ensure_people(plans)

        # Related stories: link to an article already carrying the headline, or
        # create one (once, even if several files in the batch name it).
        wanted = {s.headline[:300]: s for p in plans for s in p.found.related}
        known = self._articles_by_headline(list(wanted))
        to_create = [s for h, s in wanted.items() if h not in known]
        for plan, capture in zip(plans, captures, strict=True):
            plan.result.created["capture"] += 1
            if plan.existing is not None:
                plan.article = self._replace(plan, capture, sources, status)
        new_main = [(p, c) for p, c in zip(plans, captures, strict=True) if p.existing is None]
        listed = first_times(plans)
        slugs = self._unique_slugs(
            [p.found.headline for p, _ in new_main] + [s.headline for s in to_create],
            [p.published_at for p, _ in new_main] + [listed[s.headline[:300]] for s in to_create],
        )
        main_articles = Article.objects.bulk_create(
            Article(slug=slug, status=status, **self._article_fields(plan, capture, sources))
            for (plan, capture), slug in zip(new_main, slugs, strict=False)
        )
        for (plan, _), article in zip(new_main, main_articles, strict=True):
            plan.result.created["article"] += 1
            plan.article = article
        for plan in plans:
            plan.result.article_ids.append(plan.article.pk)

        related = Article.objects.bulk_create(
            Article(
                headline=story.headline[:300],
                slug=slug,
                summary=story.teaser,
                # Only its headline and teaser were captured. It was on the page
                # when the page was published, so it was published by then.
                published_at=listed[story.headline[:300]],
                status=status,
            )
            for story, slug in zip(to_create, slugs[len(new_main) :], strict=True)
        )
        for article in related:
            known[article.headline] = article.pk
        created_by: dict[int, list[Article]] = defaultdict(list)
        for article in related:
            # Counted for the first file of the batch that names the story.
            plan = next(
                p
                for p in plans
                if any(s.headline[:300] == article.headline for s in p.found.related)
            )
            plan.result.created["related article"] += 1
            created_by[id(plan)].append(article)

        links, district_links, event_links = [], [], []
        quotes, photos, photo_captions, comments = [], [], [], []
        for plan in plans:
            article, found = plan.article, plan.found
            linked = {known[s.headline[:300]] for s in found.related} - {article.pk}
            links += [RelatedLink(from_article_id=article.pk, to_article_id=pk) for pk in linked]
            links += [RelatedLink(from_article_id=pk, to_article_id=article.pk) for pk in linked]
            districts = [self.districts[n] for n in found.districts if n in self.districts]
            district_links += [
                ArticleDistricts(article_id=article.pk, district_id=d.pk) for d in districts
            ]
            event_links += [
                EventArticle(event_id=event_id, article_id=article.pk)
                for d in districts
                for day in found.dates_mentioned
                for event_id in self.events.get((d.pk, day), [])
            ]
            main_district = districts[0] if districts else None
            said_on = timezone.localtime(plan.published_at, self.zone).date()
            for q in found.quotes:
                quotes.append(
                    Quote(
                        article=article,
                        text=q.text,
                        speaker=people.get(q.speaker[:200]) if q.speaker else None,
                        district=next(iter(self._districts_in(q.text)), main_district),
                        said_on=said_on,
                        language=article.language,
                    )
                )
            for p in found.photos:
                photo = Photo(
                    article=article,
                    credit=p.credit[:200],
                    district=next(
                        iter(self._districts_in(" ".join(p.captions.values()))), main_district
                    ),
                )
                photos.append(photo)
                photo_captions.append(p.captions)
            comments += [
                Comment(
                    article=article,
                    author=f"usr: {c.user}"[:100],
                    body=c.text,
                    status=Comment.Status.APPROVED,
                    from_capture=True,
                )
                for c in found.comments
            ]
            plan.result.created["quote"] += len(found.quotes)
            plan.result.created["photo"] += len(found.photos)
            plan.result.created["caption"] += sum(len(p.captions) for p in found.photos)
            plan.result.created["comment"] += len(found.comments)
        for article in related:
            story = wanted[article.headline]
            district_links += [
                ArticleDistricts(article_id=article.pk, district_id=d.pk)
                for d in self._districts_in(f"{story.headline} {story.teaser}")
            ]

        RelatedLink.objects.bulk_create(links, ignore_conflicts=True)
        ArticleDistricts.objects.bulk_create(district_links, ignore_conflicts=True)
        EventArticle.objects.bulk_create(event_links, ignore_conflicts=True)
        Quote.objects.bulk_create(quotes)
        Photo.objects.bulk_create(photos)
        caption_rows = Caption.objects.bulk_create(
            Caption(photo=photo, language=lang, text=text)
            for photo, captions in zip(photos, photo_captions, strict=True)
            for lang, text in captions.items()
        )
        Comment.objects.bulk_create(comments)

        texts: dict[int, list[str]] = defaultdict(list)
        for quote in quotes:
            texts[quote.article_id].append(quote.text)
        for photo, captions in zip(photos, photo_captions, strict=True):
            texts[photo.article_id] += list(captions.values())
        SearchDocument.objects.bulk_create(
            [search.document(p.article, texts[p.article.pk]) for p in plans]
            + [search.document(article) for article in related]
        )
        many: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        for link in district_links:
            many[link.article_id]["districts"].append(link.district_id)
        for link in links:
            many[link.from_article_id]["related"].append(link.to_article_id)
        parts: dict[int, list[tuple]] = defaultdict(list)
        for quote in quotes:
            parts[quote.article_id].append((quote, None))
        captions_of: dict[int, list[Caption]] = defaultdict(list)
        for caption in caption_rows:
            captions_of[caption.photo_id].append(caption)
        for photo in photos:
            parts[photo.article_id].append((photo, None))
            parts[photo.article_id] += [(c, None) for c in captions_of[photo.pk]]
        self._record_revisions(plans, created_by, many, parts)

    def _record_revisions(self, plans, created_by, many, parts) -> None:
        """One revision per file: what it created, as imported, for editors to go back to.

        Written from what the batch holds in memory; an updated article, which
        may have links from before, is read back instead.
        """
        updated = [p.article.pk for p in plans if p.result.outcome == Outcome.UPDATED]
        fresh = (
            Article.objects.filter(pk__in=updated)
            .prefetch_related("districts", "related", "quotes", "photos__captions")
            .in_bulk()
        )
        groups = []
        for plan in plans:
            article = plan.article
            if article.pk in fresh:
                objects = [(o, None) for o in history.with_parts(fresh[article.pk])]
            else:
                objects = [(article, many[article.pk]), *parts[article.pk]]
            objects += [(other, many[other.pk]) for other in created_by[id(plan)]]
            groups.append((f"Imported from {Path(plan.result.name).name}", objects))
        history.record_many(groups)

    def _article_fields(self, plan: Plan, capture: Capture, sources: dict) -> dict:
        found = plan.found
        return {
            "section": found.section[:60],
            "headline": found.headline[:300],
            "body": found.body,
            "byline": (found.byline or "")[:200],
            "source": sources.get(plan.domain),
            "published_at": plan.published_at,
            "capture": capture,
        }

    def _replace(self, plan: Plan, capture: Capture, sources: dict, status: str) -> Article:
        """Update an article from a newer capture of it.

        The capture is the record of truth for what it yielded; what editors
        added by hand (uploaded images, comments posted here) stays.
        """
        article = plan.existing
        for name, value in self._article_fields(plan, capture, sources).items():
            setattr(article, name, value)
        if self.publish:
            article.status = status
        article.save()
        article.quotes.all().delete()
        article.photos.filter(image="").delete()
        article.comments.filter(from_capture=True).delete()
        article.districts.clear()
        SearchDocument.objects.filter(article=article).delete()
        return article

    def _ensure_sources(self, domains: set[str]) -> dict[str, Source]:
        missing = domains - set(self._sources)
        if missing:
            for source in Source.objects.filter(domain__in=missing):
                self._sources[source.domain] = source
            new = [Source(domain=d, name=d) for d in sorted(missing - set(self._sources))]
            for source in Source.objects.bulk_create(new):
                self._sources[source.domain] = source
        return self._sources

    def _ensure_people(self, plans: list[Plan]) -> dict[str, Person]:
        """The Person of every named speaker, reusing those seen before."""
        wanted: dict[str, str | None] = {}
        for plan in plans:
            for q in plan.found.quotes:
                if q.speaker:
                    wanted.setdefault(q.speaker[:200], q.speaker_description)
        missing = [name for name in wanted if name not in self._people]
        if missing:
            for person in Person.objects.filter(name__in=missing):
                self._people[person.name] = person
            new = [
                Person(
                    name=name,
                    description=(wanted[name] or "")[:200],
                    # People's names are capitalised throughout; a lowercase
                    # word ("Ministry of Defense in Baku") marks a body.
                    kind=Person.Kind.BODY
                    if any(w.islower() for w in name.split()[1:])
                    else Person.Kind.PERSON,
                )
                for name in missing
                if name not in self._people
            ]
            for person in Person.objects.bulk_create(new):
                self._people[person.name] = person
        return self._people

    def _districts_in(self, text: str) -> list[District]:
        """The districts a piece of text names, in order, each once."""
        found: list[District] = []
        for place in gazetteer_places_in(text, self.places):
            district = self.places.district_of(place)
            record = self.districts.get(district.name) if district else None
            if record is not None and record not in found:
                found.append(record)
        return found

    def _articles_by_headline(self, headlines: list[str]) -> dict[str, int]:
        """Articles already in the archive under these headlines (the oldest of each)."""
        known: dict[str, int] = {}
        if headlines:
            for pk, headline in (
                Article.objects.filter(headline__in=headlines)
                .order_by("pk")
                .values_list("pk", "headline")
            ):
                known.setdefault(headline, pk)
        return known

    def _unique_slugs(self, headlines: list[str], times: list[datetime.datetime]) -> list[str]:
        """A slug for each headline, unique in the archive and among themselves."""
        bases = [slugify(h)[:150].strip("-") or "article" for h in headlines]
        candidates = [list(_candidates(b, t, 4)) for b, t in zip(bases, times, strict=True)]
        taken = set(
            Article.objects.filter(slug__in=[c for cs in candidates for c in cs]).values_list(
                "slug", flat=True
            )
        )
        slugs = []
        for base, when, tried in zip(bases, times, candidates, strict=True):
            choice = next((c for c in tried if c not in taken), None)
            if choice is None:
                # Rare: every likely slug is taken; count on until one is free.
                choice = next(
                    c
                    for c in _candidates(base, when, 10_000)
                    if c not in taken and not Article.objects.filter(slug=c).exists()
                )
            taken.add(choice)
            slugs.append(choice)
        return slugs


def first_times(plans: list[Plan]) -> dict[str, datetime.datetime]:
    """For each related headline, when the first page listing it was published."""
    first: dict[str, datetime.datetime] = {}
    for plan in plans:
        for story in plan.found.related:
            headline = story.headline[:300]
            if headline not in first or plan.published_at < first[headline]:
                first[headline] = plan.published_at
    return first


def _batches(files: Iterable) -> Iterator[list]:
    batch = []
    for item in files:
        batch.append(item)
        if len(batch) >= BATCH_SIZE:
            yield batch
            batch = []
    if batch:
        yield batch


def _candidates(base: str, when: datetime.datetime, count: int) -> Iterator[str]:
    yield base
    dated = f"{base}-{when:%Y%m%d}"
    yield dated
    for number in range(2, count):
        yield f"{dated}-{number}"
