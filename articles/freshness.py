"""One content generation: no cached page or number outlives the change that retires it.

Every cached page and every cached number is kept under the current
*generation*, a random token in the shared cache. Any committed change to any
model moves it on (one receiver below, connected for every model, so a model
added later is covered without being listed anywhere), and so does
the bulk writes of ``ContentQuerySet`` (``update()`` and ``bulk_create()``
send no signals); other raw writes, such as a restore, call
``content_changed()``. Every app server reads the same token, so a
change made through one, or by a ``manage.py`` command, retires the pages of
all. Nothing is kept past the next scheduled publication, so a scheduled
article still appears by itself at its time.

A second token, the *withdrawal* token, moves only with changes that may take
something away from readers: an edit (it may remove a sentence or unpublish),
a delete, a removed link, any bulk update or raw write. New records and new
links only add, so they leave it alone; a page rendered under the current
withdrawal token holds nothing withdrawn since, and the page cache may show
it a little longer (``articles.pagecache``).
"""

from __future__ import annotations

import datetime
import time
import uuid
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils import timezone

KEY = "content-generation"
WITHDRAWAL_KEY = "content-withdrawal"
# Kept with its generation, a value may live long: any change makes it stale.
DERIVED_SECONDS = 24 * 60 * 60


def generation() -> str:
    """The current content generation, the same on every app server.

    A generation ends by itself when the next scheduled article becomes public,
    so what is kept or validated under it (a page, a number, an ETag) never
    outlives that publication either.
    """
    current = cache.get(KEY)
    if current is not None:
        _, _, until = current.partition("@")
        if not until or time.time() < float(until):
            return current
    # A lost token (cache restarted or culled) is replaced by a new one: a
    # fresh start, never a token that old pages were stored under.
    return _new_generation()


def _new_generation() -> str:
    # New tokens rather than counters: two processes changing content at once
    # can never both land on a value that a page was stored under.
    token = uuid.uuid4().hex
    upcoming = next_publication(timezone.now())
    if upcoming is not None:
        token = f"{token}@{upcoming.timestamp():.3f}"
    cache.set(KEY, token, timeout=None)
    return token


def withdrawal() -> str:
    """The current withdrawal token: moves on with every change that may hide something."""
    return cache.get_or_set(WITHDRAWAL_KEY, lambda: uuid.uuid4().hex, timeout=None)


def content_changed(using: str | None = None, *, only_added: bool = False) -> None:
    """Retire every cached page and number once the current transaction commits.

    ``only_added``: the change only added records or links, so nothing readers
    saw was taken away.
    """
    transaction.on_commit(_added if only_added else _move_on, using=using)


def _move_on() -> None:
    # The withdrawal token first, so that whoever sees the new generation sees it.
    cache.set(WITHDRAWAL_KEY, uuid.uuid4().hex, timeout=None)
    _new_generation()


def _added() -> None:
    _new_generation()


class ContentQuerySet(models.QuerySet):
    """A QuerySet whose bulk writes retire cached pages as saves do.

    ``update()`` and ``bulk_create()`` send no signals; the archive's
    querysets derive from this one, so ``Article.objects.filter(...).update(
    status="draft")`` is seen by readers at once like any save.
    """

    def update(self, **kwargs) -> int:
        rows = super().update(**kwargs)
        content_changed(self.db)
        return rows

    def bulk_create(
        self,
        objs,
        batch_size=None,
        ignore_conflicts=False,
        update_conflicts=False,
        update_fields=None,
        unique_fields=None,
    ):
        created = super().bulk_create(
            objs,
            batch_size=batch_size,
            ignore_conflicts=ignore_conflicts,
            update_conflicts=update_conflicts,
            update_fields=update_fields,
            unique_fields=unique_fields,
        )
        # An upsert may rewrite existing rows; plain inserts only add.
        content_changed(self.db, only_added=not update_conflicts)
        return created


def next_publication(after: datetime.datetime) -> datetime.datetime | None:
    """When the first article scheduled after ``after`` becomes public, if any."""
    from articles.models import Article

    return (
        Article.objects.scheduled(after)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )


def seconds_fresh(limit: int, since: datetime.datetime) -> int:
    """How long from now something computed since ``since`` may be kept: ``limit``
    seconds, but not past the first publication scheduled after ``since``."""
    now = timezone.now()
    upcoming = next_publication(since)
    if upcoming is not None:
        limit = min(limit, int((upcoming - now).total_seconds()))
    return max(limit, 0)


def remember(name: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, kept in the shared cache while content is unchanged.

    For what every reader sees the same and costs a query over the whole
    archive, such as each place's article count. One entry per name, replaced
    when content has changed, so the cache does not fill with dead values.
    """
    key = f"derived:{name}"
    current = generation()
    kept = cache.get(key)
    if kept is not None and kept[0] == current:
        return kept[1]
    began = timezone.now()
    value = compute()
    seconds = seconds_fresh(DERIVED_SECONDS, began)
    if seconds > 0:
        cache.set(key, (current, value), seconds)
    return value


def _any_model_changed(sender, created: bool = False, raw: bool = False, **kwargs) -> None:
    # Raw saves too: restoring a revision saves that way, and may take away.
    content_changed(kwargs.get("using"), only_added=created and not raw)


def _links_changed(sender, action: str, **kwargs) -> None:
    if action.startswith("post_"):
        content_changed(kwargs.get("using"), only_added=action == "post_add")


def watch_every_model() -> None:
    """Connect the receivers for every installed model outside CONTENT_IGNORED_APPS.

    Called once the app registry is ready (ArticlesConfig.ready), so a model of
    any app, added at any time, is covered; models of the ignored apps keep
    Django's fast deletes.
    """
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in settings.CONTENT_IGNORED_APPS:
            continue
        uid = f"articles.freshness.{model._meta.label}"
        post_save.connect(_any_model_changed, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(_any_model_changed, sender=model, dispatch_uid=f"{uid}.delete")
        if model._meta.auto_created:  # the link table of a many-to-many field
            m2m_changed.connect(_links_changed, sender=model, dispatch_uid=f"{uid}.links")
    # Data migrations write through historical models, which send no signal here.
    post_migrate.connect(_migrated, dispatch_uid="articles.freshness.migrate")


def _migrated(**kwargs) -> None:
    content_changed(kwargs.get("using"))
