"""What every `migrate` run does around the migrations themselves.

On SQLite the links' copies of their articles' dates (migration 0015) are
kept by triggers that name both the article and the link table, and SQLite
refuses to remake a table that a trigger names. Django remakes a table for
most schema changes there (an AlterField, an AddField it cannot add in
place), so any later migration of articles would fail with "error in
trigger link_takes_date: no such table". Instead, migration 0015 makes no
triggers: they are dropped before a run that migrates anything and made
after it, with every link's date copied again in case a remade link table
lost the column or rows changed while the triggers were away.

A run that fails half-way leaves them dropped, and lists of a place within
dates would then be counted short, and cut short, from stale copies. So
every run that succeeds, even one with nothing to migrate, makes them again
if any is missing. PostgreSQL alters tables in place and needs none of this.
"""

import importlib

from django.db import connections, router
from django.db.migrations.recorder import MigrationRecorder

LINK_DATES = ("articles", "0015_link_dates_sqlite")


def _link_dates():
    return importlib.import_module(f"articles.migrations.{LINK_DATES[1]}")


def _keeps_link_dates(connection) -> bool:
    """Whether this database holds the articles' tables, under SQLite."""
    return (
        connection.vendor == "sqlite"
        and router.allow_migrate(connection.alias, "articles")
        and _link_dates().LINKS in connection.introspection.table_names()
    )


def _missing_triggers(connection) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return set(_link_dates().TRIGGERS) - {name for (name,) in cursor.fetchall()}


def before(sender, using, plan=None, **kwargs) -> None:
    connection = connections[using]
    if plan and _keeps_link_dates(connection):
        with connection.schema_editor() as editor:
            _link_dates().drop_triggers(None, editor)


def after(sender, using, plan=None, **kwargs) -> None:
    # flush (and a test case's teardown) sends post_migrate without a plan.
    connection = connections[using]
    if plan is None or not _keeps_link_dates(connection):
        return
    if LINK_DATES not in MigrationRecorder(connection).applied_migrations():
        return
    if plan or _missing_triggers(connection):
        with connection.schema_editor() as editor:
            _link_dates().create(None, editor)
