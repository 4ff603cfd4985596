"""A partner is found by its people's phones and emails, as the number on
a caller's display or the address in the inbox is mostly a person's at
the partner: typed as written, in pairs, run together; a person's new
number is found and the old one no longer, a person removed is not found
by theirs; a desk at schema 15, whose documents lack them, finds them
after its upgrade and checks clean."""
import sqlite3
import sys

from harness import TAP, Env

t = TAP()
env = Env(sys.argv[1])


def found(text, name, db=None):
    args = ["--db", db] if db else []
    r = env.run(*args, "list", "--search", text, "--format", "csv", db=db is None)
    return r.rc == 0 and name in r.out


r = env.run("add", "Médiathèque du Rhône", "--phone", "04 72 00 00 00")
t.ok(r.rc == 0, "a partner", r)
r = env.run("add", "Maison des Jeunes")
t.ok(r.rc == 0, "another", r)
r = env.run("contact", "add", "Médiathèque du Rhône", "Anne-Sophie Morel",
            "--phone", "+33 6 12 34 56 78", "--email", "as.morel@mediatheque.example")
t.ok(r.rc == 0, "a person with a mobile and an email", r)

t.ok(found("+33 6 12 34 56 78", "Médiathèque"), "found by the person's phone as written")
t.ok(found("33612345678", "Médiathèque"), "by its digits run together")
t.ok(found("6 12 34 56 78", "Médiathèque"), "by its digits in pairs")
t.ok(found("as.morel@", "Médiathèque"), "by the person's email")
t.ok(not found("33612345678", "Maison"), "and not another partner")

r = env.run("contact", "edit", "Médiathèque du Rhône", "Anne-Sophie Morel",
            "--phone", "06 99 88 77 66")
t.ok(r.rc == 0, "the person's number changes", r)
t.ok(found("0699887766", "Médiathèque") and not found("33612345678", "Médiathèque"),
     "the new number is found, the old one no longer")

r = env.run("contact", "add", "Maison des Jeunes", "Paul Roux", "--email", "paul.roux@mjc.example")
t.ok(r.rc == 0, "a person at the other partner", r)
r = env.run("contact", "delete", "Maison des Jeunes", "Paul Roux", "--force")
t.ok(r.rc == 0, "removed", r)
t.ok(not found("paul.roux@mjc", "Maison"), "a removed person's email finds nobody")

# A desk at 15: documents made without the people's details, then opened.
older = env.path("v15.db")
env.run("backup", older)
c = sqlite3.connect(older)
for (pid,) in c.execute("SELECT id FROM partners").fetchall():
    name, phone = c.execute("SELECT name_fold, phone FROM partners WHERE id = ?", (pid,)).fetchone()
    c.execute("DELETE FROM partner_search WHERE rowid = ?", (pid,))
    c.execute("INSERT INTO partner_search (rowid, name, body) VALUES (?, ?, ?)",
              (pid, name, phone or ""))
# and without the loose name keys of 16, which came before 17
c.execute("DROP INDEX partners_by_loose_key")
c.execute("ALTER TABLE partners DROP COLUMN loose_key")
c.execute("PRAGMA user_version = 15")
c.commit()
c.close()
t.ok(found("0699887766", "Médiathèque", db=older), "a desk at 15 upgraded finds the person's number")
r = env.run("--db", older, "check", db=False)
t.ok(r.rc == 0, "and checks clean", r)
t.done()
