"""A valid pair of leaflet files (Norwegian and English) for the interchange tests."""

from pathlib import Path

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


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
