"""Reads for the dermatologist's and the patient's pages, with counts done in the database."""

from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Case,
    Count,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from clinic.lib.compiled import CompiledQuery
from clinic.lib.memo import BoundedMemo
from clinic.models import ClinicContact
from leaflets.models import KnownSideEffect, LeafletVersion, TeachBackQuestion
from leaflets.selectors import published_versions, put_prefetched
from leaflets.urgency import CALLS_CLINIC, INSTRUCTION, NUMBERS, Urgency
from patients.models import (
    Acknowledgement,
    Assignment,
    Dermatologist,
    Invitation,
    Message,
    Patient,
    SideEffectReport,
    TeachBackResult,
    Thread,
)


def _count(queryset):
    counted = queryset.order_by().values("patient").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


# The patient columns "My patients" reads: all in my_patients_idx.
MY_PATIENTS_COLUMNS = ("id", "dermatologist_id", "name_and_email", "user_id", "date_of_birth")


def patients_of(dermatologist, query: str = ""):
    """The dermatologist's patients with their open items counted; one query."""
    assignments = Assignment.objects.active().filter(patient=OuterRef("pk"))
    patients = dermatologist.patients.only(*MY_PATIENTS_COLUMNS).prefetch_related("user")
    patients = patients.annotate(
        unacknowledged=_count(assignments.unacknowledged()),
        outdated=_count(assignments.outdated()),
        waiting_messages=_count(
            Thread.objects.filter(
                patient=OuterRef("pk"), awaiting_dermatologist=True, kind=Thread.Kind.QUESTION
            )
        ),
        open_reports=_count(
            SideEffectReport.objects.filter(patient=OuterRef("pk")).exclude(
                status=SideEffectReport.Status.CLOSED
            )
        ),
    )
    # Sorted and searched by the patient row's copy of the name and e-mail address, which
    # my_patients_idx holds after the dermatologist: the database reads this dermatologist's
    # range of it (at most their 2,000 patients) in order and stops after the page, however
    # many users the clinic has. Each word must be in the name or the address. The index
    # holds every column read here (MY_PATIENTS_COLUMNS), so a search reads no table rows
    # (a rare name had PostgreSQL read the rows of all 2,000 patients, up to 60 ms when
    # they were not in its buffers); the accounts come for the page's rows only.
    for word in query.split():
        patients = patients.filter(name_and_email__contains=word.casefold())
    return patients.order_by("name_and_email", "pk")


# A published version and its texts never change (only its status, to retired, when the next
# one is published), so the patient pages take them by the version's key from a memo in each
# process (a home page with ten leaflets unpickled a megabyte of texts from the shared cache
# on every request), then from the shared cache.
PUBLISHED_VERSION_SECONDS = 24 * 60 * 60
_LOCAL_VERSIONS = BoundedMemo(size=256)


def _published_version_key(pk) -> str:
    return f"patients:published-version:{pk}"


def assignments_with_state(
    queryset,
    *,
    cached_versions: bool = False,
    acknowledgements: bool = True,
    teach_back: bool = True,
):
    """Assignments with their leaflet, published text, acknowledgements and results.

    `cached_versions=True`: the published version is not prefetched but annotated as
    `published_version_pk`; the caller passes the assignments through
    `attach_published_versions`, which takes the versions and their texts from the cache.
    `acknowledgements=False` / `teach_back=False` leave out the acknowledgements / the
    teach-back results (the state itself is on the assignment): pages that show them for
    one assignment only when needed read them then."""
    lookups = [
        Prefetch(
            name, queryset=model.objects.select_related("version").order_by("-version__number")
        )
        for name, model, wanted in (
            ("acknowledgements", Acknowledgement, acknowledgements),
            ("teach_back_results", TeachBackResult, teach_back),
        )
        if wanted
    ]
    if cached_versions:
        # A leaflet has at most one published version (a unique constraint): no ordering,
        # which would join the leaflets again for the versions' default order.
        published = LeafletVersion.objects.filter(
            leaflet=OuterRef("leaflet_id"), status=LeafletVersion.Status.PUBLISHED
        ).order_by()
        queryset = queryset.annotate(published_version_pk=Subquery(published.values("pk")[:1]))
    else:
        lookups.append(published_versions("leaflet__versions"))
    return queryset.with_state().select_related("leaflet", "assigned_by").prefetch_related(*lookups)


