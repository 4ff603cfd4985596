"""A librarian's sheet as a French Excel saves it: a sep=; line, Windows-1252,
a Notes cell with line breaks, empty trailing columns, a total row at the
bottom and a second list pasted below the first with its own header. The
total row is no partner; the second header is read as one (its rows by its
columns), a repeated header is not imported, and a partner that is really
called Total, with a phone number, still is."""
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env  # noqa: E402

t = TAP()
env = Env(sys.argv[1])
try:
    rows = [
        "sep=;",
        "Organisation;Type;Contact;Contact email;Téléphone;Notes;Dernier contact;;",
        'Musée des Beaux-Arts;museum;Camille Le Goff;camille@mba.example;02 99 28 55 85;'
        '"Visites le mardi\nRappeler en mars";03/04/2025;;',
        "Total;;;;01 47 44 45 46;;;;",
        "Organisation;Type;Contact;Contact email;Téléphone;Notes;Dernier contact;;",
        "Jardin botanique;botanical garden;Jean Durand;jd@jardin.example;;;15/11/2024;;",
        "Total;3;;;;;;;",
        ";;;;;;;;",
        "Organisation;Contact;Contact email;Notes;;;;;",
        "Archives municipales;Paul Roux;paul@archives.example;Fonds photo;;;;;",
        "Library;Contact;library@example.org;;;;;;",
    ]
    sheet = env.path("partenaires.csv")
    with open(sheet, "wb") as f:
        f.write(("\r\n".join(rows) + "\r\n").encode("cp1252"))

    r = env.run("import", sheet, "--dry-run")
    t.ok(r.rc == 0 and "partenaires.csv:7: skip \"Total\": a total row, not a partner\n" in r.out,
         "dry run: the total row is skipped, row by row in the plan", r)
    t.ok("partenaires.csv:5: the header again; not imported\n" in r.out,
         "a repeated header is said and not imported", r)
    t.ok("partenaires.csv:9: a header again (Organisation, Contact, Contact email, Notes): "
         "the rows below are read by it\n" in r.out, "a second header is said in the plan", r)
    t.ok('partenaires.csv:10: add "Archives municipales" with contact "Paul Roux"\n' in r.out,
         "the second list's rows are read by its own columns", r)
    t.ok(r.out.endswith("dry run, nothing written: 5 added, 0 merged, 1 skipped, 0 failed; kept in the notes:\n"
                       "  \"Dernier contact\"\n"),
         "the summary counts the total row as skipped (the one called Total with a phone is a partner)",
         r)

    r = env.run("import", sheet)
    t.ok(r.rc == 0, "the import goes in", r)
    got = {p["name"]: p for p in json.loads(env.run("list", "--format", "json").out)}
    t.eq(sorted(got), ["Archives municipales", "Jardin botanique", "Library", "Musée des Beaux-Arts", "Total"],
         "no partner is made of a total row or a header; a partner called Library, whose cells read as "
         "column names but for an email address, is a row")
    arch = json.loads(env.run("show", "Archives", "--format", "json").out)
    t.eq((arch["notes"], [c["name"] for c in arch["contacts"]], arch["contacts"][0]["email"]),
         ("Fonds photo", ["Paul Roux"], "paul@archives.example"),
         "the second list's contact, email and notes land in their fields")
    t.eq(got["Total"]["phone"], "01 47 44 45 46", "a partner called Total keeps its phone")

    # A total row wider than its header: the cells past the header are in
    # no column (total_row read the header's columns past their end).
    ragged = env.path("ragged.csv")
    with open(ragged, "w") as f:
        f.write("Name\nLibrary\nTotal," + ",".join(str(i) for i in range(1, 21)) + "\n")
    r = env.run("import", ragged, "--dry-run")
    t.ok(r.rc == 0 and 'ragged.csv:3: skip "Total": a total row, not a partner\n' in r.out,
         "a total row wider than its header is skipped", r)
    valgrind = shutil.which("valgrind")
    # A sanitizer build has read it under AddressSanitizer above, and
    # valgrind cannot run a program ASan instruments.
    sanitized = b"__asan_init" in open(env.exe, "rb").read()
    if sanitized:
        t.ok(True, "# SKIP an AddressSanitizer build checked the read itself")
    elif valgrind:
        p = subprocess.run([valgrind, "-q", "--error-exitcode=99", env.exe, "--db", env.db,
                            "import", ragged, "--dry-run"], env=env.env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=120)
        t.ok(p.returncode == 0, "valgrind finds no error reading it",
             p.stderr.decode("utf-8", "replace")[-2000:])
    else:
        t.ok(True, "# SKIP valgrind is not installed")
finally:
    env.cleanup()
t.done()
