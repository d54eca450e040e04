"""Files the archive keeps are readable by their owner only.

The database holds password hashes and unpublished work, the private folder
the uploads as received (with their GPS data), the cache unpublished pages
shown to no one yet. Uploads and renditions get FILE_UPLOAD_PERMISSIONS
(settings); Django's file cache makes its own files owner-only; this module
does the same for the SQLite file, whoever creates it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from django.db.backends.signals import connection_created
from django.dispatch import receiver

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def make_private(path: Path) -> None:
    """Owner-only, if the file exists and others can read it."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return
    if mode & 0o077:
        path.chmod(mode & 0o700)


def make_folders(folder: Path) -> None:
    """``folder`` and any missing parents, created owner-only."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for path in reversed(missing):
        path.mkdir(mode=FOLDER_MODE, exist_ok=True)
        path.chmod(FOLDER_MODE)  # mkdir's mode is narrowed by the umask, never widened


@receiver(connection_created)
def sqlite_file_is_private(sender, connection, **kwargs) -> None:
    # SQLite creates the file under the process's umask (often 0644), and
    # gives its -wal and -shm files the database file's mode.
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict["NAME"])
    if not name or name == ":memory:" or "mode=memory" in name:
        return
    for suffix in ("", "-wal", "-shm", "-journal"):
        make_private(Path(os.fspath(name) + suffix))
