"""A sheet that keeps a second table below its partner list, a blank row
between, whose header names no partner ("Event, Date, Attendance"): its
header and rows were imported as partners called "Event" and "Summer
Reading launch", with a date for a contact and a count for an email, and
a warning each. Now they are skipped on one line that names the table and
says why. A partner's row after a blank row, and a sheet whose only table
has no name column, are read as before."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env  # noqa: E402

t = TAP()
env = Env(sys.argv[1])
data = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "csv")
try:
    sheet = os.path.join(data, "partners-and-events.csv")
    r = env.run("import", sheet, "--dry-run")
    t.eq(r.rc, 0, "the sheet's dry run")
    t.ok("partners-and-events.csv:9: skip rows 9-13: a table headed \"Event\", \"Date\", \"Attendance\", "
         "\"Partner notes\", which has no column for the partner's name; its rows are not partners" in r.out,
         "one line names the table, its rows and why", r)
    t.ok("partners-and-events.csv:8: skip \"Events 2026\": the title of the table below" in r.out,
         "its title is skipped as a table's title", r)
    t.ok("4 added, 0 merged, 6 skipped, 0 failed" in r.out and "warning" not in r.out,
         "the four partners, and no warnings", r)
    t.ok("Summer Reading" not in r.out + r.err and "'85'" not in r.err, "no event read as a partner", r)

    r = env.run("import", sheet)
    t.eq(r.rc, 0, "the sheet imported")
    names = sorted(p["name"] for p in json.loads(env.run("list", "--format", "json").out))
    t.eq(names, ["Harbour Museum", "Quay Primary School", "Riverside Food Bank", "Westgate Allotment Society"],
         "only the partners came in")

    # Without a title, and with a partner list going on after the table.
    plain = env.path("plain.csv")
    with open(plain, "w") as f:
        f.write("Name,Email,Phone\nLighthouse Trust,info@lighthouse.example,01632 960444\n\n"
                "Event,Date,Attendance\nBook sale,2026-05-02,60\nQuiz night,2026-05-09,41\n\n"
                "Name,Email,Phone\nMill Arts Centre,box@mill.example,01632 960555\n")
    r = env.run("import", plain, "--dry-run", "--db", env.path("plain.db"), db=False)
    t.ok(r.rc == 0 and "plain.csv:4: skip rows 4-6: a table headed \"Event\", \"Date\", \"Attendance\"" in r.out
         and "add \"Lighthouse Trust\"" in r.out and "add \"Mill Arts Centre\"" in r.out
         and "2 added, 0 merged, 3 skipped, 0 failed" in r.out, "a table without a title; the list after it read", r)

    # What must stay partners: a row after a blank row that holds words,
    # even with words where the rows below have numbers in a column that
    # holds numbers (a phone "ask at the desk").
    gaps = env.path("gaps.csv")
    with open(gaps, "w") as f:
        f.write("Organisation,Type,Phone\nHarbour Museum,museum,01632 960111\n\n"
                "Quay Primary School,school,ask at the office\nRiverside Food Bank,nonprofit,01632 960333\n"
                ",,\nWestgate Allotment Society,civic group\nCity Zoo,zoo,01632 960666\n")
    r = env.run("import", gaps, "--dry-run", "--db", env.path("gaps.db"), db=False)
    t.ok(r.rc == 0 and "5 added, 0 merged, 0 skipped" in r.out and "table" not in r.out,
         "partners after blank rows are partners", r)

    # A sheet whose only table names no partner is refused, as before.
    only = env.path("only.csv")
    with open(only, "w") as f:
        f.write("Event,Date,Attendance\nBook sale,2026-05-02,60\n")
    r = env.run("import", only, "--db", env.path("only.db"), db=False)
    t.ok(r.rc == 1 and "no column holds the partner's name" in r.err, "a sheet of events alone is refused", r)
finally:
    env.cleanup()
t.done()