def attach_published_versions(assignments) -> list[Assignment]:
    """Put each assignment's published version with its texts on its leaflet, as the
    prefetch of `published_versions` does: from this process's memo, else from the shared
    cache, else in one query for the ones in neither. For assignments from
    `assignments_with_state(..., cached_versions=True)`."""
    assignments = list(assignments)
    wanted = {a.published_version_pk for a in assignments} - {None}
    versions = _LOCAL_VERSIONS.get_many(wanted)
    missing = wanted - versions.keys()
    if missing:
        keys = {pk: _published_version_key(pk) for pk in missing}
        found = cache.get_many(list(keys.values()))
        shared = {pk: found[key] for pk, key in keys.items() if key in found}
        loaded = {
            version.pk: version
            for version in LeafletVersion.objects.filter(
                pk__in=missing - shared.keys()
            ).prefetch_related("texts")
        }
        if loaded:
            cache.set_many(
                {keys[pk]: version for pk, version in loaded.items()}, PUBLISHED_VERSION_SECONDS
            )
        _LOCAL_VERSIONS.set_many({**shared, **loaded})
        versions.update(shared)
        versions.update(loaded)
    for assignment in assignments:
        version = versions.get(assignment.published_version_pk)
        put_prefetched(assignment.leaflet, "versions", [version] if version else [])
    return assignments


def active_assignments_of(*, patient_id):
    """The patient's active assignments with their state, the published version's key
    (`attach_published_versions`) and no acknowledgements or teach-back results: the
    patient pages' assignments, built for a `CompiledQuery`."""
    return assignments_with_state(
        Assignment.objects.active().filter(patient_id=patient_id),
        cached_versions=True,
        acknowledgements=False,
        teach_back=False,
    )


# The patient's home page is their most visited one: its query is compiled once per process
# (clinic.lib.compiled).
_ACTIVE_ASSIGNMENTS_OF = CompiledQuery(Assignment, active_assignments_of)


def of_patient(assignments, patient: Patient) -> list[Assignment]:
    """`patient`'s assignments from a compiled query, with the patient (and their
    dermatologist, loaded already) and their published versions put on them."""
    for assignment in assignments:
        assignment.patient = patient
    return attach_published_versions(assignments)


def home_assignments(patient: Patient) -> list[Assignment]:
    """The patient's active assignments with their state and published versions, without
    their acknowledgements and teach-back results (the state is on the assignment)."""
    return of_patient(_ACTIVE_ASSIGNMENTS_OF(patient_id=patient.pk), patient)


def record_assignments_of(*, patient_id):
    """All the patient's assignments, withdrawn ones too, with their state, acknowledgements,
    teach-back results and the published version's key: the dermatologist's patient page,
    built for a `CompiledQuery`."""
    return assignments_with_state(
        Assignment.objects.filter(patient_id=patient_id), cached_versions=True
    )


_RECORD_ASSIGNMENTS_OF = CompiledQuery(Assignment, record_assignments_of)


def record_assignments(patient: Patient) -> list[Assignment]:
    """`record_assignments_of` the patient, with their published versions."""
    return of_patient(_RECORD_ASSIGNMENTS_OF(patient_id=patient.pk), patient)


def medicine_assignments(patient: Patient):
    """The patient's active leaflets about a medicine (the ones a report can be about), with
    their published version's text (its side effects: `side_effects_of`)."""
    return assignments_with_state(
        patient.assignments.active().filter(leaflet__is_medicine=True)
    ).order_by("leaflet__slug")


