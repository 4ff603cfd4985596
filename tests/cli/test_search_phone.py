"""A phone number is found as it is read off a display or a card, in
pairs of digits as French numbers are written ("06 12 34 56 78"), with
dots, or run together, whichever way the partner's phone was typed, and
as dialled at home (06 ..., 01758 ...) where it is on file with its
country code (+33 6 ..., +44 1758 ...); the same number written so in
the notes is found too. Five words of two
digits matched names only, and found nobody.

The other way: a number written with its country code, as a mobile shows
an incoming call (+33 6 ..., 0033 6 ..., +44 1758 ...), finds the one on
file as dialled at home (06 ..., 01758 ...), its country code read as
E.164 assigns them (+1 and +7 alone, +44 two digits, +353 three), the
national number at the start of a number on file after its trunk (0; 1
for +1, 8 for +7) or without one (Spain); not inside another number
(+1 612 987 6543 holds 612987654), not without + or 00, not when fewer
than seven digits follow the country code.

A number typed with its trunk (06 ..., 8 017 ...) is national: less it,
it is found at the start of a number on file with its country code,
which the document holds as dialled at home too (since schema 20), not
inside another (06 12 98 76 54 does not find +1 612 987 6543); digits
without a trunk are found anywhere. The trunks of Europe that are not 0
(Belarus's 80, Lithuania's 8 and its 0 since 2024, Hungary's 06) and a
trunk written after the code (+44 (0)1758 ...) are read. A number
typed without + or 00 has no country code. A desk at 19 finds its
numbers so after its upgrade.

A number on file with its country code but without + (33698765432, as
Excel leaves +33 6 ...) is found as dialled at home when its 11 to 15
digits start with a known code, neither 0 nor 1, and that country's
length follows (since schema 21; a desk at 20 finds them after its
upgrade); never North America's 1 + 10 digits, nor 10 digits. North
America's long-distance 1 (1 804 ...) is a trunk: less it, the number is
found at the start of one on file, not inside another.

Digits of other scripts: a number typed or pasted in Arabic-Indic,
Persian or full-width digits finds the partner as ASCII digits do, and
one on file in them is found by ASCII digits; a desk at schema 17, whose
documents hold such a phone's digits as they were typed, finds it after
its upgrade.

Brazil's and Russia's national forms ((11) 91234-5678, no trunk; 8 (495)
123-45-67, trunk 8) are imported as written and found by the number a
caller's display shows (+55 11 ..., +7 495 ...), and the other way.
These were found already: the test keeps them so."""
import json
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
# The caller's number as a mobile's display shows it, with the country
# code, where the desk has it as the spreadsheet had it, without.
r = env.run("add", "Llanrwst Town Council", "--phone", "01492 640 000")
t.ok(r.rc == 0, "a Welsh partner whose number is on file as dialled at home", r)
r = env.run("add", "Korean Community Association", "--phone", "(804) 555-0231")
t.ok(r.rc == 0, "an American one, area code in brackets", r)
t.ok(found("+44 1492 640000", "Llanrwst"), "found by the caller id +44 1492 640000")
t.ok(found("+441492640000", "Llanrwst"), "run together")
t.ok(found("0044 1492 640000", "Llanrwst"), "dialled from abroad with 00")
t.ok(not found("+44 1492 640001", "Llanrwst"), "not by another number")
t.ok(found("+1 804-555-0231", "Korean Community"), "found by the caller id +1 804-555-0231")
t.ok(found("+18045550231", "Korean Community"), "run together")
t.ok(found("1 804 555 0231", "Korean Community"), "with the long-distance 1 before the area code")
t.ok(found("+44 1758 555123", "Amgueddfa"), "a number on file with its country code, as on file")
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
older = env.path("v17-slash.db")
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

# ---- written with its country code, on file as dialled at home ----
for name, phone in (("Bibliothèque de Lyon", "06 12 98 76 54"),
                    ("Canolfan Pwllheli", "01758 555 321"),
                    ("Hennepin Arts", "(612) 555-0142"),
                    ("Biblioteca de Sevilla", "954 12 34 56"),
                    ("Dublin City Library", "01 234 5678"),
                    ("Moscow House of Books", "8 (495) 123-45-67"),
                    ("Minneapolis Youth Center", "+1 612 987 6543"),
                    ("Dundalk Arts", "031 234 5679"),
                    ("Sydney Reading Room", "02 3456 7890"),
                    ("Centre Social Nord", "0491000000")):
    r = env.run("add", name, "--phone", phone)
    t.ok(r.rc == 0, "%s, on file as %s" % (name, phone), r)
