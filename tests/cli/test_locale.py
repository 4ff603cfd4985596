"""Imports, exports and typed words under a Turkish locale, where the C
library's case mapping is not ASCII's (toupper('i') is 'i'): vCard names
and parameters in lower case, a CSV's "EMAIL" column with MAILTO: cells,
a vCard file found by its contents, --format/--encoding words and a
weekday all read as they do in the C locale. Skipped, with the reason,
when no tr_TR.UTF-8 locale can be built here."""
import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env, turkish_locale  # noqa: E402

loc_dir = tempfile.mkdtemp(prefix="pd-locale-")
try:
    TR, why = turkish_locale(loc_dir)
    if TR is None:
        print("1..0 # SKIP no Turkish locale to test under: %s" % why)
        sys.exit(0)

    t = TAP()
    env = Env(sys.argv[1])
    try:
        def both(name, *args):
            """Runs args on a database of its own under C.UTF-8 and under
            tr_TR.UTF-8; returns the two results and database paths."""
            out = []
            for tag, e in (("c", None), ("tr", TR)):
                db = env.path("%s-%s.db" % (name, tag))
                out.append((env.run("--db", db, *args, db=False, env=e), db))
            return out

        def partner(db, name, e=None):
            r = env.run("--db", db, "show", name, "--format", "json", db=False, env=e)
            return json.loads(r.out) if r.rc == 0 else None

        def shape(p):
            """What the import made, without the clock's part."""
            if p is None:
                return None
            drop = ("created", "updated", "history")
            q = {k: v for k, v in p.items() if k not in drop}
            q["contacts"] = [{k: v for k, v in c.items() if k not in drop} for c in p["contacts"]]
            return q

        # RFC 6350 3.3: names and parameters are case-insensitive (in
        # ASCII). Every name here holds an 'i' or is spelled with one.
        vcf = ("begin:vcard\r\nversion:3.0\r\nfn:Ada Lovelace\r\norg:City Museum\r\n"
               "title:Director\r\nemail;type=internet,pref:MAILTO:ada@museum.org\r\n"
               "tel;type=work:tel:+44 20 7946 0000\r\n"
               "note;encoding=quoted-printable:caf=C3=A9 on Fridays\r\n"
               "categories:education,family\r\nend:vcard\r\n"
               "begin:vcard\r\nversion:3.0\r\nkind:ORGANIZATION\r\nfn:Science Library\r\n"
               "email:info@science.example\r\nend:vcard\r\n")
        # The categories go into Ada's notes, and the summary says so.
        SUMMARY = "3 added, 0 merged, 0 skipped, 0 failed; kept in the notes of 1 card: other details"
        for name in ("lower.vcf", "lower.dat"):
            with open(env.path(name), "w", newline="") as f:
                f.write(vcf)

        (rc, dbc), (rt, dbt) = both("vcf", "import", env.path("lower.vcf"))
        t.eq((rc.rc, rc.out.strip()), (0, SUMMARY),
             "vCard in lower case, C locale: imported")
        t.eq((rt.rc, rt.out.strip(), rt.err), (0, SUMMARY, ""),
             "vCard in lower case, tr_TR: imported, nothing refused")
        museum = partner(dbt, "City Museum", TR)
        ada = museum["contacts"][0] if museum and museum["contacts"] else {}
        t.eq((ada.get("name"), ada.get("title"), ada.get("email"), ada.get("phone")),
             ("Ada Lovelace", "Director", "ada@museum.org", "+44 20 7946 0000"),
             "tr_TR: title:, email;type=internet (MAILTO: dropped) and tel: read")
        notes = ada.get("notes") or ""
        t.ok("caf\u00e9 on Fridays" in notes and "education; family" in notes,
             "tr_TR: encoding=quoted-printable decoded, categories: kept", notes)
        lib = partner(dbt, "Science Library", TR)
        t.ok(lib is not None and lib["email"] == "info@science.example" and not lib["contacts"],
             "tr_TR: kind:ORGANIZATION makes the card a partner", lib)
        for name in ("City Museum", "Science Library"):
            t.eq(shape(partner(dbt, name, TR)), shape(partner(dbc, name)),
                 "%s: the same under tr_TR as under C" % name)

        # No .vcf: the contents ("begin:vcard") say what the file is.
        r = env.run("--db", env.path("dat.db"), "import", env.path("lower.dat"), db=False, env=TR)
        t.eq((r.rc, r.out.strip()), (0, SUMMARY),
             "tr_TR: a vCard file without .vcf is known by its begin:vcard")

        csv = ("Name,EMAIL,Contact,Contact Email,Phone\n"
               "Zoo Trust,MAILTO:info@zoo.example,Pat Lee,Mailto:pat@zoo.example?subject=Hi,"
               "TEL:+1 555 0100\n")
        with open(env.path("zoo.csv"), "w") as f:
            f.write(csv)
        (rc, dbc), (rt, dbt) = both("csv", "import", env.path("zoo.csv"))
        t.eq((rt.rc, rt.out.strip()), (0, "1 added, 0 merged, 0 skipped, 0 failed"),
             "CSV, tr_TR: imported")
        zoo = partner(dbt, "Zoo Trust", TR) or {"contacts": []}
        pat = zoo["contacts"][0] if zoo["contacts"] else {}
        t.eq((zoo.get("email"), zoo.get("phone"), pat.get("email")),
             ("info@zoo.example", "+1 555 0100", "pat@zoo.example"),
             "CSV, tr_TR: MAILTO:, Mailto: and TEL: taken off the cells")
        t.eq(shape(partner(dbt, "Zoo Trust", TR)), shape(partner(dbc, "Zoo Trust")),
             "CSV: the same under tr_TR as under C")

        r = env.run("--db", env.path("enc.db"), "import", env.path("zoo.csv"),
                    "--encoding", "WINDOWS-1252", db=False, env=TR)
        t.eq((r.rc, r.out.strip()), (0, "1 added, 0 merged, 0 skipped, 0 failed"),
             "tr_TR: --encoding WINDOWS-1252 is a word it knows")

        ics = env.path("AGENDA.ICS")
        r = env.run("--db", dbt, "export", "-o", ics, db=False, env=TR)
        with open(ics, "rb") as f:
            head = f.read(15)
        t.ok(r.rc == 0 and head == b"BEGIN:VCALENDAR", "tr_TR: export -o AGENDA.ICS writes iCalendar",
             "%r\nfile starts %r" % (r, head))
        r = env.run("--db", dbt, "export", "--format", "ICS", db=False, env=TR)
        t.ok(r.rc == 0 and r.out.startswith("BEGIN:VCALENDAR"), "tr_TR: --format ICS", r)

        r = env.run("--db", dbt, "log", "Zoo Trust", "--follow-up", "FRI", "called", db=False, env=TR)
        t.eq(r.rc, 0, "tr_TR: --follow-up FRI is a weekday")
    finally:
        env.cleanup()
    t.done()
finally:
    shutil.rmtree(loc_dir, ignore_errors=True)
