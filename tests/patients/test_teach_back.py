import pytest
from django.utils import timezone

from leaflets.models import LeafletVersion
from patients.models import TeachBackResult
from tests.factories import (
    AssignmentFactory,
    LeafletVersionFactory,
    TeachBackResultFactory,
    question,
)
from tests.html_forms import form_data


def _setup(kari):
    assignment = AssignmentFactory(patient=kari.patient)
    first = question(assignment.leaflet, position=1)
    second = question(
        assignment.leaflet,
        position=2,
        question="Hva gjør du ved feber?",
        options=["Venter", "Kontakter legen samme dag"],
        correct_option=2,
        explanation="Feber kan være tegn på infeksjon.",
    )
    return assignment, first, second


def test_a_wrong_answer_shows_the_explanation_and_the_section_and_keeps_the_answers(
    client_for, kari
):
    assignment, first, second = _setup(kari)
    url = f"/my/leaflets/{assignment.pk}/check/"

    response = client_for(kari).post(url, {f"q{first.pk}": "1", f"q{second.pk}": "2"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Allopurinol øker mengden legemiddel" in page
    assert f'href="/my/leaflets/{assignment.pk}/?lang=nb#s-bivirkninger"' in page
    assert "Feber kan være tegn på infeksjon." not in page
    kept = form_data(page)
    assert (kept[f"q{first.pk}"], kept[f"q{second.pk}"]) == ("1", "2")
    result = TeachBackResult.objects.get(assignment=assignment)
    assert (result.first_try_correct, result.question_count, result.passed_at) == (1, 2, None)


def test_right_answers_on_a_second_try_pass_but_the_first_try_score_stays(client_for, kari):
    assignment, first, second = _setup(kari)
    url = f"/my/leaflets/{assignment.pk}/check/"
    client = client_for(kari)
    client.post(url, {f"q{first.pk}": "1", f"q{second.pk}": "2"})

    response = client.post(url, {f"q{first.pk}": "2", f"q{second.pk}": "2"})

    assert response["Location"] == f"/my/leaflets/{assignment.pk}/?lang=nb#confirm"
    result = TeachBackResult.objects.get(assignment=assignment)
    assert (result.first_try_correct, result.attempts) == (1, 2)
    assert result.passed_at is not None


def test_an_unanswered_question_is_a_clear_error(client_for, kari):
    assignment, first, second = _setup(kari)

    response = client_for(kari).post(f"/my/leaflets/{assignment.pk}/check/", {f"q{first.pk}": "2"})

    assert "Velg et svar." in response.content.decode()
    assert not TeachBackResult.objects.exists()


def test_an_answer_outside_the_options_is_a_form_error_not_a_crash(client_for, kari):
    assignment, first, second = _setup(kari)

    response = client_for(kari).post(
        f"/my/leaflets/{assignment.pk}/check/", {f"q{first.pk}": "9", f"q{second.pk}": "x"}
    )

    assert response.status_code == 200
    assert not TeachBackResult.objects.exists()


@pytest.mark.parametrize("persona", ["ola", "dr_hansen", "dr_lie", "admin_user"])
def test_nobody_else_can_answer_the_patients_questions(client_for, request, kari, persona):
    assignment, first, second = _setup(kari)

    client = client_for(request.getfixturevalue(persona))

    assert client.get(f"/my/leaflets/{assignment.pk}/check/").status_code == 404
    response = client.post(
        f"/my/leaflets/{assignment.pk}/check/", {f"q{first.pk}": "2", f"q{second.pk}": "2"}
    )
    assert response.status_code == 404
    assert not TeachBackResult.objects.exists()


def test_the_reader_offers_the_confirmation_once_the_answers_are_right(client_for, kari):
    assignment, first, second = _setup(kari)
    client = client_for(kari)
    reader = f"/my/leaflets/{assignment.pk}/"
    confirm_form = f'action="/my/leaflets/{assignment.pk}/acknowledge/"'

    before = client.get(reader).content.decode()
    client.post(f"{reader}check/", {f"q{first.pk}": "2", f"q{second.pk}": "2"})
    after = client.get(reader).content.decode()

    assert "Svar på spørsmålene" in before
    assert confirm_form not in before
    assert confirm_form in after
    assert "Svar på spørsmålene" not in after


def test_answers_to_an_earlier_version_do_not_stand_for_the_published_one(client_for, kari):
    assignment, first, second = _setup(kari)
    earlier = LeafletVersionFactory(
        leaflet=assignment.leaflet, number=0, status=LeafletVersion.Status.RETIRED
    )
    TeachBackResultFactory(assignment=assignment, version=earlier, passed_at=timezone.now())

    page = client_for(kari).get(f"/my/leaflets/{assignment.pk}/").content.decode()

    assert "Svar på spørsmålene" in page
    assert f'action="/my/leaflets/{assignment.pk}/acknowledge/"' not in page
