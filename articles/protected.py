"""What the archive's commands must never delete, for every command that replaces a folder.

A folder is replaced (``backup_archive --force``, ``restore_archive --force``)
only after it passes ``refuse_to_replace``: it must not be, or hold, the
project, a repository, source code, static files, the cache, the database or
the media folders. The list comes from the settings, so a new location is
covered as soon as it is configured; nothing here needs updating by hand.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.db import connection

# A folder holding any of these holds someone's work, whatever the settings say.
REPOSITORY_MARKERS = frozenset({".git", ".hg", ".svn", ".bzr"})
SOURCE_NAMES = frozenset({"manage.py", "pyproject.toml", "setup.py", "Makefile"})
SOURCE_SUFFIXES = frozenset(
    {".py", ".pyc", ".html", ".js", ".css", ".po", ".mo", ".toml", ".sh", ".sql"}
)


class Refused(Exception):
    """A folder a command must not replace; the message says why."""


def resolved(path: Path | str) -> Path:
    # Symlinks and ".." resolved, so that no spelling of a folder slips past.
    return Path(path).expanduser().resolve()


def is_within(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def database_file() -> Path | None:
    """The live SQLite file, or None (PostgreSQL, or SQLite in memory)."""
    if connection.vendor != "sqlite":
        return None
    name = str(connection.settings_dict["NAME"])
    if not name or name == ":memory:" or "mode=memory" in name:
        return None
    return resolved(name)


def cache_folders() -> list[Path]:
    return [
        resolved(options["LOCATION"])
        for options in settings.CACHES.values()
        if options.get("BACKEND", "").endswith("FileBasedCache") and options.get("LOCATION")
    ]


def media_folders() -> list[Path]:
    roots = [settings.MEDIA_ROOT, getattr(settings, "PRIVATE_MEDIA_ROOT", None)]
    return [resolved(root) for root in roots if root]


def live_locations() -> list[tuple[str, Path]]:
    """(what, where) for everything the site runs from or keeps."""
    found = [("the project", resolved(settings.BASE_DIR))]
    if settings.STATIC_ROOT:
        found.append(("the static files", resolved(settings.STATIC_ROOT)))
    found += [("static files", resolved(folder)) for folder in settings.STATICFILES_DIRS]
    found += [
        ("templates", resolved(folder))
        for engine in settings.TEMPLATES
        for folder in engine.get("DIRS", [])
    ]
    found += [("translations", resolved(folder)) for folder in settings.LOCALE_PATHS]
    found += [("the cache", folder) for folder in cache_folders()]
    found += [("a media folder", folder) for folder in media_folders()]
    database = database_file()
    if database is not None:
        found.append(("the database", database))
    return found


def refuse_to_replace(folder: Path, *, replacing: Path | None = None) -> None:
    """Raise Refused unless deleting everything in ``folder`` loses nothing but what it holds.

    ``replacing`` is a live folder the caller means to replace (a media folder
    being restored): the folder itself may be it, but may hold nothing else.
    """
    folder = resolved(folder)
    for what, path in live_locations():
        if replacing is not None and path == resolved(replacing):
            continue
        if is_within(path, folder):
            holds = "is" if path == folder else "holds"
            raise Refused(f"{folder} {holds} {what} ({path})")
    if not folder.is_dir():
        return
    for parent, dirs, files in os.walk(folder):
        for name in sorted(dirs + files):
            path = Path(parent) / name
            if name in REPOSITORY_MARKERS:
                raise Refused(f"{folder} holds a repository ({path})")
            if name in files and (name in SOURCE_NAMES or path.suffix in SOURCE_SUFFIXES):
                raise Refused(f"{folder} holds source code ({path})")


def refuse_to_write_into(folder: Path) -> None:
    """Raise Refused if ``folder`` lies inside a folder the site manages on its own.

    The cache culls files, collectstatic clears the static root, and both media
    folders are listed and replaced by restore: nothing else may live there.
    """
    folder = resolved(folder)
    managed = [("the cache", path) for path in cache_folders()]
    managed += [("a media folder", path) for path in media_folders()]
    if settings.STATIC_ROOT:
        managed.append(("the static files", resolved(settings.STATIC_ROOT)))
    for what, path in managed:
        if is_within(folder, path):
            raise Refused(f"{folder} is inside {what} ({path})")
