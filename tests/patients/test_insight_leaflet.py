"""The leaflet insight: who may see it, figures that match the answers patients gave through
the teach-back page, a bounded number of queries, CSV downloads that are safe and logged."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clinic.models import AuditEntry
from leaflets.models import TeachBackQuestion
from patients.models import Acknowledgement, Assignment, TeachBackAnswer, TeachBackResult
from tests.factories import (
    AssignmentFactory,
    PatientFactory,
    UserFactory,
    medicine_leaflet,
    question,
)
from tests.patients.reporting import make_report

URL = "/insight/leaflets/"


@pytest.fixture
def editor(db):
    user = UserFactory(email="editor@example.org", role="admin", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="leaflets"))
    return user


@pytest.fixture
def leaflet(db):
    """A medicine leaflet with two questions: the second is the hard one."""
    leaflet = medicine_leaflet()
    question(leaflet, position=1)  # right answer: 2
    question(
        leaflet,
        position=2,
        question="Hva gjør du ved feber?",
        options=["Venter", "Kontakter legen samme dag", "Tar paracet"],
        correct_option=2,
        section="Bivirkninger",
    )
    return leaflet


def _questions(leaflet):
    return list(
        TeachBackQuestion.objects.filter(version__leaflet=leaflet, language="nb").order_by(
            "position"
        )
    )


def _patient_answers(client, dr, leaflet, tries):
    """A new patient of `dr` answers through the teach-back page: `tries` is a list of
    attempts, each the chosen options for the two questions."""
    patient = PatientFactory(dermatologist=dr.dermatologist)
    assignment = AssignmentFactory(patient=patient, leaflet=leaflet)
    first, second = _questions(leaflet)
    client.force_login(patient.user)
    for one, two in tries:
        client.post(
            f"/my/leaflets/{assignment.pk}/check/", {f"q{first.pk}": one, f"q{second.pk}": two}
        )
    return assignment


@pytest.mark.parametrize("who", ["kari", "dr_lie", "dr_hansen"])
def test_patients_and_dermatologists_without_the_right_get_not_found(
    request, client_for, leaflet, who
):
    user = request.getfixturevalue(who)

    client = client_for(user)

    for url in (URL, f"{URL}{leaflet.slug}/", f"{URL}{leaflet.slug}/questions.csv"):
        assert client.get(url).status_code == 404, url


def test_staff_without_the_leaflet_right_gets_not_found(client_for, leaflet):
    staff = UserFactory(role="admin", is_staff=True)

    assert client_for(staff).get(URL).status_code == 404


def test_anonymous_is_sent_to_log_in(client, leaflet):
    response = client.get(f"{URL}{leaflet.slug}/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_editor_approver_and_admin_see_it_and_the_navigation_links_to_it(
    client_for, editor, admin_user, dr_hansen, leaflet
):
    dr_hansen.is_staff = True
    dr_hansen.save()
    dr_hansen.user_permissions.add(Permission.objects.get(codename="change_leaflet"))

    for user in (editor, admin_user, dr_hansen):
        client = client_for(user)
        page = client.get(URL)
        assert page.status_code == 200
        assert f'href="{URL}"' in page.content.decode()
        assert client.get(f"{URL}{leaflet.slug}/").status_code == 200


def test_the_navigation_shows_no_link_to_those_who_may_not_see_it(client_for, dr_hansen):
    assert (
        'href="/insight/leaflets/"' not in client_for(dr_hansen).get("/patients/").content.decode()
    )


def test_first_try_rates_match_the_answers_given_through_the_teach_back_page(
    client, client_for, editor, dr_hansen, leaflet
):
    # Five patients: the first question is right at once for all; the second is right at
    # the first try for one only, and "Venter" is the wrong answer most chosen.
    _patient_answers(client, dr_hansen, leaflet, [("2", "2")])
    for wrong in ("1", "1", "1", "3"):
        _patient_answers(client, dr_hansen, leaflet, [("2", wrong), ("2", "2")])
    first, second = _questions(leaflet)

    assert TeachBackAnswer.objects.count() == 2 * 5 + 2 * 4
    assert TeachBackAnswer.objects.filter(attempt=2, correct=True).count() == 8
    page = client_for(editor).get(f"{URL}{leaflet.slug}/").content.decode()

    rows = {
        row.question.pk: row
        for row in client.get(f"{URL}{leaflet.slug}/").context["data"].questions
    }
    assert (rows[first.pk].answers, rows[first.pk].right_first) == (5, 5)
    assert (rows[second.pk].answers, rows[second.pk].right_first) == (5, 1)
    assert rows[second.pk].right_first_percent == 20.0
    assert (rows[second.pk].wrong_option_text, rows[second.pk].wrong_count) == ("Venter", 3)
    assert rows[second.pk].flagged and not rows[first.pk].flagged
    assert "Hva gjør du ved feber?" in page
    assert "Venter (3)" in page
    assert "20 %" in page and "100 %" in page
    # The marked question links to the section it tests on the public page.
    assert f'href="/leaflets/{leaflet.slug}/#s-bivirkninger"' in page
    assert "Spørsmål de fleste svarer feil på første gang" in page


def test_fewer_than_five_answers_are_not_marked(client, client_for, editor, dr_hansen, leaflet):
    for _ in range(4):
        _patient_answers(client, dr_hansen, leaflet, [("2", "1"), ("2", "2")])

    data = client_for(editor).get(f"{URL}{leaflet.slug}/").context["data"]

    assert [row.flagged for row in data.questions] == [False, False]
    assert data.questions[1].right_first_percent == 0


def test_funnel_versions_median_and_side_effects(client, client_for, editor, dr_hansen, leaflet):
    now = timezone.now()
    version = leaflet.published_version()
    acknowledged = []
    for days in (1, 2, 2, 10):
        assignment = _patient_answers(client, dr_hansen, leaflet, [("2", "2")])
        client.post(
            f"/my/leaflets/{assignment.pk}/acknowledge/", {"version": version.pk, "language": "nb"}
        )
        acknowledged.append(assignment)
        Assignment.objects.filter(pk=assignment.pk).update(
            assigned_at=now - datetime.timedelta(days=days), first_opened_at=now
        )
    unopened = AssignmentFactory(
        patient=PatientFactory(dermatologist=dr_hansen.dermatologist), leaflet=leaflet
    )
    make_report(acknowledged[0], symptoms=["nausea"])
    make_report(acknowledged[1], symptoms=["nausea"], urgent=True)

    data = client_for(editor).get(f"{URL}{leaflet.slug}/").context["data"]

    assert Acknowledgement.objects.count() == 4 and unopened.first_opened_at is None
    assert data.totals == {"assigned": 5, "opened": 4, "acknowledged": 4}
    assert data.median_days == 2
    [row] = data.versions
    assert (row.number, row.language, row.acknowledged, row.median_days) == (1, "nb", 4, 2)
    assert (row.checked, row.all_right_first, row.passed) == (4, 4, 4)
    assert {s.key: s.reports for s in data.symptoms} == {"nausea": 2, "fever": 1}
    assert data.reports == 2


def _bulk_history(leaflet, dr, count):
    """`count` patients who answered (right, then wrong on the second question) and confirmed."""
    version = leaflet.published_version()
    first, second = _questions(leaflet)
    for _ in range(count):
        assignment = AssignmentFactory(
            patient=PatientFactory(dermatologist=dr.dermatologist),
            leaflet=leaflet,
            first_opened_at=timezone.now(),
        )
        result = TeachBackResult.objects.create(
            assignment=assignment,
            version=version,
            language="nb",
            question_count=2,
            first_try_correct=1,
            attempts=1,
        )
        TeachBackAnswer.objects.bulk_create(
            [
                TeachBackAnswer(
                    result=result, question=first, attempt=1, chosen_option=2, correct=True
                ),
                TeachBackAnswer(
                    result=result, question=second, attempt=1, chosen_option=1, correct=False
                ),
            ]
        )
        Acknowledgement.objects.create(assignment=assignment, version=version, language="nb")
        make_report(assignment, symptoms=["nausea"])


def test_the_query_count_does_not_grow_with_the_number_of_patients(
    client_for, editor, dr_hansen, leaflet, django_assert_max_num_queries
):
    client = client_for(editor)
    client.get(f"{URL}{leaflet.slug}/")  # the session and the permissions: warm once
    urls = (URL, f"{URL}{leaflet.slug}/", f"{URL}{leaflet.slug}/questions.csv")
    counts = {}
    for total in (3, 30):
        _bulk_history(leaflet, dr_hansen, total - Assignment.objects.count())
        for url in urls:
            with (
                CaptureQueriesContext(connection) as queries,
                django_assert_max_num_queries(17),
            ):  # 17th: the authenticator check
                assert client.get(url).status_code == 200
            counts[(total, url)] = len(queries)

    assert [counts[(3, url)] for url in urls] == [counts[(30, url)] for url in urls]
    data = client.get(f"{URL}{leaflet.slug}/").context["data"]
    assert data.totals["assigned"] == 30
    assert data.questions[1].answers == 30 and data.questions[1].flagged


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_downloads_are_formula_safe_name_no_patient_and_are_logged(
    client, client_for, editor, dr_hansen, leaflet
):
    first, _second = _questions(leaflet)
    # The version is published and frozen; an editor's formula would come in a draft.
    TeachBackQuestion.objects.filter(pk=first.pk).update(question='=HYPERLINK("http://evil")')
    _patient_answers(client, dr_hansen, leaflet, [("1", "2"), ("2", "2")])
    patient_name = Assignment.objects.get().patient.user.full_name
    client = client_for(editor)

    tables = {
        table: client.get(f"{URL}{leaflet.slug}/{table}.csv")
        for table in ("funnel", "versions", "questions", "side-effects")
    }
    overview = client.get("/insight/leaflets.csv")

    questions = _csv(tables["questions"])
    assert questions[0][2] == "Spørsmål"
    assert questions[1][2] == '\'=HYPERLINK("http://evil")'
    for response in (*tables.values(), overview):
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert "attachment" in response["Content-Disposition"]
        assert patient_name not in response.content.decode()
    logged = AuditEntry.objects.filter(action="insight.exported", actor=editor)
    assert sorted(entry.data["table"] for entry in logged) == sorted([*tables, "leaflets"])
    assert client.get(f"{URL}{leaflet.slug}/patients.csv").status_code == 404


def test_the_page_in_english(client_for, editor, leaflet):
    editor.language = "en"
    editor.save()
    client = client_for(editor)
    client.cookies["django_language"] = "en"

    page = client.get(f"{URL}{leaflet.slug}/").content.decode()
    overview = client.get(URL).content.decode()

    assert "Assigned, opened, acknowledged" in page
    assert "Azathioprine" in page
    assert "Leaflet insight" in overview


def test_the_page_in_norwegian(client_for, editor, leaflet):
    page = client_for(editor).get(f"{URL}{leaflet.slug}/").content.decode()

    assert "Tildelt, åpnet, bekreftet" in page
    assert "Azatioprin" in page
