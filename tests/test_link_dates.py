"""Each link of an article to a place carries the article's date (migrations 0014, 0015).

The database keeps the copy, whatever writes, so that a place's articles
within dates are counted from one index on the links (totals.dated_count).
"""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.models.signals import pre_migrate
from django.test.utils import CaptureQueriesContext
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
    # A migration that remakes a table on SQLite must drop the triggers
    # first (see migration 0015): this fails until it makes them again.
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            expected = {"link_takes_date", "link_takes_new_article", "article_date_to_links"}
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
            expected = {"link_takes_date", "article_date_to_links"}
        triggers = {name for (name,) in cursor.fetchall()}
    assert expected <= triggers


def test_a_month_of_places_is_counted_from_the_links_index(make_article, kalbajar):
    make_article(districts=[kalbajar], published_at=at("2020-11-25"))
    make_article(districts=[kalbajar], published_at=at("2020-12-25"))
    ids = place_ids(["Kalbajar"])
    with CaptureQueriesContext(connection) as queries:
        assert totals.dated_count(ids, at("2020-11-01"), at("2020-12-01")) == 1
    (sql,) = [query["sql"] for query in queries.captured_queries]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            plan = " ".join(row[-1] for row in cursor.fetchall())
            expected = "INDEX link_place_date (district_id=? AND published_at>? AND published_at<?)"
            # The articles from an index, not their rows: tested by id against the links.
            assert "COVERING INDEX article_status_published" in plan
        else:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'link_place_date'")
            (plan,) = cursor.fetchone()
            expected = "(district_id, published_at) INCLUDE (article_id)"
            # A handful of rows: the planner's choice is not the point here.
            assert 'U0."published_at" >=' in sql
    assert expected in plan


class Editor:
    """Runs a migration's statements as the schema editor would, inside the test's transaction."""

    def __init__(self):
        self.connection = connection
        self.statements = 0

    def execute(self, sql):
        self.statements += 1
        with connection.cursor() as cursor:
            cursor.execute(sql)


def test_the_migration_runs_again_over_what_it_made(db):
    # A restore (pg_restore --clean of a dump made before it) leaves its
    # functions behind; on SQLite a remade table needs it run again.
    migration = importlib.import_module(f"articles.migrations.{MIGRATION}")
    editor = Editor()
    migration.create(None, editor)
    migration.create(None, editor)
    assert editor.statements == 2 * len(migration.CREATE)
    test_the_triggers_that_keep_the_dates_are_in_place()


def test_links_that_lost_their_dates_get_them_back(make_article, kalbajar):
    # What a link table remade by a later migration looks like on SQLite:
    # no column, no triggers, until the migration's statements run again.
    migration = importlib.import_module(f"articles.migrations.{MIGRATION}")
    article = make_article(districts=[kalbajar], published_at=at("2020-11-25"))
    if connection.vendor == "postgresql":
        # Foreign keys checked at commit would block ALTER TABLE in this transaction.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    migration.drop(None, Editor())
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, Filing._meta.db_table)
    assert "published_at" not in [column.name for column in columns]
    migration.create(None, Editor())
    assert dates_of(article) == {at("2020-11-25")}
    test_the_triggers_that_keep_the_dates_are_in_place()


def link_triggers() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        return {name for (name,) in cursor.fetchall()} & {
            "link_takes_date",
            "link_takes_new_article",
            "article_date_to_links",
        }


# Outside a transaction, as migrate runs (the gazetteer is not there then).
@pytest.mark.django_db(transaction=True)
def test_migrate_lifts_the_triggers_for_a_run_and_puts_them_back_after_it(make_article):
    # On SQLite a later migration may remake the article or link table, which
    # SQLite refuses while a trigger names it (articles/migrating.py).
    sqlite = connection.vendor == "sqlite"
    kept = link_triggers()
    try:
        call_command("migrate", "articles", "0014", verbosity=0)
        assert link_triggers() == (set() if sqlite else kept)
        call_command("migrate", verbosity=0)
        assert link_triggers() == kept

        # A run that fails half-way: the triggers are lifted, never put back.
        articles = apps.get_app_config("articles")
        pre_migrate.send(sender=articles, using="default", plan=[("a migration", False)])
        if sqlite:
            assert link_triggers() == set()
            with connection.schema_editor() as editor:
                editor._remake_table(Article)  # what SQLite refuses with them in place
        place = District.objects.create(name="Synthetic place", slug="synthetic-place")
        article = make_article(districts=[place], published_at=at("2020-11-25"))

        # The next run that succeeds, with nothing to migrate, puts them back
        # and copies the dates written meanwhile.
        call_command("migrate", verbosity=0)
        assert link_triggers() == kept
        assert dates_of(article) == {at("2020-11-25")}
    finally:
        call_command("migrate", verbosity=0)
