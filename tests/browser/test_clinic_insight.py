"""The dermatologist's overview and the report trends in a browser: the overview is the first
page after login, axe finds nothing on either page in either language, the charts draw under
the CSP (no console errors) and a reminder is sent from the overview."""

import datetime

import pytest
from django.utils import timezone

from clinic.models import OutgoingMail
from patients.models import Assignment
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, AssignmentFactory, PatientFactory, medicine_leaflet
from tests.patients.reporting import make_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dr_hansen_starts_on_the_overview_and_reads_the_trends(page, axe_check):
    leaflet = medicine_leaflet()
    kari = PatientFactory(
        user__email="kari@example.org",
        user__full_name="Kari Nordmann",
        dermatologist__user__email="dr.hansen@example.org",
    )
    assignment = AssignmentFactory(patient=kari, leaflet=leaflet)
    Assignment.objects.filter(pk=assignment.pk).update(
        assigned_at=timezone.now() - datetime.timedelta(days=9)
    )
    make_report(assignment, urgent=True)
    make_report(assignment)
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    log_in(page, "dr.hansen@example.org", PASSWORD)
    assert page.url.endswith("/overview/"), page.url
    assert page.locator('a.nav-link[href="/overview/"]').count() == 1
    assert page.get_by_role("cell", name="Azatioprin").count() == 1
    axe_check(page)
    page.get_by_role("button", name="Send en påminnelse til Kari Nordmann").click()
    page.wait_for_load_state()
    assert "En påminnelse er sendt til Kari Nordmann." in page.locator(".messages").inner_text()
    assert OutgoingMail.objects.filter(kind=OutgoingMail.Kind.REMINDER).count() == 1
    axe_check(page)

    page.locator('a.nav-link[href="/insight/trends/"]').click()
    page.wait_for_load_state()
    assert page.locator("figure.chart svg").count() == 3  # months, medicines, red flags
    axe_check(page)
    page.locator("details.chart-data summary").first.click()
    axe_check(page)
    page.emulate_media(media="print")
    assert page.locator("figure.chart svg").first.is_visible()
    page.emulate_media(media="screen")

    page.locator(".language-switcher button").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Reports per month").count() == 1
    axe_check(page)
    page.goto("/overview/")
    assert page.get_by_role("heading", name="Unanswered questions").count() == 1
    axe_check(page)
    assert not errors, errors
