"""The admin's Import coverage page does what the command does, for editors without a shell."""

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


def test_an_editor_imports_a_capture_and_lands_on_the_imported_drafts(editor_client):
    response = editor_client.post(
        IMPORT_URL, {"files": [upload("seed.txt", SEED.read_bytes())]}, follow=True
    )
    main = Article.objects.get(capture__file_name="seed.txt")
    assert main.status == Article.Status.DRAFT
    assert list(response.context["cl"].result_list) == [main]
    messages = [str(m) for m in response.context["messages"]]
    assert any("Read 1 file: 1 imported" in m for m in messages)


def test_bad_and_good_uploads_together_report_each_bad_file(editor_client):
    response = editor_client.post(
        IMPORT_URL,
        {"files": [upload("seed.txt", SEED.read_bytes()), upload("junk.txt", b"\x00\x01\x02")]},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any(m.startswith("junk.txt:") and "binary" in m for m in messages)
    assert Capture.objects.count() == 1


def test_only_bad_uploads_stay_on_the_form_with_the_reason(editor_client):
    response = editor_client.post(IMPORT_URL, {"files": [upload("empty.txt", b"")]}, follow=True)
    assert response.status_code == 200
    assert not Capture.objects.exists()
    assert "empty" in response.content.decode()


def test_staff_without_article_rights_cannot_import(client, db):
    from django.contrib.auth.models import User

    user = User.objects.create_user("nobody", password="pw-nobody-1234", is_staff=True)
    client.force_login(user)
    assert client.get(IMPORT_URL).status_code == 403
