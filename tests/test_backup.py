"""Backup, restore and fixity: an archive survives a round trip, and damage is never hidden.

The test database lives in memory, so the round trips run manage.py in
subprocesses against SQLite files of their own, exactly as an operator would.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from PIL import Image

from articles.archiving import ARCHIVE_MODELS
from articles.models import Capture, Photo

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "articles" / "data" / "sample" / "000_4e6cf89af3c18a31.txt"
SECRET_KEY = "backup-tests-only-" + "k" * 40

ADD_PHOTOS = """
from io import BytesIO
from django.core.files.base import ContentFile
from PIL import Image
from articles.models import Article, Photo

def png(size):
    buffer = BytesIO()
    Image.new("RGB", size, (40, 90, 160)).save(buffer, "PNG")
    return ContentFile(buffer.getvalue())

article = Article.objects.filter(capture__isnull=False).get()
for number, size in enumerate([(600, 400), (12, 8), (12, 8)]):
    photo = Photo(article=article, credit=f"Synthetic Photographer {number}")
    if number == 0:
        # As an upload leaves it: the original kept privately, and a rendition.
        photo.original.save("synthetic-original.png", png(size), save=False)
    photo.image.save(f"synthetic-{number}.png", png(size))
"""
# What ADD_PHOTOS leaves on disk: three images, one rendition, one original.
MEDIA_FILES = 5


@dataclass
class Installation:
    """One installation of the site: its own SQLite file and media folder."""

    folder: Path
    name: str

    @property
    def database(self) -> Path:
        return self.folder / f"{self.name}.sqlite3"

    @property
    def media(self) -> Path:
        return self.folder / f"media_{self.name}"

    @property
    def private(self) -> Path:
        return self.folder / f"private_{self.name}"

    def uploads(self) -> dict[str, bytes]:
        """Every file under both media folders, by path within its folder."""
        return {
            f"{kind}/{name}": data
            for kind, folder in (("media", self.media), ("private", self.private))
            if folder.exists()
            for name, data in files_under(folder).items()
        }

    def manage(self, *args: object, timeout: float = 60) -> subprocess.CompletedProcess:
        inherited = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith("DJANGO_") and key not in ("DATABASE_URL", "CACHE_URL")
        }
        env = inherited | {
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DJANGO_SECRET_KEY": SECRET_KEY,
            "DATABASE_URL": f"sqlite:///{self.database}",
            "DJANGO_MEDIA_ROOT": str(self.media),
            "DJANGO_PRIVATE_MEDIA_ROOT": str(self.private),
            "DJANGO_VAR_DIR": str(self.folder),
        }
        return subprocess.run(
            [sys.executable, "manage.py", *map(str, args)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def must(self, *args: object) -> subprocess.CompletedProcess:
        result = self.manage(*args)
        assert result.returncode == 0, result.stderr
        return result


def table_counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as db:
        tables = [
            name
            for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not name.startswith("sqlite_")
        ]
        return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


def captures(database: Path) -> list[tuple]:
    with sqlite3.connect(database) as db:
        return db.execute("SELECT id, file_name, text, sha256 FROM articles_capture").fetchall()


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def refused(result: subprocess.CompletedProcess, *phrases: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("CommandError: ")
    for phrase in phrases:
        assert phrase in result.stderr


def verify(*args: object) -> tuple[str, str, CommandError | None]:
    """verify_archive in this process: (stdout, stderr, the error it ended with, if any)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("verify_archive", *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


@pytest.fixture(scope="module")
def original(tmp_path_factory) -> Installation:
    """An installation holding the sample archive and three photos with image files."""
    installation = Installation(tmp_path_factory.mktemp("source"), "a")
    installation.must("migrate", "--noinput", "-v", "0")
    installation.must("import_coverage", "--publish", SAMPLE)
    installation.must("shell", "-c", ADD_PHOTOS)
    return installation


@pytest.fixture(scope="module")
def backup(original, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("backups") / "archive-backup"
    result = original.must("backup_archive", folder)
    assert result.stdout.strip().splitlines()[-1].startswith("Backed up 5 articles, 1 capture,")
    return folder


@pytest.fixture
def backup_copy(backup, tmp_path) -> Path:
    """A copy of the backup that a test may damage."""
    return Path(shutil.copytree(backup, tmp_path / "copy"))


def test_a_backup_restored_into_a_fresh_database_has_the_same_records_checksums_and_media(
    original, backup, tmp_path
):
    target = Installation(tmp_path, "b")
    target.must("migrate", "--noinput", "-v", "0")

    result = target.must("restore_archive", backup)

    assert "The restored counts match the backup's manifest." in result.stdout
    assert table_counts(target.database) == table_counts(original.database)
    assert captures(target.database) == captures(original.database)
    assert target.uploads() == original.uploads()
    assert len(target.uploads()) == MEDIA_FILES
    assert any(name.startswith("private/originals/") for name in target.uploads())
    assert any(name.startswith("media/renditions/") for name in target.uploads())
    verified = target.must("verify_archive")
    assert f"Checked 1 capture and {MEDIA_FILES} media files: 0 problems." in verified.stdout


def test_the_manifest_lists_every_file_of_the_backup_with_its_size_and_checksum(original, backup):
    manifest = json.loads((backup / "manifest.json").read_text(encoding="utf-8"))
    on_disk = {
        name: (len(data), hashlib.sha256(data).hexdigest())
        for name, data in files_under(backup).items()
        if name != "manifest.json"
    }
    listed = {f["path"]: (f["size"], f["sha256"]) for f in manifest["files"]}
    assert listed == on_disk
    assert "database.sqlite3" in listed and len(listed) == 1 + MEDIA_FILES
    source_counts = table_counts(original.database)
    assert manifest["counts"] == {
        m.__name__: source_counts[m._meta.db_table] for m in ARCHIVE_MODELS
    }
    assert manifest["counts"]["Photo"] == 4 and manifest["counts"]["Capture"] == 1
    assert manifest["versions"]["django"].startswith("5.2")
    assert manifest["versions"]["project"] and manifest["created_at"]


def test_the_backed_up_database_is_one_self_contained_file(backup):
    assert not (backup / "database.sqlite3-wal").exists()
    with sqlite3.connect(backup / "database.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_backup_into_a_folder_that_is_not_empty_is_refused_and_changes_nothing(
    original, tmp_path
):
    folder = tmp_path / "holds-something"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")

    result = original.manage("backup_archive", folder)

    refused(result, "is not empty", "--force")
    assert files_under(folder) == {"notes.txt": b"keep me"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["holds-something"]


def test_a_forced_backup_replaces_an_earlier_one_and_leaves_nothing_stale(
    original, backup_copy, tmp_path
):
    (backup_copy / "media" / "stale.png").write_bytes(b"left from an earlier backup")

    original.must("backup_archive", "--force", backup_copy)

    assert not (backup_copy / "media" / "stale.png").exists()
    out, _, error = verify("--backup", backup_copy)
    assert error is None and out.strip().endswith("against its manifest: 0 problems.")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy"]


def test_a_backup_never_replaces_the_folder_holding_live_data(original):
    refused(original.manage("backup_archive", "--force", original.folder), "holds")
    assert original.database.exists() and len(original.uploads()) == MEDIA_FILES


def test_restoring_into_an_installation_that_holds_an_archive_is_refused_unless_forced(
    backup, tmp_path
):
    target = Installation(tmp_path, "b")
    target.must("restore_archive", backup)
    before = table_counts(target.database)

    again = target.manage("restore_archive", backup)

    refused(
        again, f"This installation is not empty (5 articles, 1 capture, {MEDIA_FILES} media files)"
    )
    assert table_counts(target.database) == before
    forced = target.must("restore_archive", "--force", backup)
    assert "The restored counts match the backup's manifest." in forced.stdout
    assert len(target.uploads()) == MEDIA_FILES


def test_media_files_alone_make_an_installation_not_empty(backup, tmp_path):
    target = Installation(tmp_path, "b")
    (target.media / "photos").mkdir(parents=True)
    (target.media / "photos" / "uploaded.png").write_bytes(b"an editor's upload")

    refused(target.manage("restore_archive", backup), "not empty (1 media file)")
    assert target.uploads() == {"media/photos/uploaded.png": b"an editor's upload"}


def flip_first_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[0] ^= 0xFF
    path.write_bytes(bytes(data))


def first_photo(folder: Path) -> Path:
    return sorted((folder / "media").rglob("*.png"))[0]


@pytest.mark.parametrize(
    ("damage", "named"),
    [
        (lambda folder: flip_first_byte(first_photo(folder)), "synthetic-0.png: SHA-256"),
        (lambda folder: first_photo(folder).unlink(), "synthetic-0.png: missing"),
        (lambda folder: flip_first_byte(folder / "database.sqlite3"), "database.sqlite3: SHA-256"),
        (
            lambda folder: flip_first_byte(next((folder / "private").rglob("*.png"))),
            "synthetic-original.png: SHA-256",
        ),
        (lambda folder: (folder / "media" / "extra.png").write_bytes(b"x"), "not in the manifest"),
        (lambda folder: (folder / "manifest.json").unlink(), "manifest.json is missing"),
    ],
    ids=[
        "changed photo",
        "missing photo",
        "changed database",
        "changed original upload",
        "added file",
        "no manifest",
    ],
)
def test_a_damaged_backup_is_refused_naming_the_bad_file_and_nothing_is_restored(
    backup_copy, tmp_path, damage, named
):
    damage(backup_copy)
    target = Installation(tmp_path, "b")

    result = target.manage("restore_archive", backup_copy)

    refused(result, named, "nothing was restored")
    assert not target.database.exists()
    assert not target.media.exists() and not target.private.exists()
    out, err, error = verify("--backup", backup_copy)
    assert error is not None and named in err


# verify_archive on the live archive: the pytest-django database suffices.


@pytest.fixture
def photo(settings, tmp_path, seed_archive, make_article) -> Photo:
    """The sample archive plus a photo with an image and a rendition, in a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    buffer = BytesIO()
    Image.new("RGB", (600, 400), (30, 120, 200)).save(buffer, "PNG")
    picture = Photo(article=make_article(), credit="Synthetic Photographer")
    picture.image.save("synthetic.png", ContentFile(buffer.getvalue()))
    return picture


def test_verify_archive_passes_on_a_clean_archive(photo):
    out, err, error = verify()
    assert error is None
    assert photo.renditions  # the image and one narrower copy
    assert out.strip() == "Checked 1 capture and 2 media files: 0 problems."
    assert err == ""


def test_verify_archive_reports_a_tampered_capture_and_exits_non_zero(photo):
    capture = Capture.objects.get()
    with connection.cursor() as cursor:
        # Straight to the table: the model itself refuses to change a capture.
        cursor.execute(
            "UPDATE articles_capture SET text = %s WHERE id = %s",
            [capture.text + "\nA line that was never captured.", capture.pk],
        )

    out, err, error = verify()

    assert error is not None and str(error) == "1 problem found."
    assert f"Capture #{capture.pk} ({capture.file_name}): text does not match its SHA-256" in err
    assert "1 problem." in out


def test_verify_archive_reports_each_missing_or_unreadable_media_file_on_its_own_line(
    photo, settings, make_article
):
    second = Photo.objects.create(article=make_article(), credit="Synthetic Photographer")
    # Files lost after upload: the records still name them.
    Photo.objects.filter(pk=second.pk).update(image="photos/never-uploaded.png")
    Path(photo.image.path).write_bytes(b"not an image any more")
    (rendition,) = photo.renditions.values()
    (Path(settings.MEDIA_ROOT) / rendition).unlink()

    out, err, error = verify()

    assert error is not None and str(error) == "3 problems found."
    lines = err.strip().splitlines()
    assert f"Photo #{second.pk}: image file photos/never-uploaded.png is missing" in lines
    assert f"Photo #{photo.pk}: 480w rendition {rendition} is missing" in lines
    assert any(
        line.startswith(f"Photo #{photo.pk}: image file {photo.image.name} is not a readable")
        for line in lines
    )
    assert len(lines) == 3
    assert "Checked 1 capture and 3 media files: 3 problems." in out


def modes_under(folder: Path) -> set[str]:
    return {
        f"{'folder' if path.is_dir() else 'file'} {oct(path.stat().st_mode & 0o777)}"
        for path in [folder, *folder.rglob("*")]
    }


def test_a_backup_and_what_it_restores_are_readable_by_their_owner_only(backup, tmp_path):
    target = Installation(tmp_path, "b")
    target.must("restore_archive", backup)

    assert modes_under(backup) == {"folder 0o700", "file 0o600"}
    assert modes_under(target.media) | modes_under(target.private) == {
        "folder 0o700",
        "file 0o600",
    }
    assert oct(target.database.stat().st_mode & 0o777) == "0o600"
