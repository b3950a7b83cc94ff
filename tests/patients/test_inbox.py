import datetime

import pytest
import time_machine
from django.utils import timezone

from leaflets.urgency import Urgency
from patients import report_services
from patients.models import SideEffectReport, Thread
from tests.factories import AssignmentFactory, PatientFactory
from tests.patients.reporting import make_report


def test_inbox_lists_urgent_first_then_oldest(client_for, dr_hansen, kari_medicine):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=3)):
        oldest = make_report(kari_medicine)
    newer = make_report(kari_medicine)
    urgent = make_report(kari_medicine, urgent=True)

    response = client_for(dr_hansen).get("/reports/")

    assert list(response.context["page"].object_list) == [urgent, oldest, newer]


def test_a_new_urgent_report_is_listed_above_an_older_urgent_one_in_progress(
    client_for, dr_hansen, kari_medicine
):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=2)):
        older = make_report(kari_medicine, urgent=True)
    report_services.set_report_status(report=older, status="in_progress", action="", by=dr_hansen)
    new = make_report(kari_medicine, urgent=True)

    response = client_for(dr_hansen).get("/reports/")

    assert list(response.context["page"].object_list) == [new, older]


def test_inbox_order_new_then_in_progress_then_closed_by_level_then_oldest(
    client_for, dr_hansen, kari_medicine
):
    def report(days_ago, level, status="new"):
        with time_machine.travel(timezone.now() - datetime.timedelta(days=days_ago)):
            made = make_report(kari_medicine, urgent=level is not None)
        SideEffectReport.objects.filter(pk=made.pk).update(urgency=level, status=status)
        return made

    new_routine_old = report(9, None)
    new_soon = report(1, Urgency.SOON)
    new_today_new = report(1, Urgency.TODAY)
    new_today_old = report(5, Urgency.TODAY)
    new_emergency = report(0, Urgency.EMERGENCY)
    busy_emergency = report(8, Urgency.EMERGENCY, "in_progress")
    busy_routine = report(7, None, "in_progress")
    closed_emergency = report(9, Urgency.EMERGENCY, "closed")

    response = client_for(dr_hansen).get("/reports/", {"status": "all"})

    assert list(response.context["page"].object_list) == [
        new_emergency,
        new_today_old,
        new_today_new,
        new_soon,
        new_routine_old,
        busy_emergency,
        busy_routine,
        closed_emergency,
    ]
    assert 'data-level="1">Ring 113 nå</span>' in response.content.decode()


def test_inbox_filters_by_status_and_urgency(client_for, dr_hansen, kari_medicine):
    routine = make_report(kari_medicine)
    urgent = make_report(kari_medicine, urgent=True)
    report_services.set_report_status(
        report=routine, status="closed", action="advice", by=dr_hansen
    )
    client = client_for(dr_hansen)

    assert list(client.get("/reports/").context["page"].object_list) == [urgent]
    closed = client.get("/reports/", {"status": "closed"}).context["page"].object_list
    assert list(closed) == [routine]
    both = client.get("/reports/", {"status": "all", "urgency": "routine"})
    assert list(both.context["page"].object_list) == [routine]


def test_navigation_counts_new_and_urgent_reports_on_every_page(
    client_for, dr_hansen, kari_medicine
):
    make_report(kari_medicine)
    make_report(kari_medicine, urgent=True)

    page = client_for(dr_hansen).get("/leaflets/").content.decode()

    assert '2<span class="visually-hidden"> nye</span>' in page
    assert '1<span class="visually-hidden"> haster</span>' in page


def test_other_dermatologists_patients_reports_are_not_in_the_inbox(
    client_for, dr_lie, kari_medicine
):
    make_report(kari_medicine, urgent=True)

    response = client_for(dr_lie).get("/reports/")

    assert list(response.context["page"].object_list) == []
    assert "badge-urgent" not in response.content.decode()


@pytest.mark.parametrize("count", [10, 500])
def test_inbox_query_count_is_constant(
    client_for, dr_hansen, medicine, count, django_assert_max_num_queries
):
    assignment = AssignmentFactory(
        patient=PatientFactory(dermatologist=dr_hansen.dermatologist), leaflet=medicine
    )
    report = make_report(assignment)
    copied = {
        field.attname: getattr(report, field.attname)
        for field in SideEffectReport._meta.concrete_fields
        if field.name not in {"id", "reference", "form_token", "thread"}
    }
    threads = Thread.objects.bulk_create(
        Thread(patient=assignment.patient, dermatologist=dr_hansen.dermatologist, kind="report")
        for _ in range(count - 1)
    )
    SideEffectReport.objects.bulk_create(
        SideEffectReport(**copied, reference=f"R-bulk-{n}", thread=thread)
        for n, thread in enumerate(threads)
    )
    client = client_for(dr_hansen)

    with django_assert_max_num_queries(8):
        response = client.get("/reports/")

    # The count stops ten pages past the first: 500 reports are "more than 11 pages".
    paginator = response.context["page"].paginator
    assert paginator.count == min(count, 11 * 25 + 1)
    assert paginator.count_is_exact == (count <= 11 * 25)


def test_an_unknown_filter_shows_the_open_reports(client_for, dr_hansen, kari_medicine):
    closed = make_report(kari_medicine)
    report_services.set_report_status(report=closed, status="closed", action="advice", by=dr_hansen)
    open_report = make_report(kari_medicine, urgent=True)

    response = client_for(dr_hansen).get("/reports/", {"status": "bogus", "urgency": "x"})

    assert list(response.context["page"].object_list) == [open_report]
