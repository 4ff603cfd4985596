"""partnerdesk import reading a spreadsheet headed in Welsh, French, German
or Spanish (as a localized Excel or Google Sheets exports it): every column
lands in its field, accented headers read as the plain ones, nothing left
over in the notes but the notes."""
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

try:
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
