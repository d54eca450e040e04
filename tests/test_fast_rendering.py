"""What the pages render in Python for speed says exactly what Django's own rendering said.

Teasers, filter-form widgets and the site's links are written in Python
instead of templates (a list page renders twenty teasers and six widgets on
every uncached request); each must stay escaped, localised and equal to
what it replaces.
"""

import datetime
import re

import pytest
from django import forms
from django.template import Context, Template
from django.test import override_settings
from django.urls import path, reverse, set_script_prefix
from django.utils import timezone, translation

from articles import links, widgets
from articles.models import Article, District, Source
from articles.templatetags.teasers import teaser

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script> & "quotes"'


# Teasers


def test_a_teaser_escapes_every_field_an_editor_or_import_can_fill(make_article, kalbajar):
    outlet = Source.objects.create(name=f"Outlet {HOSTILE}", domain="hostile.example")
    article = make_article(
        headline=f"Synthetic {HOSTILE}",
        section=f"Section {HOSTILE}",
        summary=f"Summary {HOSTILE}",
        source=outlet,
        districts=[kalbajar],
    )
    html = teaser(article)
    assert "<script>" not in html
    assert html.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;") == 4
    assert f'<a href="{article.get_absolute_url()}">Synthetic &lt;script&gt;' in html
    assert f'<a href="{kalbajar.get_absolute_url()}">Kalbajar</a>' in html


def test_a_search_snippet_keeps_its_marks_and_replaces_the_summary(make_article):
    from django.utils.html import format_html

    article = make_article(summary="Synthetic summary")
    snippet = format_html("a <mark>{}</mark> b", "word & more")
    html = teaser(article, snippet)
    assert '<p class="snippet" lang="en">a <mark>word &amp; more</mark> b</p>' in html
    assert "Synthetic summary" not in html


def test_a_teaser_without_summary_shows_the_opening_words_of_the_body(make_article):
    words = " ".join(f"word{i}" for i in range(60))
    html = teaser(make_article(summary="", body=words))
    assert "word44 …</p>" in html
    assert "word45" not in html


def test_a_teaser_dates_in_the_readers_language_and_the_sites_time_zone(make_article):
    # 23:30 UTC on 31 December is already 1 January in Baku (UTC+4).
    article = make_article(
        published_at=datetime.datetime(2020, 12, 31, 23, 30, tzinfo=datetime.UTC)
    )
    with timezone.override("Asia/Baku"):
        english = teaser(article)
        with translation.override("fr"):
            french = teaser(article)
    assert '<time datetime="2021-01-01T03:30:00+04:00">1 January 2021</time>' in english
    assert ">1 janvier 2021</time>" in french


def test_a_list_page_shows_each_teaser_once_with_its_places(client, make_article, kalbajar):
    make_article(headline="Synthetic filed teaser", districts=[kalbajar])
    page = client.get("/articles/").content.decode()
    assert page.count('<article class="teaser">') == 1
    assert ">Synthetic filed teaser</a></h3>" in page
    assert '· <a href="/districts/kalbajar/">Kalbajar</a>' in page


# Filter-form widgets: the same HTML as Django's templates


@pytest.mark.parametrize(
    ("ours", "djangos", "value", "attrs"),
    [
        (widgets.TextInput, forms.TextInput, HOSTILE, {"id": "id_q", "maxlength": 200}),
        (widgets.TextInput, forms.TextInput, None, {"id": "id_q", "required": True}),
        (widgets.TextInput, forms.TextInput, "", {"disabled": False, "aria-invalid": "true"}),
        (
            widgets.DateInput,
            forms.DateInput,
            datetime.date(2020, 11, 25),
            {"type": "date", "id": "id_date_after"},
        ),
    ],
)
def test_inputs_render_as_djangos_templates_do(ours, djangos, value, attrs, assert_html_equal):
    kwargs = {"format": "%Y-%m-%d"} if djangos is forms.DateInput else {}
    assert_html_equal(
        ours(**kwargs).render("field", value, attrs),
        djangos(**kwargs).render("field", value, attrs),
    )


