import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from clinic.models import AuditEntry
from leaflets import services
from leaflets.models import LeafletVersion
from tests.factories import LeafletTextFactory, LeafletVersionFactory

Status = LeafletVersion.Status


@pytest.fixture(autouse=True)
def _english_messages():
    """The rules' messages are asserted in English; the views show them translated."""
    with translation.override("en"):
        yield


def test_submit_moves_a_complete_draft_to_review(draft, editor):
    version = services.submit_for_review(version=draft, by=editor)

    assert version.status == Status.IN_REVIEW
    assert AuditEntry.objects.filter(action="leaflet_version.submitted", actor=editor).exists()


def test_submit_refuses_a_draft_missing_a_language(editor):
    version = LeafletVersionFactory(last_edited_by=editor)
    LeafletTextFactory(version=version, language="nb")

    with pytest.raises(ValidationError, match="en"):
        services.submit_for_review(version=version, by=editor)


def test_only_a_draft_can_be_submitted(draft, editor):
    services.submit_for_review(version=draft, by=editor)

    with pytest.raises(ValidationError, match="Only a draft"):
        services.submit_for_review(version=draft, by=editor)
