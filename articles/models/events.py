from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.freshness import ContentQuerySet


class Event(models.Model):
    """A dated entry on a district's timeline."""

    district = models.ForeignKey(
        "District", verbose_name=_("district"), on_delete=models.CASCADE, related_name="events"
    )
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    articles = models.ManyToManyField(
        "Article", verbose_name=_("articles"), blank=True, related_name="events"
    )

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            # District timelines list a district's events by date.
            models.Index(fields=["district", "date"], name="event_district_date"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.title}"
