"""Refusals that explain and change nothing: a read-only database file, a
read-only directory, a full disk (a small tmpfs when mount works, and always
the LD_PRELOAD shim that fails writes with ENOSPC), header and page damage,
a newer schema, a config that is not YAML. Each must exit 1 with a message
that names the file and says what to do, and leave the file as it was. A
database on a network file system (faked by the shim's statfs) is warned of.
Read-only cases run as 'nobody' when we are root, since root ignores modes."""
import os
import shutil
import subprocess
import sys

from pdshared import TAP, Env, PtyProc, fingerprint, integrity, sha256, sql

t = TAP()
env = Env(sys.argv[1])
shim = os.path.abspath(sys.argv[2])

# What a message may say to tell the person what to do next.
ADVICE = ("restore", "upgrade", "ask", "free some space", "choose", "fix", "give another",
          "check its permissions", "remove", "write access")


def base_db(path):
    r = env.run("add", "Harbor Museum", "--kind", "museum", db=path)
    r2 = env.run("log", "Harbor Museum", "first call", db=path)
    t.ok(r.rc == 0 and r2.rc == 0, "made %s" % os.path.basename(path), (r, r2))


def refused(label, r, names, before, after):
    err = r.err.decode(errors="replace")
    t.ok(r.rc == 1, "%s: exit status 1" % label, r)
    t.ok(names in err, "%s: the message names %s" % (label, names), err)
    t.ok(any(a in err.lower() for a in ADVICE), "%s: the message says what to do" % label, err)
    t.ok(before == after, "%s: the file is unchanged" % label, "%r\n%r" % (before, after))
    t.note("%s -> %s" % (label, err.strip()))


# Cases that need a user the file modes apply to.
if os.geteuid() == 0:
    setpriv = shutil.which("setpriv")
    as_other = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] if setpriv else None
else:
    as_other = []


def run_other(path, *args):
    p = subprocess.run(as_other + env.argv(*args, db=path), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=env.environ(), timeout=60)
    from pdshared import Result
    return Result(p.returncode, p.stdout, p.stderr)


# ---- a read-only database file ----
if as_other is None:
    t.skip("read-only cases: running as root without setpriv, so modes cannot bite")
else:
    ro = env.path("readonly.db")
    base_db(ro)
    os.chmod(ro, 0o644)
    for args in (("add", "Newcomer"), ("log", "Harbor", "a note"),
                 ("edit", "Harbor", "--notes", "x")):
        before = fingerprint(ro)
        r = run_other(ro, *args)
        refused("read-only file, %s" % args[0], r, "readonly.db", before, fingerprint(ro))

    # ---- a read-only directory: the file is theirs, the directory is not ----
    d = env.path("rodir")
    os.mkdir(d)
    rd = os.path.join(d, "shared.db")
    base_db(rd)
    os.chmod(d, 0o755)
    os.chown(rd, 65534 if os.geteuid() == 0 else -1, -1)
    os.chmod(rd, 0o600)
    for args in (("add", "Newcomer"), ("log", "Harbor", "a note")):
        before = fingerprint(rd)
        r = run_other(rd, *args)
        refused("read-only directory, %s" % args[0], r, "shared.db", before, fingerprint(rd))
    r = run_other(os.path.join(d, "new.db"), "add", "First")
    refused("read-only directory, a new database", r, "new.db", {}, fingerprint(os.path.join(d, "new.db")))

# ---- a full disk: a small tmpfs ----
mnt = env.path("full")
os.mkdir(mnt)
mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", mnt],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0
if not mounted:
    t.skip("full disk on a small tmpfs: mount is not allowed here (the ENOSPC shim below still runs)")
