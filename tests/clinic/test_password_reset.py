import re

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from clinic.models import OutgoingMail

URL = "/accounts/password_reset/"


def mailed_link(message):
    return re.search(r"https?://\S+?(/accounts/reset/\S+)", message.body).group(1)


def test_password_reset_mails_a_link_that_sets_a_new_password(client, kari, run_tasks):
    response = client.post(URL, {"email": "Kari@example.org"})
    assert response["Location"] == "/accounts/password_reset/done/"
    assert mail.outbox == []
    run_tasks()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kari@example.org"]
    assert message.body.startswith("Hei, Kari!")
    form_url = client.get(mailed_link(message))["Location"]
    response = client.post(
        form_url,
        {"new_password1": "a-new-long-passphrase", "new_password2": "a-new-long-passphrase"},
    )

    assert response.status_code == 302
    kari.refresh_from_db()
    assert kari.check_password("a-new-long-passphrase")


def test_the_mail_is_queued_without_the_token(client, kari, run_tasks):
    client.post(URL, {"email": kari.email})
    run_tasks()

    queued = OutgoingMail.objects.get(recipient=kari)
    token = mailed_link(mail.outbox[0]).rstrip("/").split("/")[-1]
    assert queued.kind == OutgoingMail.Kind.PASSWORD_RESET
    assert queued.sent_at is not None
    assert token not in queued.path


def test_password_reset_for_unknown_address_sends_nothing_and_reveals_nothing(
    client, kari, run_tasks
):
    response = client.post(URL, {"email": "nobody@example.org"})
    run_tasks()

    assert response["Location"] == "/accounts/password_reset/done/"
    assert mail.outbox == []
    assert not OutgoingMail.objects.exists()


def test_known_and_unknown_addresses_do_the_same_work_in_the_request(client, kari):
    def request_reset(email):
        with CaptureQueriesContext(connection) as queries:
            response = client.post(URL, {"email": email})
        return response, len(queries)

    known, known_queries = request_reset(kari.email)
    unknown, unknown_queries = request_reset("nobody@example.org")

    assert known_queries == unknown_queries
    assert known["Location"] == unknown["Location"]
    assert DBTaskResult.objects.count() == 2
    assert mail.outbox == []


def test_requests_for_one_address_are_throttled(client, kari, run_tasks):
    limit = settings.PASSWORD_RESET_LIMIT_PER_EMAIL
    for number in range(limit + 2):
        response = client.post(URL, {"email": kari.email}, REMOTE_ADDR=f"203.0.113.{number}")
        assert response["Location"] == "/accounts/password_reset/done/"
    run_tasks()

    assert len(mail.outbox) == limit


def test_requests_from_one_client_address_are_throttled(client, db):
    limit = settings.PASSWORD_RESET_LIMIT_PER_ADDRESS
    for number in range(limit + 2):
        response = client.post(URL, {"email": f"person{number}@example.org"})
        assert response["Location"] == "/accounts/password_reset/done/"

    assert DBTaskResult.objects.count() == limit


def test_short_password_is_refused_with_a_reason(client_for, kari):
    client = client_for(kari)

    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": "correct-horse-battery-staple",
            "new_password1": "short-pw",
            "new_password2": "short-pw",
        },
    )

    assert response.status_code == 200
    assert "minst 12 tegn" in response.content.decode()


@pytest.mark.parametrize("password", ["karinordmann99", "Nordmann-Kari-1", "nordmannkari"])
def test_a_password_resembling_the_full_name_is_refused(client_for, kari, password):
    client = client_for(kari)

    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": "correct-horse-battery-staple",
            "new_password1": password,
            "new_password2": password,
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    kari.refresh_from_db()
    assert kari.check_password("correct-horse-battery-staple")
