"""PostgreSQL: each link of an article to a place carries the article's date.

A place's articles within dates, the commonest filtered list, were counted
by hashing every link of the place (23,500 for Kalbajar and the places
within it at 100,000 articles) to test the month's 1,351 articles: 2.7 ms.
With the date on the links and an index on (place, date), PostgreSQL reads
the 349 links of the month instead: 0.6 ms (``totals.dated_count``).

The copy is kept by the database itself, whatever writes: a link takes its
article's date when it is made, and an article's new date goes to all its
links. Django reads it through the unmanaged model ``Filing`` and never
writes it.

The triggers depend on the columns they watch and name the link table in
their text: a later migration that changes the type of
``articles_article_districts.article_id`` or of ``articles_article.published_at``,
or renames the link table (an explicit ``through`` model), must drop them
first and make them again after (``DROP`` and ``CREATE`` here).

This migration makes the copy on PostgreSQL; 0015 makes it on SQLite.
"""

import django.db.models.deletion
from django.db import migrations, models

LINKS = "articles_article_districts"

# Written to run again over what a restore leaves behind: pg_restore --clean
# drops only what its dump holds, so a dump made before this migration
# leaves the functions in place for it to meet.
CREATE = [
    f"ALTER TABLE {LINKS} ADD COLUMN IF NOT EXISTS published_at timestamp with time zone NULL",
    f"""UPDATE {LINKS} AS link SET published_at = article.published_at
        FROM articles_article AS article WHERE article.id = link.article_id""",
    f"""CREATE INDEX IF NOT EXISTS link_place_date
        ON {LINKS} (district_id, published_at) INCLUDE (article_id)""",
    # FOR SHARE waits for a change of the article's date being written at the
    # same moment, so that change's own trigger sees this link.
    """CREATE OR REPLACE FUNCTION articles_link_takes_date() RETURNS trigger AS $$
        BEGIN
            NEW.published_at := (
                SELECT published_at FROM articles_article WHERE id = NEW.article_id FOR SHARE
            );
            RETURN NEW;
        END $$ LANGUAGE plpgsql""",
    f"DROP TRIGGER IF EXISTS link_takes_date ON {LINKS}",
    f"""CREATE TRIGGER link_takes_date BEFORE INSERT OR UPDATE OF article_id ON {LINKS}
        FOR EACH ROW EXECUTE FUNCTION articles_link_takes_date()""",
    f"""CREATE OR REPLACE FUNCTION articles_article_date_to_links() RETURNS trigger AS $$
        BEGIN
            UPDATE {LINKS} SET published_at = NEW.published_at WHERE article_id = NEW.id;
            RETURN NULL;
        END $$ LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS article_date_to_links ON articles_article",
    """CREATE TRIGGER article_date_to_links AFTER UPDATE OF published_at ON articles_article
        FOR EACH ROW WHEN (OLD.published_at IS DISTINCT FROM NEW.published_at)
        EXECUTE FUNCTION articles_article_date_to_links()""",
    f"ANALYZE {LINKS}",
]

DROP = [
    "DROP TRIGGER IF EXISTS article_date_to_links ON articles_article",
    "DROP FUNCTION IF EXISTS articles_article_date_to_links()",
    f"DROP TRIGGER IF EXISTS link_takes_date ON {LINKS}",
    "DROP FUNCTION IF EXISTS articles_link_takes_date()",
    f"ALTER TABLE {LINKS} DROP COLUMN IF EXISTS published_at",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0013_public_by_id_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="Filing",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("published_at", models.DateTimeField(null=True)),
                (
                    "article",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="articles.article",
                    ),
                ),
                (
                    "district",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="articles.district",
                    ),
                ),
            ],
            options={
                "db_table": "articles_article_districts",
                "managed": False,
            },
        ),
        migrations.RunPython(create, drop, elidable=False),
    ]
