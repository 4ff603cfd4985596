"""Pulling the plug at every step that writes: SIGKILL (a PC switched off,
a server rebooting) and SIGHUP (a dropped SSH link) during an import of a
20,000-row CSV (also with --keep-going) and of a YAML backup, a restore, a
backup, and the first start after an upgrade that runs migration 11 on a
desk of 20,000 partners. Each kill lands at a moment the test waits for
(the progress line reaching a row, the -wal file or a copy reaching a
size, a file appearing), not after a guessed delay, so that it is the same
on a fast and a slow machine. After each: `partnerdesk check` says the
desk is clean, the desk holds all it had before or all it has after,
nothing but the desk's own files is left beside it that the next run
does not clean, and the next start works. Figures are printed as TAP
comments. (Fewer rows under sanitizers.)"""
import csv
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

from pdshared import TAP, Env, PtyProc, integrity, scaled, sql

ROWS = scaled(20000, 6000)
DESK_FILES = {"desk.db", "desk.db-wal", "desk.db-shm"}

t = TAP()
env = Env(sys.argv[1])


def size(path):
    try:
        return os.path.getsize(path)
    except OSError:
        return -1


def count(db):
    return sql(db, "SELECT count(*) FROM partners")[0][0]


def fresh_dir(name):
    d = env.path(name)
    shutil.rmtree(d, ignore_errors=True)
    os.mkdir(d)
    return d


def progress_at(p, rows):
    """A condition: p's progress line has reached `rows` rows."""
    pattern = re.compile(rb"importing (\d+)/")

    def reached():
        found = pattern.findall(p.output()[-400:])
        return bool(found) and int(found[-1]) >= rows
    return reached


def run_and_kill(argv, when, sig, limit=120):
    """Starts argv on a terminal of its own, sends sig once when(process)()
    is true (polled); returns (exit status, seconds to the kill or None when it
    finished first, what the terminal got)."""
    p = PtyProc(argv, env.environ())
    began = time.monotonic()
    cond = when(p)
    killed_at = None
    while p.poll() is None and time.monotonic() - began < limit:
        if cond():
            killed_at = time.monotonic() - began
            os.kill(p.pid, sig)
            break
        time.sleep(0.002)
    status = p.wait(60)
    out = p.rest(2)
    p.close_master()
    rc = -os.WTERMSIG(status) if status is not None and os.WIFSIGNALED(status) else \
        (os.WEXITSTATUS(status) if status is not None else None)
    return rc, killed_at, out


def after_kill(db, d, before, after, what, sig, rc, killed_at, out, extra_files=()):
    """The checks after every kill; returns 'before' or 'after' (or '?')."""
    name = "%s, %s" % (what, signal.Signals(sig).name)
    if killed_at is None:
        t.skip(name + ": it finished before the moment came")
        return "finished"
    t.eq(rc, -sig, name + ": the process died of the signal")
    ic = integrity(db)
    n = count(db)
    state = "before" if n == before else "after" if n == after else "?"
    c = env.run("check", db=db)
    t.ok(c.rc == 0 and b": ok" in c.out and ic == "ok",
         "%s: killed at %.2f s, check says clean" % (name, killed_at), c)
    t.ok(state != "?", "%s: the desk holds %d partners, all before (%d) or all after (%d)"
         % (name, n, before, after))
    left = set(os.listdir(d)) - DESK_FILES - set(extra_files)
    t.eq(sorted(left), [], name + ": nothing else is left beside the desk")
    if sig == signal.SIGHUP:
        word = b"nothing was imported" if state == "before" else b"what it imported is in the desk"
        t.ok(word in out, name + ": its last word says what was left (%s)" % word.decode(), out[-300:])
    nxt = env.run("list", "--format", "csv", db=db)
    t.ok(nxt.rc == 0 and nxt.out.count(b"\n") == n + 1 and nxt.err == b"",
         name + ": the next start lists them without a word", nxt)
    t.note("%s: %d rows, killed at %.2f s, left %s (%d partners)" % (name, after - before,
                                                                   killed_at, state, n))
    return state


