"""The interface in English and French; content in its own language.

English pages keep their addresses, French ones live under /fr/; the admin
follows the editor's language. Dates are written the language's way, and
captions and articles say which language they are in.
"""

import re

import pytest
from django.test import Client
from django.utils import timezone, translation

from articles.models import Article, Caption, Photo

pytestmark = pytest.mark.django_db


def french(url: str) -> str:
    return "/fr" + url


def switcher_forms(body: str) -> list[tuple[str, str]]:
    """(next, language) of each form of the language switcher."""
    return re.findall(
        r'<form action="/i18n/setlang/" method="post"><input type="hidden" name="next" '
        r'value="([^"]*)"><button type="submit" name="language" value="(\w+)"',
        body,
    )


def test_english_addresses_are_unchanged_and_french_pages_live_under_fr(client, seed_archive):
    english = client.get("/")
    assert '<html lang="en">' in english.content.decode()
    assert english["Content-Language"] == "en"
    page = client.get("/fr/")
    assert '<html lang="fr">' in page.content.decode()
    assert page["Content-Language"] == "fr"
    assert "Derniers articles" in page.content.decode()
    assert 'href="/fr/articles/"' in page.content.decode()


def test_a_browser_asking_for_french_still_gets_the_english_address_in_english(client, db):
    # The address alone decides, so a cached page always matches its URL.
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<html lang="en">' in body and "Latest coverage" in body


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/articles/?district=Kalbajar&date_after=2020-11-25",
        "/districts/",
        "/districts/kalbajar/",
        "/quotes/",
        "/photos/",
        "/search/?q=burning",
        "/archive/2020/11/25/",
    ],
)
def test_every_public_page_offers_the_other_language_for_the_same_page(client, seed_archive, path):
    assert switcher_forms(client.get(path).content.decode()) == [
        ("/fr" + path.replace("&", "&amp;"), "fr")
    ]
    assert switcher_forms(client.get("/fr" + path).content.decode()) == [
        (path.replace("&", "&amp;"), "en")
    ]


def test_the_article_page_and_the_comment_form_offer_the_other_language(client, seed_archive):
    url = seed_archive.get_absolute_url()
    assert switcher_forms(client.get(url).content.decode()) == [(french(url), "fr")]
    comment = seed_archive.get_comment_url()
    assert switcher_forms(client.get(french(comment)).content.decode()) == [(comment, "en")]


def test_the_language_switcher_changes_the_language_and_stays_on_the_same_page(
    client, seed_archive
):
    url = seed_archive.get_absolute_url()
    response = client.post("/i18n/setlang/", {"language": "fr", "next": french(url)})
    assert response.status_code == 302 and response["Location"] == french(url)
    assert response.cookies["django_language"].value == "fr"
    page = client.get(response["Location"]).content.decode()
    assert '<html lang="fr">' in page and seed_archive.headline in page

    back = client.post("/i18n/setlang/", {"language": "en", "next": french(url)})
    assert back["Location"] == url
    assert back.cookies["django_language"].value == "en"


@pytest.mark.parametrize("next_url", ["http://[::1/", "https://[", "//evil.example/", "/\\evil"])
def test_a_next_address_that_is_not_this_sites_leads_to_the_home_page(client, next_url):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": next_url})
    assert response.status_code == 302 and response["Location"] == "/fr/"
    # A GET changes nothing; it too stays on this site.
    response = client.get("/i18n/setlang/", {"language": "fr", "next": next_url})
    assert response.status_code == 302 and response["Location"] == "/"


def test_switching_keeps_the_filters_of_a_list(client, seed_archive):
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/fr/articles/?district=Kalbajar&page=1"}
    )
    assert response["Location"] == "/articles/?district=Kalbajar&page=1"
    response = client.post(
        "/i18n/setlang/", {"language": "fr", "next": "/articles/?district=Kalbajar"}
    )
    assert response["Location"] == "/fr/articles/?district=Kalbajar"


