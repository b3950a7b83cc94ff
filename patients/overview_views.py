"""The dermatologist's overview (their landing page) and the report trends.

The overview shows the dermatologist's own patients only. The trends show a dermatologist
their own patients' reports and a clinic administrator who may see reports the whole
clinic's, as figures only: no page or download names a patient.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from clinic.access_log import log_refused
from clinic.audit import log_action
from clinic.lib.charts import Row, bar_chart, column_chart
from clinic.lib.csv_safe import csv_response
from leaflets.models import active_language
from patients import access, overview, trends
from patients.access import dermatologist_required
from patients.models import SideEffectReport

TRENDS_ADMIN_PERMISSION = "patients.view_sideeffectreport"


@dermatologist_required
@require_GET
def overview_page(request):
    data = overview.overview(request.dermatologist, language=active_language())
    # The header's report badges are the overview's own counts: no second count.
    counts = {"new": data.new_reports, "urgent": data.urgent_reports}
    return render(request, "patients/overview.html", {"data": data, "report_counts": counts})


@dermatologist_required
@require_POST
def remind(request, pk, assignment_pk):
    assignment = access.assignment_for_dermatologist(request, assignment_pk, patient_pk=pk)
    try:
        overview.send_reminder(assignment=assignment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("A reminder is sent to %(name)s.") % {"name": assignment.patient.user.full_name},
        )
    return redirect("patients:overview")


def trends_scope(user):
    """The reports whose trends `user` may see, or None: a dermatologist their patients',
    a clinic administrator who may view reports the clinic's."""
    if not (user.is_authenticated and user.is_active):
        return None
    if user.is_clinic_admin and user.is_staff and user.has_perm(TRENDS_ADMIN_PERMISSION):
        return SideEffectReport.objects.all()
    if user.is_dermatologist:
        try:
            return user.dermatologist.reports.all()
        except ObjectDoesNotExist:
            return None
    return None


def trends_required(view):
    """Log in; then anyone without a scope gets a (logged) 404, like other scoped pages."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        scope = trends_scope(request.user)
        if scope is None:
            log_refused(request)
            raise Http404
        request.trend_reports = scope
        return view(request, *args, **kwargs)

    return wrapper


def _trends(request) -> tuple[trends.PeriodForm, trends.Trends]:
    form = trends.PeriodForm(request.GET or None)
    start, end = form.period()
    data = trends.cached_trends(
        request.trend_reports, start=start, end=end, language=active_language()
    )
    return form, data


def _charts(data: trends.Trends) -> dict:
    return {
        "month_chart": column_chart(
            [Row(f"{row.month:%Y-%m}", row.reports, alert=bool(row.urgent)) for row in data.months],
            title=_("Reports per month"),
            label_header=_("Month"),
            value_header=_("Reports"),
        ),
        "medicine_chart": bar_chart(
            [Row(row.name, row.reports) for row in data.medicines],
            title=_("Reports per medicine"),
            label_header=_("Medicine"),
            value_header=_("Reports"),
        ),
        "flag_chart": bar_chart(
            [Row(row.name, row.reports, alert=True) for row in data.red_flags],
            title=_("Reports per red flag"),
            label_header=_("Red flag"),
            value_header=_("Reports"),
        ),
    }


@trends_required
@require_GET
def trends_page(request):
    form, data = _trends(request)
    return render(
        request,
        "patients/trends.html",
        {
            "form": form,
            "data": data,
            "query": request.GET.urlencode(),
            "whole_clinic": not request.user.is_dermatologist,
            **_charts(data),
        },
    )


def _table(data: trends.Trends, table: str) -> tuple[list[str], list[list]]:
    if table == "months":
        return (
            [_("Month"), _("Reports"), _("Urgent"), _("Urgent (%)")],
            [
                [f"{row.month:%Y-%m}", row.reports, row.urgent, row.urgent_percent]
                for row in data.months
            ],
        )
    if table in ("medicines", "red-flags"):
        series = data.medicines if table == "medicines" else data.red_flags
        label = _("Medicine") if table == "medicines" else _("Red flag")
        return (
            [label, *(f"{row.month:%Y-%m}" for row in data.months), _("Total")],
            [[row.name, *row.by_month, row.reports] for row in series],
        )
    if table == "times":
        return (
            [_("Figure"), _("Value"), _("Reports counted")],
            [
                [_("Median hours to the first look"), data.first_look_hours, data.seen],
                [_("Median days to close"), data.close_days, data.closed],
            ],
        )
    raise Http404


TABLES = ("months", "medicines", "red-flags", "times")


@trends_required
@require_GET
def trends_csv(request, trend):
    if trend not in TABLES:
        raise Http404
    _form, data = _trends(request)
    header, rows = _table(data, trend)
    log_action(
        actor=request.user,
        action="trends.exported",
        obj=request.user,
        data={"table": trend, "from": f"{data.start:%Y-%m}", "to": f"{data.end:%Y-%m}"},
    )
    return csv_response(
        filename=f"report-trends-{trend}-{data.start:%Y-%m}-{data.end:%Y-%m}",
        header=header,
        rows=rows,
    )
