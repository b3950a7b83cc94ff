import pytest
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from leaflets.models import LeafletVersion
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, UserFactory, category, published_leaflet

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY_NB = "## Hva er ølsalve?\n\nEn salve.\n\n## Bivirkninger\n\n- kløe\n"
BODY_EN = "## What is it?\n\nAn ointment.\n\n## Side effects\n\n- itching\n"


def _staff(email, *, publish):
    user = UserFactory(email=email, role="admin", is_staff=True)
    permissions = Permission.objects.filter(content_type__app_label="leaflets")
    if not publish:
        permissions = permissions.exclude(codename="publish_leafletversion")
    user.user_permissions.add(*permissions)
    return user


def _log_out(page):
    page.goto("/admin/")
    page.locator("#logout-form button").click()


def _fill_text(page, index, language, title, summary, body):
    page.locator(f"select[name=texts-{index}-language]").select_option(language)
    page.locator(f"input[name=texts-{index}-title]").fill(title)
    page.locator(f"input[name=texts-{index}-summary]").fill(summary)
    page.locator(f"textarea[name=texts-{index}-body]").fill(body)


def _version_admin(page, version):
    page.goto(f"/admin/leaflets/leafletversion/{version.pk}/change/")


def test_editor_writes_second_person_publishes_and_a_new_version_retires_the_old(page):
    # The editor may publish too, but never a version they edited (four eyes).
    _staff("editor@example.org", publish=True)
    _staff("approver@example.org", publish=True)
    category("treatments")

    # The editor creates the leaflet and its first version with both texts, and submits it.
    log_in(page, "editor@example.org", PASSWORD)
    page.goto("/admin/leaflets/leaflet/add/")
    page.locator("input[name=slug]").fill("oil-ointment")
    page.locator("select[name=category]").select_option(label="Behandlinger og prosedyrer")
    page.locator("input[name=public]").check()
    page.locator("input[name=_save]").click()
    page.goto("/admin/leaflets/leafletversion/add/")
    page.locator("select[name=leaflet]").select_option(label="oil-ointment")
    _fill_text(page, 0, "nb", "Ølsalve", "Om ølsalve.", BODY_NB)
    page.locator("#texts-group .add-row a").click()
    _fill_text(page, 1, "en", "Oil ointment", "About oil ointment.", BODY_EN)
    page.locator("input[name=_continue]").click()
    page.locator("input[name=_submit]").click()
    assert page.locator(".messagelist").inner_text().strip().startswith("Sendt til gjennomgang")
    _log_out(page)

    # A second staff member approves and publishes it.
    version = LeafletVersion.objects.get(leaflet__slug="oil-ointment")
    log_in(page, "approver@example.org", PASSWORD)
    _version_admin(page, version)
    page.locator("input[name=_publish]").click()
    assert "Godkjent og publisert" in page.locator(".messagelist").inner_text()

    # It appears in the public A–Å under Ø in Norwegian and under O in English.
    page.goto("/leaflets/")
    assert page.locator("#letter-Ø + ul").inner_text().startswith("Ølsalve")
    page.get_by_role("button", name="English").click()
    assert page.locator("#letter-O + ul").inner_text().startswith("Oil ointment")

    # The editor makes a new version that patients must confirm again, with a known side
    # effect in the version's own inline; they may not publish what they edited. The
    # approver publishes it, and it retires the first one.
    _log_out(page)
    log_in(page, "editor@example.org", PASSWORD)
    _version_admin(page, version)
    page.locator("input[name=_new_draft]").click()
    page.locator("input[name=requires_reacknowledgement]").check()
    page.locator("input[name=texts-0-change_note]").fill("New advice on itching.")
    page.locator("input[name=texts-1-change_note]").fill("Nye råd om kløe.")
    page.locator("#side_effects-group summary").click()
    page.locator("#side_effects-group .add-row a").click()
    page.locator("input[name=side_effects-0-key]").fill("itching")
    page.locator("input[name=side_effects-0-name_nb]").fill("Kløe")
    page.locator("input[name=side_effects-0-name_en]").fill("Itching")
    page.locator("input[name=_continue]").click()
    page.locator("input[name=_submit]").click()
    page.locator("input[name=_publish]").click()
    assert "fire øyne" in page.locator(".messagelist").inner_text()
    _log_out(page)
    second = LeafletVersion.objects.get(leaflet__slug="oil-ointment", number=2)
    log_in(page, "approver@example.org", PASSWORD)
    _version_admin(page, second)
    page.locator("input[name=_publish]").click()

    version.refresh_from_db()
    second.refresh_from_db()
    assert (version.status, second.status) == ("retired", "published")
    assert second.requires_reacknowledgement
    assert list(second.side_effects.values_list("key", flat=True)) == ["itching"]
    assert not version.side_effects.exists()
    page.goto("/leaflets/oil-ointment/")
    assert page.locator(".leaflet-meta").first.inner_text().startswith("Version 2 ·")


@pytest.mark.parametrize("language", ["nb", "en"])
def test_public_pages_have_no_accessibility_violations(page, axe_check, language):
    published_leaflet(slug="azathioprine", title_nb="Azatioprin", title_en="Azathioprine")
    published_leaflet(slug="eksem", title_nb="Atopisk eksem", title_en=None)
    page.goto("/leaflets/")
    if language == "en":
        page.get_by_role("button", name="English").click()

    for url in (
        "/leaflets/",
        "/leaflets/?q=legemiddel",
        "/leaflets/azathioprine/",
        "/leaflets/azathioprine/print/",
        "/leaflets/eksem/",
    ):
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == language
        axe_check(page)


def test_copy_link_button_copies_the_address(page, browser):
    published_leaflet(slug="azathioprine")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/leaflets/azathioprine/")

    page.get_by_role("button", name="Kopier lenken").click()

    # The page writes the status when the clipboard's promise settles: wait for it.
    expect(page.locator("#share-status")).to_have_text("Lenken er kopiert.")
    assert page.evaluate("navigator.clipboard.readText()").endswith("/leaflets/azathioprine/")
