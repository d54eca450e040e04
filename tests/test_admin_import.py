"""The admin's Import coverage page does what the command does, for editors without a shell."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, Capture

pytestmark = pytest.mark.django_db

SEED = (
    Path(__file__).resolve().parent.parent
    / "articles"
    / "data"
    / "sample"
    / "000_4e6cf89af3c18a31.txt"
)
IMPORT_URL = reverse("admin:articles_article_import")


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/plain")


def test_the_article_list_links_to_the_import_page(editor_client):
    response = editor_client.get(reverse("admin:articles_article_changelist"))
    assert IMPORT_URL in response.content.decode()


def summary_of(response) -> str:
    """The import summary's section of the page."""
    body = response.content.decode()
    start = body.index('<section class="archive-import-summary')
    return body[start : body.index("</table>", start)]


def test_an_editor_imports_a_capture_and_sees_it_linked_in_a_success_summary(editor_client):
    response = editor_client.post(IMPORT_URL, {"files": [upload("seed.txt", SEED.read_bytes())]})
    main = Article.objects.get(capture__file_name="seed.txt")
    assert main.status == Article.Status.DRAFT
    summary = summary_of(response)
    assert 'class="archive-import-summary archive-import-success"' in summary
    assert "Read 1 file: 1 imported" in summary
    change = reverse("admin:articles_article_change", args=[main.pk])
    assert f'<a href="{change}">{main.headline}</a>' in summary
    assert '<span class="archive-outcome archive-outcome-success">Imported</span>' in summary


def test_the_summary_links_to_the_imported_drafts_in_the_article_list(editor_client):
    response = editor_client.post(IMPORT_URL, {"files": [upload("seed.txt", SEED.read_bytes())]})
    review = re.search(r'class="archive-import-review" href="([^"]+)"', response.content.decode())
    listing = editor_client.get(review.group(1).replace("&amp;", "&"))
    main = Article.objects.get(capture__file_name="seed.txt")
    assert list(listing.context["cl"].result_list) == [main]


def test_a_file_already_imported_is_a_warning_linking_to_the_article_it_is_in(editor_client):
    editor_client.post(IMPORT_URL, {"files": [upload("seed.txt", SEED.read_bytes())]})
    main = Article.objects.get(capture__file_name="seed.txt")
    response = editor_client.post(
        IMPORT_URL, {"files": [upload("again-Seed.txt", SEED.read_bytes())]}
    )
    summary = summary_of(response)
    assert 'class="archive-import-summary archive-import-warning"' in summary
    assert "Nothing new was imported" in summary
    assert '<th scope="row" class="archive-import-name">again-Seed.txt</th>' in summary
    assert "Already imported" in summary
    change = reverse("admin:articles_article_change", args=[main.pk])
    assert f'<a href="{change}">{main.headline}</a>' in summary
    assert Capture.objects.count() == 1


def test_bad_and_good_uploads_together_report_each_bad_file_by_its_name(editor_client):
    response = editor_client.post(
        IMPORT_URL,
        {"files": [upload("seed.txt", SEED.read_bytes()), upload("junk.txt", b"\x00\x01\x02")]},
    )
    summary = summary_of(response)
    # An error as soon as one file failed, even though another imported.
    assert 'class="archive-import-summary archive-import-error"' in summary
    assert "1 file could not be imported" in summary
    # The name exactly as uploaded: never "Junk.txt".
    row = re.search(r'<tr class="archive-import-row-error">.*?</tr>', summary, re.S).group(0)
    assert ">junk.txt</th>" in row and "binary" in row
    assert "Junk.txt" not in response.content.decode()
    assert Capture.objects.count() == 1


def test_an_empty_file_among_others_is_named_while_the_others_import(editor_client):
    response = editor_client.post(
        IMPORT_URL, {"files": [upload("empty.txt", b""), upload("seed.txt", SEED.read_bytes())]}
    )
    assert response.status_code == 200
    summary = summary_of(response)
    row = re.search(r'<tr class="archive-import-row-error">.*?</tr>', summary, re.S).group(0)
    assert ">empty.txt</th>" in row and "file is empty" in row
    assert Capture.objects.filter(file_name="seed.txt").exists()


