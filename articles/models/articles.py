from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.concurrency import Versioned
from articles.freshness import ContentQuerySet
from articles.slugs import SlugFromMixin, SluggedQuerySet


class SourceQuerySet(SluggedQuerySet):
    def public(self) -> "SourceQuerySet":
        """Sources readers may see: those of public articles."""
        return self.filter(
            models.Exists(Article.objects.published().filter(source=models.OuterRef("pk")))
        )

    def with_article_counts(self) -> "SourceQuerySet":
        """Each with ``article_count``, its public articles, counted for the rows read only."""
        articles = (
            Article.objects.published()
            .filter(source=models.OuterRef("pk"))
            .order_by()
            .values("source")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(article_count=models.Subquery(articles))


class Source(SlugFromMixin, models.Model):
    """A news outlet or agency coverage comes from."""

    class Kind(models.TextChoices):
        OUTLET = "outlet", _("Outlet")
        AGENCY = "agency", _("Agency")

    name = models.CharField(_("name"), max_length=200)
    domain = models.CharField(
        _("domain"), max_length=200, help_text=_("The outlet's web domain, e.g. “france24.com”.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.OUTLET)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        blank=True,
        db_index=False,  # source_unique_slug indexes it
        help_text=_("The last part of the source's page address; made from the domain if empty."),
    )

    slug_from = "domain"
    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            # The importer finds a source by its domain.
            models.UniqueConstraint(fields=["domain"], name="source_unique_domain"),
            # A source's page is found by its slug.
            models.UniqueConstraint(fields=["slug"], name="source_unique_slug"),
            models.CheckConstraint(
                condition=models.Q(kind__in=["outlet", "agency"]), name="source_valid_kind"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("source-detail", kwargs={"slug": self.slug})


def public_condition(through: str = "") -> models.Q:
    """What readers may see: published, and not scheduled for later.

    This is the one definition of "public"; every public page, feed and
    export starts from it, through ``published()`` or, for a quote, photo or
    comment, through its article (``through="article__"``). Comparing with
    now() at query time is what makes scheduled articles appear by
    themselves when their time comes.

    Records of an article test it through a join, not as ``article__in=<public
    articles>``, so the database can walk both tables in the list's order.
    """
    return models.Q(
        **{
            f"{through}status": Article.Status.PUBLISHED,
            f"{through}published_at__lte": timezone.now(),
        }
    )


class ArticleQuerySet(ContentQuerySet):
    def published(self) -> "ArticleQuerySet":
        """Public articles (see ``public_condition``)."""
        return self.filter(public_condition())

    def scheduled(self, now=None) -> "ArticleQuerySet":
        """Published articles whose time has not come yet: what will become public by itself."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=now or timezone.now())

    def unpublish(self) -> int:
        """Withdraw these articles, however many, in one UPDATE; returns how many.

        Readers stop seeing them at once (``ContentQuerySet.update`` retires
        every cached page), and each counts one more version, so an editor's
        form opened before cannot publish it again unnoticed. Unlike the
        admin's *Unpublish* action it records no revision.
        """
        return self.exclude(status=Article.Status.DRAFT).update(
            status=Article.Status.DRAFT,
            version=models.F("version") + 1,
            updated_at=timezone.now(),
        )

    def for_listing(self) -> "ArticleQuerySet":
        """What a list of articles shows, in a fixed number of queries: each with its
        source, its ``places`` by name and its ``pictures`` (photos with an image)."""
        from articles.models import District, Photo

        return self.select_related("source").prefetch_related(
            models.Prefetch(
                "districts",
                queryset=District.objects.only("name", "slug").order_by("name"),
                to_attr="places",
            ),
            # The photos that have an image, for the list's thumbnail.
            models.Prefetch(
                "photos",
                queryset=Photo.objects.exclude(image="").order_by("id"),
                to_attr="pictures",
            ),
        )

    def filed_under(self, place_ids) -> "ArticleQuerySet":
        """Articles filed under any of these places, each once.

        As a correlated EXISTS, so that a page of a list is found by walking
        the articles in the list's order and testing each one's links, rather
        than by reading and sorting every article of the places.
        """
        links = Article.districts.through.objects.filter(
            article_id=models.OuterRef("pk"), district_id__in=place_ids
        )
        return self.filter(models.Exists(links))


class Article(Versioned):
    """A piece of coverage as it was published, with its provenance."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    section = models.CharField(
        _("section"), max_length=60, blank=True, help_text=_("The outlet's section, e.g. “World”.")
    )
    headline = models.CharField(_("headline"), max_length=300)
    slug = models.SlugField(
        _("slug"), max_length=200, help_text=_("The last part of the article's URL; unique.")
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("Standfirst or teaser shown in lists.")
    )
    body = models.TextField(
        _("body"), blank=True, help_text=_("Paragraphs separated by a blank line.")
    )
    byline = models.CharField(
        _("byline"), max_length=200, blank=True, help_text=_("As printed, e.g. “With AFP”.")
    )
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
    )
    original_url = models.URLField(
        _("original URL"), max_length=500, blank=True, help_text=_("Where it was published.")
    )
    published_at = models.DateTimeField(
        _("published at"),
        default=timezone.now,
        help_text=_("When the outlet published it. A future time schedules the article."),
    )
    captured_at = models.DateTimeField(
        _("captured at"), null=True, blank=True, help_text=_("When the archive captured it.")
    )
    language = models.CharField(
        _("language"), max_length=12, default="en", help_text=_("Language code, e.g. “en”, “fr”.")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status,
        default=Status.DRAFT,
        help_text=_("Only published articles whose publication time has come are public."),
    )
    districts = models.ManyToManyField(
        "District", verbose_name=_("districts"), blank=True, related_name="articles"
    )
    related = models.ManyToManyField("self", verbose_name=_("related coverage"), blank=True)
    capture = models.ForeignKey(
        "Capture",
        verbose_name=_("capture"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        help_text=_("The raw document this article was imported from."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        get_latest_by = "published_at"
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            # Article URLs end in the slug.
            models.UniqueConstraint(fields=["slug"], name="article_unique_slug"),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "published"]), name="article_valid_status"
            ),
        ]
        indexes = [
            # published() filters on status and orders/ranges on published_at;
            # the id completes the ordering, and lets PostgreSQL count a date
            # range from the index alone.
            models.Index(
                fields=["status", "-published_at", "-id"], name="article_status_published"
            ),
            models.Index(fields=["-published_at"], name="article_published_at"),
            # The language filter: without it each list in one language reads
            # every public article.
            models.Index(
                fields=["status", "language", "-published_at", "-id"],
                name="article_language_published",
            ),
            # The importer links related stories to articles by headline.
            models.Index(fields=["headline"], name="article_headline"),
        ]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        published = timezone.localtime(self.published_at)
        return reverse(
            "article-detail",
            kwargs={
                "year": published.year,
                "month": f"{published.month:02d}",
                "day": f"{published.day:02d}",
                "slug": self.slug,
            },
        )

    def get_comment_url(self) -> str:
        return self.get_absolute_url() + "comment/"

    def get_bibtex_url(self) -> str:
        return self.get_absolute_url() + "cite.bib"

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.split("\n\n") if p.strip()]
