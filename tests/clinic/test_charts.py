"""The server-rendered SVG charts: geometry, text alternative and the template's markup."""

import re

from django.template.loader import render_to_string
from django.utils import translation

from clinic.lib.charts import Row, bar_chart, column_chart, percent


def test_bars_scale_to_the_largest_value_or_the_given_maximum():
    chart = bar_chart(
        [Row("Tildelt", 30), Row("Åpnet", 15), Row("Bekreftet", 0)],
        title="Trakt",
        label_header="Steg",
        value_header="Antall",
    )
    widths = [bar.width for bar in chart.bars]
    assert widths[0] > 0 and widths[1] == widths[0] / 2 and widths[2] == 0
    assert chart.description == "Tildelt: 30; Åpnet: 15; Bekreftet: 0"

    rates = bar_chart(
        [Row("Spørsmål", 50, display="50 %")],
        title="Rater",
        label_header="Spørsmål",
        value_header="Riktig",
        maximum=100,
    )
    assert rates.bars[0].width == widths[0] / 2
    assert rates.description == "Spørsmål: 50 %"


def test_columns_and_line_put_the_tallest_value_at_the_top():
    rows = [Row("jan.", 2), Row("feb.", 4), Row("mar.", 1)]
    columns = column_chart(rows, title="Per måned", label_header="Måned", value_header="Meldinger")
    line = column_chart(
        rows, title="Per måned", label_header="Måned", value_header="Meldinger", line=True
    )

    heights = [bar.height for bar in columns.bars]
    assert heights[1] == max(heights) and heights[1] == 2 * heights[0]
    assert columns.kind == "columns" and not columns.points
    assert line.kind == "line" and len(line.points.split()) == 3


def test_percent():
    assert percent(1, 5) == 20.0
    assert percent(2, 3) == 66.7
    assert percent(0, 0) is None


def test_the_chart_is_a_figure_with_a_text_alternative_and_a_table_and_no_inline_style():
    chart = bar_chart(
        [Row("Tildelt", 2.5), Row("<b>Åpnet</b>", 1, alert=True)],
        title="Trakt",
        label_header="Steg",
        value_header="Antall",
    )

    with translation.override("nb"):
        html = render_to_string("includes/_chart_bars.html", {"chart": chart})

    assert html.count("<figure") == 1 and "<figcaption" in html
    assert 'role="img"' in html and f'aria-labelledby="{chart.id}-title {chart.id}-desc"' in html
    assert "<desc" in html and "<table" in html and "Vis tallene" in html
    assert "style=" not in html and "<script" not in html
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert "chart-bar-alert" in html
    # Coordinates are never localised (a decimal comma would break the SVG).
    numbers = re.findall(r'(?:x|y|width|height)="([^"]*)"', html)
    assert numbers and all("," not in value for value in numbers)


def test_an_empty_chart_says_so():
    chart = column_chart([], title="Per måned", label_header="Måned", value_header="Meldinger")

    with translation.override("en"):
        html = render_to_string("includes/_chart_columns.html", {"chart": chart})

    assert "No data yet." in html and "<svg" not in html