t.ok(found("+33 6 12 98 76 54", "Lyon"), "+33 6 finds 06 on file, as a mobile shows the call")
t.ok(found("0033 6 12 98 76 54", "Lyon"), "0033 6 too")
t.ok(found("+33 (0)6 12 98 76 54", "Lyon"), "+33 (0)6 too")
t.ok(found("+33612987654", "Lyon"), "and run together")
t.ok(found("+44 1758 555321", "Pwllheli") and found("0044 1758 555 321", "Pwllheli"),
     "+44 1758 (two-digit code) finds 01758 on file")
t.ok(found("+1 612-555-0142", "Hennepin"), "+1 (one digit) finds (612) 555-0142, with no trunk")
t.ok(found("+34 954 12 34 56", "Sevilla"), "+34 finds a Spanish number, which has no trunk")
t.ok(found("+353 1 234 5678", "Dublin"), "+353 (three digits) finds 01 on file")
t.ok(found("+7 495 123 45 67", "Moscow"), "+7 finds 8 (495) on file, 8 its trunk")
t.ok(found("+33 4 91 00 00 00", "Centre Social"),
     "a phone on file run together, all its partner's document holds, is found")
t.ok(not found("+33 6 12 98 76 55", "Lyon"), "another number does not find it")
t.ok(not found("+33 6 12 98 76 54", "Minneapolis"),
     "+33 6 12 98 76 54 does not find +1 612 987 6543, whose digits hold 612987654")
t.ok(not found("+353 1 234 5679", "Dundalk"),
     "+353 is three digits: +353 1 234 5679 does not find 031 234 5679 (+35 3 ...)")
t.ok(not found("612 345 6789", "Sydney"),
     "without + or 00 there is no country code: 612 345 6789 does not find 02 3456 7890 (+61 2 3456 789.)")
t.ok(not found("+44 1758 55", "Pwllheli"),
     "six digits after the country code, a number cut short, do not find 01758 555 321")

# ---- a number dialled at home is found at the start of one on file ----
# A trunk 0 says the number is national: less its 0 it is the start of a
# number on file after the country code (+33 6 ..., 0033 6 ...), not
# digits inside another (+1 612 987 6543 holds 612987654). Digits without
# a trunk, a number half remembered, are found anywhere in one.
t.ok(not found("06 12 98 76 54", "Minneapolis"),
     "06 12 98 76 54 does not find +1 612 987 6543, whose digits hold 612987654")
t.ok(found("06 12 98 76 54", "Lyon") and found("06 12 98 76", "Lyon"),
     "it finds 06 12 98 76 54, whole or as it is typed")
t.ok(found("987 6543", "Minneapolis") and found("612 987 65", "Minneapolis"),
     "digits without a trunk 0 are found anywhere in a number")
for name, phone in (("Médiathèque de Nice", "+33 4 93 62 11 22"),
                    ("Bibliothèque de Vannes", "0033 2 97 01 62 00"),
                    ("Plas Glyn-y-Weddw", "+44 1758 740763"),
                    ("Hen Ysgol Aberdaron", "+44 (0)1758 760 222")):
    r = env.run("add", name, "--phone", phone)
    t.ok(r.rc == 0, "%s, on file as %s" % (name, phone), r)
t.ok(found("04 93 62 11 22", "Nice") and found("0493621122", "Nice"),
     "04 93 62 11 22 finds +33 4 93 62 11 22 on file")
t.ok(found("02 97 01 62 00", "Vannes"), "and 0033 2 97 01 62 00")
t.ok(found("01758 760222", "Aberdaron"), "and +44 (0)1758 760 222")
# Written with the trunk in brackets after the country code, as British
# and Swiss cards do, for a number on file with the code and without it.
t.ok(found("+44 (0)1758 740763", "Glyn-y-Weddw"), "+44 (0)1758 740763 finds +44 1758 740763 on file")
t.ok(found("+44 (0)1758 555321", "Pwllheli"), "and 01758 555 321")
t.ok(found("+44 (0)1758 760 222", "Aberdaron"), "and +44 (0)1758 760 222 as on file")

