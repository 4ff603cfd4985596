"""partnerdesk import reading a column by what its cells hold as well as
by its header. A school's "Stufe" or "Etapa" column (a year group) is
kept in the notes and said so, not refused as a bad stage; "Stage" and a
--map still refuse a bad one by FILE:ROW. A review-date column whose
24/11/2026 shows it is written day first reads its 03/12/2026 so (and
month first alike); a column written both ways is refused naming both.
A sheet of two tables, a second header half-way down: the summary names
the columns each table keeps in the notes by that table's own header,
and the second table's title is no partner.
A "Mobile" or "Direct line" is the contact person's number, as "Contact
phone" is; a plain "Phone" stays the partner's, as a plain "Email" does,
and stderr says so, with the --map that makes it the person's."""
import json
import sys

from harness import TAP, Env

t = TAP()
env = Env(sys.argv[1])


def sheet(name, text):
    path = env.path(name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def show(db, pid):
    r = env.run("--db", db, "show", str(pid), "--format", "json", db=False)
    return json.loads(r.out) if r.rc == 0 else {}


# --- A year group under a stage word of another language -----------------
for lang, text, col, cell in (
    ("de", "Einrichtung;Stufe;Notizen\nGrundschule Nord;5;Lesepaten\n"
           "Gymnasium Süd;Klasse 7;Bücherkisten\n", "Stufe", "5"),
    ("es", "Nombre,Etapa,Teléfono\nCEIP Cervantes,Primaria,910000000\n"
           "IES Goya,Secundaria,910000001\n", "Etapa", "Primaria"),
    ("fr", "Nom;Stade;Remarques\nÉcole Jules Ferry;CM2;rallye lecture\n", "Stade", "CM2"),
):
    db = env.path("guess-" + lang + ".db")
    r = env.run("--db", db, "import", sheet("guess-" + lang + ".csv", text), db=False)
    t.ok(r.rc == 0 and "failed" in r.out and " 0 failed" in r.out,
         lang + ": the school's sheet imports, no row refused", r)
    t.ok('"%s"' % col in r.out.split("kept in the notes:")[-1],
         lang + ": the summary names %s among the columns kept in the notes" % col, r)
    t.ok('"%s" kept in the notes, not read as the stage' % col in r.err
         and '"%s" (row 2) is no stage' % cell in r.err
         and '--map "%s=stage"' % col in r.err,
         lang + ": said why, with the cell, its row and the --map that reads it", r.err)
    p = show(db, 1)
    t.ok("%s: %s" % (col, cell) in (p.get("notes") or "") and p.get("stage") == "glance",
         lang + ": the cell is in the notes and the partner at the first stage", p)

# The same word over stage names is the stage.
db = env.path("stufe-ok.db")
r = env.run("--db", db, "import",
            sheet("stufe-ok.csv", "Einrichtung;Stufe\nVHS;Date\nMusikschule;engagement\n"), db=False)
t.ok(r.rc == 0 and "kept in the notes" not in r.out, "Stufe of stage names imports", r)
t.eq([show(db, i).get("stage") for i in (1, 2)], ["date", "engagement"], "and is read as the stage")

# "Status" is a guess too: Active/Inactive is kept in the notes, but a
# config whose stages are labelled so reads it as the stage.
import os  # noqa: E402
REPO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
with open(os.path.join(REPO, "config", "partnerdesk.yaml"), encoding="utf-8") as f:
    conf = f.read().replace("label: Glance", "label: Prospect").replace("label: Date", "label: Active")
cfg = sheet("active.yaml", conf)
status = sheet("status.csv", "Name,Status\nA Org,Active\nB Org,Prospect\n")
db = env.path("status-default.db")
r = env.run("--db", db, "import", status, db=False)
t.ok(r.rc == 0 and '"Status" kept in the notes, not read as the stage: "Active" (row 2)' in r.err
     and "Status: Active" in (show(db, 1).get("notes") or ""), "Status of Active is kept in the notes", r)
db = env.path("status-config.db")
r = env.run("--db", db, "--config", cfg, "import", status, db=False)
t.eq([show(db, i).get("stage") for i in (1, 2)], ["date", "glance"],
     "under a config whose stages are Prospect and Active, Status is the stage")

# A sure header, or a --map, with a bad value: the row is refused by FILE:ROW.
db = env.path("sure.db")
r = env.run("--db", db, "import", sheet("sure.csv", "Name,Relationship stage\nA,Date\nB,5\n"), db=False)
t.ok(r.rc != 0 and 'sure.csv:3: column "Relationship stage" (read as the stage): no stage "5"' in r.err,
     "Relationship stage is sure: a bad one is refused at its row", r)
r = env.run("--db", db, "import", env.path("guess-de.csv"), "--map", "Stufe=stage", db=False)
t.ok(r.rc != 0 and 'guess-de.csv:2: column "Stufe" (read as the stage): no stage "5"' in r.err,
     "--map Stufe=stage is sure: a bad one is refused at its row", r)

# --- Review dates read by the column's order --------------------------------
db = env.path("dates.db")
r = env.run("--db", db, "import",
            sheet("dmy.csv", "Name,Review date\nA,03/12/2026\nB,2027-01-05\nC,24/11/2026\n"), db=False)
t.ok(r.rc == 0 and "3 added" in r.out, "a day-first column's 03/12/2026 imports", r)
t.ok('"Review date" read day first, as 24/11/2026 in row 4 shows' in r.err,
     "said once, naming the cell that shows it", r.err)
t.eq(r.err.count("read day first"), 1, "once only")
t.eq(show(db, 1).get("review_date"), "2026-12-03", "03/12/2026 day first is the 3rd of December")

r = env.run("--db", db, "import",
            sheet("mdy.csv", "Name,Review date\nD,03/12/2026\nE,11/24/2026\n"), db=False)
t.ok(r.rc == 0 and '"Review date" read month first, as 11/24/2026 in row 3 shows' in r.err,
     "a month-first column imports and says so", r)
t.eq(show(db, 4).get("review_date"), "2026-03-12", "03/12/2026 month first is the 12th of March")

r = env.run("--db", db, "import",
            sheet("mix.csv", "Name,Review date\nF,03/12/2026\nG,11/24/2026\nH,24/11/2026\n"), db=False)
t.ok(r.rc != 0 and 'mix.csv:2:' in r.err and "24/11/2026 (row 4) is day first" in r.err
     and "11/24/2026 (row 3) month first" in r.err,
     "a column written both ways is refused, naming a row of each", r)

# A column with no cell that shows its order: refused as before.
r = env.run("--db", db, "import", sheet("none.csv", "Name,Review date\nI,03/12/2026\n"), db=False)
t.ok(r.rc != 0 and "may be 2026-12-03 or 2026-03-12" in r.err, "no order shown: refused", r)

# --- Two tables in one sheet ---------------------------------------------
# The first table's "Branch code" column is empty; the second's third column
# is its phone and its fourth, "Year opened", no field's.
db = env.path("two.db")
r = env.run("--db", db, "import", sheet("two.csv",
            "Name,Email,Branch code\nRiverside Museum,info@rm.example,\nArts Trust,hello@at.example,\n"
            "\nOrganisation,Contact,Phone,Year opened\nScout Hall,Jo Bloggs,01234 567890,1952\n"
            "Food Bank,Sam Smith,01234 000000,2011\n"), db=False)
t.ok(r.rc == 0 and "4 added" in r.out, "both tables import", r)
kept = r.out.split("kept in the notes:")[-1] if "kept in the notes:" in r.out else ""
t.ok('"Year opened"' in kept, "the second table's Year opened is named as kept in the notes", r.out)
t.ok('"Branch code"' not in kept, "the first table's empty Branch code is not, for the second's phones", r.out)
p = show(db, 3)
t.ok(p.get("phone") == "01234 567890" and p.get("notes") == "Year opened: 1952",
     "the second table's row has its phone and its year in the notes", p)
# The second table's title, one cell after a blank row above its header,
# is no partner.
db = env.path("title.db")
r = env.run("--db", db, "import", sheet("title.csv",
            "Name,Email\nA Org,a@a.example\n\nSchools 2027\nOrganisation,Contact,Phone\n"
            "B School,Jo Bloggs,01234 567890\n"), db=False)
t.ok(r.rc == 0 and "2 added" in r.out and "1 skipped" in r.out, "the title is skipped, both tables' rows added", r)
t.ok('title.csv:4: skip "Schools 2027": the title of the table below, not a partner' in r.err,
     "and said so at its row", r.err)
r = env.run("--db", db, "list", "--format", "json", db=False)
t.eq(sorted(p["name"] for p in json.loads(r.out)), ["A Org", "B School"], "no partner called Schools 2027")

# --- Whose phone, whose email ---------------------------------------------
db = env.path("phone.db")
r = env.run("--db", db, "import", sheet("mobile.csv",
            "Organisation,Contact,Email,Mobile,Main phone\n"
            "Food Bank,Sam Smith,info@fb.example,07700 900123,01234 000000\n"
            "Youth Club,Ana Ruiz,hi@yc.example,,01234 222222\n"), db=False)
t.ok(r.rc == 0 and "kept in the notes" not in r.out, "Mobile and Main phone import, none into the notes", r)
p = show(db, 1)
c = (p.get("contacts") or [{}])[0]
t.ok(p.get("phone") == "01234 000000" and c.get("phone") == "07700 900123",
     "the Mobile is the person's, the Main phone the partner's", p)
t.ok(p.get("email") == "info@fb.example" and c.get("email") is None,
     "a plain Email stays the partner's", p)
t.ok('"Email" is taken as the partner\'s email, not the contact person\'s' in r.err
     and '--map "Email=contact_email" makes it theirs' in r.err,
     "and stderr says so, with the --map", r.err)
for hdr, lang in (("Direct line", "en"), ("Handy", "de"), ("Portable", "fr"), ("Móvil", "es")):
    r = env.run("--db", env.path("dl-" + lang + ".db"), "import", sheet("dl-" + lang + ".csv",
                "Organisation,Contact,%s\nArts Trust,Lee Chan,020 7946 0001\n" % hdr), db=False)
    p = show(env.path("dl-" + lang + ".db"), 1)
    c = (p.get("contacts") or [{}])[0]
    t.ok(r.rc == 0 and c.get("phone") == "020 7946 0001" and p.get("phone") is None,
         "a %s column is the contact person's phone" % hdr, p)
r = env.run("--db", env.path("plain.db"), "import", sheet("plain.csv",
            "Organisation,Contact,Contact email,Phone\nScout Hall,Jo Bloggs,jo@scouts.example,01234 567890\n"),
            db=False)
t.ok(r.rc == 0 and '"Phone" is taken as the partner\'s phone' in r.err
     and '--map "Phone=contact_phone"' in r.err, "a plain Phone beside a person is said to be the partner's", r)
r = env.run("--db", env.path("plain2.db"), "import", env.path("plain.csv"), "--map", "Phone=contact_phone",
            db=False)
c = (show(env.path("plain2.db"), 1).get("contacts") or [{}])[0]
t.ok(r.rc == 0 and c.get("phone") == "01234 567890" and "is taken as" not in r.err,
     "and the --map makes it the person's, without a word", r)
t.done()
