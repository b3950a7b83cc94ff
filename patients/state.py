"""What one assignment looks like to its reader and to the dermatologist."""

from dataclasses import dataclass
from functools import cached_property

from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from leaflets.selectors import LeafletEntry


class AssignmentState:
    """Built from an assignment fetched by `selectors.assignments_with_state` (no queries)."""

    def __init__(self, assignment, language: str):
        self.assignment = assignment
        self.requested_language = language

    @cached_property
    def version(self):
        return self.assignment.leaflet.published_version()

    @cached_property
    def entry(self) -> LeafletEntry | None:
        if self.version is None:
            return None
        text = self.version.text_for(self.requested_language)
        return LeafletEntry(self.assignment.leaflet, self.version, text, self.requested_language)

    @property
    def language(self) -> str:
        return self.entry.text.language if self.entry else self.requested_language

    @property
    def title(self) -> str:
        return self.assignment.leaflet.title_in(self.requested_language)

    @cached_property
    def acknowledgement(self):
        """The latest acknowledgement, on whatever version."""
        return self.assignment.latest_acknowledgement()

    @cached_property
    def teach_back(self):
        return next(iter(self.assignment.teach_back_results.all()), None)

    @property
    def is_current(self) -> bool:
        return self.assignment.current_acknowledged

    @property
    def is_outdated(self) -> bool:
        return self.assignment.ever_acknowledged and not self.assignment.current_acknowledged

    @property
    def label(self) -> str:
        if self.assignment.is_withdrawn:
            return _("Withdrawn")
        if self.is_current:
            return _("Acknowledged")
        if self.is_outdated:
            return _("Outdated")
        if self.assignment.first_opened_at:
            return _("Opened")
        return _("Assigned")

    @property
    def badge(self) -> str:
        """A Bootstrap colour for the label, chosen for contrast."""
        if self.assignment.is_withdrawn:
            return "secondary"
        if self.is_current:
            return "success"
        if self.is_outdated:
            return "warning"
        return "primary"


@dataclass(slots=True)
class LeafletCard:
    """A leaflet on the patient's home page: what its card shows, worked out once.

    The template engine spent about 800 function calls a card resolving these through the
    state (a third of the page): the card template reads plain values instead."""

    state: AssignmentState
    url: str
    title: str
    text_language: str | None  # the text's language when it is not the one asked for
    badge: str
    label: str
    given: str  # when and by whom
    change_note: str  # what changed, for an outdated confirmation
    note: str  # the dermatologist's note

    @classmethod
    def of(cls, state: AssignmentState, url: str) -> "LeafletCard":
        assignment, entry = state.assignment, state.entry
        given = gettext("Given to you on %(date)s by %(name)s") % {
            "date": formats.date_format(timezone.localtime(assignment.assigned_at), "DATE_FORMAT"),
            "name": assignment.assigned_by.get_full_name(),
        }
        return cls(
            state=state,
            url=url,
            title=state.title,
            text_language=state.language if entry and entry.is_fallback else None,
            badge=state.badge,
            label=str(state.label),
            given=given,
            change_note=entry.text.change_note if entry and state.is_outdated else "",
            note=assignment.note,
        )
