"""partnerdesk import from the command line: a spreadsheet step by step
(dry run, import, summary), exit statuses, FILE:ROW messages, hostile files
leaving the database byte for byte unchanged, and an import killed with
SIGKILL halfway leaving the database as it was."""
import json
import os
import re
import signal
import stat
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env, sha256  # noqa: E402

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")

t = TAP()
env = Env(sys.argv[1])
try:
    wales = os.path.join(DATA, "csv", "libraries_wales.csv")
    r = env.run("import", wales, "--dry-run")
    t.eq(r.rc, 0, "dry run succeeds")
    t.ok("dry run, nothing written: 265 added, 0 merged, 0 skipped, 0 failed" in r.out, "dry run summary", r)
    t.ok("libraries_wales.csv:2: add \"Amlwch Library\"" in r.out, "row by row on stdout", r)
    r = env.run("list", "--format", "json")
    t.ok(r.rc != 0 or r.out.strip() in ("[]", ""), "dry run wrote nothing", r)

    r = env.run("import", wales)
    t.eq(r.rc, 0, "import succeeds")
    t.eq(r.out.strip(), "265 added, 0 merged, 0 skipped, 0 failed; kept in the notes:\n"
         "  \"Local authority code\", \"Type of library\", \"Statutory\", \"Year opened\",\n"
         "  \"Year closed\"", "summary: every column kept in the notes named, wrapped within 80 columns")
    r = env.run("import", wales)
    t.eq(r.out.strip(), "0 added, 0 merged, 265 skipped, 0 failed", "second time: all skipped")
    t.ok(": skip \"" not in r.err and "partnerdesk: " + wales + ": 265 rows skipped: the desk has a "
         "partner of each one's name already" in r.err, "so many counted on one line", r.err[:600])
    r = env.run("import", wales, "--dry-run")
    t.eq(r.out.count(": skip \""), 265, "the dry run names each skipped row")
    t.ok(wales + ":2: skip \"Amlwch Library\": partner #1 has that name" in r.out,
         "as FILE:ROW with the partner it matched", r.out[:300])
    # A dry run and a list read the file and leave its bytes: no statistics
    # rewritten on close by a connection that saved nothing (in a database
    # of one partner, SQLite's optimize finds a table grown by the dry run
    # and an index the list used worth analysing).
    small = env.path("small.db")
    r = env.run("--db", small, "add", "Ty Newydd", db=False)
    t.eq(r.rc, 0, "a database of one partner")
    before = sha256(small)
    r = env.run("--db", small, "import", wales, "--dry-run", db=False)
    t.ok(r.rc == 0 and "dry run, nothing written: 265 added" in r.out, "dry run into it", r)
    t.eq(sha256(small), before, "a dry run leaves the database file byte for byte")
    listed = env.path("listed.db")
    r = env.run("--db", listed, "add", "Ty Newydd", db=False)
    before = sha256(listed)
    r = env.run("--db", listed, "list", "--stage", "glance", db=False)
    t.ok(r.rc == 0 and "Ty Newydd" in r.out, "list runs", r)
    t.eq(sha256(listed), before, "a list leaves the database file byte for byte")

    scot = os.path.join(DATA, "csv", "libraries_scotland.csv")
    r = env.run("--db", env.path("scot.db"), "import", scot, db=False)
    # Two libraries give their email address as their website: imported
    # as the sheet has them, each said by its row and counted.
    t.eq(r.out.strip(), "480 added, 0 merged, 3 skipped, 0 failed, 2 warnings",
         "Scotland: three rows share a name")
    t.ok(("partnerdesk: %s:328: warning: website 'millportlibrary@north-ayrshire.gov.uk' looks like an "
          "email address; if it is one, it belongs in the email field; kept as it is\n" % scot) in r.err
         and ("%s:376: warning: website 'pitlochrylibrary@culturepk.org.uk' looks like" % scot) in r.err,
         "Scotland: the two email addresses in the website column are warned of by row", r.err[-800:])
    for row, earlier, name in ((148, 147, "Dalry Library"), (441, 440, "Tarbert Library"),
                               (483, 482, "Woodside Library")):
        t.ok("%s:%d: skip \"%s\": row %d of this file has that name\n" % (scot, row, name, earlier)
             in r.err, "Scotland: row %d named with the row it matched" % row, r)
    # The rest are in: importing the whole file again with --on-duplicate
    # new would add all 480 a second time, so that is not the advice.
    t.ok(r.err.endswith("partnerdesk: 3 rows skipped for the name of an earlier row of this file "
                        "are not in; if they are different partners (or people), import a file "
                        "of just those with --on-duplicate new, not this file again\n"),
         "after a real import the advice is a file of just those rows", r.err[-400:])
    r = env.run("--db", env.path("scot-dry.db"), "import", scot, "--dry-run", db=False)
    t.ok(r.err.endswith("partnerdesk: 3 rows skipped for the name of an earlier row of this file; "
                        "if they are different partners (or people), import with --on-duplicate "
                        "new, which keeps them all\n"),
         "after a dry run into an empty desk, --on-duplicate new for the whole file", r.err[-400:])
    env.run("--db", env.path("scot-dry.db"), "add", "Aberchirder Library", db=False)
    r = env.run("--db", env.path("scot-dry.db"), "import", scot, "--dry-run", db=False)
    t.ok("would keep them but also add the 1 other skipped row as new: import this "
         "file, then a file of just those with --on-duplicate new\n" in r.err,
         "but not when a row matches a partner the desk has", r.err[-400:])
    r = env.run("--db", env.path("scot-dry.db"), "import", scot, "--dry-run", db=False)
    dalry = "%s:148: skip \"Dalry Library\": row 147 of this file has that name" % scot
    t.ok(r.out.count(dalry) == 1 and dalry not in r.err,
         "dry run: a skipped row is named once, in the plan, with the row it matches", r)
    r = env.run("--db", env.path("scot2.db"), "import", scot, "--on-duplicate", "new", db=False)
    t.eq(r.out.strip(), "483 added, 0 merged, 0 skipped, 0 failed, 2 warnings",
         "--on-duplicate new keeps all three")

    # merge reaches the contact person; a stage cell is reported, not applied
    mdb = env.path("merge.db")
    env.run("--db", mdb, "add", "Merge Museum", db=False)
    a = env.path("a.csv")
    with open(a, "w") as f:
        f.write("Name,Contact,Title\nMerge Museum,Pat,Educator\n")
    env.run("--db", mdb, "import", a, "--on-duplicate", "merge", db=False)
    mg2 = env.path("mg2.csv")
    with open(mg2, "w") as f:
        f.write("Name,Contact,Title,Contact email,Contact phone,Stage\n"
                "Merge Museum,Pat,Director of Learning,pat@new.org,555-0000,marriage\n")
    r = env.run("--db", mdb, "import", mg2, "--on-duplicate", "merge", db=False)
    t.eq(r.out.strip(), "0 added, 1 merged, 0 skipped, 0 failed, 1 warning", "merge: the summary counts the warning")
    t.ok("mg2.csv:2: stage not changed" in r.err and "partnerdesk move" in r.err, "merge: the stage cell is reported", r)
    r = env.run("--db", mdb, "show", "merge", "--format", "json", db=False)
    shown = json.loads(r.out)
    t.eq(shown["stage"], "glance", "merge: the stage stays")
    t.eq([(c["name"], c["title"], c["email"], c["phone"]) for c in shown["contacts"]],
         [("Pat", "Director of Learning", "pat@new.org", "555-0000")], "merge: the contact's details replaced")
    # A review date for a dissolved partner is left out with a warning, in a
    # merge (the model refuses a new one there) and for a new row alike: the
    # rest of the sheet goes in.
    env.run("--db", mdb, "add", "Closed Club", db=False)
    env.run("--db", mdb, "move", "closed club", "dissolved", "--reason", "ended", db=False)
    rv = env.path("review.csv")
    with open(rv, "w") as f:
        f.write("Name,Review date,Stage,Phone\nClosed Club,2027-03-01,,555-0110\n"
                "Gone Gallery,2027-04-01,dissolved,\nOpen Gallery,2027-05-01,,\n")
    r = env.run("--db", mdb, "import", rv, "--on-duplicate", "merge", db=False)
    t.eq((r.rc, r.out.strip(), r.err.count("not kept")),
         (0, "2 added, 1 merged, 0 skipped, 0 failed, 2 warnings", 2),
         "review dates at an end state: the rows go in, each date left out said")
    t.ok("review.csv:2: review date 2027-03-01 not kept: \"Closed Club\" is at Dissolved" in r.err
         and "review.csv:3: review date 2027-04-01 not kept" in r.err, "each named by its row", r)
    got = {}
    for n in ("closed club", "gone gallery", "open gallery"):
        shown = json.loads(env.run("--db", mdb, "show", n, "--format", "json", db=False).out)
        got[n] = (shown.get("review_date"), shown.get("phone"))
    t.eq(got, {"closed club": (None, "555-0110"), "gone gallery": (None, None),
               "open gallery": ("2027-05-01", None)}, "the other fields kept, a live partner's date kept")
    pat = env.path("pat.vcf")
    with open(pat, "w") as f:
        f.write("BEGIN:VCARD\nVERSION:4.0\nFN:Pat\nORG:Merge Museum\nEMAIL:pat@vcard.org\nTEL:777\nEND:VCARD\n")
    r = env.run("--db", mdb, "import", pat, "--on-duplicate", "merge", db=False)
    t.eq(r.out.strip(), "0 added, 1 merged, 0 skipped, 0 failed", "vCard person merged")
    r = env.run("--db", mdb, "show", "merge", "--format", "json", db=False)
    t.eq([c["email"] for c in json.loads(r.out)["contacts"]], ["pat@vcard.org"], "vCard merge replaced the email")

    org = env.path("org.vcf")
    with open(org, "w") as f:
        f.write("BEGIN:VCARD\nVERSION:4.0\nKIND:org\nFN:Amlwch Library\nEND:VCARD\n")
    r = env.run("import", org)
    t.ok(org + ":1: skip \"Amlwch Library\": partner #1 has that name" in r.err,
         "a skipped vCard is named in the same form", r)

    bad = env.path("bad.csv")
    with open(bad, "w") as f:
        f.write("Name,Stage\nFine,glance\nWrong,courtship\n")
    before = sha256(env.db)
    r = env.run("import", bad)
    t.eq(r.rc, 1, "a bad row fails the import")
    t.ok("bad.csv:3: column \"Stage\" (read as the stage): no stage \"courtship\"" in r.err, "FILE:ROW: reason", r)
    # A stage mistyped in the sheet names the one meant.
    typo = env.path("typo.csv")
    with open(typo, "w") as f:
        f.write("Name,Stage\nFine,glance\nWrong,engagment\n")
    rt = env.run("import", typo, "--dry-run")
    t.ok('typo.csv:3: column "Stage" (read as the stage): no stage "engagment" (did you mean Engagement? '
         'stages: Glance, ' in rt.err, "a stage mistyped names the one meant", rt)
    t.ok("nothing was" in r.err, "says nothing was imported", r)
    t.eq(sha256(env.db), before, "database file unchanged")
    r = env.run("import", bad, "--keep-going")
    t.eq(r.rc, 1, "--keep-going still exits 1")
    t.ok("1 added, 0 merged, 0 skipped, 1 failed" in r.out, "but imports the good row", r)

    r = env.run("import", bad, "--on-duplicate", "sometimes")
    t.eq(r.rc, 2, "a bad option value is a usage error")
    r = env.run("import", bad, "--map", "Nope=name")
    t.eq(r.rc, 1, "--map naming no column fails")
    t.ok("no column" in r.err, "and says so", r)

    hostile = {
        "esc.csv": b"Name\n\x1b]0;owned\x07\x1b[2Jx\n",
        "nul.csv": b"Name\nA\x00B\n",
        "bad-utf8.csv": b"Name\nMus\xc3\xa9e\n\xff\xfe\n",
        "notcsv.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "huge.csv": b"Name,Notes\nBig," + b"x" * (1 << 20) + b"\n",
    }
    before = sha256(env.db)
    for name, data in hostile.items():
        p = env.path(name)
        with open(p, "wb") as f:
            f.write(data)
        r = env.run("import", p, "--format", "csv")
        t.eq(r.rc, 1, name + ": refused")
        t.ok(r.err.startswith("partnerdesk: ") and len(r.err) < 2000, name + ": one clear message", r)
        t.ok("\x1b" not in r.err and "\x07" not in r.err, name + ": no control bytes echoed")
        t.eq(sha256(env.db), before, name + ": database unchanged")
    r = env.run("import", "/bin/true", "--format", "csv")
    t.eq(r.rc, 1, "/bin/true refused")
    t.eq(sha256(env.db), before, "/bin/true: database unchanged")
    r = env.run("import", env.path("missing.csv"))
    t.eq(r.rc, 1, "a missing file fails")

    # A failed import, or a dry run, leaves no database behind at a new
    # --db path: the input is read first, and a new database gets its
    # name only when the import committed.
    def leftovers(name):
        return sorted(f for f in os.listdir(env.dir) if f.startswith(name))
    noname = env.path("noname.csv")
    with open(noname, "w") as f:
        f.write("Colour\nred\n")
    for name, args in (("nf1.db", [env.path("missing.csv")]),
                       ("nf2.db", [env.path("nosuch.yaml"), "--dry-run"]),
                       ("nf3.db", [wales, "--dry-run"]),
                       ("nf4.db", [noname]),
                       ("nf5.db", [bad])):
        r = env.run("--db", env.path(name), "import", *args, db=False)
        t.eq(leftovers(name), [], "%s %s: no database left behind (rc %d)" % (name, " ".join(args[1:]), r.rc))
    # The same at the default place, whose directory a first import makes.
    for args in ([noname], [bad], [wales, "--dry-run"]):
        r = env.run("import", *args, db=False)
        t.ok(r.rc != 0 or "dry run" in r.out, "default place: %s refused or dry" % " ".join(args[1:]), r)
        t.ok(not os.path.exists(os.path.join(env.data, "partnerdesk")),
             "default place: %s leaves no database and no directory" % os.path.basename(args[0]),
             os.listdir(os.path.join(env.data, "partnerdesk"))
             if os.path.isdir(os.path.join(env.data, "partnerdesk")) else "")
    r = env.run("import", "-", input="Name\nFirst Import\n", db=False)
    t.eq(sorted(os.listdir(os.path.join(env.data, "partnerdesk"))), ["partnerdesk.db"],
         "default place: a good first import makes the directory and the database")
    r = env.run("--db", env.path("nf3.db"), "import", wales, "--dry-run", db=False)
    t.ok("dry run, nothing written: 265 added" in r.out, "a dry run into a new database still reports every row", r)
    r = env.run("--db", env.path("nf6.db"), "import", "-", input="Name\nFrom Stdin\n", db=False)
    t.eq(r.out.strip(), "1 added, 0 merged, 0 skipped, 0 failed", "a good import makes the new database")
    t.eq(leftovers("nf6.db"), ["nf6.db"], "under its own name only")
    t.eq(stat.S_IMODE(os.stat(env.path("nf6.db")).st_mode), 0o600, "created 0600")
    r = env.run("--db", env.path("nf6.db"), "list", db=False)
    t.ok("From Stdin" in r.out, "holding the import", r)

    # partnerdesk's own JSON export is refused as JSON, not as broken CSV
    env.run("--db", env.path("j.db"), "add", "Json Museum", db=False)
    full = env.path("full.json")
    env.run("--db", env.path("j.db"), "export", "--format", "json", "-o", full, db=False)
    one = env.path("one.out")
    with open(one, "w") as f:
        f.write(env.run("--db", env.path("j.db"), "list", "--format", "json", db=False).out)
    for p in (full, one):
        r = env.run("--db", env.path("nj.db"), "import", p, db=False)
        t.ok(r.rc == 1 and "is JSON" in r.err and "export --format yaml" in r.err and "quoted" not in r.err,
             os.path.basename(p) + ": refused as JSON, pointing to the YAML backup", r)
    t.eq(leftovers("nj.db"), [], "JSON: no database made")

    # A copy `backup` wrote is a database: said so, pointing to restore,
    # whatever --format or name it is given.
    bk = env.path("bk.db")
    t.eq(env.run("--db", env.path("j.db"), "backup", bk, db=False).rc, 0, "(a backup copy)")
    for argv in (["--dry-run"], [], ["--format", "yaml"]):
        r = env.run("--db", env.path("nb.db"), "import", bk, *argv, db=False)
        t.ok(r.rc == 1 and "bk.db: this is a database copy" in r.err and
             "partnerdesk restore " + bk in r.err and "NUL" not in r.err,
             "import of a backup copy %s: said to be a database copy, pointing to restore" % " ".join(argv), r)
    t.eq(leftovers("nb.db"), [], "backup copy: no database made")

    deep = env.path("deep.yaml")
    with open(deep, "w") as f:
        f.write("partnerdesk-backup: 1\npartners: " + "[" * 10000 + "]" * 10000 + "\n")
    r = env.run("import", deep)
    t.eq(r.rc, 1, "10,000-deep YAML refused")
    t.ok("deep.yaml:2:" in r.err, "with a position", r)
    t.eq(sha256(env.db), before, "deep YAML: database unchanged")

    # vCards show progress as the other formats do, counting cards: a
    # phone's address book runs to thousands.
    cards = env.path("phone.vcf")
    with open(cards, "w") as f:
        for i in range(3000):
            f.write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %d\r\nORG:Phone Org %d\r\nEND:VCARD\r\n"
                    % (i, i % 50))
    r = env.run("--db", env.path("vc1.db"), "import", cards, db=False)
    t.ok(r.rc == 0 and r.err == "", "vCard import: no progress when stderr is not a terminal", r)
    seen = env.run_on_tty("--db", env.path("vc2.db"), "import", cards, db=False)
    t.ok(b"\rpartnerdesk: importing 3000/3000 cards, " in seen and b" cards/s" in seen,
         "vCard import: progress on a terminal, counting cards", seen[-200:])
    few = env.path("few.vcf")
    with open(few, "w") as f:
        f.write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Few\r\nORG:Few Org\r\nEND:VCARD\r\n" * 10)
    seen = env.run_on_tty("--db", env.path("vc3.db"), "import", few, db=False)
    t.ok(b"importing" not in seen, "vCard import: no progress for a few cards", seen)

    # A Windows file's CRLF inside a quoted note is stored as LF (no ^M).
    crlf = env.path("crlf.csv")
    with open(crlf, "wb") as f:
        f.write(b'Name,Email,Notes\r\n"Quote ""The"" Org",q@o.org,"multi\r\nline\rnote"\r\n')
    cdb = env.path("crlf.db")
    r = env.run("--db", cdb, "import", crlf, db=False)
    t.eq(r.rc, 0, "CRLF file imports")
    r = env.run("--db", cdb, "show", "Quote", "--format", "json", db=False)
    t.ok('"notes": "multi\\nline\\nnote"' in r.out, "CRLF and CR inside a cell stored as LF", r)

    # Excel's "sep=;" first line sets the separator; rows keep the file's numbers.
    sepf = env.path("sepline.csv")
    with open(sepf, "wb") as f:
        f.write(b"sep=;\r\nName;Email;Stage\r\nSepLine Library;s@l.org;glance\r\nBad Stage;b@l.org;courtship\r\n")
    r = env.run("--db", env.path("sep.db"), "import", sepf, "--dry-run", db=False)
    t.ok(sepf + ':3: add "SepLine Library"' in r.out, "sep=; honoured: the header is row 2, data from row 3", r)
    t.ok(sepf + ':4: column "Stage" (read as the stage): no stage "courtship"' in r.err, "a bad row named by its line in the file", r)
    t.ok("no column holds" not in r.err, "the hint is not taken for the header", r)

    # A cell that begins with a quoted word is text; it does not swallow the file.
    tsv = env.path("g3.tsv")
    with open(tsv, "w") as f:
        f.write('Name\tNotes\nFriends Org\t"Big Read" partner\nNext Org\tx\nThird Org\ty\n')
    qdb = env.path("quoted.db")
    r = env.run("--db", qdb, "import", tsv, db=False)
    t.eq(r.out.strip(), "3 added, 0 merged, 0 skipped, 0 failed", "every row of the TSV imported")
    r = env.run("--db", qdb, "show", "Friends Org", "--format", "json", db=False)
    t.ok('"notes": "\\"Big Read\\" partner"' in r.out, "the cell read as written", r)
    qcsv = env.path("g2.csv")
    with open(qcsv, "w") as f:
        f.write('Name,Notes\n"Friends" of the Library,ok\nOpen Org,"never closed\nLast Org,x\n')
    r = env.run("--db", env.path("open.db"), "import", qcsv, "--keep-going", db=False)
    t.ok(qcsv + ":3: the quote that opens column B is never closed" in r.err,
         "a quote open to the end of the file is named by the row it opens in", r)

    # A kind or audience the config does not list: added, but said per
    # row and counted, as add says it.
    kinds = env.path("kinds.csv")
    with open(kinds, "w") as f:
        f.write("Name,Kind,Audiences\nAlien Org,Public Library,aliens; Teens;  SENIORS \nLibr,Libary,\n")
    kdb = env.path("kinds.db")
    r = env.run("--db", kdb, "import", kinds, db=False)
    t.ok(r.rc == 0 and r.out.strip() == "2 added, 0 merged, 0 skipped, 0 failed, 3 warnings"
         and "partnerdesk: %s:2: 'Public Library' is not a configured kind (museum, " % kinds in r.err
         and "partnerdesk: %s:3: 'Libary' is not a configured kind (did you mean 'library'?); kept as written\n"
         % kinds in r.err
         and "partnerdesk: %s:2: 'aliens' is not a configured audience; kept as written" % kinds in r.err,
         "unlisted kinds and audiences warned about by FILE:ROW and counted", r)
    r = env.run("--db", kdb, "show", "Alien", "--format", "json", db=False)
    t.eq(json.loads(r.out)["audiences"], ["aliens", "seniors", "teens"],
         "\"Teens\" and \"  SENIORS \" trimmed and folded to the configured \"teens\", \"seniors\", as add and the partner form store them")

    # A later bad row writes nothing: the warnings come as the rows are
    # read, so they say what is kept of the row, never that it was added;
    # the last line says whether anything was.
    undone = env.path("undone.csv")
    with open(undone, "w") as f:
        f.write("Name,Kind,Branch\nHarbour Museum,Musuem,Quayside\nBad \x1bOne,library,\n")
    udb = env.path("undone.db")
    r = env.run("--db", udb, "import", undone, db=False)
    t.ok(r.rc == 1 and "%s:2: 'Musuem' is not a configured kind (did you mean 'museum'?); kept as "
         "written\n" % undone in r.err and "added" not in r.err
         and r.err.index("kept as written") < r.err.index(":3:")
         and "1 row could not be imported, so nothing was" in r.err,
         "a failed import's warnings, in row order, say nothing was added", r)
    r = env.run("--db", udb, "import", undone, "--dry-run", db=False)
    t.ok(r.rc == 1 and "'Musuem' is not a configured kind (did you mean 'museum'?); kept as written"
         in r.err and "added anyway" not in r.err, "and a dry run the same", r)

    # Our own vCard export of two people of one name at one partner comes
    # back as two people; importing it again adds nobody.
    vdb, vrt = env.path("vsrc.db"), env.path("vrt.db")
    env.run("--db", vdb, "add", "Youth Club", db=False)
    env.run("--db", vdb, "contact", "add", "Youth", "Mary OBrien", "--email", "mary@club.org", db=False)
    env.run("--db", vdb, "contact", "add", "Youth", "Mary OBrien", "--email", "mary2@club.org", db=False)
    vcf = env.path("marys.vcf")
    env.run("--db", vdb, "export", "--format", "vcf", "-o", vcf, db=False)
    r = env.run("--db", vrt, "import", vcf, db=False)
    t.ok(r.rc == 0 and r.out.strip() == "3 added, 0 merged, 0 skipped, 0 failed" and r.err == "",
         "vCard round trip: both Marys added", r)
    r = env.run("--db", vrt, "show", "Youth", "--format", "json", db=False)
    t.eq(sorted(c["email"] for c in json.loads(r.out)["contacts"]), ["mary2@club.org", "mary@club.org"],
         "each with her own email")
    r = env.run("--db", vrt, "import", vcf, db=False)
    t.ok(r.out.strip() == "0 added, 0 merged, 2 skipped, 0 failed" and r.err.count("(the same UID)") == 2,
         "the same file again: both recognised by UID and skipped", r)
    a = env.run("--db", vdb, "export", "--format", "vcf", db=False).out
    b = env.run("--db", vrt, "export", "--format", "vcf", db=False).out
    ua = sorted(re.findall(r"-([0-9a-f]+)@partnerdesk", a.replace("\r\n ", "")))
    ub = sorted(re.findall(r"-([0-9a-f]+)@partnerdesk", b.replace("\r\n ", "")))
    t.ok(len(ua) == 2 and ua == ub, "the people keep their uids through the round trip", (ua, ub))

    # Merge into a name two partners share: the row fails naming both.
    ddb = env.path("dup.db")
    env.run("--db", ddb, "add", "Twin Hall", db=False)
    env.run("--db", ddb, "add", "Twin Hall", db=False)
    tw = env.path("twin.csv")
    with open(tw, "w") as f:
        f.write("Name,Phone\nTwin Hall,999\nSolo Hall,1\n")
    r = env.run("--db", ddb, "import", tw, "--on-duplicate", "merge", "--keep-going", db=False)
    t.ok("partnerdesk: %s:2: \"Twin Hall\" matches partners #1 and #2" % tw in r.err
         and "1 added, 0 merged, 0 skipped, 1 failed" in r.out,
         "an ambiguous merge fails that row only, naming both candidates", r)

    # SIGKILL halfway through a big import: SQLite's transaction holds.
    big = env.path("big.csv")
    with open(big, "w") as f:
        f.write("Name,Email,Notes\n")
        for i in range(60000):
            f.write("Killed %d,k%d@example.org,note %d\n" % (i, i, i))
    r = env.run("export", "--format", "csv")
    rows_before = r.out.count("\n")
    # Kill it once its progress line (stderr on a terminal) shows rows
    # done: by then it is inside its transaction, writing.
    import pty
    import select
    import subprocess
    master, slave = pty.openpty()
    p = subprocess.Popen([env.exe, "--db", env.db, "import", big], env=env.env,
                         stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    seen = b""
    deadline = time.time() + 60
    while time.time() < deadline and p.poll() is None and b"rows" not in seen:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                seen += os.read(master, 4096)
            except OSError:
                break
    killed = p.poll() is None
    if killed:
        p.send_signal(signal.SIGKILL)
    p.wait()
    os.close(master)
    t.ok(killed and b"/60000 rows" in seen, "the import was killed while writing", seen[-200:])
    r = env.run("check")
    t.eq(r.rc, 0, "check passes after the kill")
    r = env.run("export", "--format", "csv")
    t.eq(r.out.count("\n"), rows_before, "no partner of the killed import is there")
    t.ok("Killed 1," not in r.out, "not even the first row")

    # One row per contact person: the people after the first are added
    # at the partner, said so, and counted; the same sheet again adds no one.
    cl = env.path("cl.db")
    contacts = env.path("contacts.csv")
    with open(contacts, "w") as f:
        f.write("Organisation,Contact name,Job title,Contact email\n"
                "City Zoo,Ann Lee,Education Officer,ann@zoo.org\n"
                "City Zoo,Bob Ray,Director,bob@zoo.org\n"
                "City Zoo,Cy Fox,Volunteer Lead,cy@zoo.org\n"
                "Art Museum,Dee Hill,Curator,dee@art.org\n")
    r = env.run("--db", cl, "import", contacts, db=False)
    t.eq(r.out.strip(), "2 added, 0 merged, 2 skipped, 0 failed, 2 contacts added to matched partners",
         "one row per contact: the summary counts the people added")
    t.ok(contacts + ":3: skip \"City Zoo\": row 2 of this file has that name (its contact \"Bob Ray\" joins it)"
         in r.err and "on-duplicate new" not in r.err, "and each row says so", r)
    r = env.run("--db", cl, "show", "City Zoo", "--format", "json", db=False)
    t.eq(sorted(c["name"] for c in json.loads(r.out)["contacts"]), ["Ann Lee", "Bob Ray", "Cy Fox"],
         "all three people at City Zoo")
    r = env.run("--db", cl, "import", contacts, db=False)
    t.eq(r.out.strip(), "0 added, 0 merged, 4 skipped, 0 failed", "the same sheet again adds no one")

    # A merge's dry run lists what it changes; a City-only column keeps the full address.
    ad = env.path("ad.db")
    ad1, ad2 = env.path("ad1.csv"), env.path("ad2.csv")
    with open(ad1, "w") as f:
        f.write("Name,Street,City,Postcode,Country,Phone\nHarbor Museum,1 Dock Rd,Portsmouth,PO1 3LJ,UK,555-1\n")
    with open(ad2, "w") as f:
        f.write("Name,City,Phone,Notes\nHarbor Museum,Portsmouth,555-2,closed\n")
    env.run("--db", ad, "import", ad1, db=False)
    env.run("--db", ad, "edit", "Harbor", "--notes", "not closed for repairs", db=False)
    r = env.run("--db", ad, "import", ad2, "--on-duplicate", "merge", "--dry-run", db=False)
    t.ok(ad2 + ":2: merge into #1 \"Harbor Museum\"\n    phone: \"555-1\" -> \"555-2\"\n" in r.out
         and "    address kept: the row's \"Portsmouth\" is only part of it\n" in r.out
         and "    notes: + \"closed\"\n" in r.out, "the dry run lists the merge's changes", r)
    r = env.run("--db", ad, "import", ad2, "--on-duplicate", "merge", db=False)
    r = env.run("--db", ad, "show", "Harbor", "--format", "json", db=False)
    shown = json.loads(r.out)
    t.eq((shown["address"], shown["notes"]), ("1 Dock Rd, Portsmouth, PO1 3LJ, UK", "not closed for repairs\nclosed"),
         "merge: the full address stays, the short note is added")
    r = env.run("--db", ad, "import", ad2, "--on-duplicate", "merge", "--dry-run", db=False)
    t.ok(ad2 + ":2: merge into #1 \"Harbor Museum\": nothing changes\n    address kept" in r.out,
         "the same merge again: the plan says it changes nothing", r)

    # vCards in address-book order: the organisation's card fills the
    # partner its people's ORG made.
    order = env.path("order.vcf")
    with open(order, "w") as f:
        f.write("BEGIN:VCARD\nVERSION:3.0\nFN:Al Keeper\nORG:Zoo Society\nEND:VCARD\n"
                "BEGIN:VCARD\nVERSION:4.0\nKIND:org\nFN:Zoo Society\nEMAIL:hello@zoo.org\n"
                "URL:https://zoo.org\nEND:VCARD\n")
    od = env.path("order.db")
    r = env.run("--db", od, "import", order, "--dry-run", db=False)
    t.ok(order + ":6: fill in partner \"Zoo Society\"" in r.out, "the dry run says the card fills the partner", r)
    r = env.run("--db", od, "import", order, db=False)
    t.eq((r.rc, r.out.strip()), (0, "2 added, 0 merged, 0 skipped, 0 failed"), "the organisation card is not skipped")
    r = env.run("--db", od, "show", "Zoo Society", "--format", "json", db=False)
    shown = json.loads(r.out)
    t.eq((shown["email"], shown["website"]), ("hello@zoo.org", "https://zoo.org"), "its email and website land")

    # --keep-going: a row is all or nothing. This merge row's partner
    # update goes through, then its person is refused (the channel Ana has
    # is one the config no longer lists, so the model will not save her);
    # the row fails whole: the partner is exactly as before.
    kg = env.path("keep.db")
    env.run("--db", kg, "add", "River Museum", db=False)
    r = env.run("--db", kg, "contact", "add", "River Museum", "Ana Silva", "--title", "Curator",
                "--channel", "phone", db=False)
    t.eq(r.rc, 0, "keep-going: a person with a channel")
    before = env.run("--db", kg, "show", "River Museum", "--format", "json", db=False).out
    nophone = env.path("nophone.yaml")
    with open(nophone, "w") as f:
        f.write("channels: [email, visit, meeting, event, other]\n")
    rows = env.path("keep.csv")
    with open(rows, "w") as f:
        f.write("Name,Website,Contact,Contact title\n"
                "River Museum,https://river.org,Ana Silva,Director\n"
                "Lake Library,,,\n")
    r = env.run("--db", kg, "--config", nophone, "import", rows, "--on-duplicate", "merge",
                "--keep-going", db=False)
    t.ok(r.rc == 1 and "keep.csv:2:" in r.err and "not a channel" in r.err,
         "keep-going: the merge row's person is refused", r)
    t.ok("1 added, 0 merged, 0 skipped, 1 failed" in r.out, "keep-going: it counts as failed", r)
    after = env.run("--db", kg, "show", "River Museum", "--format", "json", db=False).out
    t.eq(after, before, "keep-going: the failed row left nothing of itself (no website)")
    r = env.run("--db", kg, "audit", "--partner", "River Museum", db=False)
    t.ok(r.rc == 0 and "Ana Silva" in r.out and "keep.csv" not in r.out, "keep-going: nor an audit entry", r.out[-600:])
    r = env.run("--db", kg, "show", "Lake Library", "--format", "json", db=False)
    t.eq(r.rc, 0, "keep-going: the good row is in")

    # The same for a card: a person whose ORG is new makes the partner,
    # then is refused (the NOTE fits, the notes the card makes do not):
    # the partner made for them goes too, and is not counted.
    cards = env.path("keep.vcf")
    with open(cards, "w") as f:
        f.write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Silva\r\nORG:Hill Zoo\r\n"
                "URL:https://hill.org\r\nNOTE:%s\r\nEND:VCARD\r\n"
                "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Li\r\nORG:Lake Zoo\r\nEND:VCARD\r\n"
                % ("n" * 65536))
    kv = env.path("keepv.db")
    r = env.run("--db", kv, "import", cards, "--keep-going", db=False)
    t.ok(r.rc == 1 and "keep.vcf:1: the contact's notes are" in r.err,
         "keep-going: the card's person is refused", r.err[:300])
    t.ok("2 added, 0 merged, 0 skipped, 1 failed" in r.out,
         "keep-going: the failed card's partner is not counted", r.out)
    r = env.run("--db", kv, "list", db=False)
    t.ok("Lake Zoo" in r.out and "Hill Zoo" not in r.out,
         "keep-going: the failed card left no partner", r.out)
    # A dry run's plan says the same: no partner for the refused card.
    r = env.run("--db", env.path("keepdry.db"), "import", cards, "--keep-going", "--dry-run",
                db=False)
    t.ok('add partner "Lake Zoo" (named by ORG)' in r.out
         and 'add contact "Bo Li" at "Lake Zoo"' in r.out,
         "keep-going dry run: the good card's partner and person are planned", r.out)
    t.ok("Hill Zoo" not in r.out,
         "keep-going dry run: the refused card's partner is not in the plan", r.out)

    # --encoding windows-1252 reads even a UTF-8 file so, as asked; the
    # message says it was asked, not that the file is not UTF-8.
    utf8 = env.path("utf8.csv")
    with open(utf8, "w", encoding="utf-8") as f:
        f.write("Name\nCaf\u00e9 Ol\u00e9\n")
    r = env.run("--db", env.path("enc.db"), "import", utf8, "--dry-run",
                "--encoding", "windows-1252", db=False)
    t.ok(r.rc == 0 and "Caf\u00c3\u00a9" in r.out, "--encoding windows-1252 reads a UTF-8 file as Windows-1252", r)
    t.ok("not UTF-8" not in r.err and "read as Windows-1252 (--encoding windows-1252)" in r.err,
         "and says it read it so because it was asked, not that the file is not UTF-8", r)

    # Every refused cell of a row is said in one run, each by its column:
    # a sheet is put right in one go, not one cell per attempt.
    cells = env.path("cells.csv")
    with open(cells, "w", encoding="utf-8") as f:
        f.write("Name,Review date,Scale,Fiscal month\nRiver Museum,03/04/2025,huge,Brumaire\n"
                "Good Gallery,2027-01-01,micro,Oct\n")
    r = env.run("--db", env.path("cells.db"), "import", cells, "--dry-run", db=False)
    line = [l for l in r.err.splitlines() if (cells + ":2:") in l]
    t.ok(r.rc == 1 and len(line) == 1
         and 'column "Review date" (read as the review date): review date "03/04/2025" may be 2025-04-03 or '
             '2025-03-04' in line[0]
         and '; column "Scale" (read as the scale): scale "huge" is neither macro nor micro' in line[0]
         and '; column "Fiscal month" (read as the fiscal month): fiscal month "Brumaire" is not a month' in line[0],
         "the row's three refused cells are said on its one line, each by its column", r)
    t.ok("Good Gallery" in r.out, "the good row is planned", r)
    # A French sheet's "Jui." is juin or juillet: the refusal says which two.
    jui = env.path("jui.csv")
    with open(jui, "w", encoding="utf-8") as f:
        f.write("Nom,Fiscal month\nMus\u00e9e du Lac,Jui.\n")
    r = env.run("--db", env.path("jui.db"), "import", jui, "--dry-run", db=False)
    t.ok(r.rc == 1 and 'fiscal month "Jui." could be juin or juillet: write more of the name, or 1-12' in r.err,
         "a start two months' names share is refused naming both", r)
finally:
    env.cleanup()
t.done()
