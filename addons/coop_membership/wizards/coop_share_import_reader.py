# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Read a spreadsheet (.csv, .xls, .xlsx) into a header row and text rows.

The reading is bounded: files above ``MAX_BYTES`` are refused before being
opened, and no more than ``MAX_ROWS`` rows are read (an .xlsx is streamed row by
row in read-only mode, so a huge sheet is never loaded whole).
"""

import csv
import datetime
import io
import itertools

from odoo.exceptions import UserError

try:
    import xlrd
except ImportError:  # pragma: no cover - listed in external_dependencies
    xlrd = None
try:
    import openpyxl
except ImportError:  # pragma: no cover
    openpyxl = None

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000


def _text(value):
    """Cell value as text: whole floats without ".0", dates in ISO format."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _read_csv(data, limit):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = csv.reader(io.StringIO(text), dialect)
    return [[cell.strip() for cell in row] for row in itertools.islice(rows, limit)]


def _read_xlsx(data, limit):
    # read_only: the sheet is streamed, rows are parsed as they are iterated.
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        return [
            [_text(value) for value in row] for row in itertools.islice(rows, limit)
        ]
    finally:
        book.close()


def _read_xls(data, limit):
    book = xlrd.open_workbook(file_contents=data, on_demand=True)
    sheet = book.sheet_by_index(0)
    rows = []
    for index in range(min(sheet.nrows, limit)):
        row = []
        for cell in sheet.row(index):
            if cell.ctype == xlrd.XL_CELL_DATE:
                value = xlrd.xldate_as_datetime(cell.value, book.datemode)
            else:
                value = cell.value
            row.append(_text(value))
        rows.append(row)
    return rows


READERS = {"csv": _read_csv, "xlsx": _read_xlsx, "xls": _read_xls}


def read_table(env, data, filename):
    """Return ``(headers, rows)``; rows are ``(line number, cells)``, blank rows
    dropped (line numbers are those of the file, header on line 1)."""
    extension = (filename or "").rsplit(".", 1)[-1].lower()
    reader = READERS.get(extension)
    if not reader:
        raise UserError(env._("Import a .csv, .xls or .xlsx file."))
    if len(data) > MAX_BYTES:
        raise UserError(
            env._(
                "The file %(name)s is too large (%(size)s MB): import at most "
                "%(max)s MB at a time, split it into several files.",
                name=filename,
                size=round(len(data) / 1024 / 1024, 1),
                max=MAX_BYTES // 1024 // 1024,
            )
        )
    try:
        # header + MAX_ROWS rows, and one more to tell that the file is too long
        table = reader(data, MAX_ROWS + 2)
    except Exception as error:
        raise UserError(
            env._(
                "The file %(name)s cannot be read: %(error)s",
                name=filename,
                error=error,
            )
        ) from error
    if len(table) > MAX_ROWS + 1:
        raise UserError(
            env._(
                "The file %(name)s has more than %(max)s rows: import at most "
                "%(max)s members at a time, split it into several files.",
                name=filename,
                max=MAX_ROWS,
            )
        )
    table = [(n, row) for n, row in enumerate(table, 1) if any(cell for cell in row)]
    if not table:
        raise UserError(env._("The file %(name)s is empty.", name=filename))
    return table[0][1], table[1:]
