#!/usr/bin/env python3
"""A note typed into `log PARTNER -` while another writer (an import)
holds the desk's write lock is never lost: log waits, keeps the note in a
file of the data directory, and leaves it there with the command that logs
it when it gives up or is stopped (Ctrl-C, SIGHUP). The lock is held here
the way an import holds it: BEGIN IMMEDIATE on another connection."""
import glob
import os
import re
import signal
import sqlite3
import stat
import subprocess
import sys

from pdshared import TAP, Env, sql

t = TAP()
exe = sys.argv[1]

# Quotes, $(...), a backslash and a line equal to the file's marker: the
# kept file must give all of them back as typed.
NOTE = ("Long note typed during the call:\n"
        "They want the hall on 12 March, 40 people, need a projector.\n"
        "It's \"urgent\" $(touch /nonexistent/x) `id` \\n $HOME\n"
        "PARTNERDESK_TEXT\n")


def hold_lock(db):
    con = sqlite3.connect(db, isolation_level=None, timeout=30)
    con.execute("BEGIN IMMEDIATE")
    return con


def kept(env):
    return sorted(glob.glob(os.path.join(env.env["XDG_DATA_HOME"], "partnerdesk", "kept", "*")))


def logged(env):
    return sql(env.db, "SELECT text, channel, follow_up, at FROM interactions")


