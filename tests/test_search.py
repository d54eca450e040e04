"""/search/: a place under any spelling, and ranked full-text search that never errors."""

import pytest

from articles import search
from articles.models import Article, Quote

pytestmark = pytest.mark.django_db


def test_a_place_spelling_is_recognised_and_named_with_its_aliases(client, seed_archive):
    response = client.get("/search/", {"q": "Karvachar"})
    body = response.content.decode()
    assert response.context["district"].name == "Kalbajar"
    assert "also known as" in body and "Kəlbəcər" in body
    assert seed_archive in [article for article, _snippet in response.context["results"]]


@pytest.mark.parametrize("spelling", ["Kəlbəcər", "Karvachar", "kalbajar"])
def test_a_place_under_any_spelling_lists_all_its_coverage(client, seed_archive, spelling):
    response = client.get("/search/", {"q": spelling})
    filed = Article.objects.published().filter(districts__name="Kalbajar").count()
    assert response.context["total"] == filed >= 1
    assert f"{filed} articles about Kalbajar" in response.content.decode()


def test_full_text_results_are_ranked_with_highlighted_snippets(client, make_article):
    strong = make_article(headline="Synthetic reservoir reservoir", body="reservoir levels")
    weak = make_article(
        headline="Synthetic other", body="A long text that mentions reservoir once."
    )
    response = client.get("/search/", {"q": "reservoir"})
    results = response.context["results"]
    assert [a for a, _ in results] == [strong, weak]
    assert "<mark>reservoir</mark>" in str(results[0][1])


def test_snippets_escape_html_from_the_text(client, make_article):
    make_article(body="<script>alert(1)</script> reservoir")
    body = client.get("/search/", {"q": "reservoir"}).content.decode()
    assert "<script>alert(1)" not in body


def test_search_covers_quotes_and_captions(client, seed_archive):
    for words in ("mason burning", "inhabitants burned their houses", "habitants brûlé"):
        response = client.get("/search/", {"q": words})
        assert seed_archive in [a for a, _ in response.context["results"]], words


def test_search_combines_with_district_and_date_filters(client, seed_archive):
    found = client.get("/search/", {"q": "Kalbajar", "district": "Lachin"}).context["results"]
    assert seed_archive in [a for a, _ in found]
    later = client.get("/search/", {"q": "Kalbajar", "date_after": "2021-01-01"}).context["total"]
    assert later == 0


def test_drafts_are_never_found(client, make_article):
    make_article(headline="Synthetic secret", status=Article.Status.DRAFT)
    assert client.get("/search/", {"q": "secret"}).context["total"] == 0


def test_editing_a_quote_updates_the_index(client, make_article):
    article = make_article()
    Quote.objects.create(article=article, text="Synthetic unmistakable phrase")
    assert client.get("/search/", {"q": "unmistakable"}).context["total"] == 1


@pytest.mark.parametrize(
    "query",
    ['"', "*", "NEAR(", "AND OR", "a:b", "(((", "-", "^x", "'; DROP TABLE x;--", "\x00", "é" * 300],
)
def test_search_syntax_typed_by_a_reader_never_errors(client, seed_archive, query):
    assert client.get("/search/", {"q": query}).status_code == 200
    assert client.get("/articles/", {"q": query}).status_code == 200


def test_only_plain_words_reach_the_engine():
    assert search.words('NEAR("a" b*) AND OR c:d') == ["NEAR", "a", "b", "AND", "OR", "c", "d"]


def test_deleting_an_article_with_parts_removes_its_search_document(seed_archive):
    from django.db import connection

    from articles.models import SearchDocument

    seed_archive.delete()
    assert not SearchDocument.objects.filter(article_id=seed_archive.pk).exists()
    connection.check_constraints()  # no document points at a deleted article


def test_a_word_in_too_many_articles_is_counted_up_to_the_cap_and_listed_latest_first(
    client, make_article, monkeypatch
):
    monkeypatch.setattr(search, "MAX_HITS", 3)
    made = [make_article(headline=f"Synthetic reservoir {n}") for n in range(5)]
    response = client.get("/search/", {"q": "reservoir"})
    assert response.context["total"] == 3 and response.context["more"]
    assert [a for a, _ in response.context["results"]] == made[::-1][:3]
    assert "More than 3 articles mention these words" in response.content.decode()


def test_a_search_within_the_cap_is_counted_exactly(client, make_article, monkeypatch):
    monkeypatch.setattr(search, "MAX_HITS", 3)
    for n in range(3):
        make_article(headline=f"Synthetic reservoir {n}")
    response = client.get("/search/", {"q": "reservoir"})
    assert response.context["total"] == 3 and not response.context["more"]


def test_a_later_page_of_results_continues_the_ranking_and_ends_with_the_matches(make_article):
    for n in range(5):
        make_article(headline="Synthetic " + " ".join(["reservoir"] * (n + 1)))
    public = Article.objects.published()
    ranked = search.ranked(public, "reservoir", 0, 5).hits
    assert search.ranked(public, "reservoir", 2, 2).hits == ranked[2:4]
    beyond = search.ranked(public, "reservoir", 10, 2)
    assert beyond.total == 5 and beyond.hits == [] and not beyond.more
    assert search.ranked(public, "absent", 0, 2) == search.Results(0, [])


def snippet_of(query: str) -> str:
    return search.ranked(Article.objects.published(), query, 0, 1).hits[0].snippet


def test_a_snippet_marks_whole_words_whatever_their_case(make_article):
    make_article(body="Reservoirs: the RESERVOIR and a reservoir.")
    snippet = snippet_of("reservoir")
    assert "<mark>RESERVOIR</mark>" in snippet and "<mark>reservoir</mark>" in snippet
    assert "<mark>Reservoirs" not in snippet


def test_a_snippet_of_a_long_document_stays_short_around_its_match(make_article):
    make_article(body="filler " * 3000 + "the dam " + "tail " * 3000)
    snippet = snippet_of("dam")
    assert "<mark>dam</mark>" in snippet
    assert len(snippet.split()) <= 40
    # Both engines say where the text goes on.
    assert snippet.startswith("…") and snippet.endswith("…")


def test_a_result_shows_its_snippet_with_marks_instead_of_the_summary(client, make_article):
    make_article(summary="Synthetic standfirst", body="Levels of the reservoir & the dam")
    page = client.get("/search/", {"q": "reservoir"}).content.decode()
    assert '<p class="snippet" lang="en">' in page
    assert "<mark>reservoir</mark> &amp; the dam" in page
    assert '<p lang="en">Synthetic standfirst</p>' not in page


def test_the_filters_beside_the_results_keep_the_words_searched_for(client, db):
    page = client.get("/search/", {"q": "reservoir"}).content.decode()
    form = page[page.index('<form class="filters"') :]
    form = form[: form.index("</form>")]
    assert 'action="/search/"' in form
    assert '<input type="hidden" name="q" value="reservoir">' in form
    assert 'name="district"' in form and 'name="date_after"' in form
    assert 'name="source"' not in form and 'name="language"' not in form
