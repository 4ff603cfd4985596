"""Where the database lives and what is refused: --db over
$PARTNERDESK_DB over the XDG default, a new file 0600 in a 0700 directory,
a file that is not ours left byte-for-byte unchanged, check on good and
damaged databases, backup producing a database that passes check."""
import json
import os
import sqlite3
import stat
import sys

from harness import TAP, Env, added_id, sha256

t = TAP()
env = Env(sys.argv[1])
try:
    # The default place, created with private modes.
    r = env.run("add", "Default Place", db=False)
    t.eq(r.rc, 0, "add with no --db uses the default database")
    default = os.path.join(env.data, "partnerdesk", "partnerdesk.db")
    t.ok(os.path.exists(default), "at $XDG_DATA_HOME/partnerdesk/partnerdesk.db")
    t.eq(stat.S_IMODE(os.stat(os.path.dirname(default)).st_mode), 0o700, "its directory is 0700")
    t.eq(stat.S_IMODE(os.stat(default).st_mode), 0o600, "the database is 0600")

    envdb = env.path("env.db")
    flagdb = env.path("flag.db")
    r = env.run("add", "From Env", db=False, env={"PARTNERDESK_DB": envdb})
    t.ok(r.rc == 0 and os.path.exists(envdb), "$PARTNERDESK_DB is used when there is no --db", r)
    r = env.run("--db", flagdb, "add", "From Flag", db=False, env={"PARTNERDESK_DB": envdb})
    t.ok(r.rc == 0 and os.path.exists(flagdb), "--db wins over $PARTNERDESK_DB", r)
    r = env.run("list", "--format", "json", db=False, env={"PARTNERDESK_DB": envdb})
    t.eq([p["name"] for p in json.loads(r.out)], ["From Env"], "the env database holds only its partner")
    r = env.run("list", "--format", "json", "--db", flagdb, db=False, env={"PARTNERDESK_DB": envdb})
    t.eq([p["name"] for p in json.loads(r.out)], ["From Flag"], "--db after the command name works too")
    r = env.run("list", "--format", "json", db=False)
    t.eq([p["name"] for p in json.loads(r.out)], ["Default Place"], "the default database is untouched by the others")

    # An empty --db (a script's unset "$TARGET") names no file: it must not
    # fall through to the live desk, least of all for restore and import.
    csv = env.path("q.csv")
    with open(csv, "w") as f:
        f.write("name\nEmpty Db Import\n")
    bk = env.path("bk-empty.db")
    r = env.run("--db", envdb, "backup", bk, db=False)
    t.ok(r.rc == 0, "a backup to restore from", r)
    live = sha256(default)
    for argv in (["--db", "", "import", csv], ["--db=", "import", csv],
                 ["--db", "", "restore", bk], ["restore", "--db", "", bk],
                 ["import", "--db=", csv], ["--db", "", "add", "Nowhere"], ["--db", ""]):
        r = env.run(*argv, db=False)
        t.ok(r.rc == 2 and "an empty --db names no file" in r.err,
             "%s: a usage error naming the empty --db" % " ".join(argv), r)
    t.eq(sha256(default), live, "and the default database is left as it was")
    # An empty $PARTNERDESK_DB is refused too (unlike an empty
    # $PARTNERDESK_CONFIG, which counts as unset): the database is written.
    for argv in (["restore", bk], ["import", csv], ["add", "Nowhere"], ["list"]):
        r = env.run(*argv, db=False, env={"PARTNERDESK_DB": ""})
        t.ok(r.rc == 1 and "PARTNERDESK_DB is set but empty" in r.err,
             "%s with PARTNERDESK_DB='': refused" % argv[0], r)
    t.eq(sha256(default), live, "still left as it was")
    r = env.run("list", "--help", db=False, env={"PARTNERDESK_DB": ""})
    t.eq(r.rc, 0, "--help does not need the database")

    r = env.run("list", db=False, env={"PARTNERDESK_DB": env.path("missing.db")})
    t.eq(r.rc, 1, "reading commands do not create a missing database")
    t.ok(not os.path.exists(env.path("missing.db")), "and leave no file behind")

    # A config that is not valid is refused with a position.
    bad = env.path("bad.yaml")
    with open(bad, "w") as f:
        f.write("stages: [unclosed\n")
    r = env.run("--config", bad, "list")
    t.eq(r.rc, 1, "an invalid --config fails")
    t.ok("bad.yaml:" in r.err, "naming the file and position", r)
    r = env.run("list", "--config", env.path("nonexistent.yaml"))
    t.eq(r.rc, 1, "a named config that is missing fails")

    # Files that are not ours are refused and left alone.
    foreign = env.path("foreign.db")
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
    con.execute("INSERT INTO invoices (amount) VALUES (12.5)")
    con.commit()
    con.close()
    before = sha256(foreign)
    for argv in (["list"], ["add", "Intruder"], ["check"], ["show", "1"], ["backup", env.path("b0.db")]):
        r = env.run("--db", foreign, *argv, db=False)
        t.eq(r.rc, 1, "a SQLite file that is not ours is refused by %s" % argv[0])
        t.ok(r.err.startswith("partnerdesk: "), "with a message", r)
    t.eq(sha256(foreign), before, "and it is byte-for-byte unchanged")
    t.ok(not os.path.exists(foreign + "-wal"), "no WAL file was left beside it")

    text = env.path("notes.txt")
    with open(text, "w") as f:
        f.write("this is not a database\n" * 50)
    before = sha256(text)
    r = env.run("--db", text, "add", "Intruder", db=False)
    t.eq(r.rc, 1, "a text file is refused")
    t.eq(sha256(text), before, "and left unchanged")

    # check on a good database, backup, check on the copy.
    for name in ["Alpha Museum", "Beta School", "Gamma Zoo"]:
        env.run("add", name)
    env.run("log", "Alpha", "--follow-up", "+1w", "first call")
    r = env.run("check")
    t.eq(r.rc, 0, "check on a good database exits 0")
    t.ok("ok" in r.out, "and says ok", r)

    # check also checks the config's keys: (the interface alone refused
    # them, so a bad edit passed every command and check).
    for name, text, want in [
            ("clash", "keys:\n  quit: [q]\n  down: [q]\n", ":3:10: key 'q' is bound to both"),
            ("unknown", "keys:\n  quitt: [x]\n", ":2:3: 'quitt' is not an action"),
            ("keyname", "keys:\n  quit: [Ctrl-Q]\n", ":2:10: 'Ctrl-Q' is not a key name"),
            ("nokey", "keys:\n  quit: []\n", ":2:3: 'quit' needs at least one key")]:
        cfg = env.path("keys-%s.yaml" % name)
        with open(cfg, "w") as f:
            f.write(text)
        r = env.run("--config", cfg, "check")
        t.ok(r.rc == 1 and (cfg + want) in r.out and "1 problem found" in r.err,
             "check refuses a config's bad keys (%s) at the key's position" % name, r)
    cfg = env.path("keys-good.yaml")
    with open(cfg, "w") as f:
        f.write("keys:\n  down: [k]\n  up: [j]\n")
    r = env.run("--config", cfg, "check")
    t.eq(r.rc, 0, "check passes a good keys: section")
    r = env.run("--config", env.path("keys-clash.yaml"), "list")
    t.eq(r.rc, 0, "other commands still run with bad keys (a call must be loggable)")

    copy = env.path("copy.db")
    r = env.run("backup", copy)
    t.eq(r.rc, 0, "backup exits 0")
    t.ok(os.path.exists(copy), "the copy exists")
    t.eq(stat.S_IMODE(os.stat(copy).st_mode), 0o600, "the copy is 0600")
    r = env.run("--db", copy, "check", db=False)
    t.eq(r.rc, 0, "the copy passes check")
    a = json.loads(env.run("list", "--format", "json").out)
    b = json.loads(env.run("--db", copy, "list", "--format", "json", db=False).out)
    t.eq([p["name"] for p in b], [p["name"] for p in a], "the copy holds the same partners")
    before = sha256(copy)
    r = env.run("backup", copy)
    t.eq(r.rc, 1, "backup refuses to replace an existing file")
    t.eq(sha256(copy), before, "leaving it alone")
    r = env.run("backup", copy, "--force")
    t.eq(r.rc, 0, "unless --force")

    # A damaged database: overwrite pages in the middle of the file.
    damaged = env.path("damaged.db")
    r = env.run("backup", damaged)
    size = os.path.getsize(damaged)
    with open(damaged, "r+b") as f:
        f.seek(4096)
        f.write(b"\xde\xad\xbe\xef" * ((size - 4096) // 4))
    r = env.run("--db", damaged, "check", db=False)
    t.eq(r.rc, 1, "check on a damaged database exits 1")
    t.ok(r.err.startswith("partnerdesk: ") or r.out, "and reports it", r)
    r = env.run("--db", damaged, "list", db=False)
    t.eq(r.rc, 1, "other commands refuse the damaged database too")

    # Header damage: the first page is gone.
    headless = env.path("headless.db")
    env.run("backup", headless)
    with open(headless, "r+b") as f:
        f.write(b"\0" * 100)
    before = sha256(headless)
    r = env.run("--db", headless, "check", db=False)
    t.eq(r.rc, 1, "check on a database without its header exits 1")
    t.eq(sha256(headless), before, "and changes nothing")
finally:
    env.cleanup()
t.done()
