from django.db import models
from django.db.models.lookups import In, LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles import links
from articles.concurrency import Versioned
from articles.places import attach_places


class Source(models.Model):
    """A news outlet or agency coverage comes from."""

    class Kind(models.TextChoices):
        OUTLET = "outlet", _("Outlet")
        AGENCY = "agency", _("Agency")

    name = models.CharField(_("name"), max_length=200)
    domain = models.CharField(
        _("domain"), max_length=200, help_text=_("The outlet's web domain, e.g. “france24.com”.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.OUTLET)

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            # The importer finds a source by its domain.
            models.UniqueConstraint(fields=["domain"], name="source_unique_domain"),
            models.CheckConstraint(
                condition=models.Q(kind__in=["outlet", "agency"]), name="source_valid_kind"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Unindexed(models.Func):
    """A column as it is, which SQLite will not use to walk an index.

    "Not after now" bounds nearly the whole table. Given it and a reader's
    date range, SQLite walks the index from whichever upper bound comes
    first, so "now" made a month's list scan every later article: 10x slower
    at 100,000 articles. PostgreSQL weighs both bounds itself.
    """

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra_context):
        # SQLite's unary + changes nothing but hides the column from the planner.
        return self.as_sql(compiler, connection, template="+%(expressions)s", **extra_context)


def public_condition(through: str = "") -> models.Q:
    """What readers may see: published, and not scheduled for later.

    This is the one definition of "public"; every public page, feed and
    export starts from it, through ``published()`` or, for a quote, photo or
    comment, through its article (``through="article__"``). Comparing with
    now() at query time is what makes scheduled articles appear by
    themselves when their time comes.

    Records of an article test it as a join, not as ``article__in=<public
    articles>``: given the subquery, SQLite built the list of every public
    article before the first quote, and the quote list took 0.4 s at 100,000
    articles instead of 4 ms.
    """
    return models.Q(
        LessThanOrEqual(Unindexed(f"{through}published_at"), timezone.now()),
        **{f"{through}status": Article.Status.PUBLISHED},
    )


class _WithPlacesIterable(models.query.ModelIterable):
    """Articles with their places attached, a batch at a time (exports stream)."""

    BATCH = 500

    def __iter__(self):
        batch = []
        for article in super().__iter__():
            batch.append(article)
            if len(batch) == self.BATCH:
                attach_places(batch)
                yield from batch
                batch = []
        attach_places(batch)
        yield from batch


class ArticleQuerySet(models.QuerySet):
    def published(self) -> "ArticleQuerySet":
        """Public articles (see ``public_condition``)."""
        return self.filter(public_condition())

    def scheduled(self, now=None) -> "ArticleQuerySet":
        """Published articles whose time has not come yet: what will become public by itself."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=now or timezone.now())

    def for_listing(self) -> "ArticleQuerySet":
        """What a list of articles shows, in a fixed number of queries: each with its
        source, and its ``places`` (see ``places.attach_places``)."""
        listing = self.select_related("source")
        # The iterable is how values() and values_list() change what a
        # queryset yields; it keeps through slicing, filtering and iterator().
        listing._iterable_class = _WithPlacesIterable
        return listing

    def filed_under(self, district_ids, *, within_dates: bool = False) -> "ArticleQuerySet":
        """Articles filed under any of these places, each once.

        A subquery on the link table rather than a join, so no DISTINCT is needed.
        Its shape tells SQLite where to start: a place's links (IN) by default,
        or, with ``within_dates``, the date index, probing the links of each
        article in turn (EXISTS). Callers ask for that when they bound the
        dates, or when the places are common enough that a page of them lies
        among the latest few thousand articles. SQLite, lacking histograms,
        otherwise starts from the links and reads thousands of articles to
        keep a month's worth: 3-10x slower at 100,000 articles.
        """
        links = Article.districts.through.objects
        if within_dates:
            # Each article's links are probed by the article alone, the place
            # tested among them: for a place with places within it, one
            # index seek an article instead of one a place (a month of
            # Kalbajar and its two sub-places: 1.2 -> 0.6 ms to count on SQLite).
            ids = sorted(district_ids)
            place = (
                In(Unindexed("district_id"), ids) if len(ids) > 1 else models.Q(district_id__in=ids)
            )
            return self.filter(models.Exists(links.filter(place, article_id=models.OuterRef("pk"))))
        return self.filter(
            pk__in=models.Subquery(links.filter(district_id__in=district_ids).values("article_id"))
        )


class Filing(models.Model):
    """An article's filing under a place, as the database keeps it: with the article's date.

    The link table of ``Article.districts``, read through a second model.
    Migrations 0014 (PostgreSQL) and 0015 (SQLite) give it a copy of the
    article's ``published_at``, kept by triggers on every write, so that a
    place's articles within dates are counted from one index on the links
    (``totals.dated_count``). Django never writes through this model. On
    SQLite, ``migrate`` lifts the triggers around every run and makes them
    again after it (``articles/migrating.py``). On PostgreSQL, a migration
    that changes the type of either date or link column, or the link table's
    name, must make them again (see migration 0014).
    """

    article = models.ForeignKey(
        "Article", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    district = models.ForeignKey(
        "District", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    published_at = models.DateTimeField(null=True)

    class Meta:
        managed = False
        db_table = "articles_article_districts"

    def __str__(self) -> str:
        return f"article {self.article_id} under place {self.district_id}"


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
    is_synthetic = models.BooleanField(
        _("synthetic"),
        default=False,
        editable=False,
        help_text=_("Generated test or benchmark data, never real coverage."),
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
            # range from the index alone (3x faster for a month of a place).
            models.Index(
                fields=["status", "-published_at", "-id"], name="article_status_published"
            ),
            models.Index(fields=["-published_at"], name="article_published_at"),
            # The language filter: a quarter of the archive is French, and
            # without it each French list read every public article (0.2 s).
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
        return links.url(
            "article-detail",
            year=published.year,
            month=f"{published.month:02d}",
            day=f"{published.day:02d}",
            slug=self.slug,
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
