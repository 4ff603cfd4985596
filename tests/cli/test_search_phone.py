"""A phone number is found as it is read off a display or a card, in
pairs of digits as French numbers are written ("06 12 34 56 78"), with
dots, or run together, whichever way the partner's phone was typed, and
as dialled at home (06 ..., 01758 ...) where it is on file with its
country code (+33 6 ..., +44 1758 ...); the same number written so in
the notes is found too. Five words of two
digits matched names only, and found nobody."""
import sqlite3
import sys

from harness import TAP, Env

t = TAP()
env = Env(sys.argv[1])


def found(text, name):
    r = env.run("list", "--search", text, "--format", "csv")
    return r.rc == 0 and name in r.out


r = env.run("add", "Médiathèque du Rhône", "--phone", "04 72 10 17 40")
t.ok(r.rc == 0, "a partner with a French number", r)
r = env.run("add", "Maison des Jeunes", "--phone", "0478000000")
t.ok(r.rc == 0, "one with its digits run together", r)
r = env.run("add", "Jardin des Plantes", "--notes", "standard : 06 12 34 56 78")
t.ok(r.rc == 0, "one with a number in its notes", r)

t.ok(found("04 72 10 17 40", "Médiathèque"), "found by the number in pairs, as it was typed")
t.ok(found("04.72.10.17.40", "Médiathèque"), "with dots")
t.ok(found("0472101740", "Médiathèque"), "run together (as before)")
t.ok(found("04 78 00 00 00", "Maison des Jeunes"), "a number stored run together, typed in pairs")
t.ok(found("04 72 10", "Médiathèque") and not found("04 72 10", "Maison"),
     "its first six digits find it, as it is typed, and not another")
t.ok(found("06 12 34 56 78", "Jardin des Plantes"), "the number in the notes, in pairs")
t.ok(not found("04 72 10 17 41", "Médiathèque"), "another number does not find it")
r = env.run("add", "Amgueddfa Llŷn", "--phone", "+44 1758 555123")
t.ok(r.rc == 0, "a partner whose number is on file with its country code", r)
t.ok(found("01758 555123", "Amgueddfa"), "found by the number as dialled at home, its trunk 0 for +44")
t.ok(found("0044 1758 555123", "Amgueddfa"), "and with 00 for +")
t.ok(not found("01758 555124", "Amgueddfa"), "not by another")
# A number written with a slash, as German sheets write one (the area
# code, a slash, the line): its digits run together, as a display shows
# them, found it not (the document's run of digits kept the slash).
r = env.run("add", "Stadtbibliothek Mannheim", "--phone", "0621/293-8933")
t.ok(r.rc == 0, "a partner whose number has a slash", r)
t.ok(found("06212938933", "Mannheim"), "found by its digits run together")
t.ok(found("0621 293 8933", "Mannheim") and found("0621/293-8933", "Mannheim"), "spaced, and as written")
r = env.run("contact", "add", "Médiathèque du Rhône", "Jonas Weber", "--phone", "+49 621/123 456")
t.ok(r.rc == 0, "a person whose number has a slash", r)
t.ok(found("0049621123456", "Médiathèque"), "found by the person's number, 00 for +, run together")
t.ok(found("0621 123456", "Médiathèque"), "and as dialled at home")
# A desk at 17, its documents made with the slash left in, upgraded.
older = env.path("v17.db")
env.run("backup", older)
c = sqlite3.connect(older)
for (pid, name, phone) in c.execute("SELECT id, name_fold, phone FROM partners WHERE instr(phone, '/')"
                                    " OR id IN (SELECT partner_id FROM contacts WHERE instr(phone, '/'))"
                                    ).fetchall():
    c.execute("DELETE FROM partner_search WHERE rowid = ?", (pid,))
    c.execute("INSERT INTO partner_search (rowid, name, body) VALUES (?, ?, ?)", (pid, name, phone or ""))
c.execute("PRAGMA user_version = 17")
c.commit()
c.close()
r = env.run("--db", older, "list", "--search", "06212938933", "--format", "csv", db=False)
t.ok(r.rc == 0 and "Mannheim" in r.out, "a desk at 17 upgraded finds the number with a slash", r)
r = env.run("--db", older, "list", "--search", "0049621123456", "--format", "csv", db=False)
t.ok(r.rc == 0 and "Médiathèque" in r.out, "and the person's", r)
r = env.run("--db", older, "check", db=False)
t.ok(r.rc == 0, "and checks clean", r)
r = env.run("list", "--search", "1 " * 40, "--format", "csv")
t.ok(r.rc in (0, 1) and "error" not in r.err.lower() and "syntax" not in r.err.lower(),
     "a number of 40 digits is searched, not refused", r)
t.ok(found("du", "Médiathèque") and not found("du", "Maison"),
     "a short word that is no number still matches names only")
t.done()
