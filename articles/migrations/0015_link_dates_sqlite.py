"""SQLite: each link of an article to a place carries the article's date too.

Migration 0014 did this for PostgreSQL only. SQLite counted a place's
articles within dates by walking the month's articles (1,351 for a month at
100,000 articles) and probing each one's links: 1.1 ms for Kalbajar and the
places within it, within a list page. From an index on (place, date) it
reads the month's 349 links once and tests the month's articles against
them: 0.3 ms (``totals.dated_count``).

As on PostgreSQL, triggers keep the copy: a new link, or a link moved to
another article, takes its article's date, and an article's new date goes
to all its links. SQLite serialises writers, so a link and a change of its
article's date cannot cross. (A link written before its article exists,
which nothing here does, would keep no date and go uncounted.)

SQLite has no ALTER TABLE for most changes: Django's schema editor remakes
the table (a new table, the rows copied, the old one dropped and the new one
renamed). The triggers name both tables, so SQLite refuses to remake either
while they exist ("error in trigger link_takes_date: no such table"). A
later migration that remakes ``articles_article`` or the link table (an
AlterField, or an AddField Django cannot add in place) goes between these,
which are no-ops on PostgreSQL::

    link_dates = importlib.import_module("articles.migrations.0015_link_dates_sqlite")

    migrations.RunPython(link_dates.drop_triggers, link_dates.create),
    ...  # the operations that remake the table
    migrations.RunPython(link_dates.create, link_dates.drop_triggers),

``create`` adds the column again if a remade link table lost it, and copies
every date again. ``tests/test_link_dates.py`` fails while the triggers are
missing.
"""

from django.db import migrations

LINKS = "articles_article_districts"

_TAKE_DATE = f"""
    UPDATE {LINKS} SET published_at = (
        SELECT published_at FROM articles_article WHERE id = NEW.article_id
    ) WHERE id = NEW.id;"""

TRIGGERS = ["link_takes_date", "link_takes_new_article", "article_date_to_links"]

CREATE = [
    f"""UPDATE {LINKS} SET published_at = (
        SELECT published_at FROM articles_article WHERE id = {LINKS}.article_id
    )""",
    # The article's id in the index: counting reads no row of the link table.
    f"CREATE INDEX IF NOT EXISTS link_place_date ON {LINKS} (district_id, published_at, article_id)",
    "DROP TRIGGER IF EXISTS link_takes_date",
    f"CREATE TRIGGER link_takes_date AFTER INSERT ON {LINKS} BEGIN {_TAKE_DATE} END",
    "DROP TRIGGER IF EXISTS link_takes_new_article",
    f"""CREATE TRIGGER link_takes_new_article AFTER UPDATE OF article_id ON {LINKS}
        BEGIN {_TAKE_DATE} END""",
    "DROP TRIGGER IF EXISTS article_date_to_links",
    f"""CREATE TRIGGER article_date_to_links AFTER UPDATE OF published_at ON articles_article
        WHEN OLD.published_at IS NOT NEW.published_at
        BEGIN
            UPDATE {LINKS} SET published_at = NEW.published_at WHERE article_id = NEW.id;
        END""",
    f"ANALYZE {LINKS}",
]

DROP_TRIGGERS = [f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS]

DROP = [
    *DROP_TRIGGERS,
    "DROP INDEX IF EXISTS link_place_date",
    f"ALTER TABLE {LINKS} DROP COLUMN published_at",
]


def _has_column(connection) -> bool:
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, LINKS)
    return "published_at" in [column.name for column in columns]


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    # SQLite's ADD COLUMN has no IF NOT EXISTS.
    if not _has_column(connection):
        schema_editor.execute(f"ALTER TABLE {LINKS} ADD COLUMN published_at datetime NULL")
    for statement in CREATE:
        schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    """Before a migration that remakes the article or link table (see above)."""
    if schema_editor.connection.vendor == "sqlite":
        for statement in DROP_TRIGGERS:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite" or not _has_column(connection):
        return
    for statement in DROP:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_link_dates"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
