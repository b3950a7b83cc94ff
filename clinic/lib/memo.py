"""A small, bounded, per-process memo for values that never change once made.

For immutable things only (a published leaflet version and its texts): each process keeps
the ones it used last, in front of the shared cache, so a page that shows them unpickles
nothing and asks nobody. Never for anything that can change, which would differ between
processes and app servers, except with an expiry kept in the entry and a documented delay
(the clinic's contact details, held a minute: `clinic.models.ClinicContact.current`).
"""

import threading
import weakref
from collections import OrderedDict

_ALL: "weakref.WeakSet[BoundedMemo]" = weakref.WeakSet()


class BoundedMemo:
    """Keeps the `size` most recently used entries; safe to share between threads."""

    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        _ALL.add(self)

    def get_many(self, keys) -> dict:
        found = {}
        with self._lock:
            for key in keys:
                if key in self._entries:
                    self._entries.move_to_end(key)
                    found[key] = self._entries[key]
        return found

    def set_many(self, values: dict) -> None:
        with self._lock:
            for key, value in values.items():
                self._entries[key] = value
                self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


def clear_all() -> None:
    """Empty every memo (tests, where a rolled-back database reuses primary keys)."""
    for memo in _ALL:
        memo.clear()
