"""Enrol, verify and remove the second factor; each change writes an audit entry."""

import re
from base64 import b32encode

from django.conf import settings
from django.db import transaction
from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.audit import log_action
from clinic.demo import DEMO_TOTP_KEY_HEX

RECOVERY_CODE_COUNT = 10


def is_demo_device(device: Device | None) -> bool:
    """A device with the published demo secret; it counts only while DEBUG is on."""
    return (
        not settings.DEBUG
        and isinstance(device, TOTPDevice)
        and device.key.lower() == DEMO_TOTP_KEY_HEX
    )


def has_authenticator(user) -> bool:
    """Whether the user has a confirmed authenticator that counts (one query)."""
    devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    return any(not is_demo_device(device) for device in devices)


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def start_enrolment(*, user) -> TOTPDevice:
    """The user's pending authenticator: a new random secret, kept until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


@transaction.atomic
def confirm_enrolment(*, user, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the pending authenticator with a code from the app.

    It replaces any earlier authenticator and recovery codes; returns the new recovery
    codes, or None when the code is wrong.
    """
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user, confirmed=False)
    if not device.verify_token(_digits(code)):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _replace_recovery_codes(user)
    log_action(actor=user, action="mfa.enrolled", obj=user)
    return codes


@transaction.atomic
def regenerate_recovery_codes(*, user) -> list[str]:
    """New recovery codes; the old ones stop working."""
    codes = _replace_recovery_codes(user)
    log_action(actor=user, action="mfa.recovery_codes_regenerated", obj=user)
    return codes


@transaction.atomic
def remove_mfa(*, user) -> None:
    """Remove the user's authenticators and recovery codes."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    log_action(actor=user, action="mfa.removed", obj=user)


def verify_code(*, user, code: str) -> Device | None:
    """The device that accepts `code` (six digits from the app, or a recovery code).

    A recovery code works once. Wrong codes slow further tries down (django-otp throttling).
    """
    digits = _digits(code)
    if re.fullmatch(r"\d{6}", digits):
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
        token = digits
    else:
        devices = StaticDevice.objects.filter(user=user, confirmed=True)
        token = re.sub(r"[\s-]", "", code).lower()
    for device in devices:
        if is_demo_device(device):
            continue
        verified = verify_token(user, device.persistent_id, token)
        if verified is not None:
            return verified
    return None


def base32_secret(device: TOTPDevice) -> str:
    """The secret as authenticator apps take it when typed in."""
    return b32encode(device.bin_key).decode()


def format_code(token: str) -> str:
    """Show a recovery code in two groups of four, easier to copy by hand."""
    return f"{token[:4]}-{token[4:]}"


def _digits(code: str) -> str:
    return re.sub(r"\s", "", code or "")


def _replace_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    tokens = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=t) for t in tokens])
    return [format_code(t) for t in tokens]
