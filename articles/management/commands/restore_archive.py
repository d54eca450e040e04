"""python manage.py restore_archive DIR [--force]"""

import shutil
import sqlite3
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

from articles import freshness
from articles.archiving import (
    ARCHIVE_MODELS,
    STAGING_PREFIXES,
    ArchiveError,
    archive_tables_exist,
    check_backup,
    copy_with_checksum,
    media_areas,
    media_files,
    model_counts,
    plural,
    restore_postgres,
    restore_sqlite,
    safe_member,
)
from articles.importer.progress import Progress
from articles.private_files import make_folders
from articles.protected import Refused, refuse_to_replace, resolved

VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_archive into this installation: verifies every "
        "file against the manifest first, and refuses to overwrite an archive unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="DIR", help="A folder written by backup_archive.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace this installation's database and media even if it holds an archive.",
        )

    def handle(self, *args, **options):
        folder = Path(options["folder"]).expanduser().absolute()
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        try:
            self.check_replaceable()
            manifest = self.verified_manifest(folder)
            self.check_compatible(manifest)
            self.check_empty(options["force"])
            self.restore(folder, manifest)
            # Pages cached from the database that was there before are all stale now.
            freshness.content_changed()
            self.report(manifest)
        except (ArchiveError, OSError, sqlite3.Error, DatabaseError) as error:
            raise CommandError(f"Restore failed: {error}") from None

    def verified_manifest(self, folder: Path) -> dict:
        self.stderr.write(f"Verifying {folder} against its manifest…")
        manifest, problems = check_backup(folder)
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise CommandError(
                f"{folder} does not match its manifest: {problems[0]}{more}; nothing was restored."
            )
        return manifest

    def check_compatible(self, manifest: dict) -> None:
        vendor = manifest["database"].get("vendor")
        if vendor != connection.vendor:
            raise CommandError(
                f"The backup holds a {VENDOR_NAMES.get(vendor, vendor)} database but this "
                f"installation uses {VENDOR_NAMES.get(connection.vendor, connection.vendor)}; "
                "nothing was restored."
            )

    @staticmethod
    def check_replaceable() -> None:
        """Restoring empties each media folder: refuse if one holds anything but media."""
        roots = [resolved(root) for _, root in media_areas()]
        if len(set(roots)) < len(roots):
            raise CommandError(
                f"{roots[0]} is both the media folder and the private originals' folder; "
                "restoring would replace one with the other. Set DJANGO_MEDIA_ROOT and "
                "DJANGO_PRIVATE_MEDIA_ROOT to folders of their own. Nothing was restored."
            )
        for _, root in media_areas():
            try:
                refuse_to_replace(root, replacing=root)
            except Refused as error:
                raise CommandError(
                    f"Restoring would replace the media folder {root}, but {error}; set "
                    "DJANGO_MEDIA_ROOT and DJANGO_PRIVATE_MEDIA_ROOT to folders of their own. "
                    "Nothing was restored."
                ) from None

    def check_empty(self, force: bool) -> None:
        found = []
        if archive_tables_exist():
            counts = model_counts()
            found += [
                plural(counts[name], name.lower())
                for name in ("Article", "Capture")
                if counts[name]
            ]
        media = sum(len(media_files(root)) for _, root in media_areas())
        if media:
            found.append(plural(media, "media file"))
        if found and not force:
            raise CommandError(
                f"This installation is not empty ({', '.join(found)}); restore into an empty "
                "one, or pass --force to replace its database and media with the backup's."
            )

    def restore(self, folder: Path, manifest: dict) -> None:
        stagings = []
        try:
            for area, root in media_areas():
                make_folders(root)
                # Staged inside the media folder itself (one file system), so
                # putting files in place once the database is restored is a
                # few renames, even when the folder is a mount point.
                staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIXES[0], dir=root))
                stagings.append((root, staging))
                self.stage_media(folder, manifest, area, staging)
            database = safe_member(folder, manifest["database"]["file"])
            self.stderr.write("Restoring the database…")
            if connection.vendor == "sqlite":
                restore_sqlite(database)
            else:
                restore_postgres(database)
            for root, staging in stagings:
                self.swap_media(root, staging)
        finally:
            for _, staging in stagings:
                shutil.rmtree(staging, ignore_errors=True)

    def stage_media(self, folder: Path, manifest: dict, area: str, staging: Path) -> None:
        prefix = f"{area}/"
        entries = [e for e in manifest["files"] if e["path"].startswith(prefix)]
        progress = Progress(len(entries), f"Copying {area}", self.stderr._out)
        for entry in entries:
            progress.advance()
            relative = entry["path"][len(prefix) :]
            size, digest = copy_with_checksum(
                safe_member(folder, entry["path"]), safe_member(staging, relative)
            )
            if (size, digest) != (entry["size"], entry["sha256"]):
                raise ArchiveError(f"{entry['path']} changed while it was being restored")

    @staticmethod
    def swap_media(root: Path, staging: Path) -> None:
        old = Path(tempfile.mkdtemp(prefix=STAGING_PREFIXES[1], dir=root))
        for entry in root.iterdir():
            if not entry.name.startswith(STAGING_PREFIXES):
                entry.rename(old / entry.name)
        for entry in staging.iterdir():
            entry.rename(root / entry.name)
        # Only now: should a rename fail, the files replaced are still in `old`.
        shutil.rmtree(old)

    def report(self, manifest: dict) -> None:
        expected = manifest["counts"]
        actual = model_counts()
        self.stdout.write(
            "Restored: " + ", ".join(f"{actual[m.__name__]} {m.__name__}" for m in ARCHIVE_MODELS)
        )
        differences = [
            f"{name}: {actual.get(name)} restored, manifest says {count}"
            for name, count in expected.items()
            if actual.get(name) != count
        ]
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            self.stdout.write(
                f"The restored database predates {len(pending)} migration(s) of this code: "
                "run `manage.py migrate`."
            )
        if differences:
            for line in differences:
                self.stderr.write(line)
            raise CommandError(
                f"The restored counts differ from the backup's manifest ({differences[0]})."
            )
        self.stdout.write("The restored counts match the backup's manifest.")
