"""The website and email keys migration 13 stores beside each partner's
website and email (the merge picker's likely duplicates read them): right
after every way a website or email is written (add, edit, a value
cleared, CSV import new and merged, vCard import new and merged, merge,
a YAML backup restored, a copy put back with restore), `check` finding
nothing stale after each; a YAML backup restored exports the same bytes
again, and the keys never show in a backup."""
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


def keys_right(db, what):
    """Every partner's stored keys are its website's and email's, and
    check finds nothing stale."""
    c = sqlite3.connect(db)
    rows = c.execute("SELECT name, website, email, website_key, email_key FROM partners ORDER BY id").fetchall()
    c.close()
    wrong = [r for r in rows if (r[3], r[4]) != (key(r[1], False), key(r[2], True))]
    t.ok(rows and not wrong, "%s: every stored key is its value's (%d partners)" % (what, len(rows)),
         "\n".join(repr(r) for r in wrong))
    r = env.run("--db", db, "check", db=False)
    t.ok(r.rc == 0 and "stale" not in r.out + r.err, "%s: check finds nothing stale" % what, r)


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
    keys_right(env.db, "add")

    t.eq(env.run("edit", "Harbor Arts", "--website", "http://m.harbor-arts.example", "--email", "").rc, 0, "edit")
    t.eq(stored("Harbor Arts"), ("harbor-arts.example", None), "edit: the website's new key, the email's gone")
    keys_right(env.db, "edit")

    csv = env.path("rows.csv")
    with open(csv, "w") as f:
        f.write("Name,Website,Email\n"
                "Riverside Club,riverside.example,club@riverside.example\n"
                "Gmail Group,https://gmailgroup.example,\n")
    r = env.run("import", csv, "--on-duplicate", "merge")
    t.eq(r.rc, 0, "CSV import: one new, one merged")
    t.eq(stored("Riverside Club"), ("riverside.example", "riverside.example"), "CSV import: a new partner's keys")
    t.eq(stored("Gmail Group"), ("gmailgroup.example", None), "CSV import: a merged partner's new key")
    keys_right(env.db, "CSV import")

    vcf = env.path("cards.vcf")
    with open(vcf, "w") as f:
        f.write("BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Quay Theatre\r\nORG:Quay Theatre\r\n"
                "URL:https://quay.example/\r\nEMAIL:box@quaytheatre.example\r\nEND:VCARD\r\n"
                "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Riverside Club\r\nORG:Riverside Club\r\n"
                "URL:https://new-riverside.example\r\nEMAIL:hello@riverside.wordpress.com\r\nEND:VCARD\r\n")
    r = env.run("import", vcf, "--on-duplicate", "merge")
    t.eq(r.rc, 0, "vCard import: one new, one merged")
    t.eq(stored("Quay Theatre"), ("quay.example", "quaytheatre.example"), "vCard import: a new partner's keys")
    t.eq(stored("Riverside Club"), ("new-riverside.example", "riverside.wordpress.com"),
         "vCard import: a merged partner's new keys")
    keys_right(env.db, "vCard import")

    env.run("add", "Merge Into")
    env.run("add", "Merge From", "--website", "https://mergefrom.example", "--email", "a@mergefrom.example")
    r = env.run("merge", "Merge From", "Merge Into")
    t.ok(r.rc == 0, "merge", r)
    t.eq(stored("Merge Into"), ("mergefrom.example", "mergefrom.example"), "merge: INTO's filled keys")
    keys_right(env.db, "merge")

    # A YAML backup restored into a new desk, then exported again.
    a, b = env.path("a.yaml"), env.path("b.yaml")
    t.eq(env.run("export", "-o", a).rc, 0, "YAML export")
    restored = env.path("restored.db")
    r = env.run("--db", restored, "import", a, db=False)
    t.ok(r.rc == 0, "the YAML backup restored", r)
    keys_right(restored, "YAML backup restored")
    t.eq(env.run("--db", restored, "export", "-o", b, db=False).rc, 0, "exported again")
    with open(a, "rb") as f:
        first = f.read()
    with open(b, "rb") as f:
        second = f.read()
    t.ok(first == second, "export, restore, export: byte-identical")
    t.ok(b"_key" not in first and b"harbor-arts.example" in first, "the keys are not in the backup, the values are")

    # A copy put back.
    copy = env.path("copy.db")
    t.eq(env.run("backup", copy).rc, 0, "a copy")
    env.run("edit", "Quay Theatre", "--website", "https://elsewhere.example")
    r = env.run("restore", copy)
    t.ok(r.rc == 0, "put back", r)
    t.eq(stored("Quay Theatre"), ("quay.example", "quaytheatre.example"), "restore: the copy's keys")
    keys_right(env.db, "restore")
finally:
    env.cleanup()
t.done()
