"""The admin's report list: fifty reports a page, their checkboxes written as HTML
(`ListCheckboxes`), the same input Django's widget renders, labelled in the reader's
language."""

from django.contrib import admin
from django.utils import translation

from patients.models import SideEffectReport, Thread
from tests.patients.reporting import make_report

REPORTS = "/admin/patients/sideeffectreport/"


def test_the_checkbox_is_the_one_djangos_widget_renders(kari_medicine):
    report = make_report(kari_medicine)
    report_admin = admin.site._registry[SideEffectReport]

    with translation.override("en"):
        written = report_admin.action_checkbox(report)
        rendered = admin.ModelAdmin.action_checkbox(report_admin, report)

    assert written == rendered


def test_the_report_list_has_a_checkbox_per_report_labelled_in_norwegian(
    admin_client, kari_medicine
):
    report = make_report(kari_medicine)

    page = admin_client.get(REPORTS).content.decode()

    assert (
        f'<input type="checkbox" name="_selected_action" value="{report.pk}" '
        f'class="action-select" aria-label="Velg dette objektet for en handling – '
        f'{report.reference}">'
    ) in page


def test_the_report_list_shows_twenty_five_reports_a_page(admin_client, kari_medicine):
    report = make_report(kari_medicine)
    copied = {
        field.attname: getattr(report, field.attname)
        for field in SideEffectReport._meta.concrete_fields
        if field.name not in {"id", "reference", "form_token", "thread"}
    }
    threads = Thread.objects.bulk_create(
        Thread(
            patient=kari_medicine.patient,
            dermatologist_id=kari_medicine.patient.dermatologist_id,
            kind="report",
        )
        for _ in range(25)
    )
    SideEffectReport.objects.bulk_create(
        SideEffectReport(**copied, reference=f"R-bulk-{n}", thread=thread)
        for n, thread in enumerate(threads)
    )

    first, second = (admin_client.get(REPORTS, {"p": page}) for page in (1, 2))

    assert len(first.context["cl"].result_list) == 25
    assert len(second.context["cl"].result_list) == 1
