"""Public pages. Every query here starts from Article.objects.published()."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.views.generic import DetailView, ListView

from .models import Article, Comment, District


def home(request):
    """Latest public coverage and the districts it is filed under."""
    latest = Article.objects.published().for_listing()[:10]
    public = Q(articles__in=Article.objects.published())
    districts = (
        District.objects.filter(kind=District.Kind.DISTRICT)
        .annotate(article_count=Count("articles", filter=public, distinct=True))
        .order_by("name")
    )
    return render(request, "home.html", {"latest": latest, "districts": districts})


class ArticleListView(ListView):
    """The archive list: public articles, newest first, 20 a page."""

    paginate_by = 20

    def get_queryset(self):
        return Article.objects.published().for_listing()


class ArticleDetailView(DetailView):
    """One public article with its quotes, photos, comments and related coverage."""

    def get_object(self, queryset=None):
        return get_object_or_404(
            Article.objects.published().select_related("source"),
            slug=self.kwargs["slug"],
            published_at__year=self.kwargs["year"],
            published_at__month=self.kwargs["month"],
            published_at__day=self.kwargs["day"],
        )

    def get_context_data(self, **kwargs):
        article = self.object
        return super().get_context_data(
            districts=article.districts.all(),
            quotes=article.quotes.select_related("speaker"),
            photos=article.photos.prefetch_related("captions"),
            comments=article.comments.filter(status=Comment.Status.APPROVED),
            related=article.related.all() & Article.objects.published(),
            **kwargs,
        )


class DistrictListView(ListView):
    """Every place in the gazetteer."""

    queryset = District.objects.select_related("parent").prefetch_related("aliases")


class DistrictDetailView(DetailView):
    """A place, its aliases and its public coverage."""

    queryset = District.objects.select_related("parent").prefetch_related("aliases")

    def get_context_data(self, **kwargs):
        district = self.object
        articles = (
            Article.objects.published()
            .filter(Q(districts=district) | Q(districts__parent=district))
            .distinct()
            .for_listing()
        )
        return super().get_context_data(
            articles=articles[:20], events=district.events.all(), **kwargs
        )
