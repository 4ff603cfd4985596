"""add, list, show and edit end to end: ids and names, PARTNER resolution
(id, name, prefix, case, ambiguity), every output format parsed back by a
real parser, version-checked edits."""
import csv
import io
import json
import os
import re
import shlex
import sqlite3
import stat
import sys

import yaml

from harness import TAP, Env, added_id

t = TAP()
env = Env(sys.argv[1])
try:
    r = env.run("add", "Riverside Art Museum", "--kind", "museum", "--scale", "macro",
                "--tag", "arts", "--tag", "family", "--audience", "families",
                "--branch", "Main", "--owner", "mgarcia", "--website", "https://r.example.org",
                "--phone", "555-0100", "--email", "info@r.example.org", "--notes", "Free Sundays")
    t.eq(r.rc, 0, "add exits 0")
    t.ok(r.out.startswith("added ") and "Riverside Art Museum" in r.out, "add prints the id and name", r)
    museum = added_id(r)
    t.ok(os.path.exists(env.db), "the database was created")
    t.eq(stat.S_IMODE(os.stat(env.db).st_mode), 0o600, "a new database has mode 0600")

    r = env.run("add", "Riverside Library Friends", "--kind", "friends group")
    t.eq(r.rc, 0, "an unconfigured kind is accepted")
    t.ok("warning" in r.err and "friends group" in r.err, "with a warning on stderr", r)
    friends = added_id(r)

    r = env.run("add", "Harbor Science Center", "--kind", "science center", "--stage", "DATE", "--scale", "micro")
    t.eq(r.rc, 0, "add --stage (any case) exits 0")
    t.ok("(date)" in r.out, "the stage is the configured name", r)
    harbor = added_id(r)

    r = env.run("add", "Nowhere", "--stage", "courtship")
    t.eq(r.rc, 1, "an unknown stage fails")
    t.ok("glance" in r.err and "marriage" in r.err, "listing the stages", r)

    r = env.run("add", "Łódź Sister City Committee", "--kind", "civic group")
    lodz = added_id(r)

    # PARTNER resolution
    def resolves(text, want, what):
        r = env.run("show", text, "--format", "json")
        ok = r.rc == 0 and json.loads(r.out)["id"] == want
        t.ok(ok, what, r)

    resolves(str(harbor), harbor, "PARTNER by id")
    resolves("Harbor Science Center", harbor, "PARTNER by full name")
    resolves("harbor science center", harbor, "PARTNER ignores case")
    resolves("Harb", harbor, "PARTNER by unique prefix")
    resolves("łódź", lodz, "PARTNER folds case beyond ASCII")
    resolves("Riverside Art", museum, "PARTNER by a longer prefix")
    r = env.run("show", "Riverside")
    t.eq(r.rc, 1, "an ambiguous PARTNER fails")
    t.ok("Riverside Art Museum" in r.err and "Riverside Library Friends" in r.err,
         "listing the candidates", r)
    t.eq(r.out, "", "and prints no data")
    r = env.run("show", "Zebra")
    t.eq(r.rc, 1, "an unknown PARTNER fails")
    t.ok(r.err.startswith("partnerdesk: "), "with a message", r)
    r = env.run("show", "9999")
    t.eq(r.rc, 1, "an unknown id fails")

    # list: table
    r = env.run("list")
    t.eq(r.rc, 0, "list exits 0")
    lines = r.out.splitlines()
    t.ok(lines and lines[0].split()[:4] == ["ID", "NAME", "KIND", "STAGE"], "the table has a header", r)
    t.eq(len(lines), 5, "one line per partner plus the header")
    names = [l for l in lines[1:]]
    t.ok(names[0].strip().split()[1] == "Harbor", "sorted by name by default", r)

    # list: json
    r = env.run("list", "--format", "json")
    data = json.loads(r.out)
    t.eq(len(data), 4, "list --format json: an array of every partner")
    m = [p for p in data if p["id"] == museum][0]
    t.eq((m["name"], m["kind"], m["scale"], m["stage"]), ("Riverside Art Museum", "museum", "macro", "glance"),
         "json partner fields")
    t.eq(m["tags"], ["arts", "family"], "json tags")
    t.ok("contacts" not in m and "interactions" not in m and "history" not in m,
         "json list objects carry no nested lists")

    # list: csv
    r = env.run("list", "--format", "csv")
    t.ok("\r\n" in r.out, "csv records end in CRLF (RFC 4180)")
    rows = list(csv.DictReader(io.StringIO(r.out, newline="")))
    t.eq(len(rows), 4, "list --format csv: a row per partner")
    m = [x for x in rows if x["id"] == str(museum)][0]
    t.eq((m["name"], m["kind"], m["stage"], m["tags"]), ("Riverside Art Museum", "museum", "glance", "arts; family"),
         "csv fields parse back")

    # list: yaml
    r = env.run("list", "--format", "yaml")
    data = yaml.safe_load(r.out)
    t.ok(isinstance(data, list) and len(data) == 4, "list --format yaml: a sequence of partners", r)
    m = [p for p in data if p["id"] == museum][0]
    t.eq((m["name"], m["stage"], m["tags"], m["website"]),
         ("Riverside Art Museum", "glance", ["arts", "family"], "https://r.example.org"), "yaml fields parse back")
    t.ok(isinstance(m["created"], str), "yaml times stay strings")

    # filters and sort
    def listed(*args):
        r = env.run("list", "--format", "json", *args)
        return sorted(p["id"] for p in json.loads(r.out)) if r.rc == 0 else r

    t.eq(listed("--stage", "date"), [harbor], "list --stage")
    t.eq(listed("--kind", "museum"), [museum], "list --kind")
    t.eq(listed("--tag", "arts"), [museum], "list --tag")
    t.eq(listed("--search", "SISTER"), [lodz], "list --search ignores case")
    t.eq(listed("--scale", "micro"), [harbor], "list --scale")
    r = env.run("list", "--stage", "courtship")
    t.eq(r.rc, 1, "list --stage with an unknown stage fails")
    r = env.run("list", "--format", "json", "--sort", "stage")
    ids = [p["id"] for p in json.loads(r.out)]
    t.eq(ids[-1], harbor, "--sort stage puts date after glance")
    r = env.run("list", "--format", "json", "--sort", "name", "--reverse")
    t.eq([p["id"] for p in json.loads(r.out)][-1], harbor, "--reverse")
    r = env.run("list", "--search", "nothing-like-this")
    t.ok(r.rc == 0 and r.out == "", "an empty list prints no table", r)

    # show
    r = env.run("show", str(museum))
    t.eq(r.rc, 0, "show (text) exits 0")
    t.ok("Riverside Art Museum" in r.out and "mgarcia" in r.out and "Glance" in r.out, "the card shows the partner", r)
    r = env.run("show", str(museum), "--format", "json")
    j = json.loads(r.out)
    for key in ["id", "name", "kind", "scale", "stage", "tags", "contacts", "interactions", "history",
                "audiences", "branches", "website", "review_date", "agreements", "fit", "goals",
                "version", "created", "updated"]:
        t.ok(key in j, "show json has %s" % key)
    t.eq(j["history"][0]["to"], "glance", "history starts at the first stage")
    t.eq(j["history"][0]["from"], None, "the first history row has no from")
    t.ok(j["created"].endswith("Z") and "T" in j["created"], "times are ISO 8601 UTC")
    r = env.run("show", str(museum), "--format", "yaml")
    y = yaml.safe_load(r.out)
    t.eq(y, j, "show yaml and json carry the same record")

    # edit
    r = env.run("edit", str(museum), "--name", "Riverside Museum of Art", "--add-tag", "free",
                "--remove-tag", "family", "--website", "", "--fiscal-month", "jul",
                "--add-audience", "seniors", "--remove-branch", "Main", "--add-branch", "Eastside",
                "--mission", "Art for all")
    t.eq(r.rc, 0, "edit exits 0")
    t.ok("version 2" in r.out, "edit prints the new version", r)
    j = json.loads(env.run("show", str(museum), "--format", "json").out)
    t.eq(j["name"], "Riverside Museum of Art", "edit --name")
    t.eq(sorted(j["tags"]), ["arts", "free"], "edit --add-tag/--remove-tag")
    t.eq(j["website"], None, "an empty value clears a field")
    t.eq(j["fiscal_month"], 7, "--fiscal-month takes a month name")
    t.eq(sorted(j["audiences"]), ["families", "seniors"], "--add-audience")
    t.eq(j["branches"], ["Eastside"], "--remove-branch/--add-branch")
    t.eq(j["mission"], "Art for all", "--mission")
    t.eq(j["stage"], "glance", "edit leaves the stage alone")

    r = env.run("edit", str(museum), "--if-version", "1", "--owner", "jchen")
    t.eq(r.rc, 1, "an edit against an old version fails")
    t.ok("conflict" in r.err.lower(), "and says it is a conflict", r)
    j2 = json.loads(env.run("show", str(museum), "--format", "json").out)
    t.eq(j2["owner"], "mgarcia", "and changes nothing")
    r = env.run("edit", str(museum), "--if-version", str(j2["version"]), "--owner", "jchen")
    t.eq(r.rc, 0, "an edit against the current version succeeds")
    r = env.run("edit", "Nobody", "--owner", "x")
    t.eq(r.rc, 1, "edit of an unknown partner fails")
    r = env.run("edit", str(museum), "--name", "")
    t.eq(r.rc, 2, "an empty --name is a usage error")

    # A rename to a name another partner has warns as add does.
    g = added_id(env.run("add", "Gallery G"))
    dup = added_id(env.run("add", "dup one"))
    r = env.run("add", "gallery  g")
    t.ok(r.rc == 0 and "a partner with this name already exists (id %d)" % g in r.err,
         "add warns of a name in use", r)
    t.eq(env.run("delete", str(added_id(r)), "--force").rc, 0, "(that second one deleted)")
    r = env.run("edit", "dup one", "--name", "Gallery G")
    t.ok(r.rc == 0 and "updated %d" % dup in r.out and
         "a partner with this name already exists (id %d)" % g in r.err,
         "edit --name to a name in use warns the same words", r)
    r = env.run("edit", str(dup), "--name", "dup one", "--owner", "x")
    t.ok(r.rc == 0 and "warning" not in r.err, "a name nobody else has draws no warning", r)
    r = env.run("edit", str(g), "--name", "GALLERY G")
    t.ok(r.rc == 0 and "warning" not in r.err, "nor does renaming a partner to its own name", r)

    # The review date: set (a review settled without a move), past with a
    # warning, cleared; a word that is not a date is a usage error.
    r = env.run("edit", str(museum), "--review", "2027-03-01")
    j = json.loads(env.run("show", str(museum), "--format", "json").out)
    t.ok(r.rc == 0 and j.get("review_date") == "2027-03-01", "edit --review sets the review date", (r, j))
    r = env.run("edit", str(museum), "--review", "2020-01-06")
    t.ok(r.rc == 0 and "review date 2020-01-06 is already past" in r.err, "a past review date is set, with a warning", r)
    r = env.run("agenda", "--format", "json")
    t.ok(r.rc == 0 and "2020-01-06" in r.out, "and the partner is on the agenda for review", r)
    r = env.run("edit", str(museum), "--fiscal-month", "oct")
    t.ok(r.rc == 0 and "warning" not in r.err,
         "an edit of another field does not warn again of the past review date it left alone", r)
    r = env.run("edit", str(museum), "--fiscal-month", "jui")
    t.ok(r.rc != 0 and "'jui' could be juin or juillet" in r.err,
         "--fiscal-month jui is refused naming the two months it could be", r)
    r = env.run("edit", str(museum), "--review", "")
    j = json.loads(env.run("show", str(museum), "--format", "json").out)
    t.ok(r.rc == 0 and not j.get("review_date") and "warning" not in r.err, "an empty --review clears it", (r, j))
    # At an end state a review date is on no agenda: refused as move
    # --review to a stage with no review period is (same words, status 1).
    gone = added_id(env.run("add", "Closed Gallery"))
    t.eq(env.run("move", str(gone), "dissolved").rc, 0, "(moved to dissolved)")
    before = json.loads(env.run("show", str(gone), "--format", "json").out)
    r = env.run("edit", str(gone), "--review", "2027-03-01")
    t.ok(r.rc == 1 and r.err.startswith("partnerdesk: --review: Dissolved has no review period, so a "
                                         "partner there keeps no review date; leave out --review\n"),
         "edit --review on a dissolved partner is refused, saying why", r)
    r = env.run("edit", str(gone), "--name", "Gallery G", "--review", "2027-03-01")
    t.ok(r.rc == 1 and "already exists" not in r.err,
         "a refused rename does not warn of a name in use", r)
    r = env.run("add", "Gallery G", "--stage", "marriage")
    t.ok(r.rc != 0 and "already exists" not in r.err, "nor does a refused add", r)
    r = env.run("edit", str(gone), "--owner", "x", "--review", "+1w")
    after = json.loads(env.run("show", str(gone), "--format", "json").out)
    t.ok(r.rc == 1 and after == before, "and nothing of the edit is stored", (r, after))
    r = env.run("edit", str(gone), "--review", "")
    t.ok(r.rc == 0, "an empty --review (clearing) is still taken there", r)
    # One kept from before the rule (an old desk, a backup) is not shown
    # as if it applied; the record (JSON) still holds it.
    with sqlite3.connect(env.db) as c:
        c.execute("UPDATE partners SET review_date = '2027-03-01' WHERE id = ?", (gone,))
    r = env.run("show", str(gone))
    t.ok(r.rc == 0 and "stage        Dissolved\n" in r.out and "review by" not in r.out,
         "show at dissolved does not show a kept review date as if it applied", r)
    j = json.loads(env.run("show", str(gone), "--format", "json").out)
    t.eq(j.get("review_date"), "2027-03-01", "show --format json keeps it as stored")
    r = env.run("show", str(museum))
    t.ok(r.rc == 0 and "review by" not in r.out, "(the museum has none)", r)
    env.run("edit", str(museum), "--review", "2027-04-01")
    r = env.run("show", str(museum))
    t.ok(r.rc == 0 and "(review by 2027-04-01)" in r.out, "at an active stage the review date shows", r)
    r = env.run("edit", str(museum), "--review", "someday")
    t.ok(r.rc == 2 and "--review: \"someday\" is not a date" in r.err, "a word that is not a date is a usage error", r)

    # The suggestion for a name nobody has is a command that can be
    # copied as it is: the name quoted for the shell.
    r = env.run("show", "Friends of the O'Neill Library")
    t.eq(r.rc, 1, "show of an unknown name with spaces fails")
    m = re.search(r"try `partnerdesk (list --search [^`]*)`", r.err)
    t.ok(m is not None, "and suggests a list --search", r)
    if m:
        try:
            words = shlex.split(m.group(1))
        except ValueError as e:   # an unquoted O'Neill: no closing quotation
            words = [str(e)]
        t.eq(words, ["list", "--search", "Friends of the O'Neill Library"],
             "the suggested command reads back as one search word")
        t.eq(env.run(*words).rc, 0, "and runs as it is")
finally:
    env.cleanup()
t.done()
