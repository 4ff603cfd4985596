"""`partnerdesk restore FILE` checks and puts back one and the same copy:
the LD_PRELOAD shim lets FILE's owner write another database over it
after the check, just before the desk as it was is kept (and the copy
put back). What comes into the desk must be what was checked, never the
trigger the later bytes bring."""
import glob
import os
import sqlite3
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
env.cleanup()
t.done()
