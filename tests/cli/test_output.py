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
finally:
    env.cleanup()
t.done()
