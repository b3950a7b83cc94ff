import csv
import io

from clinic.lib.csv_safe import csv_response, safe_cell


def test_cells_that_a_spreadsheet_would_run_are_prefixed():
    for dangerous in ("=1+1", "+47 912", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(dangerous) == "'" + dangerous
    assert safe_cell("Kvalme") == "Kvalme"
    assert safe_cell(-3) == -3 and safe_cell(2.5) == 2.5
    assert safe_cell(None) == "" and safe_cell(True) == "yes"


def test_the_response_is_an_attachment_with_safe_cells():
    response = csv_response(filename="x", header=["=A"], rows=[["=B", 1]])

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [["'=A"], ["'=B", "1"]]
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
