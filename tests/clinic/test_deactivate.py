"""Accounts that are part of a record are deactivated in admin, never deleted."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.utils import timezone

from clinic.models import AuditEntry, User
from clinic.services import deactivate_users
from patients.models import Invitation
from tests.factories import PASSWORD, AdminUserFactory


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_deactivating_stops_login_and_is_audited(kari, admin_user, client):
    deactivated = deactivate_users(users=[kari], by=admin_user)

    kari.refresh_from_db()
    assert deactivated == [kari]
    assert not kari.is_active
    entry = AuditEntry.objects.get(action="user.deactivated")
    assert (entry.actor, entry.object_type, entry.object_id) == (
        admin_user,
        "clinic.user",
        str(kari.pk),
    )
    response = client.post("/accounts/login/", {"username": kari.email, "password": PASSWORD})
    assert response.status_code == 200
    assert response.wsgi_request.user.is_anonymous


def test_deactivating_ends_an_open_session(kari, admin_user, client_for):
    client = client_for(kari)

    deactivate_users(users=[kari], by=admin_user)

    response = client.get("/my/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_deactivating_stops_an_open_activation_link(kari, admin_user):
    later = timezone.now() + timezone.timedelta(days=3)
    invitation = Invitation.objects.create(user=kari, token_hash="a" * 64, expires_at=later)

    deactivate_users(users=[kari], by=admin_user)

    invitation.refresh_from_db()
    assert not invitation.is_usable()


def test_deactivating_an_inactive_account_changes_and_logs_nothing(kari, admin_user):
    User.objects.filter(pk=kari.pk).update(is_active=False)

    assert deactivate_users(users=[kari], by=admin_user) == []
    assert not AuditEntry.objects.filter(action="user.deactivated").exists()


def test_an_admin_cannot_deactivate_their_own_account(admin_user, kari):
    with pytest.raises(ValidationError):
        deactivate_users(users=[kari, admin_user], by=admin_user)

    assert User.objects.filter(pk__in=[kari.pk, admin_user.pk], is_active=True).count() == 2


def test_admin_action_deactivates_the_selected_accounts(admin_client, kari, ola):
    response = admin_client.post(
        "/admin/clinic/user/",
        {"action": "deactivate", "_selected_action": [kari.pk, ola.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert "2 kontoer er deaktivert." in _messages(response)
    assert not User.objects.filter(pk__in=[kari.pk, ola.pk], is_active=True).exists()
    assert AuditEntry.objects.filter(action="user.deactivated").count() == 2


def test_patient_admin_action_deactivates_the_patients_account(admin_client, kari):
    response = admin_client.post(
        "/admin/patients/patient/",
        {"action": "deactivate", "_selected_action": [kari.patient.pk]},
    )

    assert response.status_code == 302
    kari.refresh_from_db()
    assert not kari.is_active


def test_admin_refuses_to_delete_an_account_with_a_record(admin_client, kari):
    change_page = admin_client.get(f"/admin/clinic/user/{kari.pk}/change/")
    response = admin_client.post(f"/admin/clinic/user/{kari.pk}/delete/", {"post": "yes"})

    assert f"/admin/clinic/user/{kari.pk}/delete/" not in change_page.content.decode()
    assert response.status_code == 302
    assert response.url == f"/admin/clinic/user/{kari.pk}/change/"
    assert "kan ikke slettes" in _messages(response)[0]
    assert User.objects.filter(pk=kari.pk).exists()


def test_admin_bulk_delete_refuses_when_any_account_has_a_record(admin_client, kari):
    nobody = AdminUserFactory(email="nobody@example.org")

    response = admin_client.post(
        "/admin/clinic/user/",
        {"action": "delete_selected", "_selected_action": [kari.pk, nobody.pk], "post": "yes"},
    )

    assert response.status_code == 302
    assert "kan ikke slettes" in _messages(response)[0]
    assert User.objects.filter(pk__in=[kari.pk, nobody.pk]).count() == 2


def test_admin_deletes_an_account_without_a_record(admin_client, db):
    nobody = AdminUserFactory(email="nobody@example.org")

    response = admin_client.post(f"/admin/clinic/user/{nobody.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not User.objects.filter(pk=nobody.pk).exists()


def test_patient_profiles_cannot_be_deleted_in_admin(admin_client, kari):
    response = admin_client.post(f"/admin/patients/patient/{kari.patient.pk}/delete/")

    assert response.status_code == 403
    assert User.objects.filter(pk=kari.pk).exists()
