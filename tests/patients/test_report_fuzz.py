"""Whatever is posted to the report form: never a 500, never half a report."""

import uuid

from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from patients.models import SideEffectReport, Thread

FIELDS = [
    "form_token", "red_flag_fever", "symptoms", "other_symptoms", "started_on", "outcome",
    "stopped_on", "severity", "interference", "medicine_action", "dose", "other_medicines",
    "description", "consent",
]  # fmt: skip
VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "yes", "no", "nausea", "fever", "ongoing", "recovered", "mild", "very_severe",
            "a_little", "continued", "ask_first", "identified", "2026-11-20", "2026-13-40",
            "2999-01-01", "1900-01-01", "", "x" * 2100, str(uuid.uuid4()), "\x00",
        ]
    ),
    st.lists(st.sampled_from(["nausea", "fever", "bogus", ""]), max_size=3),
)  # fmt: skip


@settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=len(FIELDS)))
def test_fuzzed_reports_never_crash_and_are_saved_whole_or_not_at_all(kari, kari_medicine, data):
    client = Client()
    client.force_login(kari)
    before = SideEffectReport.objects.count()

    response = client.post(f"/my/reports/new/{kari_medicine.pk}/", data)

    assert response.status_code in (302, 400)
    saved = SideEffectReport.objects.count() - before
    if response.status_code == 400:
        assert saved == 0
    else:
        report = SideEffectReport.objects.latest("pk")
        assert report.reference.startswith("R-")
        assert report.started_on and report.severity and report.outcome
        assert report.symptoms or report.other_symptoms
        assert Thread.objects.filter(report=report).exists()
