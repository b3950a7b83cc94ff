"""Small charts drawn on the server as inline SVG: no script, no third-party origin.

The functions here only compute geometry; `templates/includes/_chart_bars.html` and
`_chart_columns.html` draw it. Every chart goes in a `<figure>` with a caption, a text
alternative (`<title>` and `<desc>` listing the numbers) and the numbers in a table, so a
screen reader gets them and the page passes axe. Colours come from classes in
`static/clinic/css/clinic.css` (the CSP forbids inline styles); print keeps them.

    chart = bar_chart([Row("Assigned", 30), Row("Opened", 25)], title="Funnel",
                      label_header="Step", value_header="Patients")
    {% include "includes/_chart_bars.html" with chart=chart %}
"""

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

WIDTH = 640
_ids = itertools.count(1)


@dataclass(frozen=True)
class Row:
    """One value in a chart; `display` is the text shown (defaults to the value), `alert`
    draws the bar in the warning colour."""

    label: str
    value: float
    display: str = ""
    alert: bool = False

    @property
    def text(self) -> str:
        return self.display or _number(self.value)


@dataclass(frozen=True)
class Bar:
    row: Row
    x: float
    y: float
    width: float
    height: float
    label_y: float
    text_x: float
    text_y: float


@dataclass
class Chart:
    kind: str
    title: str
    label_header: str
    value_header: str
    rows: list[Row]
    bars: list[Bar]
    width: int
    height: int
    id: str = field(default_factory=lambda: f"chart-{next(_ids)}")
    points: str = ""
    baseline: float = 0

    @property
    def description(self) -> str:
        """The numbers as one sentence, the chart's text alternative."""
        return "; ".join(f"{row.label}: {row.text}" for row in self.rows)

    @property
    def empty(self) -> bool:
        return not self.rows


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _scale(rows: list[Row], maximum: float | None) -> float:
    top = max([maximum or 0, *(row.value for row in rows)])
    return top if top > 0 else 1


def bar_chart(
    rows: Iterable[Row],
    *,
    title: str,
    label_header: str,
    value_header: str,
    maximum: float | None = None,
) -> Chart:
    """Horizontal bars, each with its label above it and its value at its end.

    `maximum` fixes the full length (100 for percentages); else the largest value fills it.
    """
    rows = list(rows)
    top = _scale(rows, maximum)
    room = WIDTH - 80  # space for the value after the longest bar
    bar_height, step = 18, 46
    bars = []
    for index, row in enumerate(rows):
        y = index * step + 24
        width = room * max(row.value, 0) / top
        bars.append(
            Bar(
                row=row,
                x=0,
                y=y,
                width=round(width, 1),
                height=bar_height,
                label_y=y - 6,
                text_x=round(width + 6, 1),
                text_y=y + bar_height - 4,
            )
        )
    return Chart(
        kind="bars",
        title=title,
        label_header=label_header,
        value_header=value_header,
        rows=rows,
        bars=bars,
        width=WIDTH,
        height=max(len(rows) * step + 8, 40),
    )


def column_chart(
    rows: Iterable[Row],
    *,
    title: str,
    label_header: str,
    value_header: str,
    line: bool = False,
    maximum: float | None = None,
) -> Chart:
    """Vertical columns, e.g. one per month, with the label below and the value on top.

    With `line`, the values are joined by a line instead (`Chart.points`, a polyline) and
    each value is marked with a dot (the bars' tops).
    """
    rows = list(rows)
    top = _scale(rows, maximum)
    height, plot_top, plot_bottom = 240, 24, 200
    slot = WIDTH / max(len(rows), 1)
    column = min(slot * 0.6, 60)
    bars = []
    for index, row in enumerate(rows):
        bar_height = (plot_bottom - plot_top) * max(row.value, 0) / top
        center = slot * index + slot / 2
        bars.append(
            Bar(
                row=row,
                x=round(center - column / 2, 1),
                y=round(plot_bottom - bar_height, 1),
                width=round(column, 1),
                height=round(bar_height, 1),
                label_y=plot_bottom + 20,
                text_x=round(center, 1),
                text_y=round(plot_bottom - bar_height - 6, 1),
            )
        )
    points = " ".join(f"{bar.text_x},{bar.y}" for bar in bars) if line else ""
    return Chart(
        kind="line" if line else "columns",
        title=title,
        label_header=label_header,
        value_header=value_header,
        rows=rows,
        bars=bars,
        width=WIDTH,
        height=height,
        points=points,
        baseline=plot_bottom,
    )


def percent(part: int, whole: int) -> float | None:
    """`part` of `whole` in per cent, one decimal; None when there is no whole."""
    return round(100 * part / whole, 1) if whole else None
