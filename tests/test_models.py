"""The rules the models own and the database enforces."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, Caption, Capture, Comment, Event, Photo, Quote

pytestmark = pytest.mark.django_db


def test_published_includes_a_published_article_whose_time_has_come(make_article):
    article = make_article()
    assert list(Article.objects.published()) == [article]


def test_published_excludes_drafts(make_article):
    make_article(status=Article.Status.DRAFT)
    assert not Article.objects.published().exists()


def test_published_excludes_articles_scheduled_for_the_future(make_article):
    make_article(published_at=timezone.now() + datetime.timedelta(minutes=5))
    assert not Article.objects.published().exists()


def test_new_articles_are_drafts_by_default(source):
    article = Article.objects.create(headline="Synthetic", slug="synthetic", source=source)
    assert article.status == Article.Status.DRAFT


def test_article_slugs_are_unique(make_article):
    make_article(slug="same-slug")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(slug="same-slug")


def test_the_database_refuses_an_unknown_status(make_article):
    article = make_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(status="archived")


def test_the_database_refuses_an_unknown_comment_status(make_article):
    comment = Comment.objects.create(article=make_article(), author="r", body="b")
    assert comment.status == Comment.Status.PENDING
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(status="spam")


def test_a_photo_has_one_caption_per_language():
    photo = Photo.objects.create(credit="Synthetic Credit, AGENCY")
    Caption.objects.create(photo=photo, language="fr", text="Légende synthétique.")
    Caption.objects.create(photo=photo, language="en", text="Synthetic caption.")
    with pytest.raises(IntegrityError), transaction.atomic():
        Caption.objects.create(photo=photo, language="en", text="Second synthetic caption.")


def test_a_capture_keeps_its_checksum_and_cannot_be_changed():
    capture = Capture.objects.create(file_name="synthetic.txt", text="raw synthetic text\n")
    assert capture.sha256 == Capture.checksum("raw synthetic text\n")
    assert capture.verify()
    capture.text = "tampered"
    with pytest.raises(ValidationError):
        capture.save()
    capture.refresh_from_db()
    assert capture.text == "raw synthetic text\n"


def test_the_same_capture_cannot_be_stored_twice():
    Capture.objects.create(file_name="a.txt", text="same bytes")
    with pytest.raises(IntegrityError), transaction.atomic():
        Capture.objects.create(file_name="b.txt", text="same bytes")


def test_quotes_photos_and_comments_are_public_only_through_a_public_article(make_article):
    public = make_article()
    draft = make_article(status=Article.Status.DRAFT)
    for article in (public, draft):
        Quote.objects.create(article=article, text=f"quote of {article.slug}")
        Photo.objects.create(article=article, credit=f"credit of {article.slug}")
        Comment.objects.create(
            article=article, author="r", body="approved", status=Comment.Status.APPROVED
        )
        Comment.objects.create(article=article, author="r", body="pending")
    assert {q.article for q in Quote.objects.public()} == {public}
    assert {p.article for p in Photo.objects.public()} == {public}
    assert [(c.article, c.body) for c in Comment.objects.public()] == [(public, "approved")]


def test_article_url_carries_its_publication_date_and_slug(make_article):
    article = make_article(
        slug="a-slug", published_at=datetime.datetime(2020, 11, 25, 5, 5, tzinfo=datetime.UTC)
    )
    assert article.get_absolute_url() == "/articles/2020/11/25/a-slug/"


def test_sample_events_come_with_the_gazetteer():
    dates = {(e.district.name, e.date.isoformat()) for e in Event.objects.all()}
    assert {
        ("Nagorno-Karabakh", "2020-11-09"),
        ("Kalbajar", "2020-11-15"),
        ("Aghdam", "2020-11-20"),
        ("Kalbajar", "2020-11-25"),
        ("Lachin", "2020-12-01"),
    } <= dates