# ---- the data: 20,000 partners, a small desk, a YAML backup ----
big = env.path("partners.csv")
with open(big, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["Name", "Type", "Email", "Website", "Notes", "Tags", "Contact", "Title"])
    for i in range(ROWS):
        w.writerow(["Partner %05d Caf\u00e9 Trust" % i, "museum", "p%d@example.org" % i,
                    "https://p%d.example.org" % i, "imported row %d" % i, "t%d" % (i % 7),
                    "Person %d" % i, "Education Officer"])
# --keep-going: a few rows that fail along the way.
bumpy = env.path("bumpy.csv")
with open(big, encoding="utf-8") as src, open(bumpy, "w", encoding="utf-8") as dst:
    dst.write("Name,Stage,Email\n")
    for i, line in enumerate(src.readlines()[1:]):
        dst.write("%s,%s,\n" % (line.split(",")[0], "nonsense" if i % 5000 == 4999 else "glance"))
bumpy_rows = ROWS - ROWS // 5000

base = env.path("base.db")
for name in ("Harbor Museum", "Maple School", "River Zoo"):
    env.run("add", name, db=base)
env.run("check", db=base)   # closed cleanly: no -wal
BEFORE = count(base)

full = env.path("full.db")
shutil.copy(base, full)
t0 = time.monotonic()
r = env.run("import", big, db=full, timeout=600)
span = time.monotonic() - t0
t.ok(r.rc == 0 and count(full) == BEFORE + ROWS,
     "a whole import of %d rows takes %.2f s" % (ROWS, span), r)
yaml_backup = env.path("full.yaml")
r = env.run("export", "-o", yaml_backup, db=full)
t.ok(r.rc == 0, "and exports to a YAML backup", r)
env.run("check", db=full)
# The commit's -wal holds about every page of the file an import makes:
# the size of the desk after each whole import is the -wal's at the end.
commit_size = {big: size(full)}
for source, extra in ((bumpy, ["--keep-going"]), (yaml_backup, [])):
    ref = env.path("ref.db")
    shutil.copy(base, ref)
    env.run("import", source, *extra, db=ref, timeout=600)
    commit_size[source] = size(ref)
    os.unlink(ref)


def desk_in(d, source=base):
    db = os.path.join(d, "desk.db")
    shutil.copy(source, db)
    return db


