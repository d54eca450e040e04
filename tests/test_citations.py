"""Every article page tells readers how to cite it, in prose and in BibTeX, from one record."""

import datetime

import pytest
from django.utils import timezone

from articles import citations
from articles.models import Article

pytestmark = pytest.mark.django_db

SEED_HEADLINE = (
    "Azerbaijan takes back from the Armenians the district of Kalbajar, neighbor of "
    "Nagorno-Karabakh"
)


def test_the_seed_article_citation_holds_its_facts(rf, seed_archive):
    cite = citations.citation(rf.get("/"), seed_archive)
    assert cite.headline == SEED_HEADLINE
    assert cite.outlet == "france24.com"
    assert cite.published == datetime.date(2020, 11, 25)
    assert cite.permanent_url == "http://testserver" + seed_archive.get_absolute_url()
    # The sample capture records no capture time: its entry into the archive stands in.
    assert cite.captured == timezone.localdate(seed_archive.capture.imported_at)
    assert cite.key == "france24com2020azerbaijan"


def test_the_seed_article_page_cites_it_in_plain_text_and_bibtex(client, seed_archive):
    body = client.get(seed_archive.get_absolute_url()).content.decode()
    permanent = "http://testserver" + seed_archive.get_absolute_url()
    captured = timezone.localdate(seed_archive.capture.imported_at)
    assert '<h2 id="cite-heading">Cite this</h2>' in body
    assert (
        f"“{SEED_HEADLINE}”, france24.com, 25 November 2020. Archived copy, captured "
        f"{captured.day} {captured:%B %Y}: {permanent}"
    ) in body
    assert '<pre class="bibtex"' in body
    assert "@article{france24com2020azerbaijan," in body
    assert f"  title = {{{{{SEED_HEADLINE}}}}}," in body
    assert "  journal = {france24.com}," in body
    assert "  date = {2020-11-25}," in body and "  month = nov," in body
    assert f"  url = {{{permanent}}}," in body
    assert f"  urldate = {{{captured.isoformat()}}}," in body


def test_the_original_url_and_capture_date_are_cited_when_known(rf, make_article):
    article = make_article(
        headline="Synthetic cited report",
        original_url="https://example.org/news/synthetic-cited-report?id=7",
        captured_at=timezone.make_aware(datetime.datetime(2021, 3, 2, 9)),
    )
    cite = citations.citation(rf.get("/"), article)
    text = citations.plain_text(cite)
    assert "Example Outlet" in text
    assert "https://example.org/news/synthetic-cited-report?id=7." in text
    assert "captured 2 March 2021" in text
    entry = citations.bibtex(cite)
    assert "  url = {https://example.org/news/synthetic-cited-report?id=7}," in entry
    assert "  urldate = {2021-03-02}," in entry
    assert "  note = {Archived copy: http://testserver/articles/" in entry


def test_bibtex_escapes_what_tex_would_read_as_commands(rf, make_article):
    article = make_article(headline="Synthetic 50% & $5 #1 {x} a_b ^ ~ back\\slash")
    entry = citations.bibtex(citations.citation(rf.get("/"), article))
    assert (
        r"  title = {{Synthetic 50\% \& \$5 \#1 \{x\} a\_b \^{} \~{} back\textbackslash{}slash}},"
        in entry
    )
    assert entry.count("{") - entry.count(r"\{") == entry.count("}") - entry.count(r"\}")
    assert entry.startswith("@article{examplecom") is False  # the outlet's name, not its domain
    assert entry.startswith("@article{exampleoutlet")


def test_an_original_url_cannot_break_the_bibtex_entry(rf, make_article):
    article = make_article(original_url="https://example.org/a}b{c d\\e")
    entry = citations.bibtex(citations.citation(rf.get("/"), article))
    assert "  url = {https://example.org/a%7Db%7Bc%20d%5Ce}," in entry


def test_the_bib_file_downloads(client, seed_archive):
    response = client.get(seed_archive.get_bibtex_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{seed_archive.slug}.bib"'
    assert response.content.decode().startswith("@article{france24com2020azerbaijan,")
    body = client.get(seed_archive.get_absolute_url()).content.decode()
    assert f'href="{seed_archive.get_bibtex_url()}" download' in body


def test_a_draft_or_scheduled_article_has_no_bib_file(client, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    scheduled = make_article(published_at=timezone.now() + datetime.timedelta(hours=1))
    assert client.get(draft.get_bibtex_url()).status_code == 404
    assert client.get(scheduled.get_bibtex_url()).status_code == 404
    assert client.post(make_article().get_bibtex_url()).status_code == 405
