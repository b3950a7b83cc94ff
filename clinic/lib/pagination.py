"""Pagination that does not count everything on every page view.

A list page counts its rows at most a few pages past the one shown
(`BoundedPaginator`), so a dermatologist with thousands of patients or reports pays for a
bounded number of rows, not for all of them. The admin's report list estimates the count
of the whole table from PostgreSQL's statistics (`EstimatedCountPaginator`).
"""

from django.core.paginator import InvalidPage, PageNotAnInteger, Paginator
from django.db import connections
from django.utils.functional import cached_property

# How many pages past the requested one the count looks.
LOOKAHEAD_PAGES = 10


class BoundedPaginator(Paginator):
    """A paginator whose count stops `lookahead` pages past the requested page.

    `count` is exact when the list ends within that window (`count_is_exact`); otherwise it
    is one row past the window, so there is a next page and the page links can say
    "of more than N" (`shown_pages`) without a `COUNT(*)` over everything.
    """

    def __init__(self, object_list, per_page, *, lookahead: int = LOOKAHEAD_PAGES, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.lookahead = lookahead
        self.requested = 1

    def count_queryset(self, number: int):
        """The rows the count looks at for page `number` (at most one past the window)."""
        self.requested = max(1, number)
        limit = (self.requested + self.lookahead) * self.per_page
        # No ordering (a count needs none) and only the key, so no annotations are computed.
        return self.object_list.order_by().values("pk")[: limit + 1]

    @property
    def limit(self) -> int:
        return (self.requested + self.lookahead) * self.per_page

    @cached_property
    def count(self) -> int:
        return self.count_queryset(self.requested).count()

    @property
    def count_is_exact(self) -> bool:
        return self.count <= self.limit

    @property
    def shown_pages(self) -> int:
        """The number of pages to name: all of them, or the window when there are more."""
        return self.num_pages if self.count_is_exact else self.limit // self.per_page

    def get_page(self, number):
        try:
            self.requested = int(number)
        except (TypeError, ValueError):
            self.requested = 1
        if self.requested < 1:
            self.requested = 1
        try:
            return self.page(self.requested)
        except PageNotAnInteger:
            return self.page(1)
        except InvalidPage:
            return self.page(self.num_pages)


class EstimatedCountPaginator(Paginator):
    """For the admin's change lists of big tables: an unfiltered list's count is
    PostgreSQL's estimate of the table's rows (pg_class.reltuples, kept by autovacuum and
    ANALYZE) instead of a `COUNT(*)`; a filtered list, and any other database, counts."""

    @cached_property
    def count(self) -> int:
        estimate = self.estimate()
        if estimate is not None:
            return estimate
        return super().count

    def estimate(self) -> int | None:
        queryset = self.object_list
        query = getattr(queryset, "query", None)
        if query is None or query.where or query.distinct or query.is_sliced:
            return None
        connection = connections[queryset.db]
        if connection.vendor != "postgresql":
            return None
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                [queryset.model._meta.db_table],
            )
            row = cursor.fetchone()
        # -1 (never analysed) or a tiny table: counting is cheap and exact.
        if row is None or row[0] < 10_000:
            return None
        return row[0]


def paginate(request, queryset, per_page: int = 25):
    """The requested page, and the other query parameters for the page links."""
    page = BoundedPaginator(queryset, per_page).get_page(request.GET.get("page"))
    filters = request.GET.copy()
    filters.pop("page", None)
    return page, filters.urlencode()
