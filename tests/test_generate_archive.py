"""generate_archive: a deterministic archive that can never pass for real coverage."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Caption, District, Photo, Quote
from articles.synthetic import synthetic_articles

pytestmark = pytest.mark.django_db


def generate(count: int) -> str:
    out = StringIO()
    call_command("generate_archive", "--articles", str(count), stdout=out, stderr=StringIO())
    return out.getvalue()


def snapshot() -> list[tuple]:
    return list(
        Article.objects.order_by("slug").values_list("headline", "published_at", "status", "body")
    )


def test_it_is_deterministic():
    generate(60)
    first = snapshot()
    Article.objects.all().delete()
    generate(60)
    assert snapshot() == first


def test_everything_generated_is_visibly_synthetic():
    report = generate(80)
    assert "Generated 80 synthetic articles" in report
    assert Article.objects.count() == synthetic_articles().count() == 80
    assert all(a.headline.startswith("Synthetic") for a in Article.objects.all())
    assert all(q.text.startswith("Synthetic") for q in Quote.objects.all())
    assert Photo.objects.exists() and Caption.objects.exists()
    assert set(Article.objects.values_list("source__domain", flat=True)) == {"synthetic.example"}


def test_generated_articles_are_searchable_and_filed(client):
    generate(40)
    public = Article.objects.published().count()
    assert 0 < public < 40  # some drafts, to prove they stay hidden
    assert client.get("/api/articles/").json()["count"] == public
    assert Article.objects.filter(districts__isnull=True).count() == 0


def test_a_bad_count_is_refused():
    with pytest.raises(CommandError):
        call_command("generate_archive", "--articles", "0", stdout=StringIO())


def test_an_archive_without_places_is_refused_with_a_clear_message():
    District.objects.exclude(kind=District.Kind.REGION).update(kind=District.Kind.REGION)
    with pytest.raises(CommandError, match="gazetteer is empty"):
        generate(5)
    assert not Article.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_after_a_bulk_load_postgresql_is_also_vacuumed_for_index_only_counts():
    from django.db import connection, transaction

    from articles.synthetic import _statistics_command

    expected = "VACUUM (ANALYZE)" if connection.vendor == "postgresql" else "ANALYZE"
    assert _statistics_command() == expected
    with transaction.atomic():  # VACUUM cannot run in a transaction: statistics only
        assert _statistics_command() == "ANALYZE"


def test_with_debug_on_the_sql_of_chunks_already_written_is_not_kept(settings, monkeypatch):
    from django.db import connection, reset_queries

    from articles import synthetic

    # Django keeps every query's SQL while DEBUG is on; a million articles'
    # inserts would fill memory unless each chunk's are let go once written.
    settings.DEBUG = True
    monkeypatch.setattr(synthetic, "CHUNK", 10)
    synthetic.generate(10)  # the source and speakers exist from here on
    reset_queries()
    synthetic.generate(10)
    one_chunk = len(connection.queries)
    reset_queries()
    synthetic.generate(50)
    assert len(connection.queries) <= one_chunk
