"""No report is ever lost: reports posted at the same moment, from several threads.

Each thread is a worker with its own database connection, as under a real server, so the
test database must be a file on SQLite (tests/settings.py). Run it on PostgreSQL too with
DATABASE_URL=postgres://...
"""

import datetime
import threading
import uuid

import pytest
from django.db import connections
from django.test import Client
from django.utils import timezone

from patients.models import SideEffectReport
from tests.factories import AssignmentFactory, PatientFactory, medicine_leaflet

pytestmark = pytest.mark.django_db(transaction=True)


def _form(token) -> dict:
    return {
        "form_token": str(token),
        "symptoms": ["nausea"],
        "red_flag_fever": "no",
        "started_on": (timezone.localdate() - datetime.timedelta(days=2)).isoformat(),
        "outcome": "ongoing",
        "severity": "mild",
        "interference": "a_little",
        "medicine_action": "continued",
        "consent": "ask_first",
        "description": "Kvalm om morgenen.",
    }


def _post_at_once(posts):
    """Post each (client, url, data) from its own thread, all released at the same moment;
    return (status, Location) per post, in order."""
    barrier = threading.Barrier(len(posts))
    results = [None] * len(posts)

    def post(index, client, url, data):
        try:
            barrier.wait(timeout=30)
            response = client.post(url, data)
            results[index] = (response.status_code, response.get("Location"))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            results[index] = (error, None)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=post, args=(index, *arguments))
        for index, arguments in enumerate(posts)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def test_reports_posted_at_once_are_all_saved_once_per_form_token():
    leaflet = medicine_leaflet()
    assignments = [AssignmentFactory(patient=PatientFactory(), leaflet=leaflet) for _ in range(5)]
    shared = [uuid.uuid4(), uuid.uuid4()]
    # Three posts of one form (a triple click), two of another, three different patients.
    plan = [
        (assignments[0], shared[0]),
        (assignments[0], shared[0]),
        (assignments[0], shared[0]),
        (assignments[1], shared[1]),
        (assignments[1], shared[1]),
        (assignments[2], uuid.uuid4()),
        (assignments[3], uuid.uuid4()),
        (assignments[4], uuid.uuid4()),
    ]
    posts = [
        (_client(assignment.patient.user), f"/my/reports/new/{assignment.pk}/", _form(token))
        for assignment, token in plan
    ]

    results = _post_at_once(posts)

    assert [status for status, _ in results] == [302] * len(plan), results
    reports = {r.form_token: r for r in SideEffectReport.objects.select_related("patient")}
    assert set(reports) == {token for _, token in plan}
    for (assignment, token), (_, location) in zip(plan, results, strict=True):
        report = reports[token]
        assert report.patient == assignment.patient
        assert location == f"/my/reports/{report.pk}/"
    assert SideEffectReport.objects.count() == len({token for _, token in plan})


def test_one_form_posted_eight_times_at_once_makes_one_report():
    assignment = AssignmentFactory(leaflet=medicine_leaflet())
    token = uuid.uuid4()
    url = f"/my/reports/new/{assignment.pk}/"
    posts = [(_client(assignment.patient.user), url, _form(token)) for _ in range(8)]

    results = _post_at_once(posts)

    report = SideEffectReport.objects.get()
    assert results == [(302, f"/my/reports/{report.pk}/")] * 8
    assert report.thread.patient == assignment.patient
