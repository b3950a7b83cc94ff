"""The clinic's one urgency scale for red flags and warning signs.

Every red flag has a level, and every page, mail and list uses the same words for a level
(a leaflet's "When to get help" box, the report confirmation, the inbox). Lower numbers are
more urgent, so ordering by the level puts the most urgent first.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Urgency(models.IntegerChoices):
    EMERGENCY = 1, _("Call 113 now")
    TODAY = 2, _("Contact the clinic today")
    SOON = 3, _("Contact the clinic within a few days")


# What a patient must do at each level, in one sentence after the heading (the label).
INSTRUCTION = {
    Urgency.EMERGENCY: _("Call the medical emergency number 113 now."),
    Urgency.TODAY: _(
        "Contact the clinic today. When the clinic is closed, call the out-of-hours medical "
        "service (legevakt) on 116 117."
    ),
    Urgency.SOON: _("Contact the clinic within a few days."),
}

# The phone numbers each level needs besides the clinic's own.
NUMBERS = {
    Urgency.EMERGENCY: ("113",),
    Urgency.TODAY: ("116 117",),
    Urgency.SOON: (),
}

# Whether the clinic's phone and opening hours belong with the advice.
CALLS_CLINIC = {Urgency.EMERGENCY: False, Urgency.TODAY: True, Urgency.SOON: True}
