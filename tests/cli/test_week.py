"""Findings of a week at the desk (explore-week): an edit that changes
nothing writes nothing, fit rows follow the configured criteria, an
empty channels list is refused, report columns are named, and smaller
usage and display points."""
import json
import sqlite3
import sys

from harness import TAP, Env, added_id

t = TAP()
env = Env(sys.argv[1])
try:
    r = env.run("add", "Full Org", "--owner", "bo", "--tag", "arts")
    full = added_id(r)
    v = json.loads(env.run("show", str(full), "--format", "json").out)["version"]

    # 1. an edit that changes nothing
    r = env.run("edit", str(full), "--owner", "bo")
    t.eq(r.rc, 0, "an edit to the same value exits 0")
    t.ok("nothing to change" in r.out, "and says there was nothing to change", r)
    t.eq(json.loads(env.run("show", str(full), "--format", "json").out)["version"], v,
         "the version did not move")
    r = env.run("edit", str(full), "--remove-tag", "zzz")
    t.ok("no tag 'zzz'" in r.err and "nothing to change" in r.out, "removing a missing tag changes nothing", r)
    r = env.run("edit", str(full), "--if-version", str(v), "--phone", "999")
    t.eq(r.rc, 0, "a colleague's --if-version save is no conflict")
    db = sqlite3.connect(env.db)
    n = db.execute("SELECT count(*) FROM audit WHERE detail LIKE '%unchanged%'").fetchone()[0]
    db.close()
    t.eq(n, 0, "no 'saved unchanged' audit rows")

    # 2. fit rows follow the configured criteria; removed ones are hidden
    db = sqlite3.connect(env.db)
    for crit, score in (("mission", 2), ("position", 1), ("groups", 0)):
        db.execute("INSERT INTO fit_scores (partner_id, criterion, score, created, updated) "
                   "VALUES (?, ?, ?, '2026-11-01T10:00:00Z', '2026-11-01T10:00:00Z')",
                   (full, crit, score))
    db.commit()
    db.close()
    two = env.path("two.yaml")
    with open(two, "w") as f:
        f.write("fit_criteria:\n  - {key: mission, question: Mission overlap?}\n"
                "  - {key: money, question: Can they pay?}\n")
    r = env.run("--config", two, "show", str(full))
    t.ok("Fit (2 of 6)" in r.out, "show counts only the configured criteria", r)
    t.ok("position" not in r.out and "groups" not in r.out, "and hides the removed ones", r)
    js = json.loads(env.run("--config", two, "show", str(full), "--format", "json").out)
    t.eq(js["fit_total"], 2, "json fit_total 2")
    t.eq([x["criterion"] for x in js["fit"]], ["mission"], "json lists the shown rows only")
    r = env.run("show", str(full))
    t.ok("Fit (3 of 30)" in r.out, "with the default criteria all three count", r)
    r = env.run("--config", two, "export", "--format", "yaml")
    t.ok("position" in r.out and "groups" in r.out, "the YAML backup keeps the hidden scores", r)

    # 3. channels: [] is refused where it is written
    c12 = env.path("c12.yaml")
    with open(c12, "w") as f:
        f.write("channels: []\n")
    r = env.run("--config", c12, "check")
    t.ok(r.rc != 0 and c12 + ":1:11:" in r.err and "at least one channel" in r.err,
         "check refuses an empty channels list with FILE:LINE:COLUMN", r)
    r = env.run("log", "--help", db=False)
    t.ok("phone when not given" not in r.out and "first configured channel" in r.out,
         "log --help says the default is the first configured channel", r)

    # 4. report text names the figure of the not-reached list
    env.run("add", "Beekeepers Guild", "--audience", "adults")
    env.run("move", "Beekeepers Guild", "dissolved", "--reason", "ended")
    r = env.run("report", "audiences")
    lines = r.out.splitlines()
    i = next((k for k, l in enumerate(lines) if l.startswith("Who we do not reach")), None)
    t.ok(i is not None and "past partners" in lines[i + 1], "the not-reached list says its number is past partners", r)
    t.ok("Active partners per audience" not in r.out, "the per-audience title does not claim all columns are active", r)

    # 5. smaller points
    r = env.run("list", "--scale", "big")
    t.eq(r.rc, 2, "list --scale big is a usage error")
    t.ok("macro or micro" in r.err, "naming the scales", r)
    t.eq(env.run("list", "--scale", "macro").rc, 0, "list --scale macro still works")

    env.run("add", "Quiet Partner")
    r = env.run("move", "Quiet Partner", "dissolved", "--reason", "   ")
    t.eq(r.rc, 0, "a move with a blank reason where none is required")
    js = json.loads(env.run("show", "Quiet Partner", "--format", "json").out)
    t.eq(js["history"][-1].get("reason"), None, "stores no reason")

    env.run("log", "Full Org", "--follow-up", "2099-01-01", "call back")
    t.eq(env.run("check").rc, 0, "check is clean")
    db = sqlite3.connect(env.db)
    db.execute("UPDATE partners SET next_follow_up = '2020-01-01' WHERE id = ?", (full,))
    db.commit()
    db.close()
    r = env.run("check")
    t.ok(r.rc == 1 and "next follow-up" in r.out + r.err, "check finds a stale next follow-up", r)

    r = env.run("add", "-5 Club")
    t.ok(r.rc == 2 and "put -- before" in r.err, "an unknown '-5' mentions --", r)
    r = env.run("log", "Full Org", "-3 degrees outside")
    t.ok(r.rc == 2 and "put -- before" in r.err, "so does a note starting with -3", r)
    r = env.run("add", "--", "-5 Club")
    t.eq(r.rc, 0, "and -- works")

    env.run("move", "Full Org", "date", "--reason", "pilot")
    r = env.run("move", "Full Org", "engagement", "--reason", "trial season", "--review", "2099-02-21")
    t.eq(r.rc, 0, "moved to engagement with a review date")
    r = env.run("show", "Full Org")
    t.ok(any("-> engagement" in l and "review by 2099-02-21" in l for l in r.out.splitlines()),
         "show's stage history gives the move's review date", r)
finally:
    env.cleanup()
t.done()
