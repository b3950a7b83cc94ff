"""The reader caches the rendered leaflet (body, contents, "When to get help") per published
version and language: a published version never changes."""

from unittest import mock

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clinic.models import ClinicContact
from leaflets import selectors as leaflet_selectors
from leaflets.models import LeafletVersion
from tests.factories import (
    AssignmentFactory,
    LeafletTextFactory,
    LeafletVersionFactory,
    medicine_leaflet,
    question,
)


def _url(assignment):
    return f"/my/leaflets/{assignment.pk}/"


def _reads_side_effects(queries) -> bool:
    return any("leaflets_knownsideeffect" in q["sql"] for q in queries.captured_queries)


def test_a_second_render_of_the_same_version_does_not_render_the_leaflet_again(client_for, kari):
    ClinicContact.current()
    assignment = AssignmentFactory(patient=kari.patient, leaflet=medicine_leaflet())
    client = client_for(kari)
    counted = mock.Mock(wraps=leaflet_selectors.help_box)

    with mock.patch.object(leaflet_selectors, "help_box", counted):
        with CaptureQueriesContext(connection) as first_queries:
            first = client.get(_url(assignment)).content.decode()
        with CaptureQueriesContext(connection) as second_queries:
            second = client.get(_url(assignment)).content.decode()

    assert counted.call_count == 1
    assert _reads_side_effects(first_queries) and not _reads_side_effects(second_queries)
    for page in (first, second):
        assert '<section id="when-to-get-help"' in page
        assert "Feber" in page and "Hva er det?" in page
        assert '<h2 id="toc-heading" class="h6">' in page


def test_each_language_has_its_own_cached_leaflet(client_for, kari):
    assignment = AssignmentFactory(patient=kari.patient, leaflet=medicine_leaflet())
    client = client_for(kari)
    client.get(_url(assignment))

    page = client.get(_url(assignment), {"lang": "en"}).content.decode()

    assert "Fever" in page and "Feber" not in page


def test_a_new_published_version_shows_its_own_text(client_for, kari):
    leaflet = medicine_leaflet()
    assignment = AssignmentFactory(patient=kari.patient, leaflet=leaflet)
    client = client_for(kari)
    assert "Et legemiddel." in client.get(_url(assignment)).content.decode()
    home = client.get("/my/").content.decode()
    assert "Azatioprin" in home and "Azatioprin 2" not in home

    leaflet.versions.update(status=LeafletVersion.Status.RETIRED)
    version = LeafletVersionFactory(leaflet=leaflet, number=2)
    LeafletTextFactory(
        version=version, language="nb", title="Azatioprin 2", body="## Nytt\n\nNy tekst i v2.\n"
    )
    LeafletVersion.objects.filter(pk=version.pk).update(
        status=LeafletVersion.Status.PUBLISHED, approved_at=timezone.now()
    )

    page = client.get(_url(assignment)).content.decode()

    assert "Ny tekst i v2." in page and "Et legemiddel." not in page
    # Version 2 has no red flags: no box, and no link to one in the contents.
    assert "when-to-get-help" not in page
    # The list of leaflets takes the new version (from the cache too) by its key.
    assert "Azatioprin 2" in client.get("/my/").content.decode()


def test_a_changed_clinic_phone_shows_in_the_cached_help_box(client_for, kari):
    assignment = AssignmentFactory(patient=kari.patient, leaflet=medicine_leaflet())
    client = client_for(kari)
    ClinicContact.objects.update_or_create(pk=1, defaults={"phone": "22 11 11 11"})
    assert "22 11 11 11" in client.get(_url(assignment)).content.decode()

    contact = ClinicContact.objects.get(pk=1)  # as the admin changes it
    contact.phone = "22 99 99 99"
    contact.save()

    page = client.get(_url(assignment)).content.decode()
    assert "22 99 99 99" in page and "22 11 11 11" not in page


def test_a_published_version_once_read_comes_from_the_process_memo(client_for, kari):
    """The second page asks neither the database nor the shared cache for the version."""
    AssignmentFactory(patient=kari.patient, leaflet=medicine_leaflet())
    client = client_for(kari)
    client.get("/my/")
    cache.clear()

    with CaptureQueriesContext(connection) as queries:
        home = client.get("/my/").content.decode()

    assert "Azatioprin" in home
    assert not any("leaflets_leaflettext" in q["sql"] for q in queries.captured_queries)


def test_a_published_versions_questions_are_read_once_per_process(client_for, kari):
    leaflet = medicine_leaflet()
    question(leaflet)
    assignment = AssignmentFactory(patient=kari.patient, leaflet=leaflet)
    client = client_for(kari)
    client.get(_url(assignment))

    with CaptureQueriesContext(connection) as queries:
        page = client.get(_url(assignment)).content.decode()

    assert "Svar på spørsmålene" in page
    assert not any("leaflets_teachbackquestion" in q["sql"] for q in queries.captured_queries)
