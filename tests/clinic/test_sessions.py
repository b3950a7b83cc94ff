"""Sessions end when idle, at an absolute limit, and everywhere at logout."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.test import Client
from django.utils import timezone

from tests.conftest import login
from tests.factories import PASSWORD

LOGIN = "/accounts/login/"


def _logged_out_by_the_timeout(response) -> bool:
    return (
        response.status_code == 302
        and response["Location"].startswith(LOGIN)
        and any("økten" in str(m) for m in get_messages(response.wsgi_request))
    )


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


@pytest.mark.parametrize(
    ("who", "url", "idle_minutes"),
    [("kari", "/my/", 60), ("dr_hansen", "/patients/", 30), ("admin_user", "/admin/", 30)],
)
def test_an_idle_session_ends_after_its_role_s_limit(
    client, clock, request, who, url, idle_minutes
):
    user = request.getfixturevalue(who)
    login(client, user)

    clock.shift(timedelta(minutes=idle_minutes - 1))
    assert client.get(url).status_code == 200
    clock.shift(timedelta(minutes=idle_minutes + 1))
    response = client.get(url)

    assert _logged_out_by_the_timeout(response)
    assert response["Location"] == f"{LOGIN}?next={url.replace('/', '%2F')}"
    assert "_auth_user_id" not in client.session


def test_activity_keeps_a_session_alive_until_the_absolute_limit(client, clock, kari):
    login(client, kari)

    for _ in range(14):  # 14 × 50 minutes = 11 h 40 min
        clock.shift(timedelta(minutes=50))
        assert client.get("/my/").status_code == 200
    clock.shift(timedelta(minutes=25))  # 12 h 5 min after login

    assert _logged_out_by_the_timeout(client.get("/my/"))


def test_the_limits_come_from_the_settings(client, clock, kari, settings):
    settings.SESSION_IDLE_MINUTES_PATIENT = 5
    login(client, kari)

    clock.shift(timedelta(minutes=6))

    assert _logged_out_by_the_timeout(client.get("/my/"))


def test_a_timeout_in_one_browser_leaves_the_other_logged_in(clock, kari):
    laptop, phone = Client(), Client()
    login(laptop, kari)
    clock.shift(timedelta(minutes=40))
    login(phone, kari)
    clock.shift(timedelta(minutes=30))

    assert _logged_out_by_the_timeout(laptop.get("/my/"))
    assert phone.get("/my/").status_code == 200


@pytest.mark.parametrize("who", ["kari", "dr_hansen"])
def test_logout_ends_the_user_s_other_sessions(request, who):
    user = request.getfixturevalue(who)
    laptop, phone = Client(), Client()
    login(laptop, user)
    login(phone, user)

    laptop.post("/accounts/logout/")
    response = phone.get("/account/")

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    user.refresh_from_db()
    assert user.session_generation == 1


def test_logout_leaves_other_users_logged_in(kari, ola):
    kari_client, ola_client = Client(), Client()
    login(kari_client, kari)
    login(ola_client, ola)

    kari_client.post("/accounts/logout/")

    assert ola_client.get("/my/").status_code == 200


def test_a_new_login_after_logout_works(client, kari):
    login(client, kari)
    client.post("/accounts/logout/")

    client.post(LOGIN, {"username": kari.email, "password": PASSWORD})

    assert client.get("/my/").status_code == 200


def test_password_change_ends_the_other_sessions_but_not_this_one(kari):
    laptop, phone = Client(), Client()
    login(laptop, kari)
    login(phone, kari)
    new = "a-new-long-passphrase-2026"

    response = laptop.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )

    assert response.status_code == 302
    assert laptop.get("/my/").status_code == 200
    assert phone.get("/my/")["Location"].startswith(LOGIN)


def test_a_session_without_a_login_time_is_ended(client, kari):
    login(client, kari)
    session = client.session
    del session["session_login_at"]
    session.save()

    assert client.get("/my/")["Location"].startswith(LOGIN)


def test_production_cookies_are_secure_host_only_and_lax():
    # The test settings turn Secure off for plain HTTP; the production module keeps its own.
    import clinic.settings as production

    assert production.SESSION_COOKIE_NAME == "__Host-sessionid"
    assert production.CSRF_COOKIE_NAME == "__Host-csrftoken"
    assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE
    assert production.SESSION_COOKIE_HTTPONLY and production.CSRF_COOKIE_HTTPONLY
    assert production.SESSION_COOKIE_SAMESITE == production.CSRF_COOKIE_SAMESITE == "Lax"
    assert production.SESSION_COOKIE_DOMAIN is None and production.CSRF_COOKIE_DOMAIN is None
    assert production.SESSION_COOKIE_PATH == production.CSRF_COOKIE_PATH == "/"
    assert production.SESSION_COOKIE_AGE == 12 * 60 * 60
