"""The admin's pages as an editor meets them: named for the archive, work waiting on the
index, a moderation list that reads at a glance, roomy article and photo forms."""

import io
import re

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from articles.models import Caption, Comment, Photo, Quote, Source

from .admin_forms import form_data

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")
COMMENTS = reverse("admin:articles_comment_changelist")


def change_url(obj) -> str:
    return reverse(f"admin:articles_{obj._meta.model_name}_change", args=[obj.pk])


def tag(html: str, name: str) -> str:
    """The opening tag of the form element called ``name``."""
    found = re.search(rf'<(input|select|textarea)[^>]*name="{re.escape(name)}"[^>]*>', html)
    assert found, f"no field {name}"
    return found.group(0)


# The index ---------------------------------------------------------------------------


def test_the_admin_carries_the_archives_name_and_links_to_the_public_site(editor_client):
    body = editor_client.get(INDEX).content.decode()
    assert "<title>News archive administration | News archive</title>" in body
    assert '<div id="site-name"><a href="/admin/">News archive</a></div>' in body
    assert "Django administration" not in body
    assert '<a href="/">View site</a>' in body


def test_the_index_links_to_the_import_page_and_counts_comments_waiting(
    editor_client, make_article
):
    article = make_article()
    for body in ("First synthetic", "Second synthetic"):
        Comment.objects.create(article=article, author="Reader", body=body)
    Comment.objects.create(
        article=article, author="Reader", body="Seen", status=Comment.Status.APPROVED
    )
    body = editor_client.get(INDEX).content.decode()
    assert f'href="{reverse("admin:articles_article_import")}"' in body
    assert (
        f'<a href="{COMMENTS}?status__exact=pending" class="archive-pending">'
        "2 comments waiting for moderation</a>"
    ) in body


def test_the_pending_link_opens_only_the_comments_waiting(editor_client, make_article):
    article = make_article()
    waiting = Comment.objects.create(article=article, author="Reader", body="Waiting")
    Comment.objects.create(
        article=article, author="Reader", body="Seen", status=Comment.Status.APPROVED
    )
    response = editor_client.get(COMMENTS, {"status__exact": "pending"})
    assert list(response.context["cl"].result_list) == [waiting]


def test_the_index_says_when_no_comment_is_waiting(editor_client):
    body = editor_client.get(INDEX).content.decode()
    assert "0 comments waiting for moderation" in body


def test_staff_without_rights_see_neither_the_import_link_nor_the_count(client):
    client.force_login(User.objects.create_user("staff", password="pw-staff-1234", is_staff=True))
    body = client.get(INDEX).content.decode()
    assert "Import coverage" not in body and "waiting for moderation" not in body


# The moderation list -------------------------------------------------------------------


def test_the_moderation_list_shows_text_article_and_status_in_four_columns(
    editor_client, make_article
):
    article = make_article(headline="Synthetic headline of the commented article")
    words = " ".join(f"word{n}" for n in range(60))
    Comment.objects.create(article=article, author="Synthetic Reader", body=words)
    body = editor_client.get(COMMENTS).content.decode()
    headers = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', body)
    assert headers == ["posted", "excerpt", "article_headline", "status_label"]
    # Long comments are cut at a word, short enough to leave room for the other columns.
    assert "word39…" in body and "word40" not in body
    assert "Synthetic headline of the commented article" in body
    assert '<span class="archive-status archive-status-pending">Pending</span>' in body
    assert "Synthetic Reader" in body


def test_the_moderation_list_runs_the_same_queries_for_2_and_25_comments(
    editor_client, make_article
):
    def queries_for(count: int) -> int:
        Comment.objects.all().delete()
        for n in range(count):
            Comment.objects.create(article=make_article(), author=f"R{n}", body="Synthetic.")
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(COMMENTS).status_code == 200
        return len(captured)

    assert queries_for(2) == queries_for(25)


def test_the_index_runs_the_same_queries_whatever_is_waiting(editor_client, make_article):
    def queries_for(count: int) -> int:
        article = make_article()
        for n in range(count):
            Comment.objects.create(article=article, author=f"R{n}", body="Synthetic.")
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(INDEX).status_code == 200
        return len(captured)

    assert queries_for(2) == queries_for(25)


# The article form -----------------------------------------------------------------------


@pytest.fixture
def quoted_article(make_article):
    article = make_article(headline="Synthetic article with a quote")
    Quote.objects.create(
        article=article,
        text="Synthetic words",
        context='"Synthetic words," said Synthetic Speaker on Monday.',
    )
    return article


