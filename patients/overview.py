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
from django.db.models import Count, F, IntegerField, Subquery, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from clinic.audit import log_action
from clinic.lib.urls import url_maker
from clinic.mail import queue_mail
from clinic.models import OutgoingMail
from leaflets.selectors import leaflet_titles
from leaflets.urgency import Urgency
from patients.models import Assignment, Patient, SideEffectReport, Thread

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


# The lines are the columns they show, read as rows, with their links made from one
# `reverse` per URL name: no model instances. For a dermatologist with 2,000 patients the
# page built some 300 instances and reversed 120 links, about 6 of its 23 ms of CPU.


@dataclass(slots=True)
class AssignmentLine:
    """An unconfirmed or outdated assignment and its reminder."""

    pk: int
    patient_id: int
    name: str
    title: str
    url: str  # the patient's page
    remind_url: str
    remind_to: str  # "to <name>", for screen readers after "Send a reminder"
    opened: bool
    days_waiting: int
    last_reminded_at: datetime.datetime | None
    may_remind: bool

    @property
    def next_reminder(self) -> datetime.datetime | None:
        return self.last_reminded_at + REMINDER_INTERVAL if self.last_reminded_at else None


@dataclass(slots=True)
class ReportLine:
    pk: int
    reference: str
    name: str
    ago: str  # "3 days ago"
    url: str


@dataclass(slots=True)
class QuestionLine:
    pk: int  # the thread's
    patient_id: int
    name: str
    title: str  # the leaflet's it is about, or ""
    ago: str  # since the last message
    url: str  # the patient's page, at the thread


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


# The patient's name or e-mail (a user row is wide: 20 columns; a line reads two of them).
NAME = ("patient__user__full_name", "patient__user__email")


# An assignment line's columns (the leaflet by id: its title comes from `leaflet_titles`,
# for every section at once).
LINE = (
    "pk",
    "patient_id",
    "leaflet_id",
    *NAME,
    "patient__user__is_active",
    "assigned_at",
    "first_opened_at",
    "last_reminded_at",
)
QUESTION = ("pk", "patient_id", "assignment__leaflet_id", *NAME, "last_message_at")


class _CappedCount(Subquery):
    """The number of rows of a sliced queryset, as a column of another query. It refers to
    nothing outside, so the database counts once for all the rows."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) capped)"
    output_field = IntegerField()


def _section(queryset, order, columns) -> Section:
    """The first lines of `queryset` (rows of `columns`) and how many there are, up to the
    cap, in one query: each line carries the count (no line, none to count)."""
    capped = _CappedCount(queryset.order_by().values("pk")[: COUNT_CAP + 1])
    lines = list(
        queryset.annotate(section_count=capped)
        .order_by(*order)
        .values_list(*columns, "section_count")[:LIMIT]
    )
    count = lines[0][-1] if lines else 0
    items = [line[:-1] for line in lines]
    return Section(count=min(count, COUNT_CAP), items=items, capped=count > COUNT_CAP)


def _by_patient_name(outdated, dermatologist) -> Section:
    """The outdated confirmations, by patient name.

    The name is on the patient row (`Patient.name_and_email`), so no index gives a
    dermatologist's outdated assignments in name order. With a LIMIT the database walked
    every user of the clinic by name (17 ms at 100,000 patients); joined by key, each
    outdated assignment (about 1,300 of a dermatologist's 20,000) looked up its patient
    (3.5 to 9 ms). Asked for the dermatologist's patients too (which are the assignments'
    patients: `Patient.save` moves their assignments along), the database reads both
    sides from their indexes (my_patients_idx, overview_outdated_idx) and joins them in a
    hash: 1.3 to 2.9 ms. The first keys in order, each with the count of all (a window),
    give the lines to load.
    """
    order = ["patient__name_and_email", "pk"]
    first = list(
        outdated.filter(patient__dermatologist=dermatologist)
        .annotate(total=Window(Count("pk")))
        .order_by(*order)
        .values_list("pk", "total")[:LIMIT]
    )
    count = first[0][1] if first else 0
    keys = [pk for pk, _ in first]
    items = list(_with_leaflet(Assignment.objects.filter(pk__in=keys)).order_by(*order))
    return Section(count=min(count, COUNT_CAP), items=items, capped=count > COUNT_CAP)


def _with_leaflet(queryset):
    """The rows of assignment lines, for `_assignment_lines`."""
    return queryset.values_list(*LINE)


def _assignment_lines(rows, titles: dict, now) -> list[AssignmentLine]:
    patient_url = url_maker("patients:patient_detail", "pk")
    remind_url = url_maker("patients:remind", "pk", "assignment_pk")
    lines = []
    to_name = _("to %(name)s")
    for pk, patient_id, leaflet_id, full_name, email, active, assigned, opened, reminded in rows:
        refusal = reminder_refusal(last_reminded_at=reminded, patient_is_active=active, now=now)
        name = Patient.name_of(full_name, email)
        lines.append(
            AssignmentLine(
                pk=pk,
                patient_id=patient_id,
                name=name,
                title=titles[leaflet_id][1],
                url=patient_url(pk=patient_id),
                remind_url=remind_url(pk=patient_id, assignment_pk=pk),
                remind_to=to_name % {"name": name},
                opened=opened is not None,
                days_waiting=max((now - assigned).days, 0),
                last_reminded_at=reminded,
                may_remind=refusal is None,
            )
        )
    return lines


def _ago(moment, now) -> str:
    """ "3 days ago", as the template's `timesince` filter would say it: made here for the
    page's 35 or so lines, where the filter and a `blocktranslate` each cost a line 0.05 ms."""
    return _("%(when)s ago") % {"when": timesince(moment, now)}


