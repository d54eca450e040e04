"""People and sources get pages, found by a slug made from the name (people) or
the domain (sources), unique, numbered where two would be the same."""

from django.db import migrations, models

from articles.slugs import slug_base


def fill_slugs(apps, schema_editor):
    for model_name, made_from in (("Person", "name"), ("Source", "domain")):
        model = apps.get_model("articles", model_name)
        records = list(model.objects.order_by("pk").only("pk", made_from))
        taken = set()
        for record in records:
            base = slug_base(getattr(record, made_from), model_name.lower())
            slug, number = base, 2
            while slug in taken:
                slug, number = f"{base}-{number}", number + 1
            taken.add(slug)
            record.slug = slug
        model.objects.bulk_update(records, ["slug"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0019_web_capture_provenance"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="slug",
            field=models.SlugField(
                blank=True,
                db_index=False,
                help_text="The last part of the person's page address; made from the name if empty.",
                max_length=200,
                verbose_name="slug",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="slug",
            field=models.SlugField(
                blank=True,
                db_index=False,
                help_text="The last part of the source's page address; made from the domain if empty.",
                max_length=200,
                verbose_name="slug",
            ),
        ),
        migrations.RunPython(fill_slugs, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.UniqueConstraint(fields=("slug",), name="person_unique_slug"),
        ),
        migrations.AddConstraint(
            model_name="source",
            constraint=models.UniqueConstraint(fields=("slug",), name="source_unique_slug"),
        ),
    ]
