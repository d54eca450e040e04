"""Each link of an article to a place carries the article's date (migrations 0014, 0015).

The database keeps the copy, whatever writes, so that a place's articles
within dates are counted from one index on the links (totals.dated_count).
"""

import datetime
import importlib

import pytest
from django.db import connection
from django.utils import timezone

from articles import totals
from articles.models import Article, District, Filing
from articles.places import place_ids

pytestmark = pytest.mark.django_db

MIGRATION = "0014_link_dates" if connection.vendor == "postgresql" else "0015_link_dates_sqlite"


def at(day: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(day + "T12:00"))


def dates_of(article) -> set:
    return set(Filing.objects.filter(article=article).values_list("published_at", flat=True))


def test_a_link_takes_its_articles_date_and_keeps_up_with_it(make_article, kalbajar):
    article = make_article(districts=[kalbajar], published_at=at("2020-11-25"))
    assert dates_of(article) == {at("2020-11-25")}
    article.published_at = at("2021-03-01")
    article.save()
    assert dates_of(article) == {at("2021-03-01")}
    # Written without Django's model: the database still follows.
    Article.objects.filter(pk=article.pk).update(published_at=at("2021-04-01"))
    article.districts.add(District.objects.get(name="Dadivank"))
    assert dates_of(article) == {at("2021-04-01")}


def test_a_link_moved_to_another_article_takes_that_articles_date(make_article, kalbajar):
    older = make_article(districts=[kalbajar], published_at=at("2019-01-01"))
    newer = make_article(published_at=at("2022-06-01"))
    Filing.objects.filter(article=older).update(article=newer)
    assert dates_of(newer) == {at("2022-06-01")}


def test_the_triggers_that_keep_the_dates_are_in_place():
    # A migration that remakes a table (SQLite) drops its triggers with it:
    # this fails until that migration makes them again.
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        triggers = {name for (name,) in cursor.fetchall()}
    assert {"link_takes_date", "article_date_to_links"} <= triggers


def test_a_month_of_places_is_counted_from_the_links_index(make_article, kalbajar):
    make_article(districts=[kalbajar], published_at=at("2020-11-25"))
    ids = place_ids(["Kalbajar"])
    start, end = at("2020-11-01"), at("2020-12-01")
    assert totals.dated_count(ids, start, end) == 1
    if connection.vendor == "sqlite":
        filings = Filing.objects.filter(district_id__in=ids, published_at__gte=start)
        sql, params = filings.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = " ".join(row[-1] for row in cursor.fetchall())
        assert "INDEX link_place_date" in plan


def test_the_migration_runs_again_over_what_it_made(db):
    # A restore (pg_restore --clean of a dump made before it) leaves its
    # functions behind; on SQLite a remade table needs it run again.
    migration = importlib.import_module(f"articles.migrations.{MIGRATION}")

    class Editor:
        statements = 0

        def __init__(self):
            self.connection = connection

        def execute(self, sql):
            self.statements += 1
            with connection.cursor() as cursor:
                cursor.execute(sql)

    editor = Editor()
    migration.create(None, editor)
    migration.create(None, editor)
    assert editor.statements == 2 * len(migration.CREATE)
    test_the_triggers_that_keep_the_dates_are_in_place()
