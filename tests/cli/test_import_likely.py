"""An imported row that --on-duplicate lets in as a new partner (its name
is not one the desk holds) but that the desk likely holds already, by the
rules merge and check go by (a similar name, the same website host or
email domain), is named on its row: in a dry run's plan, under its add
line, and in the import's messages, with the partner it looks like and
the merge that puts it right; the summary counts them. The same name is
--on-duplicate's; rows alike within the file are not looked for; a domain
many partners hold (a council's) says nothing. An organisation's vCard
(KIND:org) is looked at as a row is."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env  # noqa: E402

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")

t = TAP()
env = Env(sys.argv[1])
try:
    wales = os.path.join(DATA, "csv", "libraries_wales.csv")
    r = env.run("import", wales)
    t.ok(r.rc == 0, "the Welsh libraries, to import beside", r)
    t.ok("look like partners already here" not in r.out + r.err, "rows alike in one file are not said", r)
    r = env.run("add", "Mus\u00e9e des Beaux-Arts")
    t.ok(r.rc == 0, "a partner added by hand", r)

    new = env.path("new.csv")
    with open(new, "w", encoding="utf-8") as f:
        f.write("Name,Email,Website,Phone\n"
                "Musee des Beaux Arts,,,04 72 10 17 40\n"
                "The Aberaeron Library,,,01545 570382\n"
                "Friends of Taibach,,https://www.taibachlibrary.org.uk/friends,\n"
                "Anglesey Reading Group,readers@anglesey.gov.uk,,\n"
                "Brand New Partner,,,\n"
                "Amlwch Library,,,\n")
    r = env.run("import", new, "--dry-run", "--on-duplicate", "new")
    t.ok(r.rc == 0, "dry run", r)
    lines = r.out.splitlines()
    def under(row):
        for i, line in enumerate(lines):
            if line.startswith(new + ":%d: add " % row):
                return lines[i + 1:i + 3]
        return []
    t.ok(under(2) and under(2)[0].startswith("    likely the same as #266 \"Mus\u00e9e des Beaux-Arts\" (similar name)"),
         "a similar name: the partner it looks like, under the add line", r.out)
    t.eq(under(2)[1] if len(under(2)) > 1 else "",
         "    --on-duplicate does not merge it: partnerdesk merge after, or fix the name",
         "and what to do about it")
    t.ok(under(3) and under(3)[0].startswith("    likely the same as #69 \"Aberaeron Library\" (similar name)"),
         "an article aside: similar", r.out)
    t.ok(under(4) and under(4)[0].startswith("    likely the same as #139 \"Taibach Library\" (same website)"),
         "the same website host", r.out)
    t.ok(not under(5) or "likely" not in under(5)[0], "a council's domain, many partners', says nothing", r.out)
    t.ok(not under(6) or "likely" not in under(6)[0], "a new name: nothing", r.out)
    t.ok(not under(7) or "likely" not in under(7)[0], "the same name, let in by --on-duplicate new: not again", r.out)
    t.ok(all(len(line) <= 80 for line in lines if line.startswith("    ")), "each plan line fits 80 columns", r.out)
    t.ok("dry run, nothing written: 6 added, 0 merged, 0 skipped, 0 failed; 3 added that look like "
         "partners already here: see above" in r.out, "the summary counts them", r.out)

    r = env.run("import", new)
    t.ok(r.rc == 0, "the import", r)
    t.ok("partnerdesk: %s:2: added \"Musee des Beaux Arts\" as #267, likely the same as #266 "
         "\"Mus\u00e9e des Beaux-Arts\" (similar name); --on-duplicate does not merge it: "
         "partnerdesk merge 267 266 if so, or fix the name" % new in r.err, "said as it is added", r.err)
    t.eq(r.out.strip(), "5 added, 0 merged, 1 skipped, 0 failed; 3 added that look like partners already "
         "here: see check", "counted in the summary")
    r = env.run("check")
    t.ok("#266 Mus\u00e9e des Beaux-Arts and #267 Musee des Beaux Arts (similar name)" in r.out,
         "where check lists them", r.out)

    # An organisation's card goes the same way.
    vcf = env.path("orgs.vcf")
    with open(vcf, "w", encoding="utf-8", newline="") as f:
        f.write("BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Taibach Library Ltd\r\n"
                "ORG:Taibach Library Ltd\r\nEND:VCARD\r\n")
    r = env.run("import", vcf, "--dry-run")
    t.ok(r.rc == 0 and "    likely the same as #139 \"Taibach Library\" (similar name)" in r.out
         and "1 added that looks like a partner already here: see above" in r.out,
         "a KIND:org card: said under its add line, counted", r)

    # A domain four partners hold: with the row, five, as many as still
    # count, and check pairs the row with each. The row, stored before it
    # is looked at, was counted twice (itself, and again as the one
    # asked about), so the import said nothing of what check then listed.
    for i in range(1, 5):
        t.eq(env.run("add", "Cyngor Department %d" % i, "--email", "desk%d@cyngor.example" % i).rc, 0,
             "a partner on the council's domain")
    council = env.path("council.csv")
    with open(council, "w", encoding="utf-8") as f:
        f.write("Name,Email\nArchifau Cyngor,archifau@cyngor.example\n")
    r = env.run("import", council, "--dry-run")
    t.ok(r.rc == 0 and "(same email domain) (and 3 more)" in r.out
         and "1 added that looks like a partner already here" in r.out,
         "a domain four partners hold, five with the row: said, as check would pair them", r)
    r = env.run("import", council)
    r = env.run("check")
    t.ok(r.out.count("Archifau Cyngor (same email domain)") == 4, "check pairs it with all four", r)

    # Five partners by names like the row's: the one named, and four more,
    # all of them; it said three more, the most a list of four could hold,
    # and a desk's same-named came first and could fill it.
    for name in ("Theatr Fach", "Y Theatr Fach", "Theatr Fach Cyf", "Theatr Fach Ltd", "Yr Theatr Fach"):
        t.eq(env.run("add", name).rc, 0, "added " + name)
    fach = env.path("fach.csv")
    with open(fach, "w", encoding="utf-8") as f:
        f.write("Name\nTheatr Fach Limited\n")
    r = env.run("import", fach, "--dry-run")
    t.ok(r.rc == 0 and "(similar name) (and 4 more)" in r.out, "every other partner alike is counted", r)
finally:
    env.cleanup()
t.done()
