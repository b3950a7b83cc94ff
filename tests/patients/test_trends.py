"""Report trends: dermatologists see their own patients' reports, clinic administrators the
clinic's; figures per month, medicine and red flag, the urgent share and the median times to
the first look and to close; a period filter; CSV downloads that are safe and logged; a
bounded number of queries; cached until one of the reports changes."""

import csv
import datetime
import io
import re
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clinic.models import AuditEntry
from patients import report_services
from patients.models import SideEffectReport
from patients.trends import add_months
from tests.factories import AssignmentFactory, PatientFactory
from tests.patients.reporting import answers, make_report

URL = "/insight/trends/"


def _at(report, *, days_ago, seen_after=None, closed_after=None):
    created = timezone.now() - datetime.timedelta(days=days_ago)
    SideEffectReport.objects.filter(pk=report.pk).update(
        created_at=created,
        first_seen_at=created + seen_after if seen_after is not None else None,
        closed_at=created + closed_after if closed_after is not None else None,
        status="closed" if closed_after is not None else "new",
    )


@pytest.fixture
def reports(kari_medicine, per, medicine):
    """Kari (dr. Hansen's): three reports of the medicine, one urgent, one about another
    medicine named by her. Per (dr. Lie's): two urgent reports."""
    _at(make_report(kari_medicine, urgent=True), days_ago=0, seen_after=datetime.timedelta(hours=2))
    _at(
        make_report(kari_medicine, symptoms=["nausea"]),
        days_ago=0,
        seen_after=datetime.timedelta(hours=6),
        closed_after=datetime.timedelta(days=4),
    )
    _at(make_report(kari_medicine), days_ago=0, seen_after=datetime.timedelta(hours=30))
    report_services.submit_report(
        patient=kari_medicine.patient,
        assignment=None,
        answers=answers(other_medicine="=Hemmelig medisin Kari"),
    )
    per_medicine = AssignmentFactory(patient=per.patient, leaflet=medicine)
    make_report(per_medicine, urgent=True)
    make_report(per_medicine, urgent=True)


def test_a_dermatologist_sees_the_figures_of_their_own_patients(client_for, dr_hansen, reports):
    response = client_for(dr_hansen).get(URL)

    data = response.context["data"]
    assert (data.reports, data.urgent, data.urgent_percent) == (4, 1, 25.0)
    assert data.months[-1].reports == 4 and len(data.months) == 12
    assert [(row.name, row.reports, row.urgent) for row in data.medicines] == [
        ("Azatioprin", 3, 1),
        ("Annet legemiddel (oppgitt av pasienten)", 1, 0),
    ]
    assert [(row.key, row.reports) for row in data.red_flags] == [("fever", 1)]
    # First looks after 2, 6 and 30 hours; one closed after 4 days.
    assert (data.first_look_hours, data.seen) == (6, 3)
    assert (data.close_days, data.closed) == (4, 1)
    page = response.content.decode()
    assert "Kari" not in page and "Hemmelig" not in page
    assert page.count("<figure") == 3


def test_dr_lie_sees_nothing_of_dr_hansens_patients(client_for, dr_lie, reports):
    data = client_for(dr_lie).get(URL).context["data"]

    assert (data.reports, data.urgent) == (2, 2)
    assert [row.reports for row in data.medicines] == [2]


def test_a_clinic_administrator_sees_the_whole_clinic(client_for, admin_user, reports):
    response = client_for(admin_user).get(URL)

    assert response.context["data"].reports == 6
    assert 'href="/insight/trends/"' in response.content.decode()


@pytest.mark.parametrize("persona", ["kari", "editor"])
def test_patients_and_editors_get_a_404(client_for, persona, request, db):
    if persona == "editor":
        from tests.factories import UserFactory

        user = UserFactory(email="editor@example.org", role="admin", is_staff=True)
    else:
        user = request.getfixturevalue(persona)
    client = client_for(user)

    assert client.get(URL).status_code == 404
    assert client.get(f"{URL}months.csv").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


