"""seed_bench: the synthetic clinic chain the benchmark runs against (no timings here)."""

import io
import re
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from clinic.models import Role, User
from patients.models import (
    Assignment,
    Dermatologist,
    Message,
    Patient,
    SideEffectReport,
    Thread,
)
from tests.factories import UserFactory


def seed(*args) -> str:
    out = io.StringIO()
    call_command("seed_bench", "--patients", "30", "--leaflets", "8", *args, stdout=out)
    return out.getvalue()


def state(assignment) -> str:
    if assignment.withdrawn_at:
        return "withdrawn"
    if assignment.current_acknowledged:
        return "acknowledged"
    if assignment.ever_acknowledged:
        return "outdated"
    return "opened" if assignment.first_opened_at else "unread"


@pytest.fixture
def seeded(db):
    return seed()


def test_seed_bench_makes_patients_over_dermatologists_who_can_log_in(seeded, client):
    patients = Patient.objects.filter(user__email__endswith="@bench.invalid")
    assert patients.count() == 30
    assert User.objects.get(email="bench-patient-000030@bench.invalid").role == Role.PATIENT
    doctors = Dermatologist.objects.filter(user__email__endswith="@bench.invalid")
    assert doctors.count() == 50
    # Four big lists of a fixed size (2,000, or a fifth of a small chain), the rest uneven.
    big = patients.filter(dermatologist__user__email="bench-derm-04@bench.invalid")
    assert big.count() == 30 // 5
    assert patients.values("dermatologist").distinct().count() > 5
    assert User.objects.filter(email__endswith="@bench.invalid", is_superuser=True).count() == 5

    password = re.search(r"password: (\S+)", seeded).group(1)
    response = client.post(
        "/accounts/login/",
        {"username": "bench-patient-000007@bench.invalid", "password": password},
    )
    assert response.status_code == 302
    assert "30 synthetic patients" in seeded


def test_seed_bench_assignments_cover_every_state(seeded):
    assignments = Assignment.objects.filter(patient__user__email__endswith="@bench.invalid")
    per_patient = assignments.values("patient").annotate(n=Count("pk")).values_list("n", flat=True)
    assert min(per_patient) >= 1
    assert max(per_patient) <= 8  # one assignment per leaflet, eight leaflets
    states = Counter(state(a) for a in assignments.with_state())
    assert set(states) == {"unread", "opened", "acknowledged", "outdated", "withdrawn"}
    # The home page's active assignments and the constraint agree: no duplicate per leaflet.
    active = assignments.active().values("patient", "leaflet").annotate(n=Count("pk"))
    assert max(row["n"] for row in active) == 1


def test_seed_bench_reports_have_unique_references_messages_and_urgency(seeded):
    reports = SideEffectReport.objects.filter(patient__user__email__endswith="@bench.invalid")
    assert reports.count() >= 20
    for report in reports:
        assert report.reference == f"R-{report.created_at:%Y}-{report.pk:05d}"
        assert report.thread.patient_id == report.patient_id
        if report.status == SideEffectReport.Status.CLOSED:
            assert report.closed_at is not None and report.action
            assert not report.thread.awaiting_dermatologist
    assert {r.status for r in reports} == set(SideEffectReport.Status.values)
    assert Message.objects.filter(thread__report__in=reports).count() >= reports.count() // 2
    assert any(r.symptoms for r in reports)


def test_seed_bench_leaves_the_id_sequences_after_its_rows(seeded):
    highest = Thread.objects.order_by("-pk").values_list("pk", flat=True).first()
    patient = Patient.objects.filter(user__email__endswith="@bench.invalid").first()

    assert Thread.objects.create(patient=patient).pk > highest


def test_seed_bench_once_only(seeded):
    again = seed()

    assert "Already seeded: 30 synthetic patients" in again
    assert Patient.objects.filter(user__email__endswith="@bench.invalid").count() == 30


def test_seed_bench_refuses_a_database_with_real_users(db):
    UserFactory(email="someone@hudklinikk.no")

    with pytest.raises(CommandError, match="real users"):
        seed()
    assert not Patient.objects.exists()

    seed("--force")
    assert Patient.objects.filter(user__email__endswith="@bench.invalid").count() == 30
