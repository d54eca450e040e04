"""What the backup, restore and verify commands share.

A backup folder holds the database (``database.sqlite3`` or ``database.pgdump``),
a copy of MEDIA_ROOT under ``media/`` and of PRIVATE_MEDIA_ROOT (original
uploads) under ``private/``, and ``manifest.json``: the size and SHA-256 of
every other file in the folder, the number of rows of each archive model, and
the versions that wrote it. A folder whose files do not match its manifest is
never restored.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Any

import django
from django.conf import settings
from django.db import connection

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
from articles.private_files import FILE_MODE, make_folders, make_private

MANIFEST = "manifest.json"
MEDIA_FOLDER = "media"
PRIVATE_FOLDER = "private"
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.pgdump"
FORMAT_VERSION = 1
ARCHIVE_MODELS = (Article, Capture, Quote, Photo, Caption, Comment, District, Event, Person, Source)
# Folders the restore command stages media in, inside MEDIA_ROOT so that the
# final moves are renames on one file system. Never archive content.
STAGING_PREFIXES = (".restore-", ".replaced-")
CHUNK = 1024 * 1024


class ArchiveError(Exception):
    """A problem the operator can act on; the commands turn it into one line."""


# Files ---------------------------------------------------------------------


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def copy_with_checksum(source: Path, target: Path) -> tuple[int, str]:
    """Copy a file, hashing what was read in the same pass; (size, SHA-256).

    The copy and any folder made for it are owner-only, whatever the source's mode.
    """
    make_folders(target.parent)
    digest = hashlib.sha256()
    size = 0
    with open(source, "rb") as src, open(target, "xb") as dst:
        while chunk := src.read(CHUNK):
            digest.update(chunk)
            dst.write(chunk)
            size += len(chunk)
    shutil.copystat(source, target)
    target.chmod(FILE_MODE)
    return size, digest.hexdigest()


def media_areas() -> list[tuple[str, Path]]:
    """(folder in a backup, folder on disk) for each place uploaded files live."""
    areas = [(MEDIA_FOLDER, Path(settings.MEDIA_ROOT))]
    private = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
    if private:
        areas.append((PRIVATE_FOLDER, Path(private)))
    return areas


def media_files(root: Path) -> list[Path]:
    """Every file under a media folder, relative to it, in a stable order."""
    if not root.is_dir():
        return []
    found = []
    for folder, dirs, files in os.walk(root):
        if Path(folder) == root:
            dirs[:] = [d for d in dirs if not d.startswith(STAGING_PREFIXES)]
        dirs.sort()
        found += [(Path(folder) / name).relative_to(root) for name in sorted(files)]
    return found


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def folder_is_empty(folder: Path) -> bool:
    return not any(folder.iterdir())


def is_within(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


# Manifest ------------------------------------------------------------------


@dataclass
class FileEntry:
    path: str
    size: int
    sha256: str

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "size": self.size, "sha256": self.sha256}


def versions() -> dict[str, str]:
    try:
        project = metadata.version("newsroom-archive")
    except metadata.PackageNotFoundError:
        pyproject = Path(settings.BASE_DIR) / "pyproject.toml"
        project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    found = {
        "project": project,
        "django": django.get_version(),
        "python": platform.python_version(),
        "database": connection.vendor,
    }
    if connection.vendor == "sqlite":
        found["sqlite"] = sqlite3.sqlite_version
    elif connection.vendor == "postgresql":
        found["postgresql"] = str(connection.pg_version)
    return found


def applied_migrations() -> dict[str, str]:
    """The latest applied migration of each app: what schema the database holds."""
    from django.db.migrations.recorder import MigrationRecorder

    latest: dict[str, str] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        latest[app] = max(latest.get(app, name), name)
    return latest


def write_manifest(
    folder: Path, files: list[FileEntry], counts: dict[str, int], database: dict[str, str]
) -> None:
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "versions": versions(),
        "migrations": applied_migrations(),
        "database": database,
        "counts": counts,
        "files": [entry.as_dict() for entry in files],
    }
    (folder / MANIFEST).write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    make_private(folder / MANIFEST)


def read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    if not path.is_file():
        raise ArchiveError(f"{path} is missing: {folder} is not a backup folder, or is incomplete")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ArchiveError(f"{path} is not a valid manifest: {error}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_VERSION:
        raise ArchiveError(f"{path} is not a manifest this version can read")
    if not isinstance(manifest.get("files"), list) or not isinstance(manifest.get("counts"), dict):
        raise ArchiveError(f"{path} is not a valid manifest: no file list or counts")
    return manifest


def safe_member(folder: Path, relative: object) -> Path | None:
    """The file a manifest entry names, or None if it points outside the folder.

    A manifest is input: a tampered one must not make restore read or write
    anything but the backup's own files.
    """
    if not isinstance(relative, str) or not relative:
        return None
    posix = PurePosixPath(relative)
    if posix.is_absolute() or ".." in posix.parts or "\\" in relative:
        return None
    return folder.joinpath(*posix.parts)


def check_backup(folder: Path, progress=None) -> tuple[dict[str, Any] | None, list[str]]:
    """(manifest, problems): every way the folder differs from its manifest, one line each."""
    try:
        manifest = read_manifest(folder)
    except ArchiveError as error:
        return None, [str(error)]
    problems = []
    listed: set[Path] = set()
    entries = manifest["files"]
    for entry in entries:
        if progress:
            progress.advance()
        if not isinstance(entry, dict):
            problems.append(f"{MANIFEST}: malformed file entry {entry!r}")
            continue
        name = entry.get("path")
        path = safe_member(folder, name)
        if path is None:
            problems.append(f"{MANIFEST}: refusing file entry outside the backup: {name!r}")
            continue
        listed.add(path)
        if not path.is_file():
            problems.append(f"{name}: missing")
            continue
        size = path.stat().st_size
        if size != entry.get("size"):
            problems.append(f"{name}: size is {size} bytes, manifest says {entry.get('size')}")
            continue
        if sha256_of(path) != entry.get("sha256"):
            problems.append(f"{name}: SHA-256 does not match the manifest (changed or corrupt)")
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != MANIFEST and path not in listed:
            problems.append(f"{path.relative_to(folder).as_posix()}: not in the manifest")
    database = manifest.get("database")
    if not isinstance(database, dict) or safe_member(folder, database.get("file")) not in listed:
        problems.append(f"{MANIFEST}: names no database file among its files")
    return manifest, problems


# Counts --------------------------------------------------------------------


def count_rows(cursor) -> dict[str, int]:
    """Rows of each archive model, through any DB-API cursor."""
    counts = {}
    for model in ARCHIVE_MODELS:
        cursor.execute(f'SELECT COUNT(*) FROM "{model._meta.db_table}"')
        counts[model.__name__] = cursor.fetchone()[0]
    return counts


def model_counts() -> dict[str, int]:
    return {model.__name__: model._base_manager.count() for model in ARCHIVE_MODELS}


def archive_tables_exist() -> bool:
    tables = set(connection.introspection.table_names())
    return all(model._meta.db_table in tables for model in ARCHIVE_MODELS)


# SQLite --------------------------------------------------------------------


def sqlite_file() -> Path:
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        raise ArchiveError("the configured SQLite database is in memory; there is no file")
    return Path(name)


def backup_sqlite(target: Path) -> dict[str, int]:
    """Copy the live database with SQLite's online backup; the copy's row counts.

    The backup API copies a consistent snapshot while other connections keep
    reading and writing, which copying the file (and its WAL) would not.
    """
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        # A backup is one self-contained file, with no -wal beside it.
        copy.execute("PRAGMA journal_mode=DELETE")
        make_private(target)
        counts = count_rows(copy.cursor())
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            raise ArchiveError(
                f"the database has no archive tables ({error}); migrate it"
            ) from None
        raise
    finally:
        copy.close()
    return counts


def restore_sqlite(source: Path) -> None:
    """Replace the configured database with the backup's, in one backup-API step.

    Going through SQLite rather than copying the file keeps its WAL and any
    other connection's view consistent: they see the old database or the new.
    """
    target = sqlite_file()
    make_folders(target.parent)
    connection.close()
    backup = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        timeout = connection.settings_dict["OPTIONS"].get("timeout", 20)
        live = sqlite3.connect(target, timeout=timeout)
        try:
            backup.backup(live)
        finally:
            live.close()
        make_private(target)
    finally:
        backup.close()


# PostgreSQL ----------------------------------------------------------------


def postgres_env() -> dict[str, str]:
    """libpq's environment for the configured database: no password on a command line."""
    settings_dict = connection.settings_dict
    options = settings_dict.get("OPTIONS", {})
    values = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER") or options.get("user"),
        "PGPASSWORD": settings_dict.get("PASSWORD") or options.get("password"),
        "PGDATABASE": settings_dict.get("NAME") or options.get("dbname"),
        "PGSERVICE": options.get("service"),
        "PGPASSFILE": options.get("passfile"),
        "PGSSLMODE": options.get("sslmode"),
        "PGSSLROOTCERT": options.get("sslrootcert"),
        "PGSSLCERT": options.get("sslcert"),
        "PGSSLKEY": options.get("sslkey"),
    }
    return os.environ | {key: str(value) for key, value in values.items() if value}


