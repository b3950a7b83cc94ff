"""The admin's report list writes its rows' checkboxes as HTML (`ListCheckboxes`): the same
input Django's widget renders, labelled in the reader's language."""

from django.contrib import admin
from django.utils import translation

from patients.models import SideEffectReport
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
