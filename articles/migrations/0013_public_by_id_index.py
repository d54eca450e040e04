"""PostgreSQL: whether an article is public, answered from an index alone.

Search and the lists of quotes and photos test each match's article by id
("published, not after now"). With only the primary key, PostgreSQL read
each article's row from the table for its status and date: 1.7 ms for the
300 matches of a typical search word at 100,000 articles. With the status
and date carried in an index on the id, the test is an index-only scan:
0.75 ms, and the same again for the page of results.

SQLite reads the status and date beside the rowid it looks up, so gains
nothing from such an index; it is created on PostgreSQL only.
"""

from django.db import migrations

INDEX = "article_public_by_id"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {INDEX} ON articles_article (id) INCLUDE (status, published_at)"
        )
        schema_editor.execute("ANALYZE articles_article")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_language_index"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
