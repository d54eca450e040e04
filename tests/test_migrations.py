"""Upgrading an existing archive: what earlier releases left in the database goes cleanly."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles.models import Article, District

LINKS = "articles_article_districts"


def triggers() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        return {name for (name,) in cursor.fetchall()}


def link_columns() -> list[str]:
    with connection.cursor() as cursor:
        return [c.name for c in connection.introspection.get_table_description(cursor, LINKS)]


def migrate(target) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(target or executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_upgrading_removes_the_link_date_copies_and_their_triggers(make_article):
    migrate([("articles", "0015_link_dates_sqlite")])  # puts them back, as before
    assert "published_at" in link_columns() and "link_takes_date" in triggers()

    migrate(None)

    assert "published_at" not in link_columns()
    assert not {"link_takes_date", "link_takes_new_article", "article_date_to_links"} & triggers()
    # An earlier transactional test may have emptied the gazetteer: a place of its own.
    place = District.objects.create(name="Synthetic upgrade place", slug="synthetic-upgrade-place")
    article = make_article(districts=[place])
    article.published_at = article.published_at.replace(year=2021)
    article.save()
    assert list(Article.objects.published().filed_under([place.pk])) == [article]
