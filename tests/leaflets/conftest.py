import pytest
from django.contrib.auth.models import Permission

from tests.factories import (
    LeafletTextFactory,
    LeafletVersionFactory,
    UserFactory,
)


@pytest.fixture
def editor(db):
    return UserFactory(email="editor@example.org", role="admin", is_staff=True)


@pytest.fixture
def approver(db):
    user = UserFactory(email="approver@example.org", role="dermatologist", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="publish_leafletversion"),
        *Permission.objects.filter(content_type__app_label="leaflets"),
    )
    return user


@pytest.fixture
def draft(editor):
    """A complete draft in both languages, last edited by the editor."""
    version = LeafletVersionFactory(created_by=editor, last_edited_by=editor)
    LeafletTextFactory(version=version, language="nb", title="Azatioprin")
    LeafletTextFactory(version=version, language="en", title="Azathioprine")
    return version
