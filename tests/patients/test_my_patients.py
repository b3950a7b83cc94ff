import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from clinic.models import User
from patients import report_services, selectors, services
from patients.models import Patient
from tests.factories import AssignmentFactory, PatientFactory, PatientUserFactory, published_leaflet
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


def _listed(client, **params):
    return [p.user.email for p in client.get(URL, params).context["page"].object_list]


def test_patients_are_listed_by_name_whatever_the_case(client_for, dr_hansen):
    for email, name in [("c@example.org", "Carl Berg"), ("a@example.org", "anne dahl")]:
        PatientFactory(
            user__email=email, user__full_name=name, dermatologist=dr_hansen.dermatologist
        )
    PatientFactory(
        user__email="b@example.org",
        user__full_name="Bodil Lie",
        dermatologist=dr_hansen.dermatologist,
    )

    assert _listed(client_for(dr_hansen)) == ["a@example.org", "b@example.org", "c@example.org"]


def test_search_finds_norwegian_letters_whatever_the_case(client_for, dr_hansen, kari):
    PatientFactory(
        user__email="ase@example.org",
        user__full_name="Åse Ødegård",
        dermatologist=dr_hansen.dermatologist,
    )
    client = client_for(dr_hansen)

    assert _listed(client, q="ØDEGÅRD") == ["ase@example.org"]
    assert _listed(client, q="åse ødeg") == ["ase@example.org"]


def test_search_needs_every_word_in_the_name_or_the_email(client_for, dr_hansen, kari, ola):
    client = client_for(dr_hansen)

    assert _listed(client, q="kari ola@") == []
    assert _listed(client, q="nordmann example.org") == ["kari@example.org", "ola@example.org"]


def test_a_patients_new_name_is_searched_and_sorted(client_for, dr_hansen, kari, ola):
    kari.full_name = "Tone Zahl"
    kari.save()
    client = client_for(dr_hansen)

    assert _listed(client, q="zahl") == ["kari@example.org"]
    assert _listed(client, q="nordmann") == ["ola@example.org"]
    assert _listed(client) == ["ola@example.org", "kari@example.org"]


def test_a_patients_new_email_is_searched(client_for, dr_hansen, kari):
    kari.email = "kari.nordmann@example.net"
    kari.save(update_fields=["email"])

    assert _listed(client_for(dr_hansen), q="example.net") == ["kari.nordmann@example.net"]


def test_a_patient_given_another_account_takes_its_name(client_for, dr_hansen, kari):
    patient = Patient.objects.get(pk=kari.patient.pk)
    patient.user = PatientUserFactory(email="kari.ny@example.org", full_name="Kari Zahl")
    patient.save()

    assert _listed(client_for(dr_hansen), q="zahl") == ["kari.ny@example.org"]


def test_saving_other_fields_of_a_user_leaves_the_patient_row(kari, django_assert_num_queries):
    kari.last_login = timezone.now()

    with django_assert_num_queries(1):  # the user's own UPDATE
        kari.save(update_fields=["last_login"])


def test_refresh_names_copies_names_changed_without_save(client_for, dr_hansen, kari, ola):
    User.objects.filter(pk=kari.pk).update(full_name="Kari Aasen")

    assert Patient.objects.refresh_names() == 1
    assert _listed(client_for(dr_hansen), q="aasen") == ["kari@example.org"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="index plans of PostgreSQL")
@pytest.mark.parametrize("query", ["", "nordmann"])
def test_my_patients_reads_the_dermatologists_range_of_my_patients_idx(
    dr_hansen, kari, ola, per, query
):
    """The list and its search start from the dermatologist's patients in name order, so
    they read at most that dermatologist's patients, not the clinic's users, and from the
    index alone: no patient row is read to filter or sort."""
    with connection.cursor() as cursor:
        # A tiny test table is read whole; tell the planner to prefer indexes, as at scale.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        plan = selectors.patients_of(dr_hansen.dermatologist, query)[:25].explain()

    assert "Index Only Scan using my_patients_idx on patients_patient" in plan
    assert list(selectors.patients_of(dr_hansen.dermatologist, query)) == [
        kari.patient,
        ola.patient,
    ]


@pytest.mark.django_db(transaction=True)
def test_the_migration_copies_the_names_of_existing_patients(kari, per, back_to_latest):
    before = [("patients", "0019_patient_name_and_email")]
    after = [("patients", "0020_fill_patient_name_and_email")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    old.get_model("patients", "Patient").objects.update(name_and_email="")
    old.get_model("clinic", "User").objects.filter(pk=per.pk).update(full_name="Per Ås")

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps

    assert dict(
        new.get_model("patients", "Patient").objects.values_list("user_id", "name_and_email")
    ) == {
        kari.pk: "kari nordmann\nkari@example.org",
        per.pk: "per ås\nper@example.org",
    }
