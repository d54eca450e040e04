"""The site's URLs plus the benchmark's reference views.

The floor is the cheapest response Django can serve here. The two "least
article" views show what the article page's target leaves room for: the
article page's own lookup of a public article (one ORM query), answered
with its headline alone, and then shown in the site's base template with
its headline and paragraphs, nothing else.
"""

from django.http import HttpResponse
from django.template import engines
from django.urls import path
from django.views.decorators.cache import never_cache

from articles.views.pages import public_article
from newsroom.urls import urlpatterns as site


# Never stored by the page cache: with the cache on, the floor still measures
# the view's own path (the middleware looks the page up, then the view answers).
@never_cache
def floor(request):
    return HttpResponse("ok")


@never_cache
def least_article(request, year: int, month: int, day: int, slug: str):
    return HttpResponse(public_article(year, month, day, slug).headline)


LEAST_ARTICLE_PAGE = engines["django"].from_string(
    """{% extends "base.html" %}
{% block title %}{{ article.headline }} · {{ block.super }}{% endblock %}
{% block content %}
<article class="article">
  <h1 lang="{{ article.language }}">{{ article.headline }}</h1>
  <div class="body" lang="{{ article.language }}">{% for paragraph in article.paragraphs %}\
<p>{{ paragraph }}</p>{% endfor %}</div>
</article>
{% endblock %}"""
)


@never_cache
def least_article_page(request, year: int, month: int, day: int, slug: str):
    article = public_article(year, month, day, slug)
    return HttpResponse(LEAST_ARTICLE_PAGE.render({"article": article}, request))


ARTICLE = "<int:year>/<int:month>/<int:day>/<slug:slug>/"

urlpatterns = [
    path("bench-floor/", floor),
    path(f"bench-least-article/{ARTICLE}", least_article),
    path(f"bench-least-article-page/{ARTICLE}", least_article_page),
    *site,
]
