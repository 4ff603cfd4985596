"""Permission messages on a shared desk: what a member of staff is told when
a colleague's file or its -wal/-shm companions are not theirs to read.
A database first made in a set-group-ID directory the group may write is
made 0600 (a personal desk) with a note naming the mode and the chmod that
shares it; a colleague then refused is told the owner, the mode and whom
to ask; a reader whose way is blocked by the -wal or -shm of a desk held
open is told which of them, its mode, and the chmod, which then works; a
directory that does not let them in is named. Runs as root, dropping to
other uids with setpriv (root itself ignores modes); skips otherwise."""
import grp
import os
import pwd
import shutil
import sqlite3
import subprocess
import sys

from pdshared import TAP, Env, Result

t = TAP()
env = Env(sys.argv[1], prefix="pd-perms-")

setpriv = shutil.which("setpriv")
if os.geteuid() != 0 or not setpriv:
    t.skip("permission messages: needs root (to run as other users) and setpriv")
    env.cleanup()
    t.done()

OWNER = 65534            # 'nobody' on most systems: the member of staff who made the file
COLLEAGUE = 65533        # another member of staff, in the group
STAFF, OTHERS = 47001, 47002   # the staff's group; a volunteer's


def name_of_user(uid):
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return "uid %d" % uid


def name_of_group(gid):
    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return "gid %d" % gid


def run_as(uid, gid, db, *args):
    """partnerdesk as uid:gid (no other groups) with umask 002, as staff work."""
    argv = [setpriv, "--reuid=%d" % uid, "--regid=%d" % gid, "--clear-groups",
            "sh", "-c", 'umask 002; exec "$@"', "sh"] + env.argv(*args, db=db)
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=env.environ(), timeout=120)
    return Result(p.returncode, p.stdout, p.stderr)


def shared_dir(name, mode):
    d = env.path(name)
    os.mkdir(d)
    os.chown(d, 0, STAFF)
    os.chmod(d, mode)
    return d


owner, staff = name_of_user(OWNER), name_of_group(STAFF)

# ---- a new database in a shared directory: private, and said so ----
d = shared_dir("branch", 0o2770)
db = os.path.join(d, "new.db")
r = run_as(OWNER, STAFF, db, "add", "First Museum")
err = r.err.decode(errors="replace")
t.ok(r.rc == 0, "a member of staff makes a new desk in the group's setgid directory", r)
t.eq(os.stat(db).st_mode & 0o7777, 0o600, "it is 0600, as a new database always is")
t.ok("note:" in err and "0600" in err and ("chmod 0660 %s" % db) in err and staff in err,
     "and the note says so, names the group and the chmod that shares it", r)
r = run_as(OWNER, STAFF, db, "add", "Second Museum")
t.ok(r.rc == 0 and b"note:" not in r.err, "the note comes once, when the file is made", r)

r = env.run("add", "Own Desk", db=env.path("own.db"))
t.ok(r.rc == 0 and b"note:" not in r.err, "no note for a desk made in a directory not shared", r)

# ---- the colleague, refused: owner, mode, whom to ask ----
r = run_as(COLLEAGUE, STAFF, db, "list")
err = r.err.decode(errors="replace")
t.ok(r.rc == 1, "a colleague cannot read the 0600 desk", r)
t.ok(("owned by %s" % owner) in err and "mode 0600" in err and db in err,
     "the refusal names the file, its owner and its mode", r)
t.ok(("ask %s or the administrator to chmod 0660 it" % owner) in err,
     "and whom to ask for what", r)
os.chmod(db, 0o660)
r = run_as(COLLEAGUE, STAFF, db, "list")
t.ok(r.rc == 0 and b"First Museum" in r.out, "after chmod 0660 the colleague reads it", r)

# ---- a directory that does not let a volunteer in ----
r = run_as(COLLEAGUE, OTHERS, db, "list")
err = r.err.decode(errors="replace")
t.ok(r.rc == 1 and ("the directory %s" % d) in err and "mode 2770" in err and staff in err,
     "a volunteer outside the group is told which directory keeps them out", r)

# ---- -wal and -shm a volunteer may not read, while staff have it open ----
d = shared_dir("held", 0o2771)
db = os.path.join(d, "branch.db")
r = env.run("add", "Harbor Science Center", db=db)
t.ok(r.rc == 0, "a desk made", r)
os.chown(db, 0, STAFF)
os.chmod(db, 0o660)
holder = sqlite3.connect(db)
holder.execute("SELECT count(*) FROM partners").fetchall()   # makes -wal and -shm, 0660
os.chmod(db, 0o664)                                          # opened to volunteers later
sides = [db + "-wal", db + "-shm"]
t.ok(all(os.path.exists(s) and os.stat(s).st_mode & 0o777 == 0o660 for s in sides),
     "staff hold it open: -wal and -shm are there, 0660")
r = run_as(COLLEAGUE, OTHERS, db, "list")
err = r.err.decode(errors="replace")
t.ok(r.rc == 1, "a volunteer cannot read through them", r)
t.ok(("%s-wal is not readable" % db) in err or ("%s-shm is not readable" % db) in err,
     "the message names the companion file, not the database", r)
t.ok("mode 0660" in err and ("chmod 0664 %s-wal %s-shm" % (db, db)) in err,
     "its mode, and the chmod that gives them the database file's mode", r)
t.ok("unable to open database file" not in err, "not SQLite's bare words", r)
for s in sides:
    os.chmod(s, 0o664)
r = run_as(COLLEAGUE, OTHERS, db, "list")
t.ok(r.rc == 0 and b"Harbor Science Center" in r.out, "the chmod it names lets the volunteer read", r)
holder.close()

env.cleanup()
t.done()
