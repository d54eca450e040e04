"""What backup_archive --force and restore_archive --force refuse to delete.

Every folder here is a temporary one standing for the real thing (a
repository, source code, the static root, the cache, the media, the database's
folder): no test points a command at the project's own folders.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parent.parent


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def filled(folder: Path, files: dict[str, str]) -> Path:
    """``folder`` holding ``files`` (relative path: text)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return folder


def backup_refused(folder: Path, *phrases: str) -> None:
    before = files_under(folder) if folder.exists() else None
    with pytest.raises(CommandError) as refusal:
        call_command("backup_archive", "--force", str(folder))
    for phrase in phrases:
        assert phrase in str(refusal.value)
    if before is not None:
        assert files_under(folder) == before
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}.")]


@pytest.fixture
def live(settings, tmp_path):
    """Live folders of a stand-in installation, all under tmp_path/site."""
    site = tmp_path / "site"
    settings.MEDIA_ROOT = filled(site / "media", {"photos/a.png": "a photo"})
    settings.PRIVATE_MEDIA_ROOT = filled(site / "private", {"originals/a.png": "an original"})
    settings.STATIC_ROOT = filled(site / "static", {"site.css": "body {}"})
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": site / "cache",
        }
    }
    filled(site / "cache", {"0a1b.djcache": "a cached page"})
    return site


@pytest.mark.parametrize(
    ("folder", "said"),
    [
        ("site/media", "is a media folder"),
        ("site/private", "is a media folder"),
        ("site/static", "is the static files"),
        ("site/cache", "is the cache"),
        ("site", "holds"),
        (".", "holds"),
    ],
    ids=["media", "private originals", "static root", "cache", "their folder", "its parent"],
)
def test_a_forced_backup_never_replaces_a_live_folder_or_one_that_holds_it(
    live, tmp_path, folder, said
):
    backup_refused(tmp_path / folder, said, "choose another folder")


@pytest.mark.parametrize(
    ("files", "said"),
    [
        ({".git/HEAD": "ref: refs/heads/main"}, "holds a repository"),
        ({"models.py": "class Article: ...", "notes.txt": "x"}, "holds source code"),
        ({"templates/base.html": "<html></html>"}, "holds source code"),
        ({"pyproject.toml": "[project]"}, "holds source code"),
    ],
    ids=["a git repository", "python source", "templates", "a project"],
)
def test_a_forced_backup_never_replaces_a_repository_or_source_code(live, tmp_path, files, said):
    backup_refused(filled(tmp_path / "work", files), said)


def test_a_forced_backup_only_replaces_a_folder_holding_an_earlier_backup(live, tmp_path):
    folder = filled(tmp_path / "documents", {"report.odt": "someone's report"})

    backup_refused(folder, "does not hold a backup", "manifest.json is missing")


def test_a_forced_backup_refuses_an_earlier_backup_that_holds_other_files(live, tmp_path):
    manifest = {
        "format": 1,
        "counts": {"Article": 1},
        "files": [{"path": "database.sqlite3", "size": 2, "sha256": "0" * 64}],
    }
    folder = filled(
        tmp_path / "archive-backup",
        {
            "manifest.json": json.dumps(manifest),
            "database.sqlite3": "db",
            "notes.odt": "kept here by an operator",
        },
    )

    backup_refused(folder, "holds notes.odt, which no backup wrote")


@pytest.mark.parametrize("inside", ["site/cache/backup", "site/static/backup", "site/media/b"])
def test_a_backup_is_never_written_inside_a_folder_the_site_manages(live, tmp_path, inside):
    backup_refused(tmp_path / inside, "is inside")
    assert not (tmp_path / inside).exists()


def test_a_forced_backup_never_replaces_the_folder_holding_the_database(tmp_path):
    site = filled(tmp_path / "var", {"db.sqlite3": "the live database", "readme.txt": "notes"})
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_SECRET_KEY": "refusal-tests-only-" + "k" * 40,
        "DATABASE_URL": f"sqlite:///{site / 'db.sqlite3'}",
        "DJANGO_VAR_DIR": str(tmp_path / "elsewhere"),
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "backup_archive", "--force", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 1
    assert f"CommandError: {site} holds the database" in result.stderr
    assert files_under(site) == {"db.sqlite3": b"the live database", "readme.txt": b"notes"}


@pytest.mark.parametrize(
    ("media", "said"),
    [
        ({"manage.py": "", "articles/models.py": ""}, "holds source code"),
        ({".git/HEAD": ""}, "holds a repository"),
        ({"private/originals/a.png": ""}, "holds a media folder"),
    ],
    ids=["the project", "a repository", "the private originals"],
)
def test_a_forced_restore_never_empties_a_media_folder_that_holds_anything_else(
    settings, tmp_path, media, said
):
    settings.MEDIA_ROOT = filled(tmp_path / "media", {"photos/a.png": "a photo", **media})
    # The private originals configured inside the media folder, for the last case.
    inside = "private/originals/a.png" in media
    settings.PRIVATE_MEDIA_ROOT = tmp_path / ("media/private" if inside else "private")
    before = files_under(tmp_path / "media")
    backup = filled(tmp_path / "backup", {"manifest.json": "{}"})

    with pytest.raises(CommandError) as refusal:
        call_command("restore_archive", "--force", str(backup))

    assert said in str(refusal.value) and "Nothing was restored." in str(refusal.value)
    assert files_under(tmp_path / "media") == before


def test_a_forced_restore_refuses_one_folder_configured_for_both_media_and_originals(
    settings, tmp_path
):
    settings.MEDIA_ROOT = settings.PRIVATE_MEDIA_ROOT = filled(
        tmp_path / "uploads", {"photos/a.png": "a photo"}
    )
    backup = filled(tmp_path / "backup", {"manifest.json": "{}"})

    with pytest.raises(CommandError, match="is both the media folder and"):
        call_command("restore_archive", "--force", str(backup))

    assert files_under(tmp_path / "uploads") == {"photos/a.png": b"a photo"}
