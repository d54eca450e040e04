"""Response headers that keep browsers from loading or framing anything not ours, and
the language of each request."""

from django.conf import settings
from django.middleware import locale
from django.urls import reverse
from django.utils import translation

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
