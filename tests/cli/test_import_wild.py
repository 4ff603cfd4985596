"""Files as a librarian brings them, not as partnerdesk writes them: a
workbook saved as it is instead of exported as CSV (.xlsx, .ods, .xls) or
a PDF, each refused by what it is and how to save it as CSV, with no
database made."""
import os
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env  # noqa: E402

t = TAP()
env = Env(sys.argv[1])


def leftovers(name):
    return sorted(f for f in os.listdir(env.dir) if f.startswith(name))


try:
    # Workbooks laid out as the programs save them: Excel's parts in its
    # order ([Content_Types].xml first, xl/ after), LibreOffice's
    # "mimetype" stored first and uncompressed as ODF requires.
    xlsx = env.path("partners.xlsx")
    with zipfile.ZipFile(xlsx, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"/>' * 8)
        z.writestr("_rels/.rels", "<Relationships/>" * 8)
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", "<worksheet><sheetData/></worksheet>")
    ods = env.path("partners.ods")
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>", zipfile.ZIP_DEFLATED)
    numbers = env.path("partners.numbers")
    with zipfile.ZipFile(numbers, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Index/Document.iwa", "\x00\x01" * 40)
    xls = env.path("partners.xls")
    with open(xls, "wb") as f:
        f.write(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\x00" * 504)
    pdf = env.path("partners.pdf")
    with open(pdf, "wb") as f:
        f.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    cases = [
        (xlsx, "partners.xlsx: this is an Excel workbook (.xlsx)", "CSV UTF-8"),
        (ods, "partners.ods: this is a LibreOffice spreadsheet (.ods)", "Text CSV (.csv)"),
        (numbers, "partners.numbers: this is a zip archive", "CSV UTF-8"),
        (xls, "partners.xls: this is an Excel 97-2003 workbook (.xls)", "CSV UTF-8"),
        (pdf, "partners.pdf: this is a PDF document", "as CSV"),
    ]
    for path, what, how in cases:
        name = os.path.basename(path)
        for argv in ([], ["--dry-run"], ["--format", "csv"]):
            r = env.run("--db", env.path("wb.db"), "import", path, *argv, db=False)
            t.ok(r.rc == 1 and what in r.err and how in r.err and "NUL" not in r.err
                 and "header" not in r.err,
                 "%s %s: refused as what it is, saying how to save it as CSV" % (name, " ".join(argv)), r)
        # Renamed .csv by hand, it is still what it is.
        renamed = env.path(name + ".csv")
        with open(path, "rb") as src, open(renamed, "wb") as dst:
            dst.write(src.read())
        r = env.run("--db", env.path("wb.db"), "import", renamed, db=False)
        t.ok(r.rc == 1 and what.split(": ", 1)[1] in r.err, name + " renamed .csv: the same", r)
    t.eq(leftovers("wb.db"), [], "no database made for any of them")
finally:
    env.cleanup()
t.done()
