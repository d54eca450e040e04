from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from articles.concurrency import Versioned
from articles.freshness import ContentQuerySet
from articles.images import PrivateStorage, make_renditions, no_files_left_on_error


class PhotoQuerySet(ContentQuerySet):
    def public(self) -> "PhotoQuerySet":
        """Photos readers may see: those of public articles."""
        from .articles import public_condition

        return self.filter(public_condition(through="article__"))


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
    original = models.FileField(
        _("original upload"),
        storage=PrivateStorage(),
        upload_to="originals/%Y/%m/",
        blank=True,
        editable=False,
        help_text=_("The file as uploaded, kept privately; readers get a clean re-encoding."),
    )
    renditions = models.JSONField(
        _("renditions"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Narrower copies of the image by width, for responsive pages."),
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
    source_url = models.URLField(
        _("image address"),
        max_length=2000,
        blank=True,
        help_text=_("Where the captured web page showed the image."),
    )
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

    def save(self, *args, **kwargs) -> None:
        # One transaction, so that readers' pages are retired after the
        # renditions are written too, not before; and a save that fails leaves
        # no file behind, as it leaves no row.
        with no_files_left_on_error(self), transaction.atomic():
            super().save(*args, **kwargs)
            if self.image and not self.renditions:
                # Made once per image; a new upload clears them (see PhotoForm).
                self.renditions = make_renditions(self)
                Photo.objects.filter(pk=self.pk).update(renditions=self.renditions)

    @property
    def srcset(self) -> str:
        """The renditions and the full image, for <img srcset>."""
        if not self.image:
            return ""
        storage = self.image.storage
        entries = [f"{storage.url(name)} {width}w" for width, name in self.renditions.items()]
        if self.width:
            entries.append(f"{self.image.url} {self.width}w")
        return ", ".join(entries)

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

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["photo", "language"]
        verbose_name = _("caption")
        verbose_name_plural = _("captions")
        constraints = [
            models.UniqueConstraint(fields=["photo", "language"], name="caption_one_per_language"),
        ]

    def __str__(self) -> str:
        return f"[{self.language}] {self.text[:60]}"
