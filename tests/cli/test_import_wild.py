"""Files as a librarian brings them, not as partnerdesk writes them: a
workbook saved as it is instead of exported as CSV (.xlsx, .ods, .xls) or
a PDF, each refused by what it is and how to save it as CSV, with no
database made; a phone number the spreadsheet turned into 4.4123E+11,
said to have lost its digits, with the row named, and imported."""
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

    # Phones as Excel saves a column it took for numbers ("General"): the
    # digits past the mantissa are gone. Comma-separated from an English
    # locale, semicolon-separated with a decimal comma from a German one.
    sheets = {
        "en.csv": "Organisation Name,Phone,Contact,Contact phone\r\n"
                  "Riverside Trust,4.4123E+11,,\r\n"
                  "Hill Museum,+44 1234 567890,Ann Lee,4.41235E+11\r\n"
                  "Flower Co,1-800-FLOWERS,,\r\n"
                  "Main Library,441234567890,,\r\n"
                  "Zoo Friends,555-0100 ext 12,,\r\n",
        "de.csv": "Name;Phone;Notes\r\nStadtbücherei;4,4123E+11;Preis 1,5E+3\r\n",
    }
    expect = {"en.csv": [(2, "phone '4.4123E+11'"), (3, "contact \"Ann Lee\": phone '4.41235E+11'")],
              "de.csv": [(2, "phone '4,4123E+11'")]}
    for name, text in sheets.items():
        path = env.path(name)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        db = env.path(name + ".db")
        r = env.run("--db", db, "import", path, db=False)
        said = [ln for ln in r.err.splitlines() if "scientific notation" in ln]
        t.eq(len(said), len(expect[name]), name + ": one warning per shortened phone, no other")
        for (row, what), line in zip(expect[name], said):
            t.ok(line.startswith("partnerdesk: %s:%d: warning: %s is a number the spreadsheet wrote "
                                 "in scientific notation, so its last digits are lost" % (path, row, what))
                 and "format the column as Text" in line, "%s:%d: %s said, with what to do" % (name, row, what), r)
        t.ok(r.rc == 0 and "%d warning" % len(expect[name]) in r.out + r.err,
             name + ": imported, the warnings counted", r)
    r = env.run("--db", env.path("en.csv.db"), "show", "Riverside Trust")
    t.ok("4.4123E+11" in r.out, "the value is kept as it is, for the user to put right", r)
finally:
    env.cleanup()
t.done()