@pytest.mark.parametrize("value", ["", "fr", HOSTILE])
def test_selects_render_as_djangos_templates_do(value, assert_html_equal):
    choices = [("", "Any language"), ("en", "English"), ("fr", "Français & co"), (HOSTILE, "<b>")]
    grouped = [("", "Any"), ("Group <1>", [("en", "English"), ("fr", "French")])]
    for options in (choices, grouped):
        assert_html_equal(
            widgets.Select(choices=options).render("language", value, {"id": "id_language"}),
            forms.Select(choices=options).render("language", value, {"id": "id_language"}),
        )


def test_the_filter_form_keeps_what_the_reader_typed_escaped(client, make_article):
    page = client.get("/articles/", {"q": '"><script>x</script>', "language": "fr"}).content
    page = page.decode()
    assert 'name="q" value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"' in page
    assert '<option value="fr" selected>' in page


# The filter form: the same HTML as the included template it replaced

FILTER_FORM_TEMPLATE = """{% load i18n %}<form class="filters" method="get" action="{{ action|default:'' }}" aria-labelledby="filters-heading">
  <h2 id="filters-heading">{% translate "Filter" %}</h2>
  {% if query %}<input type="hidden" name="q" value="{{ query }}">{% endif %}
  {% if filter.form.non_field_errors %}<div class="errorlist" role="alert">{{ filter.form.non_field_errors }}</div>{% endif %}
  {% for field in filter.form %}{% if field.name not in hidden %}
  <div class="field{% if field.errors %} has-error{% endif %}">
    <label for="{{ field.id_for_label }}">{{ field.label }}</label>
    {{ field }}
    {% if field.errors %}<div class="field-error" id="{{ field.id_for_label }}-error" role="alert">{% for error in field.errors %}<p>{{ error }}</p>{% endfor %}</div>{% elif field.help_text %}<p class="help">{{ field.help_text }}</p>{% endif %}
  </div>
  {% endif %}{% endfor %}
  <div class="actions">
    <button type="submit">{% translate "Apply filters" %}</button>
    <a href="{{ request.path }}">{% translate "Clear filters" %}</a>
  </div>
</form>"""  # noqa: E501


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(
    ("params", "hide", "action", "query"),
    [
        ({"district": "Karvachar", "date_after": "2020-11-01"}, "", "", ""),
        # Errors: an unknown place, an impossible date, a source that is not there.
        ({"district": "Nowhere <b>", "date_after": "2020-13-01", "source": "999"}, "", "", ""),
        ({"date_after": "2020-12-01", "date_before": "2020-11-01"}, "", "", ""),
        ({"q": "x"}, "q,source,language", "/search/", HOSTILE),
        ({}, "district,source,language,q", "", ""),
    ],
)
def test_the_filter_form_renders_as_its_template_did(
    rf, kalbajar, language, params, hide, action, query, assert_html_equal
):
    from articles.filters import ArticleFilter, apply
    from articles.templatetags.filter_forms import filter_form

    request = rf.get("/articles/", params)
    with translation.override(language):
        filterset, _ = apply(ArticleFilter, request, Article.objects.published())
        context = {"filter": filterset, "request": request, "query": query, "action": action}
        hidden = [name for name in hide.split(",") if name]
        expected = Template(FILTER_FORM_TEMPLATE).render(Context(context | {"hidden": hidden}))
        ours = filter_form(Context(context), filterset, hide=hide, action=action)
    assert_html_equal(ours, expected)
    if "source" in params:
        assert 'class="field-error"' in ours


# Quotes and photos: the same HTML as the included templates they replaced

QUOTE_TEMPLATE = """{% load i18n %}<figure class="quote">
  <blockquote lang="{{ quote.language }}"><p>{{ quote.text }}</p></blockquote>
  <figcaption>{% if quote.speaker %}<span class="speaker">{{ quote.speaker.name }}</span>{% if quote.speaker.description %}, <span class="role" lang="{{ quote.language }}">{{ quote.speaker.description }}</span>{% endif %}{% else %}{% translate "Unnamed speaker" %}{% endif %}{% if show_article %} · <a href="{{ quote.article.get_absolute_url }}" lang="{{ quote.article.language }}">{{ quote.article.headline }}</a>{% endif %}{% if quote.said_on %} · <time datetime="{{ quote.said_on|date:'Y-m-d' }}">{{ quote.said_on|date:"SHORT_DATE_FORMAT" }}</time>{% endif %}</figcaption>
</figure>"""  # noqa: E501

