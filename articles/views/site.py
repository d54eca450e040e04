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


@require_GET
def healthz(request):
    """200 when the database answers, 503 when it does not; never a traceback."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logging.getLogger(__name__).exception("Health check: database unavailable")
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
