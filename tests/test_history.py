"""No edit is lost: every save is a revision to compare and restore, none overwrites another."""

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, Caption, Photo, Quote

from .admin_forms import form_data

pytestmark = pytest.mark.django_db


def change_url(obj) -> str:
    return reverse(f"admin:articles_{obj._meta.model_name}_change", args=[obj.pk])


@pytest.fixture
def article_with_parts(make_article, kalbajar):
    article = make_article(headline="Synthetic original headline", districts=[kalbajar])
    Quote.objects.create(article=article, text="Synthetic original quote")
    photo = Photo.objects.create(article=article, credit="Synthetic Credit, AGENCY")
    Caption.objects.create(photo=photo, language="en", text="Synthetic original caption")
    return article


def save_in_admin(client, article, **changes):
    data = form_data(client.get(change_url(article)))
    data.update(changes)
    return client.post(change_url(article), data)


def test_an_admin_save_keeps_a_revision_with_quotes_photos_and_captions(
    editor_client, article_with_parts
):
    response = save_in_admin(editor_client, article_with_parts, headline="Synthetic edited")
    assert response.status_code == 302
    version = Version.objects.get_for_object(article_with_parts).first()
    kept = {v.content_type.model for v in version.revision.version_set.all()}
    assert {"article", "quote", "photo", "caption"} <= kept
    assert version.field_dict["headline"] == "Synthetic edited"


def test_two_revisions_can_be_compared(editor_client, article_with_parts):
    save_in_admin(editor_client, article_with_parts, headline="Synthetic first headline")
    save_in_admin(editor_client, article_with_parts, headline="Synthetic second headline")
    newer, older = Version.objects.get_for_object(article_with_parts)[:2]
    url = change_url(article_with_parts).replace("/change/", "/history/compare/")
    response = editor_client.get(url, {"from": older.pk, "to": newer.pk})
    body = response.content.decode()
    assert "<del>first</del>" in body and "<ins>second</ins>" in body
    assert editor_client.get(url, {"from": "x", "to": newer.pk}).status_code == 404


def test_history_page_offers_the_comparison(editor_client, article_with_parts):
    save_in_admin(editor_client, article_with_parts, headline="Synthetic first headline")
    save_in_admin(editor_client, article_with_parts, headline="Synthetic second headline")
    url = change_url(article_with_parts).replace("/change/", "/history/")
    body = editor_client.get(url).content.decode()
    assert 'name="from"' in body and "Compare revisions" in body


def test_restoring_a_revision_brings_back_the_article_and_its_quotes(
    editor_client, article_with_parts
):
    save_in_admin(editor_client, article_with_parts)  # a revision of the original
    original = Version.objects.get_for_object(article_with_parts).first()
    data = form_data(editor_client.get(change_url(article_with_parts)))
    data["headline"] = "Synthetic vandalised"
    data["quotes-0-DELETE"] = "on"
    editor_client.post(change_url(article_with_parts), data)
    assert not Quote.objects.filter(article=article_with_parts).exists()

    revision_url = reverse(
        "admin:articles_article_revision", args=[article_with_parts.pk, original.pk]
    )
    restore = form_data(editor_client.get(revision_url))
    assert editor_client.post(revision_url, restore).status_code == 302
    article_with_parts.refresh_from_db()
    assert article_with_parts.headline == "Synthetic original headline"
    assert Quote.objects.get(article=article_with_parts).text == "Synthetic original quote"


