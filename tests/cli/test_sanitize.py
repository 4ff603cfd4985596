"""No byte from the database reaches the terminal unfiltered: names and
notes holding escape sequences and control characters show as visible
placeholders in tables, cards and messages, while the data formats keep
the exact text (escaped by their own rules)."""
import json
import sys

import yaml

from harness import TAP, Env, added_id

t = TAP()
env = Env(sys.argv[1])
EVIL = "Evil\x1b]0;pwned\x07 Corp\x1b[2J"
C1 = "Sneaky\u009b31m Ltd"
try:
    evil = added_id(env.run("add", EVIL, "--kind", "business\x1b[5m", "--tag", "t\x1b[1m"))
    c1 = added_id(env.run("add", C1))
    env.run("log", str(evil), "line\x1b[31m red\r\x08overwrite")
    env.run("contact", "add", str(evil), "Mal\x1b[8mlory", "--title", "Head of \x07Bells")

    def clean(s):
        return "\x1b" not in s and "\x07" not in s and "\u009b" not in s and "\r" not in s and "\x08" not in s

    r = env.run("list")
    t.ok(r.rc == 0 and clean(r.out), "list: no raw control bytes", r)
    t.ok("Evil^[]0;pwned^G Corp^[[2J" in r.out, "ESC and BEL show as ^[ and ^G", r)
    t.ok("Sneaky\\x9b31m Ltd" in r.out, "a C1 control shows as \\x9b", r)

    r = env.run("show", str(evil))
    t.ok(r.rc == 0 and clean(r.out), "show (text): no raw control bytes", r)
    t.ok("line^[[31m red^M^Hoverwrite" in r.out, "the note is shown with placeholders", r)
    t.ok("Mal^[[8mlory" in r.out, "the contact name too", r)

    r = env.run("contact", "list", str(evil))
    t.ok(clean(r.out), "contact list: no raw control bytes", r)
    r = env.run("agenda")
    t.ok(clean(r.out), "agenda: no raw control bytes", r)
    r = env.run("add", EVIL)
    t.ok(clean(r.out) and clean(r.err), "confirmations and warnings are sanitized", r)
    r = env.run("show", "Evil")
    t.eq(r.rc, 1, "an ambiguous name")
    t.ok(clean(r.err) and "Evil^[" in r.err, "lists candidates sanitized", r)

    # A TAB or newline in a name is data, not layout: every message that
    # echoes the name shows it as the tables do (^I, ^J); a note's TAB in
    # show stays a TAB.
    TABBED = "Tab\tSchool"
    r = env.run("add", TABBED)
    t.ok(r.rc == 0 and "added " in r.out and ": Tab^ISchool (glance)" in r.out and "\t" not in r.out,
         "added: the TAB in the name shows as ^I", r)
    tabbed = added_id(r)
    r = env.run("add", "New\nline Trust")
    t.ok(r.rc == 0 and ": New^Jline Trust (glance)\n" in r.out and r.out.count("\n") == 1,
         "added: a newline in the name shows as ^J, the message is one line", r)
    r = env.run("contact", "add", str(tabbed), "Ana\tRuiz")
    t.ok(r.rc == 0 and "Ana^IRuiz" in r.out and "\t" not in r.out, "added contact: sanitized", r)
    r = env.run("log", str(tabbed), "Budget:\t$500", "--follow-up", "2099-01-01")
    t.ok(r.rc == 0 and "with Tab^ISchool" in r.out and "\t" not in r.out, "logged: sanitized", r)
    r = env.run("move", str(tabbed), "date", "--reason", "met")
    t.ok(r.rc == 0 and "Tab^ISchool" in r.out and "\t" not in r.out, "moved: sanitized", r)
    r = env.run("edit", str(tabbed), "--website", "https://tab.example")
    t.ok(r.rc == 0 and "Tab^ISchool" in r.out and "\t" not in r.out, "updated: sanitized", r)
    fid = json.loads(env.run("show", str(tabbed), "--format", "json").out)["interactions"][0]["id"]
    r = env.run("agenda", "done", str(fid))
    t.ok(r.rc == 0 and "Tab^ISchool" in r.out and "\t" not in r.out, "agenda done: sanitized", r)
    r = env.run("show", str(tabbed))
    t.ok("Tab^ISchool  (#" in r.out and "Budget:\t$500" in r.out,
         "show: the name sanitized, the note's TAB kept", r)

    r = env.run("show", str(evil), "--format", "json")
    j = json.loads(r.out)
    t.eq(j["name"], EVIL, "json keeps the exact name (escaped by JSON)")
    t.ok("\x1b" not in r.out, "json escapes the control bytes")
    t.eq(j["interactions"][0]["text"], "line\x1b[31m red\r\x08overwrite", "json keeps the exact note")
    r = env.run("show", str(c1), "--format", "yaml")
    t.eq(yaml.safe_load(r.out)["name"], C1, "yaml keeps the exact name")
    t.ok("\u009b" not in r.out, "yaml escapes the C1 control")

    # The CSV formats carry the exact bytes to a file or a pipe, but
    # printed straight to a terminal they show control characters as the
    # tables do, so a hostile name cannot retitle or clear the screen. A
    # long note of accents passes whole (tests/unit/cli/test_sanitize.c
    # cuts every letter and CRLF between writes).
    env.run("edit", str(c1), "--notes", "Caf\u00e9 \u00e0 c\u00f4t\u00e9 \u20ac " * 1500)
    for args in (["export", "--format", "csv"], ["list", "--format", "csv"], ["list", "--excel"]):
        seen = env.run_on_tty(*args, stdout_too=True).decode("utf-8", "replace")
        what = " ".join(args)
        # The terminal itself turns each LF into CR LF: only raw ESC, BEL,
        # C1 and a shown CR (^M) would be the program's.
        raw = any(c in seen for c in "\x1b\x07\x08\u009b")
        t.ok(not raw and "Evil^[]0;pwned^G Corp^[[2J" in seen and "Sneaky\\x9b31m Ltd" in seen,
             "%s on a terminal: ESC, BEL and C1 as ^[, ^G, \\x9b" % what, seen[:400])
        t.ok("\\x" not in seen.replace("\\x9b", "") and "^M" not in seen
             and "Caf\u00e9 \u00e0 c\u00f4t\u00e9 \u20ac " * 1499 in seen,
             "%s on a terminal: the accents pass whole, the CRLF record ends stay" % what, seen[-200:])
        r = env.run(*args)
        t.ok(EVIL in r.out and C1 in r.out, "%s into a pipe: the exact bytes" % what, r)

    # Text typed in a Latin-1 terminal reaches argv as bytes that are not
    # UTF-8 (surrogateescape carries them): refused, naming the field.
    before = env.run("export", "--format", "yaml").out
    r = env.run("add", "Caf\udce9 Lyon")
    t.eq(r.rc, 1, "a name that is not UTF-8: exit 1")
    t.ok("name is not UTF-8" in r.err and clean(r.err), "it says which field", r)
    r = env.run("log", str(c1), "r\udce9union lundi")
    t.ok(r.rc == 1 and "note is not UTF-8" in r.err, "a note that is not UTF-8 is refused", r)
    r = env.run("edit", str(c1), "--notes", "\udcff")
    t.ok(r.rc == 1 and "notes is not UTF-8" in r.err, "an edit too", r)
    t.ok(env.run("export", "--format", "yaml").out == before, "and nothing was stored (the backup "
         "text is the same)")

    # Which of several partners or contacts: the message's list is one
    # line a name, whatever newline a name holds.
    env.run("add", "Twin\nLines", "--kind", "museum")
    env.run("add", "Twin Peaks", "--kind", "museum")
    r = env.run("show", "Twin")
    t.ok(r.rc != 0 and "\n  #" in r.err and "Twin^JLines\n" in r.err and "Twin\nLines" not in r.err,
         "an ambiguous name's newline shows as ^J in the list", r)
    twin = added_id(env.run("add", "Contact Twins", "--kind", "museum"))
    env.run("contact", "add", str(twin), "Ann\nSmith")
    env.run("contact", "add", str(twin), "Ann Jones")
    r = env.run("log", str(twin), "--contact", "Ann", "called")
    t.ok(r.rc != 0 and "\n  #" in r.err and "Ann^JSmith\n" in r.err and "Ann\nSmith" not in r.err,
         "and so does a contact's in log's list of those a name matches", r)

    # A config error quotes the file's text: the interface's start prints
    # it filtered, as every command does (check, list).
    for n, text in enumerate(['"ki\\e]0;pwned\\ands": []\n',
                              'keys:\n  "do\\e[2Jwn": [x]\n']):
        cfg = env.path("evil%d.yaml" % n)
        with open(cfg, "w") as f:
            f.write(text)
        for args in ([], ["check"]):
            r = env.run("--config", cfg, *args)
            t.ok(r.rc == 1 and cfg + ":" in r.err + r.out and clean(r.err + r.out)
                 and "^[" in r.err + r.out,
                 "config %d, %s: the error shows ESC as ^[" % (n, " ".join(args) or "interface"), r)
finally:
    env.cleanup()
t.done()
