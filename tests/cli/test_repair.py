"""check --repair: what a partner's row derives from what was typed (name
and order keys, its people's name keys, website and email keys, similar-name key, search document, last contact,
next follow-up), spoilt behind partnerdesk's back, is remade and counted;
nothing typed, no version, no updated time, no audit entry moves; a
second repair finds nothing; plain check still changes nothing."""
import sqlite3
import sys

from harness import TAP, Env

t = TAP()
env = Env(sys.argv[1])


def rows(sql):
    c = sqlite3.connect(env.db)
    r = c.execute(sql).fetchall()
    c.close()
    return r


TYPED = ("SELECT id, name, website, email, version, updated, stage FROM partners ORDER BY id")

r = env.run("add", "Zoë's Café Llŷn", "--website", "https://www.zoecafe.example/about",
            "--email", "hi@zoecafe.example")
t.ok(r.rc == 0, "add", r)
env.run("add", "한국문화원")
r = env.run("contact", "add", "Zoë's Café Llŷn", "Camille Le Goff")
t.ok(r.rc == 0, "a contact person", r)
r = env.run("log", "Zoë's Café Llŷn", "--follow-up", "2030-01-02", "asked about the story hour")
t.ok(r.rc == 0, "log with a follow-up", r)
r = env.run("check")
t.ok(r.rc == 0 and "--repair" not in r.out + r.err, "a clean check does not mention --repair", r)
typed = rows(TYPED)
audit = rows("SELECT count(*) FROM audit")
good = rows("SELECT name_fold, sort_key, website_key, email_key, loose_key, last_contact, next_follow_up "
            "FROM partners WHERE id = 1")
t.eq(good[0][4], "zoe cafe llyn", "the similar-name key: no apostrophe, plural or accents")

c = sqlite3.connect(env.db)
c.execute("UPDATE partners SET name_fold = 'x', sort_key = 'y', website_key = 'wrong.example', "
          "loose_key = NULL, last_contact = NULL, next_follow_up = '2000-01-01' WHERE id = 1")
c.execute("DELETE FROM partner_search WHERE rowid = 2")
c.execute("UPDATE contacts SET name_fold = 'nobody' WHERE name = 'Camille Le Goff'")
c.commit()
c.close()

r = env.run("check", db=True)
t.ok(r.rc == 1 and r.out.count("stale") == 7 and "stale similar-name key" in r.out
     and "contact #1 (Camille Le Goff) has a stale name key" in r.out
     and "missing from the search index" in r.out,
     "check finds the seven stale and the missing document", r)
t.ok("partnerdesk check --repair remakes them (what is derived from what was typed: nothing to edit)"
     in r.out, "check says what remakes them", r)
t.eq(rows("SELECT name_fold FROM partners WHERE id = 1"), [("x",)], "check alone changes nothing")
r = env.run("list", "--search", "le goff")
t.ok("Llŷn" not in r.out, "a person whose name key is stale is not found by a short word", r)
r = env.run("list", "--search", "문화원")
t.ok("한국문화원" not in r.out, "the partner without a document is not found", r)

r = env.run("check", "--repair")
t.ok(r.rc == 0, "check --repair exits 0: nothing left", r)
t.ok("repaired: 1 name key, 1 contact's name key, 1 name-order key, 1 partner's website and email keys, "
     "1 similar-name key, 2 search documents, 1 last-contact time, 1 next follow-up date\n" in r.out,
     "it says what it remade, one count each", r)
t.ok(": ok (schema " in r.out, "then the check finds nothing", r)
t.eq(rows("SELECT name_fold, sort_key, website_key, email_key, loose_key, last_contact, next_follow_up "
          "FROM partners WHERE id = 1"), good, "the derived values are as the writes made them")
t.eq(rows(TYPED), typed, "nothing typed, no version, no updated time moved")
t.eq(rows("SELECT count(*) FROM audit"), audit, "no audit entry")
r = env.run("list", "--search", "문화원")
t.ok("한국문화원" in r.out, "the remade document is found by search", r)
r = env.run("list", "--search", "le goff")
t.ok("Llŷn" in r.out, "the person whose name key was remade is found by a short word again", r)
r = env.run("list", "--search", "zoe cafe")
t.ok("Llŷn" in r.out, "the partner whose keys were stale is found without accents", r)

r = env.run("check", "--repair")
t.ok(r.rc == 0 and "nothing to repair\n" in r.out, "a second repair has nothing to do", r)
r = env.run("check", "--repair", "extra")
t.ok(r.rc == 2 and "no operands" in r.err, "operands refused", r)
t.done()
