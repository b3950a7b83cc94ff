import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from clinic.models import AuditEntry
from leaflets import services
from leaflets.models import LeafletText, LeafletVersion
from tests.factories import LeafletTextFactory, LeafletVersionFactory

Status = LeafletVersion.Status


@pytest.fixture(autouse=True)
def _english_messages():
    """The rules' messages are asserted in English; the views show them translated."""
    with translation.override("en"):
        yield


def _in_review(draft, editor):
    return services.submit_for_review(version=draft, by=editor)


def test_submit_moves_a_complete_draft_to_review(draft, editor):
    version = services.submit_for_review(version=draft, by=editor)

    assert version.status == Status.IN_REVIEW
    assert AuditEntry.objects.filter(action="leaflet_version.submitted", actor=editor).exists()


def test_submit_refuses_a_draft_missing_a_language(editor):
    version = LeafletVersionFactory(last_edited_by=editor)
    LeafletTextFactory(version=version, language="nb")

    with pytest.raises(ValidationError, match="en"):
        services.submit_for_review(version=version, by=editor)


def test_a_second_person_with_permission_publishes(draft, editor, approver):
    _in_review(draft, editor)

    version = services.publish(version=draft, by=approver)

    assert version.status == Status.PUBLISHED
    assert version.approved_by == approver
    assert version.approved_at is not None


def test_the_last_editor_cannot_approve_their_own_text(draft, editor, approver):
    _in_review(draft, editor)
    services.record_edit(version=draft, by=approver)

    with pytest.raises(ValidationError, match="four eyes"):
        services.publish(version=draft, by=approver)

    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW


def test_publishing_needs_the_publish_permission(draft, editor):
    _in_review(draft, editor)
    from tests.factories import UserFactory

    colleague = UserFactory(is_staff=True)

    with pytest.raises(ValidationError, match="permission"):
        services.publish(version=draft, by=colleague)


def test_only_a_version_in_review_can_be_published(draft, approver):
    with pytest.raises(ValidationError, match="in review"):
        services.publish(version=draft, by=approver)


def test_publishing_retires_the_version_published_before(draft, editor, approver):
    _in_review(draft, editor)
    first = services.publish(version=draft, by=approver)
    second = services.new_draft_from(version=first, by=editor)
    LeafletVersion.objects.filter(pk=second.pk).update(requires_reacknowledgement=True)
    services.submit_for_review(version=second, by=editor)

    services.publish(version=second, by=approver)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.RETIRED, Status.PUBLISHED)
    assert first.retired_at is not None
    assert list(draft.leaflet.versions.filter(status=Status.PUBLISHED)) == [second]


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


def test_new_draft_copies_the_texts_with_the_next_number(draft, editor, approver):
    _in_review(draft, editor)
    published = services.publish(version=draft, by=approver)

    new = services.new_draft_from(version=published, by=editor)

    assert (new.number, new.status) == (published.number + 1, Status.DRAFT)
    assert sorted(new.texts.values_list("language", "title")) == sorted(
        published.texts.values_list("language", "title")
    )
    assert new.last_edited_by == editor


def test_new_draft_is_refused_while_another_draft_exists(draft, editor):
    with pytest.raises(ValidationError, match="already has a draft"):
        services.new_draft_from(version=draft, by=editor)


def test_publishing_needs_a_next_review_in_the_future(draft, editor, approver):
    LeafletVersion.objects.filter(pk=draft.pk).update(next_review=timezone.localdate())
    _in_review(draft, editor)

    with pytest.raises(ValidationError, match="review date"):
        services.publish(version=draft, by=approver)


def test_leaflet_overdue_for_review_cannot_be_assigned(draft, editor, approver):
    _in_review(draft, editor)
    services.publish(version=draft, by=approver)
    leaflet = draft.leaflet
    later = draft.next_review + datetime.timedelta(days=1)

    assert leaflet.assignment_refusal() is None
    assert "review" in leaflet.assignment_refusal(today=later)


def test_leaflet_without_published_version_cannot_be_assigned(draft):
    assert draft.leaflet.assignment_refusal() == "The leaflet has no published version."
