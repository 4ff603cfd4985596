"""Files as a librarian brings them, not as partnerdesk writes them: a
workbook saved as it is instead of exported as CSV (.xlsx, .ods, .xls) or
a PDF, each refused by what it is and how to save it as CSV, with no
database made; a phone number the spreadsheet turned into 4.4123E+11,
said to have lost its digits, with the row named, and imported; address
books as Google Contacts, Apple Contacts, Outlook and Thunderbird export
them, checked field by field, Google's own groups (myContacts, starred)
kept out of notes and tags; a title row above the header that is itself
a column's name ("Partner" in A1) not taken for the header; two columns
of one name, which --map cannot tell apart, not answered with a --map;
headers that say whose field it is ("Organisation Email", "Contact
E-mail address") read as that field; a review date as a spreadsheet's
locale shows it that may be either (01/12/2026) refused, naming both
readings, with what to do in the sheet; a
Mac spreadsheet's "CSV" (Mac Roman) not read as Windows-1252 into
"MŸnchen", while real Windows-1252 text (’ “ ” – … between letters,
Czech š, MANŒUVRE) still is."""
import json
import os
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env  # noqa: E402

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")

t = TAP()
env = Env(sys.argv[1])


def leftovers(name):
    return sorted(f for f in os.listdir(env.dir) if f.startswith(name))


def people(db, partner):
    r = env.run("--db", db, "contact", "list", partner, "--format", "json", db=False)
    return {c["name"]: c for c in json.loads(r.out or "[]")}


def partners(db):
    r = env.run("--db", db, "list", "--format", "json", db=False)
    return {p["name"]: p for p in json.loads(r.out or "[]")}


