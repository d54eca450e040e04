import hashlib

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.freshness import ContentQuerySet


class Capture(models.Model):
    """A raw document exactly as it was captured; never changed once stored."""

    file_name = models.CharField(_("file name"), max_length=255)
    text = models.TextField(_("raw text"))
    sha256 = models.CharField(
        _("SHA-256"),
        max_length=64,
        editable=False,
        help_text=_("Checksum of the raw text (UTF-8)."),
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    media_type = models.CharField(
        _("media type"),
        max_length=40,
        default="text/plain",
        help_text=_("text/plain for a text capture, text/html for a web page."),
    )
    # Where a web capture came from, as its WARC record says (or the saved page).
    original_url = models.URLField(_("original URL"), max_length=2000, blank=True)
    captured_at = models.DateTimeField(_("captured at"), null=True, blank=True)
    record_id = models.CharField(_("WARC record ID"), max_length=200, blank=True)
    payload_digest = models.CharField(_("WARC payload digest"), max_length=200, blank=True)

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = _("capture")
        verbose_name_plural = _("captures")
        constraints = [
            # Re-importing the same bytes is detected by checksum.
            models.UniqueConstraint(fields=["sha256"], name="capture_unique_sha256"),
        ]

    def __str__(self) -> str:
        return self.file_name

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and Capture.objects.filter(pk=self.pk).exists():
            raise ValidationError(_("A capture is kept exactly as captured and cannot be changed."))
        self.sha256 = self.checksum(self.text)
        super().save(*args, **kwargs)

    @staticmethod
    def checksum(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def verify(self) -> bool:
        """Whether the stored text still matches its checksum."""
        return self.checksum(self.text) == self.sha256
