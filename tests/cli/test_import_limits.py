"""Where imported text meets a limit: a message quoting a long value cuts it
on a character's edge and says so with "..." (never half a UTF-8 sequence,
which a terminal shows as garbage), and notes larger than a note may be
are refused at every way in with the same limit, naming where they were;
so is a partner's or a contact person's name longer than 200 characters."""
import json
import os
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env  # noqa: E402

t = TAP()
env = Env(sys.argv[1])


def mid_char(s, at):
    """True when byte `at` of s is inside a character: a byte cut there
    would leave half of it."""
    b = s.encode()
    return len(b) > at and (b[at] & 0xC0) == 0x80


def run_raw(*args, input=None, db=None):
    """As env.run, but stderr as bytes: a lone byte must be seen as one."""
    p = subprocess.run([env.exe, "--db", db or env.db] + list(args), input=input,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env.env, timeout=60)
    return p.returncode, p.stdout, p.stderr


def quoted_cut_ok(err, key, what):
    """The stderr line holding `key` decodes as UTF-8, has no byte the
    output escaped as "\\xNN", and the quoted value ends in '..."'."""
    try:
        text = err.decode("utf-8")
    except UnicodeDecodeError as e:
        t.ok(False, what + ": stderr is UTF-8", repr(e))
        return
    lines = [ln for ln in text.splitlines() if key in ln]
    line = lines[0] if lines else ""
    t.ok(line and "\\x" not in line and "\ufffd" not in line and '..."' in line,
         what + ": cut on a character's edge, with ...", text)


