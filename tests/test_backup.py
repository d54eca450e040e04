"""Backup, restore and fixity: an archive survives a round trip, and damage is never hidden.

The test database lives in memory, so the round trips run manage.py in
subprocesses against SQLite files of their own, exactly as an operator would.
"""

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
SAMPLE = ROOT / "articles" / "data" / "sample"
SECRET_KEY = "backup-tests-only-" + "k" * 40

ADD_PHOTOS = """
from io import BytesIO
from django.core.files.base import ContentFile
from PIL import Image
from articles.models import Article, Photo

article = Article.objects.filter(capture__isnull=False).get()
for number in range(3):
    buffer = BytesIO()
    Image.new("RGB", (12, 8), (40 * number, 90, 160)).save(buffer, "PNG")
    photo = Photo(article=article, credit=f"Synthetic Photographer {number}")
    photo.image.save(f"synthetic-{number}.png", ContentFile(buffer.getvalue()))
"""


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


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Installation:
    """An installation holding the sample archive and three photos with image files."""
    installation = Installation(tmp_path_factory.mktemp("source"), "a")
    installation.must("migrate", "--noinput", "-v", "0")
    installation.must("import_coverage", "--publish", SAMPLE)
    installation.must("shell", "-c", ADD_PHOTOS)
    return installation


@pytest.fixture(scope="module")
def backup(source, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("backups") / "archive-backup"
    result = source.must("backup_archive", folder)
    assert result.stdout.strip().splitlines()[-1].startswith("Backed up 5 articles, 1 capture,")
    return folder


@pytest.fixture
def backup_copy(backup, tmp_path) -> Path:
    """A copy of the backup that a test may damage."""
    return Path(shutil.copytree(backup, tmp_path / "copy"))


def test_a_backup_restored_into_a_fresh_database_has_the_same_records_checksums_and_media(
    source, backup, tmp_path
):
    target = Installation(tmp_path, "b")
    target.must("migrate", "--noinput", "-v", "0")

    result = target.must("restore_archive", backup)

    assert "The restored counts match the backup's manifest." in result.stdout
    assert table_counts(target.database) == table_counts(source.database)
    assert captures(target.database) == captures(source.database)
    assert files_under(target.media) == files_under(source.media)
    assert len(files_under(target.media)) == 3
    verified = target.must("verify_archive")
    assert "Checked 1 capture and 3 media files: 0 problems." in verified.stdout


def test_the_manifest_lists_every_file_of_the_backup_with_its_size_and_checksum(source, backup):
    manifest = json.loads((backup / "manifest.json").read_text(encoding="utf-8"))
    import hashlib

    on_disk = {
        name: (len(data), hashlib.sha256(data).hexdigest())
        for name, data in files_under(backup).items()
        if name != "manifest.json"
    }
    listed = {f["path"]: (f["size"], f["sha256"]) for f in manifest["files"]}
    assert listed == on_disk
    assert "database.sqlite3" in listed and len(listed) == 4
    source_counts = table_counts(source.database)
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
    source, tmp_path
):
    folder = tmp_path / "holds-something"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")

    result = source.manage("backup_archive", folder)

    refused(result, "is not empty", "--force")
    assert files_under(folder) == {"notes.txt": b"keep me"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["holds-something"]


def test_a_forced_backup_replaces_an_earlier_one_and_leaves_nothing_stale(
    source, backup_copy, tmp_path
):
    (backup_copy / "media" / "stale.png").write_bytes(b"left from an earlier backup")

    source.must("backup_archive", "--force", backup_copy)

    assert not (backup_copy / "media" / "stale.png").exists()
    assert "0 problems" in source.must("verify_archive", "--backup", backup_copy).stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy"]


def test_a_backup_never_replaces_the_folder_holding_live_data(source):
    refused(source.manage("backup_archive", "--force", source.folder), "holds")
    assert source.database.exists() and files_under(source.media)


def test_restoring_into_an_installation_that_holds_an_archive_is_refused_unless_forced(
    backup, tmp_path
):
    target = Installation(tmp_path, "b")
    target.must("restore_archive", backup)
    before = table_counts(target.database)

    again = target.manage("restore_archive", backup)

    refused(again, "This installation is not empty (5 articles, 1 capture, 3 media files)")
    assert table_counts(target.database) == before
    forced = target.must("restore_archive", "--force", backup)
    assert "The restored counts match the backup's manifest." in forced.stdout
    assert len(files_under(target.media)) == 3


def test_media_files_alone_make_an_installation_not_empty(backup, tmp_path):
    target = Installation(tmp_path, "b")
    (target.media / "photos").mkdir(parents=True)
    (target.media / "photos" / "uploaded.png").write_bytes(b"an editor's upload")

    refused(target.manage("restore_archive", backup), "not empty (1 media file)")
    assert files_under(target.media) == {"photos/uploaded.png": b"an editor's upload"}


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
        (lambda folder: (folder / "media" / "extra.png").write_bytes(b"x"), "not in the manifest"),
        (lambda folder: (folder / "manifest.json").unlink(), "manifest.json is missing"),
    ],
    ids=["changed photo", "missing photo", "changed database", "added file", "no manifest"],
)
def test_a_damaged_backup_is_refused_naming_the_bad_file_and_nothing_is_restored(
    backup_copy, tmp_path, damage, named
):
    damage(backup_copy)
    target = Installation(tmp_path, "b")

    result = target.manage("restore_archive", backup_copy)

    refused(result, named, "nothing was restored")
    assert not target.database.exists()
    assert not files_under(target.media) if target.media.exists() else True
    refused(target.manage("verify_archive", "--backup", backup_copy), named)


