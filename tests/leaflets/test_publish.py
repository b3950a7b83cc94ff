import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from leaflets import services
from leaflets.models import LeafletVersion
from tests.factories import UserFactory, medicine_leaflet

Status = LeafletVersion.Status


@pytest.fixture(autouse=True)
def _english_messages():
    """The rules' messages are asserted in English; the views show them translated."""
    with translation.override("en"):
        yield


def _in_review(draft, editor):
    return services.submit_for_review(version=draft, by=editor)


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


def test_publishing_needs_a_next_review_in_the_future(draft, editor, approver):
    LeafletVersion.objects.filter(pk=draft.pk).update(next_review=timezone.localdate())
    _in_review(draft, editor)

    with pytest.raises(ValidationError, match="review date"):
        services.publish(version=draft, by=approver)


def test_an_approver_who_edited_any_part_cannot_publish_after_someone_else_edits(
    draft, editor, approver
):
    """Issue 9.4: the approver writes text, someone else makes a one-character edit; the
    approver is still one of the version's editors and may not publish it."""
    text = draft.texts.get(language="nb")
    text.body += "\n\nTa tablettene med mat."
    text.save()
    services.record_edit(version=draft, by=approver)
    text.body += "!"
    text.save()
    services.record_edit(version=draft, by=editor)
    _in_review(draft, editor)

    with pytest.raises(ValidationError, match="four eyes"):
        services.publish(version=draft, by=approver)

    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW
    assert set(draft.editors.all()) == {approver, editor}


def test_whoever_started_the_draft_cannot_publish_it(db, editor, approver):
    published = medicine_leaflet().published_version()
    draft = services.new_draft_from(version=published, by=approver)
    LeafletVersion.objects.filter(pk=draft.pk).update(last_edited_by=None)
    draft.refresh_from_db()
    _in_review(draft, editor)

    with pytest.raises(ValidationError, match="four eyes"):
        services.publish(version=draft, by=approver)


def _publish_next(version, editor, approver, *, reacknowledge):
    draft = services.new_draft_from(version=version, by=editor)
    LeafletVersion.objects.filter(pk=draft.pk).update(requires_reacknowledgement=reacknowledge)
    services.submit_for_review(version=draft, by=editor)
    return services.publish(version=draft, by=approver)


def _confirm_from(version):
    version.leaflet.refresh_from_db()
    return version.leaflet.confirm_from_number


def test_confirmations_count_from_any_version_until_one_asks_again(draft, editor, approver):
    _in_review(draft, editor)
    first = services.publish(version=draft, by=approver)

    second = _publish_next(first, editor, approver, reacknowledge=False)

    assert _confirm_from(second) == 0


def test_publishing_a_version_that_asks_to_confirm_again_counts_from_it(draft, editor, approver):
    _in_review(draft, editor)
    first = services.publish(version=draft, by=approver)

    second = _publish_next(first, editor, approver, reacknowledge=True)

    assert _confirm_from(second) == second.number


def test_a_retired_version_that_asked_to_confirm_again_still_counts(draft, editor, approver):
    _in_review(draft, editor)
    first = services.publish(version=draft, by=approver)
    second = _publish_next(first, editor, approver, reacknowledge=True)

    third = _publish_next(second, editor, approver, reacknowledge=False)

    assert _confirm_from(third) == second.number


def test_a_draft_that_asks_to_confirm_again_changes_nothing_until_published(
    draft, editor, approver
):
    _in_review(draft, editor)
    first = services.publish(version=draft, by=approver)
    second = services.new_draft_from(version=first, by=editor)
    LeafletVersion.objects.filter(pk=second.pk).update(requires_reacknowledgement=True)

    services.submit_for_review(version=second, by=editor)

    assert _confirm_from(first) == 0