PHOTO_TEMPLATE = """{% load i18n archive %}<figure class="photo">
  {% if photo.image %}<img src="{{ photo.image.url }}" srcset="{{ photo.srcset }}" sizes="(min-width: 46rem) 44rem, 100vw" alt="{{ photo.alt_text }}"{% if photo.width %} width="{{ photo.width }}" height="{{ photo.height }}"{% endif %} loading="lazy" decoding="async">
  {% else %}<div class="photo-missing" role="img" aria-label="{% translate 'Image not archived' %}"><span>{% translate "Only the caption of this photo was archived." %}</span></div>{% endif %}
  <figcaption>
    {% get_current_language as LANGUAGE_CODE %}{% for caption in photo.captions.all|reader_language_first %}<p lang="{{ caption.language }}"><span class="lang" lang="{{ LANGUAGE_CODE }}">{{ caption.language|language_name }}</span> {{ caption.text }}</p>{% endfor %}
    {% if photo.credit %}<p class="credit">© {{ photo.credit }}</p>{% endif %}
    {% if show_article and photo.article %}<p class="meta"><a href="{{ photo.article.get_absolute_url }}" lang="{{ photo.article.language }}">{{ photo.article.headline }}</a></p>{% endif %}
  </figcaption>
</figure>"""  # noqa: E501


@pytest.fixture
def quotes(make_article):
    from articles.models import Person, Quote

    article = make_article(headline=f"Synthetic {HOSTILE}", language="fr")
    speaker = Person.objects.create(name=f"Speaker {HOSTILE}", description=f"Role {HOSTILE}")
    plain = Person.objects.create(name="Synthetic Speaker")
    said = datetime.date(2020, 11, 25)
    return [
        Quote.objects.create(article=article, speaker=speaker, text=HOSTILE, language="fr"),
        Quote.objects.create(article=article, speaker=plain, text="Synthetic", said_on=said),
        Quote.objects.create(article=article, speaker=None, text="Synthetic unnamed"),
    ]


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("show_article", [False, True])
def test_a_quote_renders_as_its_template_did(quotes, language, show_article, assert_html_equal):
    from articles.templatetags.figures import quote_figure

    with translation.override(language):
        for quote in quotes:
            expected = Template(QUOTE_TEMPLATE).render(
                Context({"quote": quote, "show_article": show_article})
            )
            assert_html_equal(quote_figure(quote, show_article), expected)


@pytest.fixture
def photos(make_article, settings, tmp_path):
    from articles.models import Caption, Photo
    from tests.test_uploads import image_bytes, photo_form, upload

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    article = make_article(headline=f"Synthetic {HOSTILE}")
    form = photo_form(upload("synthetic.jpg", image_bytes(size=(2000, 1000))))
    assert form.is_valid()
    pictured = form.save()
    pictured.article, pictured.alt_text, pictured.credit = article, HOSTILE, HOSTILE
    pictured.save()
    caption_only = Photo.objects.create(article=article, credit="")
    for photo in (pictured, caption_only):
        Caption.objects.create(photo=photo, language="en", text=f"Synthetic {HOSTILE}")
        Caption.objects.create(photo=photo, language="fr-CA", text="Synthétique")
        Caption.objects.create(photo=photo, language="xx", text="Synthetic unknown language")
    return list(Photo.objects.prefetch_related("captions").order_by("id"))


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("show_article", [False, True])
def test_a_photo_renders_as_its_template_did(photos, language, show_article, assert_html_equal):
    from articles.templatetags.figures import photo_figure

    with translation.override(language):
        for photo in photos:
            expected = Template(PHOTO_TEMPLATE).render(
                Context({"photo": photo, "show_article": show_article})
            )
            ours = photo_figure(photo, show_article)
            assert_html_equal(ours, expected)
    assert "srcset" in photo_figure(photos[0]) and "photo-missing" in photo_figure(photos[1])


@pytest.fixture
def assert_html_equal():
    from django.test.html import parse_html

    def check(ours, djangos):
        assert parse_html(ours) == parse_html(djangos)

    return check


# Links


