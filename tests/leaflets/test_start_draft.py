import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from clinic.models import AuditEntry
from leaflets import services
from leaflets.models import LeafletVersion
from tests.factories import LeafletFactory, LeafletVersionFactory, published_leaflet

Status = LeafletVersion.Status


@pytest.fixture(autouse=True)
def _english_messages():
    """The rules' messages are asserted in English; the views show them translated."""
    with translation.override("en"):
        yield


def _published(draft, editor, approver):
    services.submit_for_review(version=draft, by=editor)
    return services.publish(version=draft, by=approver)


def test_first_draft_of_a_new_leaflet_is_number_one(editor):
    next_review = timezone.localdate() + datetime.timedelta(days=90)

    draft = services.start_draft(leaflet=LeafletFactory(), by=editor, next_review=next_review)

    assert (draft.number, draft.status, draft.next_review) == (1, Status.DRAFT, next_review)
    assert (draft.created_by, draft.last_edited_by) == (editor, editor)
    assert AuditEntry.objects.filter(action="leaflet_version.drafted", actor=editor).exists()


def test_the_next_number_follows_the_highest_even_if_retired(editor):
    leaflet = published_leaflet()
    LeafletVersion.objects.filter(leaflet=leaflet).update(number=7)

    draft = services.start_draft(
        leaflet=leaflet, by=editor, next_review=timezone.localdate() + datetime.timedelta(1)
    )

    assert draft.number == 8


def test_new_draft_copies_the_texts_with_the_next_number(draft, editor, approver):
    published = _published(draft, editor, approver)

    new = services.new_draft_from(version=published, by=editor)

    assert (new.number, new.status) == (published.number + 1, Status.DRAFT)
    assert sorted(new.texts.values_list("language", "title")) == sorted(
        published.texts.values_list("language", "title")
    )
    assert new.last_edited_by == editor


def test_new_draft_is_refused_while_another_draft_exists(draft, editor):
    with pytest.raises(ValidationError, match="already has a draft"):
        services.new_draft_from(version=draft, by=editor)


def test_start_draft_is_refused_while_a_version_is_in_review(draft, editor):
    services.submit_for_review(version=draft, by=editor)

    with pytest.raises(ValidationError, match="already has a draft or a version in review"):
        services.start_draft(leaflet=draft.leaflet, by=editor, next_review=draft.next_review)


def test_the_database_refuses_a_second_open_version(draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        LeafletVersionFactory(leaflet=draft.leaflet, number=draft.number + 1)
