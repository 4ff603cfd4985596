"""A backup never overwrites a file it was not asked to: `partnerdesk backup
FILE` without --force looks whether FILE exists before it copies, and the
LD_PRELOAD shim makes someone else's file appear at FILE after that look,
just before the copy is put in place. The other file must survive whole and
the backup must say FILE exists; with --force the copy replaces it."""
import os
import sys

from pdshared import TAP, Env, integrity

t = TAP()
env = Env(sys.argv[1])
shim = os.path.abspath(sys.argv[2])
env.run("add", "Harbor Museum")
theirs = b"someone else's file\n"
asan = ":".join(x for x in (os.environ.get("ASAN_OPTIONS", ""), "verify_asan_link_order=0") if x)


def stray(d):
    return [n for n in os.listdir(d) if n.startswith(".")]


dest = env.path("race.db")
r = env.run("backup", dest, env={"LD_PRELOAD": shim, "PD_SHIM_RACE": "race.db",
                                 "ASAN_OPTIONS": asan})
t.ok(r.rc == 1, "a file appearing mid-backup: exit 1", r)
t.ok(b"race.db exists" in r.err, "it says the file exists", r)
with open(dest, "rb") as f:
    t.eq(f.read(), theirs, "the other file is untouched")
t.eq(stray(env.dir), [], "no temporary file is left beside it")

forced = env.path("forced.db")
r = env.run("backup", forced, "--force", env={"LD_PRELOAD": shim, "PD_SHIM_RACE": "forced.db",
                                              "ASAN_OPTIONS": asan})
t.ok(r.rc == 0, "with --force the backup replaces it", r)
t.eq(integrity(forced), "ok", "and the copy is a sound database")
r = env.run("list", db=forced)
t.ok(r.rc == 0 and b"Harbor Museum" in r.out, "holding the partners", r)

plain = env.path("plain.db")
r = env.run("backup", plain, env={"LD_PRELOAD": shim, "ASAN_OPTIONS": asan})
t.ok(r.rc == 0 and b"Harbor Museum" in env.run("list", db=plain).out,
     "with nobody racing, a new backup is made as before", r)
r = env.run("backup", env.db, "--force")
t.ok(r.rc == 1 and b"is the database itself" in r.err, "a backup onto the database itself is "
     "refused, even with --force", r)
t.eq(integrity(env.db), "ok", "and the database is sound")

# A sticky directory anyone may write (as /tmp), made here: another user
# who sees the temporary copy appear puts links where SQLite makes its
# journal and write-ahead log beside it (the shim, at once). The copy's
# side files must be where only this user may write: the backup goes
# through, the file the links point at is untouched, and what the other
# user put there is theirs to remove.
shared = env.path("shared-tmp")
os.mkdir(shared)
os.chmod(shared, 0o1777)
victim = env.path("victim.txt")
with open(victim, "wb") as f:
    f.write(b"theirs\n")
copy = os.path.join(shared, "nightly.db")
r = env.run("backup", copy, env={"LD_PRELOAD": shim, "PD_SHIM_PLANT": "shared-tmp/",
                                 "PD_SHIM_PLANT_TO": victim, "ASAN_OPTIONS": asan})
t.ok(r.rc == 0, "a backup into a sticky directory with links planted beside its copy", r)
t.ok(os.path.isfile(copy) and integrity(copy) == "ok", "the copy is there and sound")
with open(victim, "rb") as f:
    t.eq(f.read(), b"theirs\n", "the file the links point at is untouched")
left = sorted(os.listdir(shared))
t.ok("nightly.db" in left and all(os.path.islink(os.path.join(shared, n))
     for n in left if n != "nightly.db"), "only the copy and the planted links are there: %s" % left)
t.done()
