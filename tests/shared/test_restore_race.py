"""`partnerdesk restore FILE` checks and puts back one and the same copy:
the LD_PRELOAD shim lets FILE's owner write another database over it
after the check, just before the desk as it was is kept (and the copy
put back). What comes into the desk must be what was checked, never the
trigger the later bytes bring. A restore ended by a signal at one of its
moments (the shim stops it there) says what it left; so does one that
fails for a full disk once the desk as it was is kept."""
import glob
import os
import signal
import sqlite3
import subprocess
import sys

from pdshared import TAP, Env, integrity, sql

t = TAP()
env = Env(sys.argv[1])
shim = os.path.abspath(sys.argv[2])
asan = ":".join(x for x in (os.environ.get("ASAN_OPTIONS", ""), "verify_asan_link_order=0") if x)
env.run("add", "Harbor Museum")
copy = env.path("copy.db")
crafted = env.path("crafted.db")
t.ok(env.run("backup", copy).rc == 0 and env.run("backup", crafted).rc == 0, "two copies are made")
c = sqlite3.connect(crafted)
c.executescript("create trigger sweep after insert on interactions "
                "begin delete from partners where id <> new.partner_id; end;"
                "update partners set name = 'Swapped In';")
c.close()
env.run("add", "Later Partner")

r = env.run("restore", copy, env={"LD_PRELOAD": shim, "PD_SHIM_SWAP": "before-restore",
                                  "PD_SHIM_SWAP_FROM": crafted, "PD_SHIM_SWAP_TO": copy,
                                  "ASAN_OPTIONS": asan})
t.ok(r.rc == 0, "restore of the checked copy goes through", r)
t.eq(sql(env.db, "SELECT name FROM sqlite_schema WHERE name = 'sweep'"), [],
     "the trigger written over FILE after the check did not come into the desk")
t.eq(sql(env.db, "SELECT name FROM partners ORDER BY name"), [("Harbor Museum",)],
     "the desk holds the copy as it was checked")
t.eq(integrity(env.db), "ok", "and checks clean")
t.eq(glob.glob(env.db + ".before-restore-*-checking*"), [], "no snapshot is left beside the desk")

# A restore ended by Ctrl-C, SIGHUP or SIGTERM says what it left, as an
# import does: the shim stops it (SIGSTOP) at the moment, the signal comes,
# and it goes on. Before the desk as it was is kept, once it is kept, and
# once the copy is in (at the snapshot's removal).


good = env.path("good.db")
t.ok(env.run("backup", good).rc == 0, "a copy of the desk as restored")


def kept_files():
    return set(f for f in glob.glob(env.db + ".before-restore-*") if "-checking" not in f)


for moment, sig, outcome in (("copy.db", signal.SIGINT, "as it was"),
                             ("before-restore-", signal.SIGHUP, "kept"),
                             ("-checking.", signal.SIGTERM, "in")):
    env.run("add", "Partner Since The Copy")
    before = sql(env.db, "SELECT name FROM partners ORDER BY name")
    had = kept_files()
    p = subprocess.Popen(env.argv("restore", good), stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env=env.environ({"LD_PRELOAD": shim, "PD_SHIM_STOP": moment,
                                          "ASAN_OPTIONS": asan}))
    _, status = os.waitpid(p.pid, os.WUNTRACED)
    name = "restore ended by %s %s" % (signal.Signals(sig).name, {
        "as it was": "before the desk was kept", "kept": "once the desk was kept",
        "in": "once the copy was in"}[outcome])
    if not os.WIFSTOPPED(status):
        t.ok(False, name + ": the shim stopped it", status)
        continue
    p.send_signal(sig)
    os.kill(p.pid, signal.SIGCONT)
    out, err = p.communicate(timeout=60)
    err = err.decode(errors="replace")
    new = sorted(kept_files() - had)
    now = sql(env.db, "SELECT name FROM partners ORDER BY name")
    t.eq(p.returncode, -sig, name + ": it dies of the signal")
    if outcome == "as it was":
        t.eq(err, "partnerdesk: restore stopped: nothing was changed; the desk is as it was\n",
             name + ": says the desk is as it was")
        t.ok(now == before and new == [], name + ": and it is, with no copy of it left", (now, new))
    elif outcome == "kept":
        t.ok(len(new) == 1 and err == "partnerdesk: restore stopped before the copy went in: the "
             "desk is as it was; a copy of it was left in %s, which you may remove\n" % new[0],
             name + ": says the desk is as it was and names the copy of it left", (err, new))
        t.ok(now == before and sql(new[0], "SELECT name FROM partners ORDER BY name") == before,
             name + ": and it is, the copy of it too", now)
    else:
        t.ok(len(new) == 1 and err == "partnerdesk: restore stopped just after the copy went in: "
             "the desk holds %s; the desk as it was is kept in %s\n" % (good, new[0]),
             name + ": says the copy is in and where the desk as it was is kept", (err, new))
        t.ok(now == [("Harbor Museum",)] and
             sql(new[0], "SELECT name FROM partners ORDER BY name") == before,
             name + ": and so it is", now)
    t.eq(glob.glob(os.path.join(env.dir, ".*")), [], name + ": nothing hidden is left beside it")
    t.eq(integrity(env.db), "ok", name + ": the desk checks clean")

# A full disk met while the copy goes in (the shim fails writes to the
# desk's -wal), after the desk as it was is kept: the desk is unchanged,
# and the message names the kept file rather than saying nothing changed.
env.run("add", "Partner Since The Copy 2")
before = sql(env.db, "SELECT name FROM partners ORDER BY name")
had = kept_files()
r = env.run("restore", good, env={"LD_PRELOAD": shim, "PD_SHIM_ENOSPC": os.path.basename(env.db) + "-wal",
                                  "ASAN_OPTIONS": asan})
new = sorted(kept_files() - had)
name = "restore failed for a full disk once the desk was kept"
err = r.err.decode(errors="replace")
t.ok(r.rc == 1 and len(new) == 1 and "disk is full" in err and "nothing was changed" not in err
     and err.endswith("the desk is as it was; a copy of it was left in %s, which you may remove\n"
                      % new[0]), name + ": says so and names the copy left", (err, new))
t.ok(sql(env.db, "SELECT name FROM partners ORDER BY name") == before and new and
     sql(new[0], "SELECT name FROM partners ORDER BY name") == before,
     name + ": the desk is as it was, the copy of it too")
t.eq(integrity(env.db), "ok", name + ": the desk checks clean")
env.cleanup()
t.done()
