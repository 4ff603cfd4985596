"""Security of a shared database: files made 0600 (under umask 022 and 077)
unless an existing file says otherwise; no byte of data reaches the terminal
raw, whether it came through the command line (add, edit, log, contact add)
or an import (CSV, YAML, vCard), in `list`/`show` on a tty and in the
interface's own byte stream; the audit trail names the uid's user, not
$USER, and cannot be altered or erased."""
import os
import re
import stat
import sys
import time

from pdshared import TAP, Env, PtyProc, sql

t = TAP()
env = Env(sys.argv[1])


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def umasked(u):
    return lambda: os.umask(u)


# ---- modes ----
for u in (0o022, 0o077, 0o002):
    d = env.path("umask%03o" % u)
    os.mkdir(d)
    db = os.path.join(d, "new.db")
    r = env.run("add", "Someone", db=db, preexec=umasked(u))
    t.ok(r.rc == 0, "umask %03o: add creates the database" % u, r)
    t.eq(oct(mode(db)), oct(0o600), "umask %03o: a new database is 0600" % u)
    for side in ("-wal", "-shm"):
        if os.path.exists(db + side):
            t.eq(oct(mode(db + side)), oct(0o600), "umask %03o: its %s is 0600" % (u, side))
    bk = os.path.join(d, "backup.db")
    r = env.run("backup", bk, db=db, preexec=umasked(u))
    t.ok(r.rc == 0 and mode(bk) == 0o600, "umask %03o: a new backup is 0600 (%s)"
         % (u, oct(mode(bk)) if os.path.exists(bk) else "missing"), r)
    for fmt in ("yaml", "csv", "json", "vcf", "ics"):
        ex = os.path.join(d, "export." + fmt)
        r = env.run("export", "--format", fmt, "-o", ex, db=db, preexec=umasked(u))
        if r.rc != 0 and fmt == "ics" and b"libical" in r.err:
            continue
        t.ok(r.rc == 0 and mode(ex) == 0o600, "umask %03o: a new %s export is 0600 (%s)"
             % (u, fmt, oct(mode(ex)) if os.path.exists(ex) else "missing"), r)
    # Default place: the data directory is made private too.
    r = env.run("add", "Someone", db="", preexec=umasked(u),
                env={"XDG_DATA_HOME": os.path.join(d, "xdg")})
    defdb = os.path.join(d, "xdg", "partnerdesk", "partnerdesk.db")
    t.ok(r.rc == 0 and mode(defdb) == 0o600, "umask %03o: the default database is 0600" % u, r)
    t.ok(mode(os.path.dirname(defdb)) & 0o077 == 0, "umask %03o: its new directory is private (%s)"
         % (u, oct(mode(os.path.dirname(defdb)))))

# What is there is respected: a group-shared database keeps its mode, and
# SQLite gives its -wal and -shm the same, whatever the umask.
d = env.path("group")
os.mkdir(d)
db = os.path.join(d, "shared.db")
env.run("add", "First", db=db)
os.chmod(db, 0o660)
for side in ("-wal", "-shm"):
    if os.path.exists(db + side):
        os.unlink(db + side)
r = env.run("log", "First", "a note", db=db, preexec=umasked(0o077))
t.ok(r.rc == 0, "a 0660 database can be written under umask 077", r)
t.eq(oct(mode(db)), oct(0o660), "the 0660 database keeps its mode")
# Hold it open so the companions are there to look at.
import sqlite3
holder = sqlite3.connect(db)
holder.execute("SELECT count(*) FROM partners").fetchone()
r = env.run("log", "First", "another", db=db, preexec=umasked(0o077))
for side in ("-wal", "-shm"):
    if os.path.exists(db + side):
        t.eq(oct(mode(db + side)), oct(0o660), "its %s is 0660 like the database" % side)
holder.close()
bk = os.path.join(d, "old-backup.db")
with open(bk, "wb") as f:
    f.write(b"old")
