"""Make reports through the real form and service, for the tests of the pages around them."""

import datetime
import uuid

from django.utils import timezone

from patients import services
from patients.forms import SideEffectReportForm


def make_report(assignment, *, urgent=False, **answers):
    side_effects = list(assignment.leaflet.side_effects.all())
    data = {
        "form_token": str(uuid.uuid4()),
        "started_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
        "outcome": "ongoing",
        "severity": "moderate",
        "interference": "somewhat",
        "medicine_action": "continued",
        "consent": "ask_first",
        "other_symptoms": "Hodepine",
        **{f"red_flag_{e.key}": "yes" if urgent else "no" for e in side_effects if e.red_flag},
        **answers,
    }
    form = SideEffectReportForm(data, side_effects=side_effects)
    assert form.is_valid(), form.errors
    return services.submit_report(patient=assignment.patient, assignment=assignment, form=form)
