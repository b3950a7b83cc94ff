"""CSV downloads that a spreadsheet cannot run as formulas (OWASP "CSV injection").

A text cell starting with = + - @, a tab or a carriage return is prefixed with a single
quote, so Excel, LibreOffice and Numbers show it as text. Numbers are written as numbers.
"""

import csv

from django.http import HttpResponse

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """The text, with a leading quote if a spreadsheet would read it as a formula."""
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def safe_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    return neutralise(str(value))


def csv_response(*, filename: str, header: list[str], rows) -> HttpResponse:
    """An attachment `<filename>.csv` (UTF-8 with a byte-order mark, so Excel reads æøå)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return response
