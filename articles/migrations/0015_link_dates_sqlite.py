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
the table, and SQLite refuses to remake a table that a trigger names ("error
in trigger link_takes_date: no such table"). So the triggers are not made
here but after every `migrate` run that migrates anything, and dropped
before it, with every date copied again then (``articles/migrating.py``):
later migrations may remake either table without knowing of them. Should a
run fail half-way, they are missing until the next run succeeds, even one
with nothing to migrate. ``tests/test_link_dates.py`` covers both.
"""

from django.db import migrations

LINKS = "articles_article_districts"

_TAKE_DATE = f"""
    UPDATE {LINKS} SET published_at = (
        SELECT published_at FROM articles_article WHERE id = NEW.article_id
    ) WHERE id = NEW.id;"""

TRIGGERS = ["link_takes_date", "link_takes_new_article", "article_date_to_links"]

# The copies and their index: what the migration itself makes.
DATES = [
    f"""UPDATE {LINKS} SET published_at = (
        SELECT published_at FROM articles_article WHERE id = {LINKS}.article_id
    )""",
    # The article's id in the index: counting reads no row of the link table.
    f"CREATE INDEX IF NOT EXISTS link_place_date ON {LINKS} (district_id, published_at, article_id)",
    f"ANALYZE {LINKS}",
]

# What keeps them: made after every migrate run (see above).
KEEP = [
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
]

CREATE = DATES + KEEP

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


def add_dates(apps, schema_editor):
    """The migration's own step: the column, every link's date, the index."""
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    # SQLite's ADD COLUMN has no IF NOT EXISTS.
    if not _has_column(connection):
        schema_editor.execute(f"ALTER TABLE {LINKS} ADD COLUMN published_at datetime NULL")
    for statement in DATES:
        schema_editor.execute(statement)


def create(apps, schema_editor):
    """Everything, triggers included: after every migrate run, and again at will."""
    add_dates(apps, schema_editor)
    if schema_editor.connection.vendor == "sqlite":
        for statement in KEEP:
            schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    """Before migrations that may remake the article or link table (see above)."""
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

    operations = [migrations.RunPython(add_dates, drop, elidable=False)]
