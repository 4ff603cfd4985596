"""partnerdesk import reading a spreadsheet's columns as people write them:
a Status column that is not the stage, Stage cells holding the configured
labels, and every refused cell named by its column with the --map way out."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env  # noqa: E402

REPO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")

t = TAP()
env = Env(sys.argv[1])


def write(name, text):
    path = env.path(name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def show(db, name, *extra):
    """The partner as JSON, or {} when there is none."""
    r = env.run(*extra, "--db", env.path(db), "show", name, "--format", "json", db=False)
    try:
        return json.loads(r.out)
    except ValueError:
        return {}


try:
    # F17: "Status" (Active/Inactive/Prospect) is not the stage.
    status = write("status.csv", "Name,Status,Type\nA Org,Active,Museum\nB Org,Inactive,School\n"
                   "C Org,Prospect,School\n")
    r = env.run("--db", env.path("status.db"), "import", status, db=False)
    t.eq(r.rc, 0, "a Status column no longer fails the rows")
    t.eq(r.out.strip(), "3 added, 0 merged, 0 skipped, 0 failed", "all three added")
    shown = show("status.db", "A Org")
    t.eq(shown.get("stage"), "glance", "the stage is the first one")
    t.ok("Status: Active" in (shown.get("notes") or ""), "Status kept in the notes", shown)

    # A Stage cell that is no stage: the message names the column and --map.
    bad = write("bad.csv", "Name,Stage\nA Org,Active\nB Org,Inactive\n")
    r = env.run("--db", env.path("bad.db"), "import", bad, "--dry-run", db=False)
    t.ok(bad + ":2: column \"Stage\" (read as the stage): no stage \"Active\"" in r.err,
         "the refused cell's column is named", r)
    t.ok("--map \"Stage=notes\"" in r.err and "--map \"Stage=ignore\"" in r.err,
         "the way out is named once", r)
    t.eq(r.err.count("--map \"Stage=notes\""), 1, "once, not per row")
    scale = write("scale.csv", "Name,Scale\nA Org,huge\n")
    r = env.run("--db", env.path("scale.db"), "import", scale, "--dry-run", db=False)
    t.ok(scale + ":2: column \"Scale\" (read as the scale): scale \"huge\"" in r.err,
         "other refused cells name their column too", r)

    # F13: Stage cells holding the configured labels.
    with open(os.path.join(REPO, "config", "partnerdesk.yaml"), encoding="utf-8") as f:
        cfg = f.read()
    cfg = cfg.replace("label: Glance", "label: First contact").replace("label: Engagement",
                                                                        "label: Pilot project")
    cfgp = write("cfg.yaml", cfg)
    lab = write("lab.csv", "Name,Stage\nLabel Org,First contact\nPilot Org, pilot  PROJECT \n"
                "Name Org,engagement\n")
    r = env.run("--config", cfgp, "--db", env.path("lab.db"), "import", lab, db=False)
    t.eq(r.out.strip(), "3 added, 0 merged, 0 skipped, 0 failed", "labels are accepted as stages")
    t.eq(show("lab.db", "Pilot Org", "--config", cfgp).get("stage"), "engagement",
         "a label is stored as its stage's name")
    nol = write("nol.csv", "Name,Stage\nX Org,Nowhere\n")
    r = env.run("--config", cfgp, "--db", env.path("lab.db"), "import", nol, "--dry-run", db=False)
    t.ok("First contact (glance)" in r.err and "Pilot project (engagement)" in r.err,
         "the message lists the labels staff see", r)

    # F4: a title row above the header, Apple Numbers' "Table 1" line.
    titled = write("titled.csv", "Community partners 2026,,\n,,\nName,Email,Phone\nTitle Row Org,t@r.org,555\n")
    r = env.run("--db", env.path("titled.db"), "import", titled, db=False)
    t.eq(r.out.strip(), "1 added, 0 merged, 0 skipped, 0 failed", "the header under a title row is found")
    t.ok(titled + ": row 3 (Name, Email, Phone) is the header; the rows above it are not imported" in r.err,
         "which row was the header is said", r)
    t.eq(show("titled.db", "Title Row Org").get("email"), "t@r.org", "its columns are read by that header")
    numbers = write("numbers.csv", "Table 1\nOrg name,Email\nNumbers Org,n@o.org\n")
    r = env.run("--db", env.path("numbers.db"), "import", numbers, "--map", "Org name=name", db=False)
    t.eq(r.out.strip(), "1 added, 0 merged, 0 skipped, 0 failed", "--map applies to the header found below")
    noname = write("noname.csv", "Partners 2026\nWho,Email\nX,y\n")
    r = env.run("--db", env.path("noname.db"), "import", noname, "--dry-run", db=False)
    t.ok(r.rc != 0 and "row 2, read as the header, holds \"Who\", \"Email\"" in r.err,
         "no header found: the message shows what the row read as the header held", r)
    single = write("single.csv", "Foo\nBar\n")
    r = env.run("--db", env.path("single.db"), "import", single, "--dry-run", db=False)
    t.ok(r.rc != 0 and single + ":1: " in r.err and "row 1, read as the header, holds \"Foo\"" in r.err,
         "a file with no header at all: row 1 is shown", r)

    # F9: a Contact cell that is an address or a number is not a person.
    ct = write("ct.csv", "Name,Contact\nPhone Contact Org,555-123-4567\nMail Contact Org,info@mco.org\n"
               "Both Org,Jane Doe <jane@both.org>\nQuoted Org,\"\"\"Doe, Jane\"\" <mailto:jd@q.org>\"\n"
               "Person Org,Ann Lee\n")
    ctw = write("ctw.csv", "Name,Email,Contact,Contact email\nKept Org,office@k.org,info@k.org,\n"
                "Pair Org,,Sam Poe <sam@p.org>,sam.poe@p.org\n")
    r = env.run("--db", env.path("ct.db"), "import", ct, db=False)
    t.eq(r.out.strip(), "5 added, 0 merged, 0 skipped, 0 failed", "contact cells import")
    env.run("--db", env.path("ct.db"), "import", ctw, db=False)

    def people(name):
        return [(c["name"], c["email"], c["phone"]) for c in show("ct.db", name).get("contacts", [])]
    t.eq(people("Phone Contact Org"), [], "a phone number makes no person")
    t.eq(show("ct.db", "Phone Contact Org").get("phone"), "555-123-4567", "it is the partner's phone")
    t.eq(people("Mail Contact Org"), [], "an email address makes no person")
    t.eq(show("ct.db", "Mail Contact Org").get("email"), "info@mco.org", "it is the partner's email")
    t.eq(people("Both Org"), [("Jane Doe", "jane@both.org", None)], "Name <address> is split")
    t.eq(people("Quoted Org"), [("Doe, Jane", "jd@q.org", None)], "a quoted name and mailto: too")
    t.eq(people("Person Org"), [("Ann Lee", None, None)], "a name is still a person")
    kept = show("ct.db", "Kept Org")
    t.ok(kept.get("email") == "office@k.org" and "Contact: info@k.org" in (kept.get("notes") or ""),
         "a second address is kept in the notes, not lost", kept)
    pair = show("ct.db", "Pair Org")
    t.ok([c["email"] for c in pair.get("contacts", [])] == ["sam.poe@p.org"]
         and "Contact: sam@p.org" in (pair.get("notes") or ""),
         "a Contact email column wins; the cell's address is kept", pair)

    # F12: Google Contacts and Outlook exports.
    google = write("google.csv",
                   "Name,Given Name,Additional Name,Family Name,Name Prefix,Notes,E-mail 1 - Type,"
                   "E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Organization 1 - Name,"
                   "Organization 1 - Title\n"
                   "Marcus Lee,Marcus,,Lee,,Met at fair,* Work,marcus@cityzoo.org,Mobile,555-3344,"
                   "City Zoo,Community Engagement Manager\n")
    r = env.run("--db", env.path("google.db"), "import", google, db=False)
    t.eq(r.out.strip(), "1 added, 0 merged, 0 skipped, 0 failed", "Google export imports")
    t.ok("read as a Google Contacts export" in r.err, "and says how it was read", r)
    zoo = show("google.db", "City Zoo")
    t.eq([(c["name"], c["title"], c["email"], c["phone"]) for c in zoo.get("contacts", [])],
         [("Marcus Lee", "Community Engagement Manager", "marcus@cityzoo.org", "555-3344")],
         "the organisation is the partner, the person its contact")
    t.ok(zoo and "Given Name" not in (zoo.get("notes") or ""), "the name parts beside Name add nothing", zoo)
    outlook = write("outlook.csv",
                    '"First Name","Middle Name","Last Name","Title","Company","Department","Job Title",'
                    '"Business City","Business Phone","E-mail Address","E-mail Display Name","Web Page"\n'
                    '"J\u00fcrgen","","M\u00fcller","Dr.","Goethe-Institut","Library",'
                    '"Head of Library Services","M\u00fcnchen","+49 89 15921 0","juergen@goethe.de",'
                    '"J\u00fcrgen M\u00fcller (juergen@goethe.de)","goethe.de"\n')
    r = env.run("--db", env.path("outlook.db"), "import", outlook, db=False)
    t.eq(r.out.strip(), "1 added, 0 merged, 0 skipped, 0 failed", "Outlook export imports")
    t.ok("read as an Outlook contacts export" in r.err, "and says how it was read", r)
    gi = show("outlook.db", "Goethe-Institut")
    t.eq([(c["name"], c["title"], c["email"], c["phone"]) for c in gi.get("contacts", [])],
         [("J\u00fcrgen M\u00fcller", "Head of Library Services", "juergen@goethe.de", "+49 89 15921 0")],
         "First and Last Name joined into the person; Job Title is the title")
    t.ok("Title: Dr." in (gi.get("notes") or "") and gi.get("website") == "goethe.de"
         and gi.get("address") == "M\u00fcnchen", "the honorific kept in the notes, Web Page and address read", gi)
    fl = write("fl.csv", "Organisation,First name,Surname\nFL Org,Ann,Lee\n")
    env.run("--db", env.path("fl.db"), "import", fl, db=False)
    t.eq([c["name"] for c in show("fl.db", "FL Org").get("contacts", [])], ["Ann Lee"],
         "First name and Surname columns of a partner sheet make the contact person")

    # F15: vCard CATEGORIES with an escaped comma.
    esc = write("esc.vcf", "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Escapes\\, Inc.\r\n"
                "CATEGORIES:arts\\, culture,youth\r\nEND:VCARD\r\n"
                "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Pat\r\nORG:Escapes\\, Inc.\r\n"
                "CATEGORIES:arts\\, culture,youth\r\nEND:VCARD\r\n")
    r = env.run("--db", env.path("esc.db"), "import", esc, db=False)
    esc_p = show("esc.db", "Escapes")
    t.eq(sorted(esc_p.get("tags", [])), ["arts, culture", "youth"], "an escaped comma is part of one tag")
    t.ok(any("Categories: arts, culture; youth" in (c.get("notes") or "") for c in esc_p.get("contacts", [])),
         "a person's categories are kept on one line, separated by semicolons", esc_p)

    # F19: audit entries an import writes say which file and row.
    au = write("au.csv", "Name,Contact\nCity Zoo,Bob Ray\n")
    au2 = write("au2.csv", "Name,Phone\nCity Zoo,555-CSV\n")
    auv = write("au.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Newer Keeper\nORG:City Zoo\nEND:VCARD\n")
    adb = ("--db", env.path("au.db"))
    env.run(*adb, "import", au, db=False)
    env.run(*adb, "import", au2, "--on-duplicate", "merge", db=False)
    env.run(*adb, "import", auv, db=False)
    env.run(*adb, "edit", "City Zoo", "--email", "hand@zoo.org", db=False)
    r = env.run(*adb, "audit", db=False)
    lines = [line for line in r.out.splitlines() if "City Zoo (#1):" in line]
    t.ok(any("added City Zoo" in line and line.endswith("; from import of " + au + ":2") for line in lines)
         and any("added Bob Ray" in line and line.endswith("; from import of " + au + ":2") for line in lines),
         "a CSV import's partner and contact entries name file and row", r)
    t.ok(any("changed phone" in line and line.endswith("; from import of " + au2 + ":2") for line in lines),
         "a merge's entry too", r)
    t.ok(any("added Newer Keeper" in line and line.endswith("; from import of " + auv + ":1") for line in lines),
         "a vCard import's entry names the card's line", r)
    t.ok(any("changed email" in line and "from import" not in line for line in lines),
         "an edit after the import is not marked", r)

    # F18: vCard messages count cards; --help and the man page.
    mixed = write("mixed.vcf", "BEGIN:VCARD\nVERSION:4.0\nKIND:org\nFN:Good Org\nEND:VCARD\n"
                  "BEGIN:VCARD\nVERSION:4.0\nKIND:org\nEND:VCARD\n")
    r = env.run("--db", env.path("mixed.db"), "import", mixed, db=False)
    t.ok(mixed + ": 1 card could not be imported, so nothing was" in r.err, "a vCard file's failures are cards", r)
    r = env.run("import", "--help", db=False)
    t.ok("a name two\n                  partners share fails that row" in r.out,
         "--help: a merge into a shared name fails that row", r)
    with open(os.path.join(REPO, "man", "partnerdesk.1"), encoding="utf-8") as f:
        man = f.read()
    t.ok(".BI \\-\\-partner \" PARTNER\"\nFor vCards" in man, "the man page's import options list --partner")
    with open(os.path.join(REPO, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    t.ok("split on `,` or `;`" not in readme and "\"arts, culture\"" in readme,
         "the README says how Tags are split, as the man page does")
finally:
    env.cleanup()
t.done()
