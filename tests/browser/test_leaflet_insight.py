"""The leaflet insight in a browser: axe finds nothing in either language, the charts draw
under the CSP (no console errors) and print."""

import pytest
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from patients import services
from tests.browser.conftest import log_in
from tests.factories import (
    PASSWORD,
    AssignmentFactory,
    PatientFactory,
    UserFactory,
    medicine_leaflet,
    question,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_reads_the_insight_with_charts_in_both_languages(page, axe_check):
    editor = UserFactory(email="editor@example.org", role="admin", is_staff=True)
    editor.user_permissions.add(*Permission.objects.filter(content_type__app_label="leaflets"))
    leaflet = medicine_leaflet()
    hard = question(leaflet, position=1)
    version = leaflet.published_version()
    for chosen in (1, 1, 1, 1, 2):
        assignment = AssignmentFactory(patient=PatientFactory(), leaflet=leaflet)
        services.check_understanding(
            assignment=assignment, version=version, language="nb", answers={hard.pk: chosen}
        )
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    log_in(page, "editor@example.org", PASSWORD)
    page.goto("/insight/leaflets/")
    assert page.locator('a.nav-link[href="/insight/leaflets/"]').count() == 1
    axe_check(page)
    page.get_by_role("link", name="Azatioprin").click()
    # The assertion waits for the page the click leads to (a count could read the old one).
    expect(page.locator("figure.chart svg")).to_have_count(3)  # funnel, questions, side effects
    assert page.locator("figure.chart").nth(1).locator(".chart-bar-alert").count() == 1
    axe_check(page)
    page.locator("details.chart-data summary").first.click()
    axe_check(page)
    page.emulate_media(media="print")
    assert page.locator("figure.chart svg").first.is_visible()
    page.emulate_media(media="screen")

    page.locator(".language-switcher button").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Assigned, opened, acknowledged").count() == 1
    axe_check(page)
    assert not errors, errors
