"""A sheet headed in Welsh, French, German or Spanish gives each partner
its fiscal-year start, review date, scale and stage from the columns its
own language heads so ("Début de l'exercice", "Dechrau'r flwyddyn
ariannol", "Date de révision", "Échelle", "Étape"), as the English
"Fiscal year start" does; they went into the notes unread, and the
partners had no fiscal month though the month cells are read."""
import json
import sys

from harness import TAP, Env

t = TAP()
env = Env(sys.argv[1])

SHEETS = {
    "fr": ("Nom;Début de l'exercice;Date de révision;Échelle;Étape;Remarques\n"
           "Musée des Beaux-Arts;Octobre;2027-01-15;macro;glance;visites scolaires\n"),
    "cy": ("Enw'r sefydliad,Dechrau'r flwyddyn ariannol,Dyddiad adolygu,Graddfa,Nodiadau\n"
           "Canolfan Gymunedol Penparcau,hydref,2027-01-15,macro,gweithdy darllen\n"),
    "de": ("Einrichtung;Beginn des Geschäftsjahres;Wiedervorlage;Stufe;Notizen\n"
           "Volkshochschule Köln;Okt.;2027-01-15;glance;Leseförderung\n"),
    "es": ("Organización;Inicio del ejercicio;Fecha de revisión;Escala;Etapa;Notas\n"
           "Asociación Vecinal;octubre;2027-01-15;macro;glance;club de lectura\n"),
    "en": ("Organisation,Financial year start,Review date,Scale,Notes\n"
           "Riverside Museum,Oct,2027-01-15,macro,school visits\n"),
}

for lang, text in SHEETS.items():
    db = env.path(lang + ".db")
    sheet = env.path(lang + ".csv")
    with open(sheet, "w", encoding="utf-8") as f:
        f.write(text)
    r = env.run("--db", db, "import", sheet, db=False)
    t.ok(r.rc == 0 and "1 added" in r.out + r.err, lang + ": the sheet imports", r)
    r = env.run("--db", db, "show", "1", "--format", "json", db=False)
    p = json.loads(r.out) if r.rc == 0 else {}
    t.ok(p.get("fiscal_month") == 10, lang + ": its fiscal year starts in October", r)
    t.ok(p.get("review_date") == "2027-01-15", lang + ": its review date is read", r)
    if lang != "de":
        t.ok(p.get("scale") == "macro", lang + ": its scale is read", r)
    notes = p.get("notes") or ""
    t.ok("\n" not in notes and ":" not in notes,
         lang + ": the notes hold the notes only, no column kept unread", notes)
t.done()
