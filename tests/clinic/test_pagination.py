"""Bounded pagination: a list page counts a window of rows past the page it shows, never
everything; the admin's report list estimates the whole table's count on PostgreSQL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clinic.lib.pagination import BoundedPaginator, EstimatedCountPaginator
from clinic.models import User
from patients.models import Patient
from tests.factories import PatientFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def users():
    PatientFactory.create_batch(12)
    return Patient.objects.order_by("pk")


def test_a_short_list_is_counted_exactly(users):
    page = BoundedPaginator(users, 5, lookahead=2).get_page(1)

    assert page.paginator.count == 12
    assert page.paginator.count_is_exact
    assert page.paginator.num_pages == 3
    assert len(page.object_list) == 5


def test_a_long_list_is_counted_only_a_window_past_the_page(users):
    page = BoundedPaginator(users, 2, lookahead=2).get_page(1)

    # Pages 1-3 hold six rows: one more row says there is more, not how much.
    assert page.paginator.count == 7
    assert not page.paginator.count_is_exact
    assert page.paginator.shown_pages == 3
    assert page.has_next()


def test_the_window_moves_with_the_page(users):
    paginator = BoundedPaginator(users, 2, lookahead=2)
    page = paginator.get_page(3)

    assert page.number == 3
    assert [u.pk for u in page.object_list] == [u.pk for u in users[4:6]]
    assert paginator.count == 11
    assert paginator.shown_pages == 5
    assert BoundedPaginator(users, 2, lookahead=2).get_page(4).paginator.count_is_exact


def test_the_last_page_and_a_page_past_it(users):
    last = BoundedPaginator(users, 5).get_page(3)
    past = BoundedPaginator(users, 5).get_page(99)
    nonsense = BoundedPaginator(users, 5).get_page("x")

    assert (last.number, len(last.object_list), last.has_next()) == (3, 2, False)
    assert past.number == 3
    assert nonsense.number == 1


def test_the_count_reads_only_the_window_of_keys(users):
    paginator = BoundedPaginator(users, 2, lookahead=1)
    paginator.get_page(1)
    with CaptureQueriesContext(connection) as queries:
        paginator.__dict__.pop("count")
        assert paginator.count == 5

    (sql,) = [q["sql"] for q in queries.captured_queries]
    assert "LIMIT 5" in sql
    assert "ORDER BY" not in sql
    assert "email" not in sql


def test_the_estimate_is_only_for_an_unfiltered_postgresql_table(users):
    whole = EstimatedCountPaginator(User.objects.all(), 5)
    filtered = EstimatedCountPaginator(User.objects.filter(is_staff=False), 5)

    # SQLite has no statistics; a small table and a filtered list are counted.
    assert whole.estimate() is None
    assert whole.count == User.objects.count()
    assert filtered.estimate() is None
    assert filtered.count == User.objects.filter(is_staff=False).count()


def test_the_page_links_say_when_there_are_more_pages(rf, users):
    from django.template.loader import render_to_string

    page = BoundedPaginator(users, 2, lookahead=1).get_page(1)
    html = render_to_string("includes/pagination.html", {"page": page, "filters": ""})

    assert "of more than 2" in html or "av over 2" in html
    exact = BoundedPaginator(users, 5).get_page(1)
    html = render_to_string("includes/pagination.html", {"page": exact, "filters": ""})
    assert "of 3" in html or "av 3" in html
