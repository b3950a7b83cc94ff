"""Make reports through the real service, for the tests of the pages around them."""

import datetime
import uuid

from django.utils import timezone

from patients import report_services, selectors
from patients.report_services import ReportAnswers


def answers(**overrides) -> ReportAnswers:
    """A valid routine report of a headache since yesterday, with `overrides`."""
    values = {
        "form_token": uuid.uuid4(),
        "started_on": timezone.localdate() - datetime.timedelta(days=1),
        "outcome": "ongoing",
        "severity": "moderate",
        "interference": "somewhat",
        "medicine_action": "continued",
        "consent": "ask_first",
        "other_symptoms": "Hodepine",
        **overrides,
    }
    return ReportAnswers(**values)


def make_report(assignment, *, urgent=False, **overrides):
    red_flags = [e.key for e in selectors.side_effects_of(assignment) if e.red_flag and urgent]
    return report_services.submit_report(
        patient=assignment.patient,
        assignment=assignment,
        answers=answers(red_flags=red_flags, **overrides),
    )
