"""Crash safety: `kill -9` at random moments during a 10,000-row CSV import,
50 times; then integrity_check must be ok and the partner count either the
count before or the count after, never between. The same for the schema
migration: a fresh database is created (an empty file to schema 1, then
each migration of src/model/schema.c to the latest) and
killed at random moments inside that, and the file must be either still
without a schema or complete, and usable at once by the next start.
(Shorter runs under sanitizers.)"""
import csv
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time

from pdshared import TAP, Env, integrity, scaled, sql

ROWS = 10000
KILLS = scaled(50, 15)

t = TAP()
env = Env(sys.argv[1])
rng = random.Random(int(os.environ.get("PD_SEED", "0")) or None)
seed_note = os.environ.get("PD_SEED", "random")

# ---- the import ----
big = env.path("partners.csv")
with open(big, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["Name", "Type", "Email", "Website", "Notes", "Tags", "Contact", "Title"])
    for i in range(ROWS):
        w.writerow(["Partner %05d Cultural Trust" % i, "museum", "p%d@example.org" % i,
                    "https://p%d.example.org" % i, "imported row %d" % i, "t%d" % (i % 7),
                    "Person %d" % i, "Education Officer"])

base = env.path("base.db")
for name in ("Harbor Museum", "Maple School", "River Zoo"):
    env.run("add", name, db=base)
env.run("check", db=base)   # closes cleanly: no -wal left
before = sql(base, "SELECT count(*) FROM partners")[0][0]

full = env.path("full.db")
shutil.copy(base, full)
t0 = time.monotonic()
r = env.run("import", big, db=full, timeout=600)
span = time.monotonic() - t0
after = sql(full, "SELECT count(*) FROM partners")[0][0]
t.ok(r.rc == 0 and after == before + ROWS, "a whole import adds %d partners in %.2f s" % (ROWS, span), r)

outcomes = {"before": 0, "after": 0}
bad = []
check_failed = []
for k in range(KILLS):
    db = env.path("kill.db")
    for side in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(db + side):
            os.unlink(db + side)
    shutil.copy(base, db)
    p = subprocess.Popen(env.argv("import", big, db=db), stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, env=env.environ())
    delay = rng.uniform(0, span * 1.1)
    time.sleep(delay)
    p.send_signal(signal.SIGKILL)
    p.wait()
    ic = integrity(db)
    n = sql(db, "SELECT count(*) FROM partners")[0][0]
    if ic != "ok" or n not in (before, before + ROWS):
        bad.append((k, delay, ic, n))
    elif n == before:
        outcomes["before"] += 1
    else:
        outcomes["after"] += 1
    if k % 10 == 0:
        c = env.run("check", db=db)
        if c.rc != 0:
            check_failed.append((k, c))
t.note("import killed %d times at random (0-%.2f s, seed %s): %d left the count before (%d), "
       "%d after (%d), %d anything else" % (KILLS, span * 1.1, seed_note, outcomes["before"],
                                            before, outcomes["after"], before + ROWS, len(bad)))
t.eq(bad, [], "after every kill: integrity_check ok and the count is before or after, never between")
t.eq([k for k, _ in check_failed], [], "partnerdesk check passes on the killed databases")
t.ok(outcomes["before"] > 0, "some kills landed inside the import (it was rolled back)")

# ---- the migration: a fresh file getting its schema ----
# The schema version the program writes: the last migration's
# "PRAGMA user_version = N" in src/model/schema.c, read rather than written
# here so that a new migration needs no edit of this test.
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                       "src", "model", "schema.c"), encoding="utf-8") as f:
    LATEST_SCHEMA = max(int(v) for v in re.findall(r"PRAGMA user_version = (\d+);", f.read()))
t.ok(LATEST_SCHEMA >= 9, f"the latest schema is {LATEST_SCHEMA}")
t0 = time.monotonic()
r = env.run("add", "First", db=env.path("fresh.db"))
span = time.monotonic() - t0
t.ok(r.rc == 0, "a fresh database is made in %.3f s" % span, r)
tables = set(x for x, in sql(env.path("fresh.db"), "SELECT name FROM sqlite_schema WHERE type = 'table'"))

states = {"empty": 0, "complete": 0}
mbad = []
for k in range(KILLS):
    db = env.path("mig.db")
    for side in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(db + side):
            os.unlink(db + side)
    p = subprocess.Popen(env.argv("add", "First", db=db), stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, env=env.environ())
    delay = rng.uniform(0, span)
    time.sleep(delay)
    p.send_signal(signal.SIGKILL)
    p.wait()
    # The next start must find the file either untouched or complete.
    r = env.run("add", "Second", db=db)
    if r.rc != 0:
        mbad.append((k, delay, "the next start failed", r.err.decode(errors="replace")))
        continue
    ic = integrity(db)
    uv = sql(db, "PRAGMA user_version")[0][0]
    have = set(x for x, in sql(db, "SELECT name FROM sqlite_schema WHERE type = 'table'"))
    n = sql(db, "SELECT count(*) FROM partners")[0][0]
    if ic != "ok" or uv != LATEST_SCHEMA or have != tables or n not in (1, 2):
        mbad.append((k, delay, ic, uv, sorted(tables - have), n))
    elif n == 1:
        states["empty"] += 1
    else:
        states["complete"] += 1
t.note("migration killed %d times at random (0-%.3f s): the next start found %d untouched or "
       "rolled back, %d complete, %d anything else" % (KILLS, span, states["empty"],
                                                       states["complete"], len(mbad)))
t.eq(mbad, [], "after every kill during the migration the next start works on a whole schema")

env.cleanup()
t.done()