def test_bulk_publishing_records_a_revision(editor_client, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    version = Version.objects.get_for_object(draft).first()
    assert version.revision.get_comment() == "Published with the bulk action."
    assert version.field_dict["status"] == "published"


def test_the_importer_records_a_revision(seed_archive):
    version = Version.objects.get_for_object(seed_archive).first()
    assert version.revision.get_comment().startswith("Imported from 000_4e6cf89af3c18a31.txt")


def test_a_second_editor_cannot_overwrite_the_first_editors_save(
    client, editor_client, editor, article_with_parts
):
    from django.contrib.auth.models import Group, User

    second = User.objects.create_user("second", password="pw-second-1234", is_staff=True)
    second.groups.add(Group.objects.get(name="Editors"))
    client.force_login(second)
    mine = form_data(editor_client.get(change_url(article_with_parts)))
    theirs = form_data(client.get(change_url(article_with_parts)))

    mine["headline"] = "Synthetic first editor's headline"
    assert editor_client.post(change_url(article_with_parts), mine).status_code == 302

    theirs["headline"] = "Synthetic second editor's headline"
    response = client.post(change_url(article_with_parts), theirs)
    assert response.status_code == 200
    assert "Someone else saved this article while you were editing it" in response.content.decode()
    article_with_parts.refresh_from_db()
    assert article_with_parts.headline == "Synthetic first editor's headline"


@pytest.mark.parametrize("model", [Photo, Quote])
def test_photos_and_quotes_refuse_an_outdated_save_too(editor_client, article_with_parts, model):
    obj = model.objects.get(article=article_with_parts)
    stale = form_data(editor_client.get(change_url(obj)))
    fresh = form_data(editor_client.get(change_url(obj)))
    field = "credit" if model is Photo else "text"
    fresh[field] = "Synthetic first change"
    assert editor_client.post(change_url(obj), fresh).status_code == 302
    stale[field] = "Synthetic stale change"
    response = editor_client.post(change_url(obj), stale)
    assert "while you were editing it" in response.content.decode()
    obj.refresh_from_db()
    assert getattr(obj, field) == "Synthetic first change"


def test_an_inline_quote_edited_elsewhere_refuses_the_article_save(
    editor_client, article_with_parts
):
    stale = form_data(editor_client.get(change_url(article_with_parts)))
    quote = Quote.objects.get(article=article_with_parts)
    quote.text = "Synthetic change made elsewhere"
    quote.save()
    stale["quotes-0-text"] = "Synthetic stale quote"
    response = editor_client.post(change_url(article_with_parts), stale)
    assert "while you were editing it" in response.content.decode()
    quote.refresh_from_db()
    assert quote.text == "Synthetic change made elsewhere"


def test_restoring_counts_as_a_new_save_so_stale_forms_stay_refused(
    editor_client, article_with_parts
):
    save_in_admin(editor_client, article_with_parts)
    original = Version.objects.get_for_object(article_with_parts).first()
    save_in_admin(editor_client, article_with_parts, headline="Synthetic later headline")
    article_with_parts.refresh_from_db()
    before_restore = article_with_parts.version
    revision_url = reverse(
        "admin:articles_article_revision", args=[article_with_parts.pk, original.pk]
    )
    editor_client.post(revision_url, form_data(editor_client.get(revision_url)))
    article_with_parts.refresh_from_db()
    assert article_with_parts.version > before_restore


def test_an_imported_article_can_be_restored_to_its_state_as_imported(editor_client, seed_archive):
    imported = Version.objects.get_for_object(seed_archive).get()
    assert {v.content_type.model for v in imported.revision.version_set.all()} >= {
        "article",
        "quote",
        "photo",
        "caption",
    }
    data = form_data(editor_client.get(change_url(seed_archive)))
    data["headline"] = "Synthetic mistaken edit"
    data["quotes-0-DELETE"] = "on"
    assert editor_client.post(change_url(seed_archive), data).status_code == 302
    url = reverse("admin:articles_article_revision", args=[seed_archive.pk, imported.pk])
    assert editor_client.post(url, form_data(editor_client.get(url))).status_code == 302
    seed_archive.refresh_from_db()
    assert seed_archive.headline.startswith("Azerbaijan takes back")
    assert seed_archive.quotes.count() == 4


def test_revisions_written_by_the_importer_match_reversions_own(seed_archive):
    import reversion

    imported = Version.objects.get_for_object(seed_archive).get()
    with reversion.create_revision():
        reversion.add_to_revision(seed_archive)
    own = Version.objects.get_for_object(seed_archive).exclude(pk=imported.pk).get()

    def normalised(fields: dict) -> dict:  # many-to-many order carries no meaning
        return {k: sorted(v) if isinstance(v, list) else v for k, v in fields.items()}

    assert normalised(imported.field_dict) == normalised(own.field_dict)
    for model in ("quote", "photo", "caption"):
        ours = sorted(
            (v.object_id, sorted(v.field_dict.items(), key=str))
            for v in imported.revision.version_set.all()
            if v.content_type.model == model
        )
        theirs = sorted(
            (v.object_id, sorted(v.field_dict.items(), key=str))
            for v in own.revision.version_set.all()
            if v.content_type.model == model
        )
        assert ours == theirs, model


def open_revision(client, article, version):
    """The restore form as an editor opens it from the history, ready to post back."""
    url = reverse("admin:articles_article_revision", args=[article.pk, version.pk])
    return url, form_data(client.get(url))


@pytest.fixture
def second_editor_client(editor):
    from django.contrib.auth.models import Group, User
    from django.test import Client

    second = User.objects.create_user("second", password="pw-second-1234", is_staff=True)
    second.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(second)
    return client


def test_restoring_a_revision_refuses_to_overwrite_a_save_made_since_it_was_opened(
    editor_client, second_editor_client, article_with_parts
):
    save_in_admin(editor_client, article_with_parts)
    original = Version.objects.get_for_object(article_with_parts).first()
    save_in_admin(editor_client, article_with_parts, headline="Synthetic later headline")
    url, restore = open_revision(editor_client, article_with_parts, original)

    saved = save_in_admin(
        second_editor_client, article_with_parts, headline="Synthetic second editor's headline"
    )
    assert saved.status_code == 302

    response = editor_client.post(url, restore)
    assert response.status_code == 200
    assert "Someone else saved this article after you opened this revision" in (
        response.content.decode()
    )
    article_with_parts.refresh_from_db()
    assert article_with_parts.headline == "Synthetic second editor's headline"
    assert Version.objects.get_for_object(article_with_parts).first().field_dict["headline"] == (
        "Synthetic second editor's headline"
    )


def test_restoring_a_revision_refuses_to_overwrite_a_quote_saved_since_it_was_opened(
    editor_client, second_editor_client, article_with_parts
):
    save_in_admin(editor_client, article_with_parts)
    original = Version.objects.get_for_object(article_with_parts).first()
    save_in_admin(editor_client, article_with_parts, headline="Synthetic later headline")
    url, restore = open_revision(editor_client, article_with_parts, original)

    quote = Quote.objects.get(article=article_with_parts)
    data = form_data(second_editor_client.get(change_url(quote)))
    data["text"] = "Synthetic quote corrected meanwhile"
    assert second_editor_client.post(change_url(quote), data).status_code == 302

    response = editor_client.post(url, restore)
    assert "after you opened this revision" in response.content.decode()
    quote.refresh_from_db()
    assert quote.text == "Synthetic quote corrected meanwhile"
    article_with_parts.refresh_from_db()
    assert article_with_parts.headline == "Synthetic later headline"


@pytest.mark.parametrize("part", ["quote", "photo"])
def test_restoring_a_revision_refuses_to_remove_a_part_added_since_it_was_opened(
    editor_client, second_editor_client, article_with_parts, part
):
    save_in_admin(editor_client, article_with_parts)
    original = Version.objects.get_for_object(article_with_parts).first()
    url, restore = open_revision(editor_client, article_with_parts, original)

    add_url = reverse(f"admin:articles_{part}_add")
    data = form_data(second_editor_client.get(add_url))
    data["article"] = article_with_parts.pk
    data["text" if part == "quote" else "credit"] = "Synthetic part added meanwhile"
    assert second_editor_client.post(add_url, data).status_code == 302

    response = editor_client.post(url, restore)
    assert "after you opened this revision" in response.content.decode()
    model = Quote if part == "quote" else Photo
    assert model.objects.filter(article=article_with_parts).count() == 2


def test_a_change_to_a_part_on_its_own_page_is_a_change_to_its_article(
    editor_client, second_editor_client, article_with_parts
):
    opened = form_data(editor_client.get(change_url(article_with_parts)))
    caption = Caption.objects.get(photo__article=article_with_parts)
    caption.text = "Synthetic caption corrected meanwhile"
    caption.save()

    opened["headline"] = "Synthetic headline from an outdated page"
    response = editor_client.post(change_url(article_with_parts), opened)
    assert "Someone else saved this article while you were editing it" in (
        response.content.decode()
    )
    article_with_parts.refresh_from_db()
    assert article_with_parts.headline == "Synthetic original headline"


def test_recovering_a_deleted_article_twice_is_refused_the_second_time(
    editor_client, second_editor_client, article_with_parts
):
    save_in_admin(editor_client, article_with_parts)
    kept = Version.objects.get_for_object(article_with_parts).first()
    pk = article_with_parts.pk
    article_with_parts.delete()
    url = reverse("admin:articles_article_recover", args=[kept.pk])
    mine = form_data(editor_client.get(url))
    theirs = form_data(second_editor_client.get(url))

    theirs["headline"] = "Synthetic recovered and corrected"
    assert second_editor_client.post(url, theirs).status_code == 302
    response = editor_client.post(url, mine)
    assert "after you opened this revision" in response.content.decode()
    assert Article.objects.get(pk=pk).headline == "Synthetic recovered and corrected"


@pytest.mark.parametrize("model", ["article", "photo", "quote"])
@pytest.mark.parametrize(
    "address",
    [
        "%00/history/",
        "1%00/history/",
        "abc/history/",
        "%00/history/1/",
        "%00/history/compare/?from=1&to=2",
        "abc/history/compare/",
    ],
)
def test_history_addresses_no_record_can_have_are_not_found(editor_client, model, address):
    """A NUL byte or a word where a record's id goes is a 404 on both databases
    (PostgreSQL refuses a NUL in a query: it was a 500 there)."""
    response = editor_client.get(f"/admin/articles/{model}/{address}")
    assert response.status_code == 404
