"""The vCard 4.0 export read back by a parser that is not ours: Debian's
python3-vobject (in .ci/packages), as an address book would read it. FN,
N, ORG, TITLE, EMAIL, TEL, NOTE and UID come back as the desk holds them:
commas, semicolons, backslashes and line breaks in the text, Welsh, Korean
and Arabic names, and lines long enough to fold, which are folded at 75
octets without splitting a UTF-8 sequence."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env, added_id  # noqa: E402

try:
    import vobject
except ImportError:
    # The CI installs it (.ci/packages); meson runs this under a Python
    # that has it when one is found.
    print("1..0 # SKIP python3-vobject is not installed (Debian: apt-get install python3-vobject)")
    sys.exit(0)

t = TAP()
env = Env(sys.argv[1])

WELSH_ORG = "Canolfan Gymraeg; Caerdydd, Cymru"
KOREAN_ORG = "국립중앙박물관"
ARABIC_ORG = "مكتبة المدينة"
# name: (partner, title, email, phone, channel, notes)
PEOPLE = {
    "Siân Llŷr ap Gwŷnedd": (
        WELSH_ORG, "Swyddog Allgymorth; Ieuenctid, Plant", "sian@canolfan.example.org",
        "+44 29 2039 2000", "email",
        "Cyfarfod yn yr Eisteddfod, 2026; eisiau gweithdy.\nFfoniwch cyn 10, plîs.\n"
        "A backslash \\ stays one; so does a colon: here."),
    "King, Jr.": (WELSH_ORG, None, None, "555 0100", None, None),
    "김민준": (
        KOREAN_ORG, "학예연구사", "minjun@museum.example.kr", "02-123-4567", "phone",
        "어린이 도서관 여름 독서 프로그램, 박물관 견학; 2026년 8월.\n"
        + "국립중앙박물관 교육과 " * 6 + "📚 끝"),
    "أحمد بن خالد الفارسي": (
        ARABIC_ORG, "أمين المكتبة", "ahmed@maktaba.example", None, "email",
        ("التقينا في معرض الكتاب، ونريد ورشة كتابة للشباب؛ " * 3).strip()),
}

try:
    pids = {}
    for org in (WELSH_ORG, KOREAN_ORG, ARABIC_ORG):
        r = env.run("add", org)
        pids[org] = str(added_id(r))
    for name, (org, title, email, phone, channel, notes) in PEOPLE.items():
        args = [pids[org], name]
        for flag, v in (("--title", title), ("--email", email), ("--phone", phone),
                        ("--channel", channel), ("--notes", notes)):
            if v:
                args += [flag, v]
        r = env.run("contact", "add", *args)
        t.eq(r.rc, 0, "contact add %s %s" % (name, r.err))

    # The file's bytes, not stdout decoded: a split sequence must show.
    path = env.path("people.vcf")
    r = env.run("export", "--format", "vcf", "-o", path)
    t.eq(r.rc, 0, "export vcf " + r.err)
    with open(path, "rb") as f:
        raw = f.read()

    # Folding as RFC 6350 3.2 has it: lines of 75 octets at most, each
    # valid UTF-8 on its own (a sequence split across a fold is not).
    physical = raw.split(b"\r\n")
    t.eq(physical[-1], b"", "the file ends with CRLF")
    long_lines = [ln for ln in physical if len(ln) > 75]
    t.eq(long_lines, [], "no line longer than 75 octets")
    broken = []
    for ln in physical:
        try:
            ln.decode("utf-8")
        except UnicodeDecodeError:
            broken.append(ln)
    t.eq(broken, [], "no UTF-8 sequence split by a fold")
    folded = [ln for ln in physical if ln.startswith(b" ")]
    t.ok(len(folded) >= 6 and any(max(ln) >= 0x80 for ln in folded),
         "long Korean, Arabic and Welsh lines are folded (%d continuation lines)" % len(folded))

    try:
        cards = list(vobject.readComponents(raw.decode("utf-8", "replace")))
        parsed = True
    except Exception as e:  # vobject's ParseError and what a bad line raises
        cards, parsed = [], False
        t.ok(False, "vobject reads the export", repr(e))
    if parsed:
        t.eq(len(cards), len(PEOPLE), "vobject reads a card for each person")
    by_name = {}
    for c in cards:
        by_name[c.fn.value] = c
    t.eq(sorted(by_name), sorted(PEOPLE), "vobject reads each FN as written")

    for name, (org, title, email, phone, channel, notes) in PEOPLE.items():
        c = by_name.get(name)
        if c is None:
            t.ok(False, "%s: a card" % name)
            continue
        contents = c.contents
        t.eq(c.version.value, "4.0", "%s: VERSION 4.0" % name)
        n = c.n.value
        t.eq((n.family, n.given), ("", name), "%s: N, the name whole as the given name" % name)
        t.eq(c.org.value, [org], "%s: ORG, the partner, one component" % name)
        t.eq(c.title.value if "title" in contents else None, title, "%s: TITLE" % name)
        t.eq(c.email.value if "email" in contents else None, email, "%s: EMAIL" % name)
        t.eq(c.tel.value if "tel" in contents else None, phone, "%s: TEL" % name)
        t.eq(c.note.value if "note" in contents else None, notes,
             "%s: NOTE with its commas, semicolons, backslashes and line breaks" % name)
        prefs = sorted(k for k in ("email", "tel") if k in contents
                       and contents[k][0].params.get("PREF") == ["1"])
        want = {"email": ["email"], "phone": ["tel"]}.get(channel, [])
        t.eq(prefs, want, "%s: PREF=1 on the preferred channel's property" % name)
        uid = c.uid.value if "uid" in contents else ""
        t.ok(uid.startswith("contact-") and uid.endswith("@partnerdesk") and " " not in uid,
             "%s: the UID unfolded whole" % name, uid)
    uids = [c.uid.value for c in cards if "uid" in c.contents]
    t.eq(len(set(uids)), len(PEOPLE), "a UID of its own on each card")
finally:
    env.cleanup()
t.done()
