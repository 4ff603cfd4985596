"""partnerdesk export from the command line: JSON and CSV read back by
Python's own parsers, the YAML backup by PyYAML and restored byte for byte
into an empty database, -o FILE created 0600, iCalendar and vCard shape,
and progress on stderr only when stderr is a terminal."""
import csv
import io
import json
import os
import re
import stat
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env  # noqa: E402

t = TAP()
env = Env(sys.argv[1])
try:
    env.run("add", "Musée d'Art, \"Łódź\"", "--kind", "museum", "--tag", "art")
    env.run("add", "Zoo; with = odd: chars", "--kind", "zoo")
    env.run("contact", "add", "Musée", "Zofia Nowak", "--title", "Education", "--email", "z@example.org")
    env.run("log", "Musée", "--channel", "phone", "--follow-up", "2030-01-02", "Talked, agreed\nnext steps")
    env.run("move", "Musée", "date", "--reason", "pilot")

    r = env.run("export", "--format", "json")
    t.eq(r.rc, 0, "json export")
    try:
        data = json.loads(r.out)
        t.eq(len(data), 2, "json: two partners")
        t.eq(data[0]["name"], "Musée d'Art, \"Łódź\"", "json: name")
        t.eq(data[0]["contacts"][0]["name"], "Zofia Nowak", "json: contacts nested")
        t.eq(data[0]["interactions"][0]["text"], "Talked, agreed\nnext steps", "json: text")
    except ValueError as e:
        t.ok(False, "json parses", e)

    r = env.run("export", "--format", "csv")
    t.eq(r.rc, 0, "csv export")
    rows = list(csv.DictReader(io.StringIO(r.out, newline="")))
    t.eq(len(rows), 2, "csv: two rows")
    t.eq(rows[1]["name"], "Zoo; with = odd: chars", "csv: name with odd characters")
    t.eq(rows[0]["next_follow_up"], "2030-01-02", "csv: next follow-up")

    r = env.run("export")
    t.eq(r.rc, 0, "yaml export (the default)")
    doc = yaml.safe_load(r.out)
    t.eq(doc["partnerdesk-backup"], 1, "yaml: format line")
    t.eq(doc["partners"][0]["history"][-1]["to"], "date", "yaml: history")

    out = env.path("backup.yaml")
    r = env.run("export", "-o", out)
    t.eq(r.rc, 0, "export -o")
    t.eq(stat.S_IMODE(os.stat(out).st_mode), 0o600, "-o creates the file 0600")
    t.ok(not [f for f in os.listdir(env.dir) if ".tmp-" in f], "no temporary file left")
    t.eq(r.out, "", "nothing on stdout with -o")
    env2_db = env.path("restored.db")
    r = env.run("--db", env2_db, "import", out, db=False)
    t.eq(r.rc, 0, "restore into an empty database")
    out2 = env.path("again.yaml")
    env.run("--db", env2_db, "export", "-o", out2, db=False)
    with open(out, "rb") as a, open(out2, "rb") as b:
        t.ok(a.read() == b.read(), "export, import, export: byte-identical")

    # Emoji (beyond U+FFFF) as themselves, a note holding one in its literal
    # block; restored exactly, and the backup of the restore the same bytes.
    em = env.path("emoji.db")
    env.run("--db", em, "add", "Caf\u00e9 \U0001F4DA Books", "--notes",
            "Met at the fair \U0001F389\nThey want a story time\nCall back Tuesday", db=False)
    em1, em2 = env.path("emoji1.yaml"), env.path("emoji2.yaml")
    env.run("--db", em, "export", "-o", em1, db=False)
    with open(em1, encoding="utf-8") as f:
        text = f.read()
    t.ok("- name: Caf\u00e9 \U0001F4DA Books\n" in text and
         "  notes: |-\n    Met at the fair \U0001F389\n    They want a story time\n" in text,
         "yaml: emoji written as themselves, the note a literal block", text)
    r = env.run("--db", env.path("emoji-back.db"), "import", em1, db=False)
    t.ok(r.rc == 0, "yaml: emoji restored", r)
    env.run("--db", env.path("emoji-back.db"), "export", "-o", em2, db=False)
    with open(em1, "rb") as a, open(em2, "rb") as b:
        t.ok(a.read() == b.read(), "yaml: emoji, export, import, export: byte-identical")
    shown = json.loads(env.run("--db", env.path("emoji-back.db"), "show", "Caf", "--format", "json",
                               db=False).out or "{}")
    t.eq(shown.get("notes"), "Met at the fair \U0001F389\nThey want a story time\nCall back Tuesday",
         "yaml: the note restored exactly")

    # CSV out, CSV in: the same partners, no ids or derived columns in notes.
    csv_out = env.path("partners.csv")
    env.run("export", "-o", csv_out)
    rdb = env.path("from-csv.db")
    r = env.run("--db", rdb, "import", csv_out, db=False)
    t.ok(r.rc == 0, "our own CSV export imports", r)
    r = env.run("--db", rdb, "export", "--format", "csv", db=False)
    back = list(csv.DictReader(io.StringIO(r.out, newline="")))
    t.eq([(b["name"], b["kind"], b["stage"], b["tags"], b["notes"]) for b in back],
         [(a["name"], a["kind"], a["stage"], a["tags"], a["notes"]) for a in rows],
         "CSV round trip keeps names, kinds, stages, tags and notes")

    # Every partner field survives export csv -> import into an empty
    # database, on the demo desk (30 missions, positions, directions):
    # list --format json compared field by field, leaving out what a new
    # database assigns (ids, versions, times) and what the log derives.
    demo = env.path("demo.db")
    env.run("--db", demo, "--demo", db=False)   # fills it, then wants a terminal
    r = env.run("--db", demo, "list", "--format", "csv", db=False)
    header = r.out.splitlines()[0].split(",") if r.out else []
    t.ok({"mission", "position", "directions"} <= set(header), "list --format csv has every partner field",
         header)
    demo_csv = env.path("demo.csv")
    r = env.run("--db", demo, "export", "--format", "csv", "-o", demo_csv, db=False)
    t.eq(r.rc, 0, "demo: csv export")
    r = env.run("--db", env.path("demo-back.db"), "import", demo_csv, db=False)
    t.ok(r.rc == 0 and r.out.strip() == "30 added, 0 merged, 0 skipped, 0 failed",
         "demo: the csv imports into an empty database", r)
    derived = {"id", "version", "created", "updated", "last_contact", "next_follow_up"}

    def fields(db):
        out = env.run("--db", db, "list", "--format", "json", db=False).out
        return {p["name"]: {k: v for k, v in p.items() if k not in derived} for p in json.loads(out)}
    before_csv, after_csv = fields(demo), fields(env.path("demo-back.db"))
    t.eq(len(before_csv), 30, "demo: thirty partners")
    diffs = ["%s.%s: %r -> %r" % (n, k, v, after_csv.get(n, {}).get(k))
             for n, p in sorted(before_csv.items()) for k, v in sorted(p.items())
             if after_csv.get(n, {}).get(k) != v]
    t.ok(not diffs, "demo: csv round trip keeps every partner field", "\n".join(diffs[:10]))
    t.ok(sum(1 for p in before_csv.values() if p["mission"]) == 30, "demo: the missions were there to lose")

    # A tag holding a comma comes back whole, alone or beside another; a
    # spreadsheet's "a, b" cell still splits.
    lists = env.path("lists.db")
    env.run("--db", lists, "add", "Comma One", "--tag", "Arts, culture", db=False)
    env.run("--db", lists, "add", "Comma Two", "--tag", "Arts, culture", "--tag", "teens", db=False)
    lists_csv = env.path("lists.csv")
    env.run("--db", lists, "export", "--format", "csv", "-o", lists_csv, db=False)
    with open(lists_csv, "a") as f:
        f.write(",Plain Commas,,,,,\"a, b\"\n")
    r = env.run("--db", env.path("lists-back.db"), "import", lists_csv, db=False)
    t.ok(r.rc == 0, "lists: the csv imports", r)

    def tags(name):
        out = env.run("--db", env.path("lists-back.db"), "show", name, "--format", "json", db=False).out
        return sorted(json.loads(out)["tags"]) if out else None
    t.eq(tags("Comma One"), ["Arts, culture"], "lists: a lone tag holding a comma stays whole")
    t.eq(tags("Comma Two"), ["Arts, culture", "teens"], "lists: beside another tag too")
    t.eq(tags("Plain Commas"), ["a", "b"], "lists: a spreadsheet's comma list still splits")

    # A value holding ';' (or starting with '"') is quoted in its cell and
    # comes back whole; a stray '"' inside a plain value stays plain.
    semi = env.path("semi.db")
    env.run("--db", semi, "add", "Semi", "--tag", "a;b", "--tag", "c,d", "--tag", '"quoted" tag',
            "--tag", '12" records', "--branch", "Cardiff; Central", db=False)
    env.run("--db", semi, "add", "Lone", "--tag", "x;y", "--branch", "Main, East",
            "--branch", "Town; \"Hall\"", db=False)
    r = env.run("--db", semi, "export", "--format", "csv", db=False)
    cells = {row["name"]: row for row in csv.DictReader(io.StringIO(r.out, newline=""))}
    t.eq(cells.get("Lone", {}).get("tags"), '"x;y"', "semicolons: the value quoted in its cell")
    t.eq(cells.get("Semi", {}).get("branches"), '"Cardiff; Central"', "semicolons: a branch too")
    semi_csv = env.path("semi.csv")
    env.run("--db", semi, "export", "--format", "csv", "-o", semi_csv, db=False)
    r = env.run("--db", env.path("semi-back.db"), "import", semi_csv, db=False)
    t.ok(r.rc == 0, "semicolons: the csv imports", r)

    def lists_of(db):
        out = env.run("--db", db, "list", "--format", "json", db=False).out
        return {p["name"]: (sorted(p["tags"]), sorted(p["branches"]), sorted(p["audiences"]))
                for p in json.loads(out or "[]")}
    t.eq(lists_of(env.path("semi-back.db")), lists_of(semi),
         "semicolons: tags and branches come back as they were")

    r = env.run("export", "--format", "ics")
    t.ok(r.out.startswith("BEGIN:VCALENDAR\r\n") and r.out.endswith("END:VCALENDAR\r\n"), "ics: a calendar")
    t.ok("BEGIN:VTODO" in r.out and "DUE;VALUE=DATE:20300102" in r.out, "ics: the follow-up", r.out)
    t.ok(all(len(line.encode()) <= 75 for line in r.out.split("\r\n")), "ics: folded at 75 octets")
    r2 = env.run("export", "--format", "ics")
    t.eq(r2.out, r.out, "ics: stable between exports")

    # A review on the last day there is: no DTEND before its start (it was
    # written as 99990101); a one-day event needs none (RFC 5545 3.6.1).
    env.run("add", "Far Horizons Trust")
    env.run("move", "Far Horizons", "date", "--reason", "met")
    env.run("add", "Near Shore Trust")
    env.run("move", "Near Shore", "date", "--reason", "met")
    env.run("move", "Near Shore", "engagement", "--reason", "signed", "--review", "2031-03-01")
    r = env.run("move", "Far Horizons", "engagement", "--reason", "signed", "--review", "9999-12-31")
    t.ok(r.rc == 0, "a review on 9999-12-31", r)
    r = env.run("export", "--format", "ics")
    ev = [e for e in r.out.split("BEGIN:VEVENT")[1:] if "Far Horizons" in e]
    t.ok(len(ev) == 1 and "DTSTART;VALUE=DATE:99991231\r\n" in ev[0] and "DTEND" not in ev[0],
         "ics: the 9999-12-31 event has its start and no DTEND", ev)
    starts = re.findall(r"DTSTART;VALUE=DATE:(\d{8})\r\nDTEND;VALUE=DATE:(\d{8})", r.out)
    t.ok(("20310301", "20310302") in starts and all(end > start for start, end in starts),
         "ics: an ordinary day's DTEND is the next day, and every DTEND is after its DTSTART", starts)

    r = env.run("export", "--format", "vcf")
    t.ok(r.out.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n"), "vcf: vCard 4.0")
    t.ok("FN:Zofia Nowak\r\n" in r.out and "ORG:Musée d'Art\\, \"Łódź\"\r\n" in r.out, "vcf: FN and escaped ORG", r.out)
    r = env.run("export", "--format", "pdf")
    t.eq(r.rc, 2, "an unknown format is a usage error")
    r = env.run("export", "-o", env.path("out.ics"))
    with open(env.path("out.ics")) as f:
        t.ok(f.read().startswith("BEGIN:VCALENDAR"), "the extension of -o picks the format")

    # Progress: silent when stderr is not a terminal, shown when it is.
    big = env.path("many.csv")
    with open(big, "w") as f:
        f.write("Name\n")
        for i in range(3000):
            f.write("Many %d\n" % i)
    r = env.run("--db", env.path("p1.db"), "import", big, db=False)
    t.eq(r.err, "", "no progress when stderr is not a terminal")
    seen = env.run_on_tty("--db", env.path("p2.db"), "import", big, db=False)
    t.ok(b"3000/3000 rows" in seen and b"\r" in seen, "progress on a terminal", seen[-200:])

    # Every export shows it, counting what it writes, to stdout or -o FILE.
    people = env.path("people.vcf")
    with open(people, "w") as f:
        for i in range(3000):
            f.write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %d\r\nORG:Org %d\r\nEND:VCARD\r\n"
                    % (i, i % 100))
    vdb = env.path("people.db")
    t.eq(env.run("--db", vdb, "import", people, db=False).rc, 0, "3,000 contact people")
    waiting = env.path("waiting.yaml")
    with open(waiting, "w") as f:
        f.write("partnerdesk-backup: 1\npartners:\n")
        for i in range(3000):
            f.write("- name: Waiting %d\n  stage: glance\n  interactions:\n"
                    "  - at: \"2026-01-01T10:00:00Z\"\n    channel: phone\n    text: call %d\n"
                    "    follow_up: \"2099-01-02\"\n" % (i, i))
    fdb = env.path("waiting.db")
    t.eq(env.run("--db", fdb, "import", waiting, db=False).rc, 0, "3,000 open follow-ups")
    cases = [
        ("vcf", vdb, ["export", "--format", "vcf"], b"exporting 3000/3000 contacts, ", b" contacts/s"),
        ("vcf -o", vdb, ["export", "-o", env.path("p.vcf")], b"exporting 3000/3000 contacts, ", b" contacts/s"),
        ("ics", fdb, ["export", "--format", "ics"], b"exporting 3000/3000 items, ", b" items/s"),
        ("ics -o", fdb, ["export", "-o", env.path("p.ics")], b"exporting 3000/3000 items, ", b" items/s"),
        ("csv -o", fdb, ["export", "-o", env.path("p.csv")], b"exporting 3000/3000 rows, ", b" rows/s"),
        ("list --format csv", fdb, ["list", "--format", "csv"], b"listing 3000/3000 rows, ", b" rows/s"),
        ("list --format json", fdb, ["list", "--format", "json"], b"listing 3000/3000 rows, ", b" rows/s"),
        ("list --format yaml", fdb, ["list", "--format", "yaml"], b"listing 3000/3000 rows, ", b" rows/s"),
    ]
    for name, db, args, line, rate in cases:
        r = env.run("--db", db, *args, db=False)
        t.ok(r.rc == 0 and r.err == "", name + ": no progress when stderr is not a terminal", r.err)
        seen = env.run_on_tty("--db", db, *args, db=False)
        t.ok(b"\rpartnerdesk: " + line in seen and rate in seen,
             name + ": progress on a terminal", seen[-200:])
    seen = env.run_on_tty("list", "--format", "csv")
    t.ok(b"listing" not in seen, "list: no progress for a few rows", seen)

    # A desk just brought in from a spreadsheet has nothing for a calendar
    # or an address book: the (empty) file is written and a note says why.
    bare = env.path("bare.db")
    env.run("--db", bare, "add", "Only Name Library", db=False)
    r = env.run("--db", bare, "export", "--format", "ics", db=False)
    t.ok(r.rc == 0 and "BEGIN:VCALENDAR" in r.out and "END:VCALENDAR" in r.out,
         "an empty calendar is still written", r)
    t.ok("calendar is empty" in r.err, "with a note saying why it is empty", r)
    r = env.run("--db", bare, "export", "--format", "vcf", "-o", env.path("bare.vcf"), db=False)
    t.ok(r.rc == 0 and os.path.getsize(env.path("bare.vcf")) == 0, "an empty address book is written", r)
    t.ok("address book is empty" in r.err and "contact add" in r.err,
         "with a note saying why and how to add people", r)
    r = env.run("export", "--format", "ics")
    t.ok(r.rc == 0 and "VTODO" in r.out and r.err == "", "a calendar with entries has no note", r)
    r = env.run("export", "--format", "vcf")
    t.ok(r.rc == 0 and "BEGIN:VCARD" in r.out and r.err == "", "an address book with cards has no note", r)
finally:
    env.cleanup()
t.done()
