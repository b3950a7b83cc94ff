"""Two-step login: required for staff and dermatologists, optional for patients."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.audit import AuditEntry
from clinic.mfa import services
from tests.conftest import login
from tests.factories import PASSWORD

SETUP = "/account/mfa/setup/"
VERIFY = "/account/mfa/verify/"
CODES = "/account/mfa/recovery-codes/"

STAFF_PAGES = [
    "/patients/",
    "/patients/new/",
    "/reports/",
    "/my/",
    "/account/",
    "/accounts/password_change/",
    "/admin/",
    "/admin/clinic/user/",
    "/admin/patients/sideeffectreport/",
    "/admin/login/",
]


def code_for(device) -> str:
    """The code an authenticator app shows now for `device`."""
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def authenticator(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone")


@pytest.fixture
def staff(request, dr_hansen, admin_user):
    return {"dermatologist": dr_hansen, "admin": admin_user}[request.param]


@pytest.mark.parametrize("staff", ["dermatologist", "admin"], indirect=True)
@pytest.mark.parametrize("url", STAFF_PAGES)
def test_staff_without_a_device_are_sent_to_set_one_up(client, staff, url):
    client.force_login(staff)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(f"{SETUP}?next=")


@pytest.mark.parametrize("staff", ["dermatologist", "admin"], indirect=True)
@pytest.mark.parametrize("url", STAFF_PAGES)
def test_staff_with_a_device_are_asked_for_a_code(client, staff, url):
    authenticator(staff)
    client.force_login(staff)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(f"{VERIFY}?next=")


def test_a_post_to_patient_data_is_refused_before_the_second_step(client, dr_hansen, kari):
    client.force_login(dr_hansen)

    response = client.post(f"/patients/{kari.patient.pk}/assign/", {"leaflets": []})

    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)


def test_login_with_password_leads_to_the_code_page_and_then_to_the_page(client, dr_hansen):
    device = authenticator(dr_hansen)

    response = client.post(
        "/accounts/login/?next=/patients/",
        {"username": dr_hansen.email, "password": PASSWORD, "next": "/patients/"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"{VERIFY}?next=%2Fpatients%2F"

    response = client.post(VERIFY, {"code": code_for(device), "next": "/patients/"})

    assert response.status_code == 302
    assert response["Location"] == "/patients/"
    assert client.get("/patients/").status_code == 200


def test_a_wrong_code_is_an_error_and_lets_nobody_in(client, dr_hansen):
    device = authenticator(dr_hansen)
    client.force_login(dr_hansen)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"

    response = client.post(VERIFY, {"code": wrong})

    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert client.get("/patients/")["Location"].startswith(VERIFY)


def test_a_code_cannot_be_used_twice(client, dr_hansen):
    device = authenticator(dr_hansen)
    client.force_login(dr_hansen)
    code = code_for(device)
    assert client.post(VERIFY, {"code": code}).status_code == 302

    client.post("/accounts/logout/")
    dr_hansen.refresh_from_db()  # logout raised the session generation
    client.force_login(dr_hansen)  # a second login in the same 30 seconds
    response = client.post(VERIFY, {"code": code})

    assert response.status_code == 200


def test_the_session_key_changes_at_the_second_step(client, dr_hansen):
    device = authenticator(dr_hansen)
    client.force_login(dr_hansen)
    before = client.session.session_key

    client.post(VERIFY, {"code": code_for(device)})

    assert client.session.session_key != before
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id


def test_verify_does_not_redirect_to_another_site(client, dr_hansen):
    device = authenticator(dr_hansen)
    client.force_login(dr_hansen)

    response = client.post(VERIFY, {"code": code_for(device), "next": "https://evil.example/"})

    assert response["Location"] == "/"


def _enrol(client, user):
    """Go through the setup page as a user would; return the recovery codes shown."""
    page = client.get(SETUP).content.decode()
    secret = re.search(r'id="mfa-secret"[^>]*>([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert services.base32_secret(device) == secret
    response = client.post(SETUP, {"password": PASSWORD, "code": code_for(device)})
    assert response.status_code == 302
    assert response["Location"] == CODES
    page = client.get(CODES).content.decode()
    return re.findall(r"<li>([a-z2-7]{4}-[a-z2-7]{4})</li>", page)


def test_setup_page_draws_the_qr_code_inline_and_shows_the_secret(client, dr_hansen):
    client.force_login(dr_hansen)

    response = client.get(SETUP)
    page = response.content.decode()

    assert response.status_code == 200
    assert '<svg role="img"' in page
    assert "data:" not in page
    assert "<img" not in page
    secret = services.base32_secret(TOTPDevice.objects.get(user=dr_hansen))
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in page


def test_enrolment_turns_mfa_on_and_shows_ten_recovery_codes_once(client, dr_hansen):
    client.force_login(dr_hansen)

    codes = _enrol(client, dr_hansen)

    assert len(codes) == 10
    assert len(set(codes)) == 10
    assert TOTPDevice.objects.get(user=dr_hansen).confirmed
    assert StaticToken.objects.filter(device__user=dr_hansen).count() == 10
    assert client.get("/patients/").status_code == 200
    again = client.get(CODES).content.decode()
    assert not any(code in again for code in codes)
    assert AuditEntry.objects.filter(action="mfa.enrolled", object_id=str(dr_hansen.pk)).exists()


@pytest.mark.parametrize("password", ["", "wrong-password-123"])
def test_enrolment_asks_for_the_current_password(client, dr_hansen, password):
    client.force_login(dr_hansen)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=dr_hansen)

    response = client.post(SETUP, {"password": password, "code": code_for(device)})

    assert response.status_code == 200
    assert not TOTPDevice.objects.get(user=dr_hansen).confirmed


def test_enrolment_refuses_a_wrong_code(client, dr_hansen):
    client.force_login(dr_hansen)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=dr_hansen)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"

    response = client.post(SETUP, {"password": PASSWORD, "code": wrong})

    assert response.status_code == 200
    assert not TOTPDevice.objects.get(user=dr_hansen).confirmed


def test_a_new_authenticator_cannot_replace_the_old_one_without_its_code(client, dr_hansen):
    authenticator(dr_hansen)
    client.force_login(dr_hansen)

    response = client.get(SETUP)

    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=dr_hansen, confirmed=False).count() == 0


def test_a_recovery_code_works_once(client, dr_hansen):
    client.force_login(dr_hansen)
    codes = _enrol(client, dr_hansen)
    client.post("/accounts/logout/")
    dr_hansen.refresh_from_db()  # logout raised the session generation
    client.force_login(dr_hansen)

    response = client.post(VERIFY, {"code": codes[0].upper()})

    assert response.status_code == 302
    assert client.get("/patients/").status_code == 200
    assert [str(m) for m in get_messages(response.wsgi_request)]
    client.post("/accounts/logout/")
    dr_hansen.refresh_from_db()  # logout raised the session generation
    client.force_login(dr_hansen)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        assert client.post(VERIFY, {"code": codes[0]}).status_code == 200
        # A wrong code slows the next try down (django-otp throttling).
        assert client.post(VERIFY, {"code": codes[1]}).status_code == 200
        traveller.shift(5)
        assert client.post(VERIFY, {"code": codes[1].replace("-", "")}).status_code == 302


def test_new_recovery_codes_need_the_password_and_end_the_old_ones(client_for, dr_hansen):
    client = client_for(dr_hansen)
    old = services.regenerate_recovery_codes(user=dr_hansen)

    refused = client.post(CODES, {"password": "not-the-password"})
    assert refused.status_code == 200
    response = client.post(CODES, {"password": PASSWORD}, follow=True)

    new = re.findall(r"<li>([a-z2-7]{4}-[a-z2-7]{4})</li>", response.content.decode())
    assert len(new) == 10
    assert services.verify_code(user=dr_hansen, code=old[0]) is None
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        assert services.verify_code(user=dr_hansen, code=new[0]) is not None


def test_mfa_is_optional_for_patients(client, kari):
    client.force_login(kari)

    assert client.get("/my/").status_code == 200
    assert client.get("/account/mfa/").status_code == 200


def test_a_patient_who_turned_mfa_on_is_asked_for_a_code(client, kari):
    client.force_login(kari)
    codes = _enrol(client, kari)
    assert len(codes) == 10
    client.post("/accounts/logout/")

    client.post("/accounts/login/", {"username": kari.email, "password": PASSWORD})

    assert client.get("/my/")["Location"].startswith(VERIFY)


def test_a_patient_turns_mfa_off_with_the_password(client, kari):
    client.force_login(kari)
    _enrol(client, kari)

    assert client.post("/account/mfa/remove/", {"password": "wrong"}).status_code == 200
    response = client.post("/account/mfa/remove/", {"password": PASSWORD})

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=kari).exists()
    assert client.get("/my/").status_code == 200


def test_staff_cannot_turn_mfa_off(client_for, dr_hansen):
    client = client_for(dr_hansen)

    response = client.post("/account/mfa/remove/", {"password": PASSWORD})

    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=dr_hansen).exists()


def test_the_clinic_can_require_mfa_for_patients(client, kari, settings):
    settings.MFA_REQUIRED_FOR_PATIENTS = True
    client.force_login(kari)

    response = client.get("/my/")

    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)
    assert client.post("/account/mfa/remove/", {"password": PASSWORD}).status_code == 302


@pytest.mark.parametrize("url", ["/accounts/login/", SETUP, "/healthz"])
def test_open_pages_stay_open_before_the_second_step(client, dr_hansen, url):
    client.force_login(dr_hansen)

    response = client.get(url)

    assert response.status_code in (200, 302)
    assert not response.get("Location", "").startswith((SETUP, VERIFY))


def test_language_switch_and_logout_work_before_the_second_step(client, dr_hansen):
    client.force_login(dr_hansen)

    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    logged_out = client.post("/accounts/logout/")

    assert switched.status_code == 302
    assert switched["Location"] == "/"
    assert logged_out.status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_login_helper_passes_the_second_step(client_for, dr_hansen, admin_user):
    assert client_for(dr_hansen).get("/patients/").status_code == 200
    assert login(client_for(admin_user), admin_user).get("/admin/").status_code == 200


def test_a_session_passed_with_an_authenticator_since_removed_must_set_one_up(
    client_for, dr_hansen
):
    client = client_for(dr_hansen)
    assert client.get("/patients/").status_code == 200
    TOTPDevice.objects.filter(user=dr_hansen).delete()

    response = client.get("/patients/")

    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)


def test_a_session_that_names_another_users_authenticator_is_not_passed(
    client_for, dr_hansen, dr_lie
):
    client = client_for(dr_hansen)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = authenticator(dr_lie).persistent_id
    session.save()

    response = client.get("/patients/")

    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)


def test_the_request_carries_the_verified_user_itself(client_for, dr_hansen, kari):
    staff_request = client_for(dr_hansen).get("/patients/").wsgi_request
    patient_request = client_for(kari).get("/my/").wsgi_request

    assert type(staff_request.user) is type(dr_hansen)
    assert staff_request.user == dr_hansen
    assert staff_request.user.is_verified()
    assert staff_request.user.otp_device.user == dr_hansen
    assert type(patient_request.user) is type(kari)
    assert not patient_request.user.is_verified()


def test_an_anonymous_request_carries_an_anonymous_unverified_user(client):
    user = client.get("/").wsgi_request.user

    assert user.is_anonymous
    assert not user.is_verified()
