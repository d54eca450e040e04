"""Revision history (django-reversion): what is kept, and how bulk paths record it.

An article's revision holds the article with its quotes, photos and their
captions, so restoring one brings all of them back together.
"""

from __future__ import annotations

from collections.abc import Iterable

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import models
from django.utils import timezone
from reversion.models import Revision, Version

from .models import Article, Caption, Photo, Quote

# The version counter is concurrency bookkeeping, not content: restoring an
# old revision still counts as a new save (see concurrency.restored).
EXCLUDED = {Article: ["version"], Photo: ["version"], Quote: ["version"], Caption: []}
reversion.register(Article, follow=["quotes", "photos"], exclude=EXCLUDED[Article])
reversion.register(Photo, follow=["captions"], exclude=EXCLUDED[Photo])
reversion.register(Quote, exclude=EXCLUDED[Quote])
reversion.register(Caption, exclude=EXCLUDED[Caption])


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


def with_parts(article: Article) -> list[models.Model]:
    """The article and what its revision follows: quotes, photos and their captions.

    Expects quotes and photos__captions prefetched.
    """
    parts: list[models.Model] = [article, *article.quotes.all()]
    for photo in article.photos.all():
        parts += [photo, *photo.captions.all()]
    return parts


def record_many(groups: list[tuple[str, list[models.Model]]]) -> None:
    """Write one revision per (comment, objects) group in a few bulk statements.

    The importer's path: the same rows as reversion's own create_revision
    (reversion reads and restores them alike), without a round trip per
    object. The objects must be saved, and their relations prefetched.
    """
    if not groups:
        return
    now = timezone.now()
    revisions = Revision.objects.bulk_create(
        Revision(date_created=now, comment=comment) for comment, _ in groups
    )
    types = ContentType.objects.get_for_models(*EXCLUDED)
    versions = []
    for revision, (_, objects) in zip(revisions, groups, strict=True):
        for obj in objects:
            model = type(obj)
            fields = [
                f.name
                for f in [*model._meta.local_fields, *model._meta.local_many_to_many]
                if f.name not in EXCLUDED[model] and not f.primary_key
            ]
            versions.append(
                Version(
                    revision=revision,
                    object_id=str(obj.pk),
                    content_type=types[model],
                    db="default",
                    format="json",
                    serialized_data=serializers.serialize("json", [obj], fields=fields),
                    object_repr=str(obj)[:191],
                )
            )
    Version.objects.bulk_create(versions, batch_size=500)
