"""Read leaflet files (the format is described in leaflets/interchange/__init__.py)."""

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from leaflets.languages import language_codes
from leaflets.models import Category, KnownSideEffect
from leaflets.urgency import Urgency

FENCE = "+++"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FREQUENCIES = set(KnownSideEffect.Frequency.values)
# A red flag's `level` in the files: the Urgency member's name in lower case.
LEVELS = {level.name.lower(): level for level in Urgency}
LEVEL_NAMES = {level: name for name, level in LEVELS.items()}


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
    level: int | None = None


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
    medicine: bool | None = None  # None: the file does not say
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
    if language not in language_codes():
        raise LeafletFileError(
            path, at("language")[2], f"language must be one of {language_codes()}"
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
    medicine = data.get("medicine")
    if medicine is not None and not isinstance(medicine, bool):
        raise LeafletFileError(path, at("medicine")[2], "'medicine' must be true or false")
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
        medicine=medicine,
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
        level = table.get("level")
        if red_flag and level not in LEVELS:
            raise LeafletFileError(
                path, line_of("level", where), f"a red flag needs a 'level', one of {list(LEVELS)}"
            )
        if not red_flag and level is not None:
            raise LeafletFileError(path, line_of("level", where), "only a red flag has a 'level'")
        leaflet_file.side_effects.append(
            SideEffectEntry(
                key=key,
                name=_text(table, "name", where, limit=150),
                frequency=frequency,
                red_flag=red_flag,
                ask=_text(table, "ask", where, required=red_flag, limit=200),
                advice=_text(table, "advice", where, required=red_flag),
                line=where[2],
                level=LEVELS[level] if red_flag else None,
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
        for name in ("category", "public", "medicine"):
            if getattr(other, name) != getattr(first, name):
                raise LeafletFileError(other.path, 1, f"'{name}' differs from {first.path.name}")
        mine = [(s.key, s.frequency, s.red_flag, s.level) for s in other.side_effects]
        theirs = [(s.key, s.frequency, s.red_flag, s.level) for s in first.side_effects]
        if mine != theirs:
            raise LeafletFileError(
                other.path,
                other.side_effects[0].line if other.side_effects else 1,
                f"side effects (key, frequency, red flag, level) differ from {first.path.name}",
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
