"""Links between articles and places no longer carry a copy of the article's date.

Migrations 0014 (PostgreSQL) and 0015 (SQLite) gave each link its article's
date, kept by triggers, to count a place's articles within dates from one
index. The copy needed every later migration and every `migrate` run to know
of the triggers; counts now come from the lists' own querysets instead. This
removes the triggers, their functions, the column and its index on both
databases, whichever of them an existing database has.
"""

from importlib import import_module

from django.db import migrations

LINKS = "articles_article_districts"

POSTGRES = [
    "DROP TRIGGER IF EXISTS article_date_to_links ON articles_article",
    "DROP FUNCTION IF EXISTS articles_article_date_to_links()",
    f"DROP TRIGGER IF EXISTS link_takes_date ON {LINKS}",
    "DROP FUNCTION IF EXISTS articles_link_takes_date()",
    "DROP INDEX IF EXISTS link_place_date",
    f"ALTER TABLE {LINKS} DROP COLUMN IF EXISTS published_at",
]

SQLITE = [
    "DROP TRIGGER IF EXISTS link_takes_date",
    "DROP TRIGGER IF EXISTS link_takes_new_article",
    "DROP TRIGGER IF EXISTS article_date_to_links",
    "DROP INDEX IF EXISTS link_place_date",
]


def remove_link_dates(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        for statement in POSTGRES:
            schema_editor.execute(statement)
    elif connection.vendor == "sqlite":
        for statement in SQLITE:
            schema_editor.execute(statement)
        with connection.cursor() as cursor:
            columns = connection.introspection.get_table_description(cursor, LINKS)
        # SQLite's DROP COLUMN has no IF EXISTS.
        if "published_at" in [column.name for column in columns]:
            schema_editor.execute(f"ALTER TABLE {LINKS} DROP COLUMN published_at")


def restore_link_dates(apps, schema_editor):
    """Back to 0015: the copies as 0014 (PostgreSQL) and 0015 (SQLite) made them."""
    for name in ("0014_link_dates", "0015_link_dates_sqlite"):
        import_module(f"articles.migrations.{name}").create(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0015_link_dates_sqlite"),
    ]

    operations = [
        migrations.RunPython(remove_link_dates, restore_link_dates, elidable=False),
        migrations.DeleteModel(name="Filing"),
    ]
