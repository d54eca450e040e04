"""Optimistic concurrency: a save based on an outdated copy is refused, never silently applied."""

import contextvars
from collections.abc import Iterable
from contextlib import contextmanager

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Versioned(models.Model):
    """A record whose every save counts one more version."""

    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        help_text=_("Counts saves, so that an edit based on an outdated copy is refused."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            self.version = (self.version or 0) + 1
            fields = kwargs.get("update_fields")
            if fields is not None:
                kwargs["update_fields"] = {*fields, "version"}
        super().save(*args, **kwargs)


def part_changed(model: type[Versioned], pk) -> bool:
    """Count a change to one of a record's parts (an article's quote, photo or
    caption) as a new version of the record, so that a form or a revision
    opened before it is refused like one opened before a save of the record.

    Returns whether the record exists.
    """
    return bool(model._default_manager.filter(pk=pk).update(version=models.F("version") + 1))


def current_version(instance: models.Model) -> int | None:
    """The version the database holds now, locking the row where the database can."""
    return (
        type(instance)
        ._default_manager.select_for_update()
        .filter(pk=instance.pk)
        .values_list("version", flat=True)
        .first()
    )


def restored(instance: Versioned) -> None:
    """Prepare a raw save of an old revision (django-reversion's restore).

    Raw saves skip save(), and revisions do not keep the version counter or
    the update time: a restore still counts as a new save, made now.
    """
    instance.version = (current_version(instance) or 0) + 1
    for field in instance._meta.concrete_fields:
        if getattr(field, "auto_now", False) and getattr(instance, field.attname) is None:
            setattr(instance, field.attname, timezone.now())


# While a revision is restored: the version each record held just before, by
# (model label, primary key), or None for a record that did not exist.
_restoring: contextvars.ContextVar[dict[tuple[str, str], int | None] | None] = (
    contextvars.ContextVar("restoring", default=None)
)


@contextmanager
def restoring(versions_before: dict[tuple[str, str], int | None]):
    """While a revision is restored, the editor's form is checked against ``versions_before``.

    Restoring writes the revision's records before the form is read, so the
    versions the records held just before are what the form must match.
    """
    token = _restoring.set(versions_before)
    try:
        yield
    finally:
        _restoring.reset(token)


def is_restoring() -> bool:
    return _restoring.get() is not None


def version_before_restore(instance: models.Model) -> int | None:
    """The version ``instance`` held before the revision being restored was written."""
    return (_restoring.get() or {}).get((instance._meta.label, str(instance.pk)))


def versions_now(
    records: Iterable[tuple[type[models.Model], str]], using: str | None = None
) -> dict[tuple[str, str], int | None]:
    """The version each of these records holds now (None for one that does not exist),
    locking their rows where the database can."""
    by_model: dict[type[Versioned], list[str]] = {}
    for model, pk in records:
        if model is not None and issubclass(model, Versioned):
            by_model.setdefault(model, []).append(str(pk))
    versions: dict[tuple[str, str], int | None] = {}
    for model, pks in by_model.items():
        label = model._meta.label
        versions |= {(label, pk): None for pk in pks}
        found = (
            model._default_manager.db_manager(using)
            .select_for_update()
            .filter(pk__in=pks)
            .values_list("pk", "version")
        )
        versions |= {(label, str(pk)): version for pk, version in found}
    return versions
