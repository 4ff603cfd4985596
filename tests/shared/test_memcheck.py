"""valgrind memcheck on a scripted interface session: every view, the
detail tabs, the help overlay, filtering, a resize, the quick log saved with
Ctrl-S, a partner added through its form, a form cancelled, then quit.
valgrind must report no error and no definite or indirect leak (curses'
own still-reachable memory is not a leak), and the session must have done
what it was told (the note and the partner are in the database)."""
import os
import re
import shutil
import sys
import time

from pdshared import TAP, Env, PtyProc, sql

t = TAP()
env = Env(sys.argv[1])
demo_ok = env.run("add", "Harbor Science Center", "--kind", "museum").rc == 0
env.run("add", "Maple Grove School", "--kind", "school")
env.run("contact", "add", "Harbor", "Ana Ruiz", "--title", "Education Director")
env.run("log", "Harbor", "--follow-up", "+3d", "talked about the summer programme")
t.ok(demo_ok, "a small database to work on")

valgrind = shutil.which("valgrind")
if not valgrind:
    print("1..0 # SKIP valgrind is not installed")
    sys.exit(77)
log = env.path("valgrind.log")
argv = [valgrind, "-q", "--error-exitcode=99", "--leak-check=full",
        "--errors-for-leak-kinds=definite,indirect", "--show-leak-kinds=definite,indirect",
        "--log-file=" + log] + env.argv()
ui = PtyProc(argv, env.environ(), rows=30, cols=120)
t.ok(ui.wait_for("Harbor Science Center", 60), "the interface starts under valgrind",
     ui.output()[-300:])


def settle(before, most=10.0):
    """Waits for the interface to answer what was sent when its output was
    `before` bytes long: output has come and then stopped for a quarter of
    a second (every draw under valgrind is slow, but a fixed sleep long
    enough for the slowest waited as long for every quick one)."""
    end = time.monotonic() + most
    last, quiet_from = before, time.monotonic()
    while time.monotonic() < end and ui.poll() is None:
        n = len(ui.output())
        if n != last:
            last, quiet_from = n, time.monotonic()
        elif n > before and time.monotonic() - quiet_from >= 0.25:
            return
        time.sleep(0.02)


def step(keys):
    before = len(ui.output())
    ui.send(keys)
    settle(before)


def typed(text):
    before = len(ui.output())
    ui.send(text, delay=0.02)
    settle(before)


def resized(rows, cols):
    before = len(ui.output())
    ui.resize(rows, cols)
    settle(before)


step("?")            # help overlay
step("q")
step("j")
step("k")
step("\r")           # detail
for _ in range(6):
    step("l")        # every tab
step("q")
step("2")            # kanban
step("l")
step("3")            # agenda
step("4")            # reports
step("1")
step("/")
typed("maple")
step("\x1b")
resized(40, 140)
resized(30, 100)
step("c")            # quick log for the selected partner
typed("memcheck session note")
step("\x13")         # Ctrl-S
step("a")            # add a partner
typed("Valgrind Botanical Garden")
step("\x13")
step("a")            # a form cancelled: Esc, then confirm (Ctrl-X)
typed("Never saved")
step("\x1b")
step("\x18")         # Ctrl-X: the one key that discards
ui.send("q")
st = ui.wait(60)
if st is None:
    step("q")
    step("q")
    st = ui.wait(30)
t.ok(st is not None, "the interface quits")
ui.kill()
report = open(log, encoding="utf-8", errors="replace").read() if os.path.exists(log) else ""
code = os.waitstatus_to_exitcode(st) if st is not None else None
errors = re.findall(r"^==\d+== (?!.*(?:All heap blocks|still reachable)).*", report, re.M)
t.note("valgrind: exit status %s, %d report lines" % (code, len(errors)))
for line in errors[:30]:
    t.note(line)
t.ok(os.path.exists(log), "valgrind wrote its report (so it really ran)")
t.ok(code != 99 and not errors, "valgrind reports no error and no definite or indirect leak")
notes = sql(env.db, "SELECT count(*) FROM interactions WHERE text = 'memcheck session note'")[0][0]
added = sql(env.db, "SELECT count(*) FROM partners WHERE name = 'Valgrind Botanical Garden'")[0][0]
never = sql(env.db, "SELECT count(*) FROM partners WHERE name = 'Never saved'")[0][0]
t.eq((notes, added, never), (1, 1, 0), "the session did what it was told (note saved, "
     "partner added, the cancelled form saved nothing)")
env.cleanup()
t.done()
