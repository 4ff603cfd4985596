"""contact edit and contact delete: a person's details put right and a
person who left removed, by name, unique prefix or #ID; an ambiguous or
unknown PERSON refused listing who there is (exit 1), a bad email or phone
or no change at all a usage error (exit 2); '' clears a field; each change
in the audit trail; a removed person's log entries kept, naming them
(marked removed) in show, JSON, YAML, the agenda, the calendar and the
backup; ids not given again."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env  # noqa: E402

t = TAP()
env = Env(sys.argv[1])
MUSEUM = "City Museum"


def people():
    r = env.run("show", MUSEUM, "--format", "json")
    return {c["name"]: c for c in json.loads(r.out)["contacts"]} if r.rc == 0 else {}


def audit():
    r = env.run("audit", "--format", "json")
    return json.loads(r.out) if r.rc == 0 else []


try:
    env.run("add", MUSEUM)
    env.run("contact", "add", MUSEUM, "Dana Ortiz", "--title", "Education lead",
            "--email", "dana@museum.org", "--phone", "555 0100")
    env.run("contact", "add", MUSEUM, "Dan Lee")
    env.run("log", MUSEUM, "--contact", "Dana Ortiz", "Talked", "about", "teens")
    dana = people()["Dana Ortiz"]

    # edit by a case-insensitive unique prefix: a new email, the title cleared.
    r = env.run("contact", "edit", MUSEUM, "DANA", "--email", "dana.ortiz@museum.org", "--title", "")
    t.ok(r.rc == 0 and r.out == "updated contact %d: Dana Ortiz (version 2)\n" % dana["id"],
         "contact edit by prefix: exit 0, says the new version", r)
    got = people()["Dana Ortiz"]
    t.eq((got["email"], got["title"], got["phone"]), ("dana.ortiz@museum.org", None, "555 0100"),
         "the email changed, '' cleared the title, the phone stayed")

    # the audit trail has the old and new values
    e = [a for a in audit() if a.get("entity") == "contact" and a.get("action") == "update"]
    t.ok(len(e) == 1 and {"field": "email", "old": "dana@museum.org", "new": "dana.ortiz@museum.org"}
         in e[0].get("changes", []), "the edit is in the audit trail, email old -> new", e)

    # the same again writes nothing
    r = env.run("contact", "edit", MUSEUM, "#%d" % dana["id"], "--email", "dana.ortiz@museum.org")
    t.ok(r.rc == 0 and r.out.startswith("nothing to change") and people()["Dana Ortiz"]["version"] == 2,
         "#ID picks the person; an edit changing nothing writes no version", r)

    # ambiguous: both are "Dan..."; exit 1 listing both, nothing changed
    r = env.run("contact", "edit", MUSEUM, "dan", "--phone", "555 0199")
    t.ok(r.rc == 1 and "matches 2 contacts" in r.err and "#%d Dana Ortiz" % dana["id"] in r.err
         and "Dan Lee" in r.err and "'#ID'" in r.err, "an ambiguous PERSON: exit 1, the candidates listed", r)
    t.eq(people()["Dana Ortiz"]["phone"], "555 0100", "and nobody changed")
    # four long names alike (200 Devanagari characters): the list is cut
    # where it is too long, never inside a character
    hindi = ("सामुदायिक पुस्तकालय मित्र मंडल " * 7)[:190]
    env.run("add", "Long Names Hall")
    for n in range(4):
        env.run("contact", "add", "Long Names Hall", "Long %d %s" % (n, hindi))
    r = env.run("contact", "edit", "Long Names Hall", "Long", "--phone", "555 0199")
    t.ok(r.rc == 1 and "matches 4 contacts" in r.err and "\\x" not in r.err,
         "four long names alike: listed, no character cut", r.err[-200:])
    r = env.run("contact", "edit", MUSEUM, "Priya", "--phone", "555 0199")
    t.ok(r.rc == 1 and "no contact called \"Priya\"" in r.err, "an unknown PERSON: exit 1", r)

    # refused before anything is read: a bad email, no change, an empty name
    for args, said in ((["--email", "dana.museum.org"], "email 'dana.museum.org' has no @"),
                       (["--phone", "call me"], "phone 'call me' has no digits"),
                       ([], "nothing to change"),
                       (["--name", " "], "--name cannot be empty")):
        r = env.run("contact", "edit", MUSEUM, "Dana", *args)
        t.ok(r.rc == 2 and said in r.err, "contact edit %s: usage error (2)" % " ".join(args), r)
    r = env.run("contact", "edit", MUSEUM, "Dana", "--channel", "pigeon")
    t.ok(r.rc == 1 and "'pigeon' is not a channel" in r.err, "an unknown channel refused", r)
    t.eq(people()["Dana Ortiz"]["version"], 2, "none of them changed her")

    # rename: Priya takes the role (a new name, email and channel)
    r = env.run("contact", "edit", MUSEUM, "Dana Ortiz", "--name", "Dana Ortiz-Ruiz", "--channel", "EMAIL")
    t.eq(r.rc, 0, "a rename " + r.err)
    t.eq(people().get("Dana Ortiz-Ruiz", {}).get("channel"), "email", "renamed; the channel as configured")

    # a rename onto someone already there: done (two may share a name), and said
    r = env.run("contact", "edit", MUSEUM, "Dan Lee", "--name", "dana ortiz-ruiz")
    t.ok(r.rc == 0 and "warning: this partner already has another contact with this name (contact %d)"
         % dana["id"] in r.err, "a rename onto another person's name is warned of", r)
    r = env.run("contact", "edit", MUSEUM, "#%d" % (dana["id"] + 1), "--name", "Dan Lee")
    t.ok(r.rc == 0 and "warning" not in r.err, "renamed back: no warning", r)

    # delete: refused while the log names her (the entry would keep her
    # name but nothing else of her); with --force the entry stays, and the
    # command says it names her still, marked removed
    env.run("log", MUSEUM, "--contact", "Dana", "--follow-up", "2030-01-15", "Send", "the", "dates")
    r = env.run("contact", "delete", MUSEUM, "dana")
    t.ok(r.rc == 1 and "Dana Ortiz-Ruiz is named in 2 log entries, which would keep only the name, "
         "not the title, email, phone or notes" in r.err and "--force" in r.err and "contact edit" in r.err,
         "contact delete of a person the log names: exit 1, with advice", r)
    # Run as given: a partner named in two words is quoted, and so is
    # #ID, which a shell would read as the start of a comment.
    t.ok("partnerdesk contact edit 'City Museum' '#%d' --notes" % dana["id"] in r.err,
         "the advice's command quotes the partner and the #ID, so it runs as given", r)
    t.ok("Dana Ortiz-Ruiz" in people(), "and she stays")
    r = env.run("contact", "delete", MUSEUM, "dana", "--force")
    t.ok(r.rc == 0 and "deleted contact %d: Dana Ortiz-Ruiz" % dana["id"] in r.out
         and '2 log entries named Dana Ortiz-Ruiz; kept, still naming them as "Dana Ortiz-Ruiz (removed)"'
         in r.out, "contact delete: exit 0, says the log entries it named keep her name", r)
    t.eq(sorted(people()), ["Dan Lee"], "she is gone, Dan stays")
    r = env.run("show", MUSEUM, "--format", "json")
    log = json.loads(r.out)["interactions"]
    t.ok(len(log) == 2 and log[0]["text"] == "Talked about teens", "the log entries keep their text", log)
    t.ok(all(e["contact"] == "Dana Ortiz-Ruiz" and e["contact_removed"] is True for e in log),
         "show --format json: contact is still her name, contact_removed true", log)
    r = env.run("show", MUSEUM)
    t.ok(r.rc == 0 and r.out.count("  with Dana Ortiz-Ruiz (removed)\n") == 2,
         "show: each entry is with \"Dana Ortiz-Ruiz (removed)\"", r)
    r = env.run("show", MUSEUM, "--format", "yaml")
    t.ok(r.rc == 0 and r.out.count("contact: Dana Ortiz-Ruiz\n") == 2
         and r.out.count("contact_removed: true\n") == 2, "show --format yaml: the same", r)
    r = env.run("agenda", "--days", "3660", "--format", "json")
    due = [a for a in json.loads(r.out) if a.get("interaction_id")] if r.rc == 0 else []
    t.ok(len(due) == 1 and due[0]["contact"] == "Dana Ortiz-Ruiz" and due[0]["contact_removed"] is True,
         "agenda --format json: her follow-up names her, removed", r)
    ics = env.path("dates.ics")
    r = env.run("export", "-o", ics)
    t.ok(r.rc == 0 and "X-PARTNERDESK-CONTACT:Dana Ortiz-Ruiz\r\n" in open(ics, newline="").read(),
         "the calendar export's to-do still names her", r)
    e = [a for a in audit() if a.get("entity") == "contact" and a.get("action") == "delete"]
    t.ok(len(e) == 1 and "deleted Dana Ortiz-Ruiz (named in 2 log entries, which keep the name)"
         in e[0].get("detail", ""), "the delete is in the audit trail, with the log entries it named", e)

    # The YAML backup carries the name, marked removed, and comes back byte
    # for byte through an empty desk; there it is shown as before.
    a, b = env.path("people-a.yaml"), env.path("people-b.yaml")
    r = env.run("export", "-o", a)
    text = open(a, encoding="utf-8").read()
    t.ok(r.rc == 0 and text.count("    removed_contact: Dana Ortiz-Ruiz\n") == 2
         and "\n    contact: Dana" not in text, "the backup: removed_contact, not contact", text)
    restored = env.path("people-restored.db")
    r = env.run("--db", restored, "import", a, db=False)
    t.ok(r.rc == 0 and r.err == "", "restored into an empty desk", r)
    r = env.run("--db", restored, "export", "-o", b, db=False)
    t.ok(r.rc == 0 and open(b, encoding="utf-8").read() == text, "exported again: the same bytes", r)
    r = env.run("--db", restored, "show", MUSEUM, db=False)
    t.ok(r.out.count("  with Dana Ortiz-Ruiz (removed)\n") == 2, "and shown as removed there", r)
    both = env.path("both.yaml")
    with open(both, "w", encoding="utf-8") as f:
        f.write("partnerdesk-backup: 1\npartners:\n- name: Zoo\n  contacts:\n  - name: Sam Lee\n"
                "  interactions:\n  - at: \"2026-11-02T00:00:00Z\"\n    contact: Sam Lee\n"
                "    removed_contact: Sam Lee\n    text: hello\n")
    r = env.run("--db", env.path("both.db"), "import", both, db=False)
    t.ok(r.rc == 1 and "not both" in r.err, "a backup entry with contact and removed_contact: refused", r)
    # An empty removed_contact names no one: beside contact it is taken
    # as absent, and the entry is with the contact it names.
    with open(both, "w", encoding="utf-8") as f:
        f.write("partnerdesk-backup: 1\npartners:\n- name: Zoo\n  contacts:\n  - name: Sam Lee\n"
                "  interactions:\n  - at: \"2026-11-02T00:00:00Z\"\n    contact: Sam Lee\n"
                "    removed_contact: \"\"\n    text: hello\n")
    r = env.run("--db", env.path("empty.db"), "import", both, db=False)
    t.ok(r.rc == 0 and r.err == "", "a backup entry with contact and an empty removed_contact: restored", r)
    r = env.run("--db", env.path("empty.db"), "show", "Zoo", db=False)
    t.ok(r.rc == 0 and "  with Sam Lee\n" in r.out and "(removed)" not in r.out,
         "the entry is with the contact it names", r)

    # A person removed gives no one their id: a note or script naming
    # #ID never finds a stranger.
    env.run("contact", "add", MUSEUM, "Eli Newcomer")
    eli = people()["Eli Newcomer"]["id"]
    r = env.run("contact", "delete", MUSEUM, "#%d" % eli)
    t.eq(r.rc, 0, "the newest person removed")
    env.run("contact", "add", MUSEUM, "Flo Later")
    t.ok(people()["Flo Later"]["id"] > eli, "the next one added gets an id of its own", people())
    r = env.run("contact", "delete", MUSEUM, "dana")
    t.ok(r.rc == 1 and "no contact called" in r.err, "deleting her again: exit 1", r)
    r = env.run("contact", "delete", MUSEUM)
    t.eq(r.rc, 2, "contact delete without PERSON: usage error")
    r = env.run("contact", "delete", "Nowhere", "Dan")
    t.eq(r.rc, 1, "contact delete at an unknown partner: exit 1")
finally:
    env.cleanup()
t.done()
