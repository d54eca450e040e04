"""The editors' admin: every page works for an editor, accounts stay out of reach."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse

from articles.models import (
    Article,
    Caption,
    Capture,
    Comment,
    District,
    DistrictAlias,
    Event,
    Person,
    Photo,
    Quote,
    Source,
)

from .admin_forms import form_data

pytestmark = pytest.mark.django_db

ARCHIVE_MODELS = [
    Article,
    Capture,
    Comment,
    District,
    Event,
    Person,
    Photo,
    Quote,
    Source,
]


@pytest.fixture
def one_of_each(make_article, kalbajar):
    capture = Capture.objects.create(file_name="synthetic.txt", text="synthetic capture")
    article = make_article(districts=[kalbajar], capture=capture)
    person = Person.objects.create(name="Test Speaker", description="synthetic role")
    photo = Photo.objects.create(article=article, credit="Test Photographer, AGENCY")
    Caption.objects.create(photo=photo, language="en", text="Synthetic caption.")
    return {
        Article: article,
        Capture: capture,
        Comment: Comment.objects.create(article=article, author="Reader", body="Synthetic."),
        District: kalbajar,
        Event: Event.objects.filter(district=kalbajar).first(),
        Person: person,
        Photo: photo,
        Quote: Quote.objects.create(article=article, speaker=person, text="Synthetic words."),
        Source: article.source,
    }


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:articles_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", ARCHIVE_MODELS, ids=lambda m: m.__name__)
def test_each_archive_list_renders_for_an_editor(editor_client, one_of_each, model):
    response = editor_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("model", ARCHIVE_MODELS, ids=lambda m: m.__name__)
def test_each_archive_change_page_renders_for_an_editor(editor_client, one_of_each, model):
    response = editor_client.get(admin_url(model, "change", one_of_each[model].pk))
    assert response.status_code == 200


@pytest.mark.parametrize(
    "model", [m for m in ARCHIVE_MODELS if m not in (Capture, Comment)], ids=lambda m: m.__name__
)
def test_each_archive_add_page_renders_for_an_editor(editor_client, model):
    assert editor_client.get(admin_url(model, "add")).status_code == 200


def test_captures_cannot_be_added_or_edited_by_anyone(admin_client, one_of_each):
    assert admin_client.get(admin_url(Capture, "add")).status_code == 403
    capture = one_of_each[Capture]
    admin_client.post(admin_url(Capture, "change", capture.pk), {"text": "tampered"})
    capture.refresh_from_db()
    assert capture.text == "synthetic capture"


def test_editors_cannot_reach_users_or_groups(editor_client):
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_group_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_user_add")).status_code == 403


def test_every_archive_model_is_registered():
    registered = {model for model in admin.site._registry if model._meta.app_label == "articles"}
    assert set(ARCHIVE_MODELS) <= registered
    assert DistrictAlias not in registered  # edited inline on its district


def test_district_search_matches_any_alias(editor_client):
    response = editor_client.get(admin_url(District, "changelist"), {"q": "Karvachar"})
    assert [d.name for d in response.context["cl"].result_list] == ["Kalbajar"]


def test_article_search_finds_articles_filed_under_an_alias(editor_client, make_article, kalbajar):
    filed = make_article(districts=[kalbajar])
    make_article()
    response = editor_client.get(admin_url(Article, "changelist"), {"q": "Kəlbəcər"})
    assert list(response.context["cl"].result_list) == [filed]


def test_publish_action_publishes_and_reports(editor_client, make_article):
    drafts = [make_article(status=Article.Status.DRAFT) for _ in range(2)]
    response = editor_client.post(
        admin_url(Article, "changelist"),
        {"action": "publish", "_selected_action": [a.pk for a in drafts]},
        follow=True,
    )
    assert Article.objects.published().count() == 2
    assert "Published 2 articles." in [str(m) for m in response.context["messages"]]


def test_unpublish_action_hides_articles_and_reports(editor_client, make_article):
    article = make_article()
    response = editor_client.post(
        admin_url(Article, "changelist"),
        {"action": "unpublish", "_selected_action": [article.pk]},
        follow=True,
    )
    assert not Article.objects.published().exists()
    assert "Unpublished 1 article." in [str(m) for m in response.context["messages"]]


def test_comment_queue_lists_pending_first_and_approves(editor_client, make_article):
    article = make_article()
    approved = Comment.objects.create(
        article=article, author="a", body="old", status=Comment.Status.APPROVED
    )
    pending = Comment.objects.create(article=article, author="b", body="new")
    response = editor_client.get(admin_url(Comment, "changelist"))
    assert list(response.context["cl"].result_list) == [pending, approved]
    editor_client.post(
        admin_url(Comment, "changelist"), {"action": "approve", "_selected_action": [pending.pk]}
    )
    pending.refresh_from_db()
    assert pending.status == Comment.Status.APPROVED


def test_article_change_page_links_to_the_public_page(editor_client, make_article):
    article = make_article()
    response = editor_client.get(admin_url(Article, "change", article.pk))
    assert "View on site" in response.content.decode()


def test_a_non_staff_user_is_sent_to_the_login_page(client, db):
    User.objects.create_user("reader", password="pw-reader-1234")
    client.login(username="reader", password="pw-reader-1234")
    response = client.get(admin_url(Article, "changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_quote_shows_the_sentence_it_came_from_and_a_chosen_speaker_is_checked(
    editor_client, make_article
):
    article = make_article(headline="Synthetic quoted article")
    Quote.objects.create(
        article=article,
        text="Synthetic words",
        context='"Synthetic words," said Synthetic Speaker on Monday.',
    )
    person = Person.objects.create(name="Synthetic Right Speaker")
    url = reverse("admin:articles_article_change", args=[article.pk])
    page = editor_client.get(url)
    assert "said Synthetic Speaker on Monday." in page.content.decode()

    data = form_data(page)
    data["quotes-0-speaker"] = str(person.pk)
    assert editor_client.post(url, data).status_code == 302
    quote = Quote.objects.get(article=article)
    assert (quote.speaker, quote.speaker_checked) == (person, True)
