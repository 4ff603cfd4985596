"""Email, phone and website as the command line and the imports take them:
add, edit and contact add refuse one that can't be (exit 2, the message
saying what is wrong, nothing stored) and take real ones of many countries;
a CSV or vCard import keeps a bad value, warns of it by row or card line
and counts it (a dry run lists the same); a YAML backup goes back exactly,
without a word."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env, added_id  # noqa: E402

t = TAP()
env = Env(sys.argv[1])


def show(name, db=None):
    args = (["--db", db] if db else []) + ["show", name, "--format", "json"]
    r = env.run(*args, db=db is None)
    return json.loads(r.out) if r.rc == 0 else {}


def write(name, text):
    path = env.path(name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


try:
    # add: each bad value refused as a usage error, by what is wrong.
    for opt, value, said in (
            ("--email", "jane.museum.org", "email 'jane.museum.org' has no @"),
            ("--email", "jane@@museum", "email 'jane@@museum' has more than one @"),
            ("--email", "jane@museum", "email 'jane@museum' has no dot after the @ (as in museum.org)"),
            ("--phone", "call the front desk", "phone 'call the front desk' has no digits"),
            ("--website", "htp:/museum", "website 'htp:/museum' starts with 'htp:'; a web address "
             "starts with http:// or https://, or with neither (museum.org)"),
            ("--website", "http:/museum.org", "website 'http:/museum.org' needs // after 'http:'")):
        r = env.run("add", "Typo Museum", opt, value)
        t.ok(r.rc == 2 and r.err.startswith("partnerdesk: %s\nusage: partnerdesk add" % said),
             "add %s %s: exit 2 saying what is wrong" % (opt, value), r)
    r = env.run("list", "--format", "json")
    t.ok(r.rc != 0 or json.loads(r.out) == [], "nothing was added", r)

    # Real ones of many countries go in, as typed.
    r = env.run("add", "Amgueddfa Cymru", "--email", "ymholiadau@amgueddfa.cymru",
                "--phone", "+44 29 2039 2000", "--website", "amgueddfa.cymru")
    t.eq(r.rc, 0, "add: a Welsh address, a British number, a website without https:// " + r.err)
    wales = added_id(r)
    p = show(str(wales))
    t.eq((p.get("email"), p.get("phone"), p.get("website")),
         ("ymholiadau@amgueddfa.cymru", "+44 29 2039 2000", "amgueddfa.cymru"),
         "stored as typed: no https:// put before the website")
    r = env.run("add", "국립중앙박물관", "--email", "안내@박물관.한국", "--phone", "1-800-FLOWERS",
                "--website", "https://مثال.مصر/صفحة")
    t.eq(r.rc, 0, "add: a Korean address, a vanity number, an Arabic website " + r.err)

    # edit: the same refusal, the partner unchanged; '' still clears.
    r = env.run("edit", str(wales), "--email", "ymholiadau.amgueddfa.cymru")
    t.ok(r.rc == 2 and "email 'ymholiadau.amgueddfa.cymru' has no @" in r.err, "edit --email refused", r)
    r = env.run("edit", str(wales), "--phone", "(555) 010-0199 x12", "--website", "museum,org")
    t.ok(r.rc == 2 and "website 'museum,org' has ','" in r.err, "edit --website refused", r)
    p = show(str(wales))
    t.eq((p.get("email"), p.get("phone"), p.get("version")),
         ("ymholiadau@amgueddfa.cymru", "+44 29 2039 2000", 1), "and nothing of the edit stored")
    r = env.run("edit", str(wales), "--phone", "(555) 010-0199 x12", "--website", "")
    t.eq(r.rc, 0, "edit: a number with an extension, an empty website " + r.err)
    p = show(str(wales))
    t.eq((p.get("phone"), p.get("website")), ("(555) 010-0199 x12", None), "stored; the website cleared")

    # contact add
    r = env.run("contact", "add", str(wales), "Jane Doe", "--email", "jane@museum.o")
    t.ok(r.rc == 2 and "email 'jane@museum.o' ends in a one-letter '.o'" in r.err,
         "contact add --email refused", r)
    r = env.run("contact", "add", str(wales), "Jane Doe", "--phone", "jane@museum.org")
    t.ok(r.rc == 2 and "phone 'jane@museum.org' looks like an email address; if it is one, it "
         "belongs in the email field" in r.err, "contact add --phone holding an email refused", r)
    t.eq(show(str(wales)).get("contacts"), [], "no contact added")
    r = env.run("contact", "add", str(wales), "Jane Doe", "--email", "jane@museum.org",
                "--phone", "029 2039 2000")
    t.eq(r.rc, 0, "contact add with good ones " + r.err)

    # Spaces a paste brings at the ends are not part of the value: the check
    # ignores them and so does what is stored (as the forms store it); the
    # notes keep theirs.
    r = env.run("add", "Paste Museum", "--email", " jane@museum.org ", "--phone", "\t029 2039 2000 ",
                "--website", " museum.org\n", "--notes", " as typed ")
    t.eq(r.rc, 0, "add with pasted values " + r.err)
    pasted = added_id(r)
    p = show(str(pasted))
    t.eq((p.get("email"), p.get("phone"), p.get("website"), p.get("notes")),
         ("jane@museum.org", "029 2039 2000", "museum.org", " as typed "),
         "add stores email, phone and website trimmed, the notes as given")
    r = env.run("edit", str(pasted), "--email", "  info@museum.org", "--phone", "555 0100  ",
                "--website", " https://museum.org ")
    t.eq(r.rc, 0, "edit with pasted values " + r.err)
    p = show(str(pasted))
    t.eq((p.get("email"), p.get("phone"), p.get("website")),
         ("info@museum.org", "555 0100", "https://museum.org"), "edit stores them trimmed")
    r = env.run("edit", str(pasted), "--email", " info@museum.org ")
    t.eq((r.rc, show(str(pasted)).get("version")), (0, 2), "the same address with spaces round it changes nothing")
    r = env.run("contact", "add", str(pasted), "Jo Paste", "--email", " jo@museum.org ", "--phone", " 555 0101 ")
    t.eq(r.rc, 0, "contact add with pasted values " + r.err)
    r = env.run("contact", "edit", str(pasted), "Jo Paste", "--phone", "555 0102 ")
    t.eq(r.rc, 0, "contact edit with a pasted value " + r.err)
    t.eq([(c["email"], c["phone"]) for c in show(str(pasted)).get("contacts", [])],
         [("jo@museum.org", "555 0102")], "a contact's email and phone are stored trimmed too")

    # CSV: a typo never refuses the sheet; kept, warned of by row, counted.
    csv = write("bad.csv",
                "Name,Email,Phone,Website,Contact name,Contact email,Contact phone\n"
                "City Museum,jane.museum.org,555-CALL-ME,htp:/museum,Jane Doe,jane@@museum,call me\n"
                "City Zoo,mailto:info@zoo.org,tel:+44 29 2039 2000,zoo.org,,,\n"
                "Town Hall,info@townhall,12,https://town hall.org,,,\n")
    cdb = env.path("csv.db")
    warned = [
        "%s:2: warning: email 'jane.museum.org' has no @; kept as it is" % csv,
        "%s:2: warning: website 'htp:/museum' starts with 'htp:'" % csv,
        "%s:2: warning: contact \"Jane Doe\": email 'jane@@museum' has more than one @; kept as it is" % csv,
        "%s:2: warning: contact \"Jane Doe\": phone 'call me' has no digits; kept as it is" % csv,
        "%s:4: warning: email 'info@townhall' has no dot after the @ (as in museum.org); kept as it is" % csv,
        "%s:4: warning: phone '12' has only 2 digits; kept as it is" % csv,
        "%s:4: warning: website 'https://town hall.org' has a space in it; kept as it is" % csv,
    ]
    r = env.run("--db", cdb, "import", csv, "--dry-run", db=False)
    t.ok(r.rc == 0 and "dry run, nothing written: 3 added, 0 merged, 0 skipped, 0 failed, 7 warnings"
         in r.out, "dry run: every row would go in, the warnings counted", r)
    t.ok(all("partnerdesk: " + w in r.err for w in warned) and r.err.count(": warning: ") == 7,
         "dry run: each warning listed by FILE:ROW", r)
    t.ok(":3: warning" not in r.err, "the good row (mailto: and tel: taken off) draws none", r)
    r = env.run("--db", cdb, "import", csv, db=False)
    t.ok(r.rc == 0 and r.out.strip() == "3 added, 0 merged, 0 skipped, 0 failed, 7 warnings",
         "import: all three rows in, 7 warnings", r)
    t.ok(all("partnerdesk: " + w in r.err for w in warned), "the same warnings", r)
    m = show("City Museum", cdb)
    t.eq((m.get("email"), m.get("phone"), m.get("website")), ("jane.museum.org", "555-CALL-ME", "htp:/museum"),
         "the bad values are kept as the sheet has them")
    t.eq([(c["name"], c["email"], c["phone"]) for c in m.get("contacts", [])],
         [("Jane Doe", "jane@@museum", "call me")], "the contact's too")
    z = show("City Zoo", cdb)
    t.eq((z.get("email"), z.get("phone")), ("info@zoo.org", "+44 29 2039 2000"), "mailto: and tel: stripped")
    # merge brings the row's values again, and says so again
    r = env.run("--db", cdb, "import", csv, "--on-duplicate", "merge", db=False)
    t.ok(r.rc == 0 and "0 added, 3 merged" in r.out and r.out.strip().endswith("7 warnings"),
         "a merge of the same sheet warns of the same values", r)

    # vCard: by the line the property is on.
    vcf = write("bad.vcf",
                "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:City Aquarium\r\nORG:City Aquarium\r\n"
                "EMAIL:info.aquarium.org\r\nURL:htp:/aquarium\r\nTEL:tel:+44 29 2039 2000\r\nEND:VCARD\r\n"
                "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam Keeper\r\nORG:City Aquarium\r\nTEL:call me\r\n"
                "EMAIL;TYPE=work:sam@aquarium\r\nEND:VCARD\r\n")
    vdb = env.path("vcf.db")
    r = env.run("--db", vdb, "import", vcf, "--dry-run", db=False)
    t.ok(r.rc == 0 and r.out.strip().endswith("2 added, 0 merged, 0 skipped, 0 failed, 4 warnings")
         and "%s:6: warning: email 'info.aquarium.org' has no @" % vcf in r.err
         and "%s:7: warning: website 'htp:/aquarium' starts with 'htp:'" % vcf in r.err
         and "%s:14: warning: contact \"Sam Keeper\": phone 'call me' has no digits" % vcf in r.err
         and "%s:15: warning: contact \"Sam Keeper\": email 'sam@aquarium' has no dot" % vcf in r.err,
         "vCard dry run: warned of by the property's line, counted", r)
    r = env.run("--db", vdb, "import", vcf, db=False)
    t.ok(r.rc == 0 and r.out.strip() == "2 added, 0 merged, 0 skipped, 0 failed, 4 warnings",
         "vCard import: both cards in", r)
    a = show("City Aquarium", vdb)
    t.eq((a.get("email"), a.get("website"), a.get("phone")),
         ("info.aquarium.org", "htp:/aquarium", "+44 29 2039 2000"), "the card's values kept")
    t.eq([(c["email"], c["phone"]) for c in a.get("contacts", [])], [("sam@aquarium", "call me")],
         "the person's too")

    # A YAML backup goes back exactly as it is, bad values and all, silently.
    yml = env.path("backup.yaml")
    r = env.run("--db", cdb, "export", "--format", "yaml", "-o", yml, db=False)
    t.eq(r.rc, 0, "export yaml " + r.err)
    rdb = env.path("restored.db")
    r = env.run("--db", rdb, "import", yml, db=False)
    t.ok(r.rc == 0 and "warning" not in r.err and "warning" not in r.out, "a backup restores without a warning", r)
    m = show("City Museum", rdb)
    t.eq((m.get("email"), m.get("website"), [c["email"] for c in m.get("contacts", [])]),
         ("jane.museum.org", "htp:/museum", ["jane@@museum"]), "and holds what the backup held")
    again = env.path("again.yaml")
    env.run("--db", rdb, "export", "--format", "yaml", "-o", again, db=False)
    with open(yml, encoding="utf-8") as f1, open(again, encoding="utf-8") as f2:
        t.eq(f2.read(), f1.read(), "export, import, export gives the same file")

    # check lists the stored bad values as warnings; the desk is sound.
    r = env.run("--db", cdb, "check", db=False)
    t.ok(r.rc == 0 and "ok (schema" in r.out, "check: the desk with kept bad values is sound, exit 0", r)
    t.ok("partnerdesk: warning: partner #1 \"City Museum\": email 'jane.museum.org' has no @\n" in r.err
         and "partnerdesk: warning: partner #1 \"City Museum\": website 'htp:/museum' starts with" in r.err
         and "partnerdesk: warning: contact #1 \"Jane Doe\" at partner #1 \"City Museum\": phone 'call me' "
         "has no digits\n" in r.err and "partner #3 \"Town Hall\": phone '12' has only 2 digits" in r.err
         and r.err.count("warning: ") == 7, "check: each bad value a warning, by partner and contact", r)
    t.ok("7 stored website, phone or email values (warned of above) cannot be one: 'partnerdesk edit ID "
         "--website URL'" in r.out and "'partnerdesk contact edit PARTNER #ID --email ADDRESS'" in r.out,
         "and says, once, what puts them right", r)
    r = env.run("check")
    t.ok(r.rc == 0 and "warning" not in r.err, "check: none where every value is good", r)

    # A bad value stored by an import does not stand in the way of editing
    # another field.
    r = env.run("--db", cdb, "edit", "City Museum", "--notes", "Closed Mondays", db=False)
    t.eq(r.rc, 0, "edit of another field of a partner with a kept bad email " + r.err)

    # A phone a spreadsheet wrote in scientific notation (its last digits
    # gone) is refused by add, edit, contact add and contact edit as any
    # bad phone is, by the one rule the CSV import warns by; check lists
    # one an import kept.
    sci = "phone '4.4123E+11' is a number in scientific notation, as a spreadsheet writes a long " \
          "number, so its last digits are lost; type the whole number"
    r = env.run("add", "Sheet Museum", "--phone", "4.4123E+11")
    t.ok(r.rc == 2 and r.err.startswith("partnerdesk: %s\nusage: partnerdesk add" % sci),
         "add --phone 4.4123E+11: exit 2 saying the digits are lost", r)
    r = env.run("edit", str(wales), "--phone", "4,4123E+11")
    t.ok(r.rc == 2 and sci.replace("4.4123E+11", "4,4123E+11") in r.err,
         "edit --phone 4,4123E+11 (a decimal comma) refused", r)
    r = env.run("contact", "add", str(wales), "Ann Lee", "--phone", " 4.41235e+11 ")
    t.ok(r.rc == 2 and sci.replace("4.4123E+11", "4.41235e+11") in r.err, "contact add --phone refused", r)
    r = env.run("contact", "edit", str(wales), "Jane Doe", "--phone", "4.4123E+11")
    t.ok(r.rc == 2 and sci in r.err, "contact edit --phone refused", r)
    t.eq([c["phone"] for c in show(str(wales)).get("contacts", [])], ["029 2039 2000"],
         "nothing of them stored")
    r = env.run("add", "Exponent Museum", "--phone", "1E5 0100")
    t.eq(r.rc, 0, "a number that only starts like one is a phone " + r.err)
    sdb = env.path("sci.db")
    r = env.run("--db", sdb, "import", write("sci.csv", "Name,Phone\nSheet Museum,4.4123E+11\n"), db=False)
    t.ok(r.rc == 0 and "scientific notation" in r.err, "the CSV import keeps it, warning", r)
    r = env.run("--db", sdb, "check", db=False)
    t.ok(r.rc == 0 and "partnerdesk: warning: partner #1 \"Sheet Museum\": %s\n" % sci in r.err,
         "check lists the kept one", r)
finally:
    env.cleanup()
t.done()
