"""Personas every access test needs (hc's alice/bob/charlie idea)."""

import pytest

from tests.factories import AdminUserFactory, DermatologistUserFactory, PatientUserFactory


@pytest.fixture
def kari(db):
    return PatientUserFactory(email="kari@example.org", full_name="Kari Nordmann", language="nb")


@pytest.fixture
def ola(db):
    return PatientUserFactory(email="ola@example.org", full_name="Ola Nordmann", language="en")


@pytest.fixture
def dr_hansen(db):
    return DermatologistUserFactory(email="dr.hansen@example.org", full_name="Erik Hansen")


@pytest.fixture
def dr_lie(db):
    return DermatologistUserFactory(email="dr.lie@example.org", full_name="Ingrid Lie")


@pytest.fixture
def admin_user(db):
    return AdminUserFactory(email="admin@example.org", full_name="Anne Berg")


@pytest.fixture
def client_for(client):
    """Log the test client in as the given user and return it."""

    def login(user):
        client.force_login(user)
        return client

    return login
