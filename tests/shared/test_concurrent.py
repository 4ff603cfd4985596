"""Concurrent writers: 8 processes of the real binary log interactions and
edit partners in one database for 20 s (shorter under sanitizers) while the
interface sits open on it. Every write that reported success must be there,
no "database is locked"/busy error may reach a user, integrity_check must be
ok, the open interface must neither stop writers nor pin the WAL (it may not
hold a read transaction between frames), and the -wal file stays bounded.
Then a reader that does hold a read transaction: writers carry on."""
import os
import sqlite3
import sys
import threading
import time

from pdshared import TAP, Env, PtyProc, integrity, scaled, sql

WRITERS = 8
DURATION = scaled(20.0, 6.0)
WAL_LIMIT = 16 * 1024 * 1024   # auto-checkpoint keeps it near 4 MB

t = TAP()
env = Env(sys.argv[1])

r = env.run("add", "Shared Partner")
t.ok(r.rc == 0, "created the database and a partner all writers edit", r)
for i in range(WRITERS):
    r = env.run("add", "Writer %d" % i)
    if r.rc != 0:
        t.ok(False, "add Writer %d" % i, r)

# What each writer was told succeeded, and every failure verbatim.
logged = []        # interaction texts
tags = []          # tags added to the shared partner
last_notes = {}    # writer -> the last notes value whose edit succeeded
failures = []
counts = {"log": 0, "edit": 0, "tag": 0}
lock = threading.Lock()
stop = threading.Event()


def writer(i, deadline, phase):
    n = 0
    while time.monotonic() < deadline and not stop.is_set():
        tag = "p%d-w%d-%d" % (phase, i, n)
        kind = n % 3
        if kind == 0:
            args = ("log", "Writer %d" % i, "--channel", "email", "note " + tag)
        elif kind == 1:
            args = ("edit", "Writer %d" % i, "--notes", "notes " + tag)
        else:
            args = ("edit", "Shared Partner", "--add-tag", tag)
        r = env.run(*args, timeout=60)
        with lock:
            if r.rc != 0:
                failures.append((args, r))
            elif kind == 0:
                logged.append("note " + tag)
                counts["log"] += 1
            elif kind == 1:
                last_notes[i] = "notes " + tag
                counts["edit"] += 1
            else:
                tags.append(tag)
                counts["tag"] += 1
        n += 1


def run_writers(n, seconds, phase):
    deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=writer, args=(i, deadline, phase)) for i in range(n)]
    for th in threads:
        th.start()
    return threads


# ---- phase 1: 8 writers, the interface idle on the same file ----
ui = PtyProc(env.argv(), env.environ())
t.ok(ui.wait_for("Shared Partner", 20), "the interface is up on the database",
     ui.output()[-500:])

wal = env.db + "-wal"
wal_sizes = []
threads = run_writers(WRITERS, DURATION, 1)
start = time.monotonic()
while any(th.is_alive() for th in threads):
    wal_sizes.append(os.path.getsize(wal) if os.path.exists(wal) else 0)
    time.sleep(0.25)
for th in threads:
    th.join()
elapsed = time.monotonic() - start
total = sum(counts.values())
t.note("phase 1: %d writers for %.1f s: %d writes succeeded (%d logs, %d edits, %d tags "
       "on one shared partner), %.0f writes/s, %d failed"
       % (WRITERS, elapsed, total, counts["log"], counts["edit"], counts["tag"],
          total / elapsed, len(failures)))
t.note("WAL size: max %d KiB, last %d KiB over %d samples"
       % (max(wal_sizes) // 1024, wal_sizes[-1] // 1024, len(wal_sizes)))

busy = [f for f in failures if b"locked" in f[1].err or b"busy" in f[1].err]
t.eq(len(busy), 0, "no 'database is locked' or busy error reached a user")
t.ok(not failures, "every write succeeded (no conflict on edits that named no version)",
     "\n".join("%r -> %r" % f for f in failures[:5]))
t.ok(total >= WRITERS * 5, "the writers made progress (%d writes)" % total)
t.ok(ui.poll() is None, "the interface is still running")
t.ok(max(wal_sizes) <= WAL_LIMIT, "the WAL stayed bounded (%d KiB <= %d KiB) with the "
     "interface open" % (max(wal_sizes) // 1024, WAL_LIMIT // 1024))

# The idle interface must not pin a snapshot: a full checkpoint gets
# through every frame (busy 0, all frames copied).
time.sleep(1.5)
con = sqlite3.connect(env.db, timeout=30)
busy_flag, log_frames, done_frames = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
con.close()
t.note("checkpoint(TRUNCATE) with the interface open: busy=%d log=%d checkpointed=%d"
       % (busy_flag, log_frames, done_frames))
t.ok(busy_flag == 0 and log_frames == done_frames,
     "the idle interface holds no read transaction: a full checkpoint completes")

# ---- phase 2: a reader holding a read transaction does not stop writers ----
failures_before = len(failures)
total_before = sum(counts.values())
reader = sqlite3.connect(env.db, timeout=30, isolation_level=None)
reader.execute("BEGIN")
seen = reader.execute("SELECT count(*) FROM interactions").fetchone()[0]
threads = run_writers(4, scaled(3.0, 2.0), 2)
for th in threads:
    th.join()
during = sum(counts.values()) - total_before
still = reader.execute("SELECT count(*) FROM interactions").fetchone()[0]
reader.execute("COMMIT")
reader.close()
t.note("phase 2: %d writes while a reader held a read transaction" % during)
t.ok(during > 0 and len(failures) == failures_before,
     "writers carry on while another process holds a read transaction",
     "\n".join("%r -> %r" % f for f in failures[failures_before:][:5]))
t.eq(still, seen, "the reader's snapshot stayed stable meanwhile")

# ---- the interface quits cleanly ----
ui.send("q")
st = ui.wait(10)
t.ok(st is not None, "the interface quits after the run")
ui.kill()

# ---- nothing lost ----
got_texts = set(r[0] for r in sql(env.db, "SELECT text FROM interactions"))
missing = [x for x in logged if x not in got_texts]
t.note("interactions: %d reported logged, %d in the database, %d missing"
       % (len(logged), len(got_texts), len(missing)))
t.eq(len(missing), 0, "every logged interaction that reported success is in the database")

shared_id = sql(env.db, "SELECT id FROM partners WHERE name = 'Shared Partner'")[0][0]
r = env.run("show", str(shared_id), "--format", "json")
import json
got_tags = set(json.loads(r.out)["tags"]) if r.rc == 0 else set()
lost_tags = [x for x in tags if x not in got_tags]
t.note("shared partner: %d tags added successfully, %d present, %d lost"
       % (len(tags), len(got_tags), len(lost_tags)))
t.eq(len(lost_tags), 0, "no concurrent edit of the shared partner was silently lost")

wrong = []
for i, want in last_notes.items():
    rows = sql(env.db, "SELECT notes FROM partners WHERE name = ?", ("Writer %d" % i,))
    if not rows or rows[0][0] != want:
        wrong.append((i, want, rows))
t.eq(wrong, [], "each partner holds its last successful edit")

t.eq(integrity(env.db), "ok", "integrity_check is ok")
r = env.run("check")
t.ok(r.rc == 0, "partnerdesk check passes", r)

env.cleanup()
t.done()
