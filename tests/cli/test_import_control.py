"""A control character in a name, an email, a phone or a note fails its
record the same way whether a spreadsheet or an address book brings it: a
CSV cell holding ESC failed its row (FILE:ROW, the column and the
character), while a vCard's FN holding it was imported with the ESC turned
into '?', a name the file never said. Now the card fails at its line,
naming the property and the character, and nothing is written unless
--keep-going, which imports the other cards. The newline a NOTE decodes to
stays allowed. So does every property a card is read for, an address, a
web link or its categories as much as its name."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env, sha256  # noqa: E402

t = TAP()
env = Env(sys.argv[1])
try:
    t.eq(env.run("add", "Existing Library").rc, 0, "a desk with one partner")
    before = sha256(env.db)

    # The same evil name, once as a spreadsheet's cell and once as a card.
    csv = env.path("evil.csv")
    with open(csv, "wb") as f:
        f.write(b"Organisation,Name,Email\r\nHarbour Museum,Ann Lee,ann@harbour.org\r\n"
                b"Evil Corp,\x1b]0;owned\x07\x1b[2JMallory,m@evil.org\r\n")
    vcf = env.path("evil.vcf")
    with open(vcf, "wb") as f:
        f.write(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nORG:Harbour Museum\r\n"
                b"EMAIL:ann@harbour.org\r\nNOTE:Met at the fair\\nCall in May\r\nEND:VCARD\r\n"
                b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:\x1b]0;owned\x07\x1b[2JMallory\r\nORG:Evil Corp\r\n"
                b"EMAIL:m@evil.org\r\nEND:VCARD\r\n")

    r = env.run("import", csv)
    t.eq(r.rc, 1, "the CSV is refused")
    t.ok(csv + ":3: column \"Name\" (B) holds control character 0x1B" in r.err, "at its row, column and character", r)

    r = env.run("import", vcf)
    t.eq(r.rc, 1, "the vCard is refused as the CSV is")
    t.ok(vcf + ":10: card " in r.err and "FN holds control character 0x1B" in r.err,
         "at the card's FN line, naming the property and the character", r)
    t.ok("nothing was" in r.err, "and says nothing was imported", r)
    t.ok("\x1b" not in r.err and "\x07" not in r.err, "no control bytes echoed", r)
    t.eq(sha256(env.db), before, "the database is unchanged")

    r = env.run("import", vcf, "--dry-run")
    t.ok(r.rc == 1 and "FN holds control character 0x1B" in r.err, "a dry run says the same", r)
    t.eq(sha256(env.db), before, "and writes nothing")

    r = env.run("import", vcf, "--keep-going")
    t.eq(r.rc, 1, "--keep-going still exits 1")
    t.ok("1 failed" in r.out, "counting the card as failed", r)
    names = sorted(p["name"] for p in json.loads(env.run("list", "--format", "json").out))
    t.eq(names, ["Existing Library", "Harbour Museum"], "the good card's partner came in; Evil Corp did not")
    people = json.loads(env.run("contact", "list", "Harbour Museum", "--format", "json").out)
    people = people.get("contacts", people) if isinstance(people, dict) else people
    t.ok(any(p.get("name") == "Ann Lee" for p in people), "with its person", people)
    shown = env.run("show", "Harbour Museum").out
    t.ok("Met at the fair" in shown and "Call in May" in shown, "whose NOTE of two lines is kept", shown)

    # Quoted-printable hides a control character as it hides a newline.
    qp = env.path("qp.vcf")
    with open(qp, "wb") as f:
        f.write(b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;Jane\r\nFN:Jane Doe\r\nORG:Quay Library\r\n"
                b"NOTE;ENCODING=QUOTED-PRINTABLE:first=0D=0Asecond=1B[5m\r\nEND:VCARD\r\n")
    before = sha256(env.db)
    r = env.run("import", qp)
    t.ok(r.rc == 1 and qp + ":6: card \"Jane Doe\": NOTE holds control character 0x1B" in r.err,
         "a quoted-printable ESC in a NOTE fails its card at the NOTE's line", r)
    t.eq(sha256(env.db), before, "the database is unchanged")

    # An address, a web link or the categories are kept as the name is:
    # one holding ESC was imported with a '?' for it.
    adr = env.path("adr.vcf")
    with open(adr, "wb") as f:
        f.write(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jo Price\r\nORG:Westgate Allotments\r\n"
                b"ADR;TYPE=work:;;1 Quay St\x1b[8m;Hull;;HU1 1AA;UK\r\nEND:VCARD\r\n")
    r = env.run("import", adr)
    t.ok(r.rc == 1 and adr + ":5: card \"Jo Price\": ADR holds control character 0x1B" in r.err,
         "an ESC in an ADR fails its card at the ADR's line", r)
    t.eq(sha256(env.db), before, "the database is unchanged")

    # A parameter is no value: one holding a control character does not
    # fail its card. A TYPE that names nothing known ("wo\x01rk") says
    # nothing; one kept as written (a social profile's, IMPP's service)
    # shows '?' for it. Wherever the text lands, show, every export and
    # the backup, no control byte comes with it.
    par = env.path("params.vcf")
    with open(par, "wb") as f:
        f.write(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mo Reid\r\nORG:Quay Arts\r\n"
                b"TEL;TYPE=wo\x01rk:01632 960111\r\nTEL;TYPE=ce\x1b[31mll:07700 900123\r\n"
                b"EMAIL;TYPE=ho\x07me:mo@quay.example\r\nEMAIL;TYPE=wo\x01rk:reid@quay.example\r\n"
                b"IMPP;X-SERVICE-TYPE=Sk\x1b[2Jype:skype:mo.reid\r\n"
                b"X-SOCIALPROFILE;TYPE=twi\x01tter:https://social.example/mo\r\nEND:VCARD\r\n")
    r = env.run("import", par)
    t.ok(r.rc == 0 and "2 added" in r.out, "control characters in parameters fail no card", r)
    t.ok(not any(c in r.out + r.err for c in "\x01\x07\x1b"), "nor are they echoed", r)
    shown = env.run("show", "Quay Arts")
    t.ok("Chat (Sk?[2Jype): skype:mo.reid" in shown.out and "Social profile (twi?tter): https://social.example/mo"
         in shown.out and "Email: reid@quay.example" in shown.out and "Phone: 07700 900123" in shown.out,
         "show: '?' for each, an unknown TYPE left out", shown)
    outs = [("show", shown)]
    for fmt in ("json", "yaml", "csv", "vcard", "ics"):
        outs.append((fmt, env.run("export", "--format", fmt)))
    outs.append(("list", env.run("list", "--format", "json")))
    for what, o in outs:
        bad = [c for c in o.out + o.err if ord(c) < 0x20 and c not in "\n\r\t" or ord(c) == 0x7f]
        t.ok(o.rc == 0 and not bad, "%s: no control byte in what it writes" % what, o)
    card = outs[4][1].out
    t.ok("twi" in card and "?tter" in card, "the vCard export keeps the '?' in the note", card)
finally:
    env.cleanup()
t.done()
