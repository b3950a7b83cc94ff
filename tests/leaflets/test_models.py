import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from leaflets import services
from leaflets.models import LeafletText, LeafletVersion
from tests.factories import LeafletVersionFactory, published_leaflet, question

Status = LeafletVersion.Status


@pytest.fixture(autouse=True)
def _english_messages():
    """The rules' messages are asserted in English; the views show them translated."""
    with translation.override("en"):
        yield


def _in_review(draft, editor):
    return services.submit_for_review(version=draft, by=editor)


def test_the_database_refuses_two_published_versions(draft, editor, approver):
    _in_review(draft, editor)
    services.publish(version=draft, by=approver)
    other = LeafletVersionFactory(leaflet=draft.leaflet, number=2)

    with pytest.raises(IntegrityError), transaction.atomic():
        LeafletVersion.objects.filter(pk=other.pk).update(status=Status.PUBLISHED)


def test_a_published_version_and_its_texts_cannot_be_changed(draft, editor, approver):
    _in_review(draft, editor)
    version = services.publish(version=draft, by=approver)
    text = version.texts.get(language="nb")

    version.requires_reacknowledgement = True
    with pytest.raises(ValidationError):
        version.save()
    text.body = "changed"
    with pytest.raises(ValidationError):
        text.save()
    with pytest.raises(ValidationError):
        text.delete()
    assert LeafletText.objects.get(pk=text.pk).body != "changed"


def test_a_retired_version_cannot_be_published_again(draft, editor, approver):
    _in_review(draft, editor)
    version = services.publish(version=draft, by=approver)
    version.status = Status.RETIRED
    version.save(update_fields=["status"])

    version.status = Status.PUBLISHED
    with pytest.raises(ValidationError):
        version.save(update_fields=["status"])


def test_leaflet_overdue_for_review_cannot_be_assigned(draft, editor, approver):
    _in_review(draft, editor)
    services.publish(version=draft, by=approver)
    leaflet = draft.leaflet
    later = draft.next_review + datetime.timedelta(days=1)

    assert leaflet.assignment_refusal() is None
    assert "review" in leaflet.assignment_refusal(today=later)


def test_leaflet_without_published_version_cannot_be_assigned(draft):
    assert draft.leaflet.assignment_refusal() == "The leaflet has no published version."


def test_title_in_falls_back_to_the_other_language_then_to_the_slug(db):
    leaflet = published_leaflet(slug="tacrolimus", title_nb="Takrolimus", title_en="")
    untitled = LeafletVersionFactory(leaflet__slug="untitled").leaflet

    assert leaflet.title_in("en") == "Takrolimus"
    assert untitled.title_in("nb") == "untitled"


def test_title_in_shows_the_newest_draft_of_an_unpublished_leaflet(draft):
    assert draft.leaflet.title_in("en") == "Azathioprine"
    assert draft.languages() == ["en", "nb"]


def test_the_database_refuses_two_questions_at_one_position(db):
    leaflet = published_leaflet()
    question(leaflet, "nb", position=1)
    question(leaflet, "en", position=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        question(leaflet, "nb", position=1)
