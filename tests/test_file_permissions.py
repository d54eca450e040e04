"""What the archive creates is readable by its owner only: the database, uploads, originals, cache.

Each test creates its files under the usual umask of 022, which would leave
them readable by every user of the machine.
"""

import contextlib
import io
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.admin.concurrency import PhotoForm
from articles.models import Photo

ROOT = Path(__file__).resolve().parent.parent


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@contextlib.contextmanager
def usual_umask():
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def test_the_sqlite_database_and_its_wal_are_readable_by_their_owner_only(tmp_path):
    database = tmp_path / "db.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_SECRET_KEY": "permission-tests-only-" + "k" * 40,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_VAR_DIR": str(tmp_path / "var"),
    }
    # Write while connected, and list each file's mode before the WAL goes away.
    keep_open = (
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute('CREATE TABLE t (x)'); c.execute('INSERT INTO t VALUES (1)')\n"
        "import pathlib, stat\n"
        f"for p in sorted(pathlib.Path(r'{tmp_path}').glob('db.*')):\n"
        "    print(p.name, oct(stat.S_IMODE(p.stat().st_mode)))\n"
    )

    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", keep_open],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=lambda: os.umask(0o022),
    )

    assert result.returncode == 0, result.stderr
    modes = [line for line in result.stdout.splitlines() if line.startswith("db.")]
    assert modes == ["db.sqlite3 0o600", "db.sqlite3-shm 0o600", "db.sqlite3-wal 0o600"]
    assert mode(database) == 0o600


@pytest.mark.django_db
def test_uploads_originals_and_renditions_are_readable_by_their_owner_only(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), (20, 80, 140)).save(buffer, "JPEG")
    form_class = type(
        "Form",
        (PhotoForm,),
        {"Meta": type("Meta", (), {"model": Photo, "fields": ["image", "credit", "version"]})},
    )
    form = form_class(
        data={"credit": "Synthetic, AGENCY"},
        files={"image": SimpleUploadedFile("synthetic.jpg", buffer.getvalue())},
    )
    assert form.is_valid(), form.errors

    with usual_umask():
        photo = form.save()

    created = [tmp_path / "media" / photo.image.name, Path(photo.original.path)]
    created += [tmp_path / "media" / name for name in photo.renditions.values()]
    assert len(created) == 4
    for path in created:
        assert mode(path) == 0o600, path
        for folder in path.relative_to(tmp_path).parents[:-1]:
            assert mode(tmp_path / folder) == 0o700, folder


def test_the_file_cache_is_readable_by_its_owner_only(settings, tmp_path):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": tmp_path / "cache",
        }
    }

    with usual_umask():
        caches["default"].set("page", "an unpublished page")

    assert mode(tmp_path / "cache") == 0o700
    assert [mode(p) for p in (tmp_path / "cache").iterdir()] == [0o600]