# A published or retired version's side effects and teach-back questions are frozen with it:
# each process keeps the ones it read (`_frozen_rows`).
_LOCAL_SIDE_EFFECTS = BoundedMemo(size=256)
_LOCAL_QUESTIONS = BoundedMemo(size=256)


def _frozen_rows(version: LeafletVersion, related: str, memo: BoundedMemo) -> list:
    """`version.<related>.all()` as a list, kept in `memo` once the version is frozen."""
    if version.is_editable:
        return list(getattr(version, related).all())
    rows = memo.get_many([version.pk]).get(version.pk)
    if rows is None:
        rows = list(getattr(version, related).all())
        memo.set_many({version.pk: rows})
    return rows


def side_effects_of(assignment: Assignment | None) -> list[KnownSideEffect]:
    """The side effects of the version the patient reads (the published one); none without
    an assignment. No query for a version this process read them for."""
    version = assignment.leaflet.published_version() if assignment else None
    return _frozen_rows(version, "side_effects", _LOCAL_SIDE_EFFECTS) if version else []


def medicine_name(assignment: Assignment, language: str) -> str:
    """The medicine's name as its leaflet calls it in `language`; queries."""
    return assignment.leaflet.title_in(language)


# The reader's rendered leaflet (body, contents, "When to get help") is kept by each process
# per published version and language (`{% memo %}`): a published version never changes. The
# key holds the clinic's contact details too, which the help box shows.


def leaflet_fragment_key() -> str:
    """What besides the version and language the cached leaflet depends on: the clinic's
    phone and opening hours (from the cache)."""
    contact = ClinicContact.current()
    return "|".join((contact.phone, contact.hours_nb, contact.hours_en))


def questions_for(version: LeafletVersion, language: str) -> list[TeachBackQuestion]:
    """The version's questions in `language`, else in the other language."""
    questions = _frozen_rows(version, "questions", _LOCAL_QUESTIONS)
    mine = [q for q in questions if q.language == language]
    return mine or [q for q in questions if q.language != language]


def has_passed_teach_back(
    *, assignment: Assignment, version: LeafletVersion, language, questions=None
) -> bool:
    """True when the leaflet asks no questions or the patient answered them all right.
    `questions`: the version's questions when the caller has them (saves a query)."""
    if questions is None:
        questions = questions_for(version, language)
    if not questions:
        return True
    if getattr(assignment, "published_version_pk", None) == version.pk and hasattr(
        assignment, "passed_published_version"
    ):
        # From `access.assignment_for_patient`: the answer is here already.
        return assignment.passed_published_version
    if "teach_back_results" in getattr(assignment, "_prefetched_objects_cache", {}):
        # From `assignments_with_state`: the results are here already.
        return any(
            result.version_id == version.pk and result.passed_at is not None
            for result in assignment.teach_back_results.all()
        )
    return TeachBackResult.objects.filter(
        assignment=assignment, version=version, passed_at__isnull=False
    ).exists()


def usable_invitation(token: str) -> Invitation | None:
    invitation = (
        Invitation.objects.select_related("user")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )
    return invitation if invitation and invitation.is_usable() else None


def threads_of(patient, assignment=None):
    threads = patient.threads.filter(kind=Thread.Kind.QUESTION)
    threads = threads.select_related("assignment__leaflet").prefetch_related(
        Prefetch("messages", queryset=Message.objects.select_related("author"))
    )
    if assignment is not None:
        threads = threads.filter(assignment=assignment)
    return threads


INBOX_COLUMNS = (
    "reference",
    "medicine_name",
    "status",
    "urgency",
    "created_at",
    "dermatologist_id",
    "patient_id",
)


