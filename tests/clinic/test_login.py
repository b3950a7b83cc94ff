import pytest
from django.conf import settings

from tests.factories import PASSWORD


def test_login_page_shows_the_standard_fields(client, db):
    response = client.get("/accounts/login/")

    assert response.status_code == 200
    assert b'name="username"' in response.content
    assert b'name="password"' in response.content
    assert b'autocomplete="off"' not in response.content


def test_patient_logs_in_with_email_in_any_case(client, kari):
    response = client.post(
        "/accounts/login/", {"username": "KARI@Example.ORG", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response.wsgi_request.user == kari


def test_wrong_password_shows_a_translated_error_and_keeps_the_email(client, kari):
    response = client.post(
        "/accounts/login/",
        {"username": "kari@example.org", "password": "wrong"},
        HTTP_ACCEPT_LANGUAGE="nb",
    )

    assert response.status_code == 200
    assert "feil e-postadresse eller passord" in response.content.decode().lower()
    assert b'value="kari@example.org"' in response.content


def test_login_switches_to_the_users_language(client, ola):
    response = client.post("/accounts/login/", {"username": ola.email, "password": PASSWORD})

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("kari", "/my/"), ("dr_hansen", "/overview/"), ("admin_user", "/admin/")],
)
def test_front_page_sends_each_role_to_its_home(client_for, persona, expected, request):
    client = client_for(request.getfixturevalue(persona))

    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == expected


def test_front_page_welcomes_anonymous_visitors_with_a_login_link(client, db):
    response = client.get("/")

    assert response.status_code == 200
    assert b'href="/accounts/login/"' in response.content


def test_account_page_needs_login(client, db):
    response = client.get("/account/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_logout_needs_post(client_for, kari):
    client = client_for(kari)

    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/account/").status_code == 302


def test_five_wrong_passwords_lock_the_account_for_a_while(client, kari):
    for _ in range(5):
        client.post("/accounts/login/", {"username": kari.email, "password": "wrong"})

    response = client.post("/accounts/login/", {"username": kari.email, "password": PASSWORD})

    assert response.status_code == 429
    assert "/accounts/password_reset/" in response.content.decode()