os.chmod(bk, 0o640)
r = env.run("backup", "--force", bk, db=db, preexec=umasked(0o077))
t.ok(r.rc == 0 and mode(bk) == 0o640, "backup --force over a 0640 file keeps 0640 (%s)"
     % oct(mode(bk)), r)
ex = os.path.join(d, "export.yaml")
with open(ex, "wb") as f:
    f.write(b"old")
os.chmod(ex, 0o644)
r = env.run("export", "--format", "yaml", "-o", ex, db=db, preexec=umasked(0o077))
t.ok(r.rc == 0 and mode(ex) == 0o644, "export -o over a 0644 file keeps 0644 (%s)" % oct(mode(ex)), r)

# ---- hostile bytes ----
# Each path gets its own tag so a failure says where the bytes came in.
def hostile(tag):
    return ("Evil-%s \x1b]0;PWNED-%s\x07 \x1b[31mREDX-%s \x1b[2J \x1bP+qDCS-%s\x1b\\ "
            "\u009b31mCSIX-%s \x0eSOX-%s\x0f \x08\x7f\x05 end" % ((tag,) * 6))


db = env.db
cli = [("add", hostile("add")), ("edit", hostile("edit")), ("log", hostile("log")),
       ("contact", hostile("contact"))]
r = env.run("add", hostile("add"), "--tag", "hostile")
t.ok(r.rc == 0, "add takes a name full of control bytes", r)
r = env.run("add", "Plain Partner")
r = env.run("edit", "Plain Partner", "--notes", hostile("edit"), "--mission", hostile("edit"),
            "--owner", hostile("edit"), "--add-tag", "x" + hostile("edit").replace(" ", "_"))
t.ok(r.rc in (0, 1), "edit with control bytes answers", r)
if r.rc != 0:
    r = env.run("edit", "Plain Partner", "--notes", hostile("edit"), "--mission", hostile("edit"))
    t.ok(r.rc == 0, "edit with control bytes in notes and mission", r)
r = env.run("log", "Plain Partner", hostile("log"))
t.ok(r.rc == 0, "log takes control bytes", r)
r = env.run("contact", "add", "Plain Partner", hostile("contact"), "--title", hostile("contact"))
t.ok(r.rc == 0, "contact add takes control bytes", r)
# Raw C1 and invalid UTF-8 straight from argv: refused or made harmless.
r = env.run("add", b"Raw \x9b31mRAWC1 \xff end".decode("utf-8", "surrogateescape"))
t.note("add with raw 0x9b/0xff bytes: exit %d %s" % (r.rc, r.err.decode(errors="replace").strip()))

# CSV
csv = env.path("hostile.csv")
with open(csv, "w", encoding="utf-8") as f:
    f.write("Name,Notes,Contact,Title,Website\n")
    h = hostile("csv").replace('"', "")
    f.write('"CSV %s","%s","%s","%s","%s"\n' % (h, h, h, h, h))
r = env.run("import", csv)
t.ok(r.rc in (0, 1), "CSV import answers (exit %d)" % r.rc, r)
t.note("import CSV: exit %d %s" % (r.rc, r.err.decode(errors="replace").strip()[:300]))
# A CSV reader may refuse C0 bytes as binary; escape sequences alone
# are text a spreadsheet can hold, and must come through harmless.
csv2 = env.path("escapes.csv")
h = "Esc-csv \x1b]0;PWNED-csv\x07 \x1b[31mREDX-csv \u009b31mCSIX-csv end"
with open(csv2, "w", encoding="utf-8") as f:
    f.write("Name,Notes,Contact,Title\n")
    f.write('"CSV %s","%s","%s","%s"\n' % (h, h, h, h))
r = env.run("import", csv2)
t.ok(r.rc in (0, 1), "CSV import of escape sequences answers (exit %d)" % r.rc, r)
t.note("import CSV (escapes only): exit %d %s" % (r.rc, r.err.decode(errors="replace").strip()[:300]))


