"""A --db in a directory that does not exist (a new machine, a restore
after a lost disk) is refused by saying so, with the mkdir that makes it
(one shell word, quoted when it holds a space), not with "fix the
directory's permissions", which sent the librarian to chmod a directory
that is not there; after that mkdir the same command works."""
import os
import subprocess
import sys

from harness import TAP, Env

t = TAP()
env = Env(sys.argv[1])

missing = env.path("branch")
db = os.path.join(missing, "desk.db")
r = env.run("--db", db, "add", "City Museum", db=False)
t.ok(r.rc == 1 and "the directory %s does not exist" % missing in r.err, "add says the directory is missing", r)
t.ok("mkdir -p %s)" % missing in r.err and "permissions" not in r.err, "with the mkdir that makes it", r)
t.ok(not os.path.exists(missing), "and makes nothing")
r = env.run("--db", db, "list", db=False)
t.ok(r.rc == 1 and "the directory %s does not exist; make it (mkdir -p %s), then 'partnerdesk add NAME' "
     "creates it there" % (missing, missing) in r.err and "'partnerdesk add NAME' creates it," not in r.err,
     "list says the same, not that add creates it (add fails there)", r)
r = env.run("list", db=False)
t.ok(r.rc == 1 and "'partnerdesk add NAME' creates it," in r.err and "mkdir" not in r.err,
     "in the default data directory, which add makes, add is what to run", r)
r = env.run("add", "City Library", db=False)
t.ok(r.rc == 0, "and add makes it", r)

copy = env.path("copy.db")
r = env.run("add", "City Museum")
t.ok(r.rc == 0, "a desk to back up", r)
r = env.run("backup", copy)
t.ok(r.rc == 0, "its backup", r)
r = env.run("--db", db, "restore", copy, db=False)
t.ok(r.rc == 1 and "mkdir -p %s)" % missing in r.err and "permissions" not in r.err,
     "restore onto it says the same", r)

spaced = env.path("Partner desk")
r = env.run("--db", os.path.join(spaced, "desk.db"), "add", "City Museum", db=False)
t.ok(r.rc == 1 and "mkdir -p '%s')" % spaced in r.err, "a directory with a space is quoted", r)

# An apostrophe in it (a colleague's folder): the mkdir shown is one shell
# word still, and running it makes the directory. It was quoted whole, the
# apostrophe left bare inside the quotes: the shell read two words and an
# open quote.
owned = env.path("Sian's desk")
r = env.run("--db", os.path.join(owned, "desk.db"), "add", "City Museum", db=False)
cmd = r.err[r.err.find("(mkdir -p ") + 1:r.err.find(") or choose")] if "(mkdir -p " in r.err else ""
t.eq(cmd, "mkdir -p '%s'" % owned.replace("'", "'\\''"), "an apostrophe is quoted as the shell reads it")
made = subprocess.run(["sh", "-c", cmd], stderr=subprocess.PIPE) if cmd else None
t.ok(made is not None and made.returncode == 0 and os.path.isdir(owned), "and the mkdir shown makes the directory",
     made.stderr if made else r)

subprocess.run(["mkdir", "-p", missing], check=True)
r = env.run("--db", db, "restore", copy, db=False)
t.ok(r.rc == 0 and "a new database" in r.out + r.err, "after the mkdir the restore makes the desk", r)
t.done()