else:
    try:
        fd = os.path.join(mnt, "full.db")
        base_db(fd)
        ffd = os.open(os.path.join(mnt, "filler"), os.O_WRONLY | os.O_CREAT, 0o644)
        try:
            while os.write(ffd, b"\0" * 4096) > 0:
                pass
        except OSError:
            pass
        os.close(ffd)
        st = os.statvfs(mnt)
        t.note("tmpfs of 512 KiB filled: %d blocks free" % st.f_bavail)
        # Large, yet within what notes hold (65536 bytes): the disk refuses them.
        big = b"x" * 60000
        for args, inp in ((("add", "Newcomer"), None), (("log", "Harbor", "-"), big),
                          (("edit", "Harbor", "--notes", "y" * 60000), None)):
            before = sha256(fd)
            r = env.run(*args, db=fd, input=inp)
            refused("full disk (tmpfs), %s" % args[0], r, "full.db", before, sha256(fd))
            t.ok(b"full" in r.err, "full disk (tmpfs), %s: it says the disk is full" % args[0], r)
        os.unlink(os.path.join(mnt, "filler"))
        r = env.run("list", "--format", "csv", db=fd)
        t.ok(r.rc == 0 and r.out.count(b"\n") == 2, "with space again, the database holds "
             "what it held before", r)
        r = env.run("check", db=fd)
        t.ok(r.rc == 0, "with space again, check passes", r)
        r = env.run("add", "Newcomer", db=fd)
        t.ok(r.rc == 0, "with space again, writing works", r)
    finally:
        subprocess.run(["umount", "-l", mnt])

# ---- a full disk: the ENOSPC shim, with no mount needed ----
sd = env.path("shim.db")
base_db(sd)
shim_env = {"LD_PRELOAD": shim, "PD_SHIM_ENOSPC": sd,
            "ASAN_OPTIONS": ":".join(x for x in (os.environ.get("ASAN_OPTIONS", ""),
                                                 "verify_asan_link_order=0") if x)}
for args in (("add", "Newcomer"), ("log", "Harbor", "a note")):
    before = sha256(sd)
    r = env.run(*args, db=sd, env=shim_env)
    refused("full disk (shim), %s" % args[0], r, "shim.db", before, sha256(sd))
    t.ok(b"full" in r.err, "full disk (shim), %s: it says the disk is full" % args[0], r)
t.eq(integrity(sd), "ok", "full disk (shim): integrity_check ok afterwards")
t.eq(sql(sd, "SELECT count(*) FROM partners")[0][0], 1, "full disk (shim): nothing was added")

# ---- damage ----
good = env.path("good.db")
base_db(good)
for i in range(30):
    env.run("log", "Harbor", "call %d %s" % (i, "z" * 500), db=good)
env.run("check", db=good)
pages = os.path.getsize(good) // 4096


def damaged_copy(name, offset, data):
    p = env.path(name)
    shutil.copy(good, p)
    with open(p, "r+b") as f:
        f.seek(offset)
        f.write(data)
    return p


