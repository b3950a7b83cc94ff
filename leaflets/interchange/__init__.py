"""Leaflets as Markdown files with a TOML header, for import, export and the demo content.

    +++
    slug = "azathioprine"
    language = "nb"
    title = "Azatioprin (Imurel®)"
    summary = "..."
    category = "medicines"
    public = true
    medicine = true       # optional: about a medicine, so patients can report side effects
    change_note = "..."   # optional: what changed since the last version

    [[side_effects]]
    key = "fever"
    name = "Feber"
    frequency = "rare"
    red_flag = true
    level = "today"     # red flags only: "emergency", "today" or "soon"
    ask = "Har du feber?"
    advice = "Kontakt klinikken i dag."

    [[questions]]
    question = "..."
    options = ["...", "..."]
    answer = 2          # counting from 1
    explanation = "..."
    section = "Andre legemidler"
    +++
    Markdown body

One file holds one language; the files of one leaflet share its slug. Side effects carry
both languages in the database, so their key, frequency, red flag and level must agree across files.
"""

from leaflets.interchange.export import export_leaflet_text
from leaflets.interchange.importer import import_leaflet
from leaflets.interchange.parse import (
    LeafletFile,
    LeafletFileError,
    leaflet_paths,
    parse_leaflet_file,
    read_leaflet_files,
)

__all__ = [
    "LeafletFile",
    "LeafletFileError",
    "export_leaflet_text",
    "import_leaflet",
    "leaflet_paths",
    "parse_leaflet_file",
    "read_leaflet_files",
]
