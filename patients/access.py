"""Who may see what: every patient-app view gets its objects here.

The decorators put the requesting user's profile on the request; each lookup then searches
only that profile's own objects, so anything outside the user's scope does not exist for
them (404, whatever its id) and its existence is not revealed.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import get_object_or_404

from patients import selectors
from patients.models import Assignment, Patient, SideEffectReport, Thread


def _profile_required(profile: str):
    """Log in, then put the user's `profile` on the request; users without one get a 404."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            try:
                setattr(request, profile, getattr(request.user, profile))
            except ObjectDoesNotExist:
                raise Http404 from None
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


patient_required = _profile_required("patient")
dermatologist_required = _profile_required("dermatologist")


# The patient's objects (views decorated with @patient_required)


def assignment_for_patient(request, pk) -> Assignment:
    """One of the patient's active assignments, with its state and the people around it."""
    assignments = selectors.assignments_with_state(request.patient.assignments.active())
    return get_object_or_404(
        assignments.select_related("patient__user", "patient__dermatologist__user"), pk=pk
    )


def medicine_assignment_for_patient(request, pk) -> Assignment:
    """One of the patient's active medicine leaflets, with its side effects."""
    return get_object_or_404(selectors.medicine_assignments(request.patient), pk=pk)


def report_for_patient(request, pk) -> SideEffectReport:
    return get_object_or_404(selectors.reports_with_thread(request.patient.reports.all()), pk=pk)


# The dermatologist's objects (views decorated with @dermatologist_required)


def patient_for_dermatologist(request, pk) -> Patient:
    return get_object_or_404(request.dermatologist.patients.select_related("user"), pk=pk)


def assignment_for_dermatologist(request, pk, *, patient_pk) -> Assignment:
    """An active assignment of one of the dermatologist's patients."""
    assignments = Assignment.objects.active().filter(
        patient__dermatologist=request.dermatologist, patient_id=patient_pk
    )
    return get_object_or_404(assignments.select_related("patient__user"), pk=pk)


def thread_for_dermatologist(request, pk, *, patient_pk) -> Thread:
    """A conversation of one of the dermatologist's patients."""
    threads = Thread.objects.filter(
        patient__dermatologist=request.dermatologist, patient_id=patient_pk
    )
    return get_object_or_404(
        threads.select_related("patient__user", "patient__dermatologist__user"), pk=pk
    )


def report_for_dermatologist(request, pk) -> SideEffectReport:
    reports = SideEffectReport.objects.filter(patient__dermatologist=request.dermatologist)
    return get_object_or_404(selectors.reports_with_thread(reports), pk=pk)
