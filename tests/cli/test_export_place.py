"""Where `export -o` (and `backup`) may write: never over the open
database or its -wal/-shm, by any name for them (a symlink, another path),
and through a symbolic link to the file it points at, which is replaced
beside itself while the link stays a link; but not through a link, nor
over a file, that another user put in a sticky directory anyone may write
(as /tmp)."""
import os
import sqlite3
import stat
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env, sha256  # noqa: E402

t = TAP()
env = Env(sys.argv[1])
try:
    env.run("add", "Harbor Science Center", "--kind", "museum")
    env.run("log", "Harbor", "called about the spring fair")
    before = sha256(env.db)

    def refused(r, msg):
        t.eq(r.rc, 1, msg + ": exit 1")
        t.ok("database" in r.err and "export to another file" in r.err,
             msg + ": says why and what to do", r)

    r = env.run("export", "-o", env.db)
    refused(r, "export -o onto the database itself")
    t.eq(sha256(env.db), before, "the database is untouched")
    t.ok("is the database itself" in r.err, "names the database", r)
    r = env.run("list")
    t.ok(r.rc == 0 and "Harbor" in r.out, "the database still opens", r)

    link = env.path("db-link.yaml")
    os.symlink(env.db, link)
    r = env.run("export", "-o", link)
    refused(r, "export -o through a symlink to the database")
    t.ok(os.path.islink(link), "the link is left alone")
    t.eq(sha256(env.db), before, "the database is untouched (symlink)")

    other = os.path.join(env.dir, ".", os.path.basename(env.db))
    r = env.run("export", "-o", other)
    refused(r, "export -o by another path to the database")

    hard = env.path("hardlink.db")
    os.link(env.db, hard)
    r = env.run("export", "-o", hard)
    refused(r, "export -o onto a hard link of the database")
    os.unlink(hard)

    # The -wal and -shm, existing (held open by a reader) or not.
    keep = sqlite3.connect(env.db)
    keep.execute("select count(*) from partners").fetchall()
    for suffix in ("-wal", "-shm"):
        r = env.run("export", "-o", env.db + suffix)
        refused(r, "export -o onto " + suffix)
        t.ok(suffix[1:] in r.err or "write-ahead" in r.err or "shared-memory" in r.err,
             suffix + ": says which side file", r)
    keep.close()
    for suffix in ("-wal", "-shm"):
        if os.path.exists(env.db + suffix):
            os.unlink(env.db + suffix)
    r = env.run("export", "-o", env.db + "-wal")
    refused(r, "export -o onto a -wal that does not exist yet")
    wal = b""
    if os.path.exists(env.db + "-wal"):   # SQLite's own, from opening the database
        with open(env.db + "-wal", "rb") as f:
            wal = f.read()
    t.ok(b"partnerdesk-backup" not in wal, "no YAML was put at the -wal")

    # backup shares the check: its side files are refused as well.
    r = env.run("backup", "--force", env.db + "-wal")
    t.ok(r.rc == 1 and "write-ahead log" in r.err, "backup refuses the -wal too", r)
    r = env.run("backup", "--force", link)
    t.ok(r.rc == 1 and "database itself" in r.err, "backup refuses a symlink to the database", r)

    # Through a symlink: the target is replaced, the link stays.
    os.mkdir(env.path("store"))
    real = env.path("store/real.yaml")
    with open(real, "w") as f:
        f.write("old\n")
    os.chmod(real, 0o640)
    latest = env.path("latest.yaml")
    os.symlink("store/real.yaml", latest)   # relative, as `ln -s` makes them
    r = env.run("export", "-o", latest)
    t.ok(r.rc == 0, "export -o onto a symlink", r)
    t.ok(os.path.islink(latest), "the symlink is still a symlink")
    t.eq(os.readlink(latest), "store/real.yaml", "pointing where it did")
    with open(real) as f:
        doc = yaml.safe_load(f)
    t.eq(doc["partners"][0]["name"], "Harbor Science Center", "the target holds the export")
    t.eq(stat.S_IMODE(os.stat(real).st_mode), 0o640, "the target keeps its mode")
    t.ok(not [f for f in os.listdir(env.dir) + os.listdir(env.path("store")) if ".tmp-" in f],
         "no temporary file left on either side")

    # A link to a file that does not exist yet makes that file.
    dangling = env.path("next.yaml")
    os.symlink(env.path("store/new.yaml"), dangling)
    r = env.run("export", "-o", dangling)
    t.ok(r.rc == 0, "export -o onto a link whose target is new", r)
    t.ok(os.path.islink(dangling) and os.path.isfile(env.path("store/new.yaml")),
         "the target is made, the link kept")
    t.eq(stat.S_IMODE(os.stat(env.path("store/new.yaml")).st_mode), 0o600, "a new target is 0600")

    # A file replaced keeps its permissions, never set-id bits: an export is
    # data, not a program (a setuid file written over stays no setuid file).
    setid = env.path("store/setid.yaml")
    with open(setid, "w") as f:
        f.write("old\n")
    os.chmod(setid, 0o6755)
    r = env.run("export", "-o", setid)
    t.ok(r.rc == 0 and stat.S_IMODE(os.stat(setid).st_mode) == 0o755,
         "a setuid, setgid file written over keeps 0755 without the set-id bits",
         (r, oct(stat.S_IMODE(os.stat(setid).st_mode))))

    loop = env.path("loop.yaml")
    os.symlink(loop, loop)
    r = env.run("export", "-o", loop)
    t.ok(r.rc == 1 and "symbolic links" in r.err, "a link loop is refused", r)

    # backup --force through a link replaces what it points at, as export
    # does; renaming over the link used to leave the real backup stale.
    os.makedirs(env.path("bk"))
    with open(env.path("bk/desk.db"), "w") as f:
        f.write("old\n")
    os.chmod(env.path("bk/desk.db"), 0o640)
    nightly = env.path("nightly.db")
    os.symlink("bk/desk.db", nightly)
    r = env.run("backup", nightly, "--force")
    t.ok(r.rc == 0, "backup --force onto a symlink", r)
    t.ok(os.path.islink(nightly) and os.readlink(nightly) == "bk/desk.db",
         "backup: the link stays a link, pointing where it did")
    copy = sqlite3.connect(env.path("bk/desk.db"))
    names = [n for (n,) in copy.execute("select name from partners")]
    copy.close()
    t.eq(names, ["Harbor Science Center"], "backup: the target holds the copy")
    t.eq(stat.S_IMODE(os.stat(env.path("bk/desk.db")).st_mode), 0o640, "backup: the target keeps its mode")

    # -o /dev/stdout into a pipe is standard output, as -o - is; it used to
    # fail naming /proc/self/fd/pipe:[N].
    r = env.run("export", "-o", "/dev/stdout")
    t.ok(r.rc == 0 and "partnerdesk-backup" in r.out and "Harbor" in r.out,
         "export -o /dev/stdout writes to the pipe", r)
    r = env.run("export", "-o", "/proc/self/fd/2")
    t.ok(r.rc == 1 and "not a regular file" in r.err and "pipe:[" not in r.err,
         "another descriptor's pipe: refused as not a regular file", r)

    # A destination --force cannot help with is refused as what it is, so
    # the advice to add --force is never followed by a second refusal.
    folder = env.path("backups")
    os.mkdir(folder)
    for args in (["backup", folder], ["backup", folder, "--force"]):
        r = env.run(*args)
        t.ok(r.rc == 1 and "is a directory" in r.err and "--force" not in r.err
             and os.path.join(folder, "partnerdesk.db") in r.err,
             " ".join(args[1:]).replace(folder, "DIR") + ": a directory is named as one, with a file to use", r)
    r = env.run("backup", "/dev/null")
    t.ok(r.rc == 1 and "not a regular file" in r.err and "--force" not in r.err,
         "backup /dev/null: not a regular file, no --force advice", r)
    r = env.run("export", "-o", folder)
    t.ok(r.rc == 1 and "is a directory" in r.err, "export -o DIR: a directory is named as one", r)
    r = env.run("backup", "")
    t.ok(r.rc == 2 and "empty" in r.err, "backup of an empty name is a usage error", r)
    # Into a directory that is not there: the directory named is the one
    # to make; it said "cannot create a directory beside FILE".
    missing = env.path("no-such-dir")
    r = env.run("backup", os.path.join(missing, "nightly.db"))
    t.ok(r.rc == 1 and ("cannot write in %s: No such file or directory" % missing) in r.err
         and "beside" not in r.err, "backup into a missing directory names that directory", r)
    r = env.run("export", "-o", "")
    t.ok(r.rc == 2 and "empty" in r.err and "No such file" not in r.err,
         "export -o of an empty name is a usage error", r)

    # A sticky directory anyone may write (as /tmp), here inside the test's
    # own directory: what another user put there is neither followed nor
    # replaced. A link could send everyone's notes to a file of theirs, and
    # a file of theirs (0666) would lend its mode to the copy. Making a
    # link or file another user's needs root.
    if os.geteuid() != 0:
        t.ok(True, "# SKIP planted links and files: needs root to make another user's")
    else:
        OTHER = 65534
        shared = env.path("shared-tmp")
        os.mkdir(shared)
        os.chmod(shared, 0o1777)
        victim = env.path("victim.txt")
        for args in (["export", "-o"], ["backup", "--force"]):
            with open(victim, "w") as f:
                f.write("theirs\n")
            link = os.path.join(shared, "planted-%s" % args[0])
            os.symlink(victim, link)
            os.lchown(link, OTHER, OTHER)
            r = env.run(*(args + [link]))
            t.ok(r.rc == 1 and "symbolic link" in r.err and "not yours" in r.err
                 and "not followed" in r.err, "%s: another user's link in a sticky "
                 "world-writable directory is not followed" % " ".join(args), r)
            with open(victim, "rb") as f:
                t.eq(f.read(), b"theirs\n", "%s: the file it points at is untouched" % args[0])
            t.ok(os.path.islink(link), "%s: the link is left as it was" % args[0])
            planted = os.path.join(shared, "planted-%s.yaml" % args[0])
            with open(planted, "w") as f:
                f.write("theirs\n")
            os.chown(planted, OTHER, OTHER)
            os.chmod(planted, 0o666)
            r = env.run(*(args + [planted]))
            t.ok(r.rc == 1 and "a file of uid" in r.err and "not replaced" in r.err,
                 "%s: another user's 0666 file there is not replaced" % " ".join(args), r)
            with open(planted, "rb") as f:
                t.eq(f.read(), b"theirs\n", "%s: it keeps its content" % args[0])
        t.eq(sorted(os.listdir(shared)), ["planted-backup", "planted-backup.yaml",
             "planted-export", "planted-export.yaml"], "nothing else was left there")
        own = os.path.join(shared, "own.yaml")
        os.symlink("../store/own.yaml", own)
        r = env.run("export", "-o", own)
        t.ok(r.rc == 0 and os.path.isfile(env.path("store/own.yaml")),
             "a link of one's own there is still written through", r)
finally:
    env.cleanup()
t.done()
