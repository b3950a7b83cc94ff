from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from leaflets.demo import DEMO_FOLDER
from leaflets.interchange import leaflet_paths, read_leaflet_files
from leaflets.models import KnownSideEffect, Leaflet, LeafletVersion, TeachBackQuestion

GOOD_NB = """+++
slug = "tacrolimus"
language = "nb"
title = "Takrolimus salve"
summary = "Om takrolimus salve ved eksem."
category = "medicines"
public = true

[[side_effects]]
key = "burning"
name = "Svie"
frequency = "very_common"
red_flag = false
advice = "Går ofte over etter noen dager."

[[questions]]
question = "Hvor lenge svir det vanligvis?"
options = ["Noen dager", "Flere måneder"]
answer = 1
explanation = "Svien går oftest over etter noen dager."
section = "Bivirkninger"
+++
## Bivirkninger

Svie de første dagene.
"""

GOOD_EN = (
    GOOD_NB.replace('language = "nb"', 'language = "en"')
    .replace("Takrolimus salve", "Tacrolimus ointment")
    .replace('name = "Svie"', 'name = "Burning"')
    .replace("## Bivirkninger", "## Side effects")
    .replace('section = "Bivirkninger"', 'section = "Side effects"')
)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_creates_a_draft_with_both_texts_side_effects_and_questions(db, tmp_path):
    _write(tmp_path, "tacrolimus.nb.md", GOOD_NB)
    _write(tmp_path, "tacrolimus.en.md", GOOD_EN)

    call_command("import_leaflets", str(tmp_path))

    version = LeafletVersion.objects.get(leaflet__slug="tacrolimus")
    assert version.status == LeafletVersion.Status.DRAFT
    assert sorted(version.texts.values_list("language", "title")) == [
        ("en", "Tacrolimus ointment"),
        ("nb", "Takrolimus salve"),
    ]
    effect = KnownSideEffect.objects.get(leaflet__slug="tacrolimus")
    assert (effect.name_nb, effect.name_en) == ("Svie", "Burning")
    assert TeachBackQuestion.objects.filter(leaflet__slug="tacrolimus").count() == 2


@pytest.mark.parametrize(
    ("broken", "line", "reason"),
    [
        (GOOD_NB.replace('frequency = "very_common"', 'frequency = "often"'), 12, "frequency"),
        (GOOD_NB.replace("answer = 1", "answer = 3"), 19, "'answer'"),
        (GOOD_NB.replace('category = "medicines"', 'category = "pills"'), 6, "unknown category"),
        (GOOD_NB.replace('title = "Takrolimus salve"\n', ""), 1, "'title' is missing"),
        (GOOD_NB.replace("public = true", 'public = "yes'), 7, "not valid TOML"),
        (GOOD_NB.replace("red_flag = false", "red_flag = true"), 9, "'ask' is missing"),
        (GOOD_NB.replace('section = "Bivirkninger"', 'section = "Dose"'), 21, "not a heading"),
    ],
)
def test_a_bad_file_is_refused_with_its_name_line_and_reason(db, tmp_path, broken, line, reason):
    _write(tmp_path, "tacrolimus.nb.md", broken)
    _write(tmp_path, "other.nb.md", GOOD_NB.replace("tacrolimus", "other"))

    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_leaflets", str(tmp_path))

    assert not Leaflet.objects.exists()
    _, errors = read_leaflet_files(leaflet_paths(tmp_path))
    assert len(errors) == 1
    assert errors[0].startswith(f"{tmp_path / 'tacrolimus.nb.md'}:{line}: ")
    assert reason in errors[0]


def test_files_of_one_leaflet_must_agree_on_red_flags(db, tmp_path):
    _write(tmp_path, "tacrolimus.nb.md", GOOD_NB)
    _write(tmp_path, "tacrolimus.en.md", GOOD_EN.replace("very_common", "rare"))

    _, errors = read_leaflet_files(leaflet_paths(tmp_path))

    assert len(errors) == 1 and "differ" in errors[0]


def test_export_writes_files_that_import_reads_back_unchanged(db, tmp_path):
    source, exported = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    _write(source, "tacrolimus.nb.md", GOOD_NB)
    _write(source, "tacrolimus.en.md", GOOD_EN)
    call_command("import_leaflets", str(source))

    call_command("export_leaflets", str(exported))

    by_slug, errors = read_leaflet_files(leaflet_paths(exported))
    assert errors == []
    original, _ = read_leaflet_files(leaflet_paths(source))
    for mine, theirs in zip(
        sorted(by_slug["tacrolimus"], key=lambda f: f.language),
        sorted(original["tacrolimus"], key=lambda f: f.language),
        strict=True,
    ):
        for field in ("title", "summary", "body", "category", "public", "questions"):
            assert getattr(mine, field) == getattr(theirs, field)
        assert [(s.key, s.name, s.advice) for s in mine.side_effects] == [
            (s.key, s.name, s.advice) for s in theirs.side_effects
        ]


def test_the_demo_leaflets_are_valid_and_complete(db):
    by_slug, errors = read_leaflet_files(leaflet_paths(DEMO_FOLDER))

    assert errors == []
    assert len(by_slug) >= 5
    for slug, files in by_slug.items():
        assert sorted(f.language for f in files) == ["en", "nb"], slug
        for leaflet_file in files:
            assert len(leaflet_file.questions) == 3, leaflet_file.path
            assert any(effect.red_flag for effect in leaflet_file.side_effects)
    azathioprine = {f.language: f for f in by_slug["azathioprine"]}
    assert "allopurinol" in azathioprine["nb"].body.lower()
    assert "Allopur®" in azathioprine["en"].body
