"""partnerdesk import reading a spreadsheet's columns as people write them:
a Status column that is not the stage, Stage cells holding the configured
labels, every refused cell named by its column with the --map way out,
Google Contacts' current export, two columns naming the partner, columns
read by a synonym said before the first row, and --map / --partner checked
against the command line and the file's format."""
import json
import os
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env  # noqa: E402

REPO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
DATA = os.path.join(REPO, "tests", "data")

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
    t.eq(r.out.strip(), "3 added, 0 merged, 0 skipped, 0 failed; kept in the notes:\n  \"Status\"", "all three added")
    shown = show("status.db", "A Org")
    t.eq(shown.get("stage"), "glance", "the stage is the first one")
    t.ok("Status: Active" in (shown.get("notes") or ""), "Status kept in the notes", shown)

    # A row wider than its header: the cell past it is kept in the notes
    # as "Column 3", and the summary names that column too; a wider total
    # row, skipped, keeps nothing.
    ragged = write("ragged.csv", "Name,Phone\nLibrary,0123,Statutory\nMuseum,456\nTotal,,,7\n")
    r = env.run("--db", env.path("ragged.db"), "import", ragged, db=False)
    t.eq(r.out.strip(), "2 added, 0 merged, 1 skipped, 0 failed; kept in the notes:\n  \"Column 3\"",
         "the column past the header is named")
    t.eq(show("ragged.db", "Library").get("notes"), "Column 3: Statutory", "where it went")

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

    # A number written with letters (a vanity number), or with its
    # extension, is the partner's phone, not a person named "1-800-FLOWERS".
    vanity = os.path.join(DATA, "csv", "vanity-phone.csv")
    r = env.run("--db", env.path("vanity.db"), "import", vanity, db=False)
    t.eq(r.out.strip(), "10 added, 0 merged, 0 skipped, 0 failed", "vanity numbers import, no warning")

    def vanity_show(name):
        got = show("vanity.db", name)
        return got.get("phone"), [c["name"] for c in got.get("contacts", [])]
    for org, number in [("Flower Shop", "1-800-FLOWERS"), ("Junk Haulers", "+1 (800) GOT-JUNK"),
                        ("Lower Case Florist", "1-800-flowers"),
                        ("Front Desk Org", "555-123-4567 ext. 12"),
                        ("Short Ext Org", "555-123-4567x12"),
                        # letters joined to the digits, the space only before its extension
                        ("Florist Ext Org", "1-800-Flowers ext. 5")]:
        t.eq(vanity_show(org), (number, []), org + ": " + number + " is the phone, no person")
    t.eq(vanity_show("Person Org"), (None, ["Ann Lee"]), "a name is still a person")
    t.eq(vanity_show("Helpline Org")[0], None, "words with a few digits are no phone")
    for org, cell in [("Dispatch Org", "911 DISPATCH"), ("Address Org", "100 MAIN ST")]:
        t.eq(vanity_show(org), (None, [cell]), org + ": capitals after a number, not written as one, "
             "are no phone")

    # F12: Google Contacts and Outlook exports.
    google = write("google.csv",
                   "Name,Given Name,Additional Name,Family Name,Name Prefix,Notes,E-mail 1 - Type,"
                   "E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Organization 1 - Name,"
                   "Organization 1 - Title\n"
                   "Marcus Lee,Marcus,,Lee,,Met at fair,* Work,marcus@cityzoo.org,Mobile,555-3344,"
                   "City Zoo,Community Engagement Manager\n")
    r = env.run("--db", env.path("google.db"), "import", google, db=False)
    t.eq(r.out.strip(), "1 added, 0 merged, 0 skipped, 0 failed; kept in the notes:\n  \"E-mail 1 - Type\", \"Phone 1 - Type\"", "Google export imports")
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
    t.eq(r.out.strip(), "1 added, 0 merged, 0 skipped, 0 failed; kept in the notes:\n  \"Title\", \"Department\"", "Outlook export imports")
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
    t.ok(any("partner added" in line and ": City Zoo (glance)" in line and line.endswith("; from import of " + au + ":2")
             for line in lines)
         and any("person added" in line and ": Bob Ray;" in line and line.endswith("; from import of " + au + ":2")
                 for line in lines),
         "a CSV import's partner and contact entries name file and row", r)
    t.ok(any("changed phone" in line and line.endswith("; from import of " + au2 + ":2") for line in lines),
         "a merge's entry too", r)
    t.ok(any(": Newer Keeper;" in line and line.endswith("; from import of " + auv + ":1") for line in lines),
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

    # Docs finding 1: Google Contacts' current export.
    gnew = write("google_new.csv",
                 "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
                 "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
                 "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
                 "E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Address 1 - Label,"
                 "Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,"
                 "Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,"
                 "Address 1 - Extended Address,Website 1 - Label,Website 1 - Value\n"
                 "Dana,,Ortiz,,,,,,,,Riverside Art Museum,Director of Education,,,Met at fair,,"
                 "* myContacts,Work,dana@ram.org,Work,804-555-0100,,,,,,,,,,,\n"
                 "Marcus,J,Bell,,,,,,,,Harbor Science Center,Registrar,,,,,"
                 "* myContacts ::: Science ::: * starred ::: Youth,Work,"
                 "marcus@harbor.example ::: mjb@home.example,,555-0101 ::: 555-0102,,,,,,,,,,,\n")
    gdb = ("--db", env.path("gnew.db"))
    r = env.run(*gdb, "import", gnew, "--dry-run", db=False)
    t.ok("read as a Google Contacts export" in r.err, "the current Google export is recognised", r)
    t.ok('add "Riverside Art Museum" with contact "Dana Ortiz"' in r.out,
         "the dry run: the organisation is the partner, the person its contact", r)
    r = env.run(*gdb, "import", gnew, db=False)
    # The values after the first of a " ::: " cell go into the notes under
    # their column's header, as any second value does: named too.
    t.eq(r.out.strip(), "2 added, 0 merged, 0 skipped, 0 failed; kept in the notes:\n  \"E-mail 1 - Label\", "
         "\"Phone 1 - Label\", \"E-mail 1 - Value\", \"Phone 1 - Value\"", "and imports")
    ram = show("gnew.db", "Riverside Art Museum")
    t.eq([(c["name"], c["title"], c["email"], c["phone"]) for c in ram.get("contacts", [])],
         [("Dana Ortiz", "Director of Education", "dana@ram.org", "804-555-0100")],
         "title, email and phone are the person's")
    t.eq(ram.get("tags"), [], "Google's * myContacts is no tag")
    t.ok("Met at fair" in (ram.get("notes") or "") and "Organization Title" not in (ram.get("notes") or "")
         and "E-mail 1 - Value" not in (ram.get("notes") or ""), "nor are the person's details in the notes", ram)
    hsc = show("gnew.db", "Harbor Science Center")
    t.eq(sorted(hsc.get("tags", [])), ["Science", "Youth"], "the user's labels are tags, split at :::")
    t.eq([(c["name"], c["email"], c["phone"]) for c in hsc.get("contacts", [])],
         [("Marcus J Bell", "marcus@harbor.example", "555-0101")], "of several values the first is the person's")
    t.ok("mjb@home.example" in (hsc.get("notes") or "") and "555-0102" in (hsc.get("notes") or ""),
         "the others are kept in the notes", hsc)
    gold = write("google_old.csv", "Name,Given Name,Family Name,Group Membership,E-mail 1 - Value,"
                 "Organization 1 - Name\nAnn Lee,Ann,Lee,* myContacts ::: Arts,ann@zoo.org,City Zoo\n")
    env.run("--db", env.path("gold.db"), "import", gold, db=False)
    t.eq(show("gold.db", "City Zoo").get("tags"), ["Arts"], "the older export's Group Membership too")

    # Docs finding 2: two columns naming the partner.
    amb = write("amb.csv", "Name,Organisation,Email\nDana Ortiz,Riverside Art Museum,dana@ram.org\n")
    r = env.run("--db", env.path("amb.db"), "import", amb, "--dry-run", db=False)
    t.ok('add "Riverside Art Museum" with contact "Dana Ortiz"' in r.out,
         "Name beside Organisation is the person, the organisation the partner", r)
    said = [line for line in r.err.splitlines() if "both name the partner" in line]
    t.eq(len(said), 1, "said once on stderr")
    t.ok(said and '"Organisation" is read as its name' in said[0] and '"Name" as its contact person' in said[0]
         and '--map "Name=name" --map "Organisation=notes"' in said[0], "which is which and the swap", r)
    r = env.run("--db", env.path("amb.db"), "import", amb, db=False)
    t.eq([c["name"] for c in show("amb.db", "Riverside Art Museum").get("contacts", [])], ["Dana Ortiz"],
         "imported so")
    r = env.run("--db", env.path("amb2.db"), "import", amb, "--map", "Name=name", "--map", "Organisation=notes",
                db=False)
    swapped = show("amb2.db", "Dana Ortiz")
    t.ok(swapped.get("name") == "Dana Ortiz" and "Riverside Art Museum" in (swapped.get("notes") or ""),
         "the suggested --map swaps them", r)
    t.ok("both name the partner" not in r.err, "and then nothing is said", r)
    lp = write("lp.csv", "Library,Partner\nMain branch,City Zoo\n")
    r = env.run("--db", env.path("lp.db"), "import", lp, db=False)
    zoo = show("lp.db", "City Zoo")
    t.ok(zoo.get("name") == "City Zoo" and "Library: Main branch" in (zoo.get("notes") or ""),
         "Partner is the name, a Library column (the branch) is kept in the notes", zoo)
    t.ok('"Partner" is read as its name' in r.err and '"Library" kept in the notes' in r.err
         and '--map "Library=name" --map "Partner=notes"' in r.err, "and said so", r)
    nc = write("nc.csv", "Name,Company,Contact\nCity Zoo,Zoo Trust,Ann Lee\n")
    env.run("--db", env.path("nc.db"), "import", nc, db=False)
    t.eq([c["name"] for c in show("nc.db", "Zoo Trust").get("contacts", [])], ["Ann Lee"],
         "beside a Contact column, Name is no second person")

    # Docs finding 5: synonyms said once, before the first row.
    syn = write("syn3.csv", "Partner,Site,Staff,Description\nCity Zoo,Main branch,12,Animals\n"
                "Town Museum,West,3,Old things\n")
    for extra in (("--dry-run",), ()):
        r = env.run("--db", env.path("syn.db"), "import", syn, *extra, db=False)
        said = [line for line in r.err.splitlines() if '"Site" as website' in line]
        t.eq(len(said), 1, "once per import, not per row " + " ".join(extra))
        t.ok(said and '"Staff" as owner' in said[0] and '--map "Site=notes"' in said[0],
             "Site and Staff named with the --map that keeps one " + " ".join(extra), r)
    rev = write("rev.csv", "Partner,Review\nCity Zoo,Great partner - renew\n")
    r = env.run("--db", env.path("rev.db"), "import", rev, "--dry-run", db=False)
    lines = r.err.splitlines()
    t.ok(len(lines) >= 2 and '"Review" as review_date' in lines[0] and "rev.csv:2:" in lines[1],
         "a Review column is named before the row it fails", r)
    exp = env.path("exp.csv")
    env.run("--db", env.path("syn.db"), "export", "--format", "csv", "-o", exp, db=False)
    r = env.run("--db", env.path("exp.db"), "import", exp, db=False)
    # The branch names the Site column put in the website are no websites,
    # and are said to be each time they come in; about the columns, nothing.
    t.eq([line for line in r.err.splitlines() if ": warning: website '" not in line], [],
         "partnerdesk's own export is read by its own names: nothing to say")
    t.ok(":2: warning: website 'Main branch' has a space in it; kept as it is" in r.err,
         "a branch name stored as a website is warned of again", r)
    r = env.run("--db", env.path("wales.db"), "import", os.path.join(REPO, "tests", "data", "csv",
                "libraries_wales.csv"), "--dry-run", db=False)
    said = [line for line in r.err.splitlines() if " read " in line]
    t.ok(len(said) == 1 and '"URL" as website' in said[0] and "Library name" not in said[0]
         and "Address 1" not in said[0], "a header holding its field's name needs no word", r)
    wide_hdr = ["Partner"] + ["%s %d" % (w, k) for k in range(1, 5)
                              for w in ("Town", "Web", "Tel", "Category", "Staff", "Site", "Mail",
                                        "Comments", "Role", "Person")]
    wide = write("wide.csv", ",".join(wide_hdr) + "\nWide Org" + "," * (len(wide_hdr) - 1) + "\n")
    r = env.run("--db", env.path("wide.db"), "import", wide, "--dry-run", db=False)
    said = [line for line in r.err.splitlines() if " read " in line]
    t.ok(len(said) == 1 and len(said[0]) <= 200 and "more" in said[0],
         "a wide sheet's readings stay within two lines", r)

    # The documented names are the names: README step 1, partnerdesk(1).
    def norm(text):
        """As field_map.c keys a header: accents and ß folded, then letters
        and digits only."""
        plain = unicodedata.normalize("NFKD", text.lower().replace("ß", "ss"))
        plain = "".join(c for c in plain if not unicodedata.combining(c))
        return re.sub(r"[^0-9a-z]", "", plain)
    with open(os.path.join(REPO, "src", "io", "field_map.c"), encoding="utf-8") as f:
        code = f.read()
    table = code[code.index("synonyms[] = {"):]
    table = table[:table.index("};")]
    known = {k for k, field in re.findall(r'\{ "([a-z0-9]+)", PD_FIELD_(\w+) \}', table)
             if field != "IGNORE"}
    with open(os.path.join(REPO, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    step1 = readme[readme.index("1. **Look at the header row.**"):readme.index("2. **Try it without")]
    names_list = step1[max(step1.find("\n   - "), 0):]
    names_list = names_list[:names_list.find("\n\n", 1)]
    # The Welsh, French, German and Spanish words: a list of their own.
    local = step1[step1.index("A sheet from a Welsh"):]
    local = local[local.index("\n   - "):]
    names_list += local[:local.find("\n\n", 1)]
    documented = {norm(w) for span in re.findall(r"\*([^*]+)\*", names_list) for w in span.split(",")}
    t.eq(sorted(known - documented), [], "README step 1 lists every name the import knows")
    t.eq(sorted(documented - known), [], "and no name it does not")
    with open(os.path.join(REPO, "man", "partnerdesk.1"), encoding="utf-8") as f:
        man = f.read()
    block = man[man.index("Known names, compared"):]
    block = block[:block.find(".RE")]
    local = man[man.index("A spreadsheet from a Welsh"):]
    block += local[:local.find(".RE")]
    for esc, ch in (("\\('e", "é"), ("\\('E", "É"), ("\\('o", "ó"), ("\\('a", "á"),
                    ("\\('i", "í"), ("\\('u", "ú"), ("\\(^o", "ô"), ("\\(`a", "à"),
                    ("\\(ss", "ß"), ("\\(:a", "ä"), ("\\(:u", "ü"), ("\\(:U", "Ü"),
                    ("\\(~n", "ñ")):
        block = block.replace(esc, ch)
    pieces = {norm(w) for w in re.split(r"[,;.()]|\band\b|\n", block.replace("\\-", "-"))}
    t.eq(sorted(known - pieces), [], "so does partnerdesk(1)")

    # Docs finding 8c: README step 3's fields are the ones --map takes.
    help_out = env.run("import", "--help", db=False).out
    help_fields = re.search(r"\(FIELD: ([^)]*)\)", help_out.replace("\n", " ")).group(1)
    help_fields = [w.strip() for w in help_fields.split(",")]
    step3 = readme[readme.index("3. **Name the columns"):readme.index("4. **Decide about")]
    readme_fields = re.search(r"Fields: ([^.]*)\.", step3.replace("\n", " ")).group(1)
    t.eq([w.strip() for w in readme_fields.split(",")], help_fields,
         "README step 3 lists the fields --map takes (position and directions too)")

    # Docs finding 10: --map checked with the options, and options for another format refused.
    missing = env.path("no-such-file.csv")
    for bad_map, why in (("Org name", "COLUMN=FIELD"), ("Library name=colour", 'no field "colour"')):
        r = env.run("--db", env.path("m9.db"), "import", missing, "--map", bad_map, db=False)
        t.eq(r.rc, 2, "--map %s is a usage error" % bad_map)
        t.ok(why in r.err and "usage: partnerdesk import" in r.err,
             "with the synopsis, before the file is read", r)
    vcf = write("one.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nORG:City Zoo\nEND:VCARD\n")
    r = env.run("--db", env.path("m10.db"), "import", vcf, "--map", "Org=name", db=False)
    t.ok(r.rc == 1 and "--map is for spreadsheets (CSV) only" in r.err, "--map with vCards is refused", r)
    t.ok(not os.path.exists(env.path("m10.db")), "and no database is made")
    yml = env.path("m.yaml")
    env.run("--db", env.path("lp.db"), "export", "-o", yml, db=False)
    r = env.run("--db", env.path("m11.db"), "import", yml, "--map", "Org=name", db=False)
    t.ok(r.rc == 1 and "--map is for spreadsheets (CSV) only" in r.err, "--map with a backup is refused", r)
    r = env.run("--db", env.path("m12.db"), "import", lp, "--partner", "nosuch", "--dry-run", db=False)
    t.ok(r.rc == 1 and "--partner is for vCards only" in r.err and r.out == "",
         "--partner with a spreadsheet is refused before any row", r)
    # With --format given the options contradict each other: a usage error
    # (exit status 2, the synopsis), before the file is even read.
    for argv, why in ((["--format", "vcf", "--map", "a=name"], "--map is for spreadsheets (CSV) only"),
                      (["--format", "yaml", "--map", "a=name"], "--map is for spreadsheets (CSV) only"),
                      (["--format", "csv", "--partner", "City Zoo"], "--partner is for vCards only")):
        r = env.run("--db", env.path("m14.db"), "import", missing, *argv, db=False)
        t.ok(r.rc == 2 and why in r.err and "usage: partnerdesk import" in r.err,
             "import %s is a usage error" % " ".join(argv), r)
    t.ok(not os.path.exists(env.path("m14.db")), "and no database is made")
    r = env.run("--db", env.path("m13.db"), "import", vcf, "--partner", "City Zoo", "--dry-run", db=False)
    t.eq(r.rc, 0, "--partner with vCards still works")
finally:
    env.cleanup()
t.done()
