import hashlib
import mimetypes

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
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
        help_text=_(
            "Checksum of the original bytes where they are kept, else of the raw text (UTF-8)."
        ),
    )
    # A page in an older encoding is read as text, but the evidence is its bytes.
    original = models.BinaryField(
        _("original bytes"),
        null=True,
        blank=True,
        help_text=_(
            "The bytes as captured, kept where they are not the raw text in UTF-8 "
            "(a page in an older encoding such as windows-1251)."
        ),
    )
    charset = models.CharField(
        _("charset"),
        max_length=64,
        blank=True,
        help_text=_("The encoding the original bytes were read in."),
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
            # Original bytes are only readable, and verifiable, with their encoding.
            models.CheckConstraint(
                condition=Q(original__isnull=True) | ~Q(charset=""),
                name="capture_original_has_charset",
            ),
        ]

    def __str__(self) -> str:
        return self.file_name

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and Capture.objects.filter(pk=self.pk).exists():
            raise ValidationError(_("A capture is kept exactly as captured and cannot be changed."))
        self.sha256 = self.checksum(self.text, self.original)
        super().save(*args, **kwargs)

    @staticmethod
    def checksum(text: str, original: bytes | memoryview | None = None) -> str:
        """The SHA-256 of the bytes as captured: the original ones where kept, else the
        text's UTF-8; what ``sha256sum`` gives for the captured file or payload."""
        data = text.encode("utf-8") if original is None else original
        return hashlib.sha256(data).hexdigest()

    @property
    def original_content_type(self) -> str:
        """The Content-Type the original bytes are served with."""
        return f"{self.media_type}; charset={self.charset}"

    @property
    def original_file_name(self) -> str:
        """The name the original bytes are downloaded under: the file they were
        imported from, with the suffix of their media type (a WARC record's page
        is named after its WARC)."""
        suffix = mimetypes.guess_extension(self.media_type) or ""
        return self.file_name if self.file_name.endswith(suffix) else self.file_name + suffix

    def fixity_problem(self) -> str | None:
        """What no longer matches in this capture, or None: the bytes as captured
        against the SHA-256, and the text against the original bytes it was read from."""
        actual = self.checksum(self.text, self.original)
        if actual != self.sha256:
            what = "text does" if self.original is None else "original bytes do"
            return (
                f"{what} not match its SHA-256 "
                f"(stored {self.sha256[:12]}…, computed {actual[:12]}…)"
            )
        if self.original is not None:
            try:
                read = bytes(self.original).decode(self.charset)
            except (LookupError, UnicodeDecodeError):
                read = None
            if read != self.text:
                return f"text is not its original bytes read as {self.charset or 'no charset'}"
        return None

    def verify(self) -> bool:
        """Whether the bytes as captured still match the checksum, and the text them."""
        return self.fixity_problem() is None
