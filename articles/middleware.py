"""Response headers that keep browsers from loading or framing anything not ours, the
language of each request, and forms that cannot be read."""

import logging

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import HttpResponseBadRequest, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.middleware import locale
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class SecurityHeadersMiddleware:
    """Adds a Content-Security-Policy allowing only our own origin.

    X-Frame-Options, nosniff and Referrer-Policy come from Django's own
    middleware and settings; CSP is not built into Django 5.2.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "CONTENT_SECURITY_POLICY", CONTENT_SECURITY_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


class LocaleMiddleware(locale.LocaleMiddleware):
    """Public pages take their language from the URL; the admin from the editor.

    With ``i18n_patterns(prefix_default_language=False)`` Django serves every
    unprefixed URL in English, which suits the language-neutral files (API,
    exports, sitemap) but not the admin: it has one URL for all
    languages, so there the language cookie (set by the language switcher)
    and then the browser's Accept-Language decide. Admin pages are never
    cached, so varying them by cookie and header is safe.
    """

    def process_request(self, request):
        super().process_request(request)
        if request.path.startswith(reverse("admin:index")):
            translation.activate(translation.get_language_from_request(request))
            request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        if request.path.startswith(reverse("admin:index")):
            return super().process_response(request, response)
        # A public page's language is in its URL: it does not vary by the browser's
        # Accept-Language, and saying so would split every shared cache by it.
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class UnreadableFormMiddleware:
    """A form Django cannot read is answered 400 here, before the CSRF check reads it.

    A urlencoded form declared in another charset than UTF-8 (or with more
    fields than DATA_UPLOAD_MAX_NUMBER_FIELDS) raises on every read of
    ``request.POST``. The CSRF check reads it, and so do Django's error views
    (``requires_csrf_token``), so the error escaped them all and the server
    answered 500 with no page of ours.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST":
            try:
                request.POST  # noqa: B018 - reading it is the test
            except (
                BadRequest,
                SuspiciousOperation,
                MultiPartParserError,
                UnreadablePostError,
            ) as error:
                logging.getLogger("django.security.UnreadableForm").warning(
                    "Unreadable form at %s: %s", request.path, error
                )
                return HttpResponseBadRequest(
                    _("This form could not be read. Send it again from the page it is on."),
                    content_type="text/plain; charset=utf-8",
                )
        return self.get_response(request)
