"""Signals and terminals: an import, export or backup ended by SIGINT,
SIGTERM, SIGHUP or SIGPIPE leaves only what its directory held before
(and dies of the signal), a later import sweeps the temporary database
of one killed by SIGKILL, and the progress line neither swallows
messages nor tears data printed on its own terminal."""
import fcntl
import os
import pty
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env, sha256  # noqa: E402

t = TAP()
env = Env(sys.argv[1])


def blocked_terminal():
    """A pseudo-terminal whose buffer is already full: the child's first
    progress line blocks in write(), so it stands still with its temporary
    file in place, whatever the speed of the machine."""
    master, slave = pty.openpty()
    filler = os.open(os.ttyname(slave), os.O_WRONLY | os.O_NOCTTY | os.O_NONBLOCK)
    for size in (4096, 1):
        while True:
            try:
                os.write(filler, b"x" * size)
            except BlockingIOError:
                break
    os.close(filler)
    return master, slave


def read_pty(master, until=None):
    """What the pty gives until `until` shows in it (None: until it closes)."""
    seen = b""
    while until is None or until not in seen:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    return seen


def wait_for(pred, what, limit=60):
    deadline = time.time() + limit
    while time.time() < deadline:
        if pred():
            return True
        time.sleep(0.01)
    t.ok(False, "timed out waiting for " + what)
    return False


def run_until_blocked(argv, directory, marker, sig):
    """Starts argv with stderr on a full terminal, waits until a name
    holding marker is in directory, sends sig; returns the exit status."""
    master, slave = blocked_terminal()
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=slave, env=env.env)
    os.close(slave)
    wait_for(lambda: any(marker in f for f in os.listdir(directory)),
             "%s in %s" % (marker, directory))
    p.send_signal(sig)
    rc = p.wait(timeout=60)
    os.close(master)
    return rc


