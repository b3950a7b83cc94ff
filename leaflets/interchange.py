"""Leaflets as Markdown files with a TOML header, for import, export and the demo content.

    +++
    slug = "azathioprine"
    language = "nb"
    title = "Azatioprin (Imurel®)"
    summary = "..."
    category = "medicines"
    public = true
    change_note = "..."   # optional: what changed since the last version

    [[side_effects]]
    key = "fever"
    name = "Feber"
    frequency = "rare"
    red_flag = true
    ask = "Har du feber?"
    advice = "Kontakt legen samme dag."

    [[questions]]
    question = "..."
    options = ["...", "..."]
    answer = 2          # counting from 1
    explanation = "..."
    section = "Andre legemidler"
    +++
    Markdown body

One file holds one language; the files of one leaflet share its slug. Side effects carry
both languages in the database, so their key, frequency and red flag must agree across files.
"""

import json
import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from clinic.audit import log_action
from leaflets.models import (
    LANGUAGE_CHOICES,
    Category,
    KnownSideEffect,
    Leaflet,
    LeafletText,
    LeafletVersion,
    TeachBackQuestion,
)

FENCE = "+++"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANGUAGES = dict(LANGUAGE_CHOICES)
FREQUENCIES = set(KnownSideEffect.Frequency.values)


class LeafletFileError(Exception):
    def __init__(self, path, line, reason):
        super().__init__(f"{path}:{line}: {reason}")
        self.path, self.line, self.reason = path, line, reason


@dataclass
class SideEffectEntry:
    key: str
    name: str
    frequency: str
    red_flag: bool
    ask: str
    advice: str
    line: int


@dataclass
class QuestionEntry:
    question: str
    options: list[str]
    answer: int
    explanation: str
    section: str


@dataclass
class LeafletFile:
    path: Path
    slug: str
    language: str
    title: str
    summary: str
    category: str
    public: bool
    body: str
    change_note: str = ""
    side_effects: list[SideEffectEntry] = field(default_factory=list)
    questions: list[QuestionEntry] = field(default_factory=list)


def _line_of(header: list[str], pattern: str, occurrence: int = 0) -> int:
    """The 1-based file line of the `occurrence`-th header line matching `pattern`."""
    regex = re.compile(pattern)
    found = [number for number, text in enumerate(header, start=2) if regex.match(text.strip())]
    return found[occurrence] if occurrence < len(found) else 1


def _key_line(header: list[str], key: str, table_line: int) -> int:
    """The line of `key = ...` inside the table that starts at `table_line` (else that line)."""
    for number in range(table_line, len(header) + 2):
        text = header[number - 2].strip() if number >= 2 else ""
        if number > table_line and text.startswith("["):
            break
        if re.match(rf"^{re.escape(key)}\s*=", text):
            return number
    return table_line


def _text(table: dict, key: str, where, *, required=True, limit=None) -> str:
    path, header, table_line = where
    line = _key_line(header, key, table_line)
    value = table.get(key, "")
    if not isinstance(value, str):
        raise LeafletFileError(path, line, f"'{key}' must be text")
    value = value.strip()
    if required and not value:
        raise LeafletFileError(path, line, f"'{key}' is missing or empty")
    if limit and len(value) > limit:
        raise LeafletFileError(path, line, f"'{key}' is longer than {limit} characters")
    return value


