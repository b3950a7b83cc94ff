"""A leaflet version's "When to get help" box: its red flags with their advice, grouped by
urgency, most urgent first, in the fixed words of `leaflets.urgency`."""

from dataclasses import dataclass, field
from functools import cached_property

from django.utils import translation

from clinic.models import ClinicContact
from leaflets.urgency import CALLS_CLINIC, INSTRUCTION, NUMBERS, Urgency


@dataclass
class WarningSign:
    name: str
    advice: str


@dataclass
class UrgencyGroup:
    level: Urgency
    heading: str
    instruction: str
    numbers: tuple[str, ...]
    calls_clinic: bool
    signs: list[WarningSign] = field(default_factory=list)


@dataclass
class HelpBox:
    """What the box shows, in `language` (the language of the text beside it)."""

    language: str
    is_medicine: bool
    groups: list[UrgencyGroup]

    def __bool__(self) -> bool:
        return bool(self.groups)

    @cached_property
    def calls_clinic(self) -> bool:
        return any(group.calls_clinic for group in self.groups)

    @cached_property
    def clinic_phone(self) -> str:
        return ClinicContact.current().phone if self.calls_clinic else ""

    @cached_property
    def clinic_hours(self) -> str:
        if not self.calls_clinic:
            return ""
        with translation.override(self.language):
            return ClinicContact.current().hours


def help_box(version, *, language: str, is_medicine: bool) -> HelpBox:
    """The version's red flags grouped by level. Queries unless `side_effects` is prefetched."""
    by_level: dict[Urgency, list[WarningSign]] = {}
    for effect in version.side_effects.all():
        if effect.red_flag:
            # Every red flag has a level; one saved before levels existed counts as "today".
            level = Urgency(effect.level or Urgency.TODAY)
            by_level.setdefault(level, []).append(
                WarningSign(name=effect.name_in(language), advice=effect.advice_in(language))
            )
    with translation.override(language):
        groups = [
            UrgencyGroup(
                level=level,
                heading=str(level.label),
                instruction=str(INSTRUCTION[level]),
                numbers=NUMBERS[level],
                calls_clinic=CALLS_CLINIC[level],
                signs=by_level[level],
            )
            for level in sorted(by_level)
        ]
    return HelpBox(language=language, is_medicine=is_medicine, groups=groups)
