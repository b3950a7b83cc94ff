"""Reads for the dermatologist's and the patient's pages, with counts done in the database."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce

from leaflets.models import LeafletVersion
from patients.models import Acknowledgement, Assignment, Message, TeachBackResult, Thread


def _count(queryset):
    counted = queryset.order_by().values("patient").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def patients_of(dermatologist, query: str = ""):
    """The dermatologist's patients with their open items counted; one query."""
    assignments = Assignment.objects.active().with_state().filter(patient=OuterRef("pk"))
    patients = dermatologist.patients.select_related("user").annotate(
        unacknowledged=_count(assignments.filter(current_acknowledged=False)),
        outdated=_count(assignments.filter(current_acknowledged=False, ever_acknowledged=True)),
        waiting_messages=_count(
            Thread.objects.filter(patient=OuterRef("pk"), awaiting_dermatologist=True)
        ),
    )
    for word in query.split():
        patients = patients.filter(
            Q(user__full_name__icontains=word) | Q(user__email__icontains=word)
        )
    return patients.order_by("user__full_name", "pk")


def _published_versions():
    return Prefetch(
        "leaflet__versions",
        queryset=LeafletVersion.objects.filter(
            status=LeafletVersion.Status.PUBLISHED
        ).prefetch_related("texts"),
    )


def assignments_with_state(queryset):
    """Assignments with their leaflet, published text, acknowledgements and results."""
    return (
        queryset.with_state()
        .select_related("leaflet", "assigned_by")
        .prefetch_related(
            _published_versions(),
            Prefetch(
                "acknowledgements",
                queryset=Acknowledgement.objects.select_related("version").order_by(
                    "-version__number"
                ),
            ),
            Prefetch(
                "teach_back_results",
                queryset=TeachBackResult.objects.select_related("version").order_by(
                    "-version__number"
                ),
            ),
        )
    )


def threads_of(patient, assignment=None):
    threads = patient.threads.select_related("assignment__leaflet").prefetch_related(
        Prefetch("messages", queryset=Message.objects.select_related("author"))
    )
    if assignment is not None:
        threads = threads.filter(assignment=assignment)
    return threads
