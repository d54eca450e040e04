"""python manage.py backup_archive DIR [--force]"""

import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection

from articles.archiving import (
    MANIFEST,
    POSTGRES_FILE,
    SQLITE_FILE,
    ArchiveError,
    FileEntry,
    backup_postgres,
    backup_sqlite,
    copy_with_checksum,
    folder_is_empty,
    human_size,
    media_areas,
    media_files,
    plural,
    read_manifest,
    safe_member,
    sha256_of,
    write_manifest,
)
from articles.importer.progress import Progress
from articles.protected import Refused, refuse_to_replace, refuse_to_write_into, resolved


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
            help="Replace DIR if it holds an earlier backup (and nothing else).",
        )

    def handle(self, *args, **options):
        target = resolved(options["folder"])
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
        try:
            # Replacing DIR with --force must never delete live data or anyone's work.
            refuse_to_replace(target)
            refuse_to_write_into(target)
        except Refused as error:
            raise CommandError(f"{error}; choose another folder.") from None
        if target.is_dir() and not folder_is_empty(target):
            if not force:
                raise CommandError(
                    f"{target} is not empty; choose a new or empty folder, "
                    "or pass --force to replace its contents."
                )
            self.check_previous_backup(target)

    @staticmethod
    def check_previous_backup(target: Path) -> None:
        """--force replaces an earlier backup, and nothing else.

        Every file must be one its manifest lists, or lie in the backup's own
        media folders (a damaged or added copy of an upload, never source code:
        refuse_to_replace has looked for that already).
        """
        try:
            manifest = read_manifest(target)
        except ArchiveError as error:
            raise CommandError(
                f"{target} does not hold a backup ({error}); --force only replaces an "
                "earlier backup. Choose a new or empty folder."
            ) from None
        listed = {
            safe_member(target, entry.get("path"))
            for entry in manifest["files"]
            if isinstance(entry, dict)
        }
        own = tuple(target / folder for folder, _ in media_areas())
        for path in sorted(target.rglob("*")):
            if path.is_file() and path.name != MANIFEST and path not in listed:
                if any(path.is_relative_to(folder) for folder in own):
                    continue
                raise CommandError(
                    f"{target} holds {path.relative_to(target)}, which no backup wrote; "
                    "--force only replaces an earlier backup. Move the file or choose "
                    "another folder."
                )

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
