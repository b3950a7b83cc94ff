"""The dermatologist's overview: their landing page with what waits among their own patients,
counts that match the navigation badges, a reminder at most once a week per assignment and
a query count that does not grow with the number of patients."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clinic.demo import demo_user
from clinic.models import AuditEntry, OutgoingMail
from leaflets.models import LeafletVersion
from patients import overview, services
from patients.models import Acknowledgement, Assignment, name_and_email
from tests.conftest import login
from tests.factories import AssignmentFactory, LeafletVersionFactory, PatientFactory
from tests.patients.reporting import make_report

URL = "/overview/"


def _days_ago(assignment, days):
    Assignment.objects.filter(pk=assignment.pk).update(
        assigned_at=timezone.now() - datetime.timedelta(days=days)
    )


def _outdated(assignment):
    """Acknowledged on the published version, then a later version asks to confirm again."""
    version = assignment.leaflet.published_version()
    Acknowledgement.objects.create(assignment=assignment, version=version, language="nb")
    LeafletVersionFactory(
        leaflet=assignment.leaflet,
        number=version.number + 1,
        status=LeafletVersion.Status.RETIRED,
        requires_reacknowledgement=True,
    )


@pytest.fixture
def hansens_work(kari, ola, per, kari_medicine, medicine):
    """Kari: the medicine unconfirmed for 9 days, an outdated leaflet, an urgent new report
    and a question. Ola: a leaflet given yesterday. Per (dr. Lie's): all of that too."""
    _days_ago(kari_medicine, 9)
    _outdated(AssignmentFactory(patient=kari.patient))
    make_report(kari_medicine, urgent=True)
    make_report(kari_medicine)  # routine, new
    services.ask_question(assignment=kari_medicine, body="Kan jeg ta dette med mat?")
    _days_ago(AssignmentFactory(patient=ola.patient), 1)
    per_medicine = AssignmentFactory(patient=per.patient, leaflet=medicine)
    _days_ago(per_medicine, 30)
    _outdated(AssignmentFactory(patient=per.patient))
    make_report(per_medicine, urgent=True)
    services.ask_question(assignment=per_medicine, body="Per spør")
    return kari_medicine


def test_the_dermatologists_start_page_is_the_overview(client_for, dr_hansen):
    response = client_for(dr_hansen).get("/")

    assert response["Location"] == URL


def test_the_overview_lists_what_waits_among_the_dermatologists_own_patients(
    client_for, dr_hansen, hansens_work, kari
):
    response = client_for(dr_hansen).get(URL)

    data = response.context["data"]
    assert [(a.patient_id, a.days_waiting) for a in data.unconfirmed.items] == [
        (kari.patient.pk, 9)
    ]
    assert [a.patient_id for a in data.outdated.items] == [kari.patient.pk]
    assert data.questions.count == 1 and data.questions.items[0].patient_id == kari.patient.pk
    levels = {level.level: level.count for level in data.report_levels}
    assert levels == {1: 0, 2: 1, 3: 0, None: 1}
    page = response.content.decode()
    assert f'href="/patients/{kari.patient.pk}/"' in page
    assert f'formaction="/patients/{kari.patient.pk}/assignments/{hansens_work.pk}/remind/"' in page
    assert "Per " not in page and "Per spør" not in page


def test_a_long_section_is_counted_up_to_a_cap(client_for, dr_hansen, hansens_work, monkeypatch):
    monkeypatch.setattr(overview, "COUNT_CAP", 1)
    for patient in PatientFactory.create_batch(2, dermatologist=dr_hansen.dermatologist):
        _days_ago(AssignmentFactory(patient=patient), 20)

    response = client_for(dr_hansen).get(URL)

    section = response.context["data"].unconfirmed
    assert (section.count, section.capped, len(section.items)) == (1, True, 3)
    assert '<span class="badge rounded-pill text-bg-primary">1+</span>' in response.content.decode()


def test_the_report_counts_match_the_navigation_badges(client_for, dr_hansen, hansens_work):
    response = client_for(dr_hansen).get(URL)

    data = response.context["data"]
    badges = response.context["report_counts"]
    assert (data.new_reports, data.urgent_reports) == (badges["new"], badges["urgent"]) == (2, 1)


def test_the_other_pages_badges_count_the_same_reports(client_for, dr_hansen, hansens_work):
    """The overview passes its own counts to the header; the other pages count them."""
    response = client_for(dr_hansen).get("/patients/")

    badges = response.context["report_counts"]
    assert (badges["new"], badges["urgent"]) == (2, 1)


def test_the_number_of_days_comes_from_the_setting(client_for, dr_hansen, hansens_work, settings):
    settings.UNCONFIRMED_AFTER_DAYS = 10

    data = client_for(dr_hansen).get(URL).context["data"]

    assert data.days == 10 and data.unconfirmed.count == 0


def test_dr_lie_sees_only_her_own_patients(client_for, dr_lie, hansens_work, per, kari):
    response = client_for(dr_lie).get(URL)

    data = response.context["data"]
    assert [a.patient_id for a in data.unconfirmed.items] == [per.patient.pk]
    assert [a.patient_id for a in data.outdated.items] == [per.patient.pk]
    assert (data.new_reports, data.urgent_reports, data.questions.count) == (1, 1, 1)
    assert "Kari" not in response.content.decode()


@pytest.mark.parametrize("persona", ["kari", "admin_user"])
def test_patients_and_staff_get_a_404(client_for, persona, request):
    assert client_for(request.getfixturevalue(persona)).get(URL).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


def _remind(client, assignment):
    return client.post(
        f"/patients/{assignment.patient_id}/assignments/{assignment.pk}/remind/", follow=True
    )


def test_a_reminder_is_sent_once_then_refused_within_a_week(client_for, dr_hansen, hansens_work):
    client = client_for(dr_hansen)

    first = _remind(client, hansens_work)
    second = _remind(client, hansens_work)

    mails = OutgoingMail.objects.filter(kind=OutgoingMail.Kind.REMINDER)
    assert [m.recipient.email for m in mails] == ["kari@example.org"]
    assert "En påminnelse er sendt til Kari Nordmann." in first.content.decode()
    assert "sendt for mindre enn en uke siden" in second.content.decode()
    assert AuditEntry.objects.filter(action="assignment.reminded").count() == 1
    # A week later it may be sent again.
    Assignment.objects.filter(pk=hansens_work.pk).update(
        last_reminded_at=timezone.now() - datetime.timedelta(days=7, minutes=1)
    )
    _remind(client, hansens_work)
    assert OutgoingMail.objects.filter(kind=OutgoingMail.Kind.REMINDER).count() == 2


def test_the_page_shows_when_the_last_reminder_went(client_for, dr_hansen, hansens_work):
    client = client_for(dr_hansen)
    _remind(client, hansens_work)

    data = client.get(URL).context["data"]

    assert [a.may_remind for a in data.unconfirmed.items] == [False]
    assert data.unconfirmed.items[0].next_reminder is not None


def test_a_reminded_line_says_when_instead_of_offering_a_reminder(
    client_for, dr_hansen, hansens_work
):
    client = client_for(dr_hansen)
    _remind(client, hansens_work)
    remind_url = f"/patients/{hansens_work.patient_id}/assignments/{hansens_work.pk}/remind/"

    page = client.get(URL).content.decode()

    assert f"Påminnet {timezone.localdate():%d.%m.%Y}" in page
    assert remind_url not in page


def test_a_line_offers_a_reminder_named_for_the_patient(client_for, dr_hansen, hansens_work):
    page = client_for(dr_hansen).get(URL).content.decode()

    assert 'Send en påminnelse<span class="visually-hidden"> til Kari Nordmann</span>' in page


def test_a_patient_who_has_not_activated_the_account_gets_no_reminder_button(
    client_for, dr_hansen, kari, hansens_work
):
    type(kari).objects.filter(pk=kari.pk).update(is_active=False)

    page = client_for(dr_hansen).get(URL).content.decode()

    assert '<span class="small">ikke aktivert</span>' in page
    assert "Send en påminnelse" not in page


def test_a_patient_without_a_name_is_listed_by_e_mail(client_for, dr_hansen, hansens_work, kari):
    type(kari).objects.filter(pk=kari.pk).update(full_name="")

    response = client_for(dr_hansen).get(URL)

    data = response.context["data"]
    assert [a.name for a in data.unconfirmed.items] == ["kari@example.org"]
    assert data.questions.items[0].name == "kari@example.org"
    assert (
        f'<a href="/patients/{kari.patient.pk}/">kari@example.org</a>' in response.content.decode()
    )


def test_dr_lie_cannot_remind_dr_hansens_patient(client_for, dr_lie, hansens_work):
    response = client_for(dr_lie).post(
        f"/patients/{hansens_work.patient_id}/assignments/{hansens_work.pk}/remind/"
    )

    assert response.status_code == 404
    assert not OutgoingMail.objects.filter(kind=OutgoingMail.Kind.REMINDER).exists()


def test_no_reminder_for_a_patient_who_has_not_activated_the_account(
    client_for, dr_hansen, kari, hansens_work
):
    type(kari).objects.filter(pk=kari.pk).update(is_active=False)

    response = _remind(client_for(dr_hansen), hansens_work)

    assert "ikke aktivert" in response.content.decode()
    assert not OutgoingMail.objects.filter(kind=OutgoingMail.Kind.REMINDER).exists()


def _more_patients(dermatologist, medicine, count):
    for _ in range(count):
        assignment = AssignmentFactory(
            patient=PatientFactory(dermatologist=dermatologist), leaflet=medicine
        )
        _days_ago(assignment, 12)
        _outdated(AssignmentFactory(patient=assignment.patient))
        make_report(assignment, urgent=True)
        make_report(assignment)
        services.ask_question(assignment=assignment, body="Et spørsmål")


def test_the_query_count_does_not_grow_with_the_number_of_patients(
    client_for, dr_hansen, hansens_work, medicine, django_assert_max_num_queries
):
    client = client_for(dr_hansen)
    client.get(URL)  # warm the session
    counts = []
    for extra in (2, 25):
        _more_patients(dr_hansen.dermatologist, medicine, extra)
        with (
            CaptureQueriesContext(connection) as queries,
            django_assert_max_num_queries(11),
        ):
            response = client.get(URL)
        counts.append(len(queries))

    assert counts[0] == counts[1]
    data = response.context["data"]
    assert data.unconfirmed.count == 28 and len(data.unconfirmed.items) == 20
    assert data.unconfirmed.more


def test_dr_hansens_demo_overview(client, db):
    call_command("seed_demo", "--force", verbosity=0)
    client = login(client, demo_user("dr.hansen@example.org"))

    response = client.get(client.get("/")["Location"])

    data = response.context["data"]
    kari = demo_user("kari@example.org").patient
    listed = Assignment.objects.in_bulk([a.pk for a in data.unconfirmed.items])
    karis = [a for a in data.unconfirmed.items if a.patient_id == kari.pk]
    assert [listed[a.pk].leaflet.slug for a in karis] == ["methotrexate"]
    outdated = Assignment.objects.in_bulk([a.pk for a in data.outdated.items])
    assert ("kari@example.org", "azathioprine") in [
        (a.patient.user.email, a.leaflet.slug) for a in outdated.values()
    ]
    [urgent] = [level for level in data.report_levels if level.level == 2]
    assert [r.name for r in urgent.oldest] == [kari.name]
    page = response.content.decode()
    assert "Metotreksat" in page and "Azatioprin" in page


def test_outdated_confirmations_are_listed_by_patient_name_and_email_then_by_assignment(
    dr_hansen, kari, monkeypatch
):
    monkeypatch.setattr(overview, "LIMIT", 3)
    derm = dr_hansen.dermatologist
    names = ["Åse", "Bjørn", "Anne", "Bjørn"]
    outdated = []
    for name in names:
        patient = PatientFactory(dermatologist=derm, user__full_name=name)
        assignment = AssignmentFactory(patient=patient)
        _outdated(assignment)
        outdated.append(assignment)

    data = overview.overview(derm, language="nb")

    expected = sorted(outdated, key=lambda a: (name_and_email(a.patient.user), a.pk))
    assert data.outdated.count == 4
    assert [a.pk for a in data.outdated.items] == [a.pk for a in expected[:3]]


def test_each_urgency_level_lists_its_oldest_new_reports_first(dr_hansen, kari_medicine):
    routine = [make_report(kari_medicine) for _ in range(overview.REPORTS_PER_LEVEL + 1)]
    urgent = make_report(kari_medicine, urgent=True)
    for days, report in enumerate(reversed(routine)):
        type(report).objects.filter(pk=report.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=days + 1)
        )

    data = overview.overview(dr_hansen.dermatologist, language="nb")

    levels = {level.level: level for level in data.report_levels}
    assert levels[None].count == overview.REPORTS_PER_LEVEL + 1
    oldest_first = routine[: overview.REPORTS_PER_LEVEL]
    assert [r.pk for r in levels[None].oldest] == [r.pk for r in oldest_first]
    assert [r.pk for r in levels[urgent.urgency].oldest] == [urgent.pk]


def test_each_reminder_button_posts_to_its_own_line_with_the_tables_token(
    dr_hansen, hansens_work, kari_medicine
):
    client = Client(enforce_csrf_checks=True)
    login(client, dr_hansen)
    page = client.get(URL).content.decode()
    remind_url = f"/patients/{kari_medicine.patient_id}/assignments/{kari_medicine.pk}/remind/"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    assert f'formaction="{remind_url}"' in page
    response = client.post(remind_url, {"csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert Assignment.objects.get(pk=kari_medicine.pk).last_reminded_at is not None


def test_reports_and_questions_say_how_long_they_have_waited(client_for, dr_hansen, kari_medicine):
    report = make_report(kari_medicine)
    type(report).objects.filter(pk=report.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )
    services.ask_question(assignment=kari_medicine, body="Kan jeg ta dette med mat?")

    page = client_for(dr_hansen).get(URL).content.decode()

    assert f"{report.reference}</a> · Kari Nordmann · for 3\xa0dager siden" in page
    assert "Kari Nordmann: Azatioprin</a> · for 0\xa0minutter siden" in page
