"""Each quote keeps how its article described the speaker, so readers see a person
described as each piece of coverage did, and only by public coverage."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_from_people(apps, schema_editor):
    Quote = apps.get_model("articles", "Quote")
    Person = apps.get_model("articles", "Person")
    described = Person.objects.filter(pk=OuterRef("speaker_id")).values("description")[:1]
    Quote.objects.filter(speaker__isnull=False).update(speaker_description=Subquery(described))


class Migration(migrations.Migration):
    dependencies = [("articles", "0021_captured_comment_authors")]

    operations = [
        migrations.AddField(
            model_name="quote",
            name="speaker_description",
            field=models.CharField(
                blank=True,
                help_text="The speaker's role or age as this article gives it, e.g. “53-year-old mason”.",
                max_length=200,
                verbose_name="speaker's description",
            ),
        ),
        migrations.RunPython(copy_from_people, migrations.RunPython.noop),
    ]