def test_the_switcher_needs_no_csrf_token_so_pages_stay_cacheable(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/quotes/"})
    assert response.status_code == 302 and response["Location"] == "/fr/quotes/"
    assert "csrfmiddlewaretoken" not in client.get("/quotes/").content.decode()


@pytest.mark.parametrize(
    ("data", "location"),
    [
        ({"language": "fr", "next": "https://elsewhere.example/"}, "/fr/"),
        ({"language": "en", "next": "//elsewhere.example/fr/"}, "/"),
        ({"language": "xx", "next": "/quotes/"}, "/quotes/"),
        ({"language": "", "next": "/fr/nowhere/"}, "/fr/nowhere/"),
        ({"language": "fr", "next": "/fr/\x00"}, "/fr/%00"),
        ({"language": ["fr", "en"] * 50, "next": "/" * 5000}, "/"),
    ],
)
def test_the_switcher_stays_on_this_site_and_survives_bad_input(client, db, data, location):
    response = client.post("/i18n/setlang/", data, HTTP_ACCEPT="text/html")
    assert response.status_code == 302
    assert response["Location"] == location
    assert client.get(response["Location"]).status_code in (200, 404)


def test_dates_are_written_the_way_each_language_writes_them(client, seed_archive):
    url = seed_archive.get_absolute_url()
    assert "25 November 2020" in client.get(url).content.decode()
    page = client.get(french(url)).content.decode()
    assert "25 novembre 2020" in page

    day = client.get("/fr/archive/2020/11/25/").content.decode()
    assert "<h1>Mercredi 25 novembre 2020</h1>" in day
    assert '<th scope="col">lun</th>' in day
    assert "<h1>Novembre 2020</h1>" in client.get("/fr/archive/2020/11/").content.decode()
    assert (
        "<h1>Wednesday 25 November 2020</h1>" in client.get("/archive/2020/11/25/").content.decode()
    )


def test_counts_are_grouped_the_way_each_language_groups_them(client, seed_archive, monkeypatch):
    # The home page's district counts go through intcomma, which follows the language.
    from articles.models import District

    monkeypatch.setattr(
        District.objects.__class__,
        "public_article_counts",
        lambda self: dict.fromkeys(District.objects.values_list("pk", flat=True), 12345),
    )
    assert ">12,345</span>" in client.get("/").content.decode()
    assert ">12\u00a0345</span>" in client.get("/fr/").content.decode()


def test_captions_show_in_the_readers_language_first_each_marked_with_its_language(
    client, seed_archive
):
    url = seed_archive.get_absolute_url()
    english = client.get(url).content.decode()
    assert english.index(
        '<p lang="en"><span class="lang" lang="en">English</span>'
    ) < english.index('<p lang="fr"><span class="lang" lang="en">French</span>')
    page = client.get(french(url)).content.decode()
    assert page.index('<p lang="fr"><span class="lang" lang="fr">Français</span>') < page.index(
        '<p lang="en"><span class="lang" lang="fr">Anglais</span>'
    )


def test_a_caption_in_a_language_django_does_not_know_is_labelled_by_its_code(client, make_article):
    article = make_article()
    photo = Photo.objects.create(article=article)
    Caption.objects.create(photo=photo, language="zz-qq", text="Synthetic unknown caption")
    for url in (article.get_absolute_url(), french(article.get_absolute_url())):
        response = client.get(url)
        assert response.status_code == 200
        assert '<span class="lang" lang="' in response.content.decode()
        assert "ZZ-QQ</span> Synthetic unknown caption" in response.content.decode()


def test_the_article_page_names_the_articles_language_and_marks_its_content(client, seed_archive):
    url = seed_archive.get_absolute_url()
    page = client.get(french(url)).content.decode()
    assert "Langue\u00a0: Anglais" in page
    assert f'<h1 lang="en">{seed_archive.headline}</h1>' in page
    assert '<div class="body" lang="en">' in page
    # The interface around the content is in the reader's language.
    assert '<article class="article">' in page
    assert "Language: English" in client.get(url).content.decode()


def test_the_language_filter_is_offered_on_the_list_and_filters(client, make_article):
    make_article(headline="Synthetic English article", language="en")
    make_article(headline="Synthetic article en français", language="fr")
    page = client.get("/fr/articles/").content.decode()
    assert '<label for="id_language">Langue</label>' in page
    assert '<option value="fr">Français</option>' in page
    assert '<option value="en">Anglais</option>' in page
    filtered = client.get("/fr/articles/", {"language": "fr"}).content.decode()
    assert "Synthetic article en français" in filtered
    assert "Synthetic English article" not in filtered
    assert '<option value="fr" selected>Français</option>' in filtered


def test_date_filters_keep_iso_dates_in_french(client, seed_archive):
    # <input type="date"> only takes YYYY-MM-DD; a French 25/11/2020 would be dropped.
    page = client.get("/fr/articles/", {"date_after": "2020-11-25"}).content.decode()
    assert 'value="2020-11-25"' in page


def test_filter_errors_are_in_the_readers_language(client, db):
    page = client.get("/fr/articles/", {"district": "Atlantis", "date_after": "x"}).content.decode()
    assert "Aucun lieu ne s’appelle «\u00a0Atlantis\u00a0»." in page
    assert "Saisissez une date valide." in page


def test_the_404_page_is_in_the_readers_language(client, db):
    response = client.get("/fr/no-such-page/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
    assert "Page not found" in client.get("/no-such-page/").content.decode()


def test_the_feeds_follow_the_page_language(client, seed_archive):
    assert "News archive: latest coverage" in client.get("/feeds/latest/").content.decode()
    feed = client.get("/fr/feeds/latest/").content.decode()
    assert "Archives de presse\u00a0: derniers articles" in feed
    assert "<language>fr</language>" in feed
    assert seed_archive.headline in feed  # content stays as it was published


def test_data_and_site_files_are_language_neutral(client, seed_archive):
    assert client.get("/api/articles/", HTTP_ACCEPT_LANGUAGE="fr").json()["count"] == 5
    assert client.get("/fr/api/articles/").status_code == 404
    assert client.get("/articles/export.csv").status_code == 200
    assert client.get("/robots.txt").status_code == 200
    assert client.get("/healthz").status_code == 200
    url = seed_archive.get_absolute_url()
    # One sitemap of articles per language; each page names its other
    # language itself (test_pages_name_their_other_language_for_search_engines).
    english = client.get("/sitemap-articles.xml").content.decode()
    french = client.get("/sitemap-articles-fr.xml").content.decode()
    assert f"<loc>http://testserver{url}</loc>" in english
    assert f"<loc>http://testserver/fr{url}</loc>" in french


def test_pages_name_their_other_language_for_search_engines(client, seed_archive):
    page = client.get("/districts/kalbajar/").content.decode()
    assert (
        '<link rel="alternate" hreflang="fr" href="http://testserver/fr/districts/kalbajar/">'
        in page
    )


def test_nothing_unpublished_is_reachable_in_french(client, make_article):
    draft = make_article(status=Article.Status.DRAFT, headline="Synthetic French draft")
    scheduled = make_article(
        published_at=timezone.now() + timezone.timedelta(days=1), headline="Synthetic later"
    )
    for article in (draft, scheduled):
        assert client.get(french(article.get_absolute_url())).status_code == 404
    listing = client.get("/fr/articles/").content.decode()
    assert "Synthetic French draft" not in listing and "Synthetic later" not in listing


def test_the_admin_shows_our_labels_in_french_for_a_french_editor(editor_client):
    add = editor_client.get("/admin/articles/article/add/", HTTP_ACCEPT_LANGUAGE="fr")
    body = add.content.decode()
    assert '<html lang="fr"' in body
    assert "Titre" in body and "Chapô ou accroche affiché dans les listes." in body
    assert "Classement" in body and "Provenance" in body
    changelist = editor_client.get(
        "/admin/articles/article/", HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert "Publier les articles sélectionnés" in changelist
    assert "Importer des captures" in changelist


def test_the_admin_follows_the_language_the_editor_chose_with_the_switcher(editor_client):
    editor_client.post("/i18n/setlang/", {"language": "fr", "next": "/fr/"})
    body = editor_client.get("/admin/articles/comment/").content.decode()
    assert "Approuver les commentaires sélectionnés" in body
    editor_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert (
        "Approve selected comments"
        in editor_client.get("/admin/articles/comment/").content.decode()
    )


def test_admin_messages_are_in_the_editors_language(editor_client, make_article):
    article = make_article(status=Article.Status.DRAFT)
    response = editor_client.post(
        "/admin/articles/article/",
        {"action": "publish", "_selected_action": [article.pk]},
        HTTP_ACCEPT_LANGUAGE="fr",
        follow=True,
    )
    assert "1 article publié." in response.content.decode()


def test_interface_strings_are_translated_outside_requests_too():
    with translation.override("fr"):
        assert str(Article._meta.verbose_name_plural) == "articles"
        assert str(Article._meta.get_field("summary").verbose_name) == "chapô"
        assert str(Article.Status.DRAFT.label) == "Brouillon"


def test_a_regional_caption_counts_as_the_readers_language(client, make_article):
    article = make_article()
    url = article.get_absolute_url()
    photo = Photo.objects.create(article=article)
    Caption.objects.create(photo=photo, language="en", text="Synthetic English caption")
    Caption.objects.create(photo=photo, language="fr-CA", text="Légende synthétique")
    page = client.get(french(url)).content.decode()
    assert page.index("Légende synthétique") < page.index("Synthetic English caption")


def test_lists_date_each_article_in_the_readers_language_and_the_sites_time_zone(
    client, make_article, settings
):
    import datetime

    settings.TIME_ZONE = "Asia/Baku"  # UTC+4: 23:30 UTC on 31 December is 1 January
    make_article(published_at=datetime.datetime(2020, 12, 31, 23, 30, tzinfo=datetime.UTC))
    english = client.get("/articles/").content.decode()
    assert '<time datetime="2021-01-01T03:30:00+04:00">1 January 2021</time>' in english
    assert ">1 janvier 2021</time>" in client.get(french("/articles/")).content.decode()
