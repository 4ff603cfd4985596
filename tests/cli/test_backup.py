"""The YAML backup restores what it wrote: under a config that no longer
lists some fit criteria, goals, channels or stages, with contact people who
share a name, and with the calendar and card UIDs a subscriber relies on.
Compares what the restored database holds, not only the bytes."""
import difflib
import json
import os
import re
import sqlite3
import subprocess
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env  # noqa: E402

t = TAP()
env = Env(sys.argv[1])
demo_fill = sys.argv[2]


def write(name, text):
    path = env.path(name)
    with open(path, "w") as f:
        f.write(text)
    return path


def read(path):
    with open(path, "rb") as f:
        return f.read()


def export(db, out, *config):
    return env.run(*config, "--db", db, "export", "-o", out, db=False)


def restore(db, backup, *config):
    return env.run(*config, "--db", db, "import", backup, db=False)


def contact_links(db):
    """Each interaction with the contact it points to, by what a person
    sees of them, not by row ids."""
    con = sqlite3.connect(db)
    try:
        return sorted(con.execute(
            "SELECT p.name, i.at, i.text, c.name, c.title, c.email FROM interactions i "
            "JOIN partners p ON p.id = i.partner_id "
            "LEFT JOIN contacts c ON c.id = i.contact_id").fetchall(), key=repr)
    finally:
        con.close()


