import pytest
from django.db import connection

from patients import report_services, services
from tests.factories import AssignmentFactory, PatientFactory, published_leaflet
from tests.patients.reporting import make_report

URL = "/patients/"


def test_my_patients_counts_unacknowledged_outdated_and_waiting(client_for, dr_hansen, kari, ola):
    AssignmentFactory(patient=kari.patient)
    read = AssignmentFactory(patient=kari.patient)
    version = read.leaflet.published_version()
    services.acknowledge(assignment=read, version=version, language="nb")
    services.ask_question(assignment=read, body="Kan jeg drikke alkohol?")

    response = client_for(dr_hansen).get(URL)

    rows = {p.user.email: p for p in response.context["page"].object_list}
    assert list(rows) == ["kari@example.org", "ola@example.org"]
    kari_row = rows["kari@example.org"]
    assert (kari_row.unacknowledged, kari_row.outdated, kari_row.waiting_messages) == (1, 0, 1)
    assert rows["ola@example.org"].unacknowledged == 0


def test_my_patients_counts_open_reports(client_for, dr_hansen, kari, kari_medicine):
    make_report(kari_medicine)
    closed = make_report(kari_medicine)
    report_services.set_report_status(report=closed, status="closed", action="advice", by=dr_hansen)

    response = client_for(dr_hansen).get(URL)

    assert response.context["page"].object_list[0].open_reports == 1


def test_search_finds_by_name_or_email(client_for, dr_hansen, kari, ola):
    client = client_for(dr_hansen)

    by_name = client.get(URL, {"q": "kari nord"}).context["page"].object_list
    by_email = client.get(URL, {"q": "ola@"}).context["page"].object_list

    assert [p.user.email for p in by_name] == ["kari@example.org"]
    assert [p.user.email for p in by_email] == ["ola@example.org"]


def test_other_dermatologists_patients_are_not_listed(client_for, dr_lie, kari, per):
    page = client_for(dr_lie).get(URL).content.decode()

    assert "Per Hagen" in page and "Kari Nordmann" not in page


@pytest.mark.parametrize("persona", ["kari", "admin_user"])
def test_only_dermatologists_have_a_patient_list(client_for, request, persona):
    assert client_for(request.getfixturevalue(persona)).get(URL).status_code == 404


@pytest.mark.parametrize("count", [5, 200])
def test_my_patients_query_count_is_constant(
    client_for, dr_hansen, count, django_assert_max_num_queries
):
    leaflet = published_leaflet()
    for patient in PatientFactory.create_batch(count, dermatologist=dr_hansen.dermatologist):
        AssignmentFactory(patient=patient, leaflet=leaflet)
    client = client_for(dr_hansen)

    with django_assert_max_num_queries(8):  # 2 for the session and MFA checks
        response = client.get(URL)

    assert len(response.context["page"].object_list) == min(count, 25)


def test_search_matches_inside_names_and_ignores_case(client_for, dr_hansen, kari, ola):
    client = client_for(dr_hansen)

    inside = client.get(URL, {"q": "ORDMAN"}).context["page"].object_list
    both_words = client.get(URL, {"q": "nordmann kari@"}).context["page"].object_list

    assert [p.user.email for p in inside] == ["kari@example.org", "ola@example.org"]
    assert [p.user.email for p in both_words] == ["kari@example.org"]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="trigram indexes exist on PostgreSQL only"
)
def test_search_uses_the_trigram_indexes_on_postgresql(dr_hansen, kari):
    from clinic.models import User
    from patients import selectors

    with connection.cursor() as cursor:
        # A tiny test table is read whole; tell the planner to prefer indexes, as at scale.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        # The indexes match the expressions Django's `icontains` runs.
        by_name = User.objects.filter(full_name__icontains="nordmann").explain()
        by_email = User.objects.filter(email__icontains="kari@").explain()

    assert "my_patients_search_name_idx" in by_name
    assert "my_patients_search_email_idx" in by_email
    assert list(selectors.patients_of(dr_hansen.dermatologist, "nordmann")) == [kari.patient]
