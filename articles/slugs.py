"""Slugs for records whose names come from captures: people and sources.

A record gets its slug when it is first stored, by ``save()`` or by
``bulk_create()`` (the importer's way), so no writer has to remember it. The
slug is made from a field the model names in ``slug_from``, and kept after
that: renaming a person does not move their page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db import models
from django.utils.text import slugify

from .freshness import ContentQuerySet
from .places import fold

# Room for a "-123" suffix within the slug fields' 200 characters.
BASE_LENGTH = 190


def slug_base(text: str, fallback: str) -> str:
    """ASCII words of ``text`` joined by hyphens: "Elçin Əmirbəyov" gives
    "elcin-emirbeyov", "france24.com" gives "france24-com".

    Letters with no ASCII form (Cyrillic, Armenian) leave nothing, and then
    ``fallback`` stands in (numbered by ``fill_slugs``).
    """
    # fold() spells ə as e and drops accents, as place names are matched.
    words = [fold(word) for word in re.split(r"[\W_]+", text) if word]
    return slugify(" ".join(words))[:BASE_LENGTH].strip("-") or fallback


def fill_slugs(records: Iterable[models.Model]) -> None:
    """Give each record without a slug one, unique among the records and in its table.

    Records of one model; a taken slug gets the first free number ("-2", "-3").
    """
    records = list(records)
    missing = [r for r in records if not r.slug]
    if not missing:
        return
    model = type(missing[0])
    fallback = model._meta.model_name
    bases = [slug_base(getattr(r, r.slug_from), fallback) for r in missing]
    stored = model._default_manager.exclude(pk__in=[r.pk for r in missing if r.pk])
    taken = set(stored.filter(slug__in=set(bases)).values_list("slug", flat=True))
    taken |= {r.slug for r in records if r.slug}
    numbered: dict[str, set[str]] = {}
    for record, base in zip(missing, bases, strict=True):
        slug = base
        if slug in taken:
            # Read once per base: the numbers already used, in the table.
            if base not in numbered:
                numbered[base] = set(
                    stored.filter(slug__startswith=f"{base}-").values_list("slug", flat=True)
                )
            number = 2
            while f"{base}-{number}" in taken or f"{base}-{number}" in numbered[base]:
                number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        record.slug = slug


class SluggedQuerySet(ContentQuerySet):
    """Bulk-created records get their slugs as saved ones do."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        fill_slugs(objs)
        return super().bulk_create(objs, *args, **kwargs)


class SlugFromMixin:
    """Fills an empty ``slug`` from the field named by ``slug_from`` on save."""

    slug_from = "name"

    def save(self, *args, **kwargs):
        if not self.slug:
            fill_slugs([self])
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "slug"}
        super().save(*args, **kwargs)