# ---- the trunks of Europe that are not 0 ----
for name, phone in (("Biblioteka Minsk", "8 017 123-45-67"),
                    ("Homel Library", "+375 232 55 44 33"),
                    ("Vilniaus biblioteka", "8 5 212 3456"),
                    ("Kauno biblioteka", "0 37 32 45 67"),
                    ("Šiaulių biblioteka", "+370 41 52 34 56"),
                    ("Fővárosi Könyvtár", "06 1 411 5000"),
                    ("Biblioteca di Roma", "+39 06 4544 4101")):
    r = env.run("add", name, "--phone", phone)
    t.ok(r.rc == 0, "%s, on file as %s" % (name, phone), r)
t.ok(found("+375 17 123 45 67", "Minsk"), "+375 17 finds 8 017 on file: Belarus's trunk is 80")
t.ok(found("8 0232 55 44 33", "Homel"), "and 8 0232 finds +375 232 on file")
t.ok(found("+370 5 212 3456", "Vilniaus"), "+370 5 finds 8 5 on file: Lithuania's trunk was 8")
t.ok(found("+370 37 32 45 67", "Kauno"), "and 0 37, its trunk since 2024")
t.ok(found("8 41 52 34 56", "Šiaulių") and found("0 41 52 34 56", "Šiaulių"),
     "8 41 and 0 41 find +370 41 on file")
t.ok(found("+36 1 411 5000", "Fővárosi"), "+36 1 finds 06 1 on file: Hungary's trunk is 06")
t.ok(found("06 4544 4101", "Roma") and found("+39 06 4544 4101", "Roma"),
     "an Italian number keeps its 0 after +39: 06 4544 4101 finds +39 06 4544 4101")
t.ok(not found("+375 17 123 45 68", "Minsk"), "another number does not find it")

# ---- no country code without + or 00 ----
t.ok(not found("33 6 12 98 76 54", "Lyon"),
     "33 6 12 98 76 54 is not read as +33: 612 555 0142 would be +61 2 555 0142 so")

# ---- on file with its country code but without + or 00 ----
# A sheet's number that Excel read as a number has lost its + (+33 6 ...
# is 33612345678): it is found as dialled at home when its run of 11 to
# 15 digits starts with a known code followed by as many digits as that
# country's numbers have; never from a number that starts with 1 or 0,
# nor one of 10 digits or fewer, as every number dialled at home is
# without its trunk (612 555 0142 is no +61 2 555 0142).
for name, phone in (("Médiathèque de Vienne", "33698765432"),
                    ("Llyfrgell Pwllheli", "441758479216"),
                    ("Marathi Mandal", "91 98765 43210"),
                    ("Bibliothèque Forney", "33 (0)1 42 78 14 60"),
                    ("Dom Knigi", "74951112233"),
                    ("Twin Cities Arts", "16129871234")):
    r = env.run("add", name, "--phone", phone)
    t.ok(r.rc == 0, "%s, on file as %s" % (name, phone), r)
t.ok(found("06 98 76 54 32", "Vienne") and found("0698765432", "Vienne"),
     "06 98 76 54 32 finds 33698765432, +33 as Excel leaves it")
t.ok(found("01758 479216", "Llyfrgell"), "01758 479216 finds 441758479216")
t.ok(found("098765 43210", "Marathi"), "098765 43210 finds 91 98765 43210")
t.ok(found("01 42 78 14 60", "Forney"), "01 42 78 14 60 finds 33 (0)1 42 78 14 60")
t.ok(found("8 495 111 22 33", "Dom Knigi"), "8 495 111 22 33 finds 74951112233, Russia's trunk 8")
t.ok(found("+33 6 98 76 54 32", "Vienne") and found("98 76 54 32", "Vienne"),
     "and as before by its digits, with the +, or half remembered")
t.ok(not found("06 12 98 76 54", "Twin Cities") and not found("06 12 98 71 23", "Twin Cities"),
     "a number of 11 digits starting with 1 is North America's: 16129871234 is not read as +1 612 ...'s 0612...")
t.ok(found("1 612 987 1234", "Twin Cities") and found("612 987 1234", "Twin Cities"),
     "it is found with its 1 and without")
