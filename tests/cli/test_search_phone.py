"""A phone number is found as it is read off a display or a card, in
pairs of digits as French numbers are written ("06 12 34 56 78"), with
dots, or run together, whichever way the partner's phone was typed, and
as dialled at home (06 ..., 01758 ...) where it is on file with its
country code (+33 6 ..., +44 1758 ...), and the other way round, as a
mobile shows a caller (+44 1492 640000, +1 804-555-0231) where the desk
has the number as dialled at home (01492 640 000, (804) 555-0231); the
same number written so in the notes is found too. Five words of two
digits matched names only, and found nobody."""
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
r = env.run("list", "--search", "1 " * 40, "--format", "csv")
t.ok(r.rc in (0, 1) and "error" not in r.err.lower() and "syntax" not in r.err.lower(),
     "a number of 40 digits is searched, not refused", r)
t.ok(found("du", "Médiathèque") and not found("du", "Maison"),
     "a short word that is no number still matches names only")
t.done()
