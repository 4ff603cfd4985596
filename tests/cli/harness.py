"""Shared helpers for the end-to-end tests of the partnerdesk binary: a
private temporary HOME/XDG tree per environment, a runner that captures
exit status, stdout and stderr, and TAP output for meson."""
import atexit
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile


class TAP:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, msg, detail=None):
        self.n += 1
        print(("ok %d - %s" if cond else "not ok %d - %s") % (self.n, msg))
        if not cond:
            self.failed += 1
            if detail is not None:
                for line in str(detail).splitlines() or [""]:
                    print("#   " + line)
        sys.stdout.flush()
        return cond

    def eq(self, got, want, msg):
        return self.ok(got == want, msg, "got:  %r\nwant: %r" % (got, want))

    def done(self):
        print("1..%d" % self.n)
        sys.exit(1 if self.failed else 0)


class Result:
    def __init__(self, rc, out, err):
        self.rc, self.out, self.err = rc, out, err

    def __repr__(self):
        return "rc=%d\nstdout:\n%s\nstderr:\n%s" % (self.rc, self.out, self.err)


class Env:
    """A throwaway home for one scenario; nothing touches the real one."""

    def __init__(self, exe):
        self.exe = os.path.abspath(exe)
        self.dir = tempfile.mkdtemp(prefix="pd-cli-")
        # Gone when the test ends, whether or not it calls cleanup (several
        # never did, and /tmp filled with a desk a run).
        atexit.register(self.cleanup)
        self.home = os.path.join(self.dir, "home")
        self.data = os.path.join(self.dir, "data")
        self.config = os.path.join(self.dir, "config")
        os.mkdir(self.home)
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": self.home,
            "XDG_DATA_HOME": self.data,
            "XDG_CONFIG_HOME": self.config,
            "LC_ALL": "C.UTF-8",
            "TZ": "UTC",
        }
        self.db = os.path.join(self.dir, "test.db")

    def path(self, name):
        return os.path.join(self.dir, name)

    def run(self, *args, db=True, input=None, env=None):
        argv = [self.exe]
        if db and self.db:
            argv += ["--db", self.db]
        argv += list(args)
        e = dict(self.env)
        if env:
            for k, v in env.items():
                if v is None:
                    e.pop(k, None)
                else:
                    e[k] = v
        data = input if isinstance(input, bytes) else (input or "").encode()
        p = subprocess.run(argv, input=data, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=e, timeout=60)
        return Result(p.returncode, p.stdout.decode("utf-8", "replace"),
                      p.stderr.decode("utf-8", "replace"))

    def run_on_tty(self, *args, db=True, stdout_too=False, status=False, cols=None, env=None):
        """Runs with stderr on a pseudo-terminal and stdout discarded (or on
        the same terminal, stdout_too); returns the bytes the terminal got,
        where a progress line goes (with the exit status first, status).
        cols sets the terminal's width; env adds to the environment.
        Read while it runs: a full terminal buffer would stop it."""
        import pty
        argv = [self.exe] + (["--db", self.db] if db and self.db else []) + list(args)
        master, slave = pty.openpty()
        if cols:
            import fcntl
            import struct
            import termios
            fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, cols, 0, 0))
        e = dict(self.env)
        e.update(env or {})
        p = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                             stdout=slave if stdout_too else subprocess.DEVNULL,
                             stderr=slave, env=e)
        os.close(slave)
        seen = b""
        try:
            while True:
                chunk = os.read(master, 4096)
                if not chunk:
                    break
                seen += chunk
        except OSError:   # EIO: every writer to the terminal has gone
            pass
        os.close(master)
        p.wait(timeout=120)
        return (p.returncode, seen) if status else seen

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def turkish_locale(into):
    """Builds tr_TR.UTF-8 under the directory `into` (localedef needs no
    root for that) and returns (env, None) with the variables that select
    it, or (None, why) when it cannot be had. Turkish is the locale whose
    case mapping differs from ASCII's: toupper('i') is 'i' there (the upper
    case is U+0130, not a byte) and tolower('I') is 'I'. A locale that
    does not show this would make a test under it prove nothing, so it
    counts as not had."""
    env = {"LOCPATH": into, "LC_ALL": "tr_TR.UTF-8"}
    try:
        p = subprocess.run(["localedef", "-i", "tr_TR", "-f", "UTF-8",
                            os.path.join(into, "tr_TR.UTF-8")],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, "localedef could not be run (%s)" % e
    if not os.path.exists(os.path.join(into, "tr_TR.UTF-8", "LC_CTYPE")):
        # localedef exits 1 for mere warnings, so the file decides.
        return None, "localedef -i tr_TR -f UTF-8 failed: %s" % (
            p.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
    probe = ("import ctypes, locale; locale.setlocale(locale.LC_ALL, ''); "
             "c = ctypes.CDLL(None); print(c.toupper(ord('i')), c.tolower(ord('I')))")
    e = dict(os.environ)
    e.update(env)
    p = subprocess.run([sys.executable, "-c", probe], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=e, timeout=60)
    if p.returncode != 0:
        return None, "setlocale(LC_ALL, \"tr_TR.UTF-8\") fails with LOCPATH=%s" % into
    if p.stdout.split() == [b"73", b"105"]:
        return None, "the tr_TR.UTF-8 built here maps i and I as ASCII does"
    return env, None


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def added_id(result):
    """The id from 'added N: NAME (stage)'."""
    first = result.out.split(":", 1)[0]
    return int(first.split()[-1])
