"""Revision history (django-reversion): what an article's revision holds.

An article's revision holds the article with its quotes, photos and their
captions, so restoring one brings all of them back together. The admin's
forms record revisions themselves; other writers add to one through
reversion's API (``record`` below, ``articles.writing``).
"""

from __future__ import annotations

from collections.abc import Iterable

import reversion
from django.db import models

from .models import Article, Caption, Photo, Quote

# The version counter is concurrency bookkeeping, not content: restoring an
# old revision still counts as a new save (see concurrency.restored).
reversion.register(Article, follow=["quotes", "photos"], exclude=["version"])
reversion.register(Photo, follow=["captions"], exclude=["version"])
reversion.register(Quote, exclude=["version"])
reversion.register(Caption)


def record(objects: Iterable[models.Model], comment: str, user=None) -> None:
    """Record one revision of each object, for paths that bypass the admin form.

    Call inside an open transaction; it adds to the revision being built if
    there is one.
    """
    objects = list(objects)
    if not objects:
        return
    if reversion.is_active():
        # Inside the admin's own revision (its views open one): describe it.
        reversion.set_comment(comment)
        if user is not None:
            reversion.set_user(user)
        for obj in objects:
            reversion.add_to_revision(obj)
        return
    for obj in objects:
        with reversion.create_revision(atomic=False):
            reversion.set_comment(comment)
            if user is not None:
                reversion.set_user(user)
            reversion.add_to_revision(obj)
