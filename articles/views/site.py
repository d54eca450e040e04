"""Files about the site itself."""

import logging
from urllib.parse import urlsplit

from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.views import i18n
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET


# The switcher's form is on every page, and a page with a CSRF token cannot be
# cached whole. A forged request could only switch a reader's language (the
# redirect stays on this site), so this view goes without the token.
@csrf_exempt
def set_language(request):
    """Django's set_language, with ``next`` read in its own language.

    Django resolves ``next`` in the request's language, which is English at
    this unprefixed address, so "/fr/articles/" would not be found and a
    switch back to English would stay on the French page.
    """
    next_url = request.POST.get("next", request.GET.get("next", ""))
    try:
        path = urlsplit(next_url).path
    except ValueError:
        # Not an address at all ("http://[::1/"): Django's view finds it unsafe
        # and sends the reader back to where they came from.
        path = ""
    language = translation.get_language_from_path(path)
    with translation.override(language or translation.get_language()):
        return i18n.set_language(request)


@require_GET
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")


@require_GET
def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page says; the icon is
    a static file with a hashed name, so this address only points to it."""
    response = HttpResponseRedirect(static("favicon.ico"))
    response["Cache-Control"] = "public, max-age=86400"
    return response


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logging.getLogger(__name__).exception("Health check: database unavailable")
        return False
    return True


def _static_files_named() -> bool:
    # Every page names its stylesheet through the static files' manifest; when
    # collectstatic was not run for this configuration, every page is a 500.
    try:
        static("css/site.css")
    except ValueError:
        logging.getLogger(__name__).error(
            "Health check: static files are not collected; run `manage.py collectstatic`"
        )
        return False
    return True


@require_GET
def healthz(request):
    """200 when pages can be served, 503 naming what fails; never a traceback.

    A load balancer takes an app server out of service on a 503, so this
    checks what every page needs: the database, and the static files' names.
    """
    checks = {
        "database": "ok" if _database_answers() else "error",
        "static": "ok" if _static_files_named() else "error",
    }
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )
