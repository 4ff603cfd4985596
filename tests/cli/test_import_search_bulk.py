"""A large import writes its partners' search documents in one go, holding
their terms in memory until the commit (search.c's bulk flush): the index
it leaves must be the one smaller imports leave, row by row. The same
2,400 rows imported whole and in three files of 800 (each below the bulk
flush's 1,000) give the same documents, the same terms at the same
places, the same FTS5 settings stored (the bulk flush's own taken out
again), an index that passes FTS5's integrity check, and the same answers
to list --search; the desk takes a write after it as before."""
import os
import shutil
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env  # noqa: E402

ROWS = 2400
CHUNK = 800
HEADER = "Name,Type,Email,Phone,Website,Notes,Tags,Contact,Contact email\n"

NAMES = ["Harbor Museum", "Ysgol Gymraeg Caerdydd", "Musée des Beaux-Arts",
         "서울 도서관", "مكتبة الإسكندرية", "Łódź Art Centre", "St Fagans Friends"]
PHONES = ["+33 6 12 34 56 78", "0621/293-8933", "(804) 555-0231", "01758 555 123",
          "٠٦ ١٢ ٣٤ ٥٦ ٧٨", "+44 (0)1758 479216", "", "33612345678"]
NOTES = ["visites scolaires le mardi", "STEM night at the branch", "", "CF10 3NP",
         "seniors' tech help, 2nd floor"]


def row(i):
    name = "%s %d" % (NAMES[i % len(NAMES)], i)
    phone = PHONES[i % len(PHONES)]
    person = "Dana Ødegaard %d" % i if i % 3 else ""
    email = "contact.p%d@example.org" % i if person else ""
    cells = [name, "museum" if i % 2 else "school", "info@partner%d.example.org" % i, phone,
             "https://partner%d.example.org" % i, NOTES[i % len(NOTES)],
             "teens; families" if i % 4 == 0 else "", person, email]
    return ",".join('"%s"' % c.replace('"', '""') for c in cells) + "\n"


def write(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADER)
        for i in rows:
            f.write(row(i))


def dump(path):
    """The documents, every term's every place, and the stored settings,
    read from a copy (the vocabulary table is a temporary one)."""
    copy = path + ".copy"
    shutil.copyfile(path, copy)
    con = sqlite3.connect(copy)
    con.execute("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, partner_search, instance)")
    docs = con.execute("SELECT rowid, name, body FROM partner_search ORDER BY rowid").fetchall()
    terms = con.execute("SELECT term, doc, col, offset FROM terms ORDER BY 1, 2, 3, 4").fetchall()
    config = con.execute("SELECT k, v FROM partner_search_config ORDER BY k").fetchall()
    try:
        con.execute("INSERT INTO partner_search (partner_search) VALUES ('integrity-check')")
        intact = True
    except sqlite3.DatabaseError:
        intact = False
    con.close()
    os.unlink(copy)
    return docs, terms, config, intact


t = TAP()
env = Env(sys.argv[1])
try:
    whole = env.path("whole.csv")
    write(whole, range(ROWS))
    bulk_db = env.path("bulk.db")
    env.db = bulk_db
    r = env.run("import", whole)
    t.ok(r.rc == 0, "%d rows imported in one file" % ROWS, r)

    rows_db = env.path("rows.db")
    env.db = rows_db
    for k in range(0, ROWS, CHUNK):
        part = env.path("part%d.csv" % k)
        write(part, range(k, k + CHUNK))
        r = env.run("import", part)
        t.ok(r.rc == 0, "rows %d to %d imported on their own" % (k, k + CHUNK - 1), r)

    bulk, small = dump(bulk_db), dump(rows_db)
    t.eq(len(bulk[0]), ROWS, "a document for every row")
    t.ok(bulk[0] == small[0], "the same documents, byte for byte")
    t.ok(len(bulk[1]) > ROWS * 100 and bulk[1] == small[1], "the same terms at the same places")
    t.eq(bulk[2], small[2], "the same FTS5 settings stored (none of the bulk flush's left)")
    t.ok(bulk[3] and small[3], "both indexes pass FTS5's integrity check")

    for text in ["visites scolaires", "0612345678", "06212938933", "ødegaard 17", "서울",
                 "partner2399.example", "804 555 0231", "cf10"]:
        env.db = bulk_db
        a = env.run("list", "--search", text, "--format", "csv")
        env.db = rows_db
        b = env.run("list", "--search", text, "--format", "csv")
        t.ok(a.rc == 0 and a.out == b.out and len(a.out.splitlines()) > 1,
             "list --search %r: the same partners" % text, (a, b))

    env.db = bulk_db
    r = env.run("add", "Written After The Import")
    t.ok(r.rc == 0, "a partner added after the import", r)
    r = env.run("list", "--search", "written after", "--format", "csv")
    t.ok("Written After The Import" in r.out, "and found", r)
    t.eq(dump(bulk_db)[2], small[2], "the settings stored are still FTS5's own")
finally:
    env.cleanup()
t.done()
