from django.db import models
from django.db.models import Case, Count, F, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.freshness import ContentQuerySet


class DistrictQuerySet(ContentQuerySet):
    def public_article_counts(self) -> dict[int, int]:
        """Public articles filed under each place, counting the places within it.

        One aggregate query for districts and one for regions; an article filed
        under both a district and a village in it counts once.
        """
        from .articles import Article

        filing = Coalesce(
            Case(
                When(district__kind__in=["settlement", "landmark"], then=F("district__parent_id"))
            ),
            F("district_id"),
        )
        filed = Article.districts.through.objects.filter(article__in=Article.objects.published())
        rows = filed.annotate(filing=filing).values("filing")
        counts = {
            row["filing"]: row["n"] for row in rows.annotate(n=Count("article_id", distinct=True))
        }
        # A region counts what is filed under it and under every place within it.
        region = Case(
            When(district__kind="region", then=F("district_id")),
            When(district__parent__kind="region", then=F("district__parent_id")),
            When(district__parent__parent__kind="region", then=F("district__parent__parent_id")),
        )
        regions = filed.annotate(region=region).filter(region__isnull=False).values("region")
        for row in regions.annotate(n=Count("article_id", distinct=True)):
            counts[row["region"]] = row["n"]
        return counts


class District(models.Model):
    """A place coverage is filed under, with every other spelling of its name."""

    class Kind(models.TextChoices):
        REGION = "region", _("Region")
        DISTRICT = "district", _("District")
        SETTLEMENT = "settlement", _("Settlement")
        LANDMARK = "landmark", _("Landmark")

    name = models.CharField(
        _("name"),
        max_length=120,
        help_text=_("The name the archive files coverage under, e.g. “Kalbajar”."),
    )
    slug = models.SlugField(_("slug"), max_length=120, help_text=_("Used in the place's URL."))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind, default=Kind.DISTRICT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("lies in"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="places",
        help_text=_("For a settlement or landmark: the district it lies in."),
    )
    description = models.TextField(_("description"), blank=True)

    objects = DistrictQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        constraints = [
            # Place URLs are /districts/<slug>/.
            models.UniqueConstraint(fields=["slug"], name="district_unique_slug"),
            models.UniqueConstraint(fields=["name"], name="district_unique_name"),
            models.CheckConstraint(
                condition=models.Q(kind__in=["region", "district", "settlement", "landmark"]),
                name="district_valid_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("district-detail", kwargs={"slug": self.slug})

    @property
    def filing_district(self) -> "District | None":
        """The district this place's coverage is filed under."""
        if self.kind == self.Kind.DISTRICT:
            return self
        if self.kind in (self.Kind.SETTLEMENT, self.Kind.LANDMARK):
            return self.parent
        return None


class DistrictAlias(models.Model):
    """Another spelling or transliteration of a place's name."""

    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("district")
    )
    name = models.CharField(
        _("alias"),
        max_length=120,
        help_text=_("Any other spelling readers may search for, e.g. “Karvachar” or “Kəlbəcər”."),
    )

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["district__name", "name"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="alias_unique_per_district"),
        ]

    def __str__(self) -> str:
        return self.name
