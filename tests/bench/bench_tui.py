#!/usr/bin/env python3
"""End-to-end benchmark of the terminal interface in a pty at 80x24 with the
benchmark database of N partners (default 100,000), beside Debian's abook
holding the same N names, in the same run.

Measures: start to first full frame; keystroke to settled screen (p50, p99)
for `j`, a filter character and switching to the kanban and back (`2`/`1`);
peak resident memory (VmHWM) before quitting; bytes written to the terminal
per `j` (also while the selection moves down the first page, once the list
scrolls, and the fewest and most) and per filter character. Then, on the
sample desk (--demo) at 200x50 as tests/tui/wire.py counts it, what the wire
carries for a dialog (the log form), a letter typed into it and the
reports view. A screen has settled when no byte has
come for QUIET seconds after the last one; the time is taken at the last
byte, so the quiet wait itself is not counted.

usage: bench_tui.py PARTNERDESK BENCH_MODEL_DIR [--n N] [--keys K]
The database comes from the model benchmark's cache (bench_model makes it).
Reports against the goals; never fails on a slow result."""

import argparse
import fcntl
import os
import pty
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time

ROWS, COLS = 24, 80
QUIET = 0.004          # settled after 4 ms without a byte
FIRST_QUIET = 0.150    # the first frame: longer, startup may pause between writes
TIMEOUT = 10.0


def percentile(values, p):
    v = sorted(values)
    if not v:
        return float("nan")
    k = (len(v) - 1) * p / 100.0
    lo = int(k)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


class Term:
    """A program on the far side of a pty, read until it goes quiet."""

    def __init__(self, argv, env):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            try:
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        self.t_start = time.monotonic()
        self.total = 0

    def settle(self, quiet, timeout=TIMEOUT):
        """Reads until `quiet` seconds pass without output; returns
        (time of the last byte, bytes read)."""
        n = 0
        last = None
        deadline = time.monotonic() + timeout
        while True:
            wait = quiet if last is not None else max(0.0, deadline - time.monotonic())
            r, _, _ = select.select([self.fd], [], [], wait)
            if not r:
                if last is not None or time.monotonic() >= deadline:
                    break
                continue
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                break
            if not data:
                break
            n += len(data)
            last = time.monotonic()
        self.total += n
        return last, n

    def key(self, k, quiet=QUIET):
        """Sends k; returns (seconds to the settled screen, bytes written)."""
        t0 = time.monotonic()
        os.write(self.fd, k)
        last, n = self.settle(quiet)
        return ((last - t0) if last else float("nan")), n

    def hwm_kib(self):
        try:
            with open("/proc/%d/status" % self.pid) as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return -1

    def close(self, quit_keys):
        try:
            os.write(self.fd, quit_keys)
            self.settle(0.05, timeout=2)
        except OSError:
            pass
        for _ in range(100):
            pid, _ = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.02)
        else:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)


def base_env(home):
    env = {
        "HOME": home,
        "PATH": "/usr/bin:/bin",
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TZ": "UTC",
        "XDG_CONFIG_HOME": os.path.join(home, ".config"),
        "XDG_DATA_HOME": os.path.join(home, ".local/share"),
        "ESCDELAY": "25",
    }
    return env


def first_frame(term):
    last, n = term.settle(FIRST_QUIET, timeout=60)
    return (last - term.t_start) if last else float("nan"), n


