"""The article page shows everything the archive keeps, and only what is public."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from articles.models import Article, Comment, Photo

pytestmark = pytest.mark.django_db


def page(client, article):
    return client.get(article.get_absolute_url())


def test_the_seed_article_shows_its_record(client, seed_archive):
    body = page(client, seed_archive).content.decode()
    assert seed_archive.headline in body
    assert "With AFP" in body and "france24.com" in body
    for district in ("Kalbajar", "Aghdam", "Lachin", "Tartar"):
        assert f">{district}</a>" in body
    assert "Gaguik Yakchibekian" in body and "53-year-old mason" in body
    assert "Dans le Kalbajar, certains habitants" in body
    assert "In the Kalbajar, some inhabitants burned" in body
    assert "© Alexander Nemenov, AFP" in body
    assert "Photo: only its caption was archived." in body
    assert "Armenia cedes disputed land to Azerbaijan after peace deal" in body
    assert "This is interesting!" in body


def test_captions_are_marked_with_their_language(client, seed_archive):
    body = page(client, seed_archive).content.decode()
    assert '<p lang="fr">' in body and '<p lang="en">' in body


def test_the_url_is_canonical(client, seed_archive):
    response = page(client, seed_archive)
    assert (
        f'<link rel="canonical" href="http://testserver{seed_archive.get_absolute_url()}">'
        in response.content.decode()
    )


def test_json_ld_describes_a_news_article(client, seed_archive):
    body = page(client, seed_archive).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == seed_archive.headline
    assert data["datePublished"].startswith("2020-11-25T05:05")
    assert data["publisher"]["name"] == "france24.com"
    assert {p["name"] for p in data["contentLocation"]} == {
        "Kalbajar",
        "Aghdam",
        "Lachin",
        "Nagorno-Karabakh",
        "Tartar",
    }


def test_open_graph_tags(client, seed_archive):
    body = page(client, seed_archive).content.decode()
    assert '<meta property="og:type" content="article">' in body
    assert f'<meta property="og:title" content="{seed_archive.headline}">' in body


def test_a_headline_cannot_break_out_of_the_json_ld(client, make_article):
    article = make_article(headline='</script><script>alert("x")</script>')
    body = page(client, article).content.decode()
    assert '<script>alert("x")' not in body


def test_a_draft_or_scheduled_article_is_not_found(client, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    scheduled = make_article(published_at=timezone.now() + datetime.timedelta(hours=1))
    assert page(client, draft).status_code == 404
    assert page(client, scheduled).status_code == 404


def test_only_approved_comments_show(client, make_article):
    article = make_article()
    for status in Comment.Status:
        Comment.objects.create(
            article=article, author="r", body=f"Synthetic {status}", status=status
        )
    body = page(client, article).content.decode()
    assert "Synthetic approved" in body
    assert "Synthetic pending" not in body and "Synthetic rejected" not in body


def test_a_new_comment_awaits_moderation(client, make_article):
    article = make_article()
    response = client.post(
        article.get_comment_url(), {"author": "Reader", "body": "Synthetic comment."}, follow=True
    )
    assert "awaits moderation" in response.content.decode()
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert "Synthetic comment." not in response.content.decode().split("awaits moderation")[1]


def test_the_comment_confirmation_is_where_the_reader_lands(client, make_article):
    article = make_article()
    response = client.post(
        article.get_comment_url(), {"author": "Reader", "body": "Synthetic comment."}, follow=True
    )
    assert response.redirect_chain[-1][0].endswith("#comments")
    body = response.content.decode()
    comments = body.index('id="comments"')
    assert body.count("awaits moderation") == 1 and body.index("awaits moderation") > comments


def test_comments_show_their_author_and_date_and_captured_ones_say_so(client, seed_archive):
    Comment.objects.create(
        article=seed_archive, author="Synthetic reader", body="Synthetic", status="approved"
    )
    body = page(client, seed_archive).content.decode()
    assert "1 · captured with the page" in body and "usr: 1" not in body
    today = timezone.localdate()
    assert f'Synthetic reader · <time datetime="{today.isoformat()}' in body


def test_a_comment_with_the_honeypot_filled_is_refused(client, make_article):
    article = make_article()
    response = client.post(
        article.get_comment_url(),
        {"author": "Bot", "body": "Spam", "website": "http://spam.example"},
    )
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_comment_links_are_marked_as_user_content_and_html_is_escaped(client, make_article):
    article = make_article()
    Comment.objects.create(
        article=article,
        author="r",
        body="See https://example.org <b>bold</b>",
        status=Comment.Status.APPROVED,
    )
    body = page(client, article).content.decode()
    assert 'rel="nofollow ugc"' in body
    assert "&lt;b&gt;bold&lt;/b&gt;" in body


def test_the_article_page_holds_no_form_so_it_can_be_cached(client, make_article):
    article = make_article()
    body = client.get(article.get_absolute_url()).content.decode()
    assert '<form method="post"' not in body and "csrfmiddlewaretoken" not in body
    assert f'href="{article.get_comment_url()}"' in body
    assert client.post(article.get_absolute_url(), {"author": "r", "body": "b"}).status_code == 405


def test_the_address_names_the_local_day_of_publication(client, make_article, settings):
    settings.TIME_ZONE = "Asia/Yerevan"  # UTC+4: 21:30 UTC is 01:30 the next day
    article = make_article(
        published_at=datetime.datetime(2020, 11, 24, 21, 30, tzinfo=datetime.UTC)
    )
    with timezone.override("Asia/Yerevan"):
        url = article.get_absolute_url()
    assert "/2020/11/25/" in url
    assert client.get(url).status_code == 200
    assert client.get(url.replace("/2020/11/25/", "/2020/11/24/")).status_code == 404


def test_quotes_and_photos_with_markup_are_escaped(client, make_article):
    from articles.models import Caption, Person, Photo, Quote

    markup = '<script>alert("x")</script>'
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
    article = make_article()
    speaker = Person.objects.create(name=f"Speaker {markup}")
    Quote.objects.create(
        article=article,
        speaker=speaker,
        speaker_description=f"Role {markup}",
        text=f"Words {markup}",
        language="fr",
    )
    photo = Photo.objects.create(article=article, credit=f"Credit {markup}")
    Caption.objects.create(photo=photo, language="en", text=f"Caption {markup}")
    page = client.get(article.get_absolute_url()).content.decode()
    assert markup not in page
    assert f'<blockquote lang="fr"><p>Words {escaped}</p></blockquote>' in page
    assert f'<a class="speaker" href="{speaker.get_absolute_url()}">Speaker {escaped}</a>' in page
    assert f'<span class="role" lang="fr">Role {escaped}</span>' in page
    assert f'<p class="credit">© Credit {escaped}</p>' in page
    assert f"</span> Caption {escaped}</p>" in page


def test_a_photo_whose_image_was_not_archived_shows_its_captions_and_says_so(client, make_article):
    from articles.models import Caption, Photo

    article = make_article()
    photo = Photo.objects.create(article=article)
    Caption.objects.create(photo=photo, language="en", text="Synthetic caption only")
    page = client.get(article.get_absolute_url()).content.decode()
    assert '<p class="photo-missing">Photo: only its caption was archived.</p>' in page
    assert "Synthetic caption only</p>" in page


def test_a_quote_without_a_speaker_is_unnamed_and_dated_the_readers_way(client, make_article):
    from articles.models import Quote

    article = make_article()
    Quote.objects.create(article=article, text="Synthetic", said_on=datetime.date(2020, 11, 25))
    url = article.get_absolute_url()
    english = client.get(url).content.decode()
    assert 'Unnamed speaker · <time datetime="2020-11-25">25 Nov 2020</time>' in english
    french = client.get("/fr" + url).content.decode()
    assert 'Auteur des propos non nommé · <time datetime="2020-11-25">25/11/2020</time>' in french


def with_image(photo: "Photo") -> None:
    from io import BytesIO

    from django.core.files.base import ContentFile
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (600, 400), "green").save(buffer, format="PNG")
    photo.image.save("synthetic.png", ContentFile(buffer.getvalue()), save=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def test_the_first_archived_image_leads_under_the_headline(client, make_article, media):
    article = make_article()
    Photo.objects.create(article=article, credit="Synthetic caption-only credit")
    with_image(Photo.objects.create(article=article, credit="Synthetic lead credit"))
    body = client.get(article.get_absolute_url()).content.decode()
    lead = body.index('class="photo lead"')
    assert body.index("<h1") < lead < body.index('class="body"')
    assert body.index("Synthetic lead credit") < body.index('class="body"')
    assert "More photos" in body and body.index("Synthetic caption-only credit") > lead


def test_lists_show_a_thumbnail_of_articles_with_an_image(client, make_article, media):
    pictured = make_article(headline="Synthetic pictured")
    make_article(headline="Synthetic unpictured")
    with_image(Photo.objects.create(article=pictured))
    for url in ("/", "/articles/"):
        body = client.get(url).content.decode()
        assert body.count('<img class="thumb"') == 1, url