# YAML, with YAML's own escapes for the control characters
def yq(s):
    out = []
    for ch in s:
        o = ord(ch)
        if o < 0x20 or 0x7f <= o <= 0x9f:
            out.append("\\x%02x" % o if o <= 0xff else ch)
        elif ch in '"\\':
            out.append("\\" + ch)
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


yml = env.path("hostile.yaml")
h = hostile("yaml")
with open(yml, "w", encoding="utf-8") as f:
    f.write("partnerdesk-backup: 1\npartners:\n- name: %s\n  stage: glance\n  notes: %s\n"
            "  contacts:\n  - name: %s\n    title: %s\n"
            "  interactions:\n  - at: \"2026-01-05T10:00:00Z\"\n    channel: phone\n"
            "    text: %s\n" % (yq("YAML " + h), yq(h), yq(h), yq(h), yq(h)))
r = env.run("import", yml)
t.ok(r.rc in (0, 1), "YAML import answers (exit %d)" % r.rc, r)
t.note("import YAML: exit %d %s" % (r.rc, r.err.decode(errors="replace").strip()[:300]))

# vCard
vcf = env.path("hostile.vcf")
h = hostile("vcard").replace(",", " ").replace(";", " ")
with open(vcf, "w", encoding="utf-8", newline="") as f:
    f.write("BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:VCARD %s\r\nORG:VCARD %s\r\n"
            "NOTE:%s\r\nEND:VCARD\r\n" % (h, h, h))
    f.write("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Person %s\r\nORG:VCARD %s\r\nTITLE:%s\r\n"
            "EMAIL:p@example.org\r\nEND:VCARD\r\n" % (h, h, h))
r = env.run("import", vcf)
t.ok(r.rc in (0, 1), "vCard import answers (exit %d)" % r.rc, r)
t.note("import vCard: exit %d %s" % (r.rc, r.err.decode(errors="replace").strip()[:300]))

# A CSV row's or a vCard's name holding a control character is refused,
# named by its row or line; add and a YAML restore store one as it is.
stored = sql(db, "SELECT count(*) FROM partners WHERE name LIKE '%PWNED%'")[0][0]
t.note("partners holding escape sequences in their names: %d" % stored)
t.ok(stored >= 2, "the hostile data is stored (so the checks below mean something)")

BAD_CP = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f\udc80-\udc9f]")


def raw_control(data):
    """Control characters other than CR, LF, TAB in a terminal byte stream."""
    text = data.decode("utf-8", "surrogateescape")
    return sorted(set(m.group() for m in BAD_CP.finditer(text)))


def on_tty(*args):
    p = PtyProc(env.argv(*args), env.environ(), rows=50, cols=200)
    p.wait(30)
    time.sleep(0.2)
    out = p.output()
    p.kill()
    return p.status, out


status, out = on_tty("list", "--format", "table")
t.ok(status == 0 and b"PWNED" in out, "list --format table on a tty shows the partners")
t.eq(raw_control(out), [], "list --format table on a tty: no raw control byte")
for pid, in sql(db, "SELECT id FROM partners"):
    status, out = on_tty("show", str(pid))
    bad = raw_control(out)
    t.ok(status == 0 and not bad, "show %d on a tty: no raw control byte" % pid, repr(bad))
status, out = on_tty("agenda", "--days", "400")
t.eq(raw_control(out), [], "agenda on a tty: no raw control byte")
status, out = on_tty("report", "pipeline")
t.eq(raw_control(out), [], "report on a tty: no raw control byte")

# ---- the interface: its own escape sequences are fine, data's are not ----
ui = PtyProc(env.argv(), env.environ(), rows=40, cols=160)
t.ok(ui.wait_for("PWNED", 20), "the interface shows the hostile partners", ui.output()[-300:])
for key in ["j"] * 0 + ["\r", "l", "l", "l", "l", "l", "q", "j", "\r", "l", "l", "l", "q",
                        "j", "\r", "l", "l", "q", "2", "3", "4", "1", "/", "PWN", "\x1b", "q"]:
    ui.send(key)
    time.sleep(0.25)