def run_partnerdesk(exe, db, keys, home):
    env = base_env(home)
    res = {}
    starts = []
    # Startup: a few fresh starts, the median reported.
    for _ in range(5):
        t = Term([exe, "--db", db], env)
        ff, n = first_frame(t)
        starts.append(ff)
        t.close(b"q")
    res["first"] = sorted(starts)[len(starts) // 2]
    t = Term([exe, "--db", db], env)
    first_frame(t)
    js = [t.key(b"j") for _ in range(keys)]
    res["j"] = [x[0] for x in js]
    res["j_bytes"] = sum(x[1] for x in js) / len(js)
    res["j_each"] = [x[1] for x in js]
    # Filter: type a word one character at a time, Esc, the next word.
    words = ["mus", "sci", "riv", "har", "lib", "zoo", "gar", "sch", "ban", "his"]
    fs = []
    wi = 0
    t.key(b"g")
    while len(fs) < keys:
        t.key(b"/")
        for ch in words[wi % len(words)]:
            fs.append(t.key(ch.encode()))
        t.key(b"\x1b", quiet=0.05)
        wi += 1
    res["filter"] = [x[0] for x in fs[:keys]]
    res["filter_bytes"] = sum(x[1] for x in fs[:keys]) / keys
    ks = []
    for i in range(keys):
        ks.append(t.key(b"2" if i % 2 == 0 else b"1"))
    res["kanban"] = [x[0] for x in ks]
    res["kanban_bytes"] = sum(x[1] for x in ks) / keys
    res["hwm"] = t.hwm_kib()
    t.close(b"q")
    return res


def run_wire(exe, home):
    """The sample desk at 200x50: bytes for the reports view (`4`), a kanban
    `l` and `j`, the detail opened (Enter) and its next tab (`l`), the log
    form opened over the list (`c`) and each letter typed into it."""
    global ROWS, COLS
    saved = ROWS, COLS
    ROWS, COLS = 50, 200
    try:
        # A home of its own: a draft the form leaves is not found next time.
        home = tempfile.mkdtemp(dir=home)
        env = base_env(home)
        t = Term([exe, "--demo", "--db", os.path.join(home, "demo.db")], env)
        first_frame(t)
        res = {}
        res["report"] = t.key(b"4", quiet=0.1)[1]
        # The kanban: the selection across the columns and back, then down
        # the first column and up again (a stage's colour on either side).
        t.key(b"2", quiet=0.1)
        ls = [t.key(k, quiet=0.05)[1] for k in [b"l"] * 5 + [b"h"] * 5]
        res["kanban_l"] = sum(ls) / len(ls)
        js = [t.key(k, quiet=0.05)[1] for k in [b"j"] * 4 + [b"k"] * 4]
        res["kanban_j"] = sum(js) / len(js)
        # The detail at full width: opened on a card, then its tabs.
        res["detail"] = t.key(b"\r", quiet=0.1)[1]
        ds = [t.key(b"l", quiet=0.05)[1] for _ in range(6)]
        res["detail_l"] = sum(ds) / len(ds)
        t.key(b"q", quiet=0.1)
        t.key(b"1", quiet=0.1)
        res["form"] = t.key(b"c", quiet=0.1)[1]
        text = b"Called back about the spring program"
        res["letter"] = sum(t.key(bytes([ch]), quiet=0.05)[1] for ch in text) / len(text)
        # The form holds typed text: end without being asked to keep it.
        os.kill(t.pid, signal.SIGTERM)
        t.close(b"")
    finally:
        ROWS, COLS = saved
    return res


def run_abook(abook_file, keys, home):
    env = base_env(home)
    res = {}
    starts = []
    argv = ["/usr/bin/abook", "--datafile", abook_file]
    for _ in range(5):
        t = Term(argv, env)
        ff, n = first_frame(t)
        starts.append(ff)
        t.close(b"Q")
    res["first"] = sorted(starts)[len(starts) // 2]
    t = Term(argv, env)
    first_frame(t)
    js = [t.key(b"j") for _ in range(keys)]
    res["j"] = [x[0] for x in js]
    res["j_bytes"] = sum(x[1] for x in js) / len(js)
    res["hwm"] = t.hwm_kib()
    # abook asks before quitting with changes; none were made. Q quits
    # without saving in any case, so the file stays as written.
    t.close(b"Q")
    return res


def ms(s):
    return "%.2f ms" % (s * 1e3)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("partnerdesk")
    ap.add_argument("dir")
    ap.add_argument("--n", type=int, default=int(os.environ.get("BENCH_TUI_N", "100000")))
    ap.add_argument("--keys", type=int, default=int(os.environ.get("BENCH_TUI_KEYS", "200")))
    ap.add_argument("--bench-model", default=None)
    a = ap.parse_args()

    db = None
    for f in sorted(os.listdir(a.dir)):
        if f.startswith("bench-g") and f.endswith("-%d.db" % a.n):
            db = os.path.join(a.dir, f)
    if db is None:
        bm = a.bench_model or os.path.join(a.dir, "bench_model")
        print("making the %d-partner database with %s ..." % (a.n, bm), file=sys.stderr)
        subprocess.run([bm, a.dir], env=dict(os.environ, BENCH_SIZES=str(a.n), BENCH_RUNS="1",
                                             BENCH_SKIP="open,filter,filter_set,filter_pair,filter_typo,filter_none,"
                                             "kanban,agenda,detail,"
                                             "export,import,quick_check"),
                       check=True, stdout=subprocess.DEVNULL)
        return main()

    home = tempfile.mkdtemp(prefix="pd-bench-tui-")
    try:
        # The interface gets its own copy so that nothing it writes (drafts,
        # statistics) changes the cached file.
        work = os.path.join(home, "desk.db")
        shutil.copyfile(db, work)
        os.chmod(work, 0o600)
        abook_file = os.path.join(home, "addressbook")
        with open(abook_file, "w", encoding="utf-8") as f:
            f.write("# abook addressbook file\n\n[format]\nprogram=abook\nversion=0.6.1\n\n\n")
            # The same names the generator gives, in the same order.
            names = subprocess.run([os.path.join(a.dir, "bench_names"), str(a.n)],
                                   capture_output=True, check=True, text=True).stdout.split("\n")
            for i, name in enumerate(names[: a.n]):
                f.write("[%d]\nname=%s\nemail=info@partner%d.example.org\n\n" % (i, name, i))

        pd = run_partnerdesk(a.partnerdesk, work, a.keys, home)
        wire = run_wire(a.partnerdesk, home)
        ab = run_abook(abook_file, a.keys, home) if os.path.exists("/usr/bin/abook") else None
    finally:
        shutil.rmtree(home, ignore_errors=True)

    print()
    print("partnerdesk end-to-end: %d partners, %dx%d pty, TERM=xterm-256color, %d keystrokes each"
          % (a.n, COLS, ROWS, a.keys))
    print("settled = no output for %.0f ms; the time is taken at the last byte" % (QUIET * 1e3))
    print()
    hdr = "%-34s %14s %14s %8s  %s" % ("measure", "partnerdesk", "abook", "ratio", "goal")
    print(hdr)
    print("-" * len(hdr))

    def row(name, ours, theirs, fmt, goal):
        r = "%.2fx" % (ours / theirs) if theirs not in (None, 0) and ours == ours else "-"
        print("%-34s %14s %14s %8s  %s" % (name, fmt(ours), fmt(theirs) if theirs is not None else "n/a", r, goal))

    kib = lambda v: "%.1f MB" % (v / 1024.0)
    byt = lambda v: "%.0f B" % v
    row("start to first full frame", pd["first"], ab and ab["first"], ms, "<= abook")
    row("j: p50", percentile(pd["j"], 50), ab and percentile(ab["j"], 50), ms, "")
    row("j: p99", percentile(pd["j"], 99), ab and percentile(ab["j"], 99), ms, "<= 2x abook")
    row("filter keystroke: p50", percentile(pd["filter"], 50), None, ms, "")
    row("filter keystroke: p99", percentile(pd["filter"], 99), None, ms, "< 16 ms")
    row("kanban/list switch (2/1): p50", percentile(pd["kanban"], 50), None, ms, "")
    row("kanban/list switch (2/1): p99", percentile(pd["kanban"], 99), None, ms, "")
    row("peak resident memory (VmHWM)", pd["hwm"], ab and ab["hwm"], kib, "< 0.5x abook")
    row("bytes written per j", pd["j_bytes"], ab and ab["j_bytes"], byt, "<= abook")
    first_page = pd["j_each"][:15]
    scrolling = pd["j_each"][30:]
    row("  the first 15 j (first page)", sum(first_page) / len(first_page), None, byt, "")
    if scrolling:
        row("  j 31 on (a line scrolled each)", sum(scrolling) / len(scrolling), None, byt, "")
    row("  fewest bytes for one j", min(pd["j_each"]), None, byt, "")
    row("  most bytes for one j", max(pd["j_each"]), None, byt, "")
    row("bytes written per filter key", pd["filter_bytes"], None, byt, "")
    row("bytes written per view switch", pd["kanban_bytes"], None, byt, "")
    print()
    print("abook has no filter-as-you-type and no kanban: those rows have no peer.")
    print()
    print("on the wire, the sample desk (--demo) at 200x50:")
    print("  the reports view (4):            %6.0f B" % wire["report"])
    print("  a kanban l (h back):             %6.1f B" % wire["kanban_l"])
    print("  a kanban j (k back):             %6.1f B" % wire["kanban_j"])
    print("  the detail opened (Enter):       %6.0f B" % wire["detail"])
    print("  the detail's next tab (l):       %6.1f B" % wire["detail_l"])
    print("  the log form opened (c):         %6.0f B" % wire["form"])
    print("  a letter typed into it:          %6.1f B" % wire["letter"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