def test_only_bad_uploads_say_why_and_import_nothing(editor_client):
    response = editor_client.post(IMPORT_URL, {"files": [upload("empty.txt", b"")]})
    assert response.status_code == 200
    assert not Capture.objects.exists()
    summary = summary_of(response)
    assert 'class="archive-import-summary archive-import-error"' in summary
    assert ">empty.txt</th>" in summary and "file is empty" in summary


def test_posting_no_file_asks_for_one(editor_client):
    response = editor_client.post(IMPORT_URL, {})
    assert response.status_code == 200
    assert response.context["form"].errors["files"]
    assert "archive-import-summary" not in response.content.decode()


def test_a_newer_capture_of_an_article_is_a_duplicate_unless_the_editor_replaces_it(
    editor_client,
):
    editor_client.post(IMPORT_URL, {"files": [upload("seed.txt", SEED.read_bytes())]})
    newer = SEED.read_bytes() + b"\n"  # another capture of the same article
    response = editor_client.post(IMPORT_URL, {"files": [upload("newer.txt", newer)]})
    summary = summary_of(response)
    assert 'class="archive-import-summary archive-import-warning"' in summary
    assert "Duplicate, skipped" in summary
    first = Article.objects.get(capture__file_name="seed.txt")
    assert reverse("admin:articles_article_change", args=[first.pk]) in summary
    response = editor_client.post(
        IMPORT_URL, {"files": [upload("newer.txt", newer)], "update": "on"}
    )
    summary = summary_of(response)
    assert 'class="archive-import-summary archive-import-success"' in summary
    assert '<span class="archive-outcome archive-outcome-success">Updated</span>' in summary
    main = Article.objects.get(capture__file_name="newer.txt")
    assert reverse("admin:articles_article_change", args=[main.pk]) in summary


def test_staff_without_article_rights_cannot_import(client, db):
    from django.contrib.auth.models import User

    user = User.objects.create_user("nobody", password="pw-nobody-1234", is_staff=True)
    client.force_login(user)
    assert client.get(IMPORT_URL).status_code == 403


def test_a_web_archive_imports_its_pages_and_passes_over_its_other_records(
    editor_client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    warc = SEED.parent / "001_lachin-handover.warc.gz"
    response = editor_client.post(
        IMPORT_URL,
        {"files": [SimpleUploadedFile(warc.name, warc.read_bytes(), "application/gzip")]},
    )
    summary = summary_of(response)
    assert 'class="archive-import-summary archive-import-success"' in summary
    assert "records of web archives held no article and were passed over." in summary
    main = Article.objects.get(capture__isnull=False)
    assert f">{warc.name}#" in summary  # each page named by where it lies in the file
    assert reverse("admin:articles_article_change", args=[main.pk]) in summary
    assert main.photos.exclude(image="").exists()  # the archive's image went to its photo


def test_a_web_archive_larger_than_the_admin_imports_is_named_and_sent_to_the_command(
    editor_client, settings, tmp_path
):
    """An upload is imported while the editor waits, so the admin takes web archives
    up to ARCHIVE_ADMIN_IMPORT_MAX_BYTES once decompressed; the others import."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.ARCHIVE_ADMIN_IMPORT_MAX_BYTES = 10_000
    warc = SEED.parent / "001_lachin-handover.warc.gz"
    response = editor_client.post(
        IMPORT_URL,
        {"files": [upload(warc.name, warc.read_bytes()), upload("seed.txt", SEED.read_bytes())]},
    )
    row = re.search(r'<tr class="archive-import-row-error">.*?</tr>', summary_of(response), re.S)
    assert f">{warc.name}</th>" in row.group(0)
    assert "more than 9.8\xa0KB once decompressed" in row.group(0)
    assert "import_coverage" in row.group(0)
    assert Capture.objects.get().file_name == "seed.txt"
    assert not Article.objects.filter(photos__image__gt="").exists()