# ---- 1. import: while rows are read, while the commit writes, in the checkpoint ----
def import_kills(what, source_file, rows, extra=()):
    outcomes = []
    moments = [("at row %d" % (rows // 10), lambda db: lambda p: progress_at(p, rows // 10)),
               ("at row %d" % (rows * 9 // 10), lambda db: lambda p: progress_at(p, rows * 9 // 10)),
               ("with 1 MB of the commit in the -wal",
                lambda db: lambda p: lambda: size(db + "-wal") > 1 << 20),
               ("with the -wal at 90%",
                lambda db: lambda p: lambda: size(db + "-wal") > commit_size[source_file] * 9 // 10),
               ("in the checkpoint after the commit",
                lambda db: lambda p: lambda: size(db) > size(base) + (1 << 20))]
    for sig in (signal.SIGKILL, signal.SIGHUP):
        for label, make in moments:
            d = fresh_dir("imp")
            db = desk_in(d)
            rc, at, out = run_and_kill(env.argv("import", source_file, *extra, db=db),
                                       make(db), sig)
            outcomes.append(after_kill(db, d, BEFORE, BEFORE + rows, "%s %s" % (what, label),
                                       sig, rc, at, out))
    return outcomes


def hang_up_at(rows):
    """An import on a terminal that goes away (the SSH link drops) once
    its progress line reaches `rows`: the kernel sends the SIGHUP."""
    d = fresh_dir("imp")
    db = desk_in(d)
    p = PtyProc(env.argv("import", big, db=db), env.environ())
    began = time.monotonic()
    reached = progress_at(p, rows)
    while p.poll() is None and not reached() and time.monotonic() - began < 120:
        time.sleep(0.002)
    at = time.monotonic() - began if p.poll() is None else None
    p.close_master()
    status = p.wait(60)
    rc = -os.WTERMSIG(status) if status is not None and os.WIFSIGNALED(status) else None
    name = "import of %d CSV rows, the terminal gone at row %d" % (ROWS, rows)
    if at is None:
        t.skip(name + ": it finished before the moment came")
        return
    t.eq(rc, -signal.SIGHUP, name + ": the process died of the hangup")
    c = env.run("check", db=db)
    n = count(db)
    # Under load the progress line is read late, and the hangup can land
    # after the commit: the desk is then whole, never half.
    t.ok(c.rc == 0 and integrity(db) == "ok" and n in (BEFORE, BEFORE + ROWS),
         "%s: killed at %.2f s, check says clean, the desk before or after (%d)" % (name, at, n), c)
    t.eq(sorted(set(os.listdir(d)) - DESK_FILES), [], name + ": nothing else is left beside the desk")
    t.note("%s: left %s" % (name, "before" if n == BEFORE else "after"))


hang_up_at(ROWS // 5)
o = import_kills("import of %d CSV rows" % ROWS, big, ROWS)
o += import_kills("import --keep-going", bumpy, bumpy_rows, ("--keep-going",))
o += import_kills("import of a YAML backup", yaml_backup, ROWS)
t.note("imports: %d kills left the desk before, %d after, %d finished first"
       % (o.count("before"), o.count("after"), o.count("finished")))
t.ok(o.count("before") >= 6 and o.count("after") >= 3,
     "kills landed both inside the import (rolled back) and after its commit")


# ---- 2. restore COPY: while the snapshot is made, while the desk is kept, while the copy goes in ----
copy = env.path("copy.db")
r = env.run("backup", copy, db=full)
t.ok(r.rc == 0, "a backup copy of %d partners to restore" % (BEFORE + ROWS), r)


def glob_in(d, pattern):
    return [os.path.join(d, f) for f in os.listdir(d) if re.fullmatch(pattern, f)]


def restore_moments(d, db):
    def snapshot_growing():
        try:
            return any(f.startswith(".copy.db.") and size(os.path.join(x, f, "copy.db")) > 1 << 20
                       for x in glob_in(d, r"\..*-checking\.\d+\..{6}") for f in os.listdir(x))
        except OSError:   # gone while we looked
            return False
    return [
        ("while the copy is read into its snapshot", lambda p: snapshot_growing),
        ("once the desk is kept", lambda p: lambda: bool(glob_in(d, r"desk\.db\.before-restore-[0-9-]+"))),
        ("with 1 MB of the copy in the desk's -wal", lambda p: lambda: size(db + "-wal") > 1 << 20),
        ("with the copy all but in", lambda p: lambda: size(db + "-wal") > size(copy) * 9 // 10),
    ]


outcomes = []
for sig in (signal.SIGKILL, signal.SIGHUP):
    for k in range(4):
        d = fresh_dir("rest")
        db = desk_in(d)
        label, when = restore_moments(d, db)[k]
        rc, at, out = run_and_kill(env.argv("restore", copy, db=db), when, sig)
        name = "restore %s, %s" % (label, signal.Signals(sig).name)
        if at is None:
            t.skip(name + ": it finished before the moment came")
            continue
        n = count(db)
        t.eq(rc, -sig, name + ": the process died of the signal")
        c = env.run("check", db=db)
        t.ok(c.rc == 0 and integrity(db) == "ok", "%s: killed at %.2f s, check says clean"
             % (name, at), c)
        t.ok(n in (BEFORE, BEFORE + ROWS), "%s: %d partners, the desk before or the copy" % (name, n))
        outcomes.append("before" if n == BEFORE else "after")
        kept = glob_in(d, r"desk\.db\.before-restore-[0-9-]+")
        for k_ in kept:
            t.eq(count(k_), BEFORE, name + ": the kept file is the whole desk as it was")
        # The next restore runs, and sweeps what a killed one left.
        r = env.run("restore", copy, db=db)
        t.ok(r.rc == 0 and count(db) == BEFORE + ROWS, name + ": the next restore goes in", r)
        left = sorted(set(os.listdir(d)) - DESK_FILES
                      - set(os.path.basename(x) for x in glob_in(d, r"desk\.db\.before-restore-[0-9-]+")))
        t.eq(left, [], name + ": nothing else is left beside the desk once the next restore ran")
        t.note("%s: killed at %.2f s, left %s" % (name, at, outcomes[-1]))
t.ok("before" in outcomes, "kills landed before the copy was in (the desk as it was)")


# ---- 3. backup FILE: the copy under its final name is whole or absent ----
for sig in (signal.SIGKILL, signal.SIGHUP):
    for frac in (0.01, 0.5, 0.95):
        d = fresh_dir("bak")
        dest = os.path.join(d, "nightly.db")

        def copy_at(p, frac=frac, d=d):
            def grown():
                try:
                    return any(size(os.path.join(d, f, "copy.db")) > size(full) * frac
                               for f in os.listdir(d) if f.startswith(".nightly.db."))
                except OSError:
                    return False
            return grown
        rc, at, out = run_and_kill(env.argv("backup", dest, db=full), copy_at, sig)
        name = "backup with %d%% copied, %s" % (frac * 100, signal.Signals(sig).name)
        if at is None:
            t.skip(name + ": it finished before the moment came")
            continue
        t.eq(rc, -sig, name + ": the process died of the signal")
        t.ok(not os.path.exists(dest) or (integrity(dest) == "ok" and count(dest) == BEFORE + ROWS),
             "%s: killed at %.3f s; nothing half-written under the final name" % (name, at))
        hidden = sorted(f for f in os.listdir(d) if f.startswith("."))
        if sig == signal.SIGHUP:
            t.eq(hidden, [], name + ": the signal's handler removed the copy's directory")
        r = env.run("backup", dest, "--force", db=full)
        t.ok(r.rc == 0 and count(dest) == BEFORE + ROWS, name + ": the next backup is made", r)
        t.eq(sorted(os.listdir(d)), ["nightly.db"],
             name + ": and it removed the directory the killed one left (%s)" % ", ".join(hidden))
        t.note("%s: killed at %.3f s, left %s" % (name, at, hidden or "nothing"))


# What the next backup removes beside it, and what it leaves alone: only
# a private directory of a backup's shape whose process is gone, holding
# nothing but a copy and its side files.
d = fresh_dir("sweep")
p = subprocess.Popen(["true"])
p.wait()
dead = p.pid   # a process sure to be gone


def made(name, mode=0o700, files=("copy.db", "copy.db-journal")):
    os.mkdir(os.path.join(d, name))
    for f in files:
        with open(os.path.join(d, name, f), "w") as fh:
            fh.write("left over\n")
    os.chmod(os.path.join(d, name), mode)
    return name


swept = [made(".nightly.db.%d.AbC123" % dead), made(".other.db.%d.zZ9zZ9" % dead)]
spared = [made(".nightly.db.%d.AbC124" % os.getpid()),                     # running
          made(".nightly.db.%d.AbC125" % dead, files=("copy.db", "notes.txt")),
          made(".nightly.db.%d.AbC126" % dead, mode=0o755),                # not mkdtemp's
          made(".nightly.db.AbC127"),                                      # no process named
          made("nightly.db.%d.AbC128" % dead)]                             # not hidden
r = env.run("backup", os.path.join(d, "nightly.db"), db=full)
t.ok(r.rc == 0, "a backup beside directories left over", r)
t.eq(sorted(os.listdir(d)), sorted(spared + ["nightly.db"]),
     "it removes the dead backups' directories (%s) and leaves the rest" % ", ".join(swept))
for name in spared:
    os.chmod(os.path.join(d, name), 0o700)


# ---- 4. the first start after an upgrade: migrations 11 to 21 on a schema-10 desk ----
LATEST = 22
v10 = env.path("v10.db")
shutil.copy(full, v10)
con = sqlite3.connect(v10)
# Keys as the old folding made them: lower case, accents kept; no
# website or email keys (migration 13); the indexes and search index as
# they were before migration 14.
con.executescript("DROP INDEX partners_by_loose_key; ALTER TABLE partners DROP COLUMN loose_key; "
                  "CREATE INDEX stage_history_by_at ON stage_history (at); "
                  "DROP INDEX partners_by_name; CREATE INDEX partners_by_name ON partners (name_fold, id); "
                  "DROP INDEX partners_by_sort_key; CREATE INDEX partners_by_sort_key ON partners (sort_key, id); "
                  "DROP INDEX stage_history_by_partner; "
                  "CREATE INDEX stage_history_by_partner ON stage_history (partner_id, at, id); "
                  "DROP INDEX audit_by_entity; CREATE INDEX audit_by_entity ON audit (entity, entity_id, id); "
                  "DROP INDEX audit_by_partner; "
                  "CREATE INDEX audit_by_partner ON audit (partner_id, id) WHERE partner_id IS NOT NULL; "
                  "CREATE VIRTUAL TABLE partner_search_old USING fts5 (name, body, "
                  "  tokenize = 'trigram case_sensitive 0'); "
                  "INSERT INTO partner_search_old (rowid, name, body) SELECT rowid, name, body FROM partner_search; "
                  "DROP TABLE partner_search; ALTER TABLE partner_search_old RENAME TO partner_search; "
                  "UPDATE partners SET name_fold = lower(name), sort_key = lower(name); "
                  "DROP INDEX partners_by_website_key; DROP INDEX partners_by_email_key; "
                  "ALTER TABLE partners DROP COLUMN website_key; ALTER TABLE partners DROP COLUMN email_key; "
                  "PRAGMA user_version = 10;")
con.close()
d = fresh_dir("mig")
db = desk_in(d, v10)
t0 = time.monotonic()
r = env.run("list", "--format", "csv", db=db)
mig_span = time.monotonic() - t0
t.ok(r.rc == 0 and sql(db, "PRAGMA user_version")[0][0] == LATEST,
     "the upgrade of %d partners takes %.2f s" % (BEFORE + ROWS, mig_span), r)
# How far the migration's -wal grows (it is gone once the run ends).
d = fresh_dir("mig")
db = desk_in(d, v10)
peak = [0]


def watch_peak(p):
    def look():
        peak[0] = max(peak[0], size(db + "-wal"))
        return False
    return look


run_and_kill(env.argv("list", "--format", "csv", db=db), watch_peak, signal.SIGKILL)
t.ok(peak[0] > 2 << 20, "the migration's -wal grows to %.1f MB" % (peak[0] / 1048576.0))
states = []
for sig in (signal.SIGKILL, signal.SIGHUP):
    for label, limit in (("with 1 MB in the -wal", 1 << 20),
                         ("with half of it in the -wal", peak[0] // 2),
                         ("with 90% of it in the -wal", peak[0] * 9 // 10),
                         ("in the checkpoint after its commit", None)):
        d = fresh_dir("mig")
        db = desk_in(d, v10)
        os.utime(db, ns=(0, 0))
        if limit is None:   # the first write to the file itself
            def when(p, db=db):
                return lambda: os.stat(db).st_mtime_ns != 0
        else:
            def when(p, db=db, limit=limit):
                return lambda: size(db + "-wal") > limit
        rc, at, out = run_and_kill(env.argv("list", "--format", "csv", db=db), when, sig)
        name = "migration %s, %s" % (label, signal.Signals(sig).name)
        if at is None:
            t.skip(name + ": it finished before the moment came")
            continue
        uv = sql(db, "PRAGMA user_version")[0][0]
        states.append(uv)
        t.eq(rc, -sig, name + ": the process died of the signal")
        t.ok(10 <= uv <= LATEST and integrity(db) == "ok" and count(db) == BEFORE + ROWS,
             "%s: killed at %.2f s, schema %d, sound, every partner there" % (name, at, uv))
        c = env.run("check", db=db)
        if uv < LATEST:
            advice = ("run `partnerdesk --db %s list` once to upgrade it" % db).encode()
            t.ok(c.rc == 1 and b"older schema (%d, this program knows %d)" % (uv, LATEST) in c.err
                 and advice in c.err, name + ": check, which only reads, names the command "
                 "that upgrades it", c)
        r = env.run("list", db=db)
        t.ok(r.rc == 0 and r.out.count(b"Trust") == ROWS and r.err == b"",
             name + ": the next start (that command) upgrades it and lists every partner", r)
        c = env.run("check", db=db)
        t.ok(c.rc == 0 and b"ok (schema %d)" % LATEST in c.out, name + ": then check says clean", c)
        t.eq(sorted(set(os.listdir(d)) - DESK_FILES), [], name + ": nothing else is left")
        t.note("%s: killed at %.2f s of %.2f, schema %d after the kill" % (name, at, mig_span, uv))
t.ok(10 in states and any(uv > 10 for uv in states), "kills landed inside the migration (rolled "
     "back to schema 10) and after a commit (schema 11 or %d)" % LATEST)

env.cleanup()
t.done()
