"""What a sheet's cells put in the notes, the summary names. A second
value for a field that holds one ("Direct line" beside "Mobile", both the
contact person's phone) went into the notes as "Direct line: ..." while
the summary's "kept in the notes" list named only the columns no field
reads; now it names that column too, when a row kept one. And an English
"Remarks" (or "Remark") column is read as the notes, as the French
"Remarques" and "Comments" are, not kept as "Remarks: ..." lines. A
second fiscal month or review date that differs is kept too; it was
dropped without a word."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env  # noqa: E402

t = TAP()
env = Env(sys.argv[1])


def sheet(name, text):
    p = env.path(name)
    with open(p, "w") as f:
        f.write(text)
    return p


def kept(out):
    return out.split("kept in the notes:")[-1] if "kept in the notes:" in out else ""


def partner(db, name):
    r = env.run("--db", db, "show", name, "--format", "json", db=False)
    return json.loads(r.out) if r.rc == 0 else {}


try:
    both = sheet("both.csv", "Organisation,Contact,Mobile,Direct line,Remarks,Year opened\n"
                 "Harbour Museum,Ann Lee,07700 900111,01632 960111,Prefers email,1890\n"
                 "Quay Primary School,Rhys Morgan,,01632 960222,Term-time only,\n")
    db = env.path("both.db")
    r = env.run("--db", db, "import", both, db=False)
    t.eq(r.rc, 0, "the sheet imported")
    t.ok('"Direct line"' in kept(r.out), "the summary names the second phone's column", r)
    t.ok('"Year opened"' in kept(r.out), "and the column no field reads, as before", r)
    t.ok('"Remarks"' not in kept(r.out), "Remarks is not a column kept in the notes: it is the notes", r)
    harbour = partner(db, "Harbour Museum")
    notes = harbour.get("notes", "")
    t.ok("Direct line: 01632 960111" in notes, "where the second phone is", harbour)
    t.ok(notes.startswith("Prefers email") and "Remarks:" not in notes, "Remarks read as the notes", harbour)
    quay = partner(db, "Quay Primary School")
    t.ok(quay.get("notes") == "Term-time only", "a row with one phone keeps none in the notes", quay)
    t.eq([c.get("phone") for c in quay.get("contacts", [])], ["01632 960222"], "it is the person's phone")

    r = env.run("--db", env.path("dry.db"), "import", both, "--dry-run", db=False)
    t.ok('"Direct line"' in kept(r.out), "a dry run names it too", r)

    # Never both in a row: nothing of it goes into the notes, nor is named.
    apart = sheet("apart.csv", "Organisation,Contact,Mobile,Direct line\n"
                  "Harbour Museum,Ann Lee,07700 900111,\nQuay Primary School,Rhys Morgan,,01632 960222\n")
    r = env.run("--db", env.path("apart.db"), "import", apart, db=False)
    t.ok(r.rc == 0 and "kept in the notes" not in r.out, "a column that only fills gaps is not named", r)

    # The partner's own second email, under a name the field reads.
    emails = sheet("emails.csv", "Name,Email,E-mail address\nMill Arts Centre,box@mill.example,"
                   "director@mill.example\n")
    r = env.run("--db", env.path("emails.db"), "import", emails, db=False)
    t.ok(r.rc == 0 and '"E-mail address"' in kept(r.out), "a second email's column is named", r)

    for header in ["Remark", "Comment", "Comments"]:
        one = sheet("one.csv", "Name,%s\nLighthouse Trust,Keys at the front desk\n" % header)
        db1 = env.path("one-%s.db" % header)
        r = env.run("--db", db1, "import", one, db=False)
        t.ok(r.rc == 0 and "kept in the notes" not in r.out
             and partner(db1, "Lighthouse Trust").get("notes") == "Keys at the front desk",
             header + " is read as the notes", r)

    # A second fiscal month or review date that differs was dropped without
    # a word, as no other field's second value is: it is kept in the notes.
    dates = sheet("dates.csv", "Name,Fiscal month,Fiscal year start,Review date,Review\n"
                  "Oak Museum,Oct,July,2027-01-05,2027-03-01\n"
                  "Elm School,Oct,October,2027-01-05,2027-01-05\n")
    db2 = env.path("dates.db")
    r = env.run("--db", db2, "import", dates, db=False)
    t.eq(r.rc, 0, "the sheet of two months and two review dates imported")
    t.ok('"Fiscal year start"' in kept(r.out) and '"Review"' in kept(r.out),
         "the summary names the second month's and review date's columns", r)
    oak = partner(db2, "Oak Museum")
    t.ok(oak.get("fiscal_month") == 10 and "Fiscal year start: July" in (oak.get("notes") or ""),
         "the first month is the field, the second kept in the notes", oak)
    t.ok(oak.get("review_date") == "2027-01-05" and "Review: 2027-03-01" in (oak.get("notes") or ""),
         "the first review date is the field, the second kept in the notes", oak)
    elm = partner(db2, "Elm School")
    t.ok(not elm.get("notes"), "the same month and date twice keep nothing in the notes", elm)
finally:
    env.cleanup()
t.done()
