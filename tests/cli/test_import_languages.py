"""partnerdesk import reading a spreadsheet headed in Welsh, French, German
or Spanish (as a localized Excel or Google Sheets exports it): every column
lands in its field, accented headers read as the plain ones, nothing left
over in the notes but the notes; and the person's columns headed as those
languages head them (owner after the field, the name in two halves)."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env  # noqa: E402

REPO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
CSV = os.path.join(REPO, "tests", "data", "csv")

t = TAP()
env = Env(sys.argv[1])

# Per file: the partner's fields, then its one contact person's.
WANT = {
    "cy": ({"name": "Canolfan Gymunedol Penparcau", "email": "post@penparcau.example",
            "phone": "01970 600100", "website": "https://penparcau.example",
            "address": "Heol y Llan, SY23 3TA", "notes": "Gweithdy darllen bob dydd Sadwrn"},
           {"name": "Siân Jones", "title": "Swyddog Cymunedol", "email": None}),
    "fr": ({"name": "Musée des Beaux-Arts", "email": "accueil@musee.example",
            "phone": "+33 2 31 00 00 00", "website": "https://musee.example", "kind": "museum",
            "address": "Rue Jean Eudes, 14000, Caen", "notes": "Visites contées le mercredi"},
           {"name": "Élodie Martin", "title": "Chargée des publics", "email": None}),
    "de": ({"name": "Volkshochschule Köln", "email": "info@vhs.example",
            "phone": "+49 221 000000", "website": "https://vhs.example", "kind": "college",
            "address": "Cäcilienstraße 35, 50667, Köln", "notes": "Leseförderung für Erwachsene"},
           {"name": "Jürgen Weiß", "title": "Fachbereichsleiter", "email": "j.weiss@vhs.example"}),
    "es": ({"name": "Asociación Vecinal La Latina", "email": "info@latina.example",
            "phone": "+34 910 000 000", "website": "https://latina.example", "kind": "civic group",
            "address": "Calle de Toledo 1, Madrid", "notes": "Club de lectura los jueves"},
           {"name": "María Núñez", "title": "Coordinadora", "email": None}),
}

# The person's fields headed with the owner after the field ("Courriel du
# contact", "Email of contact"), the person's name in two halves ("Prénom"
# and "Nom", "Vorname" and "Name", "Nombre" and "Apellidos"), typographic
# apostrophes in headers ("Nom de l’organisation", "Partner’s website"):
# all of it in its fields, none of it in the notes.
CONTACTS = {
    "fr": ({"name": "Maison des Jeunes et de la Culture de Lannion", "email": "accueil@mjc-lannion.example",
            "website": "https://mjc-lannion.example", "address": "Place du Marchallac’h, Lannion",
            "notes": None},
           {"name": "Camille Le Goff", "title": "Animatrice jeunesse", "email": "c.legoff@mjc-lannion.example",
            "phone": "+33 2 96 00 00 01"}),
    "de": ({"name": "Familienzentrum Nordstadt", "email": "info@fz-nordstadt.example",
            "website": "https://fz-nordstadt.example", "notes": None},
           {"name": "Anke Schröder", "title": "Leitung", "email": "a.schroeder@fz-nordstadt.example",
            "phone": "+49 511 0000 01"}),
    "es": ({"name": "Asociación Cultural Barrio del Pilar", "email": "info@barriodelpilar.example",
            "website": "https://barriodelpilar.example", "notes": None},
           {"name": "Lucía Fernández Ortega", "title": "Secretaria",
            "email": "lucia.fernandez@barriodelpilar.example", "phone": "+34 910 000 001"}),
    "en": ({"name": "Riverside Men’s Shed", "email": "hello@riverside-shed.example",
            "website": "https://riverside-shed.example", "notes": None},
           {"name": "Dafydd Price", "email": "dafydd@riverside-shed.example", "phone": "07700 900123"}),
}

try:
    for lang, (partner, person) in CONTACTS.items():
        path = os.path.join(CSV, "contacts-%s.csv" % lang)
        db = env.path("contacts-%s.db" % lang)
        r = env.run("--db", db, "import", path, db=False)
        t.ok(r.rc == 0 and r.out.strip() == "1 added, 0 merged, 0 skipped, 0 failed",
             "contacts-%s.csv: its one partner added" % lang, r)
        s = env.run("--db", db, "show", partner["name"], "--format", "json", db=False)
        try:
            shown = json.loads(s.out)
        except ValueError:
            shown = {}
        for field, want in partner.items():
            t.eq(shown.get(field), want, "contacts-%s: %s" % (lang, field))
        people = shown.get("contacts") or []
        t.ok(len(people) == 1, "contacts-%s: one contact person" % lang, people)
        for field, want in person.items():
            t.eq(people[0].get(field) if people else "(none)", want, "contacts-%s: contact %s" % (lang, field))

    # Prénom and Nom with no organisation column: a list of people, which
    # no partner is named after; said, naming what Nom was read as.
    path = env.path("people-fr.csv")
    with open(path, "w", newline="") as f:
        f.write("Prénom,Nom,Courriel\r\nCamille,Le Goff,c.legoff@example.org\r\n")
    r = env.run("--db", env.path("people.db"), "import", path, db=False)
    t.ok(r.rc == 1 and "no column holds the partner's name" in r.err
         and '"Nom" is read as a person\'s last name' in r.err, "Prénom, Nom alone: refused, saying why", r)
    # Nom alone is the partner's name, as before.
    with open(path, "w", newline="") as f:
        f.write("Nom,Courriel\r\nMédiathèque de Lannion,contact@example.org\r\n")
    r = env.run("--db", env.path("nom.db"), "import", path, db=False)
    t.ok(r.rc == 0 and "1 added" in r.out, "Nom alone: the partner's name", r)

    for lang, (partner, person) in WANT.items():
        path = os.path.join(CSV, "headers-%s.csv" % lang)
        db = env.path("%s.db" % lang)
        r = env.run("--db", db, "import", path, db=False)
        t.ok(r.rc == 0 and r.out.strip() == "1 added, 0 merged, 0 skipped, 0 failed",
             "headers-%s.csv: its one partner added" % lang, r)
        s = env.run("--db", db, "show", partner["name"], "--format", "json", db=False)
        try:
            shown = json.loads(s.out)
        except ValueError:
            shown = {}
        for field, want in partner.items():
            t.eq(shown.get(field), want, "%s: %s" % (lang, field))
        people = shown.get("contacts") or []
        t.ok(len(people) == 1, "%s: one contact person" % lang, people)
        for field, want in person.items():
            t.eq(people[0].get(field) if people else "(none)", want, "%s: contact %s" % (lang, field))
finally:
    env.cleanup()

t.done()