def parse_leaflet_file(path: Path, categories: set[str]) -> LeafletFile:
    try:
        source = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise LeafletFileError(path, 1, "the file is not UTF-8 text") from None
    lines = source.splitlines()
    if not lines or lines[0].strip() != FENCE:
        raise LeafletFileError(path, 1, f"the file must start with a '{FENCE}' line")
    try:
        end = next(i for i, text in enumerate(lines[1:], start=1) if text.strip() == FENCE)
    except StopIteration:
        raise LeafletFileError(path, len(lines), f"the header has no closing '{FENCE}'") from None
    header = lines[1:end]
    try:
        data = tomllib.loads("\n".join(header))
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        line = int(match.group(1)) + 1 if match else 1
        raise LeafletFileError(path, line, f"the header is not valid TOML ({error})") from None

    def at(key):
        return (path, header, _line_of(header, rf"^{key}\s*=") if key in data else 1)

    def line_of(key, where):
        return _key_line(header, key, where[2])

    slug = _text(data, "slug", at("slug"))
    if not SLUG.match(slug):
        raise LeafletFileError(path, at("slug")[2], f"slug {slug!r} is not lower-case-with-dashes")
    language = _text(data, "language", at("language"))
    if language not in LANGUAGES:
        raise LeafletFileError(
            path, at("language")[2], f"language must be one of {list(LANGUAGES)}"
        )
    expected_name = f"{slug}.{language}.md"
    if path.name != expected_name:
        raise LeafletFileError(path, 1, f"the file must be named {expected_name}")
    category = _text(data, "category", at("category"))
    if category not in categories:
        raise LeafletFileError(
            path, at("category")[2], f"unknown category {category!r}; known: {sorted(categories)}"
        )
    public = data.get("public", False)
    if not isinstance(public, bool):
        raise LeafletFileError(path, at("public")[2], "'public' must be true or false")
    body = "\n".join(lines[end + 1 :]).strip()
    if not body:
        raise LeafletFileError(path, end + 2, "the leaflet has no text after the header")

    leaflet_file = LeafletFile(
        path=path,
        slug=slug,
        language=language,
        title=_text(data, "title", at("title"), limit=200),
        summary=_text(data, "summary", at("summary"), limit=300),
        category=category,
        public=public,
        body=body,
        change_note=_text(data, "change_note", at("change_note"), required=False, limit=500),
    )
    headings = {
        re.sub(r"^#+\s*", "", text).strip() for text in lines[end + 1 :] if text.startswith("#")
    }
    seen_keys = set()
    for index, table in enumerate(data.get("side_effects", [])):
        where = (path, header, _line_of(header, r"^\[\[side_effects\]\]", index))
        key = _text(table, "key", where)
        if not re.match(r"^[a-z0-9_-]+$", key) or key in seen_keys:
            raise LeafletFileError(
                path, line_of("key", where), f"side effect key {key!r} is invalid or repeated"
            )
        seen_keys.add(key)
        frequency = _text(table, "frequency", where)
        if frequency not in FREQUENCIES:
            raise LeafletFileError(
                path, line_of("frequency", where), f"frequency must be one of {sorted(FREQUENCIES)}"
            )
        red_flag = table.get("red_flag", False)
        if not isinstance(red_flag, bool):
            raise LeafletFileError(
                path, line_of("red_flag", where), "'red_flag' must be true or false"
            )
        leaflet_file.side_effects.append(
            SideEffectEntry(
                key=key,
                name=_text(table, "name", where, limit=150),
                frequency=frequency,
                red_flag=red_flag,
                ask=_text(table, "ask", where, required=red_flag, limit=200),
                advice=_text(table, "advice", where, required=False),
                line=where[2],
            )
        )
    for index, table in enumerate(data.get("questions", [])):
        where = (path, header, _line_of(header, r"^\[\[questions\]\]", index))
        options = table.get("options")
        if (
            not isinstance(options, list)
            or len(options) < 2
            or not all(isinstance(option, str) and option.strip() for option in options)
        ):
            raise LeafletFileError(
                path, line_of("options", where), "'options' must list at least two answers"
            )
        answer = table.get("answer")
        if (
            not isinstance(answer, int)
            or isinstance(answer, bool)
            or not 1 <= answer <= len(options)
        ):
            raise LeafletFileError(
                path,
                line_of("answer", where),
                f"'answer' must be a number from 1 to {len(options)}",
            )
        section = _text(table, "section", where, required=False, limit=200)
        if section and section not in headings:
            raise LeafletFileError(
                path, line_of("section", where), f"section {section!r} is not a heading in the text"
            )
        leaflet_file.questions.append(
            QuestionEntry(
                question=_text(table, "question", where, limit=300),
                options=[option.strip() for option in options],
                answer=answer,
                explanation=_text(table, "explanation", where),
                section=section,
            )
        )
    return leaflet_file


def _check_siblings(files: list[LeafletFile]) -> None:
    """The files of one leaflet must agree on what both languages share."""
    first, *others = files
    for other in others:
        if other.language == first.language:
            raise LeafletFileError(
                other.path, 1, f"a second {other.language} file for {first.slug}"
            )
        for name in ("category", "public"):
            if getattr(other, name) != getattr(first, name):
                raise LeafletFileError(other.path, 1, f"'{name}' differs from {first.path.name}")
        mine = [(s.key, s.frequency, s.red_flag) for s in other.side_effects]
        theirs = [(s.key, s.frequency, s.red_flag) for s in first.side_effects]
        if mine != theirs:
            raise LeafletFileError(
                other.path,
                other.side_effects[0].line if other.side_effects else 1,
                f"side effects (key, frequency, red flag) differ from {first.path.name}",
            )


def read_leaflet_files(paths: list[Path]) -> tuple[dict[str, list[LeafletFile]], list[str]]:
    """Parse every file; return the files grouped by slug and the errors, one line each."""
    categories = set(Category.objects.values_list("slug", flat=True))
    by_slug: dict[str, list[LeafletFile]] = defaultdict(list)
    errors = []
    for path in paths:
        try:
            leaflet_file = parse_leaflet_file(path, categories)
        except LeafletFileError as error:
            errors.append(str(error))
            continue
        by_slug[leaflet_file.slug].append(leaflet_file)
    for files in by_slug.values():
        try:
            _check_siblings(files)
        except LeafletFileError as error:
            errors.append(str(error))
    return dict(by_slug), errors


