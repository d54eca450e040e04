from django.contrib.sitemaps import views as sitemaps
from django.urls import path

from .feeds import DistrictFeed, LatestFeed
from .sitemaps import SITEMAPS
from .views import (
    api,
    archive,
    collections,
    districts,
    exports,
    media,
    pages,
    people,
    search,
    site,
    sources,
)

# Readers' pages, in each language (newsroom/urls.py puts them under i18n_patterns).
page_patterns = [
    path("", pages.home, name="home"),
    path("articles/", archive.article_list, name="article-list"),
    path(
        "articles/<int:year>/<int:month>/<int:day>/<slug:slug>/",
        pages.article_detail,
        name="article-detail",
    ),
    path(
        "articles/<int:year>/<int:month>/<int:day>/<slug:slug>/cite.bib",
        pages.article_bibtex,
        name="article-bibtex",
    ),
    path(
        "articles/<int:year>/<int:month>/<int:day>/<slug:slug>/comment/",
        pages.comment_form,
        name="article-comment",
    ),
    path("archive/", archive.archive_index, name="archive-index"),
    path("archive/<int:year>/", archive.archive_year, name="archive-year"),
    path("archive/<int:year>/<int:month>/", archive.archive_month, name="archive-month"),
    path("archive/<int:year>/<int:month>/<int:day>/", archive.archive_day, name="archive-day"),
    path("districts/", districts.district_list, name="district-list"),
    path("districts/<slug:slug>/", districts.district_detail, name="district-detail"),
    path("districts/<slug:slug>/feed/", DistrictFeed(), name="district-feed"),
    path("quotes/", collections.quote_list, name="quote-list"),
    path("photos/", collections.photo_list, name="photo-list"),
    path("people/", people.person_list, name="person-list"),
    path("people/<slug:slug>/", people.person_detail, name="person-detail"),
    path("sources/", sources.source_list, name="source-list"),
    path("sources/<slug:slug>/", sources.source_detail, name="source-detail"),
    path("search/", search.search_page, name="search"),
    path("feeds/latest/", LatestFeed(), name="feed-latest"),
]

# One address for every language: data for programs, and files about the site.
urlpatterns = [
    path("articles/export.csv", exports.articles_csv, name="article-csv"),
    path("quotes/export.csv", exports.quotes_csv, name="quote-csv"),
    # An index of every page of every section: a sitemap holds at most 5,000
    # addresses here, and crawlers find the pages past the first only through it.
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemaps.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", site.robots_txt, name="robots"),
    path("favicon.ico", site.favicon, name="favicon"),
    path("healthz", site.healthz, name="healthz"),
    path("media/<path:name>", media.media_file, name="media"),
    path("api/articles/", api.articles, name="api-articles"),
    path("api/quotes/", api.quotes, name="api-quotes"),
    path("api/photos/", api.photos, name="api-photos"),
    path("api/districts/", api.districts, name="api-districts"),
    path("api/people/", api.people, name="api-people"),
    path("api/sources/", api.sources, name="api-sources"),
]
