"""The 360Giving spreadsheet form (Excel), written by flattentool, the library the 360Giving Data
Quality Tool itself uses to read spreadsheets: one sheet of grants and one sheet per list
(recipients, funders, planned dates, programmes), with 360Giving's column titles.

The JSON's package fields (version, title, description) have no place in the spreadsheet form;
the grants unflatten back to exactly the JSON's grants (a test checks). Written on request only
(``tsgraph export --format 360giving-xlsx``): flattentool and openpyxl take longer to import than
the rest of the build takes to run.
"""

from __future__ import annotations

import json
import re
import tempfile
import warnings
import zipfile
from pathlib import Path

from ..errors import MissingDependencyError
from .giving import EXTENSION, grant_package

GRANT_SCHEMA = Path(__file__).resolve().parent / "schemas" / "360-giving-schema-1.4.3.json"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can hold: the same bytes on every build


def grant_schema_with_extension() -> dict:
    schema = json.loads(GRANT_SCHEMA.read_text(encoding="utf-8"))
    schema["properties"]["tsgraph"] = EXTENSION
    return schema


def flatten_options(schema_path: Path) -> dict:
    return {"schema": str(schema_path), "root_list_path": "grants", "root_id": ""}


def import_flattentool():
    try:
        import flattentool  # on request only: see the module docstring
    except ImportError:
        raise MissingDependencyError(
            "the 360giving-xlsx export needs flattentool: pip install -e '.[sheets]'") from None
    return flattentool


def write_360giving_xlsx(index: dict, folder: Path) -> list[Path]:
    flattentool = import_flattentool()
    path = folder / "360giving.xlsx"
    with tempfile.TemporaryDirectory() as scratch:
        scratch_dir = Path(scratch)
        (scratch_dir / "schema.json").write_text(json.dumps(grant_schema_with_extension()), encoding="utf-8")
        (scratch_dir / "grants.json").write_text(json.dumps(grant_package(index)), encoding="utf-8")
        with warnings.catch_warnings():
            # flattentool warns for each schema list it leaves out for want of a title (transactions).
            warnings.simplefilter("ignore")
            flattentool.flatten(str(scratch_dir / "grants.json"), output_name=str(scratch_dir / "grants.xlsx"),
                                output_format="xlsx", main_sheet_name="grants", use_titles=True,
                                remove_empty_schema_columns=True, **flatten_options(scratch_dir / "schema.json"))
        make_reproducible(scratch_dir / "grants.xlsx", path)
    return [path]


def unflatten_grants(path: Path) -> list[dict]:
    """The grants read back from the spreadsheet by flattentool, as a 360Giving tool would read them."""
    flattentool = import_flattentool()

    with tempfile.TemporaryDirectory() as scratch:
        scratch_dir = Path(scratch)
        (scratch_dir / "schema.json").write_text(json.dumps(grant_schema_with_extension()), encoding="utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            flattentool.unflatten(str(path), input_format="xlsx", output_name=str(scratch_dir / "grants.json"),
                                  convert_titles=True, **flatten_options(scratch_dir / "schema.json"))
        return json.loads((scratch_dir / "grants.json").read_text(encoding="utf-8"))["grants"]


# openpyxl writes a text starting with "=" as a formula (<f>), which a spreadsheet would run: a
# name from the documents or the registry such as "=HYPERLINK(...)". The export holds no formula
# of its own, so every formula cell is written back as the text it came from.
FORMULA_CELL = re.compile(rb"<c ([^>]*?)>\s*<f>([^<]*)</f>\s*(?:<v>[^<]*</v>|<v/>)?\s*</c>")


def formulas_as_text(sheet_xml: bytes) -> bytes:
    def as_text(match: re.Match) -> bytes:
        attributes = re.sub(rb'\s*\bt="[^"]*"', b"", match.group(1))
        return b'<c %s t="inlineStr"><is><t xml:space="preserve">=%s</t></is></c>' % (attributes, match.group(2))

    return FORMULA_CELL.sub(as_text, sheet_xml)


def make_reproducible(source: Path, target: Path) -> None:
    """Copy the workbook with fixed entry times and without the creation and modification times
    openpyxl stamps into docProps/core.xml, so two builds give the same bytes; formula cells
    become the text they came from (``formulas_as_text``)."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for entry in original.infolist():
            data = original.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                data = re.sub(rb"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>", b"", data)
            elif entry.filename.startswith("xl/worksheets/"):
                data = formulas_as_text(data)
            copy.writestr(zipfile.ZipInfo(entry.filename, date_time=ZIP_TIME), data, zipfile.ZIP_DEFLATED)
