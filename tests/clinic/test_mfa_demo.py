"""The demo staff's published authenticator secret: usable with DEBUG on, refused without."""

from io import StringIO

import pytest
from django.core.management import call_command
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.demo import DEMO_TOTP_KEY_HEX, DEMO_TOTP_SECRET, DEMO_TOTP_USERS, demo_user
from clinic.mfa import services

pytestmark = pytest.mark.django_db


def _current_code() -> str:
    device = TOTPDevice(key=DEMO_TOTP_KEY_HEX)
    return f"{totp(device.bin_key):06d}"


def _seed(settings, *, debug):
    settings.DEBUG = debug
    out = StringIO()
    call_command("seed_demo", "--force", stdout=out)
    return out.getvalue()


def test_seed_demo_gives_the_demo_staff_the_published_secret_and_prints_it(settings):
    out = _seed(settings, debug=True)

    assert DEMO_TOTP_SECRET in out
    devices = TOTPDevice.objects.filter(key=DEMO_TOTP_KEY_HEX, confirmed=True)
    assert sorted(d.user.email for d in devices) == sorted(DEMO_TOTP_USERS)
    assert not TOTPDevice.objects.filter(user__role="patient").exists()


def test_seed_demo_runs_again_without_adding_devices(settings):
    _seed(settings, debug=True)
    _seed(settings, debug=True)

    assert TOTPDevice.objects.count() == len(DEMO_TOTP_USERS)


def test_seed_demo_with_debug_off_gives_no_demo_secret(settings):
    out = _seed(settings, debug=False)

    assert DEMO_TOTP_SECRET not in out
    assert not TOTPDevice.objects.exists()


def test_the_demo_secret_logs_in_with_debug_on(client, settings):
    _seed(settings, debug=True)
    client.post(
        "/accounts/login/", {"username": "dr.hansen@example.org", "password": "demo-pass-2026"}
    )

    response = client.post("/account/mfa/verify/", {"code": _current_code()})

    assert response.status_code == 302
    assert client.get("/patients/").status_code == 200


def test_production_refuses_the_demo_secret(client, settings):
    _seed(settings, debug=True)
    settings.DEBUG = False
    hansen = demo_user("dr.hansen@example.org")
    client.force_login(hansen)

    assert services.verify_code(user=hansen, code=_current_code()) is None
    response = client.get("/patients/")

    # The published secret counts as no authenticator: set up a real one.
    assert response["Location"].startswith("/account/mfa/setup/")
    assert client.post("/account/mfa/verify/", {"code": _current_code()})["Location"].startswith(
        "/account/mfa/setup/"
    )


def test_production_ends_a_session_verified_with_the_demo_secret(client, settings):
    _seed(settings, debug=True)
    hansen = demo_user("dr.hansen@example.org")
    client.force_login(hansen)
    client.post("/account/mfa/verify/", {"code": _current_code()})
    assert client.session[DEVICE_ID_SESSION_KEY]
    settings.DEBUG = False

    response = client.get("/patients/")

    assert response["Location"].startswith("/account/mfa/setup/")