def test_the_period_filter(client_for, dr_hansen, reports):
    this_month = timezone.localdate().replace(day=1)
    earlier = add_months(this_month, -3)
    SideEffectReport.objects.filter(patient__user__email="kari@example.org").filter(
        pk=SideEffectReport.objects.filter(patient__user__email="kari@example.org")
        .order_by("pk")
        .first()
        .pk
    ).update(created_at=timezone.now() - datetime.timedelta(days=100))
    client = client_for(dr_hansen)

    only_then = client.get(URL, {"start": f"{earlier:%Y-%m}", "end": f"{earlier:%Y-%m}"})
    reversed_period = client.get(URL, {"start": f"{this_month:%Y-%m}", "end": f"{earlier:%Y-%m}"})

    data = only_then.context["data"]
    assert [row.month for row in data.months] == [earlier]
    assert data.reports == sum(row.reports for row in data.months) <= 1
    assert "Den første måneden må komme før den siste." in reversed_period.content.decode()
    assert reversed_period.context["data"].end == this_month


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_downloads_are_safe_name_no_patient_and_are_logged(client_for, dr_hansen, reports):
    client = client_for(dr_hansen)

    tables = {name: client.get(f"{URL}{name}.csv") for name in ("months", "medicines", "times")}

    for response in tables.values():
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith('attachment; filename="report-trends-')
        text = response.content.decode("utf-8-sig")
        assert "Kari" not in text and "Hemmelig" not in text
    medicines = _csv(tables["medicines"])
    assert medicines[1][0] == "Azatioprin" and medicines[1][-1] == "3"
    entries = AuditEntry.objects.filter(action="trends.exported")
    assert sorted(e.data["table"] for e in entries) == ["medicines", "months", "times"]
    assert client.get(f"{URL}nothing.csv").status_code == 404


def test_the_first_look_is_recorded_once_when_the_report_opens(
    client_for, dr_hansen, kari_medicine
):
    report = make_report(kari_medicine)
    client = client_for(dr_hansen)

    client.get(f"/reports/{report.pk}/")
    report.refresh_from_db()
    first = report.first_seen_at
    client.get(f"/reports/{report.pk}/")
    report.refresh_from_db()

    assert first is not None and report.first_seen_at == first


def _more_reports(medicine, dermatologist, count):
    for number in range(count):
        assignment = AssignmentFactory(
            patient=PatientFactory(dermatologist=dermatologist), leaflet=medicine
        )
        _at(
            make_report(assignment, urgent=number % 2 == 0),
            days_ago=number * 9 % 300,
            seen_after=datetime.timedelta(hours=number % 50),
            closed_after=datetime.timedelta(days=number % 20) if number % 3 else None,
        )


def test_the_query_count_does_not_grow_with_the_number_of_reports(
    client_for, dr_hansen, medicine, reports, django_assert_max_num_queries
):
    client = client_for(dr_hansen)
    client.get(URL)  # warm the session
    urls = (URL, f"{URL}months.csv", f"{URL}red-flags.csv")
    counts = {}
    for total in (3, 40):
        _more_reports(medicine, dr_hansen.dermatologist, total)
        for url in urls:
            with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(12):
                assert client.get(url).status_code == 200
            counts[(total, url)] = len(queries)

    assert [counts[(3, url)] for url in urls] == [counts[(40, url)] for url in urls]


def test_the_trends_come_from_the_cache_while_no_report_changes(client_for, dr_hansen, reports):
    client = client_for(dr_hansen)
    first = client.get(URL)

    with mock.patch("patients.trends.trends", side_effect=AssertionError("recomputed")):
        again = client.get(URL)

    assert again.context["data"] == first.context["data"]


def _first_look(report):
    SideEffectReport.objects.filter(pk=report.pk).update(first_seen_at=timezone.now())


def _close(report):
    SideEffectReport.objects.filter(pk=report.pk).update(status="closed", closed_at=timezone.now())


@pytest.mark.parametrize(
    "change, figure",
    [
        (lambda report: make_report(report.assignment), "reports"),
        (_first_look, "seen"),
        (_close, "closed"),
    ],
    ids=["new report", "first look", "close"],
)
def test_a_change_to_a_report_shows_at_once(client_for, dr_hansen, kari_medicine, change, figure):
    report = make_report(kari_medicine)
    client = client_for(dr_hansen)
    before = getattr(client.get(URL).context["data"], figure)

    change(report)

    assert getattr(client.get(URL).context["data"], figure) == before + 1


def test_the_drawn_figures_follow_a_new_report_at_once(client_for, dr_hansen, kari_medicine):
    make_report(kari_medicine)
    client = client_for(dr_hansen)
    first_figure = re.compile(r'<dd class="col-sm-7">(\d+)</dd>')
    before = first_figure.search(client.get(URL).content.decode()).group(1)

    make_report(kari_medicine)
    after = first_figure.search(client.get(URL).content.decode()).group(1)

    assert (before, after) == ("1", "2")
