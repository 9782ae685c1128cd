"""Tables people keep in spreadsheets (CSV or XLSX), read row by row with the headers they
write (Indonesian or English), and written back.

Every export goes through `write_csv` / `write_xlsx` / `write_xlsx_sheets`, which never let a
cell become a live formula (a seller's product named `=HYPERLINK(...)` must not run on a
manager's computer): in CSV a text starting with = + - @ tab or CR gets a leading apostrophe,
as OWASP advises (and reading a sheet takes it off again); in XLSX every text is written as a
text cell, never a formula, with Excel's quote prefix on the risky ones. Numbers stay numbers.
defusedcsv was considered: it covers CSV only, not tab and CR, and rewrites `|` inside texts,
so the one rule below serves both formats instead."""

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

from backend.error_codes import FileErrorCode

MAX_XLSX_EXPANDED_BYTES = 300 * 1024 * 1024


def _normal(header) -> str:
    return " ".join(str(header or "").strip().lower().split())


class Table:
    """Rows of a sheet as {column: text}, numbered as the sheet shows them (header = 1).

    `columns` maps each column to the headers people write; `mapping` (column -> header)
    overrides them for one file; `required` columns must be present. `content` is the
    file's bytes or a binary file object, which is then read as the rows are (streaming)."""

    def __init__(self, content: bytes | BinaryIO, filename: str,
                 columns: dict[str, tuple[str, ...]], required: tuple[str, ...],
                 mapping: dict[str, str] | None = None,
                 max_rows: int | None = None):
        self.max_rows = max_rows
        lower = filename.lower()
        if lower.endswith(".xlsx"):
            self._rows = self._xlsx(content)
        elif lower.endswith((".csv", ".txt")):
            self._rows = self._csv(content)
        else:
            raise ValidationError({"file": ValidationError(
                _("Upload a .csv or .xlsx file."), code=FileErrorCode.INVALID_FILE)})
        header = next(self._rows, None)
        if header is None:
            raise ValidationError({"file": ValidationError(_("The file is empty."),
                                                           code=FileErrorCode.INVALID_FILE)})
        lookup = {alias: key for key, aliases in columns.items() for alias in aliases}
        for key, written in (mapping or {}).items():
            if key in columns:
                lookup[_normal(written)] = key
        self.keys = [lookup.get(_normal(h)) for h in header]
        missing = [c for c in required if c not in self.keys]
        if missing:
            raise ValidationError({"file": ValidationError(
                _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)},
                code=FileErrorCode.MISSING_COLUMN)})

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        for number, cells in enumerate(self._rows, start=2):
            if self.max_rows is not None and number - 1 > self.max_rows:
                raise ValidationError({"file": ValidationError(
                    _("At most %(n)s rows per file.") % {"n": self.max_rows},
                    code=FileErrorCode.INVALID_FILE)})
            values = {k: _text(v) for k, v in zip(self.keys, cells, strict=False) if k}
            if any(values.values()):
                yield number, values

    @staticmethod
    def _csv(content) -> Iterator[list]:
        if isinstance(content, bytes):
            try:
                text = content.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = content.decode("cp1252")
            first_line = text[: text.find("\n") if "\n" in text else len(text)]
            stream = io.StringIO(text)
        else:  # a file: read as we go, the encoding judged on its first megabyte
            content.seek(0)
            sample = content.read(1024 * 1024)
            content.seek(0)
            try:
                sample.decode("utf-8")
                encoding = "utf-8-sig"
            except UnicodeDecodeError as error:
                encoding = "utf-8-sig" if error.start > len(sample) - 4 else "cp1252"
            first_line = sample.split(b"\n", 1)[0].decode(encoding, "replace")
            stream = io.TextIOWrapper(content, encoding=encoding, errors="replace",
                                      newline="")
        # Indonesian spreadsheets often save CSV with semicolons.
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        return iter(csv.reader(stream, delimiter=delimiter))

    @staticmethod
    def _xlsx(content) -> Iterator[list]:
        unreadable = ValidationError({"file": ValidationError(
            _("This is not a readable .xlsx file."), code=FileErrorCode.INVALID_FILE)})
        try:
            # An .xlsx is a ZIP: refuse one that would expand beyond reason before opening.
            if isinstance(content, bytes):
                content = io.BytesIO(content)
            with zipfile.ZipFile(content) as archive:
                if sum(i.file_size for i in archive.infolist()) > MAX_XLSX_EXPANDED_BYTES:
                    raise unreadable
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError):
            raise unreadable from None
        try:
            content.seek(0)
            workbook = load_workbook(content, read_only=True, data_only=True)
        except Exception:  # openpyxl raises many kinds for a file that is not a workbook
            raise unreadable from None

        def rows():
            try:
                yield from workbook.worksheets[0].iter_rows(values_only=True)
            finally:
                workbook.close()
        return rows()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    text = str(value).strip()
    if text.startswith("'") and text[1:].startswith(FORMULA_TRIGGERS):
        return text[1:]  # the apostrophe our own export put before a risky text
    return text


# A spreadsheet program reads a cell starting with one of these as a formula (tab and CR
# hide one after white space).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")


def is_risky_text(value) -> bool:
    return (isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)
            and not _PLAIN_NUMBER.fullmatch(value))


def csv_cell(value):
    """A value as it may go into a CSV cell: a risky text behind an apostrophe."""
    return "'" + value if is_risky_text(value) else value


def write_csv(headers: list[str], rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([csv_cell(h) for h in headers])
    for row in rows:
        writer.writerow([csv_cell(row.get(h, "")) for h in headers])
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx_cell(sheet, value) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would store a text starting with "=" as a formula
        if is_risky_text(value):
            cell.quotePrefix = True  # and Excel keeps it text even when someone edits it
    return cell


def write_xlsx_sheets(sheets: list[tuple[str, list, list[list]]]) -> bytes:
    """A workbook of (sheet name, header row, rows of values) sheets, cells as values."""
    workbook = Workbook(write_only=True)
    for name, headers, rows in sheets:
        sheet = workbook.create_sheet(name[:31])
        for row in ([headers] if headers else []) + list(rows):
            sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_xlsx(headers: list[str], rows: list[dict], sheet_name: str) -> bytes:
    return write_xlsx_sheets([(sheet_name, headers, ([row.get(h, "") for h in headers]
                                                     for row in rows))])
