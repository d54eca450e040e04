"""PostgreSQL: keep each search document's tsvector in a stored generated column.

Ranking and matching read the stored vector instead of recomputing
to_tsvector for every candidate row: at 100,000 articles a search for a
common word went from seconds to milliseconds. SQLite is unchanged: FTS5
already stores its index.
"""

from django.db import migrations

VECTOR = (
    "setweight(to_tsvector('simple'::regconfig, headline), 'A')"
    " || setweight(to_tsvector('simple'::regconfig, text), 'B')"
)
FORWARD = [
    "DROP INDEX IF EXISTS articles_search_vector",
    f"ALTER TABLE articles_searchdocument ADD COLUMN search_vector tsvector "
    f"GENERATED ALWAYS AS ({VECTOR}) STORED",
    "CREATE INDEX articles_search_vector ON articles_searchdocument USING GIN (search_vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS articles_search_vector",
    "ALTER TABLE articles_searchdocument DROP COLUMN IF EXISTS search_vector",
    f"CREATE INDEX articles_search_vector ON articles_searchdocument USING GIN (({VECTOR}))",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_article_headline_index")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
