"""Writes tests/vectors/import/inputs/messy.xlsx: a tiny workbook with typed
cells (numbers, booleans, text needing cleaning), read by the Rust, Python and
Node import tests; and the two small workbooks of the bad-input catalog that
ask for far more memory than their size (tests/vectors/bad/xlsx_*.json: a
cell at XFD1048576, and shared strings that inflate 400 times). Standard
library only; run from the repository root."""
import base64
import io
import json
import zipfile

ROWS = [
    ["objective", "team", "cycle", "key_result", "title", "type", "baseline", "target", "current", "done", "Notes"],
    ["o1", "web", "2026-Q1", "k1", "Conversion to 65%", "metric", 55, 65, "58,5 %", None, "typed numbers"],
    ["o1", "web", "2026-Q1", "k2", "Checkout live", "milestone", None, None, None, True, None],
    ["o2", "web", "2026-Q1", "k3", "Orders per day", "metric", "1.000", "1.500", 1250.5, None, None],
]


def col(i):
    return chr(ord("A") + i)


def cell(ref, v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return f'<c r="{ref}" t="b"><v>{int(v)}</v></c>'
    if isinstance(v, (int, float)):
        return f'<c r="{ref}"><v>{v}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>'


rows = "".join(
    f'<row r="{r + 1}">' + "".join(cell(f"{col(c)}{r + 1}", v) for c, v in enumerate(row)) + "</row>"
    for r, row in enumerate(ROWS)
)
files = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="OKRs" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>',
}


def workbook(files, compress_type=zipfile.ZIP_STORED):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, text in files.items():
            z.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), text, compress_type=compress_type, compresslevel=9)
    return out.getvalue()


with open("tests/vectors/import/inputs/messy.xlsx", "wb") as f:
    f.write(workbook(files))


def sheet(rows_xml):
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows_xml}</sheetData></worksheet>'


def bad_vector(name, description, data):
    vector = {
        "name": name,
        "description": description,
        "target": "table",
        "input": {"bytes_base64": base64.b64encode(data).decode()},
        "expected_code": "too_large",
    }
    with open(f"tests/vectors/bad/{name}.json", "w") as f:
        json.dump(vector, f, indent=1)
        f.write("\n")


far = dict(files)
far["xl/worksheets/sheet1.xml"] = sheet(
    '<row r="1"><c r="A1" t="inlineStr"><is><t>objective</t></is></c></row>'
    '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
)
bad_vector(
    "xlsx_far_cell",
    "An XLSX workbook of two cells, A1 and XFD1048576: its grid would be 17 billion cells (550 GB), and calamine's reader allocated it and aborted the process. Read as a table, it must be refused as too_large.",
    workbook(far),
)

SHARED = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
bomb = dict(files)
bomb["[Content_Types].xml"] = bomb["[Content_Types].xml"].replace(
    "</Types>",
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
)
bomb["xl/_rels/workbook.xml.rels"] = bomb["xl/_rels/workbook.xml.rels"].replace(
    "</Relationships>", f'<Relationship Id="rId2" Type="{SHARED}" Target="sharedStrings.xml"/></Relationships>'
)
bomb["xl/sharedStrings.xml"] = (
    '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    + "<si><t>a</t></si>" * 200_000
    + "</sst>"
)
bad_vector(
    "xlsx_zip_bomb",
    "An XLSX workbook whose sharedStrings.xml (3.4 MB) compresses hundreds of times: a zip bomb in small (calamine holds every shared string before reading a cell). Read as a table, it must be refused as too_large.",
    workbook(bomb, zipfile.ZIP_DEFLATED),
)
