"""Revision history (django-reversion): what is kept, and how bulk paths record it.

An article's revision holds the article with its quotes, photos and their
captions, so restoring one brings all of them back together.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.utils import timezone
from django.utils.encoding import is_protected_type
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


def serialized(obj: models.Model, many: dict[str, list] | None = None) -> str:
    """One object as reversion stores it: Django's JSON serialization, written directly.

    Many-to-many values come from ``many`` (name → related pks) when given,
    else from prefetched relations; the importer knows them without asking
    the database.
    """
    model = type(obj)
    fields = {}
    for field in model._meta.local_fields:
        if field.primary_key or field.name in EXCLUDED[model]:
            continue
        value = field.value_from_object(obj)
        fields[field.name] = value if is_protected_type(value) else field.value_to_string(obj)
    for field in model._meta.local_many_to_many:
        if field.name in EXCLUDED[model]:
            continue
        if many is not None:
            fields[field.name] = sorted(many.get(field.name, []))
        else:
            fields[field.name] = [related.pk for related in getattr(obj, field.name).all()]
    data = [{"model": model._meta.label_lower, "pk": obj.pk, "fields": fields}]
    return json.dumps(data, cls=DjangoJSONEncoder)


def record_many(groups: list[tuple[str, list[tuple[models.Model, dict | None]]]]) -> None:
    """Write one revision per (comment, [(object, many-to-many values)]) group in bulk.

    The importer's path: the same rows as reversion's own create_revision
    (reversion reads and restores them alike), without a round trip or a
    serializer set-up per object.
    """
    if not groups:
        return
    now = timezone.now()
    revisions = Revision.objects.bulk_create(
        Revision(date_created=now, comment=comment) for comment, _ in groups
    )
    types = ContentType.objects.get_for_models(*EXCLUDED)
    rows = [
        (
            revision.pk,
            str(obj.pk),
            types[type(obj)].pk,
            "default",
            "json",
            serialized(obj, many),
            _repr(obj)[:191],
        )
        for revision, (_, objects) in zip(revisions, groups, strict=True)
        for obj, many in objects
    ]
    # Plain rows in one executemany: building and compiling a Version model
    # per row cost the importer a third of its write time.
    columns = ("revision_id", "object_id", "content_type_id", "db", "format")
    columns += ("serialized_data", "object_repr")
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(Version._meta.db_table),
        ", ".join(quote(column) for column in columns),
        ", ".join(["%s"] * len(columns)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _repr(obj: models.Model) -> str:
    # A photo's own __str__ looks up its captions; its credit names it well enough here.
    if isinstance(obj, Photo):
        return obj.credit or f"Photo {obj.pk}"
    return str(obj)
