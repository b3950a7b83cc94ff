"""The leaflet insight: for the people who write and approve leaflets (staff users who may
change leaflets). Figures only: no page or download names a patient."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from clinic.audit import log_action
from clinic.lib.charts import Row, bar_chart
from clinic.lib.csv_safe import csv_response
from leaflets.models import Leaflet, active_language
from patients import insight

INSIGHT_PERMISSION = "leaflets.change_leaflet"


def may_see_leaflet_insight(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm(INSIGHT_PERMISSION)
    )


def insight_required(view):
    """Log in; then anyone who may not change leaflets gets a 404, like other scoped pages."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not may_see_leaflet_insight(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _language_name(code: str) -> str:
    return {"nb": _("Norwegian"), "en": _("English")}.get(code, code)


def _percent(value) -> str:
    if value is None:
        return "–"
    return f"{number_format(value, 0 if float(value).is_integer() else 1)} %"


@insight_required
@require_GET
def leaflet_list(request):
    rows = insight.leaflet_overview(active_language())
    return render(request, "patients/insight_leaflets.html", {"rows": rows})


@insight_required
@require_GET
def leaflet_list_csv(request):
    rows = insight.leaflet_overview(active_language())
    log_action(
        actor=request.user, action="insight.exported", obj=request.user, data={"table": "leaflets"}
    )
    return csv_response(
        filename="leaflet-insight",
        header=[_("Leaflet"), _("Address"), _("Assigned"), _("Opened"), _("Acknowledged")],
        rows=[
            [row.title, row.leaflet.slug, row.assigned, row.opened, row.acknowledged]
            for row in rows
        ],
    )


def _charts(data: insight.LeafletInsight) -> dict:
    funnel = bar_chart(
        [
            Row(_("Assigned"), data.totals["assigned"]),
            Row(_("Opened"), data.totals["opened"]),
            Row(_("Acknowledged"), data.totals["acknowledged"]),
        ],
        title=_("From assigned to acknowledged"),
        label_header=_("Step"),
        value_header=_("Assignments"),
    )
    questions = bar_chart(
        [
            Row(
                f"v{row.number} ({row.language}) · {row.question.question}",
                row.right_first_percent or 0,
                display=_percent(row.right_first_percent),
                alert=row.flagged,
            )
            for row in data.questions
        ],
        title=_("Answered right at the first try, per question"),
        label_header=_("Question"),
        value_header=_("Right at the first try"),
        maximum=100,
    )
    symptoms = bar_chart(
        [Row(row.name, row.reports, alert=row.red_flag) for row in data.symptoms],
        title=_("Side-effect reports per side effect"),
        label_header=_("Side effect"),
        value_header=_("Reports"),
    )
    return {"funnel_chart": funnel, "question_chart": questions, "symptom_chart": symptoms}


@insight_required
@require_GET
def leaflet_detail(request, slug):
    leaflet = get_object_or_404(Leaflet, slug=slug)
    data = insight.leaflet_insight(leaflet, active_language())
    return render(
        request,
        "patients/insight_leaflet.html",
        {"data": data, **_charts(data), "flag_min": insight.FLAG_MIN_ANSWERS},
    )


def _table(data: insight.LeafletInsight, table: str) -> tuple[list[str], list[list]]:
    if table == "funnel":
        return (
            [_("Patient's language"), _("Assigned"), _("Opened"), _("Acknowledged")],
            [
                [_language_name(row.language), row.assigned, row.opened, row.acknowledged]
                for row in data.funnel
            ],
        )
    if table == "versions":
        return (
            [
                _("Version"),
                _("Language"),
                _("Acknowledged"),
                _("Median days to acknowledge"),
                _("Answered the questions"),
                _("All right at the first try"),
                _("Passed"),
            ],
            [
                [
                    row.number,
                    _language_name(row.language),
                    row.acknowledged,
                    row.median_days,
                    row.checked,
                    row.all_right_first,
                    row.passed,
                ]
                for row in data.versions
            ],
        )
    if table == "questions":
        return (
            [
                _("Version"),
                _("Language"),
                _("Question"),
                _("Answers at the first try"),
                _("Right at the first try"),
                _("Right at the first try (%)"),
                _("Wrong answer chosen most often"),
                _("Times chosen"),
                _("Section"),
                _("Needs rewriting"),
            ],
            [
                [
                    row.number,
                    _language_name(row.language),
                    row.question.question,
                    row.answers,
                    row.right_first,
                    row.right_first_percent,
                    row.wrong_option_text,
                    row.wrong_count,
                    row.question.section,
                    row.flagged,
                ]
                for row in data.questions
            ],
        )
    if table == "side-effects":
        return (
            [_("Side effect"), _("Red flag"), _("Reports")],
            [[row.name, row.red_flag, row.reports] for row in data.symptoms],
        )
    raise Http404


TABLES = ("funnel", "versions", "questions", "side-effects")


@insight_required
@require_GET
def leaflet_csv(request, slug, table):
    if table not in TABLES:
        raise Http404
    leaflet = get_object_or_404(Leaflet, slug=slug)
    data = insight.leaflet_insight(leaflet, active_language())
    header, rows = _table(data, table)
    log_action(actor=request.user, action="insight.exported", obj=leaflet, data={"table": table})
    return csv_response(filename=f"{leaflet.slug}-{table}", header=header, rows=rows)
