from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.concurrency import Versioned
from articles.freshness import ContentQuerySet
from articles.slugs import SlugFromMixin, SluggedQuerySet


class PersonQuerySet(SluggedQuerySet):
    def public(self) -> "PersonQuerySet":
        """People readers may see: the speakers of public quotes."""
        return self.filter(
            models.Exists(Quote.objects.public().filter(speaker=models.OuterRef("pk")))
        )

    def for_listing(self) -> "PersonQuerySet":
        """Each with ``quote_count``, their public quotes, and ``latest_description``,
        how their latest public quote describes them (in ``description_language``),
        computed for the rows read only. Only public coverage describes a person to
        readers: the description an editor keeps on the person is for the admin.
        """
        quotes = Quote.objects.public().filter(speaker=models.OuterRef("pk"))
        count = quotes.order_by().values("speaker").annotate(n=models.Count("pk")).values("n")
        described = quotes.exclude(speaker_description="").order_by("-article__published_at", "-id")
        return self.annotate(
            quote_count=models.Subquery(count),
            latest_description=models.Subquery(described.values("speaker_description")[:1]),
            description_language=models.Subquery(described.values("language")[:1]),
        )


class Person(SlugFromMixin, models.Model):
    """Someone quoted: a named person, or a body such as a ministry."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        BODY = "body", _("Organisation or body")

    name = models.CharField(_("name"), max_length=200)
    description = models.CharField(
        _("description"),
        max_length=200,
        blank=True,
        help_text=_("Role or age as reported, e.g. “53-year-old mason”, “President”."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.PERSON)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        blank=True,
        db_index=False,  # person_unique_slug indexes it
        help_text=_("The last part of the person's page address; made from the name if empty."),
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            # The importer reuses a speaker seen again under the same name.
            models.UniqueConstraint(fields=["name"], name="person_unique_name"),
            # A person's page is found by its slug.
            models.UniqueConstraint(fields=["slug"], name="person_unique_slug"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.description})" if self.description else self.name

    def get_absolute_url(self) -> str:
        return reverse("person-detail", kwargs={"slug": self.slug})


class QuoteQuerySet(ContentQuerySet):
    def public(self) -> "QuoteQuerySet":
        """Quotes readers may see: those of public articles."""
        from .articles import public_condition

        return self.filter(public_condition(through="article__"))

    def for_listing(self) -> "QuoteQuerySet":
        """What a list of quotes with their articles shows, in a fixed number of queries:
        each with its speaker, its article, and the article's ``places`` by name."""
        from .districts import District

        return self.select_related("speaker", "article").prefetch_related(
            models.Prefetch(
                "article__districts",
                queryset=District.objects.only("name", "slug").order_by("name"),
                to_attr="places",
            )
        )


class Quote(Versioned):
    """Words as quoted in an article, exactly, with who said them."""

    text = models.TextField(_("text"), help_text=_("Exactly as quoted, without quote marks."))
    speaker = models.ForeignKey(
        Person,
        verbose_name=_("speaker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotes",
    )
    speaker_description = models.CharField(
        _("speaker's description"),
        max_length=200,
        blank=True,
        help_text=_(
            "The speaker's role or age as this article gives it, e.g. “53-year-old mason”."
        ),
    )
    article = models.ForeignKey(
        "Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="quotes"
    )
    district = models.ForeignKey(
        "District",
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quotes",
    )
    said_on = models.DateField(_("date said"), null=True, blank=True)
    context = models.TextField(
        _("quoted in"),
        blank=True,
        help_text=_("The sentence the quotation was captured in, to check its speaker against."),
    )
    speaker_checked = models.BooleanField(
        _("speaker checked"),
        default=False,
        help_text=_(
            "Set when an editor chooses or corrects the speaker: importing a newer "
            "capture of the article keeps it while the sentence is unchanged."
        ),
    )
    language = models.CharField(_("language"), max_length=12, default="en")

    objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ["article", "id"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 80 else self.text[:77] + "…"
        return f"“{text}”"
