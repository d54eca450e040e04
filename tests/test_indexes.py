"""The indexes the reader pages rely on at 100,000 articles (see bench/).

A place's articles within dates, the commonest filtered list, must come from
indexes alone: the article's status, date and id in one, the place and the
article in the other. Without them PostgreSQL read every link of a large
place and every article of the month from the tables (8 ms against 3 ms).
"""

import pytest
from django.db import connection

from articles.models import Article

pytestmark = pytest.mark.django_db


def index_columns(table: str) -> list[list[str]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return [c["columns"] for c in constraints.values() if c["index"]]


def test_public_articles_are_indexed_by_status_date_and_id_in_the_listing_order():
    assert ["status", "published_at", "id"] in index_columns(Article._meta.db_table)


def test_a_places_links_are_indexed_with_their_articles():
    links = Article.districts.through._meta.db_table
    assert ["district_id", "article_id"] in index_columns(links)


def test_a_language_is_listed_from_its_own_index():
    # A quarter of the archive is French: without it, each French list read
    # every public article to find its page (0.2 s at 100,000).
    assert ["status", "language", "published_at", "id"] in index_columns(Article._meta.db_table)


def test_on_postgresql_whether_an_article_is_public_is_read_from_an_index_on_its_id():
    # Search and the quote and photo lists test each match's article by id:
    # an index-only scan instead of a read of the article's row (2x faster
    # for a typical search word). SQLite reads both beside the rowid.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'article_public_by_id'"
            )
            (definition,) = cursor.fetchone()
            assert "(id) INCLUDE (status, published_at)" in definition
        else:
            assert "article_public_by_id" not in connection.introspection.get_constraints(
                cursor, Article._meta.db_table
            )


def sqlite_plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return " ".join(row[-1] for row in cursor.fetchall())


def test_a_dated_list_of_several_places_reads_few_links():
    if connection.vendor == "sqlite":
        # Kalbajar and the two places within it: by (place, article), three
        # seeks an article; by the article, one. Half the time for a month.
        several = sqlite_plan(Article.objects.filed_under([3, 14, 15], within_dates=True))
        assert "(article_id=?)" in several and "district_id=?)" not in several
        # One place is part of the one seek.
        assert "district_id=?" in sqlite_plan(Article.objects.filed_under([3], within_dates=True))
    else:
        # The month's links from an index on (place, date), not every link of
        # the places (see articles.totals.dated_count).
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'link_place_date'")
            (definition,) = cursor.fetchone()
        assert "(district_id, published_at) INCLUDE (article_id)" in definition
