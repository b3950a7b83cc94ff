import pytest

from leaflets.demo import DEMO_FOLDER
from leaflets.interchange import leaflet_paths, read_leaflet_files
from tests.leaflets.leaflet_files import GOOD_EN, GOOD_NB, write


@pytest.mark.parametrize(
    ("broken", "line", "reason"),
    [
        (GOOD_NB.replace('frequency = "very_common"', 'frequency = "often"'), 12, "frequency"),
        (GOOD_NB.replace("answer = 1", "answer = 3"), 19, "'answer'"),
        (GOOD_NB.replace('category = "medicines"', 'category = "pills"'), 6, "unknown category"),
        (GOOD_NB.replace('title = "Takrolimus salve"\n', ""), 1, "'title' is missing"),
        (GOOD_NB.replace("public = true", 'public = "yes'), 7, "not valid TOML"),
        (
            GOOD_NB.replace("red_flag = false", 'red_flag = true\nlevel = "today"'),
            9,
            "'ask' is missing",
        ),
        (
            GOOD_NB.replace("red_flag = false", 'red_flag = true\nask = "Svir det?"'),
            9,
            "a red flag needs a 'level'",
        ),
        (
            GOOD_NB.replace("red_flag = false", 'red_flag = true\nlevel = "later"'),
            14,
            "a red flag needs a 'level'",
        ),
        (
            GOOD_NB.replace("red_flag = false", 'red_flag = false\nlevel = "soon"'),
            14,
            "only a red flag has a 'level'",
        ),
        (GOOD_NB.replace('section = "Bivirkninger"', 'section = "Dose"'), 21, "not a heading"),
        (GOOD_NB.replace('language = "nb"', 'language = "de"'), 3, "language must be one of"),
    ],
)
def test_a_bad_file_is_refused_with_its_name_line_and_reason(db, tmp_path, broken, line, reason):
    write(tmp_path, "tacrolimus.nb.md", broken)
    write(tmp_path, "other.nb.md", GOOD_NB.replace("tacrolimus", "other"))

    _, errors = read_leaflet_files(leaflet_paths(tmp_path))

    assert len(errors) == 1
    assert errors[0].startswith(f"{tmp_path / 'tacrolimus.nb.md'}:{line}: ")
    assert reason in errors[0]


def test_files_of_one_leaflet_must_agree_on_red_flags(db, tmp_path):
    write(tmp_path, "tacrolimus.nb.md", GOOD_NB)
    write(tmp_path, "tacrolimus.en.md", GOOD_EN.replace("very_common", "rare"))

    _, errors = read_leaflet_files(leaflet_paths(tmp_path))

    assert len(errors) == 1 and "differ" in errors[0]


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
