"""A desk the user may read but not write (a volunteer, a manager who only
looks): every command that only reads works for 'nobody' and prints what it
prints for a writer, byte for byte, on a root-owned 0644 file in a directory
nobody may not write, a 0444 file in one they may, a file of theirs in a
directory they may not write, and the first with -wal and -shm there (held
open by a writer, or left by one that stopped, holding a change not yet in
the main file). The file stays as it was (sha256, mode, mtime) and no -wal,
-shm or other file of the reader's appears beside it. Writing commands are
refused, naming the file, exit 1, changing nothing. A reader listing while
a writer adds partners always sees one whole state. Skips unless root,
since root ignores modes."""
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time

from pdshared import TAP, Env, PtyProc, Result, scaled

t = TAP()
env = Env(sys.argv[1], prefix="pd-readonly-")
NOBODY = 65534

setpriv = shutil.which("setpriv")
if os.geteuid() != 0 or not setpriv:
    t.skip("read-only desks: needs root (to run as 'nobody') and setpriv")
    env.cleanup()
    t.done()

AS_NOBODY = [setpriv, "--reuid=%d" % NOBODY, "--regid=%d" % NOBODY, "--clear-groups"]


def run(db, *args, nobody=False, env_extra=None):
    p = subprocess.run((AS_NOBODY if nobody else []) + env.argv(*args, db=db),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=env.environ(env_extra), timeout=120)
    return Result(p.returncode, p.stdout, p.stderr)


def look(path):
    """What must not change: bytes, mode, owner, mtime of the file, and
    which files lie in its directory with their owners."""
    st = os.stat(path)
    d = os.path.dirname(path)
    with open(path, "rb") as f:
        data = f.read()
    return {"db": (hash(data), st.st_mode, st.st_uid, st.st_mtime_ns),
            "dir": sorted((n, os.stat(os.path.join(d, n)).st_uid) for n in os.listdir(d))}


# ---- the desk, made by a writer ----
base = env.path("base.db")
for args in (("add", "Harbor Science Center", "--kind", "science center", "--tag", "teens"),
             ("add", "Riverside Art Museum", "--kind", "museum", "--scale", "macro"),
             ("add", "Eastside Senior Center", "--kind", "nonprofit"),
             ("contact", "add", "Harbor", "Dana Ortiz", "--title", "Director of Education",
              "--email", "dana@example.org"),
             ("log", "Harbor", "--channel", "phone", "--contact", "dana", "--follow-up", "+3d",
              "Talked about a star party in March"),
             ("log", "Riverside", "--follow-up", "today", "Teen art night: gallery dates?"),
             ("move", "Riverside", "date", "--reason", "teen art night agreed")):
    r = run(base, *args)
    if r.rc != 0:
        t.ok(False, "made the desk: %s" % args[0], r)
t.ok(os.path.exists(base), "made a desk of 3 partners as root")

outdir = env.path("out")
os.mkdir(outdir)
os.chmod(outdir, 0o1777)

READS = [
    ("list",), ("list", "--format", "csv"), ("list", "--format", "json"),
    ("list", "--format", "yaml"), ("list", "--stage", "date"), ("list", "--search", "teen"),
    ("show", "Harbor"), ("show", "Riverside", "--format", "json"),
    ("show", "Eastside", "--format", "yaml"),
    ("agenda",), ("agenda", "--format", "json"), ("agenda", "--days", "30"),
    ("report",), ("report", "activity"), ("report", "audiences"),
    ("export",), ("export", "--format", "csv"), ("export", "--format", "json"),
    ("export", "--format", "ics"), ("export", "--format", "vcf"),
    ("check",), ("complete", "partners"),
]
WRITES = [
    ("add", "Newcomer"), ("log", "Harbor", "a note"), ("edit", "Harbor", "--notes", "x"),
    ("move", "Harbor", "date", "--reason", "r"), ("contact", "add", "Harbor", "Lee"),
    ("agenda", "done", "1"),
]


def place(name, dir_mode, file_mode, owner=0, sides=None):
    """A copy of the desk at NAME/shared.db; sides: None, 'held' (a writer
    has it open) or 'stale' (a writer stopped, leaving a change in -wal)."""
    d = env.path(name)
    os.mkdir(d)
    db = os.path.join(d, "shared.db")
    shutil.copy(base, db)
    holder = None
    if sides == "stale":
        # A committed change that lives only in the -wal: what a writer
        # that was killed leaves behind.
        con = sqlite3.connect(db)
        con.execute("PRAGMA wal_autocheckpoint = 0")
        con.execute("UPDATE partners SET notes = 'only in the WAL' WHERE name = 'Eastside Senior Center'")
        con.commit()
        keep = {s: open(db + s, "rb").read() for s in ("-wal", "-shm")}
        con.close()
        for s, data in keep.items():
            with open(db + s, "wb") as f:
                f.write(data)
            os.chmod(db + s, 0o644)
    os.chown(db, owner, owner)
    os.chmod(db, file_mode)
    os.chmod(d, dir_mode)
    if sides == "held":
        con = sqlite3.connect(db, check_same_thread=False)
        con.execute("SELECT count(*) FROM partners").fetchall()
        holder = con
    return db, holder


