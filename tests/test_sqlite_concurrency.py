"""SQLite under concurrent use: writers queue, readers read, nobody sees "database is locked".

Several manage.py processes share one SQLite file, as gunicorn workers, an
import run and an editor's admin session would: three importers, one process
saving articles in transactions the way the admin does, and readers fetching
the archive and search pages throughout. The settings (WAL, a busy timeout,
BEGIN IMMEDIATE) must make every one of them succeed.
"""

import importlib.util
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "articles" / "data" / "sample" / "000_4e6cf89af3c18a31.txt"
WRITERS = 3
CAPTURES_PER_WRITER = 20
READERS = 2
# Every process must be done within this many seconds of starting.
PROCESS_LIMIT = 25

SAVER = """
import os, random, time
from pathlib import Path
from django.db import transaction
from articles.models import Article

stop, deadline = Path(os.environ["STOP_FILE"]), time.monotonic() + 18
rng, saves = random.Random(7), 0
while time.monotonic() < deadline and (saves < 20 or not stop.exists()):
    # As the admin saves: read, change and write one article in a transaction.
    with transaction.atomic():
        pk = rng.choice(list(Article.objects.values_list("pk", flat=True)))
        article = Article.objects.get(pk=pk)
        article.summary = f"Synthetic edit number {saves}."
        article.save()
    saves += 1
    time.sleep(0.01)
print(f"saver finished: {saves} saves")
"""

READER = """
import os, time
from pathlib import Path
from django.test import Client

stop, deadline = Path(os.environ["STOP_FILE"]), time.monotonic() + 18
client, requests, failures = Client(), 0, 0
urls = ["/articles/", "/search/?q=synthetic", "/articles/?q=synthetic", "/"]
while time.monotonic() < deadline and (requests < 20 or not stop.exists()):
    url = urls[requests % len(urls)]
    status = client.get(url).status_code
    requests += 1
    if status != 200:
        failures += 1
        print(f"FAILED: GET {url} answered {status}")
    time.sleep(0.01)  # a busy site, not a CPU hog starving the writers on a small machine
print(f"reader finished: {requests} requests, {failures} failures")
"""


def write_captures(folder: Path, count: int) -> list[Path]:
    path = ROOT / "bench" / "synthetic_captures.py"
    spec = importlib.util.spec_from_file_location("synthetic_captures", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.write_captures(folder, count)


@pytest.fixture
def environment(tmp_path) -> dict[str, str]:
    inherited = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in ("DATABASE_URL", "CACHE_URL")
    }
    return inherited | {
        # The real settings, with static files served from the project folders,
        # so that pages render without a collectstatic run.
        "DJANGO_SETTINGS_MODULE": "newsroom.test_settings",
        "DJANGO_SECRET_KEY": "concurrency-tests-only-" + "k" * 40,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_VAR_DIR": str(tmp_path),
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "STOP_FILE": str(tmp_path / "writers-are-done"),
    }


def manage(env: dict[str, str], *args: object) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", *map(str, args)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen, started: float) -> tuple[str, str]:
    """The process's output once it ends; killed if it overruns its time."""
    try:
        out, err = process.communicate(timeout=max(started + PROCESS_LIMIT - time.monotonic(), 1))
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        err += f"\nFAILED: ran over {PROCESS_LIMIT} s and was killed"
    if process.returncode != 0:
        err += f"\nFAILED: {' '.join(map(str, process.args[2:4]))} exited {process.returncode}"
    return out, err


def set_up_the_sample(env: dict[str, str]) -> None:
    """Create the shared file's tables and import the sample capture into it."""
    for args in (["migrate", "--noinput", "-v", "0"], ["import_coverage", "--publish", SAMPLE]):
        setup = subprocess.run(
            [sys.executable, "manage.py", *map(str, args)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert setup.returncode == 0, setup.stderr


def test_importers_an_editor_and_readers_share_one_sqlite_file_without_lock_errors(
    tmp_path, environment
):
    database = tmp_path / "shared.sqlite3"
    set_up_the_sample(environment)
    captures = write_captures(tmp_path / "captures", WRITERS * CAPTURES_PER_WRITER)
    folders = [tmp_path / f"writer-{n}" for n in range(WRITERS)]
    for number, capture in enumerate(captures):
        folder = folders[number % WRITERS]
        folder.mkdir(exist_ok=True)
        capture.rename(folder / capture.name)

    started = time.monotonic()
    readers = [manage(environment, "shell", "-c", READER) for _ in range(READERS)]
    saver = manage(environment, "shell", "-c", SAVER)
    writers = [manage(environment, "import_coverage", "--publish", f) for f in folders]
    try:
        writer_output = [finish(writer, started) for writer in writers]
    finally:
        # Readers and the saver go on until the writers are done.
        Path(environment["STOP_FILE"]).touch()
        other_output = [finish(process, started) for process in [saver, *readers]]
    elapsed = time.monotonic() - started

    everything = "\n".join(out + err for out, err in writer_output + other_output)
    assert "database is locked" not in everything
    assert "Traceback" not in everything and "FAILED" not in everything, everything
    for out, _ in writer_output:
        assert (
            f"Read {CAPTURES_PER_WRITER} files: {CAPTURES_PER_WRITER} imported, "
            "0 already imported, 0 duplicates skipped, 0 failed." in out
        )
    saves = int(other_output[0][0].split("saver finished: ")[1].split()[0])
    assert saves >= 20
    for out, _ in other_output[1:]:
        assert out.strip().endswith(" 0 failures")
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT COUNT(*) FROM articles_capture").fetchone()[0] == (
            1 + WRITERS * CAPTURES_PER_WRITER
        )
        assert db.execute(
            "SELECT COUNT(*) FROM articles_article WHERE headline LIKE 'Synthetic report %'"
        ).fetchone()[0] == (WRITERS * CAPTURES_PER_WRITER)
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        # The full-text index, kept by triggers, agrees with its documents.
        db.execute(
            "INSERT INTO articles_search_fts(articles_search_fts) VALUES ('integrity-check')"
        )
    assert elapsed < PROCESS_LIMIT + 5


EDITOR_READS = """
import sys
from django.contrib.auth import get_user_model
from django.test import Client
from articles.models import Article

client = Client()
client.force_login(get_user_model().objects.create_superuser("editor", "e@example.org", "x"))
article = Article.objects.first()
print("signed in", flush=True)
sys.stdin.readline()  # the write lock is taken now
for url in [
    "/admin/",
    "/admin/articles/article/",
    f"/admin/articles/article/{article.pk}/change/",
    f"/admin/articles/article/{article.pk}/history/",
    "/admin/articles/quote/",
]:
    print(url, client.get(url).status_code, flush=True)
"""


def test_an_editor_reads_admin_pages_while_another_process_writes(tmp_path, environment):
    # An import holds SQLite's write lock for a batch at a time; reading pages
    # must not queue behind it (only saving does), with the lock wait cut to 1 s.
    set_up_the_sample(environment)
    editor = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", EDITOR_READS],
        cwd=ROOT,
        env=environment | {"DJANGO_SQLITE_TIMEOUT": "1"},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    if editor.stdout.readline().strip() != "signed in":
        editor.kill()
        pytest.fail(editor.communicate()[1])
    writer = sqlite3.connect(tmp_path / "shared.sqlite3", isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        out, err = editor.communicate("go\n", timeout=60)
    finally:
        writer.execute("ROLLBACK")
        writer.close()

    assert "locked" not in err and "Traceback" not in err, err
    statuses = dict(line.split() for line in out.splitlines())
    assert len(statuses) == 5 and set(statuses.values()) == {"200"}, out
