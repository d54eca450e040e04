from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.concurrency import Versioned
from articles.freshness import ContentQuerySet


class Person(models.Model):
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

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            # The importer reuses a speaker seen again under the same name.
            models.UniqueConstraint(fields=["name"], name="person_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.description})" if self.description else self.name


class QuoteQuerySet(ContentQuerySet):
    def public(self) -> "QuoteQuerySet":
        """Quotes readers may see: those of public articles."""
        from .articles import public_condition

        return self.filter(public_condition(through="article__"))


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
