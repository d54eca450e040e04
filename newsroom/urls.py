"""Public pages in every language, the rest language-neutral.

Readers' pages are under ``i18n_patterns`` with English unprefixed and French
under /fr/: each language has its own address, so a French page can be
linked, cited and indexed, and every cache (ours, a proxy's) keys it by URL.
The API, CSV exports, sitemap, robots.txt, the health check, media and the
admin have one address for all languages.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from articles.urls import page_patterns
from articles.views import site

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/setlang/", site.set_language, name="set_language"),
    path("", include("articles.urls")),
    *i18n_patterns(path("", include(page_patterns)), prefix_default_language=False),
]
