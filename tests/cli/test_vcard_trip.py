"""Contact people out to an address book and back, whole: the vCard export
writes N beside FN (the name whole, as the given name: no family name made
up for a Korean, Welsh or Arabic name) and the preferred channel as PREF=1
on the EMAIL or TEL it names; an import reads PREF back from 4.0 (PREF=1),
3.0 (TYPE=pref) and 2.1 (a bare PREF) cards; export, import into an empty
desk and export again give the same file."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env, added_id  # noqa: E402

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "vcards")

t = TAP()
env = Env(sys.argv[1])


def people(db):
    """{name: channel} of every contact person at every partner of db."""
    r = env.run("--db", db, "list", "--format", "json", db=False)
    got = {}
    for p in json.loads(r.out) if r.rc == 0 and r.out.strip() else []:
        s = env.run("--db", db, "show", str(p["id"]), "--format", "json", db=False)
        for c in json.loads(s.out).get("contacts", []):
            got[c["name"]] = c.get("channel")
    return got


def cards(text):
    return [c for c in text.split("BEGIN:VCARD\r\n")[1:]]


def card_of(text, fn):
    found = [c for c in cards(text) if ("FN:%s\r\n" % fn) in c]
    return found[0] if len(found) == 1 else ""


try:
    r = env.run("add", "Canolfan Gymraeg")
    cymru = str(added_id(r))
    r = env.run("add", "국립중앙박물관")
    korea = str(added_id(r))
    r = env.run("add", "مكتبة المدينة")
    arab = str(added_id(r))
    for args in ((cymru, "Rhiannon ap Gruffydd", "--email", "rhiannon@canolfan.example.org",
                  "--phone", "+44 29 2039 2000", "--channel", "email"),
                 (cymru, "Dafydd Llywelyn", "--email", "dafydd@canolfan.example.org",
                  "--phone", "029 2039 2001", "--channel", "phone"),
                 (korea, "김민준", "--email", "minjun@museum.example.kr", "--phone", "02-123-4567",
                  "--channel", "Phone"),
                 (arab, "أحمد بن خالد الفارسي", "--email", "ahmed@maktaba.example", "--channel", "email"),
                 (arab, "Layla Haddad", "--email", "layla@maktaba.example", "--channel", "visit"),
                 (arab, "Omar Nasser", "--email", "omar@maktaba.example", "--channel", "phone"),
                 (arab, "King, Jr.", "--phone", "555 0100")):
        r = env.run("contact", "add", *args)
        t.eq(r.rc, 0, "contact add %s %s" % (args[1], r.err))

    r = env.run("export", "--format", "vcf")
    out = r.out
    t.eq(r.rc, 0, "export vcf " + r.err)
    rh = card_of(out, "Rhiannon ap Gruffydd")
    t.ok("\r\nEMAIL;PREF=1:rhiannon@canolfan.example.org\r\n" in rh
         and "\r\nTEL;VALUE=text:+44 29 2039 2000\r\n" in rh,
         "channel email: PREF=1 on the EMAIL, not on the TEL", rh)
    da = card_of(out, "Dafydd Llywelyn")
    t.ok("\r\nTEL;VALUE=text;PREF=1:029 2039 2001\r\n" in da and "\r\nEMAIL:dafydd@" in da,
         "channel phone: PREF=1 on the TEL, not on the EMAIL", da)
    t.ok("\r\nTEL;VALUE=text;PREF=1:02-123-4567\r\n" in card_of(out, "김민준"),
         "a channel configured as 'phone', given as 'Phone': PREF=1 on the TEL", out)
    for name in ("Layla Haddad", "Omar Nasser", "King, Jr."):
        t.ok("PREF" not in card_of(out, name.replace(",", "\\,")),
             "%s: no PREF (a visit, a phone channel without a phone, no channel)" % name, out)
    t.eq(out.count("PREF"), 4, "PREF=1 on four cards, once each")
    for name in ("Rhiannon ap Gruffydd", "김민준", "أحمد بن خالد الفارسي"):
        c = card_of(out, name)
        t.ok("\r\nN:;%s;;;\r\n" % name in c, "N: %s whole, as the given name, no family name" % name, c)
    t.ok("\r\nN:;King\\, Jr.;;;\r\n" in card_of(out, "King\\, Jr."),
         "N: a comma in the name escaped, not taken for 'Family, Given'", out)
    t.eq(out.count("\r\nN:"), 7, "an N on every card")

    # Export, import into an empty desk, export: the same file.
    path = env.path("people.vcf")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(out)
    empty = env.path("empty.db")
    r = env.run("--db", empty, "import", path, db=False)
    t.ok(r.rc == 0 and "0 failed" in r.out + r.err, "the export imports into an empty desk", r)
    t.eq(people(empty), {"Rhiannon ap Gruffydd": "email", "Dafydd Llywelyn": "phone", "김민준": "phone",
                         "أحمد بن خالد الفارسي": "email", "Layla Haddad": None, "Omar Nasser": None,
                         "King, Jr.": None},
         "the preferred channels come back from PREF (a visit and a phone without a number can't)")
    r = env.run("--db", empty, "export", "--format", "vcf", db=False)
    t.ok(r.rc == 0 and r.out == out, "exported again: the same file, byte for byte",
         [(a, b) for a, b in zip(out.splitlines(), r.out.splitlines()) if a != b][:6])

    # A person whose notes hold what an address book's card had beyond
    # one email and phone ("Phone (mobile): ...", "Birthday: ..."): out
    # and in again, the same file; merged back into the desk it came
    # from, no notes line repeated.
    rich = env.path("rich.db")
    r = env.run("--db", rich, "import", os.path.join(DATA, "apple-channels.vcf"), db=False)
    t.eq(r.rc, 0, "apple-channels.vcf imports " + r.err)
    first = env.run("--db", rich, "export", "--format", "vcf", db=False).out
    t.ok("\r\nNOTE:Runs the summer festival.\\nDepartment: Programmes\\n" in first
         and "Phone (mobile): +44 7700 900777\\n" in first.replace("\r\n ", ""),
         "the notes lines go out in NOTE", first)
    path = env.path("rich.vcf")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(first)
    empty2 = env.path("empty2.db")
    r = env.run("--db", empty2, "import", path, db=False)
    again = env.run("--db", empty2, "export", "--format", "vcf", db=False).out
    t.ok(r.rc == 0 and again == first, "imported into an empty desk and exported: the same file",
         [(a, b) for a, b in zip(first.splitlines(), again.splitlines()) if a != b][:6])
    r = env.run("--db", rich, "import", path, "--on-duplicate", "merge", db=False)
    back = env.run("--db", rich, "export", "--format", "vcf", db=False).out
    t.ok(r.rc == 0 and back == first, "merged into the desk it came from: nothing repeated", (r, back))

    # PREF as each version writes it, on the kept EMAIL or TEL alone.
    written = {
        "v40-tel.vcf": "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana Tel40\r\nORG:Pref Museum\r\n"
                       "EMAIL;TYPE=work:ana@pref.example.org\r\n"
                       "TEL;TYPE=cell;PREF=1:+1 804 555 0140\r\nEND:VCARD\r\n",
        "v30-tel.vcf": "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ben Tel30\r\nORG:Pref Museum\r\n"
                       "EMAIL;TYPE=INTERNET:ben@pref.example.org\r\n"
                       "TEL;TYPE=CELL,PREF:+1 804 555 0130\r\nTEL;TYPE=WORK:+1 804 555 0131\r\nEND:VCARD\r\n",
        "v21-tel.vcf": "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Tel21;Cai\r\nORG:Pref Museum\r\n"
                       "TEL;WORK;VOICE:+44 20 7946 0000\r\nTEL;CELL;PREF;VOICE:+44 7700 900210\r\n"
                       "EMAIL;INTERNET:cai@pref.example.org\r\nEND:VCARD\r\n",
        "v30-none.vcf": "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dee Nopref\r\nORG:Pref Museum\r\n"
                        "EMAIL;TYPE=INTERNET:dee@pref.example.org\r\nTEL:555 0100\r\nEND:VCARD\r\n",
    }
    expect = {
        "v40-tel.vcf": ("Ana Tel40", "phone"),
        "v30-tel.vcf": ("Ben Tel30", "phone"),
        "v21-tel.vcf": ("Cai Tel21", "phone"),
        "v30-none.vcf": ("Dee Nopref", None),
        # The fixtures of tests/data/vcards (see its README).
        "thunderbird.vcf": ("Kim Lee", "email"),           # 4.0 EMAIL;PREF=1
        "v21-qp.vcf": ("Ada Lovelace", "email"),           # 2.1 EMAIL;PREF;INTERNET
        "outlook-21.vcf": ("Renée François", "email"),     # 2.1, Windows-1252
        "joe.vcf": ("Joe Citizen", "email"),               # 4.0 EMAIL;TYPE=pref
        "apple-contacts.vcf": ("Ngozi Okafor", None),      # 3.0 type=pref on EMAIL and TEL alike
    }
    for name, (who, channel) in expect.items():
        path = os.path.join(DATA, name)
        if name in written:
            path = env.path(name)
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(written[name])
        db = env.path(name + ".db")
        # joe.vcf has no ORG: --partner files him.
        extra = ["--partner", "Fallback"] if name == "joe.vcf" else []
        if extra:
            env.run("--db", db, "add", "Fallback", db=False)
        r = env.run("--db", db, "import", path, *extra, db=False)
        got = people(db)
        got_name = [k for k in got if k.replace("\u00e1", "a") == who]
        t.ok(r.rc == 0 and len(got_name) == 1 and got[got_name[0]] == channel,
             "%s: %s's preferred channel is %s" % (name, who, channel), (r, got))

    # A merge into a person the desk has takes the card's channel, and the
    # dry run's plan says so.
    mdb = env.path("merge.db")
    env.run("--db", mdb, "add", "Youth Orchestra", db=False)
    env.run("--db", mdb, "contact", "add", "Youth Orchestra", "Kim Lee", db=False)
    tb = os.path.join(DATA, "thunderbird.vcf")
    r = env.run("--db", mdb, "import", tb, "--on-duplicate", "merge", "--dry-run", db=False)
    t.ok(r.rc == 0 and '    channel: "email" (was empty)\n' in r.out, "the plan names the channel", r)
    r = env.run("--db", mdb, "import", tb, "--on-duplicate", "merge", db=False)
    t.ok(r.rc == 0 and people(mdb) == {"Kim Lee": "email"}, "merged: the channel is the card's", r)
finally:
    env.cleanup()
t.done()
