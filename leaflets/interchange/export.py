"""Write a version's text as a leaflet file that `import_leaflets` reads back."""

import tomli_w

from leaflets.interchange.parse import FENCE, LEVEL_NAMES
from leaflets.models import LeafletText, LeafletVersion


def _table(name: str, values: dict) -> str:
    """A `[[name]]` table; tomli-w alone would write short ones inline, unlike the files."""
    return f"[[{name}]]\n{tomli_w.dumps(values)}"


def export_leaflet_text(version: LeafletVersion, text: LeafletText) -> str:
    """The file for one text of a version, in the format `import_leaflets` reads."""
    leaflet = version.leaflet
    language = text.language
    header = {
        "slug": leaflet.slug,
        "language": language,
        "title": text.title,
        "summary": text.summary,
        "category": leaflet.category.slug,
        "public": leaflet.public,
        "medicine": leaflet.is_medicine,
    }
    if text.change_note:
        header["change_note"] = text.change_note
    chunks = [tomli_w.dumps(header)]
    for effect in version.side_effects.all():
        entry = {
            "key": effect.key,
            "name": getattr(effect, f"name_{language}"),
            "frequency": effect.frequency,
            "red_flag": effect.red_flag,
        }
        if effect.level is not None:
            entry["level"] = LEVEL_NAMES[effect.level]
        if getattr(effect, f"ask_{language}"):
            entry["ask"] = getattr(effect, f"ask_{language}")
        entry["advice"] = getattr(effect, f"advice_{language}")
        chunks.append(_table("side_effects", entry))
    for question in version.questions.all():
        if question.language != language:
            continue
        entry = {
            "question": question.question,
            "options": question.options,
            "answer": question.correct_option,
            "explanation": question.explanation,
        }
        if question.section:
            entry["section"] = question.section
        chunks.append(_table("questions", entry))
    return f"{FENCE}\n" + "\n".join(chunks) + f"{FENCE}\n{text.body.strip()}\n"
