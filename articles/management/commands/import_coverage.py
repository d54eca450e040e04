"""python manage.py import_coverage PATH [PATH ...]"""

import json
import os
from collections.abc import Iterator

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from articles.importer.captured import Captured
from articles.importer.errors import ParseError
from articles.importer.files import find_captures, read_captures
from articles.importer.images_found import attach_from_archive
from articles.importer.progress import Progress
from articles.importer.store import (
    BATCH_SIZE,
    CaptureImporter,
    FileResult,
    Outcome,
    to_import,
)
from articles.importer.summary import summarise
from articles.places import gazetteer

# After this many files the query planner's statistics are worth refreshing.
ANALYZE_AFTER = 200
# A file this large is a web archive of many pages, worth parsing ahead too.
LARGE_FILE_BYTES = 8 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "Import archived coverage: text captures, saved web pages (.html) and web archives "
        "(.warc, .warc.gz, .wacz), or folders of them. Each article found becomes a draft "
        "for review, with its quotes, photos, comments and related stories."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", help="Capture files or web archives, or folders of them."
        )
        parser.add_argument(
            "--publish", action="store_true", help="Publish what is imported (default: drafts)."
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help="Replace an article that has the same source, headline and time.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Extract and report; write nothing."
        )
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help="With --dry-run: 'json' prints each extraction as JSON.",
        )

    def handle(self, *paths, **options):
        self.dry = options["dry_run"]
        candidates = list(find_captures(options["paths"]))
        if not candidates:
            raise CommandError(
                "No captures found in the paths given (.txt, .html, .warc, .warc.gz, .wacz)."
            )
        if options["dry_run"]:
            results = self.dry_run(candidates, options["format"])
        else:
            results = self.run(candidates, options["publish"], options["update"])
        failures = [r for r in results if r.failed]
        for result in failures:
            self.stderr.write(f"{result.name}: {result.message}")
        if not (options["dry_run"] and options["format"] == "json"):
            self.stdout.write(summarise(results, dry_run=options["dry_run"]))
        if failures:
            raise CommandError(f"{len(failures)} of {len(results)} files could not be imported.")

    def run(self, candidates, publish: bool, update: bool) -> list[FileResult]:
        # A second process parses ahead when there are cores and files enough to pay
        # for starting it.
        many = len(candidates) > 2 * BATCH_SIZE or any(
            not c.problem and c.path.stat().st_size > LARGE_FILE_BYTES for c in candidates
        )
        workers = 1 if many and (os.cpu_count() or 1) > 1 else 0
        importer = CaptureImporter(publish=publish, update=update, workers=workers)
        results = []
        for result in importer.import_many(self.captures(candidates)):
            if result.outcome in (Outcome.UNCHANGED, Outcome.DUPLICATE):
                self.stdout.write(f"{result.name}: {result.message}")
            results.append(result)
        self.attach_images(candidates, [pk for r in results for pk in r.article_ids])
        imported = sum(r.outcome in (Outcome.IMPORTED, Outcome.UPDATED) for r in results)
        if imported >= ANALYZE_AFTER:
            self.refresh_statistics()
        return results

    def progress(self, total: int) -> Progress:
        # The bar redraws one line, so it writes to the raw stream rather than
        # through the OutputWrapper, which ends every write with a newline.
        return Progress(total, "Reading" if self.dry else "Importing", self.stderr._out)

    def attach_images(self, candidates, article_ids: list[int]) -> None:
        """Give the photos of the pages just imported the images their archives hold."""
        given = 0
        for candidate in candidates:
            if candidate.problem:
                continue
            with open(candidate.path, "rb") as stream:
                found = attach_from_archive(stream, settings.ARCHIVE_UPLOAD_MAX_BYTES, article_ids)
                for url, problem in found:
                    if problem:
                        self.stderr.write(f"{candidate.path}: image {url} not kept: {problem}")
                    else:
                        given += 1
        if given:
            self.stdout.write(f"Gave {given} photo{'s' if given != 1 else ''} their images.")

    def captures(self, candidates) -> Iterator[tuple[str, Captured | FileResult]]:
        """(name, capture) for every capture the files hold, or (name, why not); the
        progress bar counts the files read."""
        progress = self.progress(len(candidates))
        for candidate in candidates:
            if candidate.problem:
                name = str(candidate.path)
                yield name, FileResult(name, Outcome.FAILED, candidate.problem)
            else:
                yield from map(to_import, read_captures(candidate.path))
            progress.advance()

    def dry_run(self, candidates, output_format: str) -> list[FileResult]:
        places = gazetteer()
        results, extractions = [], []
        for name, found in self.captures(candidates):
            if isinstance(found, FileResult):
                results.append(found)
                continue
            try:
                extractions.append(found.extract(places).as_dict())
            except ParseError as error:
                results.append(FileResult(name, Outcome.FAILED, str(error)))
                continue
            results.append(FileResult(name, Outcome.IMPORTED))
        if output_format == "json":
            single = len(candidates) == 1 and len(extractions) == 1
            payload = extractions[0] if single else extractions
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        return results

    def refresh_statistics(self) -> None:
        """Let the database plan archive queries with up-to-date statistics."""
        if connection.vendor in ("sqlite", "postgresql"):
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
