from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Django's login form with plainer error messages (e-mail addresses ignore case)."""

    error_messages = {
        "invalid_login": _("Wrong e-mail address or password. Check both and try again."),
        "inactive": _("This account is not active."),
    }
