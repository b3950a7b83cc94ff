"""Eight weeks of made-up history for the azathioprine leaflet, so the leaflet insight has
something to show: thirty example patients of dr. Hansen who were given the leaflet, most of
whom opened it, answered its questions (the first one, about febuxostat, is often answered
wrong at the first try) and confirmed it.

The example patients cannot log in (unusable password, inactive) and get no mail. The answers
go through the real teach-back and acknowledgement services; only the dates are moved back.
"""

import datetime
import random

from django.utils import timezone

from clinic.models import Role, User
from leaflets.models import Leaflet
from patients import selectors, services
from patients.models import (
    Acknowledgement,
    Assignment,
    Dermatologist,
    Patient,
    TeachBackAnswer,
    TeachBackResult,
)

COUNT = 30
WEEKS = 8


def example_email(number: int) -> str:
    return f"eksempel.pasient{number:02d}@example.org"


def _example_patient(number: int, dermatologist: Dermatologist, rng: random.Random) -> Patient:
    user = User(
        email=example_email(number),
        full_name=f"Eksempelpasient {number:02d}",
        role=Role.PATIENT,
        language="en" if number % 5 == 0 else "nb",
        is_active=False,
    )
    user.set_unusable_password()
    user.save()
    born = datetime.date(1950 + rng.randrange(50), rng.randrange(1, 13), rng.randrange(1, 29))
    return Patient.objects.create(user=user, date_of_birth=born, dermatologist=dermatologist)


def _answers(questions, rng: random.Random, *, first_try: bool) -> dict[int, int]:
    """Right answers, except on the first try: the first question is wrong for most."""
    answers = {}
    for position, question in enumerate(questions):
        wrong_chance = (0.65 if position == 0 else 0.12) if first_try else 0
        if rng.random() < wrong_chance:
            # The same tempting wrong answer most of the time, another one now and then.
            wrong = [n for n in range(1, len(question.options) + 1) if n != question.correct_option]
            answers[question.pk] = wrong[0] if rng.random() < 0.8 else wrong[-1]
        else:
            answers[question.pk] = question.correct_option
    return answers


def _history(assignment, version, *, rng: random.Random, assigned_at, now) -> None:
    """Open, answer (once or twice) and maybe confirm, then move the dates back."""
    language = assignment.patient.user.language
    opened_at = min(assigned_at + datetime.timedelta(hours=rng.randrange(2, 72)), now)
    services.record_open(assignment=assignment)
    Assignment.objects.filter(pk=assignment.pk).update(first_opened_at=opened_at)
    if rng.random() < 0.1:
        return  # opened, never answered
    questions = selectors.questions_for(version, language)
    outcome = services.check_understanding(
        assignment=assignment,
        version=version,
        language=language,
        answers=_answers(questions, rng, first_try=True),
    )
    if not outcome.passed:
        services.check_understanding(
            assignment=assignment,
            version=version,
            language=language,
            answers=_answers(questions, rng, first_try=False),
        )
    answered_at = min(opened_at + datetime.timedelta(minutes=rng.randrange(5, 40)), now)
    TeachBackResult.objects.filter(pk=outcome.result.pk).update(
        created_at=answered_at, passed_at=answered_at
    )
    TeachBackAnswer.objects.filter(result=outcome.result).update(answered_at=answered_at)
    if rng.random() < 0.12:
        return  # answered, not yet confirmed
    acknowledgement = services.acknowledge(
        assignment=assignment, version=version, language=language
    )
    acknowledged_at = min(
        opened_at + datetime.timedelta(days=rng.choice([0, 0, 1, 1, 2, 3, 5, 8])), now
    )
    Acknowledgement.objects.filter(pk=acknowledgement.pk).update(acknowledged_at=acknowledged_at)


def seed_insight_history() -> int:
    """The example patients and their azathioprine history; 0 when they exist already."""
    if User.objects.filter(email=example_email(1)).exists():
        return 0
    leaflet = Leaflet.objects.filter(slug="azathioprine").first()
    dermatologist = Dermatologist.objects.filter(user__email="dr.hansen@example.org").first()
    version = leaflet.published_version() if leaflet else None
    if version is None or dermatologist is None:
        return 0
    rng = random.Random(12)  # the same history on every machine
    now = timezone.now()
    for number in range(1, COUNT + 1):
        patient = _example_patient(number, dermatologist, rng)
        # Spread over the last eight weeks, the newest a couple of days old.
        assigned_at = now - datetime.timedelta(
            days=2 + (WEEKS * 7 - 2) * (COUNT - number) / COUNT, hours=rng.randrange(8)
        )
        assignment = Assignment.objects.create(
            patient=patient,
            leaflet=leaflet,
            assigned_by=dermatologist.user,
            assigned_at=assigned_at,
        )
        if rng.random() < 0.12:
            continue  # not opened yet
        _history(assignment, version, rng=rng, assigned_at=assigned_at, now=now)
    return COUNT
