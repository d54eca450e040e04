from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.concurrency import Versioned


class PhotoQuerySet(models.QuerySet):
    def public(self) -> "PhotoQuerySet":
        """Photos readers may see: those of public articles."""
        from .articles import Article

        return self.filter(article__in=Article.objects.published())


class Photo(Versioned):
    """A photograph, or what survives of it: its captions and credit."""

    image = models.ImageField(
        _("image"),
        upload_to="photos/%Y/%m/",
        blank=True,
        width_field="width",
        height_field="height",
        help_text=_("May stay empty when only the caption was archived."),
    )
    width = models.PositiveIntegerField(_("width"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True, editable=False)
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        blank=True,
        help_text=_("What the picture shows, for readers who cannot see it."),
    )
    credit = models.CharField(
        _("credit"),
        max_length=200,
        blank=True,
        help_text=_("Photographer and agency, e.g. “Alexander Nemenov, AFP”."),
    )
    taken_on = models.DateField(_("date"), null=True, blank=True)
    district = models.ForeignKey(
        "District",
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photos",
    )
    article = models.ForeignKey(
        "Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="photos",
    )

    objects = PhotoQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        caption = next(iter(self.captions.all()), None) if self.pk else None
        label = caption.text if caption else self.credit or f"#{self.pk}"
        return label if len(label) <= 80 else label[:77] + "…"


class Caption(models.Model):
    """A photo's caption in one language."""

    photo = models.ForeignKey(
        Photo, verbose_name=_("photo"), on_delete=models.CASCADE, related_name="captions"
    )
    language = models.CharField(_("language"), max_length=12, help_text=_("e.g. “en”, “fr”."))
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["photo", "language"]
        verbose_name = _("caption")
        verbose_name_plural = _("captions")
        constraints = [
            models.UniqueConstraint(fields=["photo", "language"], name="caption_one_per_language"),
        ]

    def __str__(self) -> str:
        return f"[{self.language}] {self.text[:60]}"