def test_remembered_links_are_what_reverse_gives_in_each_language(kalbajar):
    assert links.url("article-list") == reverse("article-list") == "/articles/"
    assert kalbajar.get_absolute_url() == "/districts/kalbajar/"
    with translation.override("fr"):
        assert links.url("article-list") == reverse("article-list") == "/fr/articles/"
        assert kalbajar.get_absolute_url() == "/fr/districts/kalbajar/"
    assert links.url("article-list") == "/articles/"


def test_remembered_links_follow_the_script_prefix_of_a_site_under_a_path():
    try:
        set_script_prefix("/archive-site/")
        assert links.url("article-list") == "/archive-site/articles/"
    finally:
        set_script_prefix("/")
    assert links.url("article-list") == "/articles/"


def test_remembered_links_follow_a_changed_urlconf():
    with override_settings(ROOT_URLCONF=__name__):
        assert links.url("article-list") == "/elsewhere/articles/"
    assert links.url("article-list") == "/articles/"


# The URLconf of the test above: the same name at another address.
urlpatterns = [path("elsewhere/articles/", lambda request: None, name="article-list")]


def test_an_article_links_to_its_local_day(make_article):
    article = make_article(
        slug="synthetic-late",
        published_at=datetime.datetime(2020, 11, 25, 22, 0, tzinfo=datetime.UTC),
    )
    with timezone.override("Asia/Baku"):
        assert article.get_absolute_url() == "/articles/2020/11/26/synthetic-late/"
    with timezone.override("UTC"):
        assert article.get_absolute_url() == "/articles/2020/11/25/synthetic-late/"


def test_language_links_keep_the_page_and_its_query(client, make_article):
    article = make_article(headline="Synthetic alternate")
    page = client.get(article.get_absolute_url()).content.decode()
    french = re.search(r'hreflang="fr" href="http://testserver(/fr/articles/[^"]+)"', page)
    assert ">Synthetic alternate</h1>" in client.get(french[1]).content.decode()
    listing = client.get("/fr/articles/", {"district": "Kəlbəcər"}).content.decode()
    english = 'hreflang="en" href="http://testserver/articles/?district=K%C9%99lb%C9%99c%C9%99r"'
    assert english in listing


def test_the_template_link_tag_is_the_url_tag_remembered():
    rendered = Template("{% load archive %}{% link 'search' %}|{% url 'search' %}").render(
        Context()
    )
    assert rendered == "/search/|/search/"


def test_a_place_renamed_in_the_admin_links_by_its_new_slug(kalbajar):
    old = kalbajar.get_absolute_url()
    District.objects.filter(pk=kalbajar.pk).update(slug="kalbajar-renamed")
    kalbajar.refresh_from_db()
    assert old == "/districts/kalbajar/"
    assert kalbajar.get_absolute_url() == "/districts/kalbajar-renamed/"


# Places of listed articles: from the gazetteer, one query per page


def test_listed_articles_carry_their_places_by_name(make_article, kalbajar):
    lachin = District.objects.get(name="Lachin")
    article = make_article(districts=[lachin, kalbajar])
    make_article(headline="Synthetic filed nowhere")
    listed = {a.pk: a for a in Article.objects.published().for_listing()}
    assert [p.name for p in listed[article.pk].places] == ["Kalbajar", "Lachin"]
    assert [p.get_absolute_url() for p in listed[article.pk].places] == [
        "/districts/kalbajar/",
        "/districts/lachin/",
    ]
    assert all(a.places == [] for pk, a in listed.items() if pk != article.pk)


def test_a_streamed_listing_attaches_places_batch_by_batch(make_article, kalbajar, monkeypatch):
    from articles.models.articles import _WithPlacesIterable

    monkeypatch.setattr(_WithPlacesIterable, "BATCH", 2)
    for _ in range(5):
        make_article(districts=[kalbajar])
    streamed = list(Article.objects.for_listing().iterator(chunk_size=2))
    assert len(streamed) == 5
    assert all([p.name for p in a.places] == ["Kalbajar"] for a in streamed)


def test_a_renamed_place_shows_its_new_name_in_lists(client, make_article, kalbajar):
    make_article(districts=[kalbajar])
    assert ">Kalbajar</a>" in client.get("/articles/").content.decode()
    kalbajar.name = "Kalbajar (synthetic rename)"
    kalbajar.save()
    page = client.get("/articles/").content.decode()
    assert ">Kalbajar (synthetic rename)</a>" in page
