"""Admin sign-in that locks out a username after repeated failures."""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from articles import ratelimit


class ThrottledAuthenticationForm(AdminAuthenticationForm):
    """Refuses further attempts for a while after too many failed ones.

    Counted per username and per client address, in the shared cache, so
    guessing one account's password or spraying many accounts from one
    address are both slowed down on every app server.
    """

    def clean(self):
        username = (self.data.get("username") or "")[:150].lower()
        keys = [
            f"login-failures:user:{username}",
            f"login-failures:addr:{ratelimit.client_address(self.request)}",
        ]
        window = settings.LOGIN_LOCKOUT_SECONDS
        if any(ratelimit.count(key, window) >= settings.LOGIN_FAILURE_LIMIT for key in keys):
            raise ValidationError(
                _("Too many failed sign-in attempts. Try again in %(minutes)d minutes."),
                code="locked_out",
                params={"minutes": max(1, settings.LOGIN_LOCKOUT_SECONDS // 60)},
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            for key in keys:
                ratelimit.hit(key, settings.LOGIN_LOCKOUT_SECONDS)
            raise
        ratelimit.reset(keys[0], settings.LOGIN_LOCKOUT_SECONDS)
        return cleaned


admin.site.login_form = ThrottledAuthenticationForm
