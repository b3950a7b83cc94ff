"""Login throttling: keyed on the account (the normalised e-mail), the address and both."""

import datetime
import re

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.utils import timezone

from tests.factories import PASSWORD

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"


def fail(client, email, *, times=1, url=LOGIN, **extra):
    for _ in range(times):
        response = client.post(url, {"username": email, "password": "wrong"}, **extra)
        assert response.status_code in (200, 429)


def log_in(client, email, *, url=LOGIN, **extra):
    return client.post(url, {"username": email, "password": PASSWORD}, **extra)


@pytest.mark.parametrize(
    "spelling", ["Ola@example.org", "OLA@EXAMPLE.ORG", " ola@example.org ", "ola@EXAMPLE.org"]
)
def test_five_wrong_passwords_lock_every_spelling_of_the_address(client, ola, spelling):
    fail(client, "ola@example.org", times=5)

    response = log_in(client, spelling)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_guesses_spread_over_spellings_count_together(client, ola):
    for spelling in ["ola@example.org", "Ola@example.org", "OLA@EXAMPLE.ORG", "oLa@Example.Org"]:
        fail(client, spelling)
    fail(client, "OLA@example.org")

    assert log_in(client, "ola@example.org").status_code == 429


def test_admin_login_locks_every_spelling_too(client, admin_user):
    fail(client, "admin@example.org", times=5, url=ADMIN_LOGIN)

    response = log_in(client, "ADMIN@Example.org", url=ADMIN_LOGIN)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_right_password_in_another_spelling_does_not_lift_the_lock(client, ola):
    fail(client, "ola@example.org", times=5)

    assert log_in(client, "Ola@Example.org").status_code == 429
    assert log_in(client, "ola@example.org").status_code == 429


def test_fewer_than_five_failures_do_not_lock(client, ola):
    fail(client, "OLA@example.org", times=4)

    assert log_in(client, "ola@example.org").status_code == 302


def test_one_address_cannot_spray_passwords_over_many_accounts(client, kari):
    limit = settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS
    for number in range(limit):
        fail(client, f"patient{number}@example.org")

    response = log_in(client, kari.email)

    assert response.status_code == 429


def test_a_login_to_the_attackers_own_account_does_not_reset_the_address_count(client, kari, ola):
    limit = settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS
    for number in range(limit - 1):
        fail(client, f"patient{number}@example.org")
    assert log_in(client, ola.email).status_code == 302
    client.logout()

    fail(client, "someone@example.org")

    assert log_in(client, kari.email).status_code == 429


def test_new_addresses_get_no_fresh_guesses_at_a_locked_account(client, kari):
    limit = settings.LOGIN_FAILURE_LIMIT_PER_ACCOUNT
    per_pair = settings.AXES_FAILURE_LIMIT - 1
    for number in range(-(-limit // per_pair)):
        fail(client, kari.email, times=per_pair, REMOTE_ADDR=f"203.0.113.{number + 1}")

    response = log_in(client, kari.email, REMOTE_ADDR="198.51.100.7")

    assert response.status_code == 429


def test_the_lock_ends_after_the_cooloff(client, kari):
    fail(client, kari.email, times=5)
    assert log_in(client, kari.email).status_code == 429

    later = timezone.now() + settings.AXES_COOLOFF_TIME + datetime.timedelta(minutes=1)
    with time_machine.travel(later):
        response = log_in(client, kari.email)

    assert response.status_code == 302


def test_a_spoofed_forwarded_for_header_does_not_bypass_the_lock(client, kari):
    for number in range(5):
        fail(client, kari.email, HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")

    response = log_in(client, kari.email, HTTP_X_FORWARDED_FOR="198.51.100.7")

    assert response.status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_clients(client, kari, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    fail(client, kari.email, times=5, HTTP_X_FORWARDED_FOR="203.0.113.9")

    locked = log_in(client, kari.email, HTTP_X_FORWARDED_FOR="203.0.113.9")
    elsewhere = log_in(client, kari.email, HTTP_X_FORWARDED_FOR="spoofed, 198.51.100.7")

    assert locked.status_code == 429
    assert elsewhere.status_code == 302


def test_the_lock_page_says_how_long_and_that_a_new_password_lifts_it(client, kari):
    fail(client, kari.email, times=5)

    response = log_in(client, kari.email, HTTP_ACCEPT_LANGUAGE="en")

    page = response.content.decode()
    assert response.status_code == 429
    assert "60 minutes" in page
    assert "/accounts/password_reset/" in page
    assert "new password" in page


def test_setting_a_new_password_by_the_mailed_link_lifts_the_lock(client, kari, run_tasks):
    fail(client, kari.email, times=5)
    client.post("/accounts/password_reset/", {"email": "KARI@example.org"})
    run_tasks()
    link = re.search(r"http://\S+?(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    client.post(
        form_url,
        {"new_password1": "a-new-long-passphrase", "new_password2": "a-new-long-passphrase"},
    )

    response = client.post(LOGIN, {"username": kari.email, "password": "a-new-long-passphrase"})

    assert response.status_code == 302
