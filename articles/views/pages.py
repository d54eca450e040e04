"""The home page and the article page."""

import datetime
import json

from django.conf import settings
from django.contrib import messages
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from articles import citations, coverage, ratelimit
from articles.filters import start_of
from articles.forms import CommentForm
from articles.models import Article, District, Event

from .archive import valid_date
from .districts import article_counts


def home(request):
    """Latest coverage, districts with their article counts, and the timeline.

    Template: home.html. Context: latest, districts, events, coverage (a chart or None).
    """
    counts = article_counts()
    districts = list(District.objects.filter(kind=District.Kind.DISTRICT))
    for district in districts:
        district.article_count = counts.get(district.pk, 0)
    events = Event.objects.select_related("district")
    return render(
        request,
        "home.html",
        {
            "latest": Article.objects.published().for_listing()[:12],
            "districts": districts,
            "events": events,
            "coverage": coverage.home_chart(events),
        },
    )


def public_article(year: int, month: int, day: int, slug: str) -> Article:
    # A date no datetime can hold (year 0, 99999) would raise computing its bounds.
    day_ = valid_date(year, month, day)
    # The local day as a range: the same articles as __year/__month/__day
    # lookups, without a per-row date extraction in SQL.
    start, end = start_of(day_), start_of(day_ + datetime.timedelta(days=1))
    # Of the capture only its date is cited: one column, not the raw text
    # (often tens of KB) nor a second related model to select.
    return get_object_or_404(
        Article.objects.published()
        .select_related("source")
        .annotate(capture_imported_at=F("capture__imported_at")),
        slug=slug,
        published_at__gte=start,
        published_at__lt=end,
    )


@require_safe
def article_detail(request, year: int, month: int, day: int, slug: str):
    """One public article with everything the archive keeps of it.

    Template: articles/article_detail.html. The page holds no form, so it can
    be served from the page cache to every reader.
    """
    article = public_article(year, month, day, slug)
    districts = list(article.districts.all())
    photos = list(article.photos.prefetch_related("captions"))
    # The first photo whose image was archived leads, under the headline.
    lead = next((photo for photo in photos if photo.image), None)
    context = {
        "lead_photo": lead,
        "more_photos": [photo for photo in photos if photo is not lead],
        "article": article,
        "districts": districts,
        # All of one article: by id, without the join that Quote's own
        # ordering (by article) would add.
        "quotes": article.quotes.select_related("speaker").order_by("id"),
        "photos": photos,
        "related": Article.objects.published()
        .filter(related=article)
        .only("headline", "slug", "language", "published_at"),
        "comments": article.comments.public(),
        "json_ld": json_for_script(article_json_ld(request, article, districts, photos)),
    }
    cite = citations.citation(request, article)
    context["citation"] = {"text": citations.plain_text(cite), "bibtex": citations.bibtex(cite)}
    return render(request, "articles/article_detail.html", context)


@require_safe
def article_bibtex(request, year: int, month: int, day: int, slug: str):
    """The article's BibTeX entry as a .bib file to download."""
    article = public_article(year, month, day, slug)
    response = HttpResponse(
        citations.bibtex(citations.citation(request, article)),
        content_type="application/x-bibtex; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{article.slug}.bib"'
    return response


def comment_form(request, year: int, month: int, day: int, slug: str):
    """The comment form of a public article; a new comment waits for moderation.

    Template: articles/comment_form.html.
    """
    article = public_article(year, month, day, slug)
    form = CommentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        key = f"comments:{ratelimit.client_address(request)}"
        if ratelimit.hit(key, settings.COMMENT_RATE_WINDOW) > settings.COMMENT_RATE_LIMIT:
            form.add_error(
                None,
                _("You have sent several comments in a short time. Please wait a few minutes."),
            )
            status = 429
        elif form.is_valid():
            form.save(article=article)
            messages.success(request, _("Thank you. Your comment awaits moderation."))
            return redirect(article.get_absolute_url() + "#comments")
        else:
            status = 400
    return render(
        request, "articles/comment_form.html", {"article": article, "form": form}, status=status
    )


# Inside <script>, "</script>" or "<!--" in a headline must not end the block.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_for_script(data: dict) -> SafeString:
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES))


def article_json_ld(request, article: Article, districts, photos) -> dict:
    """Schema.org NewsArticle for search engines and reference managers."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "datePublished": article.published_at.isoformat(),
        "dateModified": article.updated_at.isoformat(),
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "inLanguage": article.language,
        "contentLocation": [{"@type": "Place", "name": d.name} for d in districts],
    }
    if article.source:
        data["publisher"] = {
            "@type": "Organization",
            "name": article.source.name,
            "url": f"https://{article.source.domain}",
        }
    if article.byline:
        data["author"] = {"@type": "Organization", "name": article.byline.removeprefix("With ")}
    images = [request.build_absolute_uri(p.image.url) for p in photos if p.image]
    if images:
        data["image"] = images
    return data