st = ui.wait(10)
stream = ui.output()
ui.kill()
t.ok(st is not None, "the interface quits")
tags = ("add", "edit", "log", "contact", "csv", "yaml", "vcard")
leaks = []
for pat, what in ((rb"\x1b\]0;PWNED", "OSC title"), (rb"\x1b\[31mREDX", "CSI colour"),
                  (rb"\x1bP\+qDCS", "DCS"), (b"\xc2\x9b31mCSIX", "C1 CSI (UTF-8)"),
                  (b"\x9b31mRAWC1", "raw C1 CSI"), (b"\x0eSOX", "shift out"),
                  (rb"PWNED-[a-z]+\x07", "BEL after data")):
    n = len(re.findall(pat, stream))
    if n:
        leaks.append("%s x%d" % (what, n))
seen = [tg for tg in tags if ("PWNED-" + tg).encode() in stream]
t.note("interface: %d bytes of screen output; data from %s was drawn; leaks: %s"
       % (len(stream), ", ".join(seen) or "nothing", ", ".join(leaks) or "none"))
t.eq(leaks, [], "no escape sequence from data reaches the terminal in the interface")
t.ok(len(seen) >= 3, "the interface drew data from several paths (%s)" % ", ".join(seen))

# ---- audit ----
r = env.run("add", "Audited Org", env={"USER": "mallory", "LOGNAME": "mallory"})
t.ok(r.rc == 0, "add with USER=mallory", r)
import pwd
me = pwd.getpwuid(os.getuid()).pw_name
users = set(u for u, in sql(db, "SELECT os_user FROM audit"))
t.ok("mallory" not in users and me in users, "the audit trail names the uid's user (%s), "
     "not $USER (got %s)" % (me, sorted(users)))
r = env.run("show", "Audited Org", "--format", "json", env={"USER": "mallory"})
t.ok(b"mallory" not in r.out, "history and log name the uid's user, not $USER")

before = sql(db, "SELECT count(*), max(id) FROM audit")[0]
for q in ("UPDATE audit SET os_user = 'mallory'", "DELETE FROM audit",
          "UPDATE audit SET detail = 'nothing happened' WHERE id = 1"):
    try:
        sql(db, q)
        refused = False
    except sqlite3.DatabaseError as e:
        refused = "append-only" in str(e)
    t.ok(refused, "the schema refuses: %s" % q)
# Every command the program has, run once: the trail only grows.
for args in (("edit", "Audited", "--notes", "n"), ("move", "Audited", "date", "--reason", "r"),
             ("contact", "add", "Audited", "Cara"), ("log", "Audited", "x"),
             ("import", yml, "--on-duplicate", "merge"), ("export", "-o", env.path("e.yaml")),
             ("backup", env.path("b.db")), ("check",), ("list",), ("agenda",), ("report",)):
    n0 = sql(db, "SELECT count(*) FROM audit")[0][0]
    env.run(*args)
    n1 = sql(db, "SELECT count(*) FROM audit")[0][0]
    if n1 < n0:
        t.ok(False, "%s removed audit rows (%d -> %d)" % (args[0], n0, n1))
after = sql(db, "SELECT count(*), min(id) FROM audit")[0]
t.ok(after[0] >= before[0] and after[1] == 1, "no command removed an audit row (%d -> %d rows)"
     % (before[0], after[0]))
here = os.path.dirname(os.path.abspath(__file__))
src = os.path.join(here, "..", "..", "src")
offenders = []
for root, _, files in os.walk(src):
    for fn in files:
        if fn.endswith((".c", ".h")):
            text = open(os.path.join(root, fn), encoding="utf-8", errors="replace").read()
            if re.search(r"(DELETE\s+FROM|UPDATE|DROP\s+TRIGGER)\s+audit\b", text, re.I) and "RAISE" not in text:
                offenders.append(fn)
t.eq(offenders, [], "no source file updates, deletes from audit or drops its triggers")

env.cleanup()
t.done()
