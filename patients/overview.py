"""The dermatologist's overview: what waits for them among their own patients, and the one
action it offers (a reminder mail).

Each section is a count and a short list, both from the database: a fixed number of queries
whatever the number of patients. The counts of new reports are those of the navigation
badges (`selectors.report_counts`).
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic.audit import log_action
from clinic.mail import queue_mail
from clinic.models import OutgoingMail
from leaflets.selectors import leaflet_titles
from leaflets.urgency import Urgency
from patients.models import Assignment, SideEffectReport, Thread

LIMIT = 20  # lines per section; the count says how many there are in all
# Counting stops here: a dermatologist with 2,000 patients can have thousands of unconfirmed
# leaflets, and an exact count made the page take 400 ms; "500+" says enough.
COUNT_CAP = 500
REPORTS_PER_LEVEL = 5
REMINDER_INTERVAL = datetime.timedelta(days=7)


def unconfirmed_after() -> datetime.timedelta:
    return datetime.timedelta(days=settings.UNCONFIRMED_AFTER_DAYS)


@dataclass
class Section:
    count: int
    items: list
    capped: bool = False  # there are more than `count`

    @property
    def more(self) -> bool:
        return self.count > len(self.items)


@dataclass
class ReportLevel:
    level: int | None  # None: no red flag
    label: str
    count: int
    oldest: list


@dataclass
class Overview:
    days: int
    unconfirmed: Section
    outdated: Section
    report_levels: list[ReportLevel]
    questions: Section
    new_reports: int = 0
    urgent_reports: int = 0
    now: datetime.datetime = field(default_factory=timezone.now)


def _assignments(dermatologist):
    # By the assignment's own copy of the dermatologist: each section is one index range
    # (migration 0017), not a join of all the dermatologist's patients.
    return Assignment.objects.active().filter(dermatologist=dermatologist)


def _section(queryset, order) -> Section:
    count = queryset.order_by()[: COUNT_CAP + 1].count()
    items = list(queryset.order_by(*order)[:LIMIT]) if count else []
    return Section(count=min(count, COUNT_CAP), items=items, capped=count > COUNT_CAP)


def _by_patient_name(outdated) -> Section:
    """The outdated confirmations, by patient name.

    The name is on the patient row (`Patient.name_and_email`), so no index gives a
    dermatologist's outdated assignments in name order; with a LIMIT the database walked
    every user of the clinic by name instead (17 ms at 100,000 patients). Without one it
    reads the dermatologist's outdated assignments from overview_outdated_idx (about 1,300
    of 20,000), joins their patients by key and sorts them: their keys, in order, give the
    count and the lines to load. (Sorted by the user's name it joined the users too: 4.6
    instead of 2.6 ms.)
    """
    order = ["patient__name_and_email", "pk"]
    keys = list(outdated.order_by(*order).values_list("pk", flat=True))
    first = keys[:LIMIT]
    items = list(_with_leaflet(Assignment.objects.filter(pk__in=first)).order_by(*order))
    return Section(count=min(len(keys), COUNT_CAP), items=items, capped=len(keys) > COUNT_CAP)


# The lines load only what they show (a user row is wide: 20 columns): the patient's name
# or e-mail, whether their account is active (for the reminder), the leaflet's slug (the
# title when no version has one).
PATIENT = ("patient", "patient__user", "patient__user__full_name", "patient__user__email")


def _with_leaflet(queryset):
    return queryset.select_related("patient__user", "leaflet").only(
        *PATIENT,
        "patient__user__is_active",
        "leaflet__slug",
        "assigned_at",
        "first_opened_at",
        "last_reminded_at",
    )


def _oldest_reports(new) -> dict:
    """The oldest new reports of each urgency level, by level, in one query: the first of
    each level are numbered in report_inbox_idx, and only those are loaded."""
    first = new.annotate(
        place=Window(RowNumber(), partition_by=F("urgency"), order_by=[F("created_at"), F("pk")])
    ).filter(place__lte=REPORTS_PER_LEVEL)
    reports = (
        SideEffectReport.objects.filter(pk__in=first.values("pk"))
        .select_related("patient__user")
        .only(*PATIENT, "urgency", "reference", "created_at")
        .order_by("created_at", "pk")
    )
    by_level = {}
    for report in reports:
        by_level.setdefault(report.urgency, []).append(report)
    return by_level


def _describe(assignments, titles: dict, now) -> None:
    """Put on each listed assignment what its line shows (no query)."""
    for assignment in assignments:
        assignment.title = titles[assignment.leaflet_id][1]
        assignment.days_waiting = max((now - assignment.assigned_at).days, 0)
        assignment.may_remind = reminder_refusal(assignment, now) is None
        assignment.next_reminder = (
            assignment.last_reminded_at + REMINDER_INTERVAL if assignment.last_reminded_at else None
        )


def overview(dermatologist, *, language: str, now=None) -> Overview:
    """Everything the overview shows for `dermatologist`, in a fixed number of queries."""
    now = now or timezone.now()
    after = unconfirmed_after()
    waiting = _assignments(dermatologist).never_acknowledged().filter(assigned_at__lte=now - after)
    # (Implied by `outdated()`, as no confirmation is of a version below 0: it tells the
    # planner that only the few leaflets that asked to confirm again matter.)
    outdated = _assignments(dermatologist).outdated().filter(leaflet__confirm_from_number__gt=0)
    questions = Thread.objects.filter(
        dermatologist=dermatologist,
        awaiting_dermatologist=True,
        kind=Thread.Kind.QUESTION,
    ).select_related("patient__user", "assignment__leaflet")
    questions = questions.only(*PATIENT, "assignment__leaflet__slug", "last_message_at")
    new = dermatologist.reports.filter(status=SideEffectReport.Status.NEW)
    counts = {
        row["urgency"]: row["count"]
        for row in new.order_by().values("urgency").annotate(count=Count("pk"))
    }
    oldest = _oldest_reports(new) if counts else {}
    levels = []
    for level in [*Urgency, None]:
        value = level.value if level else None
        count = counts.get(value, 0)
        label = level.label if level else _("No red flag")
        levels.append(
            ReportLevel(level=level, label=label, count=count, oldest=oldest.get(value, []))
        )
    unconfirmed = _section(_with_leaflet(waiting), ["assigned_at", "pk"])
    outdated = _by_patient_name(outdated)
    questions = _section(questions, ["last_message_at", "pk"])
    listed = [*unconfirmed.items, *outdated.items]
    asked = [t.assignment for t in questions.items if t.assignment]
    # The published titles of every listed leaflet, in one query for all the sections.
    titles = leaflet_titles({a.leaflet_id for a in [*listed, *asked]}, language)
    _describe(listed, titles, now)
    for thread in questions.items:
        thread.title = titles[thread.assignment.leaflet_id][1] if thread.assignment else ""
    return Overview(
        days=after.days,
        unconfirmed=unconfirmed,
        outdated=outdated,
        report_levels=levels,
        questions=questions,
        new_reports=sum(counts.values()),
        urgent_reports=sum(count for level, count in counts.items() if level is not None),
        now=now,
    )


def reminder_refusal(assignment: Assignment, now=None) -> str | None:
    """Why no reminder can be sent for `assignment` now, or None when one can."""
    now = now or timezone.now()
    if assignment.last_reminded_at and assignment.last_reminded_at > now - REMINDER_INTERVAL:
        next_time = timezone.localtime(assignment.last_reminded_at + REMINDER_INTERVAL)
        return _(
            "A reminder was sent less than a week ago. The next one can be sent on %(date)s."
        ) % {"date": next_time.strftime("%d.%m.%Y")}
    if not assignment.patient.user.is_active:
        return _("The patient has not activated the account yet; send the invitation again.")
    return None


@transaction.atomic
def send_reminder(*, assignment: Assignment, by, now=None) -> None:
    """Mail the patient the reminder of unread information for one assignment, at most once
    a week per assignment (also when two dermatologists' clicks race). Raises
    ValidationError with the reason when it may not be sent."""
    now = now or timezone.now()
    locked = (
        Assignment.objects.active()
        .with_state()
        .select_related("patient__user")
        .select_for_update(of=("self",))
        .get(pk=assignment.pk)
    )
    if locked.current_acknowledged:
        raise ValidationError(_("The patient has already confirmed this leaflet."))
    refusal = reminder_refusal(locked, now)
    if refusal:
        raise ValidationError(refusal)
    queue_mail(
        to=locked.patient.user, kind=OutgoingMail.Kind.REMINDER, path=reverse("patients:home")
    )
    Assignment.objects.filter(pk=locked.pk).update(last_reminded_at=now)
    assignment.last_reminded_at = now
    log_action(actor=by, action="assignment.reminded", obj=locked)