def writer_copy(db):
    """The same bytes (with any -wal and -shm) where a writer may work."""
    d = env.path("writer-" + os.path.basename(os.path.dirname(db)))
    os.mkdir(d)
    w = os.path.join(d, "shared.db")
    for s in ("", "-wal", "-shm"):
        if os.path.exists(db + s):
            shutil.copy(db + s, w + s)
    return w


CASES = [
    ("0644 file, directory not writable", "ro-file", 0o755, 0o644, 0, None),
    ("0444 file, directory writable", "ro-file-wdir", 0o1777, 0o444, 0, None),
    ("own 0600 file, directory not writable", "ro-dir", 0o755, 0o600, NOBODY, None),
    ("0644 file, -wal and -shm of a writer holding it open", "ro-held", 0o755, 0o644, 0, "held"),
    ("0644 file, -wal and -shm left by a writer that stopped", "ro-stale", 0o755, 0o644, 0, "stale"),
]

for label, name, dmode, fmode, owner, sides in CASES:
    db, holder = place(name, dmode, fmode, owner, sides)
    wdb = writer_copy(db)
    before = look(db)
    same = []
    for args in READS:
        want = run(wdb, *args)
        # check names the file: the writer's copy lies elsewhere
        want.out = want.out.replace(wdb.encode(), db.encode())
        want.err = want.err.replace(wdb.encode(), db.encode())
        got = run(db, *args, nobody=True)
        ok = got.rc == 0 and got.rc == want.rc and got.out == want.out and got.err == want.err
        if not ok:
            t.ok(False, "%s: %s as nobody prints what a writer gets" % (label, " ".join(args)),
                 "nobody: %r\nwriter: %r" % (got, want))
        same.append(ok)
    t.ok(all(same), "%s: all %d reading commands print what a writer gets" % (label, len(READS)))
    if sides == "stale":
        r = run(db, "show", "Eastside", "--format", "json", nobody=True)
        t.ok(b"only in the WAL" in r.out, "%s: the change held in the -wal is read" % label, r)
    bk = os.path.join(outdir, name + ".bak.db")
    r = run(db, "backup", bk, nobody=True)
    t.ok(r.rc == 0 and os.path.exists(bk), "%s: backup as nobody" % label, r)
    if r.rc == 0:
        t.eq(run(bk, "export").out, run(wdb, "export").out,
             "%s: the backup holds the same desk" % label)
    t.eq(look(db), before, "%s: the file and its directory are as they were" % label)
    if name == CASES[0][1]:
        # On a terminal 130 columns wide the report's bars fill it for a
        # reader too (a reader's output is held in a file until the look
        # proves good, which must not make it forget the terminal).
        def on_tty(argv):
            p = PtyProc(argv, env.environ({"COLUMNS": None}), rows=50, cols=130)
            p.wait(60)
            out = p.rest()
            p.close_master()
            return out.replace(wdb.encode(), db.encode())
        want = on_tty(env.argv("report", db=wdb))
        got = on_tty(AS_NOBODY + env.argv("report", db=db))
        # Its longest bar is the 68 columns a bar stops at, which an
        # 80-column line (COLUMNS or none) has no room for beside the
        # conversions' labels.
        longest = max(len(run) for line in want.decode(errors="replace").splitlines()
                      for run in line.split() if set(run) <= set("\u2588\u2589\u258a\u258b\u258c\u258d\u258e\u258f"))
        t.ok(longest == 68, "%s: the report on a 130-column terminal has its bar of 68 columns" % label, want)
        t.ok(got == want, "%s: as nobody, the report fills the terminal as a writer's does" % label,
             "nobody: %r\nwriter: %r" % (got[:300], want[:300]))

    for args in WRITES:
        r = run(db, *args, nobody=True)
        err = r.err.decode(errors="replace")
        t.ok(r.rc == 1 and "shared.db" in err and ("read-only" in err or "directory" in err),
             "%s: %s is refused, naming the file" % (label, args[0]), r)
    t.eq(look(db), before, "%s: the refused writes changed nothing and left nothing" % label)
    if holder:
        holder.close()

# ---- a reader listing while a writer adds ----
d = env.path("busy")
os.mkdir(d)
db = os.path.join(d, "shared.db")
r = run(db, "add", "P0000")
os.chmod(db, 0o644)
os.chmod(d, 0o755)
stop = threading.Event()
added = [1]


def writer():
    while not stop.is_set():
        run(db, "add", "P%04d" % added[0])
        added[0] += 1


th = threading.Thread(target=writer)
th.start()
runs, bad, failed = 0, [], []
end = time.time() + scaled(8, 15)
try:
    while time.time() < end:
        r = run(db, "list", "--format", "csv", nobody=True)
        runs += 1
        if r.rc != 0:
            failed.append(r)
            continue
        names = sorted(line.split(",")[1] for line in r.out.decode().splitlines()[1:])
        if names != ["P%04d" % i for i in range(len(names))]:
            bad.append(names)
finally:
    stop.set()
    th.join()
t.note("%d lists by nobody while root added %d partners" % (runs, added[0]))
t.ok(runs > 5 and not failed, "every list by a reader during writes succeeds", failed[:3])
t.ok(not bad, "every list shows one whole state (P0000..Pn, no gap)", bad[:3])
t.ok(all(os.stat(os.path.join(d, n)).st_uid == 0 for n in os.listdir(d)),
     "no file beside the busy desk is the reader's", os.listdir(d))

env.cleanup()
t.done()
