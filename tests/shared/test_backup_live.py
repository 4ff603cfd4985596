"""Backups while in use: `partnerdesk backup FILE` runs several times while 4
writers log and edit. Every copy must pass `partnerdesk --db COPY check` and
integrity_check, hold at least what was committed before the backup began,
and be one self-contained file (no -wal beside it). For contrast, it prints
what a plain copy of the live file alone would have missed."""
import os
import shutil
import sys
import threading
import time

from pdshared import TAP, Env, integrity, scaled, sql

WRITERS = 4
BACKUPS = scaled(6, 3)

t = TAP()
env = Env(sys.argv[1])
for i in range(WRITERS):
    env.run("add", "Writer %d" % i)

stop = threading.Event()
failures = []
done = [0]
lock = threading.Lock()


def writer(i):
    n = 0
    while not stop.is_set():
        args = (("log", "Writer %d" % i, "note %d-%d %s" % (i, n, "w" * 300)) if n % 2 == 0
                else ("edit", "Writer %d" % i, "--notes", "n%d" % n))
        r = env.run(*args)
        with lock:
            if r.rc != 0:
                failures.append((args, r))
            else:
                done[0] += 1
        n += 1


threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
for th in threads:
    th.start()
time.sleep(1.0)

results = []
for k in range(BACKUPS):
    copy = env.path("backup-%d.db" % k)
    before = sql(env.db, "SELECT count(*) FROM interactions")[0][0]
    plain = env.path("plain-%d.db" % k)
    shutil.copy(env.db, plain)    # what `cp` would give: the main file alone
    t0 = time.monotonic()
    r = env.run("backup", copy)
    took = time.monotonic() - t0
    ok = t.ok(r.rc == 0, "backup %d while %d writers run" % (k + 1, WRITERS), r)
    if not ok:
        continue
    chk = env.run("check", db=copy)
    got = sql(copy, "SELECT count(*) FROM interactions")[0][0]
    try:
        plain_n = sql(plain, "SELECT count(*) FROM interactions")[0][0]
    except Exception:
        plain_n = -1
    results.append((k + 1, took, before, got, plain_n))
    t.ok(chk.rc == 0, "backup %d passes partnerdesk check" % (k + 1), chk)
    t.eq(integrity(copy), "ok", "backup %d passes integrity_check" % (k + 1))
    t.ok(got >= before, "backup %d holds everything committed before it began (%d >= %d)"
         % (k + 1, got, before))
    t.ok(not os.path.exists(copy + "-wal") and oct(os.stat(copy).st_mode & 0o777) == oct(0o600),
         "backup %d is one self-contained 0600 file" % (k + 1))
    time.sleep(0.5)

stop.set()
for th in threads:
    th.join()
for k, took, before, got, plain_n in results:
    t.note("backup %d: %.2f s, %d interactions committed before, %d in the copy; "
           "a plain copy of the main file alone had %d" % (k, took, before, got, plain_n))
t.note("%d writes succeeded meanwhile, %d failed" % (done[0], len(failures)))
t.ok(not failures, "writers never failed because of a backup",
     "\n".join("%r -> %r" % f for f in failures[:3]))
env.cleanup()
t.done()
