"""What stands around a partner list in a librarian's sheet. Above it: a
title that is itself a column's name ("Partner") over a header the importer
does not know was read as a one-column header, its header row imported as a
partner called "Business"; now that row is the header, refused naming
--map, and --map reads it. A two-row header (group names "Contact",
"Address" above "Name", "Email", ...) was refused; now the lower row is
the header, and said. Below it: a note ("Updated by J. Smith 3/2026") and a
budget headed "Name", "Amount" were imported as partners; now each is
skipped by its row numbers, in the plan of a dry run and on stderr under
--keep-going."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env  # noqa: E402

t = TAP()
env = Env(sys.argv[1])
data = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "csv")


def names(db):
    r = env.run("list", "--format", "json", "--db", db, db=False)
    return sorted(p["name"] for p in json.loads(r.out))


try:
    # ---- above the table: a title that names a column, a header unknown ----
    unknown = os.path.join(data, "partners-unknown-header.csv")
    r = env.run("import", unknown, "--dry-run")
    t.ok(r.rc != 0 and "partners-unknown-header.csv:3: no column holds the partner's name" in r.err
         and "row 3, read as the header, holds \"Business\", \"Email address\", \"Phone\", "
             "\"Type\" (rows 1-2 above it skipped as a title): " in r.err
         and "--map \"COLUMN=name\"" in r.err, "the row of column names is the header, refused naming --map", r)
    t.ok("add \"Business\"" not in r.out, "no partner is made of the header", r)
    db = env.path("unknown.db")
    r = env.run("import", unknown, "--map", "Business=name", "--db", db, db=False)
    t.ok(r.rc == 0 and "row 3 (Business, Email address, Phone, Type) is the header; the rows above it "
         "are not imported" in r.err, "with --map the header is row 3, and said", r)
    t.eq(names(db), ["Harbour Museum", "Quay Primary School"], "the two partners, and no \"Partner\"")

    # A one-column list under a "Name" title stays a list, a partner's row
    # of words below it too.
    one = env.path("one.csv")
    with open(one, "w") as f:
        f.write("Name\nHarbour Museum\nQuay Primary School,school\n")
    r = env.run("import", one, "--dry-run", "--db", env.path("one.db"), db=False)
    t.ok(r.rc == 0 and "2 added" in r.out, "a one-column list is read as before", r)

    # ---- a two-row header ----
    two = os.path.join(data, "partners-two-row-header.csv")
    r = env.run("import", two, "--dry-run")
    t.ok(r.rc == 0 and "partners-two-row-header.csv: row 2 (Name, Email, Phone, Street, City, Postcode) is "
         "the header; the row above it is not imported" in r.err
         and "2 added, 0 merged, 0 skipped, 0 failed" in r.out, "the lower row of the two is the header", r)
    db = env.path("two.db")
    r = env.run("import", two, "--db", db, db=False)
    t.eq(names(db), ["Harbour Museum", "Quay Primary School"], "the partners came in")
    museum = json.loads(env.run("show", "Harbour Museum", "--format", "json", "--db", db, db=False).out)
    t.ok("1 Quay Street" in json.dumps(museum) and "info@harbour.example" in json.dumps(museum),
         "read by the lower row's columns", museum)

    # ---- below the table: a total, a budget headed Name, a note ----
    sheet = os.path.join(data, "partners-around-the-table.csv")
    r = env.run("import", sheet, "--dry-run")
    t.eq(r.rc, 0, "the sheet's dry run")
    t.ok("partners-around-the-table.csv:11: skip rows 11-13: a second table, headed \"Name\", \"Amount\", "
         "with figures in the partners' column \"Email\"; its rows are not partners\n" in r.out,
         "the budget is skipped by its row numbers", r)
    t.ok("partners-around-the-table.csv:10: skip \"Budget 2026\": the title of the table below" in r.out,
         "its title too", r)
    t.ok("partners-around-the-table.csv:15: skip row 15, below the table: a note (\"Updated by J. Smith "
         "3/2026\"), not a partner\n" in r.out, "the note is skipped by its row number", r)
    t.ok("3 added, 0 merged, 6 skipped, 0 failed" in r.out and "warning" not in r.err,
         "three partners, no warnings", r)

    db = env.path("kg.db")
    r = env.run("import", sheet, "--keep-going", "--db", db, db=False)
    t.ok(r.rc == 0 and "skip rows 11-13: a second table" in r.err and "skip row 15, below the table" in r.err,
         "--keep-going says what it left too", r)
    t.eq(names(db), ["Harbour Museum", "Quay Primary School", "Riverside Food Bank"], "only the partners")

    # What stays a partner: a row of one cell after a blank row that is no
    # note, and a note followed by a partner's row of two cells.
    tail = env.path("tail.csv")
    with open(tail, "w") as f:
        f.write("Name,Phone\nHarbour Museum,01632 960111\n\nWestgate Allotment Society\n")
    r = env.run("import", tail, "--dry-run", "--db", env.path("tail.db"), db=False)
    t.ok(r.rc == 0 and "add \"Westgate Allotment Society\"" in r.out and "2 added" in r.out,
         "a partner of one cell below a blank row is a partner", r)
    with open(tail, "w") as f:
        f.write("Name,Phone\nHarbour Museum,01632 960111\n\nNotes: call first\nCity Zoo,01632 960666\n")
    r = env.run("import", tail, "--dry-run", "--db", env.path("tail.db"), db=False)
    t.ok(r.rc == 0 and "add \"City Zoo\"" in r.out and "below the table" not in r.out,
         "a note with partners after it is not the table's end", r)
    for name in ("Sourcebooks", "Page Turners Book Club", "24/7 Youth Centre", "Printed Word Press"):
        with open(tail, "w") as f:
            f.write("Name,Phone\nHarbour Museum,01632 960111\n\n%s\n" % name)
        r = env.run("import", tail, "--dry-run", "--db", env.path("tail.db"), db=False)
        t.ok(r.rc == 0 and "add \"%s\"" % name in r.out, "%s, alone below a blank row, is a partner" % name, r)
    for note in ("Page 2 of 3", "Source: county survey", "Checked 03/03/2026", "Last updated: March"):
        with open(tail, "w") as f:
            f.write("Name,Phone\nHarbour Museum,01632 960111\n\n%s\n" % note)
        r = env.run("import", tail, "--dry-run", "--db", env.path("tail.db"), db=False)
        t.ok(r.rc == 0 and "tail.csv:4: skip row 4, below the table: a note" in r.out, "%s is a note" % note, r)
finally:
    env.cleanup()
t.done()
