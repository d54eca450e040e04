"""An index for the language filter, analysed at once (see 0011 for why)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_covering_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["status", "language", "-published_at", "-id"],
                name="article_language_published",
            ),
        ),
        migrations.RunSQL("ANALYZE articles_article", migrations.RunSQL.noop),
    ]
