"""PostgreSQL: statistics on the long tail of search words, so a rare word is planned as rare.

The planner estimates how many documents hold a word from a list of the
commonest words in its sample; any word not in that list is taken to be
half as frequent as the least common word in it. With the default sample
the list holds only a few hundred words, so in a million synthetic articles
a word found in one document of 7,000 was expected in ten times as many,
and PostgreSQL split its search across parallel workers whose start-up
costs more than the search itself. A sample ten times larger lists ten
times as many words. SQLite's FTS5 has no such planner: nothing changes there.
"""

from django.db import migrations

TARGET = 1000  # PostgreSQL's default is 100; the largest allowed is 10,000.


def statistics(target: int):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                "ALTER TABLE articles_searchdocument "
                f"ALTER COLUMN search_vector SET STATISTICS {target}"
            )
            # Taken at once, rather than at autovacuum's next visit.
            schema_editor.execute("ANALYZE articles_searchdocument")

    return apply


class Migration(migrations.Migration):
    dependencies = [("articles", "0023_capture_original_bytes")]

    operations = [migrations.RunPython(statistics(TARGET), statistics(-1), elidable=False)]
