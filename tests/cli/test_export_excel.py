"""`export --excel` and `list --excel`: CSV a spreadsheet opened by
double-click reads right. A UTF-8 byte order mark and CRLF; every cell a
spreadsheet would take for a formula (= + - @ or their full-width forms, tab,
CR, LF first) behind one
leading apostrophe, a user's own apostrophe before one doubled; read with
Python's utf-8-sig every cell equals the plain export's once that guard is
off. The plain --format csv stays byte for byte what it was. `import` reads
an --excel file back to the same partners as the plain one, taking the guard
off only in partnerdesk's own file, never a user's own apostrophe."""
import csv
import io
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env  # noqa: E402

BOM = b"\xef\xbb\xbf"
HOSTILE = "=cmd|' /C calc'!A0"
PHONE = "+44 20 7946 0958"
# What a spreadsheet takes for a formula's start: the ASCII signs, their
# full-width forms (an East Asian Excel reads those alike), tab, CR, LF.
FORMULA = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\t", "\r", "\n")


def unguard(cell):
    """The rule the man page gives: one apostrophe off a cell that starts
    with it when what follows starts (after any apostrophes) with = + - @,
    a tab, CR or LF."""
    rest = cell[1:].lstrip("'")
    if cell.startswith("'") and rest[:1] in FORMULA and rest:
        return cell[1:]
    return cell


def rows_of(data):
    """The records of CSV bytes, read as Excel's 'CSV UTF-8' is."""
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def by_id(rows):
    return {r[0]: r for r in rows[1:]}


