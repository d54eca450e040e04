"""import_coverage: captures become reviewable records, and bad input is refused cleanly."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Caption, Capture, Comment, Event, Person, Photo, Quote, Source

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parent.parent / "articles" / "data" / "sample"
SEED = SAMPLE / "000_4e6cf89af3c18a31.txt"
GOLD = Path(__file__).resolve().parent / "fixtures" / "seed" / "000_4e6cf89af3c18a31.gold.json"


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_coverage", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(*args: str) -> tuple[str, str, CommandError]:
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_coverage", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue(), failure.value


def test_dry_run_json_of_the_seed_equals_its_gold_file():
    out, _ = run("--dry-run", "--format", "json", str(SEED))
    assert json.loads(out) == json.loads(GOLD.read_text(encoding="utf-8"))
    assert not Capture.objects.exists() and not Article.objects.exists()


def test_dry_run_json_of_several_files_is_a_list(tmp_path):
    other = tmp_path / "copy.txt"
    other.write_bytes(SEED.read_bytes())
    out, _ = run("--dry-run", "--format", "json", str(SEED), str(other))
    assert [item["headline"] for item in json.loads(out)] == [
        json.loads(GOLD.read_text())["headline"]
    ] * 2


def test_importing_the_seed_stores_every_record_it_holds():
    out, _ = run(str(SEED))
    article = Article.objects.get(headline__startswith="Azerbaijan takes back")
    assert article.status == Article.Status.DRAFT
    assert article.source == Source.objects.get(domain="france24.com")
    assert article.byline == "With AFP"
    assert article.section == "World"
    assert article.published_at.isoformat() == "2020-11-25T05:05:00+00:00"
    assert [d.name for d in article.districts.order_by("name")] == [
        "Aghdam",
        "Kalbajar",
        "Lachin",
        "Nagorno-Karabakh",  # a region the text names
        "Tartar",
    ]
    assert article.related.count() == 4
    assert all(article in r.related.all() for r in article.related.all())
    assert {q.speaker.name for q in article.quotes.exclude(speaker=None)} >= {
        "Gaguik Yakchibekian",
        "Grigory Grigorian",
    }
    photo = article.photos.get()
    assert photo.credit == "Alexander Nemenov, AFP"
    assert not photo.image
    assert set(photo.captions.values_list("language", flat=True)) == {"fr", "en"}
    comment = article.comments.get()
    assert comment.status == Comment.Status.APPROVED and comment.body == "This is interesting!"
    capture = Capture.objects.get()
    assert capture.text.encode("utf-8") == SEED.read_bytes()
    assert capture.verify() and article.capture == capture
    assert "1 imported" in out and "0 failed" in out


def test_the_seed_is_linked_to_the_timeline_events_it_dates():
    run(str(SEED))
    article = Article.objects.get(capture__isnull=False)
    entered = Event.objects.get(district__name="Kalbajar", date="2020-11-25")
    assert article in entered.articles.all()


def test_publish_flag_publishes_the_import():
    run("--publish", str(SEED))
    assert Article.objects.published().count() == Article.objects.count() == 5


def test_importing_the_same_file_again_creates_nothing_and_says_so():
    run(str(SEED))
    counts = [m.objects.count() for m in (Article, Quote, Photo, Caption, Comment, Person, Capture)]
    out, _ = run(str(SEED))
    assert "already imported" in out
    assert [
        m.objects.count() for m in (Article, Quote, Photo, Caption, Comment, Person, Capture)
    ] == counts


def test_a_changed_copy_of_the_same_article_is_a_duplicate_unless_updating(tmp_path):
    run(str(SEED))
    changed = tmp_path / "changed.txt"
    changed.write_text(SEED.read_text(encoding="utf-8") + "\nusr: 2\nSynthetic second comment.\n")
    out, _ = run(str(changed))
    assert "duplicate of article" in out
    assert Comment.objects.count() == 1 and Capture.objects.count() == 1

    out, _ = run("--update", str(changed))
    assert "1 updated" in out
    article = Article.objects.get(capture__file_name="changed.txt")
    assert article.comments.count() == 2
    assert article.quotes.count() == Quote.objects.count() == 4
    assert Article.objects.count() == 5


def test_an_editors_speaker_is_kept_when_a_newer_capture_is_imported(tmp_path):
    run(str(SEED))
    quote = Quote.objects.get(text__startswith="children grew up")
    assert quote.context.startswith("In Dadivank, a town in Kalbajar district, engineer")
    editor_choice = Person.objects.create(name="Synthetic Corrected Speaker")
    Quote.objects.filter(pk=quote.pk).update(speaker=editor_choice, speaker_checked=True)

    changed = tmp_path / "changed.txt"
    changed.write_text(SEED.read_text(encoding="utf-8") + "\nusr: 2\nSynthetic second comment.\n")
    run("--update", str(changed))
    kept = Quote.objects.get(text__startswith="children grew up")
    assert (kept.speaker, kept.speaker_checked) == (editor_choice, True)
    # The quotes nobody checked are the importer's again.
    assert Quote.objects.get(text__startswith="They are burning").speaker.name == (
        "Gaguik Yakchibekian"
    )


def test_an_editors_speaker_gives_way_when_its_sentence_changed(tmp_path):
    run(str(SEED))
    quote = Quote.objects.get(text__startswith="children grew up")
    editor_choice = Person.objects.create(name="Synthetic Corrected Speaker")
    Quote.objects.filter(pk=quote.pk).update(speaker=editor_choice, speaker_checked=True)

    changed = tmp_path / "changed.txt"
    changed.write_text(
        SEED.read_text(encoding="utf-8").replace(
            "engineer Grigory Grigorian said", "Grigory Grigorian, an engineer, said"
        )
    )
    run("--update", str(changed))
    again = Quote.objects.get(text__startswith="children grew up")
    assert (again.speaker.name, again.speaker_checked) == ("Grigory Grigorian", False)


def write(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


BAD_INPUTS = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"  \n\n \n", "empty"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
    "latin1.txt": ("World Caf\u00e9 headline\n".encode("latin-1"), "not UTF-8"),
    "no-timestamp.txt": (
        b"World A synthetic headline\n\nA paragraph with no timestamp.\n",
        "timestamp",
    ),
}


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_input_fails_with_one_clear_line_naming_the_file(tmp_path, name):
    content, expected = BAD_INPUTS[name]
    path = write(tmp_path, name, content)
    _, err, failure = run_failing(str(path))
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and str(path) in lines[0] and expected in lines[0]
    assert "Traceback" not in err
    assert "1 of 1 files" in str(failure)
    assert not Capture.objects.exists() and not Article.objects.exists()


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path):
    path = write(tmp_path, "huge.txt", b"World Synthetic\n" + b"x" * (10 * 1024 * 1024))
    _, err, _ = run_failing(str(path))
    assert "10.0 MB" in err and "ARCHIVE_IMPORT_MAX_BYTES" in err


def test_a_missing_path_is_reported(tmp_path):
    _, err, _ = run_failing(str(tmp_path / "nowhere.txt"))
    assert "no such file or folder" in err


def test_in_a_mixed_folder_good_files_import_and_bad_ones_are_reported(tmp_path):
    write(tmp_path, "a-good.txt", SEED.read_bytes())
    for name, (content, _) in BAD_INPUTS.items():
        write(tmp_path, name, content)
    write(tmp_path, "notes.md", b"not a capture")
    out, err, failure = run_failing(str(tmp_path))
    assert Capture.objects.count() == 1
    assert len([line for line in err.splitlines() if ".txt:" in line]) == len(BAD_INPUTS)
    assert f"{len(BAD_INPUTS)} of {len(BAD_INPUTS) + 1} files" in str(failure)
    assert "1 imported" in out


def test_a_failure_while_storing_leaves_nothing_half_written(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("synthetic storage failure")

    monkeypatch.setattr(Caption.objects, "bulk_create", broken)
    _, err, _ = run_failing(str(SEED))
    assert "synthetic storage failure" in err
    for model in (Capture, Article, Quote, Photo, Comment):
        assert not model.objects.exists(), model


def test_many_files_show_progress(tmp_path):
    for number in range(25):
        text = SEED.read_text(encoding="utf-8").replace(
            "usr: 1", f"usr: 1\nSynthetic variant {number}."
        )
        write(tmp_path, f"{number:03d}.txt", text.encode("utf-8"))
    out, err = run("--dry-run", str(tmp_path))
    assert "25/25" in err
    assert "Read 25 files: 25 would import" in out


def test_two_copies_of_one_article_in_a_run_import_once(tmp_path):
    write(tmp_path, "a.txt", SEED.read_bytes())
    write(tmp_path, "b.txt", SEED.read_bytes() + b"\nusr: 2\nSynthetic second comment.\n")
    out, _ = run(str(tmp_path))
    assert f"b.txt: duplicate of {tmp_path / 'a.txt'} (same source" in out
    assert Capture.objects.count() == 1 and Article.objects.count() == 5


def test_a_related_story_named_by_two_files_is_written_once(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    write(tmp_path, "a.txt", text.encode("utf-8"))
    later = text.replace("05:05", "06:06").replace("takes back", "Synthetic later copy takes back")
    write(tmp_path, "b.txt", later.encode("utf-8"))
    out, _ = run(str(tmp_path))
    assert "2 imported" in out
    assert Article.objects.count() == 2 + 4
    first, second = Article.objects.filter(capture__isnull=False).order_by("pk")
    assert set(first.related.all()) == set(second.related.all())


def test_a_file_that_cannot_be_stored_fails_alone(tmp_path, monkeypatch):
    write(tmp_path, "a-good.txt", SEED.read_bytes())
    other = SEED.read_text(encoding="utf-8").replace("05:05", "06:06")
    write(tmp_path, "b-unstorable.txt", other.encode("utf-8"))
    store_captures = Capture.objects.bulk_create

    def refusing(captures, *args, **kwargs):
        if any(c.file_name == "b-unstorable.txt" for c in captures):
            raise ValueError("synthetic storage failure")
        return store_captures(captures, *args, **kwargs)

    monkeypatch.setattr(Capture.objects, "bulk_create", refusing)
    out, err, failure = run_failing(str(tmp_path))
    assert "b-unstorable.txt: could not be stored: synthetic storage failure" in err
    assert "1 of 2 files" in str(failure)
    assert list(Capture.objects.values_list("file_name", flat=True)) == ["a-good.txt"]
    assert Article.objects.filter(capture__isnull=False).count() == 1
