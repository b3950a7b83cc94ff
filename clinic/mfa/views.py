"""The two-step login pages under /account/mfa/."""

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from clinic.mfa import SESSION_HAS_DEVICE, SESSION_NEW_CODES, mfa_required, services
from clinic.mfa.forms import EnrolForm, PasswordConfirmForm, VerifyForm


def _is_verified(request) -> bool:
    return request.user.is_verified() and not services.is_demo_device(request.user.otp_device)


def _next_url(request) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _qr_svg(url: str, label: str) -> str:
    """The QR code as inline SVG, drawn here: no image URL, no script."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=4)
    svg = image.to_string(encoding="unicode")
    return mark_safe(  # noqa: S308 - qrcode's own markup; the label is escaped
        svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" class="mfa-qr" ', 1)
    )


def _signed_in_with_second_step(request, device) -> None:
    otp_login(request, device)
    request.session.cycle_key()
    request.session[SESSION_HAS_DEVICE] = True


@login_required
@require_http_methods(["GET"])
def manage(request):
    """Two-step login on the user's account: status and what they can change."""
    user = request.user
    return render(
        request,
        "clinic/mfa_manage.html",
        {
            "has_authenticator": services.has_authenticator(user),
            "codes_left": services.recovery_codes_left(user),
            "required": mfa_required(user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    """Add an authenticator app: scan the QR code or type the secret, then confirm a code."""
    user = request.user
    if services.has_authenticator(user) and not _is_verified(request):
        # Replacing an authenticator needs the old one first.
        return redirect(f"{resolve_url('mfa_verify')}?next={resolve_url('mfa_setup')}")
    device = services.start_enrolment(user=user)
    form = EnrolForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        codes = services.confirm_enrolment(user=user, device=device, code=form.cleaned_data["code"])
        if codes is not None:
            device.refresh_from_db()
            _signed_in_with_second_step(request, device)
            request.session[SESSION_NEW_CODES] = codes
            messages.success(request, _("Two-step login is on."))
            return redirect("mfa_recovery_codes")
        form.add_error("code", _("The code is wrong or has expired. Try the next one."))
    secret = services.base32_secret(device)
    return render(
        request,
        "clinic/mfa_setup.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device.config_url, _("QR code for your authenticator app")),
            "secret": secret,
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
            "replacing": services.has_authenticator(user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """The second step after the password: a code from the app or a recovery code."""
    user = request.user
    next_url = _next_url(request)
    if _is_verified(request):
        return redirect(next_url)
    if not services.has_authenticator(user):
        return redirect("mfa_setup")
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.verify_code(user=user, code=form.cleaned_data["code"])
        if device is not None:
            _signed_in_with_second_step(request, device)
            if isinstance(device, StaticDevice):
                left = services.recovery_codes_left(user)
                messages.warning(
                    request,
                    ngettext(
                        "You used a recovery code; %(left)s is left. Make new ones on the "
                        "two-step login page.",
                        "You used a recovery code; %(left)s are left. Make new ones on the "
                        "two-step login page if you are running out.",
                        left,
                    )
                    % {"left": left},
                )
            return redirect(next_url)
        form.add_error("code", _("The code is wrong or has expired. Try again."))
    return render(request, "clinic/mfa_verify.html", {"form": form, "next": next_url})


@login_required
@require_http_methods(["GET", "POST"])
def recovery_codes(request):
    """New recovery codes are shown once; asking for new ones needs the password."""
    user = request.user
    if not services.has_authenticator(user):
        return redirect("mfa_setup")
    form = PasswordConfirmForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        request.session[SESSION_NEW_CODES] = services.regenerate_recovery_codes(user=user)
        messages.success(request, _("You have new recovery codes. The old ones no longer work."))
        return redirect("mfa_recovery_codes")
    codes = request.session.pop(SESSION_NEW_CODES, None)
    return render(
        request,
        "clinic/mfa_recovery_codes.html",
        {"form": form, "codes": codes, "codes_left": services.recovery_codes_left(user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def remove(request):
    """Turn two-step login off (only where it is optional); needs the password."""
    user = request.user
    if mfa_required(user):
        messages.info(request, _("Two-step login is required for your account."))
        return redirect("mfa")
    form = PasswordConfirmForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        services.remove_mfa(user=user)
        request.session[SESSION_HAS_DEVICE] = False
        messages.success(request, _("Two-step login is off."))
        return redirect("mfa")
    return render(request, "clinic/mfa_remove.html", {"form": form})
