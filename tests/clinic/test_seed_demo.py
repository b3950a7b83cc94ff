import pytest
from django.core.management import CommandError, call_command

from clinic.models import Role, User
from patients import selectors
from patients.models import SideEffectReport
from patients.state import AssignmentState


def test_seed_demo_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")

    assert not User.objects.exists()


def test_seed_demo_creates_the_demo_accounts_who_can_log_in(client, db):
    call_command("seed_demo", "--force")

    roles = dict(User.objects.exclude(email__startswith="eksempel.").values_list("email", "role"))
    assert roles == {
        "admin@example.org": Role.ADMIN,
        "redaktor@example.org": Role.ADMIN,
        "dr.hansen@example.org": Role.DERMATOLOGIST,
        "dr.lie@example.org": Role.DERMATOLOGIST,
        "kari@example.org": Role.PATIENT,
        "ola@example.org": Role.PATIENT,
        "per@example.org": Role.PATIENT,
    }
    response = client.post(
        "/accounts/login/", {"username": "dr.hansen@example.org", "password": "demo-pass-2026"}
    )
    assert response.status_code == 302


def test_seed_demo_twice_changes_nothing(db):
    call_command("seed_demo", "--force")
    before = list(User.objects.values_list("email", "password", "role", "language"))

    call_command("seed_demo", "--force")

    assert list(User.objects.values_list("email", "password", "role", "language")) == before


def test_seed_demo_gives_kari_leaflets_in_every_state(db):
    call_command("seed_demo", "--force")

    kari = User.objects.get(email="kari@example.org").patient
    states = {
        state.assignment.leaflet.slug: (state.is_current, state.is_outdated)
        for state in (
            AssignmentState(a, "nb")
            for a in selectors.assignments_with_state(kari.assignments.active())
        )
    }
    assert states == {
        "methotrexate": (False, False),
        "topical-corticosteroids": (True, False),
        "azathioprine": (False, True),
    }
    assert kari.dermatologist.user.email == "dr.hansen@example.org"
    assert User.objects.get(email="ola@example.org").patient.assignments.count() == 1
    per = User.objects.get(email="per@example.org").patient
    assert per.dermatologist.user.email == "dr.lie@example.org"


def test_seed_demo_gives_kari_an_urgent_open_report_with_a_reply_and_a_closed_one(db):
    call_command("seed_demo", "--force")

    reports = {
        (r.urgent, r.status): r.thread.messages.count()
        for r in SideEffectReport.objects.filter(patient__user__email="kari@example.org")
    }
    assert reports == {(True, "in_progress"): 1, (False, "closed"): 1, (True, "new"): 0}