try:
    # Cut at 60 bytes (scale, stage) and 40 (fiscal month, review date):
    # each value has a character across that byte.
    k60 = "x" + "한" * 40
    k40 = "한" * 40
    de = "S" + "ß" * 40
    assert mid_char(k60, 60) and mid_char(k40, 40) and mid_char(de, 60) and mid_char(de, 40)
    csv = env.path("cut.csv")
    with open(csv, "w", encoding="utf-8") as f:
        f.write("Name,Scale,Stage,Fiscal month,Review date\n")
        f.write("Alpha,%s,,,\n" % k60)
        f.write("Beta,,%s,,\n" % k60)
        f.write("Gamma,,,%s,\n" % k40)
        f.write("Delta,,,,%s\n" % de)
        f.write("Epsilon,%s,,,\n" % de)
    rc, out, err = run_raw("import", csv)
    t.ok(rc != 0, "bad cells: the import fails", err)
    quoted_cut_ok(err, "cut.csv:2:", "scale (Korean)")
    quoted_cut_ok(err, "cut.csv:3:", "stage (Korean)")
    quoted_cut_ok(err, "cut.csv:4:", "fiscal month (Korean)")
    quoted_cut_ok(err, "cut.csv:5:", "review date (German)")
    quoted_cut_ok(err, "cut.csv:6:", "scale (German)")

    # The column's name is cut at 20 bytes in the same message.
    header = "규모" * 10
    assert mid_char(header, 20)
    csv = env.path("header.csv")
    with open(csv, "w", encoding="utf-8") as f:
        f.write("Name,%s\nAlpha,huge\n" % header)
    rc, out, err = run_raw("import", csv, "--map", header + "=scale")
    t.ok(rc != 0, "a header mapped to scale: the bad cell fails", err)
    quoted_cut_ok(err, "header.csv:2:", "a long header named in the message")

    # A backup's messages quote its keys and values the same way.
    r = env.run("add", "Alpha")
    t.eq(r.rc, 0, "a partner to back up")
    backup = env.path("b.yaml")
    r = env.run("export", "-o", backup)
    t.eq(r.rc, 0, "backup written")
    with open(backup, encoding="utf-8") as f:
        good = f.read()
    for key, line in ((k60 + ": 1", "unknown key"), ("review_date: \"%s\"" % de, "review date")):
        bad = good.replace("  stage: glance\n", "  stage: glance\n  %s\n" % key, 1)
        path = env.path("bad.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(bad)
        rc, out, err = run_raw("import", path, db=env.path("restore.db"))
        t.ok(rc != 0, "backup with a bad %s is refused" % line, err)
        quoted_cut_ok(err, "bad.yaml:", "backup: " + line)

    # Notes: one limit, 65536 bytes, at every way in; a text at the limit
    # goes in, one past it is refused naming where it came from.
    LIMIT = 65536
    big, full = "x" * 70000, "y" * LIMIT
    csv = env.path("notes.csv")
    with open(csv, "w") as f:
        f.write("Name,Notes\nBig,%s\nFull,%s\n" % (big, full))
    r = env.run("--db", env.path("n1.db"), "import", csv, "--keep-going", db=False)
    t.ok('notes.csv:2: column "Notes" is 70000 bytes; notes hold at most 65536' in r.err,
         "CSV: a notes cell too long is named by its header", r.err[:400])
    t.ok("1 added" in r.out and "1 failed" in r.out, "CSV: a notes cell at the limit is imported", r)
    r = env.run("--db", env.path("n1.db"), "show", "Full", "--format", "json", db=False)
    t.ok(r.rc == 0 and full in r.out, "CSV: all of it", r.err)
    with open(csv, "w") as f:
        f.write("Name,Shoe size\nBig,%s\n" % big)
    r = env.run("--db", env.path("n2.db"), "import", csv, db=False)
    t.ok(r.rc != 0 and 'column "Shoe size" is 70000 bytes; notes hold at most 65536' in r.err,
         "CSV: a column kept in the notes, too long for them, is named", r.err[:400])

    # A cell over the reader's cap (4x the notes limit) is refused while
    # the file is read, before the importer knows the header; the message
    # still names the column by its header, with its letter, as other row
    # messages do. By the letter alone where there is no header to name
    # it by: a blank header cell, or the header row itself.
    CELL_MAX = 4 * LIMIT
    huge = "z" * 300000
    csv = env.path("cap.csv")
    with open(csv, "w") as f:
        f.write("Name,Email,Notes,,Shoe size\nHuge,h@x.org,%s,,\nFine,f@x.org,,,\n"
                "Blank,,,%s,\n" % (huge, huge))
    r = env.run("--db", env.path("cap.db"), "import", csv, "--keep-going", db=False)
    t.ok('cap.csv:2: column "Notes" (C) is 300000 bytes; a cell holds at most %d' % CELL_MAX
         in r.err, "CSV: a cell over the cap is named by its header and letter", r.err[:400])
    t.ok("cap.csv:4: column D is 300000 bytes; a cell holds at most %d" % CELL_MAX in r.err,
         "CSV: under a blank header cell, by its letter", r.err[:400])
    t.ok("1 added" in r.out and "2 failed" in r.out, "CSV: the other row goes in", r)
    with open(csv, "w") as f:
        f.write("Name,%s\nHuge,1\n" % huge)
    r = env.run("--db", env.path("cap2.db"), "import", csv, db=False)
    t.ok(r.rc != 0 and "cap.csv:1: column B is 300000 bytes; a cell holds at most %d" % CELL_MAX
         in r.err, "CSV: a header cell over the cap, by its letter", r.err[:400])

    vcf = env.path("big.vcf")
    with open(vcf, "w") as f:
        f.write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Org One\r\nORG:Org One\r\n"
                "NOTE:%s\r\nEND:VCARD\r\n" % big)
    r = env.run("--db", env.path("n3.db"), "import", vcf, db=False)
    t.ok(r.rc != 0 and 'big.vcf:5: card "Org One": NOTE is 70000 bytes; notes hold at most 65536' in r.err,
         "vCard: a NOTE too long is named with its line and card", r.err[:400])

    for key in ("notes", "text"):
        if key == "notes":
            bad = good.replace("  stage: glance\n", "  stage: glance\n  notes: %s\n" % big, 1)
        else:
            bad = good.replace("    by: root\n", "    by: root\n", 1).replace(
                "  history:\n", "  interactions:\n  - at: \"2026-11-01T10:00:00Z\"\n"
                "    text: %s\n  history:\n" % big, 1)
        path = env.path("notes.yaml")
        with open(path, "w") as f:
            f.write(bad)
        r = env.run("--db", env.path("n4%s.db" % key), "import", path, db=False)
        t.ok(r.rc != 0 and ('"%s" is 70000 bytes; notes hold at most 65536' % key) in r.err
             and "notes.yaml:" in r.err, "backup: a %s too long is named at its key" % key, r.err[:400])

    r = env.run("log", "Alpha", big)
    t.ok(r.rc != 0 and "the note is 70000 bytes; notes hold at most 65536" in r.err
         and "kept" not in r.err, "log: a note too long is refused, not kept to be refused again",
         r.err[:400])
    r = env.run("log", "Alpha", "-", input=big + "\n")
    t.ok(r.rc != 0 and "the note is 70000 bytes; notes hold at most 65536" in r.err,
         "log: the same from standard input", r.err[:400])
    r = env.run("log", "Alpha", "-", input=full + "\n")
    t.eq(r.rc, 0, "log: a note at the limit is logged")

    # Names: one limit, 200 characters (not bytes), at every way in; a
    # name at the limit goes in, one past it is refused saying so.
    at, past = "é" * 200, "N" * 201
    said = "a partner's name holds at most 200 characters, and this one has 201"
    ndb = env.path("names.db")
    r = env.run("--db", ndb, "add", at, db=False)
    t.eq(r.rc, 0, "add: a name of 200 characters (400 bytes) is added")
    r = env.run("--db", ndb, "add", past, db=False)
    t.ok(r.rc == 1 and said in r.err and not r.out, "add: 201 characters are refused, saying so", r)
    r = env.run("--db", ndb, "add", "x" * 100000, db=False)
    t.ok(r.rc == 1 and "this one has 100000" in r.err and len(r.err) < 300,
         "add: a 100 KB name is refused in a line", r.err[:400])
    r = env.run("--db", ndb, "edit", at[:10], "--name", past, db=False)
    t.ok(r.rc == 1 and said in r.err, "edit --name: the same", r)
    names = [p["name"] for p in json.loads(env.run("--db", ndb, "list", "--format", "json", db=False).out)]
    t.eq(names, [at], "only the name at the limit is stored")
    # A name stored before the limit keeps, unchanged, through an edit of
    # another field; renamed, it is held to it.
    con = sqlite3.connect(ndb)
    con.execute("UPDATE partners SET name = ? WHERE name = ?", (past, at))
    con.commit()
    con.close()
    r = env.run("--db", ndb, "edit", "1", "--phone", "555-0100", db=False)
    t.ok(r.rc == 0 and "updated" in r.out, "an old name past the limit does not hold up an edit", r)
    r = env.run("--db", ndb, "edit", "1", "--name", past + "M", db=False)
    t.ok(r.rc == 1 and "this one has 202" in r.err, "a new name past it is refused", r)

    csv = env.path("names.csv")
    with open(csv, "w", encoding="utf-8") as f:
        f.write("Name,Kind\nShort,museum\n%s,museum\n%s,museum\n" % (past, at))
    for dry in ([], ["--dry-run"]):
        r = env.run("--db", env.path("names2%s.db" % len(dry)), "import", csv, "--keep-going", *dry,
                    db=False)
        t.ok("names.csv:3: " + said in r.err and "2 added" in r.out and "1 failed" in r.out,
             "CSV%s: a name past the limit is refused at FILE:ROW, the others go in" % " ".join(dry),
             r)
    vcf = env.path("names.vcf")
    with open(vcf, "w", encoding="utf-8") as f:
        f.write("BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:%s\r\nEND:VCARD\r\n"
                "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nORG:%s\r\nEND:VCARD\r\n" % (past, past))
    r = env.run("--db", env.path("names3.db"), "import", vcf, db=False)
    t.ok(r.rc == 1 and "names.vcf:1: " + said in r.err and "names.vcf:6: " + said in r.err,
         "vCard: an org's FN or a person's ORG past the limit, at FILE:LINE", r.err[:600])
    # A backup restores what the desk kept: a name from before the limit
    # comes back whole, and the next export gives the same bytes.
    yml = env.path("names.yaml")
    with open(yml, "w", encoding="utf-8") as f:
        f.write("partnerdesk-backup: 1\npartners:\n- name: Fine\n- name: %s\n" % past)
    r = env.run("--db", env.path("names4.db"), "import", yml, db=False)
    t.ok(r.rc == 0 and said not in r.err, "backup: a name past the limit kept from before comes back", r)
    out1, out2 = env.path("names4a.yaml"), env.path("names4b.yaml")
    r = env.run("--db", env.path("names4.db"), "export", "-o", out1, db=False)
    r2 = env.run("--db", env.path("names5.db"), "import", out1, db=False)
    r3 = env.run("--db", env.path("names5.db"), "export", "-o", out2, db=False)
    t.ok(r.rc == 0 and r2.rc == 0 and r3.rc == 0 and past in open(out1, encoding="utf-8").read()
         and open(out1, "rb").read() == open(out2, "rb").read(),
         "backup: and goes round import and export byte for byte", r2)

    # A contact person's name: the same limit, at every way in (contact
    # add and edit --name, a CSV's Contact column, a vCard's FN); a backup
    # brings back what the desk kept.
    said = "a contact's name holds at most 200 characters, and this one has 201"
    cdb = env.path("people.db")
    env.run("--db", cdb, "add", "Canolfan", db=False)
    r = env.run("--db", cdb, "contact", "add", "Canolfan", at, db=False)
    t.eq(r.rc, 0, "contact add: a name of 200 characters (400 bytes) is added")
    r = env.run("--db", cdb, "contact", "add", "Canolfan", past, db=False)
    t.ok(r.rc == 1 and said in r.err and not r.out, "contact add: 201 characters are refused, saying so", r)
    r = env.run("--db", cdb, "contact", "add", "Canolfan", "x" * 100000, db=False)
    t.ok(r.rc == 1 and "this one has 100000" in r.err and len(r.err) < 300,
         "contact add: a 100 KB name is refused in a line", r.err[:400])
    r = env.run("--db", cdb, "contact", "edit", "Canolfan", at[:10], "--name", past, db=False)
    t.ok(r.rc == 1 and said in r.err, "contact edit --name: the same", r)
    people = lambda: [c["name"] for c in json.loads(
        env.run("--db", cdb, "show", "Canolfan", "--format", "json", db=False).out)["contacts"]]
    t.eq(people(), [at], "only the name at the limit is stored")
    con = sqlite3.connect(cdb)
    con.execute("UPDATE contacts SET name = ?, name_fold = ? WHERE name = ?", (past, past.lower(), at))
    con.commit()
    con.close()
    r = env.run("--db", cdb, "contact", "edit", "Canolfan", "N" * 10, "--title", "Director", db=False)
    t.ok(r.rc == 0 and people() == [past], "an old name past the limit does not hold up an edit", r)
    r = env.run("--db", cdb, "contact", "edit", "Canolfan", "N" * 10, "--name", past + "M", db=False)
    t.ok(r.rc == 1 and "this one has 202" in r.err, "a new name past it is refused", r)

    csv = env.path("people.csv")
    with open(csv, "w", encoding="utf-8") as f:
        f.write("Name,Contact\nOne,Ann Lee\nTwo,%s\nThree,%s\n" % (past, at))
    for dry in ([], ["--dry-run"]):
        r = env.run("--db", env.path("people2%s.db" % len(dry)), "import", csv, "--keep-going", *dry,
                    db=False)
        t.ok("people.csv:3: " + said in r.err and "1 failed" in r.out,
             "CSV%s: a Contact past the limit is refused at FILE:ROW" % " ".join(dry), r)
    r = env.run("--db", env.path("people20.db"), "export", "--format", "json", db=False)
    got = sorted(c["name"] for p in json.loads(r.out) for c in p.get("contacts", []))
    t.eq(got, sorted(["Ann Lee", at]), "CSV: the other rows' people go in")
    vcf = env.path("people.vcf")
    with open(vcf, "w", encoding="utf-8") as f:
        f.write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nORG:Canolfan\r\nEND:VCARD\r\n"
                "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:%s\r\nORG:Canolfan\r\nEND:VCARD\r\n" % past)
    r = env.run("--db", env.path("people3.db"), "import", vcf, db=False)
    t.ok(r.rc == 1 and "people.vcf:6: " + said in r.err, "vCard: an FN past the limit, at FILE:LINE",
         r.err[:600])
    yml = env.path("people.yaml")
    with open(yml, "w", encoding="utf-8") as f:
        f.write("partnerdesk-backup: 1\npartners:\n- name: Fine\n  contacts:\n  - name: %s\n" % past)
    r = env.run("--db", env.path("people4.db"), "import", yml, db=False)
    t.ok(r.rc == 0 and said not in r.err, "backup: a contact's name kept from before comes back", r)
    r = env.run("--db", env.path("people4.db"), "show", "Fine", "--format", "json", db=False)
    t.ok(r.rc == 0 and [c["name"] for c in json.loads(r.out)["contacts"]] == [past],
         "backup: whole", r)
finally:
    env.cleanup()
t.done()