def test_the_article_form_has_a_wide_headline_and_a_language_choice(editor_client, quoted_article):
    body = editor_client.get(change_url(quoted_article)).content.decode()
    assert 'class="vLargeTextField"' in tag(body, "headline")
    language = tag(body, "language")
    assert language.startswith("<select")
    assert '<option value="en" selected>English (en)</option>' in body
    for option in ("French (fr)", "Armenian (hy)", "Azerbaijani (az)", "Russian (ru)"):
        assert f">{option}</option>" in body


def test_an_article_in_a_language_not_in_the_list_keeps_it_when_saved(editor_client, make_article):
    article = make_article(language="it")
    url = change_url(article)
    page = editor_client.get(url)
    assert '<option value="it" selected>Italian (it)</option>' in page.content.decode()
    assert editor_client.post(url, form_data(page)).status_code == 302
    article.refresh_from_db()
    assert article.language == "it"


def test_a_language_outside_the_choices_is_refused(editor_client, make_article):
    article = make_article()
    url = change_url(article)
    data = form_data(editor_client.get(url)) | {"language": "<script>"}
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "language" in response.context["adminform"].form.errors


def test_quotes_are_one_line_inputs_beside_the_sentence_they_came_from(
    editor_client, quoted_article
):
    body = editor_client.get(change_url(quoted_article)).content.decode()
    text = tag(body, "quotes-0-text")
    assert text.startswith("<input") and 'type="text"' in text and "vLargeTextField" in text
    assert "said Synthetic Speaker on Monday." in body
    assert tag(body, "quotes-0-language").startswith("<select")


def test_related_coverage_is_told_apart_by_date_and_source(editor_client, make_article):
    other = Source.objects.create(name="Second Synthetic Outlet", domain="second.example")
    article = make_article()
    first = make_article(headline="Synthetic handover agreed")
    second = make_article(headline="Synthetic handover agreed", source=other)
    article.related.set([first, second])
    body = editor_client.get(change_url(article)).content.decode()
    assert "Synthetic handover agreed · " in body
    assert "· Example Outlet</option>" in body
    assert "· Second Synthetic Outlet</option>" in body


# The photo form ---------------------------------------------------------------------------


@pytest.fixture
def media_dirs(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings


def png(size=(1200, 800)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (40, 90, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def test_the_photo_form_previews_the_image_from_its_smallest_rendition(
    editor_client, make_article, media_dirs
):
    photo = Photo(article=make_article(), credit="Synthetic, AGENCY", alt_text="Synthetic hills")
    photo.image.save("synthetic.png", ContentFile(png()), save=True)
    photo.refresh_from_db()
    smallest = photo.image.storage.url(photo.renditions["480"])
    body = editor_client.get(change_url(photo)).content.decode()
    assert f'<img class="archive-preview" src="{smallest}" alt="Synthetic hills">' in body
    assert "1200 × 800 px" in body
    # The upload row is the admin's own widget: "Currently", "Clear" and "Change" aligned.
    assert '<p class="file-upload">' in body


def test_a_photo_without_its_image_says_only_the_caption_survived(editor_client, make_article):
    photo = Photo.objects.create(article=make_article(), credit="Synthetic, AGENCY")
    body = editor_client.get(change_url(photo)).content.decode()
    assert "No image: only the caption survived." in body


def test_the_article_form_previews_its_photos_too(editor_client, make_article, media_dirs):
    article = make_article()
    photo = Photo(article=article, credit="Synthetic, AGENCY", alt_text="Synthetic field")
    photo.image.save("synthetic.png", ContentFile(png()), save=True)
    body = editor_client.get(change_url(article)).content.decode()
    assert 'class="archive-preview"' in body and 'alt="Synthetic field"' in body


def test_captions_choose_their_language_and_an_untouched_row_saves(editor_client, make_article):
    photo = Photo.objects.create(article=make_article(), credit="Synthetic, AGENCY")
    Caption.objects.create(photo=photo, language="fr", text="Légende synthétique.")
    url = change_url(photo)
    page = editor_client.get(url)
    body = page.content.decode()
    assert tag(body, "captions-0-language").startswith("<select")
    assert tag(body, "captions-0-text").startswith("<textarea")
    # The empty extra row starts without a language, so saving does not ask for its text.
    assert form_data(page)["captions-1-language"] == ""
    assert editor_client.post(url, form_data(page)).status_code == 302
    assert photo.captions.get().language == "fr"


def test_the_admin_stylesheet_is_on_every_admin_page(editor_client, make_article):
    for url in (INDEX, COMMENTS, change_url(make_article())):
        assert "/static/css/admin.css" in editor_client.get(url).content.decode()