def run_postgres_tool(args: list[str]) -> None:
    tool = args[0]
    if shutil.which(tool) is None:
        raise ArchiveError(
            f"{tool} was not found on PATH; install the PostgreSQL client tools "
            "(Debian: postgresql-client) matching the server's version"
        )
    try:
        result = subprocess.run(args, env=postgres_env(), capture_output=True, text=True)
    except OSError as error:
        raise ArchiveError(f"{tool} could not be run: {error}") from None
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        reason = lines[-1] if lines else f"exit status {result.returncode}"
        raise ArchiveError(f"{tool} failed: {reason}")


def backup_postgres(target: Path) -> dict[str, int]:
    """pg_dump the database; the row counts of the very snapshot it dumped."""
    if connection.in_atomic_block:
        # Already in a transaction (tests): its snapshot cannot be exported.
        run_postgres_tool(["pg_dump", "--format=custom", f"--file={target}"])
        return model_counts()
    from django.db import transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = count_rows(cursor)
        # pg_dump reads the exported snapshot, so the dump holds exactly what
        # was counted, even while editors keep writing.
        run_postgres_tool(
            ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}"]
        )
    return counts


def restore_postgres(source: Path) -> None:
    name = postgres_env().get("PGDATABASE", "")
    connection.close()
    run_postgres_tool(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            # All or nothing: a failed restore leaves the database as it was.
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={name}",
            str(source),
        ]
    )


