"""Generated articles are told apart by their source, synthetic.example, not a column.

The flag served only the benchmark; ``articles.synthetic.synthetic_articles()``
finds the same articles.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0016_remove_link_dates"),
    ]

    operations = [
        migrations.RemoveField(model_name="article", name="is_synthetic"),
    ]
