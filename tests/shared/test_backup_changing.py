"""A backup by someone who may only read the desk ('nobody': a root-owned
0644 desk in a directory they may not write) looks at it as immutable, and
a copy made while the desk changed is made again. The shim stops the
backup just after each copy (SIGSTOP), the test changes the desk as root
and lets it go on. A writer committing once: the backup copies again and
holds the writer's partner. A new desk put in place at every copy (as a
restore or a sync from another machine does): after the fifth copy it
gives up, saying the desk kept changing while it was copied, exit 1, and
leaves nothing beside its destination or the desk. Skips unless root,
since root ignores modes."""
import os
import shutil
import signal
import subprocess
import sys

from pdshared import TAP, Env, Result, integrity, sql

t = TAP()
env = Env(sys.argv[1], prefix="pd-backup-changing-")
shim = os.path.abspath(sys.argv[2])
NOBODY = 65534
setpriv = shutil.which("setpriv")
if os.geteuid() != 0 or not setpriv:
    t.skip("a reader's backup of a changing desk: needs root (to run as 'nobody') and setpriv")
    env.cleanup()
    t.done()

AS_NOBODY = [setpriv, "--reuid=%d" % NOBODY, "--regid=%d" % NOBODY, "--clear-groups"]
asan = ":".join(x for x in (os.environ.get("ASAN_OPTIONS", ""), "verify_asan_link_order=0") if x)
desk = env.db
out = env.path("out")
os.mkdir(out)
os.chmod(out, 0o1777)


def names(db):
    return [n for (n,) in sql(db, "SELECT name FROM partners ORDER BY name")]


def beside_desk():
    return sorted(n for n in os.listdir(env.dir) if n.startswith(os.path.basename(desk)))


def backup(dest, change):
    """nobody's backup to dest, stopped after each copy; change(n) is done
    (as root) at the n-th stop. The result and the number of copies."""
    p = subprocess.Popen(AS_NOBODY + env.argv("backup", dest), stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env=env.environ({"LD_PRELOAD": shim, "PD_SHIM_STOP_COPY": "1",
                                          "ASAN_OPTIONS": asan}))
    copies = 0
    while True:
        _, status = os.waitpid(p.pid, os.WUNTRACED)
        if not os.WIFSTOPPED(status):
            break
        copies += 1
        if copies > 20:   # a backup that never gives up: the test ends it
            os.kill(p.pid, signal.SIGKILL)
            os.kill(p.pid, signal.SIGCONT)
            continue
        change(copies)
        os.kill(p.pid, signal.SIGCONT)
    rc = os.waitstatus_to_exitcode(status)
    return Result(rc, p.stdout.read(), p.stderr.read()), copies


def root_add(db, name):
    r = env.run("add", name, db=db)
    t.ok(r.rc == 0, "root adds %s" % name, r)


try:
    root_add(desk, "Harbor Museum")
    os.chmod(desk, 0o644)
    t.eq(beside_desk(), [os.path.basename(desk)], "a desk with nothing beside it (so read as immutable)")

    # A writer commits once, in place, while the first copy is made.
    first = os.path.join(out, "first.db")
    r, copies = backup(first, lambda n: n == 1 and root_add(desk, "Willow Library"))
    t.ok(r.rc == 0 and copies == 2, "a desk changed during the copy: copied again, and backed up "
         "(%d copies)" % copies, r)
    t.eq(names(first) if os.path.exists(first) else None, ["Harbor Museum", "Willow Library"],
         "the copy holds the writer's partner")
    t.eq(integrity(first), "ok", "and is a sound database")
    root_add(desk, "Orchard School")   # a writer alone again: -wal and -shm go
    t.eq(beside_desk(), [os.path.basename(desk)], "nothing beside the desk again")

    # A new desk put in place at every copy: each copy is of a desk gone.
    def replace(n):
        new = env.path("next.db")
        shutil.copyfile(desk, new)
        root_add(new, "Partner %d" % n)
        os.chmod(new, 0o644)
        os.rename(new, desk)

    dest = os.path.join(out, "nightly.db")
    before = names(desk)
    r, copies = backup(dest, replace)
    err = r.err.decode(errors="replace")
    t.eq(r.rc, 1, "a desk that kept changing: exit 1")
    t.eq(copies, 5, "after five copies")
    t.eq(err, "partnerdesk: %s kept changing while it was copied; try again\n" % desk,
         "it says the desk kept changing and to try again")
    t.eq(os.listdir(out), ["first.db"], "no backup and nothing half-written beside it (%s)" % out)
    t.eq(beside_desk(), [os.path.basename(desk)], "nothing of the reader's beside the desk")
    t.eq(names(desk), sorted(before + ["Partner %d" % n for n in range(1, 6)]),
         "the desk is the last one put in place")
    t.eq(integrity(desk), "ok", "and checks clean")
finally:
    env.cleanup()
t.done()
