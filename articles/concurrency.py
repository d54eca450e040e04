"""Optimistic concurrency: a save based on an outdated copy is refused, never silently applied."""

import contextvars
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


_restoring = contextvars.ContextVar("restoring", default=False)


@contextmanager
def restoring():
    """While a revision is restored, its older version numbers are expected, not a conflict."""
    token = _restoring.set(True)
    try:
        yield
    finally:
        _restoring.reset(token)


def is_restoring() -> bool:
    return _restoring.get()