# verify_archive on the live archive: the pytest-django database suffices.


@pytest.fixture
def photo(settings, tmp_path, seed_archive, make_article) -> Photo:
    """The sample archive plus an article with a real image file in a throwaway MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    buffer = BytesIO()
    Image.new("RGB", (12, 8), (30, 120, 200)).save(buffer, "PNG")
    picture = Photo(article=make_article(), credit="Synthetic Photographer")
    picture.image.save("synthetic.png", ContentFile(buffer.getvalue()))
    return picture


def verify() -> tuple[str, str, CommandError | None]:
    out, err = StringIO(), StringIO()
    try:
        call_command("verify_archive", stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def test_verify_archive_passes_on_a_clean_archive(photo):
    out, err, error = verify()
    assert error is None
    assert out.strip() == "Checked 1 capture and 1 media file: 0 problems."
    assert err == ""


def test_verify_archive_reports_a_tampered_capture_and_exits_non_zero(photo):
    capture = Capture.objects.get()
    with connection.cursor() as cursor:
        # Straight to the table: the model itself refuses to change a capture.
        cursor.execute(
            "UPDATE articles_capture SET text = %s WHERE id = %s",
            [capture.text.replace("Kalbajar", "Kelbajar", 1), capture.pk],
        )

    out, err, error = verify()

    assert error is not None and str(error) == "1 problem found."
    assert f"Capture #{capture.pk} ({capture.file_name}): text does not match its SHA-256" in err
    assert "1 problem." in out


def test_verify_archive_reports_each_missing_or_unreadable_image_file_on_its_own_line(
    photo, settings, make_article
):
    second = Photo.objects.create(article=make_article(), image="photos/never-uploaded.png")
    Path(photo.image.path).write_bytes(b"not an image any more")

    out, err, error = verify()

    assert error is not None and str(error) == "2 problems found."
    lines = err.strip().splitlines()
    assert f"Photo #{second.pk}: image file photos/never-uploaded.png is missing" in lines
    assert any(
        line.startswith(f"Photo #{photo.pk}: image file {photo.image.name} is not a readable")
        for line in lines
    )
    assert "Checked 1 capture and 2 media files: 2 problems." in out
