"""Hangups with the terminal gone: the interface is in note entry (quick log
`c`, text typed) when the pseudo-terminal's master side is closed, as when
an SSH connection drops. The kernel sends SIGHUP: the program must exit
within 1 s and the typed note must be in the database as a draft. Then the
same with SIGHUP ignored (as under nohup): no signal comes, the dead
terminal must still end it, and it must not spin on the dead descriptor.
(The other half, the draft offered back on the next start, is
tests/tui/hangup.sh.)"""
import re
import sys
import time

from pdshared import TAP, Env, PtyProc, cpu_seconds, sanitized, sql

t = TAP()
env = Env(sys.argv[1])
LIMIT = 1.0 if not sanitized() else 3.0


def screen_text(data):
    """The stream without curses' escape sequences, to find typed text."""
    return re.sub(rb"\x1b(\[[0-9;?]*[A-Za-z@]|[()][0-9A-B]|[=>78M])", b"", data)


def typed(ui, text, timeout=10):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if text.encode() in screen_text(ui.output()):
            return True
        time.sleep(0.05)
    return False


def session(label, text, ignore_hup, db):
    env.db = db
    r = env.run("add", "Harbor Science Center", "--kind", "museum")
    t.ok(r.rc == 0, "%s: a partner to log a call with" % label, r)
    ui = PtyProc(env.argv(), env.environ(), ignore_hup=ignore_hup)
    t.ok(ui.wait_for("Harbor Science Center", 20), "%s: the interface is up" % label,
         ui.output()[-400:])
    ui.send("c")
    t.ok(ui.wait_for("Log a contact", 10), "%s: the quick log is open" % label, ui.output()[-400:])
    ui.send(text, delay=0.005)
    t.ok(typed(ui, text[-20:]), "%s: the note is typed" % label, screen_text(ui.output())[-400:])
    cpu_before = cpu_seconds(ui.pid)
    t0 = time.monotonic()
    ui.close_master()
    st = ui.wait(10)
    took = time.monotonic() - t0
    if st is None:
        # Still there: is it spinning?
        c0 = cpu_seconds(ui.pid)
        time.sleep(2)
        c1 = cpu_seconds(ui.pid)
        t.note("%s: still running 10 s after the terminal went; %.2f s of CPU in 2 s"
               % (label, (c1 or 0) - (c0 or 0)))
        ui.kill()
        t.ok(False, "%s: exits after the terminal goes" % label)
        return
    used = (ui.cpu or 0) - (cpu_before or 0)
    t.note("%s: exited %.3f s after the terminal went (status %s), %.3f s of CPU meanwhile"
           % (label, took, st, used))
    t.ok(took <= LIMIT, "%s: exits within %.0f s (%.3f s)" % (label, LIMIT, took))
    t.ok(used < 0.5 * max(took, 0.2) + 0.1, "%s: does not spin on the dead terminal" % label)
    drafts = sql(env.db, "SELECT form, payload FROM drafts")
    t.ok(any(text in (p or "") for _, p in drafts), "%s: the note is in the database as a draft"
         % label, repr(drafts)[:500])


session("SIGHUP", "Spoke with Ana: summer reading kickoff on the pier", False, env.path("hup.db"))
session("SIGHUP ignored", "Called Ben back about the robotics fair in May", True, env.path("nohup.db"))

env.cleanup()
t.done()
