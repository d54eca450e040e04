"""Sources: the outlets and agencies of public coverage, and each one's coverage over time."""

from django.shortcuts import get_object_or_404, render

from articles import coverage
from articles.models import Article, Source
from articles.pagination import paginate


def source_list(request):
    """Sources of public articles, by name, each with how many.

    Template: articles/source_list.html. Context: page_obj, sources (each with
    .article_count), page_message.
    """
    sources = Source.objects.public().with_article_counts()
    page, page_message = paginate(request, sources)
    return render(
        request,
        "articles/source_list.html",
        {"page_obj": page, "sources": page.object_list, "page_message": page_message},
    )


def source_detail(request, slug: str):
    """A source of public articles: its coverage over time and its latest articles.

    Template: articles/source_detail.html. Context: source, coverage (a chart),
    page_obj, articles, page_message. A source with no public article has no page.
    """
    source = get_object_or_404(Source.objects.public(), slug=slug)
    articles = Article.objects.published().filter(source=source).for_listing()
    page, page_message = paginate(request, articles)
    return render(
        request,
        "articles/source_detail.html",
        {
            "source": source,
            "coverage": coverage.source_chart(source),
            "page_obj": page,
            "articles": page.object_list,
            "page_message": page_message,
        },
    )
