"""Branches as a librarian types them: one written in another case or
spacing is the branch the desk already has, and one no partner has yet is
said, naming the desk's, from add, edit and import alike; otherwise a
typo becomes a second branch that splits the list and the reports."""
import json
import os
import sqlite3
import sys

from harness import TAP, Env, added_id

t = TAP()
env = Env(sys.argv[1])


def branches(pid):
    return json.loads(env.run("show", str(pid), "--format", "json").out)["branches"]


try:
    # The desk's first branch is no news: there is nothing to compare it to.
    r = env.run("add", "Harbor Museum", "--branch", "Northside")
    t.ok(r.rc == 0 and "warning" not in r.err, "a desk's first branch draws no warning", r)
    harbor = added_id(r)
    r = env.run("add", "Ridge Zoo", "--branch", "Eastgate")
    t.ok(r.rc == 0 and "'Eastgate' is a new branch; the desk has Northside" in r.err,
         "a second branch is said, naming the desk's", r)

    r = env.run("add", "Friends of the Ridge", "--branch", " north SIDE ")
    t.ok(r.rc == 0 and "warning" not in r.err, "'north SIDE' is Northside: no warning", r)
    t.eq(branches(added_id(r)), ["Northside"], "stored as the desk spells it")

    r = env.run("add", "Teen Center", "--branch", "northside branch")
    t.ok(r.rc == 0 and "'northside branch' is a new branch; the desk has Eastgate, Northside" in r.err,
         "a branch no partner has is said with the desk's branches", r)
    t.eq(branches(added_id(r)), ["northside branch"], "and added anyway")

    r = env.run("edit", str(harbor), "--add-branch", "EASTGATE")
    t.ok(r.rc == 0 and "warning" not in r.err, "edit --add-branch EASTGATE is Eastgate", r)
    t.eq(branches(harbor), ["Eastgate", "Northside"], "stored as the desk spells it")
    r = env.run("edit", str(harbor), "--add-branch", "Westend")
    t.ok(r.rc == 0 and "'Westend' is a new branch; the desk has Eastgate, Northside" in r.err,
         "edit --add-branch says a new branch too", r)

    # An import's Branches column: spelled as the desk spells a branch,
    # and a new one said once, however many rows bring it.
    csv = os.path.join(env.dir, "sheet.csv")
    with open(csv, "w") as f:
        f.write("Name,Branches\nArts Council,north side\nRiver Library Friends,Riverside\n"
                "Garden Club,riverside\nScouts,\"Eastgate, WESTEND\"\n"
                "Choir,\"Hilltop; hill top\"\n")
    r = env.run("import", csv)
    t.ok(r.rc == 0, "the sheet imports", r)
    t.eq(r.err.count("is a new branch"), 2, "two new branches, each said once")
    t.ok("sheet.csv:3: 'Riverside' is a new branch; the desk has Eastgate, Northside" in r.err,
         "named with its row and the desk's branches", r)
    rows = {p["name"]: p["branches"] for p in json.loads(env.run("list", "--format", "json").out)}
    t.eq(rows["Arts Council"], ["Northside"], "import: 'north side' is Northside")
    t.eq(rows["Garden Club"], ["Riverside"], "import: a later row's 'riverside' is the earlier row's")
    t.eq(rows["Scouts"], ["Eastgate", "Westend"], "import: several in one cell")
    t.eq(rows["Choir"], ["Hilltop"], "import: a new branch written two ways in one cell is one")

    # One new branch typed two ways in one command is one branch, said
    # once: stored twice, it split the list and the reports as a typo did.
    r = env.run("add", "Bridge Club", "--branch", "Harbourside", "--branch", "harbour side")
    t.eq(r.err.count("is a new branch"), 1, "add: two spellings of a new branch said once")
    t.eq(branches(added_id(r)), ["Harbourside"], "add: stored once, as first typed")
    r = env.run("edit", str(harbor), "--add-branch", "Lakeview", "--add-branch", "LAKE VIEW")
    t.eq(r.err.count("is a new branch"), 1, "edit: two spellings of a new branch said once")
    t.eq(branches(harbor), ["Eastgate", "Lakeview", "Northside", "Westend"],
         "edit: stored once, as first typed")

    # A desk that spells one branch two ways (saved before add checked
    # spellings), most partners "West End": a merged row's "west end" is
    # the kept partner's Westend, not "West End" added beside it.
    with sqlite3.connect(env.db) as db:
        db.execute("INSERT INTO partner_branches (partner_id, value, value_fold, created, updated) "
                   "SELECT id, 'West End', 'west end', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' "
                   "FROM partners WHERE name IN ('Ridge Zoo', 'Choir', 'Garden Club')")
    db.close()
    merge = os.path.join(env.dir, "merge.csv")
    with open(merge, "w") as f:
        f.write("Name,Branches\nHarbor Museum,west end\n")
    r = env.run("import", merge, "--on-duplicate", "merge", "--dry-run")
    t.ok(r.rc == 0 and "nothing changes" in r.out and "West End" not in r.out,
         "merge --dry-run: the kept partner's own spelling, nothing to add", r)
    r = env.run("import", merge, "--on-duplicate", "merge")
    t.ok(r.rc == 0 and "1 merged" in r.out, "the row merges", r)
    t.eq(branches(harbor), ["Eastgate", "Lakeview", "Northside", "Westend"],
         "merge: no second spelling of the kept partner's branch")
finally:
    env.cleanup()
t.done()