try:
    big = env.path("big.csv")
    with open(big, "w") as f:
        f.write("Name,Email,Notes\n")
        for i in range(3000):
            f.write("Partner number %d,p%d@example.org,%s\n" % (i, i, "note " * 20))

    # 1. An import into a new database, ended by a signal while it writes.
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        d = env.path("imp-%d" % sig)
        os.mkdir(d)
        rc = run_until_blocked([env.exe, "--db", os.path.join(d, "new.db"), "import", big],
                               d, ".import-", sig)
        t.eq(rc, -sig, "import into a new database: %s ends it as the signal would"
             % signal.Signals(sig).name)
        t.eq(os.listdir(d), [], "import into a new database: %s leaves no new.db.import-PID files"
             % signal.Signals(sig).name)

    # A dry run piped into `head`: SIGPIPE once head has read enough.
    d = env.path("imp-pipe")
    os.mkdir(d)
    p = subprocess.Popen([env.exe, "--db", os.path.join(d, "new.db"), "import", big, "--dry-run"],
                         stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, env=env.env)
    first = p.stdout.read(100)
    p.stdout.close()   # the rest of 3000 lines no longer fits the pipe
    rc = p.wait(timeout=60)
    t.ok(b"add" in first, "dry run | head: it was reporting rows", first)
    t.eq(rc, -signal.SIGPIPE, "dry run | head: SIGPIPE ends it as it would")
    t.eq(os.listdir(d), [], "dry run | head: no new.db.import-PID files left")

    # SIGKILL cannot be caught: the next import into that path removes
    # the set a dead import left (ours and 0600, as the import makes it),
    # and leaves alone a live one's and anything else.
    d = env.path("stale")
    os.mkdir(d)
    dead = 999999
    try:
        os.kill(dead, 0)
        dead = subprocess.Popen(["true"]).pid   # taken: a pid sure to be gone
        os.waitpid(dead, 0)
    except ProcessLookupError:
        pass
    except PermissionError:
        dead = subprocess.Popen(["true"]).pid
        os.waitpid(dead, 0)

    def plant(names, mode=0o600, owner=None):
        for name in names:
            with open(os.path.join(d, name), "w") as f:
                f.write("left over\n")
            os.chmod(os.path.join(d, name), mode)
            if owner is not None:
                os.chown(os.path.join(d, name), owner, owner)
        return names

    stale = ["new.db.import-%d%s" % (dead, s) for s in ("", "-wal", "-shm", "-journal")]
    keep = ["new.db.import-%d" % os.getpid(), "new.db.import-%d-wal" % os.getpid(),
            "new.db.import-%d.bak" % dead, "other.db.import-%d" % dead]
    plant(stale + keep)
    r = env.run("--db", os.path.join(d, "new.db"), "import", "-", "--dry-run",
                input="Name\nOne\n", db=False)
    t.ok(r.rc == 0 and "dry run" in r.out, "a dry run beside stale files works", r)
    t.eq(sorted(os.listdir(d)), sorted(keep),
         "a new import removes new.db.import-<dead pid> (+ -wal/-shm/-journal), keeps the rest")
    plant(stale)
    r = env.run("--db", os.path.join(d, "new.db"), "import", "-", input="Name\nOne\n", db=False)
    t.eq(sorted(os.listdir(d)), sorted(keep + ["new.db"]),
         "a real import into the path removes them too and makes new.db")
    # Killed imports' files beside a desk made there since (by `add`, or
    # an import that went through): the next import into it removes them.
    plant(stale)
    r = env.run("--db", os.path.join(d, "new.db"), "import", "-", input="Name\nTwo\n", db=False)
    t.ok(r.rc == 0, "an import into the desk made there since", r)
    t.eq(sorted(set(os.listdir(d)) - {"new.db-wal", "new.db-shm"}), sorted(keep + ["new.db"]),
         "removes them as well, so that they are not left beside the desk for good")
    # Of a dead pid but not as an import makes it (readable by others, or
    # someone else's, in a directory we share): not ours to remove.
    d = env.path("stale-theirs")
    os.mkdir(d)
    theirs = plant(stale[:1], mode=0o644)
    if os.geteuid() == 0:
        theirs += plant(stale[1:2], owner=65534)
    r = env.run("--db", os.path.join(d, "new.db"), "import", "-", "--dry-run",
                input="Name\nThree\n", db=False)
    t.eq(sorted(os.listdir(d)), sorted(theirs), "leaves a dead pid's file not 0600 or not ours")

    # 2. export -o FILE ended by a signal: the old FILE intact, no FILE.tmp-*.
    r = env.run("import", big)
    t.ok(r.rc == 0, "a desk of 3000 partners", r)
    d = env.path("exp")
    os.mkdir(d)
    out = os.path.join(d, "b.yaml")
    r = env.run("export", "-o", out)
    before = sha256(out)
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        for fmt in ("yaml", "csv"):
            rc = run_until_blocked([env.exe, "--db", env.db, "export", "--format", fmt, "-o", out],
                                   d, ".tmp-", sig)
            name = "export %s -o: %s" % (fmt, signal.Signals(sig).name)
            t.eq(rc, -sig, name + " ends it as the signal would")
            t.eq(os.listdir(d), ["b.yaml"], name + " leaves no b.yaml.tmp-*")
            t.eq(sha256(out), before, name + ": the old file is intact")

    # backup FILE: nothing stops the SQLite copy in the middle, so the
    # test stops the process once it sees the hidden temporary copy (and
    # not yet the backup), then signals it; a copy that outran the test
    # is tried again.
    d = env.path("bak")
    os.mkdir(d)
    caught = {}
    for sig in (signal.SIGINT, signal.SIGTERM):
        for attempt in range(40):
            p = subprocess.Popen([env.exe, "--db", env.db, "backup", os.path.join(d, "x.db")],
                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, env=env.env)
            seen = False
            while p.poll() is None and not seen:
                seen = any(f.startswith(".x.db.") for f in os.listdir(d))
            if seen:
                p.send_signal(signal.SIGSTOP)
                names = os.listdir(d)
                seen = "x.db" not in names and any(f.startswith(".x.db.") for f in names)
                p.send_signal(sig)
                p.send_signal(signal.SIGCONT)
            rc = p.wait(timeout=60)
            names = sorted(os.listdir(d))
            for f in names:
                os.unlink(os.path.join(d, f))
            if seen:
                caught[sig] = (rc, names)
                break
    for sig in (signal.SIGINT, signal.SIGTERM):
        name = "backup: %s during the copy" % signal.Signals(sig).name
        if sig not in caught:
            print("ok %d - %s # SKIP the copy always finished first" % (t.n + 1, name))
            t.n += 1
            continue
        rc, names = caught[sig]
        t.eq(rc, -sig, name + " ends it as the signal would")
        t.eq(names, [], name + " leaves no .x.db.XXXXXX (or its -journal)")

    # 3. A row's message while the progress line is up starts on a line of
    # its own. The last row is bad: the progress line is drawn for it
    # (the last row always is) just before the row is read.
    bad = env.path("bad.csv")
    with open(bad, "w") as f:
        f.write("Name,Stage\n")
        for i in range(2500):
            f.write("Org %d,glance\n" % i)
        f.write("Bad Org,nonsense\n")
    seen = env.run_on_tty("--db", env.path("bad.db"), "import", bad, "--keep-going", db=False)
    msg = b"partnerdesk: " + bad.encode() + b":2502:"
    at = seen.find(msg)
    t.ok(b"importing 2501/2501 rows" in seen and at > 0, "the progress line and the message are there",
         seen[-300:])
    t.ok(at > 0 and (seen[:at].endswith(b"\r\x1b[K") or seen[:at].endswith(b"\n")),
         "the message does not follow the progress text on its line", seen[max(0, at - 120):at + 40])

    # 4. Data printed to the terminal the progress would be drawn on: no
    # progress line among it; with standard output elsewhere, progress.
    def both_on_tty(*args, db=env.db):
        return env.run_on_tty("--db", db, *args, db=False, stdout_too=True, status=True)
    for args, word in ((["export", "--format", "csv"], b"exporting"),
                       (["export"], b"exporting"),
                       (["list", "--format", "csv"], b"listing"),
                       (["import", big, "--dry-run"], b"importing")):
        rc, seen = both_on_tty(*args)
        t.ok(rc == 0 and b"Partner number 2999" in seen, " ".join(args[:3]) + ": prints the data", seen[-200:])
        t.ok(b"\rpartnerdesk: " + word not in seen,
             " ".join(args[:3]) + " to the terminal: no progress line among the data", seen[-300:])
    seen = env.run_on_tty("export", "--format", "csv")
    t.ok(b"\rpartnerdesk: exporting 3000/3000 rows" in seen,
         "export to a pipe or file: progress on the terminal still", seen[-200:])
    rc, seen = both_on_tty("import", big, db=env.path("tty.db"))
    t.ok(b"\rpartnerdesk: importing 3000/3000 rows" in seen and b"3000 added" in seen,
         "an import on the terminal keeps its progress line (only its summary follows)", seen[-300:])

    # 5. Ctrl-C or a cron job's SIGTERM in the middle of an import into a
    # desk already in use: the last word says nothing was imported, on a
    # cleared line rather than after the progress text; the desk is as it
    # was.
    huge = env.path("huge.csv")
    with open(huge, "w") as f:
        f.write("Name,Email\n")
        for i in range(200000):
            f.write("Stopped partner %d,s%d@example.org\n" % (i, i))
    for sig in (signal.SIGINT, signal.SIGTERM):
        before = env.run("list", "--format", "csv").out
        master, slave = pty.openpty()
        p = subprocess.Popen([env.exe, "--db", env.db, "import", huge], stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=slave, env=env.env)
        os.close(slave)
        seen = read_pty(master, until=b"importing")
        p.send_signal(sig)
        seen += read_pty(master)
        rc = p.wait(timeout=60)
        os.close(master)
        name = signal.Signals(sig).name
        t.eq(rc, -sig, "an import ended by %s ends as the signal would" % name)
        t.ok(b"\r\x1b[Kpartnerdesk: import stopped: nothing was imported" in seen,
             "%s: the last word is that nothing was imported, on a cleared line" % name, seen[-200:])
        t.ok(env.run("list", "--format", "csv").out == before, "%s: and the desk is as it was" % name)

finally:
    env.cleanup()
t.done()
