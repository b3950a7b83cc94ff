"""Who may see what: every patient-app view gets its objects here.

The decorators put the requesting user's profile on the request; each lookup then searches
only that profile's own objects, so anything outside the user's scope does not exist for
them (404, whatever its id) and its existence is not revealed. A refusal is written to the
security log; a dermatologist's lookup writes one access-log entry for the patient whose data
it opens (each view makes one lookup, so one entry per request).
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Exists, OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from clinic.access_log import log_access, log_refused
from clinic.lib.compiled import CompiledQuery
from clinic.models import AccessLogEntry, User
from patients import selectors
from patients.models import (
    Acknowledgement,
    Assignment,
    Dermatologist,
    Patient,
    SideEffectReport,
    TeachBackResult,
    Thread,
)


def _patient_of(user) -> Patient:
    """The user's patient profile with their dermatologist: loaded with the user
    (`patients.backends.ProfileBackend`), else in one query."""
    if User.patient.is_cached(user):
        return user.patient  # raises Patient.DoesNotExist for a user who is no patient
    patient = Patient.objects.select_related("dermatologist").get(user=user)
    patient.user = user
    return patient


def _dermatologist_of(user) -> Dermatologist:
    return user.dermatologist


PROFILES = {"patient": _patient_of, "dermatologist": _dermatologist_of}


def _profile_required(profile: str):
    """Log in, then put the user's `profile` on the request; users without one get a 404."""
    load = PROFILES[profile]

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            try:
                setattr(request, profile, load(request.user))
            except ObjectDoesNotExist:
                log_refused(request)
                raise Http404 from None
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _scoped(request, queryset, pk):
    """The object with `pk` among `queryset` (the user's scope), or a logged 404."""
    try:
        return get_object_or_404(queryset, pk=pk)
    except Http404:
        log_refused(request)
        raise


def _only(request, found: list):
    """The one object a compiled scoped lookup found, or a logged 404 (as `_scoped`)."""
    if not found:
        log_refused(request)
        raise Http404
    return found[0]


def _opened(request, obj, *, patient, what: str):
    """Record that the dermatologist opened `obj` of `patient`, and return it."""
    log_access(request=request, patient_user=patient.user, what=what, obj=obj)
    return obj


patient_required = _profile_required("patient")
dermatologist_required = _profile_required("dermatologist")


# The patient's objects (views decorated with @patient_required)


def _patients_assignment(*, patient_id, pk):
    asked = Thread.objects.filter(assignment=OuterRef("pk"), kind=Thread.Kind.QUESTION)
    latest = Acknowledgement.objects.filter(assignment=OuterRef("pk")).order_by("-version__number")
    passed = TeachBackResult.objects.filter(
        assignment=OuterRef("pk"),
        version=OuterRef("published_version_pk"),
        passed_at__isnull=False,
    )
    return (
        selectors.active_assignments_of(patient_id=patient_id)
        .filter(pk=pk)
        .annotate(
            has_questions=Exists(asked),
            acknowledged_at=Subquery(latest.values("acknowledged_at")[:1]),
            passed_published_version=Exists(passed),
        )
    )


# The patient pages' most frequent lookup: compiled once per process (clinic.lib.compiled).
_PATIENTS_ASSIGNMENT = CompiledQuery(Assignment, _patients_assignment)


def assignment_for_patient(request, pk) -> Assignment:
    """One of the patient's active assignments, with its state and the people around it.

    Its acknowledgements and teach-back results are read only when the page shows them (a
    confirmed leaflet shows the confirmation, an unconfirmed one asks the questions).

    `has_questions` says whether the patient has asked about it (the reader reads the
    conversations only then); `acknowledged_at` is when they confirmed the version numbered
    `acknowledged_number` (None before), for the reader's "You confirmed …" line;
    `passed_published_version` whether they answered the published version's questions
    right (`selectors.has_passed_teach_back`)."""
    return _patients_own(request, _PATIENTS_ASSIGNMENT, pk)


def _patients_own(request, compiled: CompiledQuery, pk) -> Assignment:
    """The patient's assignment `pk` found by `compiled`, or a logged 404. The patient and
    their dermatologist are on the request already: the query joins neither."""
    found = _only(request, compiled(patient_id=request.patient.pk, pk=pk))
    return selectors.of_patient([found], request.patient)[0]


_PATIENTS_MEDICINE_ASSIGNMENT = CompiledQuery(
    Assignment,
    lambda *, patient_id, pk: selectors.active_assignments_of(patient_id=patient_id).filter(
        pk=pk, leaflet__is_medicine=True
    ),
)


def medicine_assignment_for_patient(request, pk) -> Assignment:
    """One of the patient's active medicine leaflets (the report form's), with its state
    and published version (its side effects: `selectors.side_effects_of`)."""
    return _patients_own(request, _PATIENTS_MEDICINE_ASSIGNMENT, pk)


def report_for_patient(request, pk) -> SideEffectReport:
    return _scoped(request, selectors.reports_with_thread(request.patient.reports.all()), pk)


# The dermatologist's objects (views decorated with @dermatologist_required)


# The dermatologist's two most opened pages (a patient, a report) find their object with a
# query compiled once per process (clinic.lib.compiled).
_DERMATOLOGISTS_PATIENT = CompiledQuery(
    Patient,
    lambda *, dermatologist_id, pk: Patient.objects.filter(
        dermatologist_id=dermatologist_id, pk=pk
    ).select_related("user"),
)
_DERMATOLOGISTS_REPORT = CompiledQuery(
    SideEffectReport,
    lambda *, dermatologist_id, pk: selectors.reports_with_thread(
        SideEffectReport.objects.filter(dermatologist_id=dermatologist_id, pk=pk)
    ),
)


def patient_for_dermatologist(request, pk) -> Patient:
    patient = _only(
        request, _DERMATOLOGISTS_PATIENT(dermatologist_id=request.dermatologist.pk, pk=pk)
    )
    return _opened(request, patient, patient=patient, what=AccessLogEntry.What.PATIENT)


def assignment_for_dermatologist(request, pk, *, patient_pk) -> Assignment:
    """An active assignment of one of the dermatologist's patients."""
    assignments = Assignment.objects.active().filter(
        patient__dermatologist=request.dermatologist, patient_id=patient_pk
    )
    assignment = _scoped(request, assignments.select_related("patient__user"), pk)
    return _opened(
        request, assignment, patient=assignment.patient, what=AccessLogEntry.What.ASSIGNMENT
    )


def thread_for_dermatologist(request, pk, *, patient_pk) -> Thread:
    """A conversation of one of the dermatologist's patients."""
    threads = Thread.objects.filter(
        patient__dermatologist=request.dermatologist, patient_id=patient_pk
    )
    thread = _scoped(
        request, threads.select_related("patient__user", "patient__dermatologist__user"), pk
    )
    return _opened(request, thread, patient=thread.patient, what=AccessLogEntry.What.THREAD)


def report_for_dermatologist(
    request, pk, *, what: str = AccessLogEntry.What.REPORT
) -> SideEffectReport:
    """One of the dermatologist's patients' reports; `what` says how it is opened (export)."""
    report = _only(
        request, _DERMATOLOGISTS_REPORT(dermatologist_id=request.dermatologist.pk, pk=pk)
    )
    return _opened(request, report, patient=report.patient, what=what)
