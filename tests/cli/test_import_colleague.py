"""A colleague's sheet of partners, made by hand: a title row above the
header, a "Next follow up" column of dates written 24/11/2026, a "Last
contact" column, a blank row and a total row at the bottom. The dates
someone typed are kept in the notes and the summary names their columns:
they were left out without a word, taken for the columns partnerdesk's
own CSV export derives from its log. That export's own columns are still
left out when it comes back. A review date written 24/11/2026 (or
11/24/2026) is read, where one reading alone is a date; it was refused
with the whole file."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env  # noqa: E402

t = TAP()
env = Env(sys.argv[1])
try:
    sheet = env.path("outreach.csv")
    with open(sheet, "w", encoding="utf-8") as f:
        f.write("Outreach partners 2026 (Sian's sheet),,,,,\n"
                "Organisation,Type,Contact,Last contact,Next follow up,Budget (£)\n"
                'Llanrwst Town Council,civic group,Gwen Hughes,03/11/2026,24/11/2026,"1,200"\n'
                "Conwy Valley Museum,museum,Dafydd Jones,,03/12/2026,350\n"
                ",,,,,\n"
                'TOTAL,,,,,"1,550"\n')

    r = env.run("import", sheet, "--dry-run")
    t.ok(r.rc == 0 and 'outreach.csv:3: add "Llanrwst Town Council" with contact "Gwen Hughes"\n' in r.out,
         "dry run: the first partner is read under the second row's header", r)
    t.ok(r.out.endswith('dry run, nothing written: 2 added, 0 merged, 1 skipped, 0 failed; kept in the notes:\n'
                        '  "Last contact", "Next follow up", "Budget (£)"\n'),
         "the summary names the Last contact and Next follow up columns among those kept in the notes", r)

    r = env.run("import", sheet)
    t.ok(r.rc == 0, "the import goes in", r)
    p = json.loads(env.run("show", "Llanrwst", "--format", "json").out)
    t.eq(p["notes"], "Last contact: 03/11/2026\nNext follow up: 24/11/2026\nBudget (£): 1,200",
         "the dates the colleague typed are in the notes")
    p = json.loads(env.run("show", "Conwy", "--format", "json").out)
    t.eq(p["notes"], "Next follow up: 03/12/2026\nBudget (£): 350", "and the next partner's")

    # partnerdesk's own export: its id, last_contact and next_follow_up
    # are the desk's, derived from its log, and go nowhere.
    r = env.run("log", "Conwy", "--follow-up", "2030-01-02", "Rang Dafydd about the loan")
    t.ok(r.rc == 0, "a call logged with a follow-up", r)
    own = env.path("own.csv")
    r = env.run("export", "--format", "csv", "-o", own)
    t.ok(r.rc == 0, "the desk exported as CSV", r)
    other = env.path("other.db")
    r = env.run("--db", other, "import", own, db=False)
    t.ok(r.rc == 0 and "kept in the notes" not in r.out, "the export goes into another desk with nothing "
         "put in the notes", r)
    p = json.loads(env.run("--db", other, "show", "Conwy", "--format", "json", db=False).out)
    t.eq(p["notes"], "Next follow up: 03/12/2026\nBudget (£): 350",
         "its derived columns are not added to the notes")

    # Review dates as the sheet's locale wrote them: read when one reading
    # alone is a date, refused naming both when it may be either.
    reviews = env.path("reviews.csv")
    with open(reviews, "w", encoding="utf-8") as f:
        f.write("Name,Stage,Review date\n"
                "Conwy Archives,engagement,24/11/2026\n"
                "Gwynedd Arts,engagement,11/24/2026\n"
                "Theatr Colwyn,engagement,31.12.2026\n")
    r = env.run("import", reviews)
    t.ok(r.rc == 0, "a review date written 24/11/2026, 11/24/2026 or 31.12.2026 is read", r)
    for name, want in (("Conwy Archives", "2026-11-24"), ("Gwynedd Arts", "2026-11-24"),
                       ("Theatr Colwyn", "2026-12-31")):
        p = json.loads(env.run("show", name, "--format", "json").out)
        t.eq(p.get("review_date"), want, "%s is to be reviewed on %s" % (name, want))
    either = env.path("either.csv")
    with open(either, "w", encoding="utf-8") as f:
        f.write("Name,Stage,Review date\nCanolfan Ebeneser,engagement,03/12/2026\n")
    r = env.run("import", either)
    t.ok(r.rc == 1 and 'review date "03/12/2026" may be 2026-12-03 or 2026-03-12; format the column '
         "as yyyy-mm-dd in the spreadsheet" in r.err, "03/12/2026 is refused naming both readings", r)
    # A review date of a lone "3" beside a cell of 13/2026: the reader
    # read on past the 3's end into the next cell and stored 2026-03-13.
    lone = env.path("lone.csv")
    with open(lone, "w", encoding="utf-8") as f:
        f.write("Name,Review date,Other\nCanolfan Bethel,3,13/2026\n")
    r = env.run("import", lone)
    t.ok(r.rc == 1 and 'review date "3" is not a date (YYYY-MM-DD)' in r.err,
         "a lone 3 is no review date, whatever the next cell holds", r)
    t.ok(env.run("show", "Canolfan Bethel", "--format", "json").rc != 0, "and nothing is imported")
finally:
    env.cleanup()
t.done()
