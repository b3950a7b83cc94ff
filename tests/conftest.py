"""Personas every access test needs (hc's alice/bob/charlie idea).

dr. Hansen has two patients, Kari (Norwegian) and Ola (English); dr. Lie has Per. The
fixtures return the users; profiles are at `user.patient` and `user.dermatologist`.
"""

import django_otp
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.lib import memo
from clinic.mfa import SESSION_HAS_DEVICE, mfa_required
from tests.factories import (
    AdminUserFactory,
    DermatologistFactory,
    PatientFactory,
)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Throttle counters live in the cache; each test starts with none. The per-process memos
    go too: a rolled-back test database gives the next test the same primary keys."""
    cache.clear()
    memo.clear_all()


@pytest.fixture
def dr_hansen(db):
    return DermatologistFactory(
        user__email="dr.hansen@example.org", user__full_name="Erik Hansen"
    ).user


@pytest.fixture
def dr_lie(db):
    return DermatologistFactory(user__email="dr.lie@example.org", user__full_name="Ingrid Lie").user


@pytest.fixture
def kari(dr_hansen):
    return PatientFactory(
        user__email="kari@example.org",
        user__full_name="Kari Nordmann",
        user__language="nb",
        dermatologist=dr_hansen.dermatologist,
    ).user


@pytest.fixture
def ola(dr_hansen):
    return PatientFactory(
        user__email="ola@example.org",
        user__full_name="Ola Nordmann",
        user__language="en",
        dermatologist=dr_hansen.dermatologist,
    ).user


@pytest.fixture
def per(dr_lie):
    return PatientFactory(
        user__email="per@example.org",
        user__full_name="Per Hagen",
        dermatologist=dr_lie.dermatologist,
    ).user


@pytest.fixture
def admin_user(db):
    return AdminUserFactory(email="admin@example.org", full_name="Anne Berg")


def login(client, user):
    """Log the test client in as `user`, past the second step where it is required.

    Staff and dermatologists get an authenticator, and the session counts as verified
    with it, as after typing a code.
    """
    client.force_login(user)
    if mfa_required(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="test authenticator")
        session = client.session
        session[django_otp.DEVICE_ID_SESSION_KEY] = device.persistent_id
        session[SESSION_HAS_DEVICE] = True
        session.save()
    return client


@pytest.fixture
def client_for(client):
    """Log the test client in as the given user (see `login`) and return it."""

    def log_in(user):
        return login(client, user)

    return log_in


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin_client, past the second step."""
    return login(client, admin_user)


@pytest.fixture
def run_tasks(monkeypatch):
    """Run the queued background tasks with the real worker, then return.

    The worker closes database connections between tasks; inside a test's transaction
    (PostgreSQL) that would end the test's connection, so that one call is disabled.
    """
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )

    def run():
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    return run