def leaflet_paths(path: Path) -> list[Path]:
    return sorted(path.glob("*.md")) if path.is_dir() else [path]


@transaction.atomic
def import_leaflet(files: list[LeafletFile], *, by, next_review) -> LeafletVersion:
    """Write one leaflet's files into its draft, creating the leaflet or a new draft if needed."""
    first = files[0]
    category = Category.objects.get(slug=first.category)
    leaflet, created = Leaflet.objects.get_or_create(
        slug=first.slug, defaults={"category": category, "public": first.public}
    )
    if not created and (leaflet.category_id, leaflet.public) != (category.pk, first.public):
        leaflet.category, leaflet.public = category, first.public
        leaflet.save(update_fields=["category", "public"])
    versions = list(leaflet.versions.select_for_update())
    if any(v.status == LeafletVersion.Status.IN_REVIEW for v in versions):
        raise ValidationError(f"{leaflet.slug} has a version in review; import after the review")
    draft = next((v for v in versions if v.status == LeafletVersion.Status.DRAFT), None)
    if draft is None:
        draft = LeafletVersion(
            leaflet=leaflet,
            number=max((v.number for v in versions), default=0) + 1,
            next_review=next_review,
            created_by=by,
        )
    draft.last_edited_by = by
    draft.full_clean()
    draft.save()

    for leaflet_file in files:
        text = draft.texts.filter(language=leaflet_file.language).first() or LeafletText(
            version=draft, language=leaflet_file.language
        )
        text.title, text.summary, text.body, text.change_note = (
            leaflet_file.title,
            leaflet_file.summary,
            leaflet_file.body,
            leaflet_file.change_note,
        )
        text.full_clean(exclude=["version"])
        text.save()
        _import_side_effects(leaflet, leaflet_file)
        leaflet.questions.filter(language=leaflet_file.language).delete()
        TeachBackQuestion.objects.bulk_create(
            TeachBackQuestion(
                leaflet=leaflet,
                language=leaflet_file.language,
                position=position,
                question=entry.question,
                options=entry.options,
                correct_option=entry.answer,
                explanation=entry.explanation,
                section=entry.section,
            )
            for position, entry in enumerate(leaflet_file.questions, start=1)
        )
    log_action(
        actor=by,
        action="leaflet_version.imported",
        obj=draft,
        data={"languages": [f.language for f in files], "at": timezone.now().isoformat()},
    )
    return draft


def _import_side_effects(leaflet: Leaflet, leaflet_file: LeafletFile) -> None:
    language = leaflet_file.language
    existing = {effect.key: effect for effect in leaflet.side_effects.all()}
    for position, entry in enumerate(leaflet_file.side_effects, start=1):
        effect = existing.get(entry.key) or KnownSideEffect(leaflet=leaflet, key=entry.key)
        effect.position = position
        effect.frequency = entry.frequency
        effect.red_flag = entry.red_flag
        setattr(effect, f"name_{language}", entry.name)
        setattr(effect, f"ask_{language}", entry.ask)
        setattr(effect, f"advice_{language}", entry.advice)
        effect.save()


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def export_leaflet_text(version: LeafletVersion, text: LeafletText) -> str:
    """The file for one text of a version, in the format `import_leaflets` reads."""
    leaflet = version.leaflet
    language = text.language
    out = [
        FENCE,
        f"slug = {_toml_string(leaflet.slug)}",
        f"language = {_toml_string(language)}",
        f"title = {_toml_string(text.title)}",
        f"summary = {_toml_string(text.summary)}",
        f"category = {_toml_string(leaflet.category.slug)}",
        f"public = {'true' if leaflet.public else 'false'}",
    ]
    if text.change_note:
        out.append(f"change_note = {_toml_string(text.change_note)}")
    for effect in leaflet.side_effects.all():
        out += [
            "",
            "[[side_effects]]",
            f"key = {_toml_string(effect.key)}",
            f"name = {_toml_string(getattr(effect, f'name_{language}'))}",
            f"frequency = {_toml_string(effect.frequency)}",
            f"red_flag = {'true' if effect.red_flag else 'false'}",
        ]
        if getattr(effect, f"ask_{language}"):
            out.append(f"ask = {_toml_string(getattr(effect, f'ask_{language}'))}")
        out.append(f"advice = {_toml_string(getattr(effect, f'advice_{language}'))}")
    for question in leaflet.questions.all():
        if question.language != language:
            continue
        out += [
            "",
            "[[questions]]",
            f"question = {_toml_string(question.question)}",
            f"options = [{', '.join(_toml_string(option) for option in question.options)}]",
            f"answer = {question.correct_option}",
            f"explanation = {_toml_string(question.explanation)}",
        ]
        if question.section:
            out.append(f"section = {_toml_string(question.section)}")
    out += [FENCE, text.body.strip(), ""]
    return "\n".join(out)
