"""Admin sign-in that locks out a username after repeated failures."""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from articles import ratelimit


class ThrottledAuthenticationForm(AdminAuthenticationForm):
    """Refuses further attempts for a while after too many failed ones.

    Counted per account and per client address, in the shared cache, so
    guessing one account's password or spraying many accounts from one
    address are both slowed down on every app server.
    """

    def account(self) -> str:
        """The username as Django signs in with it, whatever spelling was typed.

        The form's own username field strips it and applies NFKC, and the user
        model normalises it again, so " ed3", "ed3\\u3000" and "ｅｄ３" are all
        the account "ed3" and must share its counter; letter case is folded as
        well, so a case-insensitive backend added later cannot split it either.
        """
        typed = self.data.get("username") or ""
        cleaned = self.fields["username"].to_python(typed)
        return get_user_model().normalize_username(cleaned).casefold()

    def clean(self):
        keys = [
            ratelimit.identity_key("login-failures:user", self.account()),
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
