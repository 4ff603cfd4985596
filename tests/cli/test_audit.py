"""The audit trail read from the command line: `show PARTNER --audit` and
`audit [--since] [--user] [--partner] [--format]`, with each changed field
as it was and as it became (a rename keeps the old name, an edit of notes
the old text), local times to the second, and a YAML restore's entries
saying where they came from."""
import json
import re
import sqlite3
import sys
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from harness import TAP, Env, added_id

t = TAP()
env = Env(sys.argv[1])


def raw(sql, *args):
    h = sqlite3.connect(env.db)
    with h:
        h.execute(sql, args)
    h.close()


try:
    env.run("add", "Harbor Science Center", "--kind", "science center")
    env.run("add", "Other Museum")
    r = env.run("edit", "harbor", "--name", "Harbour Science Centre", "--notes", "secret old note")
    t.eq(r.rc, 0, "rename and notes")
    env.run("edit", "harbour", "--notes", "new note\nline two")
    env.run("move", "harbour", "dissolved", "--reason", "they closed")
    env.run("edit", "other", "--phone", "555-0100")

    r = env.run("show", "harbour", "--audit")
    t.eq(r.rc, 0, "show --audit exits 0")
    t.ok("name: Harbor Science Center -> Harbour Science Centre" in r.out,
         "the rename, old -> new", r.out)
    t.ok("was: secret old note" in r.out and "now: new note" in r.out and "line two" in r.out,
         "an edit of notes keeps the old text", r.out)
    t.ok("stage: glance -> dissolved" in r.out, "the move", r.out)
    t.ok("555-0100" not in r.out, "another partner's change is not in it", r.out)
    t.ok(re.search(r"^  \d{4}-\d\d-\d\d \d\d:\d\d:\d\d  \S+  partner edited", r.out, re.M),
         "time to the second, user, what", r.out)

    r = env.run("show", "harbour", "--audit", "--format", "json")
    t.eq(r.rc, 0, "show --audit --format json exits 0")
    j = json.loads(r.out)
    t.eq([e["action"] for e in j], ["insert", "update", "update", "move"], "the partner's entries, oldest first")
    t.eq(j[1]["changes"][0], {"field": "name", "old": "Harbor Science Center", "new": "Harbour Science Centre"},
         "json: field, old, new")
    t.eq([c["field"] for c in j[2]["changes"]], ["notes"], "the second edit changed the notes only")
    t.eq(j[2]["changes"][0]["old"], "secret old note", "json keeps the old notes")
    t.ok(all(e["partner_id"] == j[0]["entity_id"] for e in j), "each names the partner")

    # Local time, as the rest of show: the same entry in New York.
    at = datetime.strptime(j[1]["at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    local = at.astimezone(ZoneInfo("America/New_York")).strftime("%Y-%m-%d %H:%M:%S")
    r = env.run("show", "harbour", "--audit", env={"TZ": "America/New_York"})
    t.ok(local + "  " in r.out, "times are local: " + local, r.out)

    r = env.run("show", "harbour", "--audit", "--format", "yaml")
    t.eq(r.rc, 2, "--audit with yaml is a usage error")

    # Entries by another user at other times (the trail accepts inserts),
    # after the partner was made: a partner owns only the entries from its
    # creation on (ids are reused).
    hid = j[0]["entity_id"]
    raw("UPDATE partners SET created = '2019-12-31T00:00:00Z' WHERE id = ?", hid)
    for at, action, detail in [("2020-01-01T10:00:00Z", "update", "Harbour Science Centre: changed owner"),
                               ("2020-01-02T11:30:15Z", "move", "Harbour Science Centre: date -> dissolved")]:
        raw("INSERT INTO audit (at, os_user, entity, entity_id, action, detail, partner_id, created, updated) "
            "VALUES (?, 'ben', 'partner', ?, ?, ?, ?, ?, ?)", at, hid, action, detail, hid, at, at)
    # A row as written before the trail kept values or partners (schema 6).
    raw("INSERT INTO audit (at, os_user, entity, entity_id, action, detail, created, updated) "
        "VALUES ('2020-01-03T09:00:00Z', 'ana', 'partner', ?, 'update', "
        "'Other Museum: changed name', '2020-01-03T09:00:00Z', '2020-01-03T09:00:00Z')", hid + 1)

    r = env.run("audit", "--user", "ben")
    t.eq(r.rc, 0, "audit --user exits 0")
    lines = [l for l in r.out.splitlines() if not l.startswith(" ")]
    t.eq(len(lines), 2, "ben's two changes only")
    t.ok(lines and lines[0].startswith("2020-01-01 10:00:00  ben  partner edited  Harbour Science Centre (#%d)" % hid),
         "time, user, what and which partner", r.out)
    t.ok("date -> dissolved" in r.out, "who moved it to dissolved, and when", r.out)

    r = env.run("audit", "--format", "json")
    t.eq(r.rc, 0, "audit --format json exits 0")
    every = json.loads(r.out)
    t.eq(len(every), 9, "every entry on the desk")
    t.eq([e["id"] for e in every], sorted(e["id"] for e in every), "oldest first")
    old = [e for e in every if e["user"] == "ana"]
    t.eq(len(old), 1, "an old row is read")
    t.eq((old[0]["detail"], old[0]["changes"]), ("Other Museum: changed name", []),
         "with its detail and no changes")
    t.eq(old[0]["partner_id"], None, "and no partner")

    r = env.run("audit", "--since", "2020-01-02", "--format", "json")
    got = json.loads(r.out)
    t.ok(got and all(e["at"] >= "2020-01-02T00:00:00Z" for e in got) and len(got) == 8,
         "--since DATE from its midnight", r.out)
    r = env.run("audit", "--since", "2020-01-02 11:31", "--user", "ben", "--format", "json")
    t.eq(json.loads(r.out), [], "--since DATE HH:MM, with --user: nothing after")
    r = env.run("audit", "--since", "tomorrow")
    t.ok(r.rc == 2 and "'tomorrow' is after today" in r.err and "log what" not in r.err,
         "--since tomorrow is refused in audit's words, not log's", r)
    t.ok(re.search(r"'tomorrow' is after today \(\d{4}-\d\d-\d\d\)\n", r.err) is not None,
         "naming the day, not a noon nobody typed", r)
    r = env.run("audit", "--since", "today", "--format", "json")
    t.eq(len(json.loads(r.out)), 6, "--since today: today's own changes")

    # A time said with no ':' in it is a time, not the day it falls on:
    # "an hour ago" listed the whole day (from midnight), and just after
    # midnight the day before as well. Local noon here, whatever the hour.
    now = datetime.now(timezone.utc)
    east = 12 - now.hour
    noon = {"TZ": "ZZZ%+d" % -east}
    for ago, action in ((2 * 3600, "ago2h"), (26 * 3600, "yesterday10"), (20 * 3600, "yesterday16")):
        at = datetime.fromtimestamp(now.timestamp() - ago, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        raw("INSERT INTO audit (at, os_user, entity, entity_id, action, detail, created, updated) "
            "VALUES (?, 'cy', 'partner', ?, 'update', ?, ?, ?)", at, hid, action, at, at)
    r = env.run("audit", "--user", "cy", "--since", "an hour ago", "--format", "json", env=noon)
    t.eq([e["detail"] for e in json.loads(r.out or "[]")], [],
         "--since 'an hour ago': nothing from two hours ago")
    r = env.run("audit", "--user", "cy", "--since", "yesterday at 3pm", "--format", "json", env=noon)
    t.eq(sorted(e["detail"] for e in json.loads(r.out or "[]")), ["ago2h", "yesterday16"],
         "--since 'yesterday at 3pm': from 15:00, not from midnight")
    r = env.run("audit", "--user", "cy", "--since", "yesterday", "--format", "json", env=noon)
    t.eq(len(json.loads(r.out or "[]")), 3, "--since yesterday: from its midnight still")

    r = env.run("audit", "--partner", "other", "--format", "json")
    got = json.loads(r.out)
    t.eq([e["detail"] for e in got], ["added Other Museum (glance)", "Other Museum: changed phone"],
         "--partner: that partner's entries")
    t.eq(got[1]["changes"], [{"field": "phone", "old": None, "new": "555-0100"}], "phone: none -> 555-0100")

    r = env.run("audit", "--partner", "nobody")
    t.eq(r.rc, 1, "an unknown partner fails")
    r = env.run("audit", "--since", "fish")
    t.ok(r.rc == 2 and "--since" in r.err, "a bad --since is a usage error", r)
    r = env.run("audit", "--user", "zed")
    t.ok(r.rc == 0 and "no changes match" in r.err, "no match says so", r)
    r = env.run("audit", "--help")
    t.ok(r.rc == 0 and "--since DATE" in r.out and "--partner PARTNER" in r.out, "audit --help", r)
    r = env.run("--help", db=False)
    t.ok("audit" in r.out, "the command list names audit", r.out)

    # A logged call's detail names its time: stored in UTC (json keeps it
    # so), shown to a person in their own local time like the entry's.
    r = env.run("log", "other", "--channel", "phone", "--at", "2026-11-20T08:16:45Z", "called about hours")
    t.eq(r.rc, 0, "log a call at a UTC time")
    got = json.loads(env.run("audit", "--partner", "other", "--format", "json").out)
    t.eq(got[-1]["detail"], "phone with Other Museum at 2026-11-20T08:16:45Z: called about hours",
         "json keeps the stored detail exactly")
    for args in (("audit", "--partner", "other"), ("show", "other", "--audit")):
        r = env.run(*args, env={"TZ": "America/New_York"})
        t.ok("log entry added" in r.out and "phone at 2026-11-20 03:16: called about hours" in r.out
             and "T08:16:45Z" not in r.out, " ".join(args) + ": the detail's time is local too", r.out)

    # A YAML restore starts a new trail whose entries say where they came from.
    y = env.path("all.yaml")
    env.run("export", "--format", "yaml", "-o", y)
    env.db = env.path("restored.db")
    r = env.run("import", y)
    t.ok(r.rc == 0, "restored", r)
    got = json.loads(env.run("audit", "--format", "json").out)
    t.ok(got and all("from restore of " in e["detail"] and "all.yaml" in e["detail"] for e in got),
         "each restore entry says it came from the restore of all.yaml",
         "\n".join(e["detail"] for e in got))
    env.run("edit", "harbour", "--phone", "555-0199")
    got = json.loads(env.run("audit", "--format", "json").out)
    t.ok("restore" not in got[-1]["detail"], "a later edit does not", got[-1])
    # Each line in a colleague's words: what was done, and the summary
    # without the partner's name where the line names it already.
    wid = added_id(env.run("add", "Words Library", "--kind", "library"))
    env.run("contact", "add", "Words Library", "Jo Bloggs")
    env.run("contact", "delete", "Words Library", "Jo Bloggs", "--force")
    env.run("edit", "Words Library", "--phone", "555 0199")
    env.run("move", "Words Library", "date", "--reason", "first event")
    r = env.run("audit", "--partner", "Words Library")
    said = [l.split("  ", 2)[2] for l in r.out.splitlines() if not l.startswith(" ")]
    t.eq(said, ["partner added: Words Library (glance)", "person added: Jo Bloggs", "person deleted: Jo Bloggs",
                "partner edited: changed phone", "partner moved: glance -> date: first event"],
         "each entry says what was done in words, the partner's name not again")
    r = env.run("audit")
    said = [l.split("  ", 2)[2] for l in r.out.splitlines() if "Words Library (#%d)" % wid in l]
    t.eq(said[-1] if said else "", "partner moved  Words Library (#%d): glance -> date: first event" % wid,
         "nor in the desk-wide list, which names it in its own column")
    # A note that names the partner as it is now, logged under its
    # earlier name, is the colleague's words: none of it goes.
    env.run("add", "Pier Arts", "--kind", "library")
    env.run("log", "Pier Arts", "--channel", "phone", "--at", "2026-11-20T08:16:45Z",
            "met with Bay Hall at noon about lunch at Bay Hall")
    env.run("log", "Pier Arts", "--channel", "email", "--at", "2026-11-20T09:00:00Z", "lunch at Bay Hall")
    env.run("edit", "Pier Arts", "--name", "Bay Hall")
    r = env.run("audit", "--partner", "Bay Hall", env={"TZ": "UTC"})
    t.ok("log entry added: phone with Pier Arts at 2026-11-20 08:16: met with Bay Hall at noon "
         "about lunch at Bay Hall" in r.out and
         "email with Pier Arts at 2026-11-20 09:00: lunch at Bay Hall" in r.out, "a note naming the partner's new name is left whole", r.out)
    env.run("contact", "add", "Bay Hall", "Ann at Bay Hall")
    r = env.run("audit", "--partner", "Bay Hall")
    t.ok("person added: Ann at Bay Hall\n" in r.out, "a person named 'at NAME' keeps it", r.out)
    # An agreement edited says so once, not "agreement edited: saved
    # agreement: ..." nor "agreement: ...".
    bay = json.loads(env.run("show", "Bay Hall", "--format", "json").out)["id"]
    raw("INSERT INTO audit (at, os_user, entity, entity_id, action, detail, partner_id, created, updated) "
        "VALUES ('2099-11-21T10:00:00Z', 'ana', 'agreement', 1, 'update', 'saved agreement: Teen nights', ?, "
        "'2099-11-21T10:00:00Z', '2099-11-21T10:00:00Z')", bay)
    r = env.run("audit", "--partner", "Bay Hall")
    t.ok("agreement edited: Teen nights\n" in r.out, "an agreement edited: its title once", r.out)
finally:
    env.cleanup()
t.done()
