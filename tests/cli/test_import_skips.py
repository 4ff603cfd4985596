"""A file imported into a desk that holds its partners already (a backup
restored into its own desk, a sheet imported twice) skipped every row by
name and said so on a line each: a backup of the demo desk, a screen of
"skip" lines; a branch's desk, 754. Few such rows are still named one by
one; more are counted on one line that says how to list them (a dry run,
which names each as its plan). Every other message stays: a warning, a
row skipped for an earlier row's name, the advice after the summary."""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env  # noqa: E402

t = TAP()
env = Env(sys.argv[1])
demo_fill = sys.argv[2]
try:
    subprocess.run([demo_fill, env.db], check=True)
    n = len(json.loads(env.run("list", "--format", "json").out))
    t.ok(n > 10, "the demo desk holds %d partners" % n)

    backup = env.path("b.yaml")
    t.eq(env.run("export", "--format", "yaml", "-o", backup).rc, 0, "its backup")
    r = env.run("import", backup)
    t.eq(r.rc, 0, "the backup imported into its own desk", )
    t.eq(r.out.strip(), "0 added, 0 merged, %d skipped, 0 failed" % n, "the summary counts them")
    t.eq(r.err.splitlines(), ["partnerdesk: %s: %d partners skipped: the desk has a partner of each one's "
                              "name already; import with --dry-run to list them" % (backup, n)],
         "one line for them all, not one a partner")
    r = env.run("import", backup, "--dry-run")
    t.eq(r.out.count(": skip \""), n, "the dry run names each")

    sheet = env.path("b.csv")
    t.eq(env.run("export", "--format", "csv", "-o", sheet).rc, 0, "its CSV export")
    r = env.run("import", sheet)
    t.eq(r.rc, 0, "the CSV imported again")
    t.eq(r.err.splitlines(), ["partnerdesk: %s: %d rows skipped: the desk has a partner of each one's "
                              "name already; import with --dry-run to list them, or with "
                              "--on-duplicate merge to fill them in from the file" % (sheet, n)],
         "a sheet imported twice: one line")
    r = env.run("import", sheet, "--keep-going")
    t.eq(len(r.err.splitlines()), 1, "with --keep-going too")

    cards = env.path("b.vcf")
    t.eq(env.run("export", "--format", "vcf", "-o", cards).rc, 0, "its vCards")
    r = env.run("import", cards)
    t.ok(r.rc == 0 and len(r.err.splitlines()) == 1 and " cards skipped: the desk has a" in r.err,
         "vCards imported twice: one line", r)

    with open(sheet, encoding="utf-8", newline="") as f:
        rows = f.read().split("\r\n")
    head, body = rows[0], [row for row in rows[1:] if row]

    # Few: each named, as before; other messages beside them.
    few = env.path("few.csv")
    with open(few, "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join([head] + body[:3]) + "\r\n")
        f.write(",Brand New Reading Circle" + "," * (head.count(",") - 1) + "\r\n")
    r = env.run("import", few)
    t.eq(r.rc, 0, "three known rows and a new one")
    t.eq(r.err.count(": skip \""), 3, "three: each named")
    t.ok(all(few + ":%d: skip \"" % row in r.err for row in (2, 3, 4)), "by FILE:ROW", r)
    t.ok("1 added, 0 merged, 3 skipped" in r.out, "the new one added", r)

    # Few, among other messages: named in row order, as they were before
    # they waited for the count (they came after every other message).
    import re
    known = [p["name"] for p in json.loads(env.run("list", "--format", "json").out)[:3]]
    mixed = env.path("mixed.csv")
    with open(mixed, "w", encoding="utf-8", newline="") as f:
        f.write("Name,Email\r\n")
        for name, email in ((known[0], ""), ("Fresh Reading Circle", "not-an-address"), (known[1], ""),
                            ("Mixed Twin", ""), ("Mixed Twin", ""), (known[2], ""),
                            ("Another Fresh One", "also-not-an-address")):
            f.write("\"%s\",%s\r\n" % (name.replace('"', '""'), email))
    r = env.run("import", mixed)
    t.eq(r.rc, 0, "three known rows among new ones, warnings and a twin")
    rows = [int(m.group(1)) for m in re.finditer(r"^partnerdesk: %s:(\d+):" % re.escape(mixed), r.err, re.M)]
    t.eq(rows, [2, 3, 4, 6, 7, 8], "each row's message in row order, the known rows' skips among them")
    t.eq(r.err.count(": skip \""), 4, "the three known rows named, and the twin")

    # Many, among other messages: a warning, and a row skipped for the
    # name of an earlier row of the file, with its advice, all kept.
    many = env.path("many.csv")
    with open(many, "w", encoding="utf-8", newline="") as f:
        f.write("Name,Email\r\nEarly Warned,bad-address\r\n")
        for i, p in enumerate(json.loads(env.run("list", "--format", "json").out)[:12]):
            if i == 6:
                f.write("Middle Warned,also-bad\r\n")
            f.write("\"%s\",\r\n" % p["name"].replace('"', '""'))
        f.write("Twin Library,not-an-address\r\nTwin Library,\r\n")
    r = env.run("import", many)
    t.eq(r.rc, 0, "twelve known rows, three warnings, a twin")
    lines = r.err.splitlines()
    t.ok(any("12 rows skipped: the desk has a partner of each one's name already" in line for line in lines),
         "the twelve counted", r)
    t.ok(any(many + ":16: warning: email" in line for line in lines), "the warning kept", r)
    rows = [int(m.group(1)) for m in re.finditer(r"^partnerdesk: %s:(\d+):" % re.escape(many), r.err, re.M)]
    t.eq(rows, [2, 9, 16, 17], "the other rows' messages in row order")
    t.ok(any(many + ":17: skip \"Twin Library\": row 16 of this file has that name" in line
             for line in lines), "the skip for the file's own earlier row kept", r)
    t.ok(any("skipped for the name of an earlier row of this file" in line for line in lines),
         "and its advice", r)
    t.ok(len(lines) == 6, "and nothing more", r)
finally:
    env.cleanup()
t.done()
