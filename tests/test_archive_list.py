"""/articles/: one FilterSet over public articles, forgiving of whatever is typed."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article, District

pytestmark = pytest.mark.django_db

URL = "/articles/"


def headlines(response) -> list[str]:
    return [a.headline for a in response.context["articles"]]


def at(day: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(day + "T12:00"))


@pytest.fixture
def filed(make_article, kalbajar):
    lachin = District.objects.get(name="Lachin")
    dadivank = District.objects.get(name="Dadivank")
    return {
        "kalbajar": make_article(
            headline="Synthetic Kalbajar", districts=[kalbajar], published_at=at("2020-11-25")
        ),
        "dadivank": make_article(
            headline="Synthetic Dadivank", districts=[dadivank], published_at=at("2020-11-20")
        ),
        "lachin": make_article(
            headline="Synthetic Lachin", districts=[lachin], published_at=at("2020-12-01")
        ),
        "draft": make_article(
            headline="Synthetic draft", districts=[kalbajar], status=Article.Status.DRAFT
        ),
    }


@pytest.mark.parametrize("spelling", ["kalbajar", "Karvachar", "Kəlbəcər", "KELBECER"])
def test_district_filter_takes_any_spelling_and_includes_places_within(client, filed, spelling):
    response = client.get(URL, {"district": spelling})
    assert sorted(headlines(response)) == ["Synthetic Dadivank", "Synthetic Kalbajar"]


def test_district_with_dates_selects_each_article_once_within_the_range(client, filed, kalbajar):
    # Filed under Kalbajar and under a place within it: still one result.
    filed["kalbajar"].districts.add(District.objects.get(name="Dadivank"))
    response = client.get(
        URL, {"district": "Kalbajar", "date_after": "2020-11-21", "date_before": "2020-12-31"}
    )
    assert headlines(response) == ["Synthetic Kalbajar"]
    assert response.context["page_obj"].paginator.count == 1


def test_district_filter_is_repeatable(client, filed):
    response = client.get(URL + "?district=Karvachar&district=Laçın")
    assert len(headlines(response)) == 3


def test_date_bounds_are_inclusive(client, filed):
    response = client.get(URL, {"date_after": "2020-11-25", "date_before": "2020-12-01"})
    assert sorted(headlines(response)) == ["Synthetic Kalbajar", "Synthetic Lachin"]


def test_drafts_never_appear(client, filed):
    assert "Synthetic draft" not in headlines(client.get(URL))
    assert "Synthetic draft" not in headlines(client.get(URL, {"district": "Kalbajar"}))


def test_an_unknown_district_says_no_district_matches(client, filed):
    response = client.get(URL, {"district": "Atlantis"})
    assert response.status_code == 200
    assert "No place is called “Atlantis”" in response.content.decode()
    assert headlines(response) == []


@pytest.mark.parametrize(
    "params",
    [
        {"date_after": "2020-13-45"},
        {"date_before": "yesterday"},
        {"district": "x" * 5000},
        {"q": "x" * 5000},
        {"source": "nowhere.example"},
        {"language": "xx"},
    ],
)
def test_invalid_filters_give_a_normal_page_with_a_message_by_the_field(client, filed, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert 'class="field-error"' in response.content.decode()


@pytest.mark.parametrize(("page", "shown"), [("abc", 1), ("0", 1), ("999999", 2), ("9" * 5000, 1)])
def test_bad_page_numbers_show_a_real_page_with_a_note(client, make_article, page, shown):
    for _ in range(25):
        make_article()
    response = client.get(URL, {"page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == shown
    assert response.context["page_message"]


def test_twenty_a_page_with_the_count_and_filters_kept_in_page_links(
    client, make_article, kalbajar
):
    for _ in range(25):
        make_article(districts=[kalbajar])
    response = client.get(URL, {"district": "Karvachar"})
    body = response.content.decode()
    assert len(response.context["articles"]) == 20
    assert "25 articles" in body
    assert "?district=Karvachar&amp;page=2" in body
    assert 'href="/articles/">Clear filters' in body


def test_an_empty_result_says_so_and_offers_to_clear(client, filed):
    response = client.get(URL, {"date_after": "2030-01-01"})
    body = response.content.decode()
    assert "No articles match these filters." in body
    assert "Clear filters" in body


def test_full_text_filter_matches_words_in_quotes(client, seed_archive):
    response = client.get(URL, {"q": "exhumed graves"})
    assert response.context["page_obj"].paginator.count >= 1
    response = client.get(URL, {"q": "prosperity"})
    assert seed_archive.headline in headlines(response)


def test_source_and_language_filters(client, seed_archive):
    assert headlines(client.get(URL, {"source": "france24.com"})) == [seed_archive.headline]
    assert len(headlines(client.get(URL, {"language": "fr"}))) == 0


def test_the_source_choices_are_read_once_per_content_version(
    client, seed_archive, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.models import Source

    client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        client.get(URL)
    assert not [q for q in queries if q["sql"].startswith('SELECT "articles_source"')]

    # A source is offered once it has a public article; saving moves the
    # content version on, so the next page offers it.
    with django_capture_on_commit_callbacks(execute=True):
        wire = Source.objects.create(name="Synthetic Wire", domain="wire.example", kind="agency")
    assert "wire.example" not in client.get(URL).text
    with django_capture_on_commit_callbacks(execute=True):
        seed_archive.source = wire
        seed_archive.save()
    assert '<option value="wire.example">Synthetic Wire</option>' in client.get(URL).text


def test_pages_beyond_the_maximum_depth_point_to_the_date_filters(
    client, make_article, monkeypatch
):
    from articles import pagination

    monkeypatch.setattr(pagination, "MAX_PAGES", 2)
    for _ in range(65):
        make_article()
    response = client.get(URL, {"page": "4"})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 2
    assert "date filters" in response.context["page_message"]


def test_an_unknown_source_is_reported_without_repeating_what_was_typed(client, filed):
    body = client.get(URL, {"source": "spoof: call 555"}).text
    assert "No source matches this address." in body
    # Django's own message for a choice quotes the value back in the error.
    assert "is not one of the available choices" not in body


def test_a_place_within_dates_counts_what_it_lists(client, make_article, kalbajar):
    dadivank = District.objects.get(name="Dadivank")
    make_article(
        headline="Synthetic first day", districts=[kalbajar], published_at=at("2020-11-01")
    )
    make_article(
        headline="Synthetic both", districts=[kalbajar, dadivank], published_at=at("2020-11-10")
    )
    make_article(headline="Synthetic draft", districts=[kalbajar], status=Article.Status.DRAFT)
    moved = make_article(
        headline="Synthetic moved", districts=[dadivank], published_at=at("2019-05-05")
    )
    late = make_article(headline="Synthetic late", published_at=at("2020-12-01"))
    late.districts.add(kalbajar)  # filed after it was written
    make_article(
        headline="Synthetic day after", districts=[kalbajar], published_at=at("2020-12-02")
    )
    make_article(
        headline="Synthetic scheduled",
        districts=[kalbajar],
        published_at=timezone.now() + datetime.timedelta(days=1),
    )
    Article.objects.filter(pk=moved.pk).update(published_at=at("2020-11-15"))

    def listed(**dates):
        response = client.get(URL, {"district": "Karvachar", **dates})
        # Counted from the links (kept_count), it is the number listed.
        count = response.context["page_obj"].paginator.count
        assert count == len(headlines(response)) == response.context["filter"].qs.count()
        return count, sorted(headlines(response))

    november = ["Synthetic both", "Synthetic first day", "Synthetic late", "Synthetic moved"]
    assert listed(date_after="2020-11-01", date_before="2020-12-01") == (4, november)
    assert listed(date_after="2020-11-02", date_before="2020-12-01")[0] == 3
    assert listed(date_before="2020-11-30")[0] == 3
    assert listed(date_after="2020-12-01")[0] == 2


@pytest.mark.parametrize("blank", [" ", ",", ", "])
def test_a_blank_place_within_dates_counts_every_place(client, make_article, kalbajar, blank):
    make_article(headline="Synthetic placed", districts=[kalbajar], published_at=at("2020-11-10"))
    make_article(headline="Synthetic unplaced", published_at=at("2020-11-12"))
    dates = {"date_after": "2020-11-01", "date_before": "2020-11-30"}
    response = client.get(URL, {"district": blank, **dates})
    assert response.context["page_obj"].paginator.count == 2
    assert len(headlines(response)) == 2
    assert client.get("/api/articles/", {"district": blank, **dates}).json()["count"] == 2


def test_a_headline_with_markup_is_escaped_in_lists(client, make_article, kalbajar):
    from articles.models import Photo, Quote, Source

    markup = '<script>alert("x")</script> & "quotes"'
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;"
    outlet = Source.objects.create(name=f"Outlet {markup}", domain="markup.example")
    article = make_article(
        headline=f"Synthetic {markup}",
        section=f"Section {markup}",
        summary=f"Summary {markup}",
        source=outlet,
        districts=[kalbajar],
    )
    Quote.objects.create(article=article, text="Synthetic quote")
    Photo.objects.create(article=article, credit="Synthetic credit")
    page = client.get(URL).content.decode()
    assert "<script>" not in page
    assert f'<a href="{article.get_absolute_url()}">Synthetic {escaped}</a></h3>' in page
    assert f'<p class="section" lang="en">Section {escaped}</p>' in page
    assert f"Summary {escaped}</p>" in page
    assert f'{outlet.get_absolute_url()}">Outlet {escaped}</a> · ' in page
    for listing in ("/quotes/", "/photos/"):
        page = client.get(listing).content.decode()
        assert "<script>" not in page
        assert f'<a href="{article.get_absolute_url()}" lang="en">Synthetic {escaped}</a>' in page


def test_a_teaser_without_a_summary_shows_the_first_45_words_of_the_body(client, make_article):
    make_article(summary="", body=" ".join(f"word{i}" for i in range(60)))
    page = client.get(URL).content.decode()
    assert '<p lang="en">word0 word1 word2' in page
    assert "word44 …</p>" in page
    assert "word45" not in page


def test_a_listed_article_links_each_of_its_places_by_name(client, make_article, kalbajar):
    lachin = District.objects.get(name="Lachin")
    make_article(headline="Synthetic filed teaser", districts=[lachin, kalbajar])
    page = client.get(URL).content.decode()
    assert page.count('<article class="teaser">') == 1
    assert ">Synthetic filed teaser</a></h3>" in page
    assert (
        ' · <a href="/districts/kalbajar/">Kalbajar</a>, <a href="/districts/lachin/">Lachin</a>'
        in page
    )


def test_a_renamed_place_shows_its_new_name_in_lists(client, make_article, kalbajar):
    make_article(districts=[kalbajar])
    assert ">Kalbajar</a>" in client.get(URL).content.decode()
    kalbajar.name = "Kalbajar (synthetic rename)"
    kalbajar.save()
    assert ">Kalbajar (synthetic rename)</a>" in client.get(URL).content.decode()


def test_the_filter_form_keeps_what_the_reader_typed_escaped(client, db):
    page = client.get(URL, {"q": '"><script>x</script>', "language": "fr"}).content.decode()
    assert 'name="q" value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"' in page
    assert '<option value="fr" selected>' in page


def test_the_filter_form_labels_its_fields_and_asks_for_dates_as_dates(client, db):
    page = client.get(URL, {"source": "nowhere.example"}).content.decode()
    assert '<label for="id_date_after">From</label>' in page
    assert '<input type="date" name="date_after"' in page
    assert 'id="id_date_after"' in page
    # Django points each field at its help and its errors (aria-describedby).
    assert 'aria-describedby="id_date_after_helptext"' in page
    assert '<p class="help" id="id_date_after_helptext">' in page
    assert '<div class="field-error" id="id_source_error" role="alert">' in page


@pytest.mark.parametrize("listing", ["articles", "quotes", "photos"])
def test_a_deep_page_shows_the_same_rows_in_the_same_order(rf, make_article, monkeypatch, listing):
    from articles import pagination
    from articles.models import Caption, Photo, Quote

    for day in range(1, 8):
        article = make_article(published_at=at(f"2020-11-{day:02}"))
        Quote.objects.create(article=article, text=f"Synthetic quote {day}")
        photo = Photo.objects.create(article=article, credit="Synthetic")
        Caption.objects.create(photo=photo, language="en", text=f"Synthetic caption {day}")
    rows = {
        "articles": Article.objects.published().for_listing(),
        "quotes": Quote.objects.public().order_by("-article__published_at", "id"),
        "photos": Photo.objects.public()
        .prefetch_related("captions")
        .order_by("-article__published_at", "-id"),
    }[listing]
    expected = list(rows[4:6])
    monkeypatch.setattr(pagination, "DEFERRED_FROM", 4)  # page 3 of 2 is deep
    page, _ = pagination.paginate(rf.get("/", {"page": "3"}), rows, per_page=2)
    assert list(page.object_list) == expected
    if listing == "articles":
        assert [a.places for a in page.object_list] == [[], []]
    if listing == "photos":
        assert [p.captions.all()[0].text for p in page.object_list] == [
            "Synthetic caption 3",
            "Synthetic caption 2",
        ]


def test_dates_the_wrong_way_round_are_explained(client, db):
    response = client.get(URL, {"date_after": "2020-12-01", "date_before": "2020-11-25"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "is before “From”" in body and "swap the two dates" in body


def test_the_date_help_names_no_format_the_browser_does_not_show(client, db):
    body = client.get(URL).content.decode()
    assert 'type="date"' in body and "YYYY-MM-DD" not in body


def test_the_place_box_suggests_every_name_and_alias_without_scripts(client, db):
    body = client.get(URL).content.decode()
    assert 'list="place-names"' in body and '<datalist id="place-names">' in body
    assert '<option value="Karvachar">' in body and '<option value="Kalbajar">' in body


def test_a_near_miss_asks_did_you_mean(client, filed):
    body = client.get(URL, {"district": "Kalbajr"}).content.decode()
    assert "No place is called “Kalbajr”. Did you mean Kalbajar?" in body


def test_several_places_at_once_each_shown_as_a_removable_chip(client, filed):
    response = client.get(URL, {"district": ["Karvachar", "Lachin"], "date_after": "2020-01-01"})
    assert sorted(headlines(response)) == [
        "Synthetic Dadivank",
        "Synthetic Kalbajar",
        "Synthetic Lachin",
    ]
    body = response.content.decode()
    assert 'Kalbajar</a> <span class="typed">(you typed Karvachar)</span>' in body
    # Removing Kalbajar keeps Lachin and the dates.
    assert 'href="/articles/?district=Lachin&amp;date_after=2020-01-01"' in body
    assert 'href="/articles/?district=Karvachar&amp;date_after=2020-01-01"' in body


def test_the_filters_say_how_many_are_in_use(client, filed):
    assert (
        "Filters (2)" in client.get(URL, {"district": "Lachin", "language": "en"}).content.decode()
    )
    assert "Filters (" not in client.get(URL).content.decode()