t.ok(not found("02 5550 142", "Hennepin"),
     "ten digits are read as no country's: (612) 555-0142 is not +61 2 555 0142, found by Sydney's 02 5550 142")
t.ok(not found("06 98 76 54 31", "Vienne"), "another number does not find 33698765432")

# ---- North America's long-distance 1 ----
# 1 804 555 0231 is the number less its 1 at the start of one on file, as
# a trunk 0's number is, and with its 1 anywhere (+1 804 ...); not the
# ten digits inside another number.
for name, phone in (("Berliner Stadtbibliothek", "+49 30 2123 4567"),
                    ("Richmond Public Library", "+1 804 646 4867"),
                    ("Henrico Arts", "1-804-501-5000")):
    r = env.run("add", name, "--phone", phone)
    t.ok(r.rc == 0, "%s, on file as %s" % (name, phone), r)
t.ok(not found("1 930 212 3456", "Berliner"),
     "1 930 212 3456 does not find +49 30 2123 4567, whose digits hold 9302123456")
t.ok(found("930 212 3456", "Berliner"), "digits typed without a trunk still find it anywhere")
t.ok(found("1 804 646 4867", "Richmond") and found("1 804 501 5000", "Henrico"),
     "1 804 ... finds +1 804 ... and 1-804-... on file")
t.ok(found("1 (804) 555-0231", "Korean Community"), "and (804) 555-0231, with brackets typed")

# ---- digits of other scripts ----
for name, phone in (("مكتبة الإسكندرية", "٠٣ ٤٨٣ ٩٩٩٩"),
                    ("کتابخانه ملی", "۰۲۱ ۸۸۶۴ ۴۰۸۰"),
                    ("Tokyo Reading Club", "０３−１２３４−５６７８")):
    r = env.run("add", name, "--phone", phone)
    t.ok(r.rc == 0, "%s, its phone %s" % (name, phone), r)
t.ok(found("03 483 9999", "مكتبة") and found("034839999", "مكتبة"),
     "a phone in Arabic-Indic digits is found by ASCII ones")
t.ok(found("+20 3 483 9999", "مكتبة"), "and written with its country code")
t.ok(found("٠٣ ٤٨٣ ٩٩٩٩", "مكتبة"), "and as it was typed")
t.ok(found("021 8864 4080", "کتابخانه") and found("+98 21 8864 4080", "کتابخانه"),
     "one in Persian digits too")
t.ok(found("03-1234-5678", "Tokyo") and found("0312345678", "Tokyo"), "and one in full-width digits")
t.ok(found("٠٦ ١٢ ٩٨ ٧٦ ٥٤", "Lyon"), "Arabic-Indic digits typed find an ASCII phone")
t.ok(found("۰۶۱۲۹۸۷۶۵۴", "Lyon"), "Persian ones")
t.ok(found("０６ １２ ９８ ７６ ５４", "Lyon"), "full-width ones")
t.ok(found("\u200f+٣٣ ٦ ١٢ ٩٨ ٧٦ ٥٤\u200f", "Lyon"),
     "and pasted from right-to-left text, marks and country code with them")
t.ok(not found("٠٦ ١٢ ٩٨ ٧٦ ٥٥", "Lyon"), "another number in Arabic-Indic digits does not find it")
r = env.run("contact", "add", "Maison des Jeunes", "Yasmine Haddad", "--phone", "٠٧ ٥٥ ٤٤ ٣٣ ٢٢")
t.ok(r.rc == 0, "a person whose mobile is in Arabic-Indic digits", r)
t.ok(found("07 55 44 33 22", "Maison des Jeunes") and found("+33 7 55 44 33 22", "Maison des Jeunes"),
     "found by ASCII digits, and with the country code")

