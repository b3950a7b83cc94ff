import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages

from leaflets import services
from leaflets.models import LeafletVersion
from tests.conftest import login
from tests.factories import LeafletVersionFactory, published_leaflet
from tests.html_forms import form_data

Status = LeafletVersion.Status
CHANGELIST = "/admin/leaflets/leafletversion/"
ADD = f"{CHANGELIST}add/"


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_editor_submits_a_draft_with_the_list_action(client, draft, editor):
    editor.user_permissions.add(*approver_permissions())
    login(client, editor)

    response = client.post(
        CHANGELIST, {"action": "submit_for_review", "_selected_action": [draft.pk]}, follow=True
    )

    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW
    assert "1 versjon sendt til gjennomgang." in _messages(response)


def test_publish_action_refuses_the_last_editor_with_a_reason(client, draft, editor, approver):
    services.submit_for_review(version=draft, by=editor)
    services.record_edit(version=draft, by=approver)
    login(client, approver)

    response = client.post(
        CHANGELIST, {"action": "approve_and_publish", "_selected_action": [draft.pk]}, follow=True
    )

    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW
    assert any("fire øyne" in message for message in _messages(response))


def test_approver_publishes_with_the_button_on_the_change_page(client, draft, editor, approver):
    services.submit_for_review(version=draft, by=editor)
    login(client, approver)
    url = f"{CHANGELIST}{draft.pk}/change/"
    data = form_data(client.get(url).content.decode(), "leafletversion_form")
    data["_publish"] = "Godkjenn og publiser"

    response = client.post(url, data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.approved_by) == (Status.PUBLISHED, approver)


def test_published_version_shows_read_only_in_admin(admin_client, db):
    version = published_leaflet().versions.get()

    page = admin_client.get(f"{CHANGELIST}{version.pk}/change/").content.decode()

    assert 'name="next_review"' not in page
    assert 'name="texts-0-body"' not in page
    assert 'name="_new_draft"' in page


def test_new_draft_button_opens_the_new_draft(admin_client, db):
    version = published_leaflet().versions.get()

    url = f"{CHANGELIST}{version.pk}/change/"
    data = form_data(admin_client.get(url).content.decode(), "leafletversion_form")

    response = admin_client.post(url, {**data, "_new_draft": "Ny kladd"})

    draft = version.leaflet.versions.get(number=2)
    assert response["Location"] == f"{CHANGELIST}{draft.pk}/change/"


@pytest.mark.parametrize("count", [3, 30])
def test_leaflet_list_query_count_is_constant(
    admin_client, db, count, django_assert_max_num_queries
):
    for n in range(count):
        published_leaflet(slug=f"leaflet-x{n}")

    with django_assert_max_num_queries(12):
        response = admin_client.get("/admin/leaflets/leaflet/")

    assert response.status_code == 200
    assert response.content.decode().count('class="field-title"') == min(count, 25)


def test_the_leaflet_list_shows_twenty_five_leaflets_a_page_each_linked_to_its_form(
    admin_client, db
):
    leaflets = [published_leaflet(slug=f"leaflet-{n:02}") for n in range(27)]

    first, second = (
        admin_client.get("/admin/leaflets/leaflet/", {"p": page}).content.decode()
        for page in (1, 2)
    )

    assert first.count('class="field-title"') == 25
    assert second.count('class="field-title"') == 2
    assert f'href="/admin/leaflets/leaflet/{leaflets[0].pk}/change/?' in first
    assert f'href="/admin/leaflets/leaflet/{leaflets[-1].pk}/change/?' in second


def _add_form(client, leaflet):
    data = form_data(client.get(ADD).content.decode(), "leafletversion_form")
    return {
        **data,
        "leaflet": leaflet.pk,
        "texts-0-language": "nb",
        "texts-0-title": "Ny tittel",
        "texts-0-summary": "Kort.",
        "texts-0-body": "## Hva er det?\n\nEt legemiddel.",
    }


def test_adding_a_version_opens_a_draft_with_the_next_number(admin_client, admin_user):
    leaflet = published_leaflet()

    response = admin_client.post(ADD, _add_form(admin_client, leaflet))

    assert response["Location"] == CHANGELIST
    draft = leaflet.versions.get(status=Status.DRAFT)
    assert (draft.number, draft.created_by, draft.last_edited_by) == (2, admin_user, admin_user)
    assert draft.texts.get().title == "Ny tittel"


def test_adding_a_second_draft_is_a_form_error(admin_client, draft):
    response = admin_client.post(ADD, _add_form(admin_client, draft.leaflet))

    assert response.status_code == 200
    assert "har allerede en kladd" in response.content.decode()
    assert draft.leaflet.versions.count() == 1


@pytest.mark.parametrize("count", [3, 30])
def test_version_list_query_count_is_constant(
    admin_client, db, count, django_assert_max_num_queries
):
    for n in range(count):
        LeafletVersionFactory(leaflet=published_leaflet(slug=f"leaflet-y{n}"), number=2)

    with django_assert_max_num_queries(12):
        response = admin_client.get(CHANGELIST)

    assert response.status_code == 200
    assert response.content.decode().count('class="field-title"') == 2 * count


def approver_permissions():
    return Permission.objects.filter(content_type__app_label="leaflets")
