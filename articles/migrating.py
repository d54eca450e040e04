"""What every `migrate` run does around the migrations themselves.

On SQLite the links' copies of their articles' dates (migration 0015) are
kept by triggers that name both the article and the link table, and SQLite
refuses to remake a table that a trigger names. Django remakes a table for
most schema changes there (an AlterField, an AddField it cannot add in
place), so any later migration of articles would fail with "error in
trigger link_takes_date: no such table". Instead, migration 0015 makes no
triggers: they are dropped before a run that migrates anything and made
after it, with every link's date copied again in case a remade link table
lost the column or rows changed while the triggers were away. PostgreSQL
alters tables in place and needs none of this.
"""

import importlib

from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

LINK_DATES = ("articles", "0015_link_dates_sqlite")


def _link_dates():
    return importlib.import_module(f"articles.migrations.{LINK_DATES[1]}")


def before(sender, using, plan=None, **kwargs) -> None:
    connection = connections[using]
    if connection.vendor == "sqlite" and plan:
        with connection.schema_editor() as editor:
            _link_dates().drop_triggers(None, editor)


def after(sender, using, plan=None, **kwargs) -> None:
    connection = connections[using]
    if connection.vendor != "sqlite" or not plan:
        return
    if LINK_DATES in MigrationRecorder(connection).applied_migrations():
        with connection.schema_editor() as editor:
            _link_dates().create(None, editor)
