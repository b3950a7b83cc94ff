"""EXPLAIN of the list queries that grow with the data: the reports inbox, "My patients" and
its search and the admin report list, as their pages run them (first page), for one of the bench
dermatologists with the big lists and a bench administrator.

PostgreSQL only: `EXPLAIN (ANALYZE, BUFFERS)`, so the plan shows which index each query uses
and how long it took on the seeded data.
"""

from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory

from clinic.lib.pagination import BoundedPaginator
from clinic.models import User
from patients import selectors
from patients.bench.seed import LAST_NAMES, synthetic_email
from patients.models import Dermatologist, SideEffectReport

PER_PAGE = 25


def _first_page(queryset):
    """The queries the page runs: the bounded count and the first page's rows."""
    return [
        ("count", BoundedPaginator(queryset, PER_PAGE).count_queryset(1), True),
        ("first page", queryset[:PER_PAGE], False),
    ]


def _admin_report_list():
    user = User.objects.filter(email__endswith="@bench.invalid", is_superuser=True).first()
    request = RequestFactory().get("/admin/patients/sideeffectreport/")
    request.user = user or AnonymousUser()
    model_admin = admin.site.get_model_admin(SideEffectReport)
    changelist = model_admin.get_changelist_instance(request)
    paginator = changelist.paginator
    estimate = getattr(paginator, "estimate", lambda: None)()
    rows = changelist.queryset[: changelist.list_per_page]
    if estimate is not None:
        return [("count", None, False), ("first page", rows, False)]
    return [("count", changelist.queryset.order_by(), True), ("first page", rows, False)]


def _explain(queryset, *, count: bool) -> str:
    if not count:
        return queryset.explain(analyze=True, buffers=True)
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) SELECT COUNT(*) FROM ({sql}) AS rows", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def plans() -> list[tuple[str, str]]:
    """(title, plan) for each query; empty on databases other than PostgreSQL."""
    if connection.vendor != "postgresql":
        return []
    doctor = Dermatologist.objects.get(user__email=synthetic_email("derm", 1, 2))
    surname = LAST_NAMES.split()[0]
    queries = []
    for name, qs, count in _first_page(selectors.inbox(doctor)):
        queries.append((f"reports inbox, {name}", qs, count))
    for name, qs, count in _first_page(selectors.patients_of(doctor)):
        queries.append((f'"My patients", {name}', qs, count))
    for name, qs, count in _first_page(selectors.patients_of(doctor, surname)):
        queries.append((f'"My patients", search "{surname}", {name}', qs, count))
    for name, qs, count in _admin_report_list():
        queries.append((f"admin report list, {name}", qs, count))
    return [
        (
            title,
            "(no query: the count is estimated from the table statistics)"
            if qs is None
            else _explain(qs, count=count),
        )
        for title, qs, count in queries
    ]
