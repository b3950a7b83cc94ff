"""Malformed input gets a form error or a 400, never a server error."""

import pytest
from django.test import Client

from tests.factories import PASSWORD

FORM_POSTS = ["/accounts/login/", "/accounts/password_reset/", "/i18n/setlang/"]


@pytest.mark.parametrize("length", [256, 100_000])
@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
def test_an_overlong_user_name_is_a_form_error(client, kari, url, length):
    response = client.post(url, {"username": "k" * length, "password": PASSWORD})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_an_overlong_user_name_counts_as_a_failure_of_its_first_characters(client, kari):
    for _ in range(5):
        client.post("/accounts/login/", {"username": "k" * 300, "password": "wrong"})

    response = client.post("/accounts/login/", {"username": "k" * 300, "password": "wrong"})

    assert response.status_code == 429


def csrf_client():
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.get("/accounts/login/")
    return client, client.cookies["csrftoken"].value


@pytest.mark.parametrize("charset", ["utf-16", "latin-1", "utf-32", "no-such-charset"])
@pytest.mark.parametrize("url", FORM_POSTS)
def test_a_form_post_in_another_charset_is_a_bad_request(db, url, charset):
    client, token = csrf_client()
    body = f"csrfmiddlewaretoken={token}&username=kari%40example.org&email=x&language=en"

    response = client.generic(
        "POST",
        url,
        body.encode(),
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )

    assert response.status_code == 400


@pytest.mark.parametrize("url", FORM_POSTS)
def test_a_multipart_post_in_another_charset_is_a_bad_request(db, url):
    client, token = csrf_client()
    body = (
        f'--XX\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{token}\r\n'
        "--XX--\r\n"
    ).encode("utf-16")

    response = client.generic(
        "POST", url, body, content_type="multipart/form-data; boundary=XX; charset=utf-16"
    )

    assert response.status_code == 400


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8", "utf8"])
def test_a_form_post_declaring_utf8_works(db, charset):
    client, token = csrf_client()

    response = client.generic(
        "POST",
        "/i18n/setlang/",
        f"csrfmiddlewaretoken={token}&language=en&next=/".encode(),
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )

    assert response.status_code == 302