t = TAP()
env = Env(sys.argv[1])
try:
    for args in (["Caf\u00e9 Cymraeg", "--kind", "library", "--tag", "Caerdydd, Cymru"],
                 ["Llyfrgell \u0174yl", "--kind", "library"],
                 ["\uc11c\uc6b8 \ub3c4\uc11c\uad00", "--kind", "library"],
                 [HOSTILE, "--kind", "business"],
                 ["Ysgol Gymraeg", "--kind", "school", "--phone", PHONE,
                  "--notes", "- called back", "--tag", "-1 list", "--tag", "@home"],
                 ["'tis the season", "--kind", "other", "--notes", "'=1+1"]):
        r = env.run("add", *args)
        t.ok(r.rc == 0, "add %s" % args[0], r)

    # The plain CSV as scripts have always read it: no BOM, no guard.
    plain_path, excel_path = env.path("plain.csv"), env.path("excel.csv")
    r = env.run("export", "--format", "csv", "-o", plain_path)
    t.eq(r.rc, 0, "plain csv export")
    with open(plain_path, "rb") as f:
        plain = f.read()
    want = ("id,name,kind,scale,stage,owner,tags,audiences,branches,website,phone,email,"
            "address,mission,position,directions,fiscal_month,review_date,last_contact,"
            "next_follow_up,notes\r\n"
            "6,'tis the season,other,,glance,,,,,,,,,,,,,,,,'=1+1\r\n"
            "4,%s,business,,glance,,,,,,,,,,,,,,,,\r\n"
            "1,Caf\u00e9 Cymraeg,library,,glance,,\"Caerdydd, Cymru;\",,,,,,,,,,,,,,\r\n"
            "2,Llyfrgell \u0174yl,library,,glance,,,,,,,,,,,,,,,,\r\n"
            "5,Ysgol Gymraeg,school,,glance,,-1 list; @home,,,,%s,,,,,,,,,,- called back\r\n"
            "3,\uc11c\uc6b8 \ub3c4\uc11c\uad00,library,,glance,,,,,,,,,,,,,,,,\r\n"
            % (HOSTILE, PHONE)).encode("utf-8")
    t.ok(plain == want, "plain csv: byte for byte as before --excel (no BOM, no apostrophes)",
         "got:\n%r\nwant:\n%r" % (plain, want))
    r = env.run("list", "--format", "csv")
    t.ok(r.rc == 0 and not r.out.startswith("\ufeff") and HOSTILE in r.out.split("\r\n")[2],
         "list --format csv: no BOM, no guard", r)

    # --excel: BOM, CRLF, the guard.
    r = env.run("export", "--excel", "-o", excel_path)
    t.eq(r.rc, 0, "export --excel -o FILE.csv")
    with open(excel_path, "rb") as f:
        excel = f.read()
    t.ok(excel.startswith(BOM), "--excel: starts with a UTF-8 byte order mark", excel[:20])
    t.ok(excel.endswith(b"\r\n") and b"\n" not in excel.replace(b"\r\n", b""),
         "--excel: every line ends CRLF", excel)
    plain_rows, excel_rows = rows_of(plain), rows_of(excel)
    t.eq(excel_rows[0], plain_rows[0], "--excel: the header is the plain one")
    t.eq(len(excel_rows), len(plain_rows), "--excel: every row is there")
    t.eq([[unguard(c) for c in row] for row in excel_rows], plain_rows,
         "--excel: every cell equals the plain export's once the guard is off")
    cells = [c for row in excel_rows for c in row]
    t.ok(not [c for c in cells if c[:1] in FORMULA],
         "--excel: no cell starts with what a spreadsheet evaluates", cells)
    ex = by_id(excel_rows)
    t.eq(ex["4"][1], "'" + HOSTILE, "--excel: the hostile name is text behind an apostrophe")
    t.eq(ex["5"][10], "'" + PHONE, "--excel: the +44 phone is text behind an apostrophe")
    t.eq(ex["5"][20], "'- called back", "--excel: a note starting '- ' is guarded")
    t.eq(ex["5"][6], "'-1 list; @home", "--excel: a list cell starting '-' is guarded")
    t.eq(ex["6"][1], "'tis the season", "--excel: a user's apostrophe before a letter is left")
    t.eq(ex["6"][20], "''=1+1", "--excel: a user's apostrophe before '=' is doubled")
    t.eq(ex["1"][1], "Caf\u00e9 Cymraeg", "--excel: accents as themselves")
    t.eq(ex["3"][1], "\uc11c\uc6b8 \ub3c4\uc11c\uad00", "--excel: Korean as itself")

    # --excel to standard output, from export and list: the same bytes.
    r = env.run("export", "--excel")
    t.ok(r.rc == 0 and r.out.encode("utf-8") == excel, "export --excel on stdout: the file's bytes", r)
    r = env.run("export", "--format", "csv", "--excel")
    t.ok(r.rc == 0 and r.out.encode("utf-8") == excel, "export --format csv --excel: the same", r)
    r = env.run("list", "--excel")
    got = r.out.encode("utf-8")
    t.ok(r.rc == 0 and got.startswith(BOM) and by_id(rows_of(got)) == ex,
         "list --excel: BOM and the same guarded rows", r)
    r = env.run("list", "--format", "csv", "--excel", "--kind", "school")
    t.ok(r.rc == 0 and rows_of(r.out.encode("utf-8"))[1][10] == "'" + PHONE,
         "list --format csv --excel: filtered, guarded", r)

    # --excel is for CSV alone: another format is a usage error, not ignored,
    # in one wording whichever command it is given to.
    for args, said in ((["export", "--excel", "--format", "json"],
                        "--excel writes CSV, not json (--format json); drop --format or --excel"),
                       (["export", "--excel", "-o", env.path("x.yaml")],
                        "--excel writes CSV, not yaml (the extension of %s); drop --excel, or name a .csv file"
                        % env.path("x.yaml")),
                       (["export", "-o", env.path("x.ics"), "--excel", "--format", "vcf"],
                        "--excel writes CSV, not vcf (--format vcf); drop --format or --excel"),
                       (["list", "--excel", "--format", "table"],
                        "--excel writes CSV, not table (--format table); drop --format or --excel"),
                       (["list", "--format", "json", "--excel"],
                        "--excel writes CSV, not json (--format json); drop --format or --excel"),
                       (["report", "--excel", "--format", "json"],
                        "--excel writes CSV, not json (--format json); drop --format or --excel"),
                       (["report", "activity", "--format", "text", "--excel"],
                        "--excel writes CSV, not text (--format text); drop --format or --excel")):
        r = env.run(*args)
        t.ok(r.rc == 2 and r.err.splitlines()[:1] == ["partnerdesk: " + said] and r.out == "",
             "%s: refused, in the one wording" % " ".join(args), r)
    t.ok(not os.path.exists(env.path("x.yaml")), "nothing written for a refused --excel")
    # csv with --excel, or --excel alone, is the spreadsheet's CSV everywhere.
    for args in (["export", "--excel", "--format", "CSV"], ["export", "--excel", "-o", env.path("x.CSV")],
                 ["report", "--format", "csv", "--excel"], ["report", "--excel"]):
        r = env.run(*args)
        t.ok(r.rc == 0, "%s: written" % " ".join(args), r)
    t.ok(open(env.path("x.CSV"), "rb").read().startswith(BOM), "export --excel -o x.CSV: the BOM")

    # The round trip: import reads the --excel file to the partners the
    # plain file gives, the guard off, the user's own apostrophes kept.
    def imported(path, name):
        db = env.path(name)
        r = env.run("--db", db, "import", path, db=False)
        t.ok(r.rc == 0 and "6 added" in r.out, "import %s" % os.path.basename(path), r)
        r = env.run("--db", db, "list", "--format", "json", db=False)
        data = json.loads(r.out)
        # The two imports run a moment apart: their own times (list's
        # "created" and "updated") may fall either side of a second.
        for p in data:
            for key in ("id", "created", "updated"):
                p.pop(key, None)
        return r, data

    r_ex, from_excel = imported(excel_path, "from-excel.db")
    _, from_plain = imported(plain_path, "from-plain.db")
    t.eq(from_excel, from_plain, "import: the --excel file gives the partners the plain file gives")
    named = {p["name"]: p for p in from_excel}
    t.ok(HOSTILE in named, "import: the hostile name back without the guard", sorted(named))
    ysgol = named.get("Ysgol Gymraeg", {})
    t.eq(ysgol.get("phone"), PHONE, "import: the +44 phone back without the guard")
    t.eq(ysgol.get("notes"), "- called back", "import: the note back without the guard")
    t.eq(ysgol.get("tags"), ["-1 list", "@home"], "import: the list back without the guard")
    tis = named.get("'tis the season", {})
    t.eq(tis.get("notes"), "'=1+1", "import: the user's own apostrophe kept, one of two taken off")
    r = env.run("--db", env.path("from-excel.db"), "import", excel_path, "--dry-run", db=False)
    t.ok("apostrophe" in r.err and "--excel" in r.err,
         "import says it took the guard off", r)

    # A user's own leading apostrophe in a file that is not ours is kept:
    # no BOM; and a BOM before a header that is not partnerdesk's columns.
    own = ("name,phone,notes\r\nPlain Hall,'+44 1632 960000,'=not ours\r\n").encode("utf-8")
    other = BOM + ("Name,Phone,Notes\r\nOther Hall,'+44 1632 960001,'- kept\r\n").encode("utf-8")
    for data, fname, name, phone, note in (
            (own, "own.csv", "Plain Hall", "'+44 1632 960000", "'=not ours"),
            (other, "other.csv", "Other Hall", "'+44 1632 960001", "'- kept")):
        path = env.path(fname)
        with open(path, "wb") as f:
            f.write(data)
        db = env.path(fname + ".db")
        r = env.run("--db", db, "import", path, db=False)
        t.ok(r.rc == 0 and "apostrophe" not in r.err, "import %s" % fname, r)
        r = env.run("--db", db, "list", "--format", "json", db=False)
        p = json.loads(r.out)[0]
        t.eq((p["name"], p["phone"], p["notes"]), (name, phone, note),
             "%s: a user's own leading apostrophe is kept" % fname)

    # The full-width ＝ ＋ － ＠ an input method types: guarded alike, and
    # import takes the guard off them alike; a full-width letter is not.
    wide_db = env.path("wide.db")
    wide = [("\uff1dHYPERLINK(\"http://x.example\",\"\u8a73\u7d30\")", "\uff0b81 3 0000 0000",
             "\uff20\u56f3\u66f8\u9928", "\uff0d\u6708\u66dc\u4f11\u9928"),
            ("\uff21\uff22\uff23 Library", "03 0000 0000", "\uff41bc", "'\uff1d1")]
    for name, phone, tag, notes in wide:
        r = env.run("--db", wide_db, "add", name, "--kind", "library", "--phone", phone,
                    "--tag", tag, "--notes", notes, db=False)
        t.ok(r.rc == 0, "add %s" % name, r)
    wide_path = env.path("wide.csv")
    r = env.run("--db", wide_db, "export", "--excel", "-o", wide_path, db=False)
    with open(wide_path, "rb") as f:
        wrows = by_id(rows_of(f.read()))
    t.eq((wrows["1"][1], wrows["1"][10], wrows["1"][6], wrows["1"][20]),
         tuple("'" + c for c in wide[0]), "--excel: cells starting \uff1d \uff0b \uff20 \uff0d are guarded")
    t.eq((wrows["2"][1], wrows["2"][6], wrows["2"][20]), ("\uff21\uff22\uff23 Library", "\uff41bc", "''\uff1d1"),
         "--excel: a full-width letter is not; a user's apostrophe before \uff1d is doubled")
    r = env.run("--db", env.path("wide-back.db"), "import", wide_path, db=False)
    t.ok(r.rc == 0 and "apostrophe" in r.err, "import of the full-width --excel file", r)
    r = env.run("--db", env.path("wide-back.db"), "list", "--format", "json", db=False)
    back = {p["name"]: (p["phone"], p["tags"][0], p["notes"]) for p in json.loads(r.out)}
    t.eq(back, {n: (ph, tg, nt) for n, ph, tg, nt in wide}, "import: every full-width cell back without the guard")
finally:
    env.cleanup()
t.done()
