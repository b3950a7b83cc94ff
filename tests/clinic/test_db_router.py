"""Routing decisions of the read-replica router; no replica is needed to test them."""

from django.db import connections
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from clinic.db_router import (
    PIN_COOKIE,
    PrimaryAfterWriteMiddleware,
    ReplicaRouter,
)
from clinic.models import User

router = ReplicaRouter()


def _in_request(request, body):
    """Run body() inside the middleware for request; return (body's result, response)."""
    result = {}

    def view(req):
        result["value"] = body()
        return HttpResponse()

    response = PrimaryAfterWriteMiddleware(view)(request)
    return result["value"], response


def _read():
    return router.db_for_read(User)


def test_a_get_outside_a_transaction_reads_from_the_replica():
    db, _ = _in_request(RequestFactory().get("/my/"), _read)

    assert db == "replica"


def test_writes_always_go_to_the_primary():
    db, _ = _in_request(RequestFactory().get("/my/"), lambda: router.db_for_write(User))

    assert db == "default"


def test_reads_inside_a_transaction_go_to_the_primary(monkeypatch):
    monkeypatch.setattr(connections["default"], "in_atomic_block", True)

    db, _ = _in_request(RequestFactory().get("/my/"), _read)

    assert db == "default"


def test_reads_after_a_write_in_the_same_request_go_to_the_primary():
    def write_then_read():
        before = _read()
        router.db_for_write(User)
        return before, _read()

    (before, after), _ = _in_request(RequestFactory().get("/my/"), write_then_read)

    assert (before, after) == ("replica", "default")


def test_a_write_does_not_pin_the_next_request():
    _in_request(RequestFactory().get("/my/"), lambda: router.db_for_write(User))

    db, _ = _in_request(RequestFactory().get("/my/"), _read)

    assert db == "replica"


@override_settings(REPLICA_PIN_SECONDS=7, SESSION_COOKIE_SECURE=True)
def test_a_post_reads_from_the_primary_and_pins_the_browser_for_a_while():
    db, response = _in_request(RequestFactory().post("/my/reports/new/other/"), _read)

    assert db == "default"
    cookie = response.cookies[PIN_COOKIE]
    assert cookie["max-age"] == 7
    assert cookie["secure"] and cookie["httponly"]


def test_a_pinned_browser_reads_from_the_primary():
    request = RequestFactory().get("/my/reports/")
    request.COOKIES[PIN_COOKIE] = "1"

    db, response = _in_request(request, _read)

    assert db == "default"
    assert PIN_COOKIE not in response.cookies  # a GET does not extend the pin


def test_only_the_primary_is_migrated():
    assert router.allow_migrate("default", "patients")
    assert not router.allow_migrate("replica", "patients")


def test_objects_from_both_databases_may_be_related():
    kari, hansen = User(email="k@example.org"), User(email="h@example.org")
    kari._state.db, hansen._state.db = "replica", "default"

    assert router.allow_relation(kari, hansen)
