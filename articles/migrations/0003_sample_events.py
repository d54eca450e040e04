"""Sample timeline events.

Each fact comes from the gazetteer's notes or from the sample capture
(the ceasefire "brokered by Russia on November 9"); nothing is invented.
"""

import datetime

from django.db import migrations

EVENTS = [
    (
        "Nagorno-Karabakh",
        datetime.date(2020, 11, 9),
        "Ceasefire statement signed",
        "The 9–10 November 2020 ceasefire statement, brokered by Russia, ends six weeks of "
        "fighting.",
    ),
    (
        "Kalbajar",
        datetime.date(2020, 11, 15),
        "Handover first set for this date",
        "The handover of Kalbajar was first set for 15 November 2020, then postponed.",
    ),
    (
        "Aghdam",
        datetime.date(2020, 11, 20),
        "Aghdam handed over",
        "Handed over under the 9–10 November 2020 ceasefire statement.",
    ),
    (
        "Kalbajar",
        datetime.date(2020, 11, 25),
        "Azerbaijani forces enter Kalbajar",
        "Azerbaijani forces entered the district on 25 November 2020.",
    ),
    ("Lachin", datetime.date(2020, 12, 1), "Lachin handed over", "Handed over on 1 December 2020."),
]


def add_events(apps, schema_editor):
    District = apps.get_model("articles", "District")
    Event = apps.get_model("articles", "Event")
    for district_name, date, title, description in EVENTS:
        district = District.objects.filter(name=district_name).first()
        if district is not None:
            Event.objects.get_or_create(
                district=district, date=date, title=title, defaults={"description": description}
            )


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_gazetteer")]

    operations = [migrations.RunPython(add_events, migrations.RunPython.noop)]