cases = [
    ("header damage: magic", damaged_copy("magic.db", 0, b"SQLite format 2\0"), "magic.db"),
    ("header damage: page size", damaged_copy("pagesize.db", 16, b"\x00\x03"), "pagesize.db"),
    ("header damage: application id", damaged_copy("appid.db", 68, b"\x00\x00\x00\x07"), "appid.db"),
    ("page damage: a b-tree page", damaged_copy("page.db", 4096 * (pages // 2), b"\xa5" * 4096), "page.db"),
    ("page damage: the schema page", damaged_copy("schema.db", 100, b"\x0d\xff\xff\xff" * 64), "schema.db"),
]
for label, path, name in cases:
    for args in (("list",), ("add", "Newcomer"), ("log", "Harbor", "note"), ("check",)):
        before = fingerprint(path)
        r = env.run(*args, db=path)
        if label.startswith("page damage: a b-tree") and args[0] == "list" and r.rc == 0:
            # A list that never touches the damaged page may succeed; the
            # refusal on writes and check is what matters.
            t.ok(before == fingerprint(path), "%s, list: reading changed nothing" % label)
            continue
        refused("%s, %s" % (label, args[0]), r, name, before, fingerprint(path))

# ---- a newer schema ----
newer = env.path("newer.db")
shutil.copy(good, newer)
sql(newer, "PRAGMA user_version = 99")
for args in (("list",), ("add", "Newcomer"), ("check",)):
    before = fingerprint(newer)
    r = env.run(*args, db=newer)
    refused("newer schema, %s" % args[0], r, "newer.db", before, fingerprint(newer))
    t.ok(b"newer" in r.err, "newer schema, %s: says it is newer" % args[0], r)

# ---- a config that is not YAML ----
configs = {
    "broken.yaml": b"stages: [glance\n  - {oops\n",
    "binary.yaml": b"\x00\x01\x02\x7fELF\x00",
    "tabs.yaml": b"stages:\n\t- glance\n",
}
for name, data in configs.items():
    cfg = env.path(name)
    with open(cfg, "wb") as f:
        f.write(data)
    before = fingerprint(good)
    cbefore = sha256(cfg)
    r = env.run("--config", cfg, "add", "Newcomer", db=good)
    err = r.err.decode(errors="replace")
    t.ok(r.rc == 1, "config %s: exit status 1" % name, r)
    t.ok((name + ":") in err and err.count(":") >= 3, "config %s: FILE:LINE:COLUMN in the message"
         % name, err)
    t.ok(before == fingerprint(good) and cbefore == sha256(cfg),
         "config %s: database and config unchanged" % name)
    t.note("config %s -> %s" % (name, err.strip()))

# ---- a network file system ----
nfs_env = {"LD_PRELOAD": shim, "PD_SHIM_NFS": env.dir,
           "ASAN_OPTIONS": shim_env["ASAN_OPTIONS"]}
r = env.run("list", db=good, env=nfs_env)
t.ok(r.rc == 0 and b"network file system" in r.err and b"good.db" in r.err,
     "a database on NFS is used with a warning that names it", r)
t.note("nfs -> %s" % r.err.decode(errors="replace").strip())
r = env.run("list", db=good)
t.ok(r.rc == 0 and b"network" not in r.err, "a local database gets no such warning", r)
# The interface warns before its screen is up; a desk whose path holds an
# escape sequence is named with placeholders there too, never raw.
esc_dir = env.path("nfs\x1b[2Jdesk")
os.mkdir(esc_dir)
esc_db = os.path.join(esc_dir, "desk.db")
shutil.copy(good, esc_db)
ui = PtyProc(env.argv(db=esc_db), env.environ(dict(nfs_env, PD_SHIM_NFS=esc_dir)))
warned = ui.wait_for(b"is on a network file system")
ui.send("q")
ui.wait(15)
seen = ui.rest()
ui.kill()
t.ok(warned and b"nfs^[[2Jdesk/desk.db is on a network" in seen and b"nfs\x1b[2Jdesk" not in seen,
     "the interface's NFS warning names a path holding an escape with ^[, never raw",
     seen[:400])
# What killed runs leave there stays: a process of another machine, still
# writing, may have that pid, and is not ours to look for.
nd = env.path("nfs-left")
os.mkdir(nd)
dead = subprocess.Popen(["true"])
dead.wait()
left = ["new.db.import-%d" % dead.pid, "new.db.import-%d-wal" % dead.pid]
for name in left:
    with open(os.path.join(nd, name), "w") as f:
        f.write("another machine's import\n")
    os.chmod(os.path.join(nd, name), 0o600)
backup_dir = ".nightly.db.%d.AbC123" % dead.pid
os.mkdir(os.path.join(nd, backup_dir), 0o700)
with open(os.path.join(nd, backup_dir, "copy.db"), "w") as f:
    f.write("another machine's backup\n")
nfs_here = dict(nfs_env, PD_SHIM_NFS=nd)
r = env.run("import", "-", "--dry-run", input=b"Name\nOne\n", db=os.path.join(nd, "new.db"),
            env=nfs_here)
r2 = env.run("backup", os.path.join(nd, "nightly.db"), db=good, env=nfs_here)
t.ok(r.rc == 0 and r2.rc == 0, "an import and a backup beside them on NFS", (r, r2))
t.eq(sorted(os.listdir(nd)), sorted(left + [backup_dir, "nightly.db"]),
     "on NFS they leave a dead-looking pid's import files and backup directory alone")
r = env.run("import", "-", "--dry-run", input=b"Name\nOne\n", db=os.path.join(nd, "new.db"))
t.eq(sorted(os.listdir(nd)), sorted([backup_dir, "nightly.db"]),
     "the same import on a local disk removes them")

env.cleanup()
t.done()
