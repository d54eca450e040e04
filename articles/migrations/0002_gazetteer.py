"""Load the gazetteer shipped in articles/data/gazetteer.csv.

Re-running is safe: places and aliases are matched by name, so an
installation that already has them (or edited them) is left as it is.
"""

import csv
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

GAZETTEER = Path(__file__).resolve().parent.parent / "data" / "gazetteer.csv"


def load_gazetteer(apps, schema_editor):
    District = apps.get_model("articles", "District")
    DistrictAlias = apps.get_model("articles", "DistrictAlias")
    with open(GAZETTEER, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    by_name = {}
    for row in rows:
        district, _ = District.objects.get_or_create(
            name=row["name"],
            defaults={
                "slug": slugify(row["name"]),
                "kind": row["kind"],
                "description": row["note"],
            },
        )
        by_name[row["name"]] = district
        for alias in filter(None, row["aliases"].split(";")):
            DistrictAlias.objects.get_or_create(district=district, name=alias.strip())
    # Parents are set in a second pass: a place may be listed before its district.
    for row in rows:
        if row["parent"]:
            District.objects.filter(pk=by_name[row["name"]].pk, parent__isnull=True).update(
                parent=by_name[row["parent"]]
            )


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(load_gazetteer, migrations.RunPython.noop)]
