"""merge and delete end to end: a partner typed twice put into the one
kept (every person, log entry, move and agreement moved as it was, fields
filled only where empty, notes appended, the search finding the moved log
text), --dry-run writing nothing, FROM == INTO and ambiguous names refused,
delete refusing a partner that holds anything (saying what, pointing to
merge) unless --force, exit codes, and check clean after each; check
listing the partners likely the same with a merge that runs in sh, not
the branch libraries of one council (libraries_wales.csv); names
of 200 characters printed whole by both."""
import json
import os
import sqlite3
import subprocess
import sys

from harness import TAP, Env, added_id

t = TAP()
env = Env(sys.argv[1])


def show(pid):
    return json.loads(env.run("show", str(pid), "--format", "json").out)


def moved(rows):
    """What a row holds, its partner aside (show's JSON has none)."""
    return [json.dumps(r, sort_keys=True) for r in rows]


try:
    into = added_id(env.run("add", "Museum of Art", "--kind", "museum", "--website", "https://moa.example.org",
                            "--tag", "art", "--notes", "Ana prefers mornings."))
    frm = added_id(env.run("add", "Musuem of Art", "--website", "https://typo.example.org",
                           "--phone", "555-0100", "--address", "1 Art Way", "--tag", "Art", "--tag", "science",
                           "--notes", "Parking behind the building."))
    other = added_id(env.run("add", "Museum of Science"))
    env.run("contact", "add", "Museum of Art", "Ana Lopez")
    env.run("log", "Museum of Art", "--channel", "phone", "first call")
    t.eq(env.run("contact", "add", "Musuem", "Bo Chenowith", "--email", "bo@example.org").rc, 0, "a person at FROM")
    t.eq(env.run("log", "Musuem", "--channel", "visit", "--contact", "Bo", "--follow-up", "2099-01-05",
                 "zebrafish workshop planned").rc, 0, "a log entry at FROM")
    t.eq(env.run("move", "Musuem", "date", "--reason", "typed twice").rc, 0, "FROM moved on")
    before = show(frm)
    into_before = show(into)

    r = env.run("merge", "Musuem", "Museum of Art", "--dry-run")
    t.eq(r.rc, 0, "--dry-run succeeds")
    t.ok(r.out.startswith("would merge %d: Musuem of Art into %d: Museum of Art (dry run: nothing written)"
                          % (frm, into)), "--dry-run says it writes nothing", r)
    t.ok("would move: 1 person, 1 log entry, 1 stage move (into the notes)" in r.out, "and what would move", r)
    t.ok("  Museum of Art keeps its stage, Glance; Musuem of Art is at Date (merge the other way to keep Date)\n"
         in r.out, "and that INTO keeps its own stage", r)
    t.ok("would fill Museum of Art's empty phone, address" in r.out, "and what it would fill", r)
    t.ok("would add: 1 tag" in r.out, "and the values INTO lacks (Art is art)", r)
    t.eq(show(frm), before, "--dry-run left FROM as it was")
    t.eq(show(into), into_before, "and INTO")

    r = env.run("merge", "Museum of Art", str(into))
    t.ok(r.rc == 1 and "are the same partner" in r.err, "FROM == INTO is refused (exit 1)", r)
    r = env.run("merge", "Mus", "Museum of Art")
    t.ok(r.rc == 1 and "matches" in r.err and "Musuem of Art" in r.err and "Museum of Science" in r.err,
         "an ambiguous FROM lists the candidates (exit 1)", r)
    r = env.run("merge", "Musuem")
    t.eq(r.rc, 2, "one operand is a usage error (exit 2)")
    r = env.run("merge", "Nowhere Gallery", "Museum of Art")
    t.ok(r.rc == 1 and "no partner is called" in r.err, "an unknown FROM (exit 1)", r)
    t.eq(show(frm), before, "and none of these changed anything")

    r = env.run("merge", "Musuem", "Museum of Art")
    t.eq(r.rc, 0, "merge succeeds")
    t.ok(r.out.startswith("merged %d: Musuem of Art into %d: Museum of Art\n" % (frm, into)), "says what into what", r)
    t.ok("  moved: 1 person, 1 log entry, 1 stage move (into the notes)\n" in r.out, "and the counts", r)
    t.ok("  deleted %d: Musuem of Art\n" % frm in r.out, "and that FROM is gone", r)
    r = env.run("show", str(frm))
    t.eq(r.rc, 1, "FROM is gone")
    after = show(into)
    for key in ("contacts", "interactions", "agreements"):
        t.ok(set(moved(before[key])) <= set(moved(after[key])), "FROM's %s under INTO, each as it was" % key,
             "before: %r\nafter:  %r" % (before[key], after[key]))
    # FROM's move is in INTO's notes, not its stage history, which ends
    # where INTO is.
    t.eq(after["history"], into_before["history"], "INTO's stage history is its own")
    t.eq(after["stage"], "glance", "INTO's stage unchanged")
    t.eq(after["website"], "https://moa.example.org", "INTO's website kept")
    t.eq((after["phone"], after["address"]), ("555-0100", "1 Art Way"), "its empty fields filled")
    t.eq(sorted(after["tags"]), ["art", "science"], "tags a union")
    move = before["history"][-1]
    t.ok(after["notes"].startswith("Ana prefers mornings.\n\nFrom Musuem of Art (#%d), merged in on " % frm)
         and after["notes"].endswith(" (it was at date):\n%s %s glance -> date by %s: typed twice\n"
                                     "Parking behind the building." % (move["at"][:10], move["at"][11:16], move["by"])),
         "FROM's notes appended under a line naming it and its stage, its moves first", after["notes"])
    t.eq(after["next_follow_up"], "2099-01-05", "INTO's next follow-up is FROM's open one")
    t.eq(after["last_contact"], max(i["at"] for i in after["interactions"]), "last contact recomputed")
    r = env.run("list", "--search", "zebrafish", "--format", "json")
    t.eq([p["id"] for p in json.loads(r.out)], [into], "the search finds FROM's log text under INTO")
    r = env.run("list", "--search", "chenowith", "--format", "json")
    t.eq([p["id"] for p in json.loads(r.out)], [into], "and FROM's people")
    r = env.run("audit", "--partner", str(into))
    t.ok("partner merged" in r.out and "merged Musuem of Art (#%d) into Museum of Art (#%d)" % (frm, into) in r.out,
         "INTO's audit trail says what was merged into it", r)
    t.ok("merged in #%d Musuem of Art\n" % frm in r.out and "merged into #%d Museum of Art\n" % into in r.out
         and "merged in:" not in r.out and "merged into:" not in r.out,
         "the merge's changes read as words, naming the other partner", r)
    t.ok("person added: Bo Chenowith at Musuem of Art" in r.out,
         "and holds FROM's own entries", r)
    t.ok("merged in name" not in r.out and "merged into name" not in r.out,
         "the recorded names are said on the id's line, not again", r)
    r = env.run("audit", "--partner", str(into), "--format", "json")
    merges = {e["entity_id"]: e["changes"] for e in json.loads(r.out) if e["action"] == "merge"}
    t.eq(merges.get(into), [{"field": "merged in", "old": None, "new": str(frm),
                             "partner_id": frm, "partner": "Musuem of Art"}],
         "audit JSON: INTO's merge change names FROM by id and name")
    t.eq(merges.get(frm), [{"field": "merged into", "old": None, "new": str(into),
                            "partner_id": into, "partner": "Museum of Art"}],
         "and FROM's names INTO")
    r = env.run("log", "#%d" % frm, "late note")
    t.ok(r.rc == 1 and "merged into #%d (Museum of Art)" % into in r.err,
         "a log for #FROM (as a kept note has it) says where it went", r)
    # A note kept (desk busy) for FROM before the merge, its script run after.
    kept = os.path.join(env.data, "partnerdesk", "kept")
    os.makedirs(kept)
    script = os.path.join(kept, "log-1.sh")
    with open(script, "w") as f:
        f.write("#!/bin/sh\n# partnerdesk kept this note\n")
    r = env.run("log", "--", "#%d" % frm, "-", input="kept while the desk was busy\n",
                env={"PARTNERDESK_KEPT": script})
    t.ok(r.rc == 0 and "was merged into #%d (Museum of Art); the kept note is logged there" % into in r.err,
         "a kept note's run for #FROM is logged to INTO, saying so", r)
    t.ok(any(i["text"] == "kept while the desk was busy" for i in show(into)["interactions"]), "it is INTO's")
    r = env.run("check")
    t.eq(r.rc, 0, "check is clean after the merge")

    # ---- delete ----
    r = env.run("delete", "Museum of Art")
    t.eq(r.rc, 1, "a partner with a log is not deleted (exit 1)")
    t.ok("it has 3 log entries and 2 people;" in r.err and "partnerdesk merge" in r.err and "--force" in r.err,
         "saying what it holds, with advice", r)
    t.eq(show(into)["version"], after["version"], "and nothing changed")
    r = env.run("delete", "Museum of Science")
    t.ok(r.rc == 0 and r.out == "deleted %d: Museum of Science\n" % other, "a partner holding nothing is deleted", r)
    r = env.run("delete", "Museum of Art", "--force")
    t.ok(r.rc == 0 and r.out.startswith("deleted %d: Museum of Art (with 3 log entries and 2 people" % into),
         "--force deletes it with what it holds", r)
    r = env.run("delete", "Museum of Art")
    t.eq(r.rc, 1, "deleting it again fails")
    r = env.run("delete")
    t.eq(r.rc, 2, "delete without a partner is a usage error")
    r = env.run("check")
    t.eq(r.rc, 0, "check is clean after the deletes")

    # A deleted partner's id is not given to the next one.
    new = added_id(env.run("add", "New Nursery"))
    t.ok(new > other, "a new partner gets an id no partner had (%d after %d)" % (new, other))
    with sqlite3.connect(env.db) as db:
        n = db.execute("SELECT count(*) FROM contacts").fetchone()[0]
    t.eq(n, 0, "no person is left over")

    # ---- check lists the partners likely the same, with the merge to run ----
    env.db = env.path("likely.db")
    cafe = added_id(env.run("add", "Café Lumière Books", "--website", "https://www.cafelumiere.example/"))
    cafe2 = added_id(env.run("add", "Cafe Lumiere Books"))
    hall = added_id(env.run("add", "O'Brien Hall", "--email", "desk@OBrien.example"))
    annex = added_id(env.run("add", "O'Brien Hall Annex", "--website", "obrien.example/annex"))
    env.run("add", "Chess Club", "--email", "chess@gmail.com")
    env.run("add", "Book Club", "--email", "books@gmail.com")
    r = env.run("check")
    want = ("2 pairs of partners likely the same; if so, the merge puts the later added into the earlier "
            "(--dry-run first says what would move):\n"
            "  #%d Café Lumière Books and #%d Cafe Lumiere Books (same name): partnerdesk merge '#%d' '#%d'\n"
            "  #%d O'Brien Hall and #%d O'Brien Hall Annex (same web/email domain): "
            "partnerdesk merge 'O'\\''Brien Hall Annex' 'O'\\''Brien Hall'\n"
            % (cafe, cafe2, cafe2, cafe, hall, annex))
    t.ok(r.rc == 0 and want in r.out, "check lists the same name and the shared domain, not gmail.com, "
         "with the merge; exit 0", r)
    line = [x for x in r.out.splitlines() if "O'Brien Hall Annex" in x][0]
    words = line.split(": partnerdesk merge ", 1)[1]
    sh = subprocess.run(["sh", "-c", "\"$0\" --db \"$1\" merge " + words, env.exe, env.db],
                        env=env.env, capture_output=True, text=True)
    t.ok(sh.returncode == 0 and "merged" in sh.stdout, "the merge it names runs as it is in sh", sh)
    r = env.run("check")
    t.ok(r.rc == 0 and "1 pair of partners likely the same" in r.out and "O'Brien" not in r.out,
         "and the pair is gone from check", r)

    # ---- a council's branch libraries are not likely the same ----
    # (each on its own page of the council's site: libraries_wales.csv
    # listed 20 pairs of them by website host or email domain)
    env.db = env.path("wales.db")
    wales = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "csv", "libraries_wales.csv")
    r = env.run("import", wales)
    t.ok(r.rc == 0 and "265 added" in r.out, "the Welsh library directory imported", r)
    r = env.run("check")
    t.ok(r.rc == 0 and "likely the same" not in r.out, "no two branch libraries of one council are likely the same", r)
    # a library typed again with its site's root, one with its own page
    # written another way: each still listed
    taibach = added_id(env.run("add", "Taibach Community Library", "--website", "https://taibachlibrary.org.uk/contact/index.html"))
    blaenavon = added_id(env.run("add", "Blaenavon World Heritage Centre", "--website",
                                 "torfaen.gov.uk/en/Libraries/Libraries-mobilelibraryservice/Blaenavon-Library.aspx/?lang=en#hours"))
    with sqlite3.connect(env.db) as db:
        ids = dict(db.execute("SELECT name, id FROM partners WHERE name IN ('Taibach Library', 'Blaenavon Library')"))
    r = env.run("check")
    want = ("2 pairs of partners likely the same; if so, the merge puts the later added into the earlier "
            "(--dry-run first says what would move):\n"
            "  #%d Taibach Library and #%d Taibach Community Library (same website): "
            "partnerdesk merge 'Taibach Community Library' 'Taibach Library'\n"
            "  #%d Blaenavon Library and #%d Blaenavon World Heritage Centre (same website): "
            "partnerdesk merge 'Blaenavon World Heritage Centre' 'Blaenavon Library'\n"
            % (ids["Taibach Library"], taibach, ids["Blaenavon Library"], blaenavon))
    t.ok(r.rc == 0 and want in r.out, "a root and a page on it, and one page written two ways, still listed "
         "(not the other branches on that council's site)", r)

    # ---- a merge that only fills an empty field says so ----
    # ("moved: nothing" was printed above the fill, and the status line and
    # the audit entry said only "moved nothing")
    env.db = env.path("fill.db")
    keep = added_id(env.run("add", "Riverside Garden Club"))
    dup = added_id(env.run("add", "Riverside Gardeners", "--owner", "Dana"))
    r = env.run("merge", str(dup), str(keep), "--dry-run")
    t.ok(r.rc == 0 and "  would fill Riverside Garden Club's empty owner\n" in r.out and "nothing\n" not in r.out.split("\n", 1)[1],
         "--dry-run says it would fill the owner, not that it would move nothing", r)
    r = env.run("merge", str(dup), str(keep))
    t.eq(r.out, "merged %d: Riverside Gardeners into %d: Riverside Garden Club\n"
         "  filled Riverside Garden Club's empty owner\n  deleted %d: Riverside Gardeners\n" % (dup, keep, dup),
         "merge says it filled the owner, and no 'moved: nothing'")
    r = env.run("audit", "--format", "json")
    details = [e["detail"] for e in json.loads(r.out) if e["action"] == "merge"]
    t.ok(details and all(d.endswith("Riverside Garden Club (#%d): filled owner" % keep) for d in details),
         "the audit entries say it filled the owner", details)
    bare = added_id(env.run("add", "Riverside Garden Club Annex"))
    r = env.run("merge", str(bare), str(keep))
    t.ok(r.rc == 0 and "  moved: nothing\n" in r.out, "one that held nothing: moved: nothing", r)

    # ---- names as long as a name may be ----
    # (200 characters, 3 bytes each in Devanagari: merge printed them cut
    # at 255 bytes, inside a character, as "\xe0\xa4")
    env.db = env.path("long.db")
    hindi = ("सामुदायिकपुस्तकालयमित्रमंडल" * 8)[:199]
    long_into = added_id(env.run("add", hindi + "क"))
    long_from = added_id(env.run("add", hindi + "ख"))
    env.run("log", str(long_from), "a reading evening")
    r = env.run("merge", str(long_from), str(long_into))
    t.ok(r.rc == 0 and r.out.startswith("merged %d: %sख into %d: %sक\n" % (long_from, hindi, long_into, hindi))
         and "\\x" not in r.out and "  deleted %d: %sख\n" % (long_from, hindi) in r.out,
         "merge names two 200-character names whole", r.out[:300])
    r = env.run("audit")
    t.ok(r.rc == 0 and " merged in #%d %sख\n" % (long_from, hindi) in r.out and "\\x" not in r.out,
         "audit names the partner merged in whole", r.out[-300:])
    r = env.run("delete", str(long_into))
    t.ok(r.rc == 1 and "partnerdesk: %sक (#%d) was not deleted" % (hindi, long_into) in r.err
         and "\\x" not in r.err, "delete's refusal names it whole", r.err[:300])
    r = env.run("delete", str(long_into), "--force")
    t.ok(r.rc == 0 and r.out.startswith("deleted %d: %sक (with " % (long_into, hindi)) and "\\x" not in r.out,
         "and so does delete", r.out[:300])

    # ---- a person joined by a merge is said so, not deleted ----
    # (the audit said "contact delete ... deleted Ana Ruiz" beside the
    # merge entry that said why)
    env.db = env.path("joined.db")
    j_into = added_id(env.run("add", "Harbor Science Center"))
    j_from = added_id(env.run("add", "Harbor Science Ctr"))
    env.run("contact", "add", str(j_into), "Ana Ruiz", "--email", "ana@harbor.example.org")
    env.run("contact", "add", str(j_from), "Ana Ruiz", "--phone", "555 0101")
    r = env.run("merge", str(j_from), str(j_into))
    t.ok(r.rc == 0, "two partners with one person merged", r)
    r = env.run("audit", "--partner", str(j_into))
    t.ok(r.rc == 0 and "  person merged: Ana Ruiz joined into Ana Ruiz by merge\n" in r.out and "deleted Ana Ruiz" not in r.out and "person deleted" not in r.out,
         "the audit says the person joined by the merge, not deleted", r.out)
finally:
    env.cleanup()
t.done()
