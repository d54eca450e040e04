"""The full-text index over SearchDocument, in the database's own engine.

SQLite: an FTS5 table kept in step with articles_searchdocument by triggers.
PostgreSQL: a GIN index on the weighted tsvector that articles.search queries.
"""

from django.db import migrations

SQLITE_CREATE = [
    """CREATE VIRTUAL TABLE articles_search_fts USING fts5(
        headline, text,
        content='articles_searchdocument', content_rowid='article_id',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER articles_search_ai AFTER INSERT ON articles_searchdocument BEGIN
        INSERT INTO articles_search_fts(rowid, headline, text)
        VALUES (new.article_id, new.headline, new.text);
    END""",
    """CREATE TRIGGER articles_search_ad AFTER DELETE ON articles_searchdocument BEGIN
        INSERT INTO articles_search_fts(articles_search_fts, rowid, headline, text)
        VALUES ('delete', old.article_id, old.headline, old.text);
    END""",
    """CREATE TRIGGER articles_search_au AFTER UPDATE ON articles_searchdocument BEGIN
        INSERT INTO articles_search_fts(articles_search_fts, rowid, headline, text)
        VALUES ('delete', old.article_id, old.headline, old.text);
        INSERT INTO articles_search_fts(rowid, headline, text)
        VALUES (new.article_id, new.headline, new.text);
    END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS articles_search_au",
    "DROP TRIGGER IF EXISTS articles_search_ad",
    "DROP TRIGGER IF EXISTS articles_search_ai",
    "DROP TABLE IF EXISTS articles_search_fts",
]
# Must stay identical to articles.search.POSTGRES_VECTOR for the index to be used.
POSTGRES_CREATE = [
    """CREATE INDEX articles_search_vector ON articles_searchdocument USING GIN ((
        setweight(to_tsvector('simple'::regconfig, headline), 'A')
        || setweight(to_tsvector('simple'::regconfig, text), 'B')
    ))"""
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS articles_search_vector"]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_search_document")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
