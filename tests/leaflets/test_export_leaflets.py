from django.core.management import call_command

from leaflets.interchange import leaflet_paths, read_leaflet_files
from tests.factories import medicine_leaflet
from tests.leaflets.leaflet_files import GOOD_EN, GOOD_NB, write


def test_export_writes_files_that_import_reads_back_unchanged(db, tmp_path):
    source, exported = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    write(source, "tacrolimus.nb.md", GOOD_NB)
    write(source, "tacrolimus.en.md", GOOD_EN)
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
        assert [(s.key, s.name, s.advice, s.level) for s in mine.side_effects] == [
            (s.key, s.name, s.advice, s.level) for s in theirs.side_effects
        ]
        assert mine.medicine is True


def test_export_writes_tables_and_escapes_quotes(db, tmp_path):
    write(
        tmp_path,
        "tacrolimus.nb.md",
        GOOD_NB.replace("Takrolimus salve", 'Takrolimus \\"Protopic\\"'),
    )
    call_command("import_leaflets", str(tmp_path))

    call_command("export_leaflets", str(tmp_path / "out"))

    exported = (tmp_path / "out" / "tacrolimus.nb.md").read_text(encoding="utf-8")
    assert 'title = "Takrolimus \\"Protopic\\""' in exported
    assert "\n[[side_effects]]\nkey = " in exported
    assert "\n[[questions]]\nquestion = " in exported
    assert exported.endswith("+++\n## Bivirkninger\n\nSvie de første dagene.\n")


def test_export_writes_a_red_flags_level_back(db, tmp_path):
    leaflet = medicine_leaflet()

    call_command("export_leaflets", str(tmp_path))

    exported = (tmp_path / f"{leaflet.slug}.en.md").read_text(encoding="utf-8")
    assert (
        'key = "fever"\nname = "Fever"\nfrequency = "unknown"\nred_flag = true\nlevel = "today"'
        in exported
    )
    assert "medicine = true" in exported
