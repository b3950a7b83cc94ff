"""The demo data gives the leaflet insight several weeks of history with a hard question."""

import io

from django.core.management import call_command

from clinic.models import User
from patients.models import Assignment, TeachBackAnswer
from tests.conftest import login


def _seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", "--force", stdout=out)
    return out.getvalue()


def test_seed_demo_adds_example_history_that_makes_the_insight_meaningful(db, client):
    output = _seed()

    assert "Added 30 example patients' azathioprine history for the leaflet insight" in output
    assert "Added the demo patients' leaflets" in output
    examples = User.objects.filter(email__startswith="eksempel.pasient")
    assert examples.count() == 30
    assert not any(user.has_usable_password() or user.is_active for user in examples)
    assert {u.patient.dermatologist.user.email for u in examples} == {"dr.hansen@example.org"}
    ages = Assignment.objects.filter(patient__user__in=examples).values_list(
        "assigned_at", flat=True
    )
    assert (max(ages) - min(ages)).days >= 6 * 7
    assert TeachBackAnswer.objects.filter(attempt=2).exists()

    # The demo editor (in the editors' group) and dr. Hansen (an approver) both see it.
    login(client, User.objects.get(email="dr.hansen@example.org"))
    assert client.get("/insight/leaflets/").status_code == 200
    login(client, User.objects.get(email="redaktor@example.org"))
    data = client.get("/insight/leaflets/azathioprine/").context["data"]
    assert data.totals["assigned"] >= 30
    assert 0 < data.totals["acknowledged"] < data.totals["opened"] < data.totals["assigned"]
    assert data.median_days is not None
    flagged = data.flagged
    assert flagged and flagged[0].question.position == min(
        q.question.position for q in data.questions
    )
    assert flagged[0].section_url.startswith("/leaflets/azathioprine/#s-")


def test_seed_demo_twice_adds_the_history_once(db):
    _seed()
    answers = TeachBackAnswer.objects.count()

    output = _seed()

    assert "example patients" not in output
    assert TeachBackAnswer.objects.count() == answers
