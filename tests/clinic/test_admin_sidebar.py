"""The admin's sidebar is drawn once per language, permissions and section of the admin
(clinic.admin_site): what each page shows must be what Django's own sidebar shows."""

import re

from django.contrib.auth.models import Permission

from clinic.models import Role
from tests.conftest import login
from tests.factories import LeafletFactory, UserFactory

CURRENT_ROW = re.compile(r'<tr class="model-(\w+) current-model">')


def sidebar(response) -> str:
    html = response.content.decode()
    return html[
        html.index('<nav class="sticky" id="nav-sidebar"') : html.index(
            "</nav>", html.index('id="nav-sidebar"')
        )
    ]


def current_models(response) -> list[str]:
    return CURRENT_ROW.findall(sidebar(response))


def test_each_page_marks_its_own_model_as_current(admin_client):
    leaflet = LeafletFactory()

    assert current_models(admin_client.get("/admin/leaflets/leaflet/")) == ["leaflet"]
    assert current_models(admin_client.get(f"/admin/leaflets/leaflet/{leaflet.pk}/change/")) == [
        "leaflet"
    ]
    assert current_models(admin_client.get("/admin/patients/sideeffectreport/")) == [
        "sideeffectreport"
    ]
    assert current_models(admin_client.get("/admin/leaflets/leafletversion/")) == ["leafletversion"]


def test_a_page_marks_only_its_own_app_as_current(admin_client):
    admin_client.get("/admin/leaflets/leaflet/")

    nav = sidebar(admin_client.get("/admin/patients/sideeffectreport/"))

    assert 'class="app-patients module current-app"' in nav
    assert 'class="app-leaflets module"' in nav


def test_a_permission_given_shows_in_the_sidebar_on_the_next_page(client, db):
    editor = UserFactory(email="editor@example.org", role=Role.ADMIN, is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="view_leaflet"))
    login(client, editor)
    before = sidebar(client.get("/admin/leaflets/leaflet/"))

    editor.user_permissions.add(Permission.objects.get(codename="view_category"))
    after = sidebar(client.get("/admin/leaflets/leaflet/"))

    assert "/admin/leaflets/category/" not in before
    assert "/admin/leaflets/category/" in after


def test_the_sidebar_speaks_the_users_language(client, admin_user):
    login(client, admin_user)
    client.cookies["django_language"] = "en"
    english = sidebar(client.get("/admin/leaflets/leaflet/"))
    client.cookies["django_language"] = "nb"
    norwegian = sidebar(client.get("/admin/leaflets/leaflet/"))

    assert ">Leaflets</a>" in english
    assert ">Informasjonsskriv</a>" in norwegian
