import re

from django.core import mail


def test_password_reset_mails_a_link_that_sets_a_new_password(client, kari):
    client.post("/accounts/password_reset/", {"email": "Kari@example.org"})

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kari@example.org"]
    link = re.search(r"http://testserver(/accounts/reset/\S+)", message.body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(
        form_url,
        {"new_password1": "a-new-long-passphrase", "new_password2": "a-new-long-passphrase"},
    )

    assert response.status_code == 302
    kari.refresh_from_db()
    assert kari.check_password("a-new-long-passphrase")


def test_password_reset_for_unknown_address_sends_nothing_and_reveals_nothing(client, db):
    response = client.post("/accounts/password_reset/", {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert mail.outbox == []


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
