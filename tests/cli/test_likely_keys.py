"""The website and email keys migration 13 stores beside each partner's
website and email, and the loose name key migration 16 stores beside its
name where it is not the name key (the merge picker's likely duplicates
read them): right after every way a name, website or email is written
(add, edit, a value cleared, CSV import new and merged, vCard import new
and merged, merge, a YAML backup restored, a copy put back with restore),
`check` finding nothing stale after each and listing the similarly named;
a YAML backup restored exports the same bytes again, and the keys never
show in a backup."""
import os
import sqlite3
import sys

from harness import TAP, Env

t = TAP()
env = Env(sys.argv[1])

SHARED = {"gmail.com", "facebook.com", "wordpress.com"}   # those the tests use


def key(value, email):
    """What pd_likely_domain (src/model/likely_same.c) keys, for the plain
    values below."""
    if not value:
        return None
    s = value.strip()
    if email:
        if "@" not in s:
            return None
        s = s.rsplit("@", 1)[1]
    elif "://" in s and s.index("://") <= 10:
        s = s.split("://", 1)[1]
    for i, ch in enumerate(s):
        if ch in "/?#:> \t\r\n,;":
            s = s[:i]
            break
    if not email and "@" in s:
        s = s.split("@", 1)[1]
    s = s.rstrip(".").lower()
    if "." not in s:
        return None
    if s.startswith("www.") and "." in s[4:]:
        s = s[4:]
    elif s.startswith("m.") and "." in s[2:]:
        s = s[2:]
    return None if s in SHARED else s


ARTICLES = {"the", "a", "an", "y", "yr", "le", "la", "les", "l'", "der", "die", "das", "el", "los", "las"}
LEGAL = {"ltd", "limited", "inc", "llc", "plc", "cic", "cio", "cyf", "gmbh", "ev", "sa", "sarl"}


def loose(name):
    """What pd_loose_key (src/model/likely_same.c) stores, for the plain
    ASCII names below: the loose name key, None where it is the name key."""
    fold = " ".join(name.lower().split())
    words, w = [], ""
    for i, ch in enumerate(fold + " "):
        if ch.isalnum():
            w += ch
        elif ch == "'" and w == "l":
            words.append("l'")
            w = ""
        elif ch in ".'":
            pass
        else:
            if w:
                words.append(w)
            w = ""
            if ch in "&+":
                words.append("and")
    while len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    while len(words) > 1 and words[-1] in LEGAL:
        words = words[:-1]
    words = ["saint" if x == "st" else x[:-1] if len(x) > 3 and x.endswith("s") and not x.endswith("ss") else x
             for x in words]
    k = " ".join(words) or fold
    return None if k == fold else k


def keys_right(db, what):
    """Every partner's stored keys are its website's, email's and name's,
    and check finds nothing stale."""
    c = sqlite3.connect(db)
    rows = c.execute("SELECT name, website, email, website_key, email_key, loose_key FROM partners "
                     "ORDER BY id").fetchall()
    c.close()
    wrong = [r for r in rows if (r[3], r[4], r[5]) != (key(r[1], False), key(r[2], True), loose(r[0]))]
    t.ok(rows and not wrong, "%s: every stored key is its value's (%d partners)" % (what, len(rows)),
         "\n".join(repr(r) for r in wrong))
    r = env.run("--db", db, "check", db=False)
    t.ok(r.rc == 0 and "stale" not in r.out + r.err, "%s: check finds nothing stale" % what, r)
    return r.out


def loose_of(name, db=None):
    c = sqlite3.connect(db or env.db)
    row = c.execute("SELECT loose_key FROM partners WHERE name = ?", (name,)).fetchone()
    c.close()
    return row[0] if row else "(no such partner)"


def stored(name, db=None):
    c = sqlite3.connect(db or env.db)
    row = c.execute("SELECT website_key, email_key FROM partners WHERE name = ?", (name,)).fetchone()
    c.close()
    return row


