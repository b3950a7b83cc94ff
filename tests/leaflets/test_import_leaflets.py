import pytest
from django.core.management import CommandError, call_command

from clinic.models import AuditEntry
from leaflets import services
from leaflets.demo import seed_leaflets
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


def test_import_reads_red_flag_levels_and_whether_the_leaflet_is_about_a_medicine(db, tmp_path):
    red_flag = (
        'red_flag = true\nlevel = "emergency"\nask = "Puster du tungt?"\nadvice = "Ring 113."'
    )
    nb = GOOD_NB.replace("public = true", "public = true\nmedicine = false").replace(
        'red_flag = false\nadvice = "Går ofte over etter noen dager."', red_flag
    )
    en = GOOD_EN.replace("public = true", "public = true\nmedicine = false").replace(
        'red_flag = false\nadvice = "Går ofte over etter noen dager."',
        red_flag.replace("Puster du tungt?", "Is it hard to breathe?").replace("Ring", "Call"),
    )
    write(tmp_path, "tacrolimus.nb.md", nb)
    write(tmp_path, "tacrolimus.en.md", en)

    call_command("import_leaflets", str(tmp_path))

    leaflet = Leaflet.objects.get(slug="tacrolimus")
    effect = KnownSideEffect.objects.get(version__leaflet=leaflet)
    assert (effect.red_flag, effect.level, effect.advice_en) == (True, 1, "Call 113.")
    assert leaflet.is_medicine is False


def test_a_medicine_file_without_the_medicine_key_follows_its_category(db, files):
    call_command("import_leaflets", str(files))

    assert Leaflet.objects.get(slug="tacrolimus").is_medicine is True


def test_the_demo_leaflets_say_which_are_about_a_medicine(db, editor, approver):
    seed_leaflets(editor=editor, approver=approver)

    medicines = set(Leaflet.objects.filter(is_medicine=True).values_list("slug", flat=True))
    assert medicines == {
        "azathioprine",
        "isotretinoin",
        "methotrexate",
        "topical-corticosteroids",
    }
    eczema = Leaflet.objects.get(slug="atopic-eczema").published_version()
    assert eczema.side_effects.filter(red_flag=True, level__isnull=False).count() == 3
