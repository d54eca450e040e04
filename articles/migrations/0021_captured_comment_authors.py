"""Comments captured with a page are signed with the name the page gave, without
the capture format's "usr: " label, which readers took for the name."""

from django.db import migrations
from django.db.models import F
from django.db.models.functions import Substr

LABEL = "usr: "


def drop_label(apps, schema_editor):
    Comment = apps.get_model("articles", "Comment")
    Comment.objects.filter(from_capture=True, author__startswith=LABEL).update(
        author=Substr(F("author"), len(LABEL) + 1)
    )


def restore_label(apps, schema_editor):
    Comment = apps.get_model("articles", "Comment")
    for comment in Comment.objects.filter(from_capture=True).exclude(author__startswith=LABEL):
        comment.author = f"{LABEL}{comment.author}"[:100]
        comment.save(update_fields=["author"])


class Migration(migrations.Migration):
    dependencies = [("articles", "0020_person_and_source_slugs")]

    operations = [migrations.RunPython(drop_label, restore_label)]