def relog(env, path):
    """Runs the kept file as the user is told to: sh FILE, with no
    partnerdesk on PATH (a build directory's program is not there): the
    file names the program that kept it by its whole path."""
    e = env.environ({"PATH": "/usr/bin:/bin"})
    p = subprocess.run(["sh", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=e, timeout=120)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def setup():
    env = Env(exe, prefix="pd-lockwait-")
    r = env.run("add", "Existing One")
    assert r.rc == 0, r
    return env


# 1. Gives up at once (PARTNERDESK_LOCK_WAIT=0): the note is in a 0600 file
#    whose command logs it, as typed, once the lock is gone.
env = setup()
lock = hold_lock(env.db)
r = env.run("log", "Existing One", "--channel", "phone", "--follow-up", "2030-01-01", "-",
            input=NOTE.encode(), env={"PARTNERDESK_LOCK_WAIT": "0"}, timeout=60)
err = r.err.decode()
files = kept(env)
t.ok(r.rc == 1, "log - under a held lock fails", r)
t.eq(len(files), 1, "and keeps the note in one file")
if files:
    path = files[0]
    t.ok(path in err and "sh " + path in err, "stderr names the file and the command that logs it", r)
    t.eq(stat.S_IMODE(os.stat(path).st_mode), 0o600, "the file is 0600")
    t.ok(NOTE.rstrip("\n") in open(path).read(), "the file holds the note as typed")
    t.ok("try again" not in err and "locked by another writer" in err, "the message says why, not just 'try again'", r)
lock.execute("ROLLBACK")
lock.close()
t.eq(logged(env), [], "nothing was logged meanwhile")
if files:
    rc, out, e = relog(env, files[0])
    rows = logged(env)
    t.ok(rc == 0 and len(rows) == 1, "sh FILE logs it once the lock is gone", (rc, out, e, rows))
    if rows:
        t.eq(rows[0][0], NOTE.rstrip("\n"), "the logged text is the note, byte for byte")
        t.eq(rows[0][1:3], ("phone", "2030-01-01"), "with its channel and follow-up")
    t.ok(not os.path.exists(files[0]), "and the file is gone once logged")
    t.ok(not os.path.exists("/nonexistent/x"), "nothing in the note was run")
env.cleanup()

# 1b. A data directory with a space in its name ("my data"): the command
#     the messages give is the kept file as one word, so copying it runs
#     that file, not a file "my" beside it, in stderr, the file's own
#     comment and check's list.
env = setup()
env.env["XDG_DATA_HOME"] = env.path("my data")
decoy_mark = env.path("decoy-ran")
with open(env.path("my"), "w") as f:
    f.write("touch '%s'\n" % decoy_mark)
lock = hold_lock(env.db)
r = env.run("log", "Existing One", "-", input=b"Note kept in a spaced place\n",
            env={"PARTNERDESK_LOCK_WAIT": "0"}, timeout=60)
lock.execute("ROLLBACK")
lock.close()
files = kept(env)
told = re.search(r"to save it later: (.*?)   \(the file", r.err.decode())
t.ok(r.rc == 1 and len(files) == 1 and told, "log keeps the note under 'my data'", r)
if files and told:
    listed = [l for l in env.run("check").out.decode().splitlines() if "Note kept" in l]
    t.ok(len(listed) == 1 and listed[0].endswith(told.group(1)),
         "check gives the same command for it", listed)
    with open(files[0]) as f:
        t.ok("# Save it with:  " + told.group(1) + "\n" in f.read(),
             "and so does the file's own comment")
    p = subprocess.run(["sh", "-c", told.group(1)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=env.environ({"PATH": "/usr/bin:/bin"}), cwd=env.home, timeout=120)
    rows = logged(env)
    t.ok(p.returncode == 0 and len(rows) == 1 and rows[0][0] == "Note kept in a spaced place",
         "the command as told logs the note", (told.group(1), p.returncode, p.stderr, rows))
    t.ok(not os.path.exists(decoy_mark), "and runs no other file")
env.cleanup()

# 2. Ctrl-C (and a dropped SSH session) while it waits keeps the note too.
for sig, name in ((signal.SIGINT, "Ctrl-C"), (signal.SIGHUP, "SIGHUP")):
    env = setup()
    lock = hold_lock(env.db)
    p = subprocess.Popen(env.argv("log", "Existing One", "-"), stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env=env.environ({"PARTNERDESK_LOCK_WAIT": "3600"}))
    p.stdin.write(NOTE.encode())
    p.stdin.close()
    # The waiting line comes once; old code printed its error and ended.
    first = p.stderr.readline().decode()
    waiting = first.startswith("partnerdesk: waiting:")
    t.ok(waiting and "Ctrl-C" in first, "%s: log says once that it waits" % name, first)
    if waiting:
        p.send_signal(sig)
    rc = p.wait(timeout=120)
    rest = p.stderr.read().decode()
    p.stdout.close()
    p.stderr.close()
    files = kept(env)
    t.ok(rc == 1 and len(files) == 1, "%s: stops waiting and keeps the note in a file" % name,
         (rc, first, rest, files))
    lock.execute("ROLLBACK")
    lock.close()
    t.eq(logged(env), [], "%s: nothing logged" % name)
    if files:
        t.ok(NOTE.rstrip("\n") in open(files[0]).read(), "%s: the file holds the note" % name)
        rc, out, e = relog(env, files[0])
        t.ok(rc == 0 and [x[0] for x in logged(env)] == [NOTE.rstrip("\n")],
             "%s: and its command logs it" % name, (rc, out, e))
    env.cleanup()

# 3. A wait that ends when the other writer is done logs the note once, at
#    the time it was typed, and leaves no file behind.
env = setup()
lock = hold_lock(env.db)
p = subprocess.Popen(env.argv("log", "Existing One", "-"), stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                     env=env.environ({"PARTNERDESK_LOCK_WAIT": "3600"}))
p.stdin.write(NOTE.encode())
p.stdin.close()
first = p.stderr.readline().decode()
t.ok(first.startswith("partnerdesk: waiting:"), "log waits while the lock is held", first)
typed_by = sql(env.db, "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')")[0][0]
lock.execute("ROLLBACK")
lock.close()
rc = p.wait(timeout=120)
out = p.stdout.read().decode()
p.stdout.close()
p.stderr.close()
rows = logged(env)
t.ok(rc == 0 and "logged" in out and len(rows) == 1, "and logs it once the lock is released", (rc, out, rows))
if rows:
    t.ok(rows[0][3] <= typed_by, "at the time it was typed, not when the wait ended", (rows, typed_by))
t.eq(kept(env), [], "no kept file is left behind")
env.cleanup()

# 4. A note read from stdin is kept whatever stops it (a mistyped partner);
#    words on the command line are in the shell history and are not.
env = setup()
r = env.run("log", "Exisitng One", "-", input=NOTE.encode())
files = kept(env)
t.ok(r.rc == 1 and len(files) == 1 and NOTE.rstrip("\n") in open(files[0]).read(),
     "a note from stdin for an unknown partner is kept", (r, files))
for f in files:
    os.unlink(f)
r = env.run("log", "Exisitng One", "called", "them")
t.ok(r.rc == 1 and kept(env) == [], "words for an unknown partner are not", r)
env.cleanup()

# 5. The kept command names the partner and contact it resolved, by id: an
#    import meanwhile that brings a second "Oak ..." (and a second "Ann")
#    does not make the note ambiguous; it goes where the user meant.
env = Env(exe, prefix="pd-lockwait-")
env.run("add", "Oak School")
env.run("add", "Riverside Museum")
env.run("contact", "add", "Oak School", "Ann Lee")
oak = sql(env.db, "SELECT id FROM partners WHERE name = 'Oak School'")[0][0]
ann = sql(env.db, "SELECT id FROM contacts WHERE name = 'Ann Lee'")[0][0]
lock = hold_lock(env.db)
r = env.run("log", "Oak", "--contact", "ann", "-", input=b"words note while locked\n",
            env={"PARTNERDESK_LOCK_WAIT": "0"}, timeout=60)
lock.execute("ROLLBACK")
lock.close()
files = kept(env)
t.ok(r.rc == 1 and len(files) == 1, "a note for 'Oak' under a held lock is kept", (r, files))
with open(env.path("oak.csv"), "w") as f:
    f.write("Name,Type\nOak Park Zoo,zoo\n")
r = env.run("import", env.path("oak.csv"))
t.ok(r.rc == 0, "an import then brings 'Oak Park Zoo'", r)
env.run("contact", "add", "Oak School", "Ann Smith")
if files:
    body = open(files[0]).read()
    t.ok("# for: Oak School (#%d)" % oak in body, "the kept file says whom the note is for", body)
    rc, out, e = relog(env, files[0])
    rows = sql(env.db, "SELECT partner_id, contact_id, text FROM interactions")
    t.ok(rc == 0 and rows == [(oak, ann, "words note while locked")],
         "sh FILE logs it to Oak School with Ann Lee, though 'Oak' and 'ann' now match two each",
         (rc, out, e, rows))
    t.eq(kept(env), [], "and the file is gone")
env.cleanup()

# 6. A kept file run while the desk is still locked (or failing again for
#    any reason) keeps the note in that same file, never in a second one:
#    running every kept file later logs the note once.
env = setup()
lock = hold_lock(env.db)
r = env.run("log", "Existing One", "-", input=NOTE.encode(), env={"PARTNERDESK_LOCK_WAIT": "0"}, timeout=60)
files = kept(env)
t.ok(r.rc == 1 and len(files) == 1, "kept under a held lock", (r, files))
if files:
    first = files[0]
    for attempt in (1, 2):
        e = env.environ({"PATH": "/usr/bin:/bin", "PARTNERDESK_LOCK_WAIT": "0"})
        p = subprocess.run(["sh", first], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=e, timeout=120)
        err = p.stderr.decode()
        t.ok(p.returncode != 0 and kept(env) == [first],
             "sh FILE under the lock again (%d) leaves exactly that one file" % attempt, (p.returncode, err, kept(env)))
        t.ok(first in err and "sh " + first in err, "and the message names that file (%d)" % attempt, err)
    t.ok(NOTE.rstrip("\n") in open(first).read(), "the file still holds the note")
    t.eq(stat.S_IMODE(os.stat(first).st_mode), 0o600, "still 0600")
    # A kept file whose partner went meanwhile fails for another reason:
    # still the one file.
    lock.execute("ROLLBACK")
    lock.close()
    lock = None
    body = open(first).read()
    with open(first, "w") as f:
        f.write(body.replace("-- '#1' -", "-- '#99' -"))
    rc, out, e = relog(env, first)
    t.ok(rc != 0 and kept(env) == [first] and "#99" in open(first).read(),
         "a kept file that fails for another reason keeps its note in itself too", (rc, e, kept(env)))
    with open(first, "w") as f:
        f.write(body)
if lock:
    lock.execute("ROLLBACK")
    lock.close()
for f in kept(env):
    relog(env, f)
t.eq([x[0] for x in logged(env)], [NOTE.rstrip("\n")], "running every kept file then logs the note once")
t.eq(kept(env), [], "and leaves none behind")

# PARTNERDESK_KEPT names the file to write over only when it is one of the
# user's kept files: any other file is left alone and a new one is kept.
victim = env.path("victim.sh")
with open(victim, "w") as f:
    f.write("echo mine\n")
lock = hold_lock(env.db)
r = env.run("log", "Existing One", "-", input=b"another note\n",
            env={"PARTNERDESK_LOCK_WAIT": "0", "PARTNERDESK_KEPT": victim}, timeout=60)
lock.execute("ROLLBACK")
lock.close()
t.ok(open(victim).read() == "echo mine\n" and len(kept(env)) == 1,
     "PARTNERDESK_KEPT naming a file outside kept/ is ignored", (r, kept(env)))
env.cleanup()

# 7. check lists the kept notes still waiting, one line each (when, for
#    whom, the first words, sh FILE); they are the user's, not the
#    database's problems, so check still exits 0.
env = setup()
lock = hold_lock(env.db)
env.run("log", "Existing One", "--at", "2026-01-05 09:30", "-",
        input=b"Ann confirmed the fair booth\nand more\n", env={"PARTNERDESK_LOCK_WAIT": "0"}, timeout=60)
lock.execute("ROLLBACK")
lock.close()
files = kept(env)
r = env.run("check")
out = r.out.decode()
lines = [l for l in out.splitlines() if files and ("sh " + files[0]) in l]
t.ok(r.rc == 0, "check exits 0 with a kept note waiting", r)
t.ok("1 note kept" in out, "check says a note is kept", r)
t.ok(len(lines) == 1 and "Existing One (#1)" in lines[0] and "Ann confirmed the fair booth and more" in lines[0]
     and "2026-01-05 09:30" in lines[0], "one line: when, for whom, the first words, sh FILE", out)
# A file that says it is for 5,000 characters' worth still makes one
# short line (its words and sh FILE stay on it).
path = files[0]
with open(path, encoding="utf-8") as f:
    text = f.read()
with open(path, "w", encoding="utf-8") as f:
    f.write(re.sub(r"(?m)^# for: .*$", "# for: " + "Łódź " * 1000, text))
out = env.run("check").out.decode()
lines = [l for l in out.splitlines() if ("sh " + files[0]) in l]
t.ok(len(lines) == 1 and len(lines[0]) < 300 and "Łódź Łódź" in lines[0] and "..." in lines[0]
     and "Ann confirmed" in lines[0], "a long 'for' is cut to fit one line", out[:400])
env.cleanup()

t.done()