try:
    # Workbooks laid out as the programs save them: Excel's parts in its
    # order ([Content_Types].xml first, xl/ after), LibreOffice's
    # "mimetype" stored first and uncompressed as ODF requires.
    xlsx = env.path("partners.xlsx")
    with zipfile.ZipFile(xlsx, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"/>' * 8)
        z.writestr("_rels/.rels", "<Relationships/>" * 8)
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", "<worksheet><sheetData/></worksheet>")
    ods = env.path("partners.ods")
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>", zipfile.ZIP_DEFLATED)
    numbers = env.path("partners.numbers")
    with zipfile.ZipFile(numbers, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Index/Document.iwa", "\x00\x01" * 40)
    xls = env.path("partners.xls")
    with open(xls, "wb") as f:
        f.write(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\x00" * 504)
    pdf = env.path("partners.pdf")
    with open(pdf, "wb") as f:
        f.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    cases = [
        (xlsx, "partners.xlsx: this is an Excel workbook (.xlsx)", "CSV UTF-8"),
        (ods, "partners.ods: this is a LibreOffice spreadsheet (.ods)", "Text CSV (.csv)"),
        (numbers, "partners.numbers: this is a zip archive", "CSV UTF-8"),
        (xls, "partners.xls: this is an Excel 97-2003 workbook (.xls)", "CSV UTF-8"),
        (pdf, "partners.pdf: this is a PDF document", "as CSV"),
    ]
    for path, what, how in cases:
        name = os.path.basename(path)
        for argv in ([], ["--dry-run"], ["--format", "csv"]):
            r = env.run("--db", env.path("wb.db"), "import", path, *argv, db=False)
            t.ok(r.rc == 1 and what in r.err and how in r.err and "NUL" not in r.err
                 and "header" not in r.err,
                 "%s %s: refused as what it is, saying how to save it as CSV" % (name, " ".join(argv)), r)
        # Renamed .csv by hand, it is still what it is.
        renamed = env.path(name + ".csv")
        with open(path, "rb") as src, open(renamed, "wb") as dst:
            dst.write(src.read())
        r = env.run("--db", env.path("wb.db"), "import", renamed, db=False)
        t.ok(r.rc == 1 and what.split(": ", 1)[1] in r.err, name + " renamed .csv: the same", r)
    t.eq(leftovers("wb.db"), [], "no database made for any of them")

    # Phones as Excel saves a column it took for numbers ("General"): the
    # digits past the mantissa are gone. Comma-separated from an English
    # locale, semicolon-separated with a decimal comma from a German one.
    sheets = {
        "en.csv": "Organisation Name,Phone,Contact,Contact phone\r\n"
                  "Riverside Trust,4.4123E+11,,\r\n"
                  "Hill Museum,+44 1234 567890,Ann Lee,4.41235E+11\r\n"
                  "Flower Co,1-800-FLOWERS,,\r\n"
                  "Main Library,441234567890,,\r\n"
                  "Zoo Friends,555-0100 ext 12,,\r\n",
        "de.csv": "Name;Phone;Notes\r\nStadtbücherei;4,4123E+11;Preis 1,5E+3\r\n",
    }
    expect = {"en.csv": [(2, "phone '4.4123E+11'"), (3, "contact \"Ann Lee\": phone '4.41235E+11'")],
              "de.csv": [(2, "phone '4,4123E+11'")]}
    for name, text in sheets.items():
        path = env.path(name)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        db = env.path(name + ".db")
        r = env.run("--db", db, "import", path, db=False)
        said = [ln for ln in r.err.splitlines() if "scientific notation" in ln]
        t.eq(len(said), len(expect[name]), name + ": one warning per shortened phone, no other")
        for (row, what), line in zip(expect[name], said):
            t.ok(line.startswith("partnerdesk: %s:%d: warning: %s is a number the spreadsheet wrote "
                                 "in scientific notation, so its last digits are lost" % (path, row, what))
                 and "format the column as Text" in line, "%s:%d: %s said, with what to do" % (name, row, what), r)
        t.ok(r.rc == 0 and "%d warning" % len(expect[name]) in r.out + r.err,
             name + ": imported, the warnings counted", r)
    r = env.run("--db", env.path("en.csv.db"), "show", "Riverside Trust")
    t.ok("4.4123E+11" in r.out, "the value is kept as it is, for the user to put right", r)

    # The same number on a vCard: a card has no column to format as Text,
    # so its warning says where the digits went and to put it right.
    path = env.path("sci.vcf")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nN:Lee;Ann;;;\r\nORG:Hill Museum\r\n"
                "TEL;TYPE=CELL:4.41235E+11\r\nEND:VCARD\r\n")
    r = env.run("--db", env.path("sci.vcf.db"), "import", path, db=False)
    said = [ln for ln in r.err.splitlines() if "scientific notation" in ln]
    t.eq(said, ["partnerdesk: %s:6: warning: contact \"Ann Lee\": phone '4.41235E+11' is a number in "
                "scientific notation, as the program that made the card wrote it, so its last digits "
                "are lost; kept as it is: put it right afterwards" % path],
         "a card's phone in scientific notation: the card's own words, no spreadsheet column")
    t.ok(r.rc == 0 and "1 warning" in r.out + r.err, "the card imported, the warning counted", r)

    # A title in A1 that is also a column's name, a line under it, then
    # the header: the header is row 3, not "Partner" with its names
    # ("Name", "Email") imported as a partner.
    for title in ("Partner", "Organisation", "Name"):
        path = env.path("titled.csv")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write("%s,,,\r\nUpdated 2026-11-01,,,\r\nName,Email,Phone,Notes\r\n"
                    "Alpha Trust,a@alpha.example.org,0123 456 789,hi\r\n" % title)
        db = env.path("titled-%s.db" % title)
        r = env.run("--db", db, "import", path, db=False)
        t.ok(r.rc == 0 and "titled.csv: row 3 (Name, Email, Phone, Notes) is the header; the rows above "
             "it are not imported" in r.err and "1 added" in r.out + r.err,
             "title %r above the header: row 3 is the header" % title, r)
        t.eq(sorted(partners(db)), ["Alpha Trust"], "title %r: only the row below the header is a partner" % title)
        t.eq(partners(db).get("Alpha Trust", {}).get("email"), "a@alpha.example.org", "title %r: columns as the header names them" % title)
    # Two columns called "Name" (the organisation's and the person's): a
    # --map "Name=..." would name both, so the way out is a new name.
    path = env.path("twonames.csv")
    with open(path, "w", newline="") as f:
        f.write("Name,Name,Email\r\nAcme Trust,Jo Bloggs,info@acme.example.org\r\n")
    r = env.run("--db", env.path("twonames.db"), "import", path, db=False)
    said = [ln for ln in r.err.splitlines() if "both name the partner" in ln]
    t.ok(said and '--map "Name=' not in said[0]
         and 'if column 2 is the partner\'s name, rename it "Partner" in the header row' in said[0],
         "two columns called Name: the way out is renaming one, not a --map naming both", r)
    with open(path, "w", newline="") as f:
        f.write("Name,Partner,Email\r\nJo Bloggs,Acme Trust,info@acme.example.org\r\n")
    r = env.run("--db", env.path("renamed.db"), "import", path, db=False)
    t.eq(sorted(partners(env.path("renamed.db"))), ["Acme Trust"], "renamed as said: column 2 is the partner")

    # Headers that say whose the field is, as partner sheets write them.
    path = env.path("whose.csv")
    with open(path, "w", newline="") as f:
        f.write("Organisation Name,Organisation Email,Organisation Phone,Organisation Website,"
                "Organisation Address,Main Contact,Contact E-mail address,Contact Telephone,"
                "Contact Job Title\r\n"
                "Acme Trust,info@acme.example.org,0123 456 789,acme.example.org,1 High St,"
                "Jo Bloggs,jo@acme.example.org,0123 999 000,Head of Learning\r\n")
    db = env.path("whose.db")
    r = env.run("--db", db, "import", path, db=False)
    acme = partners(db).get("Acme Trust", {})
    t.eq((r.rc, acme.get("email"), acme.get("phone"), acme.get("website"), acme.get("address")),
         (0, "info@acme.example.org", "0123 456 789", "acme.example.org", "1 High St"),
         "Organisation Email, Phone, Website, Address: the partner's fields")
    jo = people(db, "Acme Trust").get("Jo Bloggs", {})
    t.eq((jo.get("email"), jo.get("phone"), jo.get("title")),
         ("jo@acme.example.org", "0123 999 000", "Head of Learning"),
         "Main Contact, Contact E-mail address, Telephone, Job Title: the person's")
    r = env.run("--db", db, "show", "Acme Trust")
    t.ok("Organisation" not in r.out and "Contact " not in r.out, "nothing of them left in the notes", r)

    # Dates as Excel saves them in a UK or US locale: which day is
    # 01/12/2026 only the sheet knows, so the sheet is where to fix them.
    path = env.path("dates.csv")
    with open(path, "w", newline="") as f:
        f.write("Name,Stage,Review date\r\nAlpha,engagement,01/12/2026\r\nBeta,engagement,2026-12-01\r\n"
                "Gamma,engagement,1-Dec-26\r\n")
    r = env.run("--db", env.path("dates.db"), "import", path, db=False)
    for row, v, why in ((2, "01/12/2026", "may be 2026-12-01 or 2026-01-12"),
                        (4, "1-Dec-26", "is not a date (YYYY-MM-DD)")):
        t.ok(r.rc == 1 and ('dates.csv:%d: column "Review date" (read as the review date): review date "%s" %s; '
                            'format the column as yyyy-mm-dd in the spreadsheet and '
                            'save the CSV again' % (row, v, why)) in r.err,
             "review date %s: refused, saying to format the column in the sheet" % v, r)
    t.ok('dates.csv: the 2 failed rows all failed on column "Review date" (read as the review date); '
         in r.err, "the line on them all says the field in the rows' words, not review_date", r)
    t.eq(leftovers("dates.db"), [], "nothing imported")

    # Excel for Mac's "CSV": Mac Roman, whose ü é ß Windows-1252 reads
    # as Ÿ Ž §. Said, with the word as it would be read, before anything.
    mac = env.path("mac.csv")
    with open(mac, "wb") as f:
        f.write("Name,Town,Notes\r\nStadtbücherei,München,Straße 1\r\nCafé Olé,Paris,\r\n"
                .encode("mac_roman"))
    r = env.run("--db", env.path("mac.db"), "import", mac, db=False)
    t.ok(r.rc == 1 and 'mac.csv:2: "StadtbŸcherei" is no word of a Windows-1252 file: this one looks '
         'saved by a Mac spreadsheet (Mac Roman); save it from the spreadsheet as "CSV UTF-8"' in r.err,
         "a Mac Roman sheet: said, naming the row and the word", r)
    t.eq(leftovers("mac.db"), [], "nothing imported")
    for word in ("Café Olé", "Straße", "Málaga", "Västerås"):
        one = env.path("mac1.csv")
        with open(one, "wb") as f:
            f.write(("Name\r\n%s\r\n" % word).encode("mac_roman"))
        r = env.run("--db", env.path("mac1.db"), "import", one, "--dry-run", db=False)
        t.ok(r.rc == 1 and "Mac Roman" in r.err, "Mac Roman %r: found" % word, r)
    # Excel for Mac's CSV whose only letters past ASCII are ñ ó í ú ö, which
    # Windows-1252 reads as – — ’ œ š: found by where those fall in a word.
    for fname, word in (("mac-roman-es.csv", "Direcci—n"), ("mac-roman-o.csv", "Gšteborgs")):
        r = env.run("--db", env.path("mac3.db"), "import", os.path.join(DATA, "csv", fname), db=False)
        t.ok(r.rc == 1 and ('%s:1: "%s" is no word of a Windows-1252 file' % (fname, word)) in r.err
             and "Mac Roman" in r.err, "%s: said, naming the word" % fname, r)
        t.eq(leftovers("mac3.db"), [], "nothing imported")
    for word in ("García", "Rodríguez", "España", "niños", "Gómez", "Raúl", "público", "Köln", "Schröder",
                 "Men’s Shed"):
        one = env.path("mac1.csv")
        with open(one, "wb") as f:
            f.write(("Name\r\n%s\r\n" % word).encode("mac_roman"))
        r = env.run("--db", env.path("mac1.db"), "import", one, "--dry-run", db=False)
        t.ok(r.rc == 1 and "Mac Roman" in r.err, "Mac Roman %r: found" % word, r)
    # A Windows-1252 sheet using ’ – — œ š as such: read as one.
    real = env.path("cp.db")
    r = env.run("--db", real, "import", os.path.join(DATA, "csv", "cp1252-partners.csv"), db=False)
    t.ok(r.rc == 0 and "read as Windows-1252" in r.err and "7 added" in r.out,
         "cp1252-partners.csv: read as Windows-1252", r)
    t.eq(sorted(partners(real)), ["Al-Noor Mosque", "Asociación Hispana de Gales", "Cœur de Ville Association",
                                  "Friends of Riverside Library", "Grupo Português", "Košice Twinning Group",
                                  "Men’s Shed Penarth"], "with its letters")
    r = env.run("--db", env.path("mac2.db"), "import", mac, "--encoding", "windows-1252", db=False)
    t.eq(r.rc, 0, "--encoding windows-1252 reads it as asked")
    real = env.path("real1252.csv")
    with open(real, "wb") as f:
        f.write("Name,Notes\r\nKošice Library,the children’s “room” – open…now\r\nMANŒUVRE,Tallinna žürii\r\n"
                "Bibliothèque Nord,Jiménez\r\n".encode("cp1252"))
    r = env.run("--db", env.path("real.db"), "import", real, db=False)
    t.ok(r.rc == 0 and "read as Windows-1252" in r.err, "a Windows-1252 sheet is read as one", r)
    t.eq(sorted(partners(env.path("real.db"))), ["Bibliothèque Nord", "Košice Library", "MANŒUVRE"],
         "with its letters")

    # A sheet of one column is still its own header.
    path = env.path("one.csv")
    with open(path, "w", newline="") as f:
        f.write("Partner\r\nAlpha Trust\r\n\r\nBeta Club\r\n")
    r = env.run("--db", env.path("one.db"), "import", path, db=False)
    t.eq(sorted(partners(env.path("one.db"))), ["Alpha Trust", "Beta Club"], "a one-column sheet: row 1 is the header")

    def imported(name):
        db = env.path(name + ".db")
        r = env.run("--db", db, "import", os.path.join(DATA, "vcards", name), db=False)
        t.ok(r.rc == 0 and "0 failed" in r.out + r.err, name + ": imported", r)
        return db

    # Google Contacts (3.0): every card in "myContacts", some "starred";
    # those are Google's, not the person's.
    db = imported("google-contacts.vcf")
    t.eq(sorted(partners(db)), ["Association Lire Ensemble", "City Museum"], "google: ORG makes the partners")
    jane = people(db, "City Museum").get("Jane Doe", {})
    t.eq((jane.get("title"), jane.get("email"), jane.get("phone")),
         ("Education Manager", "jane@museum.example.org", "+1 804-555-0101"), "google: title, work email, first phone")
    notes = jane.get("notes") or ""
    t.ok(notes.startswith("Met at the fair, keen on teen programs.\nCall before 10.\n")
         and "URL: http://www.museum.example.org" in notes and "Phone (work): (804) 555-0199" in notes
         and "Email (home): jane.doe@gmail.example.com" in notes, "google: the note unescaped, the rest kept in it", notes)
    t.ok("Categories: Partners" in notes and "myContacts" not in notes, "google: its own group left out", notes)
    marc = people(db, "Association Lire Ensemble").get("Marc Dubois", {})
    t.ok("myContacts" not in (marc.get("notes") or "") and marc.get("title") == "Président",
         "google: a card only in myContacts gets no Categories line", marc)
    org = env.path("org-groups.vcf")
    with open(org, "w", newline="") as f:
        f.write("BEGIN:VCARD\r\nVERSION:3.0\r\nKIND:org\r\nFN:Arts Hub\r\nORG:Arts Hub\r\n"
                "CATEGORIES:myContacts,starred,arts\r\nEND:VCARD\r\n")
    r = env.run("--db", env.path("org.db"), "import", org, db=False)
    t.eq(partners(env.path("org.db")).get("Arts Hub", {}).get("tags"), ["arts"],
         "an organisation's card: Google's groups are no tags of it")

    # A vCard saved as UTF-16 ("Unicode") is a vCard in the wrong
    # encoding, not "not a vCard": said so, with what to do.
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Renée\r\nORG:Arts Hub\r\nEND:VCARD\r\n"
    for codec in ("utf-16", "utf-16-le", "utf-16-be"):
        path = env.path("card-%s.vcf" % codec)
        with open(path, "wb") as f:
            f.write(card.encode(codec))
        r = env.run("--db", env.path("u16.db"), "import", path, db=False)
        t.ok(r.rc == 1 and "card-%s.vcf: the file is UTF-16;" % codec in r.err and "UTF-8" in r.err
             and "not a vCard" not in r.err, "a vCard in %s: said to be UTF-16, with what to do" % codec, r)
    t.eq(leftovers("u16.db"), [], "no database made")

    # The khard cards that name no ORG: skipped with a message, or filed
    # under --partner, each person as the card has them.
    khard = {"category.vcf": ("contact with category", "foo@example.org", "Categories: bar"),
             "contact2.vcf": ("third contact", None, None),
             "issue249.vcf": ("Foo Bar", None, None),
             "minimal.vcf": ("minimal contact", None, None),
             "no-nickname.vcf": ("Mike Jones", "mj@example.org", None),   # N only, no FN
             "text-bday.vcf": ("text birthday", None, "Birthday: circa 1800")}   # 4.0 VALUE=text BDAY
    kdb = env.path("khard.db")
    env.run("--db", kdb, "add", "Filed Here", db=False)
    for name, (who, email, notes) in khard.items():
        path = os.path.join(DATA, "vcards", name)
        r = env.run("--db", kdb, "import", path, db=False)
        t.ok(r.rc == 0 and ("skip \"%s\": the card has no ORG" % who) in r.err and "1 skipped" in r.out + r.err,
             name + ": no ORG, skipped with a message", r)
        r = env.run("--db", kdb, "import", path, "--partner", "Filed Here", db=False)
        got = people(kdb, "Filed Here").get(who, {})
        t.eq((r.rc, got.get("email"), got.get("notes")), (0, email, notes),
             name + ": --partner files %s with the card's fields" % who)
    t.eq(sorted(partners(kdb)), ["Filed Here"], "and no partner is made for them")

    # Apple Contacts (3.0): the company's own card (X-ABShowAs:COMPANY) is
    # the partner; the person's department is kept; the photo is skipped.
    db = imported("apple-contacts.vcf")
    hsc = partners(db).get("Harbor Science Center", {})
    t.eq((hsc.get("website"), hsc.get("phone")), ("https://harbor.example.org", "+1 804 555 0100"),
         "apple: the company card's URL and TEL are the partner's")
    ngozi = people(db, "Harbor Science Center").get("Ngozi Okafor", {})
    t.eq((ngozi.get("title"), ngozi.get("email"), ngozi.get("phone")),
         ("Director of Learning", "ngozi@harbor.example.org", "+1 (804) 555-0142"), "apple: the pref email and phone")
    t.ok("Department: Education" in (ngozi.get("notes") or "") and "9j/" not in (ngozi.get("notes") or ""),
         "apple: the department kept, the photo not", ngozi)

    # Outlook (2.1): Windows-1252 text, quoted-printable with soft breaks.
    db = imported("outlook-21.vcf")
    renee = people(db, "Bibliothèque Municipale").get("Renée François", {})
    t.eq((renee.get("title"), renee.get("email"), renee.get("phone")),
         ("Responsable jeunesse", "renee@biblio.example.fr", "+33 1 23 45 67 89"), "outlook: the card's fields")
    t.ok((renee.get("notes") or "").startswith("Rencontrée au salon du livre. Intéressée par un atelier "
                                                "d'écriture\npour les ados (15–17 ans).\n"),
         "outlook: soft breaks joined, =0D=0A a line break, 0x96 an en dash", renee)

    # Thunderbird (4.0): PREF=1 picks the email; the unit is kept.
    db = imported("thunderbird.vcf")
    kim = people(db, "Youth Orchestra").get("Kim Lee", {})
    t.eq((kim.get("title"), kim.get("email"), kim.get("phone")),
         ("Outreach Lead", "kim@youth.example.org", "+44 20 7946 0123"), "thunderbird: the card's fields")
    t.ok("Department: Outreach" in (kim.get("notes") or "") and "Phone (mobile): 07700 900456" in (kim.get("notes") or ""),
         "thunderbird: the unit and the second number kept", kim)

    # What each address book holds beyond one email and one phone (more
    # numbers and addresses, chat, social profiles, birthdays, custom
    # labels) kept in the person's notes, a line each, and the summary
    # says so; a second merge of the same card repeats no line.
    channels = {
        "apple-channels.vcf": ("Riverside Arts Trust", "Kwame Mensah",
                               ["Runs the summer festival.", "Department: Programmes",
                                "URL: https://riverside.example.org",
                                "Address: Riverside House, 2 Quay Street, Manchester, M3 3HN, United Kingdom",
                                "Nickname: Kojo", "Email (work): kwame@riverside.example.org",
                                "Phone (mobile): +44 7700 900777", "Phone (Box office): +44 161 496 0999",
                                "Address (home): 14 Elm Grove, Salford, M6 7AB, United Kingdom",
                                "URL (blog): https://blog.riverside.example.org",
                                "Chat (Skype): skype:kwame.riverside",
                                "Social profile (twitter): http://twitter.com/kwamearts",
                                "Social profile (linkedin): https://www.linkedin.com/in/kwamemensah",
                                "Birthday: --03-17", "Anniversary: 2015-09-01",
                                "Related (assistant): Ama Owusu"]),
        "google-channels.vcf": ("Lincoln High School", "Priya Shah",
                                ["URL: https://lincoln.example.edu",
                                 "Address: 400 School Lane, Philadelphia, PA, 19104, US",
                                 "Categories: Partners", "Nickname: Pri",
                                 "Email (home): p.shah@mail.example.com",
                                 "Email (PTA): priya.pta@mail.example.com",
                                 "Phone (mobile): +1 215-555-0178", "Birthday: 1979-11-02",
                                 "Anniversary: 2008-05-20", "Related (spouse): Sam Shah",
                                 "Chat (Jabber): xmpp:priya@chat.example.org"]),
        "outlook-channels.vcf": ("Centro Cultural Latino", "Tomás Ortega",
                                 ["Department: Servicios Juveniles", "URL: http://www.ccl.example.org",
                                  "Address: 1500 W Cermak Rd, Chicago, IL, 60608, United States of America",
                                  "Phone (home): +1 312 555 0188", "Phone (mobile): +1 312 555 0199",
                                  "Phone (work fax): +1 312 555 0141",
                                  "Address (home): 22 Elm St, Cicero, IL, 60804, United States of America",
                                  "Birthday: 1975-08-23", "Anniversary: 2005-06-11",
                                  "Chat: tomas.ortega@chat.example.org", "Related (manager): Inés Vidal",
                                  "Email: tortega@mail.example.com"]),
        "thunderbird-channels.vcf": ("Pacific Islander Community Association", "Sione Tupou",
                                     ["Runs the Pasifika storytime.", "URL: https://pacific.example.org",
                                      "Address: 12 Queen St, Auckland, 1010, New Zealand",
                                      "Email (home): sione.t@example.net",
                                      "Email (work): programs@pacific.example.org", "Nickname: Sio",
                                      "Phone (mobile): +64 21 555 0102",
                                      "Address (home): 4 Kauri Rd, Auckland, 0600, New Zealand",
                                      "Chat: xmpp:sione@chat.example.org", "Birthday: 1988-02-14",
                                      "Anniversary: 2012-09-01", "URL (home): https://sione.example.net"]),
    }
    for name, (org, who, lines) in channels.items():
        db = env.path(name + ".db")
        path = os.path.join(DATA, "vcards", name)
        r = env.run("--db", db, "import", path, db=False)
        t.ok(r.rc == 0 and r.out.startswith("2 added, 0 merged, 0 skipped, 0 failed; kept in the notes of "
                                             "1 card: phones, emails, "),
             name + ": the summary says what went to the notes", r)
        got = people(db, org).get(who, {})
        t.eq((got.get("notes") or "").split("\n"), lines, name + ": %s's notes, a line each" % who)
        r = env.run("--db", db, "import", path, "--on-duplicate", "merge", db=False)
        again = people(db, org).get(who, {})
        t.ok(r.rc == 0 and "0 added, 1 merged" in r.out and again.get("notes") == got.get("notes"),
             name + ": merged again, no line repeated", (r, again.get("notes")))
    # A person an older import wrote "Phone: ..." for (before the notes
    # said which number it is), merged with the card again: the number
    # is not noted a second time as "Phone (work): ...".
    odb = env.path("older.db")
    env.run("--db", odb, "add", "City Museum", db=False)
    older = ("Met at the fair, keen on teen programs.\nCall before 10.\nEmail: jane.doe@gmail.example.com\n"
             "Phone: (804) 555-0199\nURL: http://www.museum.example.org\n"
             "Address: 1 Museum Way, Richmond, VA, 23220, US\nCategories: Partners")
    env.run("--db", odb, "contact", "add", "City Museum", "Jane Doe", "--notes", older, db=False)
    r = env.run("--db", odb, "import", os.path.join(DATA, "vcards", "google-contacts.vcf"),
                "--on-duplicate", "merge", db=False)
    t.eq((r.rc, people(odb, "City Museum").get("Jane Doe", {}).get("notes")), (0, older),
         "merged into notes an older import wrote: no number or address noted twice")
    # Notes an older import wrote, several "Phone: ..." lines and lines
    # whose qualifier the card now words otherwise, merged with the card
    # again: no number a second time, and none the notes held lost to
    # the card's one untyped further phone.
    card = env.path("jane.vcf")
    with open(card, "w", newline="") as f:
        f.write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe\r\nORG:City Museum\r\n"
                "TEL;TYPE=WORK,VOICE:+1 804 555 0100\r\nTEL;TYPE=CELL:+1 804 555 0199\r\n"
                "TEL:+1 804 555 0142\r\nTEL;TYPE=HOME:+1 804 555 0177\r\nEND:VCARD\r\n")
    cases = (
        ("several untyped lines", "Met at the fair.\nPhone: +1 804 555 0199\nPhone: +1 804 555 0142\n"
         "Phone: +1 804 555 0177", None),
        ("one untyped line the card words as mobile", "Met at the fair.\nPhone: +1 804 555 0199",
         "Met at the fair.\nPhone: +1 804 555 0199\nPhone: +1 804 555 0142\n"
         "Phone (home): +1 804 555 0177"),
        ("a line the card now says is home", "Met at the fair.\nPhone (mobile): +1 804 555 0199\n"
         "Phone: +1 804 555 0142\nPhone (work): +1 804 555 0177", None),
    )
    for what, notes, want in cases:
        db = env.path("again-%d.db" % len(what))
        env.run("--db", db, "add", "City Museum", db=False)
        env.run("--db", db, "contact", "add", "City Museum", "Jane Doe", "--phone", "+1 804 555 0100",
                "--notes", notes, db=False)
        r = env.run("--db", db, "import", card, "--on-duplicate", "merge", db=False)
        got = people(db, "City Museum").get("Jane Doe", {}).get("notes")
        t.eq((r.rc, got), (0, want or notes), "merged into notes an older import wrote, %s: "
             "no number twice, none lost" % what)
        r = env.run("--db", db, "import", card, "--on-duplicate", "merge", db=False)
        t.eq(people(db, "City Museum").get("Jane Doe", {}).get("notes"), want or notes,
             "%s: and merged once more, the same notes" % what)
    # A 2.1 photo whose blank line is followed by a stray line: the card is
    # named by that line, with why; the dry run says the import itself
    # would stop there; --keep-going imports the rest.
    stray = env.path("stray.vcf")
    with open(stray, "w", newline="") as f:
        f.write("BEGIN:VCARD\r\nVERSION:2.1\r\nN:Sato;Ken\r\nORG:Museum\r\n"
                "PHOTO;ENCODING=BASE64;TYPE=JPEG:\r\n /9j/4AAQSkZJRgABAQEAYABgAAD\r\n\r\n"
                "Call on Tuesdays\r\nEND:VCARD\r\n"
                "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Ito;Aya\r\nORG:Museum\r\nEND:VCARD\r\n")
    sdb = env.path("stray.db")
    r = env.run("--db", sdb, "import", stray, "--dry-run", db=False)
    t.ok(r.rc == 1 and '%s:8: card "Ken Sato": this line is not a vCard property' % stray in r.err
         and "base64" in r.err
         and "1 card could not be imported, so the import itself would write nothing; fix it or use "
             "--keep-going to import the rest" in r.err,
         "a stray line after 2.1 base64 data: the card named by that line; the dry run says the "
         "import would stop", r)
    r = env.run("--db", sdb, "import", stray, "--keep-going", db=False)
    t.ok(r.rc == 1 and r.out.startswith("2 added, 0 merged, 0 skipped, 1 failed")
         and list(people(sdb, "Museum")) == ["Aya Ito"],
         "--keep-going: the other card imported", r)
    plain = env.path("plain.vcf")
    with open(plain, "w", newline="") as f:
        f.write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nORG:City Zoo\r\nEMAIL:ann@zoo.example\r\n"
                "TEL:+44 20 7946 0001\r\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ\r\nREV:2026-01-01\r\nEND:VCARD\r\n")
    r = env.run("--db", env.path("plain.db"), "import", plain, db=False)
    t.eq((r.rc, r.out), (0, "2 added, 0 merged, 0 skipped, 0 failed\n"),
         "a card with one email and one phone: nothing said of notes (its photo and REV are skipped)")
finally:
    env.cleanup()
t.done()
