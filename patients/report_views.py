"""Side-effect reports: the patient's form and reports, the dermatologist's inbox."""

import uuid

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clinic.lib.pagination import paginate
from clinic.models import AccessLogEntry, ClinicContact
from leaflets.models import active_language
from patients import access, report_services, selectors, services
from patients.access import dermatologist_required, patient_required
from patients.export import export_response
from patients.forms import (
    ForwardedForm,
    InboxFilterForm,
    MessageForm,
    ReportStatusForm,
    SideEffectReportForm,
)
from patients.state import AssignmentState

# Patient


@patient_required
@require_GET
def report_start(request):
    """Choose the medicine the report is about."""
    states = [
        AssignmentState(a, active_language())
        for a in selectors.medicine_assignments(request.patient)
    ]
    if not states:
        return redirect("patients:report_create_other")
    return render(request, "patients/report_start.html", {"states": states})


def _with_new_token(form):
    """The same answers under a fresh form token, bound again so they show as typed."""
    data = form.data.copy()
    data["form_token"] = str(uuid.uuid4())
    new = SideEffectReportForm(
        data, side_effects=form.side_effects, other_medicine="other_medicine" in form.fields
    )
    new.is_valid()
    return new


@patient_required
@require_http_methods(["GET", "POST"])
def report_create(request, assignment_pk=None):
    assignment = (
        access.medicine_assignment_for_patient(request, assignment_pk)
        if assignment_pk is not None
        else None
    )
    side_effects = selectors.side_effects_of(assignment)
    form = SideEffectReportForm(
        request.POST or None,
        side_effects=side_effects,
        other_medicine=assignment is None,
        initial={"form_token": uuid.uuid4()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = report_services.submit_report(
                patient=request.patient, assignment=assignment, answers=form.answers()
            )
        except report_services.FormTokenTaken:
            form = _with_new_token(form)
            form.add_error(
                None, _("The form could not be sent. Check your answers and send it again.")
            )
        else:
            messages.success(request, _("Your report is sent to your dermatologist."))
            return redirect("patients:my_report", pk=report.pk)
    medicine = AssignmentState(assignment, active_language()).title if assignment else None
    return render(
        request,
        "patients/report_form.html",
        {"form": form, "medicine": medicine, "assignment": assignment},
        status=400 if request.method == "POST" else 200,
    )


@patient_required
@require_GET
def my_reports(request):
    reports = request.patient.reports.select_related("assignment__leaflet").order_by("-created_at")
    return render(request, "patients/my_reports.html", {"reports": reports})


def _render_my_report(request, report, *, message_form=None):
    """The patient's report; while it is open, the advice for its red flags comes first.

    Nothing may come above that advice, so on such a page the notices ("sent") are shown
    below it instead of at the top of the page.
    """
    advice = selectors.report_advice(report) if report.is_open else []
    notices = list(messages.get_messages(request)) if advice else []
    return render(
        request,
        "patients/my_report.html",
        {
            "report": report,
            "advice": advice,
            "notices": notices,
            **({"messages": []} if advice else {}),
            "contact": ClinicContact.current(),
            "message_form": message_form or MessageForm(),
        },
        status=400 if message_form is not None else 200,
    )


@patient_required
@require_GET
def my_report(request, pk):
    return _render_my_report(request, access.report_for_patient(request, pk))


@patient_required
@require_POST
def my_report_message(request, pk):
    report = access.report_for_patient(request, pk)
    form = MessageForm(request.POST)
    if not form.is_valid():
        return _render_my_report(request, report, message_form=form)
    services.post_message(thread=report.thread, author=request.user, body=form.cleaned_data["body"])
    messages.success(request, _("Your message is sent to your dermatologist."))
    return redirect(f"{reverse('patients:my_report', kwargs={'pk': report.pk})}#messages")


# Dermatologist


@dermatologist_required
@require_GET
def inbox(request):
    form = InboxFilterForm(request.GET)
    chosen = form.filters()
    page, filters = paginate(request, selectors.inbox(request.dermatologist, **chosen))
    return render(
        request,
        "patients/inbox.html",
        {"form": form, "page": page, "filters": filters, **chosen},
    )


def _render_report(request, report, *, reply_form=None, status_form=None, forwarded_form=None):
    invalid = any(form is not None for form in (reply_form, status_form, forwarded_form))
    return render(
        request,
        "patients/report_detail.html",
        {
            "report": report,
            "reply_form": reply_form or MessageForm(),
            "status_form": status_form
            or ReportStatusForm(initial={"status": report.status, "action": report.action}),
            "forwarded_form": forwarded_form
            or ForwardedForm(
                initial={
                    "forwarded_on": report.forwarded_on,
                    "forwarded_reference": report.forwarded_reference,
                }
            ),
        },
        status=400 if invalid else 200,
    )


@dermatologist_required
@require_GET
def report_detail(request, pk):
    report = access.report_for_dermatologist(request, pk)
    report_services.mark_seen(report=report)
    return _render_report(request, report)


@dermatologist_required
@require_POST
def report_status(request, pk):
    report = access.report_for_dermatologist(request, pk)
    form = ReportStatusForm(request.POST)
    if not form.is_valid():
        return _render_report(request, report, status_form=form)
    report_services.set_report_status(
        report=report,
        status=form.cleaned_data["status"],
        action=form.cleaned_data["action"],
        by=request.user,
    )
    messages.success(request, _("The status is saved."))
    return redirect("patients:report_inbox_detail", pk=report.pk)


@dermatologist_required
@require_POST
def report_reply(request, pk):
    report = access.report_for_dermatologist(request, pk)
    form = MessageForm(request.POST)
    if not form.is_valid():
        return _render_report(request, report, reply_form=form)
    services.post_message(thread=report.thread, author=request.user, body=form.cleaned_data["body"])
    messages.success(request, _("Your reply is sent."))
    return redirect(f"{reverse('patients:report_inbox_detail', kwargs={'pk': report.pk})}#messages")


@dermatologist_required
@require_POST
def report_forwarded(request, pk):
    report = access.report_for_dermatologist(request, pk)
    form = ForwardedForm(request.POST)
    if not form.is_valid():
        return _render_report(request, report, forwarded_form=form)
    report_services.mark_forwarded(
        report=report,
        on=form.cleaned_data["forwarded_on"],
        reference=form.cleaned_data["forwarded_reference"],
        by=request.user,
    )
    messages.success(request, _("Saved: the report is forwarded to the Medical Products Agency."))
    return redirect("patients:report_inbox_detail", pk=report.pk)


@dermatologist_required
@require_GET
def report_export(request, pk, fmt):
    if fmt not in ("json", "csv"):
        raise Http404
    report = access.report_for_dermatologist(request, pk, what=AccessLogEntry.What.REPORT_EXPORT)
    report_services.log_export(report=report, by=request.user, fmt=fmt)
    return export_response([report], fmt, filename=report.reference)
