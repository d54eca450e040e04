"""Withdrawing an article is seen at once, whichever supported way an editor or operator uses."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from articles.models import Article

from .admin_forms import form_data

pytestmark = pytest.mark.django_db

HEADLINE = "Synthetic article soon withdrawn"


@pytest.fixture(autouse=True)
def page_cache():
    with override_settings(PAGE_CACHE_SECONDS=300):
        yield


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def by_admin_action(editor_client, article):
    editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish", "_selected_action": [article.pk]},
    )


def by_admin_delete(editor_client, article):
    editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "delete_selected", "_selected_action": [article.pk], "post": "yes"},
    )


def by_admin_form(editor_client, article):
    data = form_data(editor_client.get(change_url(article)))
    data["status"] = Article.Status.DRAFT
    editor_client.post(change_url(article), data)


def by_model_save(editor_client, article):
    article.status = Article.Status.DRAFT
    article.save()


def by_model_delete(editor_client, article):
    article.delete()


def by_queryset_unpublish(editor_client, article):
    assert Article.objects.filter(pk=article.pk).unpublish() == 1


def by_queryset_update(editor_client, article):
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)


def by_queryset_delete(editor_client, article):
    Article.objects.filter(pk=article.pk).delete()


@pytest.mark.parametrize(
    "withdraw",
    [
        by_admin_action,
        by_admin_delete,
        by_admin_form,
        by_model_save,
        by_model_delete,
        by_queryset_unpublish,
        by_queryset_update,
        by_queryset_delete,
    ],
)
def test_a_withdrawn_article_leaves_every_cached_page_at_once(
    withdraw, editor_client, make_article, django_capture_on_commit_callbacks
):
    article = make_article(headline=HEADLINE)
    reader = Client()
    pages = ["/", "/articles/", "/feeds/latest/", "/api/articles/"]
    for url in pages:
        assert HEADLINE in reader.get(url).content.decode()
        assert reader.get(url)["X-Page-Cache"] == "hit"
    assert reader.get(article.get_absolute_url()).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        withdraw(editor_client, article)

    for url in pages:
        assert HEADLINE not in reader.get(url).content.decode(), url
    assert reader.get(article.get_absolute_url()).status_code == 404


def test_unpublishing_in_bulk_withdraws_only_published_articles_and_says_how_many(make_article):
    make_article(status=Article.Status.DRAFT)
    make_article()
    make_article()
    assert Article.objects.unpublish() == 2
    assert not Article.objects.published().exists()
    assert Article.objects.unpublish() == 0


def test_an_editors_form_opened_before_a_bulk_unpublish_cannot_publish_it_again(
    editor_client, make_article
):
    article = make_article(headline=HEADLINE)
    stale = form_data(editor_client.get(change_url(article)))
    Article.objects.filter(pk=article.pk).unpublish()

    stale["headline"] = "Synthetic edit made on the old copy"
    response = editor_client.post(change_url(article), stale)
    assert "Someone else saved this article while you were editing it" in (
        response.content.decode()
    )
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.headline == HEADLINE