def _oldest_reports(new, now) -> dict:
    """The oldest new reports of each urgency level, by level, in one query: the first of
    each level are numbered in report_inbox_idx, and only those are loaded."""
    first = new.annotate(
        place=Window(RowNumber(), partition_by=F("urgency"), order_by=[F("created_at"), F("pk")])
    ).filter(place__lte=REPORTS_PER_LEVEL)
    rows = (
        SideEffectReport.objects.filter(pk__in=first.values("pk"))
        .order_by("created_at", "pk")
        .values_list("pk", "urgency", "reference", "created_at", *NAME)
    )
    report_url = url_maker("patients:report_inbox_detail", "pk")
    by_level = {}
    for pk, urgency, reference, created_at, full_name, email in rows:
        line = ReportLine(
            pk=pk,
            reference=reference,
            name=Patient.name_of(full_name, email),
            ago=_ago(created_at, now),
            url=report_url(pk=pk),
        )
        by_level.setdefault(urgency, []).append(line)
    return by_level


def _question_lines(rows, titles: dict, now) -> list[QuestionLine]:
    patient_url = url_maker("patients:patient_detail", "pk")
    return [
        QuestionLine(
            pk=pk,
            patient_id=patient_id,
            name=Patient.name_of(full_name, email),
            title=titles[leaflet_id][1] if leaflet_id else "",
            ago=_ago(last_message_at, now),
            url=f"{patient_url(pk=patient_id)}#thread-{pk}",
        )
        for pk, patient_id, leaflet_id, full_name, email, last_message_at in rows
    ]


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
    )
    new = dermatologist.reports.filter(status=SideEffectReport.Status.NEW)
    counts = {
        row["urgency"]: row["count"]
        for row in new.order_by().values("urgency").annotate(count=Count("pk"))
    }
    oldest = _oldest_reports(new, now) if counts else {}
    levels = []
    for level in [*Urgency, None]:
        value = level.value if level else None
        count = counts.get(value, 0)
        label = level.label if level else _("No red flag")
        levels.append(
            ReportLevel(level=level, label=label, count=count, oldest=oldest.get(value, []))
        )
    unconfirmed = _section(waiting, ["assigned_at", "pk"], LINE)
    outdated = _by_patient_name(outdated, dermatologist)
    questions = _section(questions, ["last_message_at", "pk"], QUESTION)
    # The published titles of every listed leaflet, in one query for all the sections; then
    # the sections' rows become their lines.
    leaflets = {row[2] for row in [*unconfirmed.items, *outdated.items, *questions.items]}
    titles = leaflet_titles(leaflets - {None}, language)
    unconfirmed.items = _assignment_lines(unconfirmed.items, titles, now)
    outdated.items = _assignment_lines(outdated.items, titles, now)
    questions.items = _question_lines(questions.items, titles, now)
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


def reminder_refusal(*, last_reminded_at, patient_is_active: bool, now) -> str | None:
    """Why no reminder can be sent now for an assignment last reminded at `last_reminded_at`
    (or never: None), or None when one can."""
    if last_reminded_at and last_reminded_at > now - REMINDER_INTERVAL:
        next_time = timezone.localtime(last_reminded_at + REMINDER_INTERVAL)
        return _(
            "A reminder was sent less than a week ago. The next one can be sent on %(date)s."
        ) % {"date": next_time.strftime("%d.%m.%Y")}
    if not patient_is_active:
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
    refusal = reminder_refusal(
        last_reminded_at=locked.last_reminded_at,
        patient_is_active=locked.patient.user.is_active,
        now=now,
    )
    if refusal:
        raise ValidationError(refusal)
    queue_mail(
        to=locked.patient.user, kind=OutgoingMail.Kind.REMINDER, path=reverse("patients:home")
    )
    Assignment.objects.filter(pk=locked.pk).update(last_reminded_at=now)
    assignment.last_reminded_at = now
    log_action(actor=by, action="assignment.reminded", obj=locked)
