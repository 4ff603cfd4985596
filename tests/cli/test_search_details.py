"""A partner is found by what is kept about it, not only by its name,
kind, tags, people and log: its audiences and branches, its notes (where an import keeps a sheet's
unmapped columns), mission, address, website, email and phone; an edit
makes the old words unfindable and the new ones found; a desk at schema
14, whose documents lack them, is found by them after its upgrade."""
import sqlite3
import sys

from harness import TAP, Env

t = TAP()
env = Env(sys.argv[1])


def found(text, name):
    r = env.run("list", "--search", text, "--format", "csv")
    return r.rc == 0 and name in r.out


sheet = env.path("sheet.csv")
with open(sheet, "w", encoding="utf-8") as f:
    f.write("Nom;Programmes;Code postal\n"
            "Musée des Beaux-Arts;visites scolaires le mardi;LL68 9EA\n"
            "Théâtre du Port;ateliers d'été;29200\n")
r = env.run("import", sheet, "--map", "Code postal=address")
t.ok(r.rc == 0 and "2 added" in r.out + r.err, "the sheet imports", r)
t.ok(found("visites scolaires", "Musée des Beaux-Arts"), "found by a kept column's words (notes)")
t.ok(found("VISITES SCOLAIRES", "Musée") and not found("visites scolaires", "Théâtre"),
     "in any case, and only that partner")
t.ok(found("ateliers d'ete", "Théâtre du Port"), "accents left out as the name's are")
t.ok(found("ll68", "Musée des Beaux-Arts"), "found by its postcode (address)")

r = env.run("add", "Amgueddfa Llŷn", "--website", "https://www.amgueddfa-llyn.example/",
            "--email", "croeso@amgueddfa.example", "--phone", "01758 555 123")
t.ok(r.rc == 0, "add with website, email and phone", r)
r = env.run("edit", "Amgueddfa Llŷn", "--mission", "Celebrating the Llŷn peninsula's maritime heritage")
t.ok(r.rc == 0, "its mission edited in", r)
t.ok(found("amgueddfa-llyn.example", "Amgueddfa"), "found by its website")
t.ok(found("croeso@", "Amgueddfa"), "by its email")
t.ok(found("01758 555", "Amgueddfa"), "by its phone")
t.ok(found("01758555123", "Amgueddfa"), "by its phone's digits typed together")
t.ok(found("maritime heritage", "Amgueddfa"), "by its mission")

# Its branches and audiences too, as its tags: "Northside" missed the
# partners of the Northside branch.
r = env.run("add", "Harbor Science Center", "--branch", "Northside", "--audience", "Seniors")
t.ok(r.rc == 0, "add with a branch and an audience", r)
t.ok(found("northside", "Harbor Science Center"), "found by its branch")
t.ok(found("seniors", "Harbor Science Center"), "found by its audience")
r = env.run("edit", "Harbor Science Center", "--add-branch", "Eastgate", "--remove-branch", "Northside")
t.ok(r.rc == 0 and found("eastgate", "Harbor Science Center") and not found("northside", "Harbor"),
     "by a branch edited in, no longer by the one taken out", r)

r = env.run("edit", "Musée des Beaux-Arts", "--notes", "nouveau partenariat lecture")
t.ok(r.rc == 0, "edit the notes", r)
t.ok(found("partenariat lecture", "Musée") and not found("visites scolaires", "Musée"),
     "the new notes are found, the old ones no longer")

# A desk at 14: documents made without these (as 14 made them), then opened.
older = env.path("v14.db")
env.run("backup", older)
c = sqlite3.connect(older)
ids = [r[0] for r in c.execute("SELECT id FROM partners")]
for pid in ids:
    name, kind = c.execute("SELECT name_fold, kind FROM partners WHERE id = ?", (pid,)).fetchone()
    c.execute("DELETE FROM partner_search WHERE rowid = ?", (pid,))
    c.execute("INSERT INTO partner_search (rowid, name, body) VALUES (?, ?, ?)", (pid, name, kind or ""))
# and without the loose name keys of 16, which came after
c.execute("DROP INDEX partners_by_loose_key")
c.execute("ALTER TABLE partners DROP COLUMN loose_key")
c.execute("PRAGMA user_version = 14")
c.commit()
c.close()
r = env.run("--db", older, "list", "--search", "maritime heritage", db=False)
t.ok(r.rc == 0 and "Amgueddfa" in r.out, "a desk at 14 upgraded finds a partner by its mission", r)
r = env.run("--db", older, "list", "--search", "partenariat", db=False)
t.ok(r.rc == 0 and "Musée" in r.out, "and by its notes", r)
r = env.run("--db", older, "check", db=False)
t.ok(r.rc == 0, "check is clean after the upgrade", r)

# What list --help says --search matches is what it matches.
r = env.run("list", "--help", db=False)
told = " ".join(r.out.split())
t.ok(all(w in told for w in ("notes", "mission", "address", "website", "email", "phone")),
     "list --help names the notes, mission, address, website, email and phone among what "
     "--search matches", r.out)
t.done()