# A desk at 17: its documents hold the Arabic phone's digits as typed and
# the bare phone's document starts without a newline.
older = env.path("v17.db")
env.run("backup", older)
c = sqlite3.connect(older)
for pid, body in c.execute("SELECT rowid, body FROM partner_search").fetchall():
    phone = c.execute("SELECT phone FROM partners WHERE id = ?", (pid,)).fetchone()[0]
    run = ''.join(ch for ch in (phone or "") if ch not in " -.()")
    old = body.lstrip("\n")
    if run.isdigit() and not run.isascii():
        old = old.replace(run.translate({ord(a): ord(b) for a, b in zip("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)}), run)
    c.execute("UPDATE partner_search SET body = ? WHERE rowid = ?", (old, pid))
c.execute("PRAGMA user_version = 17")
c.commit()
c.close()
r = env.run("--db", older, "list", "--search", "034839999", "--format", "csv", db=False)
t.ok(r.rc == 0 and "مكتبة" in r.out, "a desk at 17 upgraded finds the Arabic-Indic phone by ASCII digits", r)
r = env.run("--db", older, "list", "--search", "+33 4 91 00 00 00", "--format", "csv", db=False)
t.ok(r.rc == 0 and "Centre Social" in r.out, "and the bare phone by its country code", r)
r = env.run("--db", older, "check", db=False)
t.ok(r.rc == 0, "and checks clean", r)

# A desk at 19: its documents hold a number written with its country
# code as written and run together only, not as dialled at home.
older = env.path("v19.db")
env.run("backup", older)
c = sqlite3.connect(older)
for pid, body in c.execute("SELECT rowid, body FROM partner_search").fetchall():
    c.execute("UPDATE partner_search SET body = ? WHERE rowid = ?",
              (body.replace("\n01758555123", "").replace("\n0493621122", ""), pid))
c.execute("PRAGMA user_version = 19")
c.commit()
c.close()
for text, name in (("01758 555123", "Amgueddfa"), ("04 93 62 11 22", "Nice")):
    r = env.run("--db", older, "list", "--search", text, "--format", "csv", db=False)
    t.ok(r.rc == 0 and name in r.out, "a desk at 19 upgraded finds %s by %s" % (name, text), r)
r = env.run("--db", older, "check", db=False)
t.ok(r.rc == 0, "and checks clean", r)

# A desk at 20: its documents hold no home form for a number on file
# without + or 00.
older = env.path("v20.db")
env.run("backup", older)
c = sqlite3.connect(older)
for pid, body in c.execute("SELECT rowid, body FROM partner_search").fetchall():
    c.execute("UPDATE partner_search SET body = ? WHERE rowid = ?",
              (body.replace("\n0698765432", "").replace("\n01758479216", ""), pid))
c.execute("PRAGMA user_version = 20")
c.commit()
c.close()
for text, name in (("06 98 76 54 32", "Vienne"), ("01758 479216", "Llyfrgell")):
    r = env.run("--db", older, "list", "--search", text, "--format", "csv", db=False)
    t.ok(r.rc == 0 and name in r.out, "a desk at 20 upgraded finds %s by %s" % (name, text), r)
r = env.run("--db", older, "check", db=False)
t.ok(r.rc == 0, "and checks clean", r)

# Brazil and Russia as their sheets write them: Brazil with the area code
# in brackets and no trunk, Russia with its trunk 8. Imported as written,
# found by the number a caller's display shows, and the other way.
world = env.path("world.db")
sheet = env.path("world.csv")
with open(sheet, "w") as f:
    f.write("Name,Phone\nBiblioteca Mario de Andrade,(11) 91234-5678\n"
            "Biblioteka Moskva,8 (495) 123-45-67\nBiblioteca do Rio,+55 21 2345-6789\n"
            "Biblioteka Tver,+7 (4822) 32-10-10\n")
r = env.run("--db", world, "import", sheet, db=False)
t.ok(r.rc == 0 and "4 added" in r.out and "warning" not in r.err, "a Brazilian and a Russian sheet import", r)
r = env.run("--db", world, "show", "Biblioteca Mario", "--format", "json", db=False)
t.ok(r.rc == 0 and json.loads(r.out)["phone"] == "(11) 91234-5678", "the phone kept as written", r)
for text, name in (("+55 11 91234 5678", "Mario de Andrade"), ("+5511912345678", "Mario de Andrade"),
                   ("(11) 91234-5678", "Mario de Andrade"), ("+7 495 123 45 67", "Moskva"),
                   ("+74951234567", "Moskva"), ("8 495 123 45 67", "Moskva"),
                   ("(21) 2345-6789", "do Rio"), ("8 (4822) 32-10-10", "Tver")):
    r = env.run("--db", world, "list", "--search", text, "--format", "csv", db=False)
    t.ok(r.rc == 0 and name in r.out and r.out.count("\n") == 2, "%s finds %s alone" % (text, name), r)
t.done()
