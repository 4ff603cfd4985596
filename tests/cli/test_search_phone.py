"""A phone number is found as it is read off a display or a card, in
pairs of digits as French numbers are written ("06 12 34 56 78"), with
dots, or run together, whichever way the partner's phone was typed, and
as dialled at home (06 ..., 01758 ...) where it is on file with its
country code (+33 6 ..., +44 1758 ...); the same number written so in
the notes is found too. Five words of two
digits matched names only, and found nobody.

Digits of other scripts: a number typed or pasted in Arabic-Indic,
Persian or full-width digits finds the partner as ASCII digits do, and
one on file in them is found by ASCII digits; a desk at schema 17, whose
documents hold such a phone's digits as they were typed, finds it after
its upgrade."""
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
r = env.run("list", "--search", "1 " * 40, "--format", "csv")
t.ok(r.rc in (0, 1) and "error" not in r.err.lower() and "syntax" not in r.err.lower(),
     "a number of 40 digits is searched, not refused", r)
t.ok(found("du", "Médiathèque") and not found("du", "Maison"),
     "a short word that is no number still matches names only")

# ---- digits of other scripts ----
for name, phone in (("مكتبة الإسكندرية", "٠٣ ٤٨٣ ٩٩٩٩"),
                    ("کتابخانه ملی", "۰۲۱ ۸۸۶۴ ۴۰۸۰"),
                    ("Tokyo Reading Club", "０３−１２３４−５６７８"),
                    ("Bibliothèque de Lyon", "06 12 98 76 54")):
    r = env.run("add", name, "--phone", phone)
    t.ok(r.rc == 0, "%s, its phone %s" % (name, phone), r)
t.ok(found("03 483 9999", "مكتبة") and found("034839999", "مكتبة"),
     "a phone in Arabic-Indic digits is found by ASCII ones")
t.ok(found("٠٣ ٤٨٣ ٩٩٩٩", "مكتبة"), "and as it was typed")
t.ok(found("021 8864 4080", "کتابخانه"),
     "one in Persian digits too")
t.ok(found("03-1234-5678", "Tokyo") and found("0312345678", "Tokyo"), "and one in full-width digits")
t.ok(found("٠٦ ١٢ ٩٨ ٧٦ ٥٤", "Lyon"), "Arabic-Indic digits typed find an ASCII phone")
t.ok(found("۰۶۱۲۹۸۷۶۵۴", "Lyon"), "Persian ones")
t.ok(found("０６ １２ ９８ ７６ ５４", "Lyon"), "full-width ones")
t.ok(found("\u200f٠٦ ١٢ ٩٨ ٧٦ ٥٤\u200f", "Lyon"),
     "and pasted from right-to-left text, marks with them")
t.ok(not found("٠٦ ١٢ ٩٨ ٧٦ ٥٥", "Lyon"), "another number in Arabic-Indic digits does not find it")
r = env.run("contact", "add", "Maison des Jeunes", "Yasmine Haddad", "--phone", "٠٧ ٥٥ ٤٤ ٣٣ ٢٢")
t.ok(r.rc == 0, "a person whose mobile is in Arabic-Indic digits", r)
t.ok(found("07 55 44 33 22", "Maison des Jeunes"), "found by ASCII digits")

# A desk at 17: its documents hold the Arabic phone's digits as typed.
older = env.path("v17.db")
env.run("backup", older)
c = sqlite3.connect(older)
for pid, body in c.execute("SELECT rowid, body FROM partner_search").fetchall():
    phone = c.execute("SELECT phone FROM partners WHERE id = ?", (pid,)).fetchone()[0]
    run = ''.join(ch for ch in (phone or "") if ch not in " -.()")
    old = body
    if run.isdigit() and not run.isascii():
        old = old.replace(run.translate({ord(a): ord(b) for a, b in zip("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)}), run)
    c.execute("UPDATE partner_search SET body = ? WHERE rowid = ?", (old, pid))
c.execute("PRAGMA user_version = 17")
c.commit()
c.close()
r = env.run("--db", older, "list", "--search", "034839999", "--format", "csv", db=False)
t.ok(r.rc == 0 and "مكتبة" in r.out, "a desk at 17 upgraded finds the Arabic-Indic phone by ASCII digits", r)
r = env.run("--db", older, "check", db=False)
t.ok(r.rc == 0, "and checks clean", r)
t.done()
