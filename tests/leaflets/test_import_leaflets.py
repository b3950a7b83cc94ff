import pytest
from django.core.management import CommandError, call_command

from clinic.models import AuditEntry
from leaflets import services
from leaflets.models import KnownSideEffect, Leaflet, LeafletVersion, TeachBackQuestion
from tests.leaflets.leaflet_files import GOOD_EN, GOOD_NB, write

Status = LeafletVersion.Status


@pytest.fixture
def files(tmp_path):
    write(tmp_path, "tacrolimus.nb.md", GOOD_NB)
    write(tmp_path, "tacrolimus.en.md", GOOD_EN)
    return tmp_path


def test_import_creates_a_draft_with_both_texts_side_effects_and_questions(db, files):
    call_command("import_leaflets", str(files))

    version = LeafletVersion.objects.get(leaflet__slug="tacrolimus")
    assert version.status == LeafletVersion.Status.DRAFT
    assert sorted(version.texts.values_list("language", "title")) == [
        ("en", "Tacrolimus ointment"),
        ("nb", "Takrolimus salve"),
    ]
    effect = KnownSideEffect.objects.get(version__leaflet__slug="tacrolimus")
    assert (effect.name_nb, effect.name_en) == ("Svie", "Burning")
    assert TeachBackQuestion.objects.filter(version__leaflet__slug="tacrolimus").count() == 2


def test_a_bad_file_stops_the_whole_import(db, files):
    write(files, "other.nb.md", GOOD_NB.replace("tacrolimus", "other").replace("answer = 1", ""))

    with pytest.raises(CommandError, match="1 file\\(s\\) refused; nothing was imported"):
        call_command("import_leaflets", str(files))

    assert not Leaflet.objects.exists()


def test_importing_again_rewrites_the_same_draft(db, files, editor):
    call_command("import_leaflets", str(files))
    write(files, "tacrolimus.nb.md", GOOD_NB.replace("Takrolimus salve", "Takrolimus"))

    call_command("import_leaflets", str(files), by=editor.email)

    version = LeafletVersion.objects.get(leaflet__slug="tacrolimus")
    assert (version.number, version.last_edited_by) == (1, editor)
    assert version.texts.get(language="nb").title == "Takrolimus"
    positions = TeachBackQuestion.objects.filter(version__leaflet__slug="tacrolimus", language="nb")
    assert list(positions.values_list("position", flat=True)) == [1]


def test_import_after_publishing_opens_the_next_version(db, files, editor, approver):
    call_command("import_leaflets", str(files), by=editor.email)
    first = LeafletVersion.objects.get(leaflet__slug="tacrolimus")
    services.submit_for_review(version=first, by=editor)
    services.publish(version=first, by=approver)

    call_command("import_leaflets", str(files), by=editor.email)

    draft = LeafletVersion.objects.get(leaflet__slug="tacrolimus", status=Status.DRAFT)
    assert (draft.number, draft.created_by) == (2, editor)
    assert AuditEntry.objects.filter(action="leaflet_version.drafted", object_id=draft.pk).exists()


def test_import_is_refused_while_a_version_is_in_review(db, files, editor):
    call_command("import_leaflets", str(files), by=editor.email)
    services.submit_for_review(version=LeafletVersion.objects.get(), by=editor)

    with pytest.raises(CommandError, match="in review"):
        call_command("import_leaflets", str(files))

    assert LeafletVersion.objects.get().status == Status.IN_REVIEW
