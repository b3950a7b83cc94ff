"""Report trends: the clinic's own pharmacovigilance view of side-effect reports.

Per month, per medicine and per red flag, the urgent share and the median times to the first
look (`SideEffectReport.first_seen_at`, set when a dermatologist first opens the report) and
to closing. Every figure comes from grouped queries; Python walks rows bounded by months,
medicines, red flags and hour or day buckets, never by reports. Nothing names a patient:
free-text medicine names are counted together as "another medicine".
"""

import datetime
import hashlib
from dataclasses import dataclass

from django import forms
from django.core.cache import cache
from django.db.models import Count, DurationField, ExpressionWrapper, Max, Q
from django.db.models.functions import TruncDate, TruncHour, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clinic.lib.charts import percent
from leaflets.models import KnownSideEffect
from leaflets.selectors import leaflet_titles
from patients.insight import median_from_histogram
from patients.models import SideEffectReport
from patients.selectors import names_side_effect

DEFAULT_MONTHS = 12
MAX_MONTHS = 60
# How long a period's trends stay cached (`cached_trends`).
CACHE_SECONDS = 300


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(month: datetime.date, count: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


class MonthField(forms.DateField):
    """A month as the browser's month input sends it (2026-11)."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m"]


class PeriodForm(forms.Form):
    """From and to month, both included; bound to the query string."""

    start = MonthField(label=gettext_lazy("From month"), required=False)
    end = MonthField(label=gettext_lazy("To month"), required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The first month must come before the last."))
        if start and end and add_months(start, MAX_MONTHS) <= end:
            raise forms.ValidationError(
                _("Choose at most %(count)s months.") % {"count": MAX_MONTHS}
            )
        return cleaned

    def period(self, today=None) -> tuple[datetime.date, datetime.date]:
        """The first and last month chosen; the last twelve months by default."""
        today = today or timezone.localdate()
        valid = self.is_valid()
        end = (self.cleaned_data.get("end") if valid else None) or month_start(today)
        start = (self.cleaned_data.get("start") if valid else None) or add_months(
            end, 1 - DEFAULT_MONTHS
        )
        if start > end:  # only the start given, after this month
            end = add_months(start, DEFAULT_MONTHS - 1)
        return month_start(start), month_start(end)


@dataclass
class MonthRow:
    month: datetime.date
    reports: int = 0
    urgent: int = 0

    @property
    def urgent_percent(self) -> float | None:
        return percent(self.urgent, self.reports)


@dataclass
class SeriesRow:
    """A medicine or a red flag, with its reports in each month of the period."""

    key: str
    name: str
    by_month: list[int]
    urgent: int = 0

    @property
    def reports(self) -> int:
        return sum(self.by_month)


@dataclass
class Trends:
    start: datetime.date
    end: datetime.date
    months: list[MonthRow]
    medicines: list[SeriesRow]
    red_flags: list[SeriesRow]
    first_look_hours: float | None = None
    close_days: float | None = None
    seen: int = 0
    closed: int = 0
    # The `cached_trends` key these figures were kept under: the page's drawn figures are kept
    # under it too (`{% memo %}`). Empty for figures counted without the cache.
    key: str = ""

    @property
    def reports(self) -> int:
        return sum(row.reports for row in self.months)

    @property
    def urgent(self) -> int:
        return sum(row.urgent for row in self.months)

    @property
    def urgent_percent(self) -> float | None:
        return percent(self.urgent, self.reports)


def _month(value) -> datetime.date:
    """TruncMonth gives an aware datetime (or a date on some backends) in the current zone."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().replace(day=1)
    return value.replace(day=1)


def _in_period(reports, start: datetime.date, end: datetime.date):
    zone = timezone.get_current_timezone()
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    until = datetime.datetime.combine(add_months(end, 1), datetime.time.min, tzinfo=zone)
    return reports.filter(created_at__gte=since, created_at__lt=until)


def _months_and_medicines(
    reports, months: list[MonthRow], index: dict, language: str
) -> list[SeriesRow]:
    """Reports and urgent reports per medicine and month, in one grouped query; the month
    totals are the sums of its rows (a medicine is counted once per report)."""
    rows = (
        reports.annotate(month=TruncMonth("created_at"))
        .order_by()
        .values("month", "leaflet_id")
        .annotate(count=Count("pk"), urgent=Count("pk", filter=Q(urgency__isnull=False)))
    )
    series: dict[int | None, SeriesRow] = {}
    for row in rows:
        position = index[_month(row["month"])]
        months[position].reports += row["count"]
        months[position].urgent += row["urgent"]
        leaflet_id = row["leaflet_id"]
        entry = series.setdefault(
            leaflet_id, SeriesRow(key=str(leaflet_id or ""), name="", by_month=[0] * len(index))
        )
        entry.by_month[position] += row["count"]
        entry.urgent += row["urgent"]
    titles = leaflet_titles([pk for pk in series if pk], language)
    for pk, (slug, title) in titles.items():
        series[pk].key, series[pk].name = slug, title
    if None in series:
        series[None].name = _("Another medicine (named by the patient)")
        series[None].key = "other"
    return sorted(series.values(), key=lambda row: (-row.reports, row.name.lower()))


def _red_flag_names(language: str) -> dict[str, str]:
    """Each red flag's key and name, from its newest version (one query; rows bounded by
    the leaflets' content)."""
    names: dict[str, str] = {}
    effects = (
        KnownSideEffect.objects.filter(red_flag=True)
        .order_by("key", "-version__number")
        .values_list("key", "name_nb", "name_en")
    )
    for key, name_nb, name_en in effects:
        if key not in names:
            names[key] = (name_en or name_nb) if language == "en" else name_nb
    return names


def _red_flags(reports, index: dict, language: str) -> list[SeriesRow]:
    """Reports per red flag answered yes, per month: one query with one count per flag.

    The report keeps the flags it was sent with as a JSON snapshot (`[{"key": ...}]`); each
    key is counted with a text match on it, as the leaflet insight does, among reports with
    an urgency level (a red flag answered yes).
    """
    names = _red_flag_names(language)
    if not names:
        return []
    keys = sorted(names)
    rows = (
        reports.filter(urgency__isnull=False)
        .annotate(month=TruncMonth("created_at"))
        .order_by()
        .values("month")
        .annotate(
            **{
                f"flag_{number}": Count("pk", filter=names_side_effect(key))
                for number, key in enumerate(keys)
            }
        )
    )
    series = [SeriesRow(key=key, name=names[key], by_month=[0] * len(index)) for key in keys]
    for row in rows:
        position = index[_month(row["month"])]
        for number, entry in enumerate(series):
            entry.by_month[position] += row[f"flag_{number}"]
    return sorted(
        (entry for entry in series if entry.reports),
        key=lambda row: (-row.reports, row.name.lower()),
    )


def _histogram(reports, expression, unit: str) -> dict[int, int]:
    """{whole hours or days: how many reports}, grouped in the database."""
    rows = (
        reports.annotate(wait=ExpressionWrapper(expression, output_field=DurationField()))
        .order_by()
        .values("wait")
        .annotate(count=Count("pk"))
    )
    buckets: dict[int, int] = {}
    for row in rows:
        wait = row["wait"] or datetime.timedelta(0)
        value = max(int(wait.total_seconds() // 3600) if unit == "hours" else wait.days, 0)
        buckets[value] = buckets.get(value, 0) + row["count"]
    return buckets


def trends(reports, *, start: datetime.date, end: datetime.date, language: str) -> Trends:
    """The trends of `reports` (already limited to the viewer's scope) in a fixed number of
    queries: months and medicines, their leaflets' titles, red-flag names, red flags, first
    look, close. A dermatologist's report queries each read one range of
    `report_trends_idx` (by the reports' dermatologist and date)."""
    reports = _in_period(reports, start, end)
    months = []
    month = start
    while month <= end:
        months.append(MonthRow(month=month))
        month = add_months(month, 1)
    index = {row.month: position for position, row in enumerate(months)}
    medicines = _months_and_medicines(reports, months, index, language)
    first_look = _histogram(
        reports.filter(first_seen_at__isnull=False),
        TruncHour("first_seen_at") - TruncHour("created_at"),
        "hours",
    )
    closing = _histogram(
        reports.filter(status=SideEffectReport.Status.CLOSED, closed_at__isnull=False),
        TruncDate("closed_at") - TruncDate("created_at"),
        "days",
    )
    return Trends(
        start=start,
        end=end,
        months=months,
        medicines=medicines,
        red_flags=_red_flags(reports, index, language),
        first_look_hours=median_from_histogram(first_look),
        close_days=median_from_histogram(closing),
        seen=sum(first_look.values()),
        closed=sum(closing.values()),
    )


def cached_trends(reports, *, start: datetime.date, end: datetime.date, language: str) -> Trends:
    """`trends`, from the cache while none of the reports it counts has changed.

    The key holds the scope and the period (the query's SQL), the language, and what the
    trends count that can change: how many reports, the newest, how many first looked at
    and closed, the last close. One query, from report_trends_idx alone for a
    dermatologist, so a new report, a first look or a close shows at once; only the
    leaflets' titles and the red flags' names can be up to CACHE_SECONDS behind a newly
    published version.
    """
    period = _in_period(reports, start, end)
    state = period.aggregate(
        reports=Count("pk"),
        newest=Max("pk"),
        seen=Count("first_seen_at"),
        closed=Count("pk", filter=Q(status=SideEffectReport.Status.CLOSED)),
        last_closed=Max("closed_at"),
    )
    scope = f"{period.query}|{language}|{sorted(state.items())}"
    key = "trends:" + hashlib.sha256(scope.encode()).hexdigest()
    data = cache.get(key)
    if data is None:
        data = trends(reports, start=start, end=end, language=language)
        data.key = key
        cache.set(key, data, CACHE_SECONDS)
    return data
