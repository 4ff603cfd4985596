"""Helpers shared by the tests of shared use (tests/shared/): TAP output,
a private temporary home per test, the binary runner, file fingerprints,
a pseudo-terminal driver with precise control of the master side, and the
scale factor that shortens the long runs under sanitizers and valgrind."""
import hashlib
import os
import pty
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time


class TAP:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, msg, detail=None):
        self.n += 1
        print(("ok %d - %s" if cond else "not ok %d - %s") % (self.n, msg))
        if not cond and detail is not None:
            for line in str(detail).splitlines() or [""]:
                print("#   " + line)
        if not cond:
            self.failed += 1
        sys.stdout.flush()
        return cond

    def eq(self, got, want, msg):
        return self.ok(got == want, msg, "got:  %r\nwant: %r" % (got, want))

    def note(self, msg):
        for line in str(msg).splitlines():
            print("# " + line)
        sys.stdout.flush()

    def skip(self, msg):
        self.n += 1
        print("ok %d - # SKIP %s" % (self.n, msg))
        sys.stdout.flush()

    def done(self):
        print("1..%d" % self.n)
        sys.stdout.flush()
        sys.exit(1 if self.failed else 0)


def sanitized():
    """True in an AddressSanitizer/UBSan build (meson sets PD_SANITIZED):
    every process is several times slower there, so long runs shrink."""
    return os.environ.get("PD_SANITIZED", "") not in ("", "0", "none")


def scaled(normal, under_sanitizer):
    return under_sanitizer if sanitized() else normal


class Result:
    def __init__(self, rc, out, err):
        self.rc, self.out, self.err = rc, out, err

    def __repr__(self):
        return "rc=%d\nstdout:\n%s\nstderr:\n%s" % (
            self.rc, self.out.decode(errors="replace")[-2000:],
            self.err.decode(errors="replace")[-2000:])


class Env:
    """A throwaway home and database for one test."""

    def __init__(self, exe, prefix="pd-shared-"):
        self.exe = os.path.abspath(exe)
        self.dir = tempfile.mkdtemp(prefix=prefix)
        os.chmod(self.dir, 0o755)
        self.home = os.path.join(self.dir, "home")
        os.mkdir(self.home)
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": self.home,
            "XDG_DATA_HOME": os.path.join(self.dir, "data"),
            "XDG_CONFIG_HOME": os.path.join(self.dir, "config"),
            "LC_ALL": "C.UTF-8",
            "TZ": "UTC",
            "TERM": "xterm-256color",
        }
        for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
            if k in os.environ:
                self.env[k] = os.environ[k]
        self.db = os.path.join(self.dir, "test.db")

    def path(self, name):
        return os.path.join(self.dir, name)

    def argv(self, *args, db=None):
        db = self.db if db is None else db
        return [self.exe] + (["--db", db] if db else []) + [str(a) for a in args]

    def environ(self, extra=None):
        e = dict(self.env)
        for k, v in (extra or {}).items():
            if v is None:
                e.pop(k, None)
            else:
                e[k] = v
        return e

    def run(self, *args, db=None, input=None, env=None, timeout=120, preexec=None):
        p = subprocess.run(self.argv(*args, db=db), input=input, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=self.environ(env), timeout=timeout,
                           preexec_fn=preexec)
        return Result(p.returncode, p.stdout, p.stderr)

    def cleanup(self):
        subprocess.run(["rm", "-rf", self.dir])


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def fingerprint(path):
    """The file and its WAL companions, as they lie on disk."""
    out = {}
    for suffix in ("", "-wal", "-shm", "-journal"):
        p = path + suffix
        if os.path.exists(p):
            out[suffix or "db"] = sha256(p)
    return out


def sql(db, query, params=()):
    """One query through Python's own sqlite3 (not the program under test)."""
    import sqlite3
    con = sqlite3.connect(db, timeout=30)
    try:
        return con.execute(query, params).fetchall()
    finally:
        con.close()


def integrity(db):
    rows = sql(db, "PRAGMA integrity_check")
    return "\n".join(r[0] for r in rows)


def cpu_seconds(pid):
    """utime + stime of a live process, from /proc (None when it is gone)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks
    except (OSError, IndexError):
        return None


class PtyProc:
    """A child on a pseudo-terminal whose master side we hold: output is
    drained by a thread (so the child never blocks on a full pty), and the
    master can be closed at a chosen moment to make the terminal vanish."""

    def __init__(self, argv, env, rows=24, cols=80, ignore_hup=False):
        import fcntl
        import struct
        import termios
        pid, fd = pty.fork()
        if pid == 0:
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                if ignore_hup:
                    signal.signal(signal.SIGHUP, signal.SIG_IGN)
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid = pid
        self.fd = fd
        self.buf = bytearray()
        self.lock = threading.Lock()
        self.status = None
        self.cpu = None
        self.closed = False
        self.reader = threading.Thread(target=self._drain, daemon=True)
        self.reader.start()

    def _drain(self):
        while True:
            try:
                r, _, _ = select.select([self.fd], [], [], 0.1)
            except (OSError, ValueError):
                return
            if self.closed:
                return
            if not r:
                continue
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return
            if not data:
                return
            with self.lock:
                self.buf += data

    def output(self):
        with self.lock:
            return bytes(self.buf)

    def rest(self, timeout=5.0):
        """Once the child has ended: all it wrote, after the reader has met
        the pty's end. (close_master stops the reader at once, so output
        still in the pty then would be lost.)"""
        self.reader.join(timeout)
        return self.output()

    def wait_for(self, needle, timeout=15.0):
        if isinstance(needle, str):
            needle = needle.encode()
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if needle in self.output():
                return True
            if self.poll() is not None:
                return needle in self.output()
            time.sleep(0.05)
        return False

    def send(self, data, delay=0.0):
        if isinstance(data, str):
            data = data.encode()
        if delay <= 0:
            os.write(self.fd, data)
            return
        for i in range(len(data)):
            os.write(self.fd, data[i:i + 1])
            time.sleep(delay)

    def resize(self, rows, cols):
        """The terminal changes size; the kernel tells the child (SIGWINCH)."""
        import fcntl
        import struct
        import termios
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def close_master(self):
        """The terminal goes away, as when an SSH connection drops."""
        if not self.closed:
            self.closed = True
            self.reader.join(1.0)
            os.close(self.fd)

    def poll(self):
        if self.status is None:
            try:
                pid, st, ru = os.wait4(self.pid, os.WNOHANG)
            except ChildProcessError:
                return self.status
            if pid == self.pid:
                self.status = st
                self.cpu = ru.ru_utime + ru.ru_stime
        return self.status

    def wait(self, timeout):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.poll() is not None:
                return self.status
            time.sleep(0.01)
        return None

    def kill(self):
        if self.poll() is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.wait(5)
        self.close_master()
