"""Standard output that cannot be written (a full disk; /dev/full here):
every command that prints data fails with exit status 1 and says why,
rather than exiting 0 with an empty file, even when all it printed fits
in the last, unflushed block."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env  # noqa: E402

t = TAP()
env = Env(sys.argv[1])
try:
    env.run("add", "Musée d'Art", "--kind", "museum", "--tag", "art")
    env.run("contact", "add", "Musée", "Zofia Nowak", "--title", "Education")
    env.run("log", "Musée", "--channel", "phone", "--follow-up", "tomorrow", "Call back")

    def to_full(*args):
        with open("/dev/full", "wb") as full:
            p = subprocess.run([env.exe, "--db", env.db] + list(args), stdin=subprocess.DEVNULL,
                               stdout=full, stderr=subprocess.PIPE, env=env.env, timeout=60)
        return p.returncode, p.stderr.decode("utf-8", "replace")

    want = "partnerdesk: cannot write the output: No space left on device\n"
    for args in (["list"], ["list", "--format", "csv"], ["list", "--format", "json"],
                 ["list", "--format", "yaml"], ["agenda"], ["agenda", "--format", "json"],
                 ["show", "Musée"], ["report"], ["contact", "list", "Musée"], ["--version"], ["--help"]):
        # The same command works where its output can go.
        ok = env.run(*args)
        rc, err = to_full(*args)
        t.ok(ok.rc == 0 and ok.out and rc == 1 and err.endswith(want),
             " ".join(args) + " > /dev/full: exit 1 and why", "rc=%d err=%r ok=%r" % (rc, err, ok))
        t.ok(err.count("partnerdesk:") == 1, " ".join(args) + ": said once", err)

    # An export that cannot be written says why, and into which file: the
    # YAML writer said "YAML output: cannot write it", the calendar
    # "writing the calendar failed". A file size limit stands in for a full
    # disk (EFBIG), with SIGXFSZ ignored as a full disk sends none.
    import resource
    import signal
    import sqlite3
    rows = env.path("many.csv")
    with open(rows, "w") as f:
        f.write("Name,Notes\n")
        for i in range(300):
            f.write("Partner number %d,%s\n" % (i, "x" * 300))
    r = env.run("import", rows)
    t.ok(r.rc == 0, "300 partners with long notes", r)
    # The reader's -shm (32 KiB) must fit under the limit, and nothing may
    # be left in the -wal for its close to copy into the database.
    keep = sqlite3.connect(env.db)
    keep.execute("pragma wal_checkpoint(truncate)")
    keep.close()

    def limited():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (40000, 40000))

    for fmt, what in (("yaml", "writing the YAML failed: "), ("csv", ""), ("json", "")):
        out = env.path("limited." + fmt)
        p = subprocess.run([env.exe, "--db", env.db, "export", "-o", out], stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env.env, timeout=60,
                           preexec_fn=limited)
        err = p.stderr.decode("utf-8", "replace")
        t.ok(p.returncode == 1 and out in err and what in err and "File too large" in err,
             "export -o ." + fmt + " that cannot be written names the file and the reason", err)
        t.ok(not [f for f in os.listdir(env.dir) if ".tmp-" in f], fmt + ": no temporary file left")
finally:
    env.cleanup()
t.done()