try:
    r = env.run("add", "Harbor Arts", "--website", "https://WWW.HarborArts.example/about",
                "--email", "Info@HarborArts.Example")
    t.eq(r.rc, 0, "add")
    t.eq(stored("Harbor Arts"), ("harborarts.example", "harborarts.example"), "add: the keys of both")
    env.run("add", "Gmail Group", "--email", "group@gmail.com", "--website", "https://facebook.com/gmailgroup")
    t.eq(env.run("add", "The Harbor Arts Ltd").rc, 0, "add a similar name")
    t.eq(loose_of("The Harbor Arts Ltd"), "harbor art", "add: its loose key")
    t.eq(loose_of("Harbor Arts"), "harbor art", "the plural's too")
    t.eq(loose_of("Gmail Group"), None, "none where it is the name key")
    out = keys_right(env.db, "add")
    t.ok("(similar name)" in out and "The Harbor Arts Ltd" in out, "add: check lists the similar pair", out)

    t.eq(env.run("edit", "Harbor Arts", "--website", "http://m.harbor-arts.example", "--email", "").rc, 0, "edit")
    t.eq(stored("Harbor Arts"), ("harbor-arts.example", None), "edit: the website's new key, the email's gone")
    t.eq(env.run("edit", "The Harbor Arts Ltd", "--name", "Harbour Trust Cyf").rc, 0, "rename")
    t.eq(loose_of("Harbour Trust Cyf"), "harbour trust", "edit: the new name's loose key")
    out = keys_right(env.db, "edit")
    t.ok("similar name" not in out, "edit: no longer similar", out)

    csv = env.path("rows.csv")
    with open(csv, "w") as f:
        f.write("Name,Website,Email\n"
                "Riverside Club,riverside.example,club@riverside.example\n"
                "Gmail Group,https://gmailgroup.example,\n"
                "St Fagans Museums,,\n")
    r = env.run("import", csv, "--on-duplicate", "merge")
    t.eq(r.rc, 0, "CSV import: one new, one merged")
    t.eq(stored("Riverside Club"), ("riverside.example", "riverside.example"), "CSV import: a new partner's keys")
    t.eq(stored("Gmail Group"), ("gmailgroup.example", None), "CSV import: a merged partner's new key")
    t.eq(loose_of("St Fagans Museums"), "saint fagan museum", "CSV import: a new partner's loose key")
    keys_right(env.db, "CSV import")

    vcf = env.path("cards.vcf")
    with open(vcf, "w") as f:
        f.write("BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Quay Theatre\r\nORG:Quay Theatre\r\n"
                "URL:https://quay.example/\r\nEMAIL:box@quaytheatre.example\r\nEND:VCARD\r\n"
                "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Riverside Club\r\nORG:Riverside Club\r\n"
                "URL:https://new-riverside.example\r\nEMAIL:hello@riverside.wordpress.com\r\nEND:VCARD\r\n"
                "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Saint Fagans Museum\r\nORG:Saint Fagans Museum\r\n"
                "END:VCARD\r\n")
    r = env.run("import", vcf, "--on-duplicate", "merge")
    t.eq(r.rc, 0, "vCard import: one new, one merged")
    t.eq(stored("Quay Theatre"), ("quay.example", "quaytheatre.example"), "vCard import: a new partner's keys")
    t.eq(stored("Riverside Club"), ("new-riverside.example", "riverside.wordpress.com"),
         "vCard import: a merged partner's new keys")
    t.eq(loose_of("Saint Fagans Museum"), "saint fagan museum", "vCard import: a new partner's loose key")
    out = keys_right(env.db, "vCard import")
    t.ok("St Fagans Museums and" in out and "Saint Fagans Museum (similar name)" in out,
         "vCard import: check lists St Fagans and Saint Fagans as similar", out)

    env.run("add", "The Merge Into")
    env.run("add", "Merge From", "--website", "https://mergefrom.example", "--email", "a@mergefrom.example")
    r = env.run("merge", "Merge From", "The Merge Into")
    t.ok(r.rc == 0, "merge", r)
    t.eq(stored("The Merge Into"), ("mergefrom.example", "mergefrom.example"), "merge: INTO's filled keys")
    t.eq(loose_of("The Merge Into"), "merge into", "merge: INTO's loose key kept")
    r = env.run("merge", "Saint Fagans Museum", "St Fagans Museums")
    t.ok(r.rc == 0, "merge the similar pair", r)
    out = keys_right(env.db, "merge")
    t.ok("similar name" not in out, "merged, the pair is gone", out)
    env.run("add", "Cardiff Arts & Crafts Ltd.")
    env.run("add", "Cardiff Arts and Crafts")

    # A YAML backup restored into a new desk, then exported again.
    a, b = env.path("a.yaml"), env.path("b.yaml")
    t.eq(env.run("export", "-o", a).rc, 0, "YAML export")
    restored = env.path("restored.db")
    r = env.run("--db", restored, "import", a, db=False)
    t.ok(r.rc == 0, "the YAML backup restored", r)
    out = keys_right(restored, "YAML backup restored")
    t.eq(loose_of("Cardiff Arts & Crafts Ltd.", restored), "cardiff art and craft",
         "YAML backup restored: the loose keys made again")
    t.ok("Cardiff Arts and Crafts (similar name)" in out, "and the similar pair found", out)
    t.eq(env.run("--db", restored, "export", "-o", b, db=False).rc, 0, "exported again")
    with open(a, "rb") as f:
        first = f.read()
    with open(b, "rb") as f:
        second = f.read()
    t.ok(first == second, "export, restore, export: byte-identical")
    t.ok(b"_key" not in first and b"harbor-arts.example" in first and b"cardiff art and craft" not in first,
         "the keys are not in the backup, the values are")

    # A copy put back.
    copy = env.path("copy.db")
    t.eq(env.run("backup", copy).rc, 0, "a copy")
    env.run("edit", "Quay Theatre", "--website", "https://elsewhere.example")
    env.run("edit", "Cardiff Arts and Crafts", "--name", "Penarth Pottery")
    r = env.run("restore", copy)
    t.ok(r.rc == 0, "put back", r)
    t.eq(stored("Quay Theatre"), ("quay.example", "quaytheatre.example"), "restore: the copy's keys")
    t.eq(loose_of("Cardiff Arts and Crafts"), "cardiff art and craft", "restore: the copy's loose key")
    out = keys_right(env.db, "restore")
    t.ok("Cardiff Arts and Crafts (similar name)" in out, "restore: the similar pair is back", out)
finally:
    env.cleanup()
t.done()