# The live archive ----------------------------------------------------------


def capture_problems(progress=None) -> Iterator[str]:
    """Every capture whose bytes as captured no longer match its stored SHA-256, or
    whose text no longer matches the original bytes it was read from."""
    captures = Capture.objects.order_by("pk").only(
        "pk", "file_name", "text", "sha256", "original", "charset"
    )
    for capture in captures.iterator(chunk_size=200):
        if progress:
            progress.advance()
        problem = capture.fixity_problem()
        if problem:
            yield f"Capture #{capture.pk} ({capture.file_name}): {problem}"


class MediaCheck:
    """Checks every file a photo record names: its image, original upload and renditions.

    ``checked`` counts the files looked at, for the closing summary.
    """

    def __init__(self) -> None:
        self.checked = 0

    def problems(self, progress=None) -> Iterator[str]:
        from PIL import Image, UnidentifiedImageError

        images = Photo._meta.get_field("image").storage
        originals = Photo._meta.get_field("original").storage
        # Plain values: building Photo instances would make ImageField open
        # each file for its dimensions, and fail on the very files we look for.
        rows = Photo.objects.order_by("pk").values_list("pk", "image", "original", "renditions")
        for pk, image, original, renditions in rows.iterator(chunk_size=500):
            if progress:
                progress.advance()
            files = [("image file", images, image), ("original upload", originals, original)]
            files += [
                (f"{width}w rendition", images, name)
                for width, name in sorted((renditions or {}).items())
            ]
            for what, storage, name in files:
                if not name:
                    continue
                self.checked += 1
                if not storage.exists(name):
                    yield f"Photo #{pk}: {what} {name} is missing"
                    continue
                try:
                    with storage.open(name, "rb") as fh, Image.open(fh) as picture:
                        picture.verify()
                except (OSError, UnidentifiedImageError, SyntaxError, ValueError) as error:
                    yield f"Photo #{pk}: {what} {name} is not a readable image ({error})"