try:
    subprocess.run([demo_fill, env.db], check=True)

    # 1. A config that has dropped fit criteria, goals and channels still
    # restores the backup it exported, hidden values and all.
    few = write("few.yaml", "fit_criteria:\n"
                "  - {key: mission, question: \"Does their mission overlap ours?\"}\n"
                "goals: [reach new users]\n"
                "channels: [phone]\n")
    cfg = ("--config", few)
    a = env.path("few-a.yaml")
    r = export(env.db, a, *cfg)
    t.eq(r.rc, 0, "export under a smaller config")
    text = read(a).decode()
    t.ok("criterion: position" in text and "goal: gain support" in text
         and "channel: email" in text, "the export keeps hidden scores, goals and channels")
    rdb = env.path("few.db")
    r = restore(rdb, a, *cfg)
    t.ok(r.rc == 0, "restore under the same smaller config", r)
    b = env.path("few-b.yaml")
    export(rdb, b, *cfg)
    t.ok(read(a) == read(b), "export, restore, export under it: byte-identical")
    # Under the full config again, the restored copy is the original.
    full_a, full_b = env.path("full-a.yaml"), env.path("full-b.yaml")
    export(env.db, full_a)
    export(rdb, full_b)
    t.ok(read(full_a) == read(full_b), "nothing was lost: the full config sees it all again")

    # Malformed values are still refused, naming the place.
    def one_partner(extra):
        return write("bad.yaml", "partnerdesk-backup: 1\npartners:\n- name: Zoo\n" + extra)
    bads = [
        ("  fit:\n  - criterion: position\n    score: 4\n", "should be a number from 0 to 3"),
        ("  fit:\n  - criterion: \"\"\n    score: 2\n", "criterion"),
        ("  fit:\n  - criterion: [a, b]\n    score: 2\n", "should be text"),
        ("  goals:\n  - goal: \"  \"\n", "goal"),
        ("  contacts:\n  - name: Sam\n    channel: [a]\n", "should be text"),
        ("  tags: art\n", "\"tags\" should be a list"),
        ("  tags: [art, [b]]\n", "items of \"tags\" should be text"),
        ("  contacts: Sam\n", "\"contacts\" should be a list"),
        ("  contacts:\n  - name: Sam\n    title: ~\n", None),
    ]
    for i, (extra, want) in enumerate(bads):
        r = restore(env.path("bad%d.db" % i), one_partner(extra), *cfg)
        if want is None:   # a null is as good as no key
            t.ok(r.rc == 0, "a null value is taken as none: %s" % " ".join(extra.split()), r)
            continue
        t.ok(r.rc == 1 and "bad.yaml:" in r.err and want in r.err,
             "a malformed value is still refused: %s" % want, r)

    # 2. A config that has dropped stages partners and agreements are in:
    # the restore keeps them, and says which partners are in such a stage.
    gone = write("stagegone.yaml", "stages:\n"
                 "  - {name: glance}\n  - {name: date}\n  - {name: dissolved, closed: true}\n"
                 "transitions:\n  - {from: glance, to: date}\n  - {from: \"*\", to: dissolved}\n")
    cfg = ("--config", gone)
    a, b = env.path("gone-a.yaml"), env.path("gone-b.yaml")
    export(env.db, a, *cfg)
    rdb = env.path("gone.db")
    r = restore(rdb, a, *cfg)
    t.ok(r.rc == 0, "restore under a config without engagement and marriage", r)
    warned = re.findall(r"^partnerdesk: \S*gone-a\.yaml:\d+:\d+: \"[^\"]+\" is in stage \"(\w+)\", "
                        r"which the config does not list; kept as it is$", r.err, re.M)
    t.ok(warned and set(warned) == {"engagement", "marriage"},
         "each partner in an unlisted stage is named, with its place", r.err)
    export(rdb, b, *cfg)
    t.ok(read(a) == read(b), "export, restore, export without those stages: byte-identical")
    export(rdb, b)
    export(env.db, a)
    t.ok(read(a) == read(b), "the full config sees every stage and agreement as it was")

    # 3. Two contacts of one partner with the same name: the interaction
    # with the second is restored against the second.
    zdb = env.path("zoo.db")
    zrun = lambda *a: env.run("--db", zdb, *a, db=False)  # noqa: E731
    zrun("add", "Zoo")
    zrun("contact", "add", "Zoo", "Sam Lee", "--title", "Keeper")
    zrun("contact", "add", "Zoo", "Sam Lee", "--title", "Educator", "--email", "b@x.org")
    zrun("log", "Zoo", "--at", "2026-11-02", "Talked to the educator")
    zrun("log", "Zoo", "--at", "2026-11-03", "Talked to the keeper")
    con = sqlite3.connect(zdb)
    # What the interface's contact picker does when the second Sam Lee is chosen.
    con.execute("UPDATE interactions SET contact_id = (SELECT id FROM contacts WHERE title = ?) "
                "WHERE text LIKE ?", ("Educator", "%educator"))
    con.execute("UPDATE interactions SET contact_id = (SELECT id FROM contacts WHERE title = ?) "
                "WHERE text LIKE ?", ("Keeper", "%keeper"))
    con.commit()
    con.close()
    a, b = env.path("zoo-a.yaml"), env.path("zoo-b.yaml")
    zrun("export", "-o", a)
    text = read(a).decode()
    t.ok("contact: Sam Lee\n    contact_number: 2\n" in text
         and "contact: Sam Lee\n    contact_number: 1\n" in text,
         "a shared name is written with its place in the contacts list", text)
    rdb = env.path("zoo-restored.db")
    r = restore(rdb, a)
    t.ok(r.rc == 0 and r.err == "", "restore of the zoo", r)
    t.eq(contact_links(rdb), contact_links(zdb), "each interaction points to the same person after a restore")
    export(rdb, b)
    t.ok(read(a) == read(b), "and the bytes are the same")
    # The demo desk too, person by person.
    rdb = env.path("demo-restored.db")
    export(env.db, a)
    restore(rdb, a)
    t.eq(contact_links(rdb), contact_links(env.db), "demo: every interaction keeps its person")

    # Older backups name the contact only: a unique name still works, a
    # shared one takes the first and says so; a wrong number is refused.
    old = ("partnerdesk-backup: 1\npartners:\n- name: Zoo\n  contacts:\n"
           "  - name: Sam Lee\n    title: Keeper\n  - name: Sam Lee\n    title: Educator\n"
           "  - name: Ana Ruiz\n  interactions:\n"
           "  - at: \"2026-11-02T00:00:00Z\"\n    contact: %s\n    text: hello\n")
    r = restore(env.path("old1.db"), write("old1.yaml", old % "Ana Ruiz"))
    t.ok(r.rc == 0 and r.err == "", "a unique plain name restores quietly", r)
    r = restore(env.path("old2.db"), write("old2.yaml", old % "Sam Lee"))
    t.ok(r.rc == 0 and re.search(r"old2\.yaml:12:14: 2 contacts are called \"Sam Lee\" and no "
                                 r"contact_number says which; the first is taken", r.err),
         "an ambiguous plain name restores with a warning naming the place", r)
    t.eq([x[4] for x in contact_links(env.path("old2.db"))], ["Keeper"], "linked to the first")
    r = restore(env.path("old3.db"), write("old3.yaml", old % "Sam Lee\n    contact_number: 3"))
    t.ok(r.rc == 1 and "old3.yaml:13:21: contact 3 of this partner is not \"Sam Lee\"" in r.err,
         "a contact_number that points elsewhere is refused", r)
    r = restore(env.path("old4.db"), write("old4.yaml", old % "Sam Lee\n    contact_number: 9"))
    t.ok(r.rc == 1 and "old4.yaml:13:21:" in r.err, "a contact_number out of range is refused", r)

    # 4. Calendar and card UIDs survive a backup and its restore (the
    # restore renumbers every row), so a subscribed calendar updates.
    def uids(db, fmt):
        r = env.run("--db", db, "export", "--format", fmt, db=False)
        return re.findall(r"^UID:(.*)\r$", r.out, re.M)

    export(env.db, a)
    rdb = env.path("uid-restored.db")
    restore(rdb, a)
    for fmt in ("ics", "vcf"):
        before, after = uids(env.db, fmt), uids(rdb, fmt)
        t.ok(before and len(set(before)) == len(before), "%s: every UID differs from the others" % fmt)
        t.eq(sorted(after), sorted(before), "%s: export, backup, restore, export: the same UIDs" % fmt)
    # Rows made in the same second (an import, say) are told apart in an
    # order the restore keeps; an agreement's review and end by its partner.
    same = '  created: "2026-05-01T10:00:00Z"\n'
    born = '    created: "2026-05-01T10:00:00Z"\n'
    def partner(name, review):
        return ("- name: %s\n  review_date: \"%s\"\n" % (name, review) + same
                + "  contacts:\n  - name: Bo\n" + born + "  - name: Al\n" + born
                + "  interactions:\n"
                + "  - at: \"2026-05-02T00:00:00Z\"\n    follow_up: \"2030-01-01\"\n" + born
                + "  - at: \"2026-05-01T00:00:00Z\"\n    follow_up: \"2030-01-02\"\n" + born
                + "  agreements:\n  - stage: glance\n    review_date: \"2030-03-01\"\n"
                + "    end_date: \"2030-06-30\"\n" + born)
    tied = write("tied.yaml", "partnerdesk-backup: 1\npartners:\n"
                 + partner("Beta Zoo", "2030-02-01") + partner("Alpha Zoo", "2030-02-02"))
    t1, t2 = env.path("tied1.db"), env.path("tied2.db")
    r = restore(t1, tied)
    t.ok(r.rc == 0, "a backup of rows created in one second", r)
    export(t1, a)
    restore(t2, a)
    for fmt in ("ics", "vcf"):
        before, after = uids(t1, fmt), uids(t2, fmt)
        t.ok(len(before) == (10 if fmt == "ics" else 4) and len(set(before)) == len(before),
             "%s: rows created in one second get different UIDs" % fmt, before)
        t.eq(sorted(after), sorted(before), "%s: and keep them through a restore" % fmt)

    # 5. A restore into a desk that has some of the partners names each
    # skipped one on stderr with the partner it matched, as CSV does.
    sdb = env.path("skipnamed.db")
    env.run("--db", sdb, "add", "Zoo Atlanta", db=False)
    sk = write("skip.yaml", "partnerdesk-backup: 1\npartners:\n- name: Art House\n"
               "- name: ZOO  atlanta\n")
    r = restore(sdb, sk)
    t.ok(r.rc == 0 and re.search(r"^partnerdesk: \S*skip\.yaml:4: skip \"ZOO  atlanta\": "
                                 r"partner #1 has that name$", r.err, re.M)
         and "1 added, 0 merged, 1 skipped" in r.out,
         "a skipped backup partner is named on stderr", r)

    # 6. Two documents in one file: refused, naming where the second
    # starts, and nothing restored.
    two = write("two.yaml", "partnerdesk-backup: 1\npartners:\n- name: A\n---\n"
                "partnerdesk-backup: 1\npartners:\n- name: B\n")
    tdb = env.path("two.db")
    r = restore(tdb, two)
    t.ok(r.rc == 1 and "two.yaml:4:1: a backup is one YAML document; a second starts here" in r.err,
         "a second YAML document is refused with its line", r)
    r = env.run("--db", tdb, "list", "--format", "json", db=False)
    t.ok(r.rc != 0 or json.loads(r.out or "[]") == [], "and nothing was restored", r)
    # One document with its end marker is still a backup.
    one = write("one.yaml", "---\npartnerdesk-backup: 1\npartners:\n- name: A\n...\n")
    r = restore(env.path("one.db"), one)
    t.ok(r.rc == 0 and "1 added" in r.out, "a single document with --- and ... restores", r)
    # A backup cut short at a line's end (still YAML) into a desk that has
    # a partner: refused, and the desk as it was.
    whole = env.path("whole.yaml")
    export(t1, whole)
    with open(whole, encoding="utf-8") as f:
        lines = f.read().splitlines(keepends=True)
    cut = write("cut.yaml", "".join(lines[:len(lines) // 2]))
    cdb = env.path("cut.db")
    env.run("--db", cdb, "add", "Already Here", db=False)
    r = restore(cdb, cut)
    t.ok(r.rc == 1 and "cut.yaml: the backup stops before its last line" in r.err
         and "nothing was restored" in r.err, "a backup cut short is refused as such", r)
    r = env.run("--db", cdb, "list", "--format", "json", db=False)
    t.eq([p["name"] for p in json.loads(r.out or "[]")], ["Already Here"], "and the desk is as it was")
    # A backup made before a marriage's agreement needed an approver
    # restores it as it was, without one (never refuse an older backup).
    wed = write("wed.yaml", "partnerdesk-backup: 1\npartners:\n- name: Wed Zoo\n  stage: marriage\n"
                "  agreements:\n  - stage: marriage\n    title: Two-year MOU\n")
    wdb = env.path("wed.db")
    r = restore(wdb, wed)
    t.ok(r.rc == 0 and r.err == "", "an old marriage agreement without an approver restores", r)
    ags = json.loads(env.run("--db", wdb, "show", "Wed Zoo", "--format", "json", db=False).out)["agreements"]
    t.eq([(a["stage"], a["title"], a["approved_by"]) for a in ags], [("marriage", "Two-year MOU", None)],
         "kept as it was, with no approver")
    # A fit criterion given twice is refused as a repeated key is.
    fit2 = write("fit2.yaml", "partnerdesk-backup: 1\npartners:\n- name: Zoo\n  fit:\n"
                 "  - criterion: mission\n    score: 1\n  - criterion: mission\n    score: 2\n")
    r = restore(env.path("fit2.db"), fit2)
    t.ok(r.rc == 1 and re.search(r"fit2\.yaml:7:\d+: fit criterion \"mission\" appears twice", r.err),
         "a fit criterion listed twice is refused with its place", r)

    # partnerdesk-backup(5)'s EXAMPLE is a backup as export writes it:
    # restored into an empty desk and exported again, it comes back byte
    # for byte (uids that start with a digit are quoted, as export does).
    page = open(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                             "..", "..", "man", "partnerdesk-backup.5"), encoding="utf-8").read()
    m = re.search(r"^\.SH EXAMPLE\n\.EX\n(.*?)^\.EE$", page, re.S | re.M)
    t.ok(m is not None, "the backup page has an EXAMPLE")
    if m:
        example = m.group(1).replace("\\-", "-").replace("\\(em", "\u2014").replace("\\&", "").replace("\\e", "\\")
        src = write("example.yaml", example)
        empty = env.path("example.db")
        r = env.run("--db", empty, "import", src, db=False)
        t.eq(r.rc, 0, "the page's example restores")
        back = env.path("example-out.yaml")
        r = env.run("--db", empty, "export", "--format", "yaml", "-o", back, db=False)
        t.eq(r.rc, 0, "and exports again")
        with open(back, encoding="utf-8") as f:
            again = f.read()
        t.ok(again == example, "byte for byte as the page shows it",
             "\n".join(l for l in difflib.unified_diff(example.splitlines(), again.splitlines(), lineterm="")))
        # The example's history is one the default rules let happen: a
        # glance becomes a date before an engagement.
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                               "..", "..", "config", "partnerdesk.yaml"), encoding="utf-8") as f:
            allowed = set(re.findall(r"\{from: (\w+), +to: (\w+),", f.read()))
        moves = [(h.get("from"), h["to"]) for p in yaml.safe_load(example)["partners"]
                 for h in p.get("history", []) if h.get("from")]
        t.ok(moves and all(m in allowed for m in moves),
             "every move in the example's history is one the default transitions allow", moves)
finally:
    env.cleanup()
t.done()
