"""python manage.py backup_archive DIR [--force]"""

import contextlib
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection

from articles.archiving import (
    POSTGRES_FILE,
    SQLITE_FILE,
    ArchiveError,
    FileEntry,
    backup_postgres,
    backup_sqlite,
    copy_with_checksum,
    folder_is_empty,
    human_size,
    is_within,
    media_areas,
    media_files,
    plural,
    sha256_of,
    sqlite_file,
    write_manifest,
)
from articles.importer.progress import Progress


class Command(BaseCommand):
    help = (
        "Back up the archive into DIR: a consistent copy of the database, the media files "
        "(public and private), and manifest.json with every file's size and SHA-256 and "
        "the number of records."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="DIR", help="Folder to create the backup in.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace DIR's contents if it is not empty (e.g. an earlier backup).",
        )

    def handle(self, *args, **options):
        target = Path(options["folder"]).expanduser().absolute()
        self.check_target(target, options["force"])
        started = time.monotonic()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # Everything is written beside DIR and renamed into place at the
            # end, so DIR never holds half a backup.
            staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.partial-", dir=target.parent))
        except OSError as error:
            raise CommandError(f"Cannot write the backup next to {target}: {error}") from None
        try:
            counts, files = self.write(staging)
            self.put_in_place(staging, target)
        except (ArchiveError, OSError, sqlite3.Error, DatabaseError) as error:
            raise CommandError(
                f"Backup failed: {error}. Nothing was written to {target}."
            ) from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        media = [f for f in files if f.path.startswith(tuple(f"{a}/" for a, _ in media_areas()))]
        self.stdout.write(
            f"Backed up {plural(counts['Article'], 'article')}, "
            f"{plural(counts['Capture'], 'capture')}, {plural(counts['Photo'], 'photo')} "
            f"and {plural(len(media), 'media file')} "
            f"({human_size(sum(f.size for f in files))}) to {target} "
            f"in {time.monotonic() - started:.1f} s."
        )

    def check_target(self, target: Path, force: bool) -> None:
        if target.exists() and not target.is_dir():
            raise CommandError(f"{target} exists and is not a folder.")
        if target.is_dir() and not folder_is_empty(target) and not force:
            raise CommandError(
                f"{target} is not empty; choose a new or empty folder, "
                "or pass --force to replace its contents."
            )
        areas = [root.absolute() for _, root in media_areas()]
        live = [("a media folder", root) for root in areas]
        live.append(("the project", Path(settings.BASE_DIR)))
        if connection.vendor == "sqlite":
            with contextlib.suppress(ArchiveError):  # in memory: no file to protect
                live.append(("the database", sqlite_file().absolute()))
        for what, path in live:
            # Replacing DIR with --force must never delete live data.
            if is_within(path, target):
                raise CommandError(f"{target} holds {what} ({path}); choose another folder.")
        for root in areas:
            if is_within(target, root):
                raise CommandError(f"{target} is inside a media folder ({root}); choose another.")

    def write(self, staging: Path) -> tuple[dict[str, int], list[FileEntry]]:
        if connection.vendor == "sqlite":
            database = staging / SQLITE_FILE
            self.stderr.write("Copying the database (SQLite online backup)…")
            counts = backup_sqlite(database)
        elif connection.vendor == "postgresql":
            database = staging / POSTGRES_FILE
            self.stderr.write("Dumping the database (pg_dump)…")
            counts = backup_postgres(database)
        else:
            raise ArchiveError(f"backing up a {connection.vendor} database is not supported")
        files = [FileEntry(database.name, database.stat().st_size, sha256_of(database))]
        for folder, root in media_areas():
            files += self.copy_media(root, staging, folder)
        write_manifest(staging, files, counts, {"vendor": connection.vendor, "file": database.name})
        return counts, files

    def copy_media(self, root: Path, staging: Path, folder: str) -> list[FileEntry]:
        names = media_files(root)
        progress = Progress(len(names), f"Copying {folder}", self.stderr._out)
        entries = []
        for name in names:
            progress.advance()
            try:
                size, digest = copy_with_checksum(root / name, staging / folder / name)
            except FileNotFoundError:
                # Deleted since the listing (an editor removed a photo): the
                # database snapshot may still name it, so say so, and go on.
                self.stderr.write(f"{name}: vanished while backing up; skipped")
                continue
            entries.append(FileEntry(f"{folder}/{name.as_posix()}", size, digest))
        return entries

    @staticmethod
    def put_in_place(staging: Path, target: Path) -> None:
        if not target.exists():
            staging.rename(target)
            return
        if folder_is_empty(target):
            target.rmdir()
            staging.rename(target)
            return
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        target.rename(old / "backup")
        try:
            staging.rename(target)
        except OSError:
            # Put the earlier backup back rather than leave DIR missing.
            (old / "backup").rename(target)
            old.rmdir()
            raise
        shutil.rmtree(old, ignore_errors=True)