def inbox(dermatologist, *, status: str = "open", urgency: str = ""):
    """The dermatologist's patients' reports in the order they need attention.

    Reports nobody has looked at yet (status "new": no dermatologist has taken them on) come
    first, then reports in progress, closed last; within each, the most urgent level first
    (reports without a red flag after every level) and the oldest first within a level.
    """
    reports = dermatologist.reports.all()
    if status == "open":
        # Named, not "not closed": PostgreSQL then reads the two ranges of report_inbox_idx.
        reports = reports.filter(
            status__in=[SideEffectReport.Status.NEW, SideEffectReport.Status.IN_PROGRESS]
        )
    elif status in SideEffectReport.Status.values:
        reports = reports.filter(status=status)
    if urgency == "urgent":
        reports = reports.filter(urgency__isnull=False)
    elif urgency == "routine":
        reports = reports.filter(urgency__isnull=True)
    stage = Case(
        When(status=SideEffectReport.Status.NEW, then=Value(0)),
        When(status=SideEffectReport.Status.IN_PROGRESS, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    # Only the columns the list shows, which report_inbox_idx holds: PostgreSQL sorts the
    # dermatologist's open reports from the index alone and cuts the page. The patients and
    # their accounts come in a second query for the page's rows only: joined here, every
    # patient would be joined before the sort.
    return (
        reports.only(*INBOX_COLUMNS)
        .prefetch_related(Prefetch("patient", queryset=Patient.objects.select_related("user")))
        .order_by(stage, F("urgency").asc(nulls_last=True), "created_at", "pk")
    )


def _with_report_counts(*, dermatologist_id: int):
    """The dermatologist with their new reports counted (`report_inbox_idx` alone)."""
    new_report = FilteredRelation(
        "reports", condition=Q(reports__status=SideEffectReport.Status.NEW)
    )
    return (
        Dermatologist.objects.filter(pk=dermatologist_id)
        .only("pk")
        .annotate(new_report=new_report)
        .annotate(
            new_reports=Count("new_report"),
            urgent_reports=Count("new_report", filter=Q(new_report__urgency__isnull=False)),
        )
    )


# On every dermatologist page: built and compiled once, not on each page.
_REPORT_COUNTS = CompiledQuery(Dermatologist, _with_report_counts)


def report_counts(dermatologist) -> dict:
    """New and urgent new reports, for the navigation on every page; one query."""
    (counted,) = _REPORT_COUNTS(dermatologist_id=dermatologist.pk)
    return {"new": counted.new_reports, "urgent": counted.urgent_reports}


def report_advice(report: SideEffectReport) -> list[dict]:
    """What the patient must do after their report: one entry per urgency level of the red
    flags they answered yes, most urgent first, each with the fixed words for the level, the
    numbers it needs and the advice of each of those flags as the patient was given it.
    Empty without a red flag. Reads only the report's own snapshot; no query.
    """
    flags = [symptom for symptom in report.symptoms if symptom.get("red_flag")]
    levels = {}
    for flag in flags:
        # Reports made before the scale existed were all "contact the clinic today".
        level = Urgency(flag.get("level") or report.urgency or Urgency.TODAY)
        levels.setdefault(level, []).append(flag)
    return [
        {
            "level": level,
            "label": level.label,
            "instruction": INSTRUCTION[level],
            "numbers": NUMBERS[level],
            "calls_clinic": CALLS_CLINIC[level],
            "flags": levels[level],
        }
        for level in sorted(levels)
    ]


def reports_with_thread(queryset):
    """Reports with what their page shows: patient, medicine, handler and conversation."""
    return queryset.select_related(
        "patient__user", "assignment__leaflet", "acknowledged_version", "handled_by"
    ).prefetch_related(
        Prefetch("thread__messages", queryset=Message.objects.select_related("author"))
    )


def names_side_effect(key: str) -> Q:
    """Reports whose snapshot of symptoms (`[{"key": ...}, ...]`) names the side effect
    `key`, as a filter one aggregate can use for many keys at once.

    On PostgreSQL, JSON containment (`@>`): a text match there turns the snapshot into text
    and searches it once per key and report, which took most of the trends' time with a
    few dozen red flags. Elsewhere (SQLite, which has no containment) the text match.
    """
    if connection.vendor == "postgresql":
        return Q(symptoms__contains=[{"key": key}])
    return Q(symptoms__icontains=f'"key": "{key}"')
