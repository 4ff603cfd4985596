"""`partnerdesk restore FILE` puts a copy made by `backup` back while a
colleague's connection is still open on the desk: that connection reads
the copy at once and the file checks clean; the desk as it was is kept
beside it first; the database itself, a file that is not a partnerdesk
database, or an empty name are refused and change nothing; so is a copy
whose schema is not the desk's (a trigger or view of its own, the audit's
guard replaced, an older or newer schema version, each with its advice). Ids given out after the copy are not given again after
it is put back."""
import glob
import os
import shutil
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env, sha256  # noqa: E402

t = TAP()
env = Env(sys.argv[1])
try:
    env.run("add", "Amgueddfa Cymru", "--kind", "museum")
    env.run("log", "Amgueddfa", "called about the spring fair")
    copy = env.path("copy.db")
    r = env.run("backup", copy)
    t.eq(r.rc, 0, "a backup copy is made")
    env.run("add", "Later Partner", "--kind", "school")

    # A colleague's open connection, reading through the desk's WAL.
    other = sqlite3.connect(env.db)
    names = lambda: [n for (n,) in other.execute("select name from partners order by name")]
    t.eq(names(), ["Amgueddfa Cymru", "Later Partner"], "the colleague sees both partners")

    r = env.run("restore", copy)
    t.eq(r.rc, 0, "restore exits 0")
    kept = glob.glob(env.db + ".before-restore-*")
    t.eq(len(kept), 1, "the desk as it was is kept beside it")
    t.ok(kept and kept[0] in r.out and "restored" in r.out, "and the message names it", r)
    t.eq(names(), ["Amgueddfa Cymru"], "the open connection reads the copy at once")
    t.eq(other.execute("pragma integrity_check").fetchone()[0], "ok", "and the file checks clean")
    other.close()
    r = env.run("check")
    t.ok(r.rc == 0 and "ok" in r.out, "partnerdesk check says ok", r)
    r = env.run("show", "Amgueddfa")
    t.ok(r.rc == 0 and "spring fair" in r.out, "the copy's log is there", r)
    t.eq(oct(os.stat(kept[0]).st_mode & 0o777), oct(0o600), "the kept file is 0600")

    # Undone by restoring the kept file.
    r = env.run("restore", kept[0])
    t.eq(r.rc, 0, "the kept file restores too")
    r = env.run("list")
    t.ok("Later Partner" in r.out, "and brings the later partner back", r)

    before = sha256(env.db)
    r = env.run("restore", env.db)
    t.ok(r.rc == 1 and "database itself" in r.err and "nothing was changed" in r.err,
         "the database itself is refused", r)
    junk = env.path("junk.db")
    with open(junk, "w") as f:
        f.write("Name,Email\nnot a database\n")
    r = env.run("restore", junk)
    t.ok(r.rc == 1 and "is not a copy made by `partnerdesk backup`" in r.err,
         "a file that is not a desk is refused as no backup copy", r)
    t.ok("--db" not in r.err and "partnerdesk import " + junk in r.err,
         "pointing to import for a YAML backup, not to --db", r)
    # FILE is the backup itself: the advice for the desk would go round in a circle.
    yaml = env.path("desk.yaml")
    env.run("export", "--format", "yaml", "-o", yaml)
    r = env.run("restore", yaml)
    t.ok(r.rc == 1 and "not a copy made by `partnerdesk backup`" in r.err and
         "`partnerdesk import %s` into an empty desk" % yaml in r.err and "--db" not in r.err,
         "a YAML backup is told to go back with import into an empty desk", r)
    spaced = env.path("my desk.yaml")
    shutil.copyfile(yaml, spaced)
    r = env.run("restore", spaced)
    t.ok(r.rc == 1 and "`partnerdesk import '%s'` into an empty desk" % spaced in r.err,
         "the import it points to names the file as one shell word", r)
    other = env.path("other.db")
    c = sqlite3.connect(other)
    c.execute("create table t(x)")
    c.execute("pragma application_id = 5")
    c.commit()
    c.close()
    r = env.run("restore", other)
    t.ok(r.rc == 1 and "not a copy made by `partnerdesk backup`" in r.err and
         "--db" not in r.err, "another program's database is no backup copy either", r)
    badpage = env.path("badpage.db")
    env.run("backup", badpage)
    with open(badpage, "r+b") as f:
        f.seek(16)
        f.write(b"\x00\x03")
    r = env.run("restore", badpage)
    t.ok(r.rc == 1 and "damaged" in r.err and "from a backup" not in r.err and
         "Restore another copy made by `partnerdesk backup`" in r.err,
         "a damaged copy asks for another copy, not to restore it from a backup", r)
    torn = env.path("torn.db")
    env.run("backup", torn)
    with open(torn, "r+b") as f:
        f.seek(os.path.getsize(torn) // 2)
        f.write(b"\x55" * 8192)
    r = env.run("restore", torn)
    t.ok(r.rc == 1 and "damaged" in r.err and "from a backup" not in r.err and
         "Restore another copy made by `partnerdesk backup`" in r.err,
         "so does a copy whose pages are torn", r)
    # The desk itself keeps its own advice.
    r = env.run("list", db=False, env={"PARTNERDESK_DB": junk})
    t.ok(r.rc == 1 and "not a partnerdesk database" in r.err and "with --db" in r.err,
         "the same file as the desk still says to give another file with --db", r)
    r = env.run("restore", env.path("missing.db"))
    t.ok(r.rc == 1 and "backup" in r.err, "a missing file is refused with what to give", r)
    empty = env.path("empty.db")
    open(empty, "w").close()
    r = env.run("restore", empty)
    t.ok(r.rc == 1 and "is empty, not a copy made by `partnerdesk backup`" in r.err
         and "holds no partnerdesk database yet" not in r.err and "nothing was changed" in r.err,
         "an empty file (a backup never written) is no copy, in restore's words", r)
    r = env.run("restore", "")
    t.eq(r.rc, 2, "an empty name is a usage error")
    t.eq(sha256(env.db), before, "none of these changed the database")
    t.eq(len(glob.glob(env.db + ".before-restore-*")), 2, "nor kept another copy")

    # A copy that does not check clean: its schema row count spoiled.
    bad = env.path("bad.db")
    env.run("backup", bad)
    c = sqlite3.connect(bad)
    c.execute("pragma writable_schema = on")
    c.execute("update sqlite_master set sql = replace(sql, 'partners', 'partnerz') "
              "where type = 'index' and tbl_name = 'partners' and sql is not null")
    c.commit()
    c.close()
    r = env.run("restore", bad)
    t.ok(r.rc == 1 and "nothing was changed" in r.err, "a damaged copy is refused", r)
    t.eq(sha256(env.db), before, "and the database is unchanged")

    # A copy of another schema version is refused by its opening, with the
    # advice that is true of it: an older one upgraded by a command that
    # writes it (`check` only reads, and could not), a newer one by a newer
    # partnerdesk. Upgraded so, it restores.
    latest = sqlite3.connect(env.db).execute("pragma user_version").fetchone()[0]
    # The latest migration (18) only made search documents again: a copy
    # one schema older has the same tables and indexes.
    BEFORE_LATEST = ""
    for uv, said in ((latest - 1, "run `partnerdesk --db %s list` once to upgrade it"),
                     (latest + 1, "upgrade partnerdesk")):
        other_version = env.path("v%d.db" % uv)
        env.run("backup", other_version)
        c = sqlite3.connect(other_version)
        if uv < latest:
            c.executescript(BEFORE_LATEST)
        c.execute("pragma user_version = %d" % uv)
        c.commit()
        c.close()
        r = env.run("restore", other_version)
        t.ok(r.rc == 1 and said.replace("%s", other_version) in r.err
             and "check" not in r.err and r.err.count("\n") == 1,
             "a copy of schema %d (this program's is %d) is refused, saying what to do" % (uv, latest), r)
        t.eq(sha256(env.db), before, "and the database is unchanged")
    older = env.path("v%d.db" % (latest - 1))
    r = env.run("list", db=False, env={"PARTNERDESK_DB": older})
    r2 = env.run("restore", older)
    t.ok(r.rc == 0 and r2.rc == 0, "upgraded by that command, the older copy restores", r2)
    before = sha256(env.db)   # the same partners, restored

    # A copy whose partner is in a stage, written with sqlite3, that holds a
    # newline and that the config does not list: the stage is quoted as ^J,
    # in check's report and in restore's one-line refusal.
    odd = env.path("odd.db")
    env.run("backup", odd)
    c = sqlite3.connect(odd)
    c.execute("update partners set stage = 'gone' || char(10) || 'away'")
    c.commit()
    c.close()
    r = env.run("check", db=False, env={"PARTNERDESK_DB": odd})
    t.ok(r.rc == 1 and "stage 'gone^Jaway'" in r.out and "gone\naway" not in r.out,
         "check quotes the stage's newline as ^J", r)
    r = env.run("restore", odd)
    t.ok(r.rc == 1 and "stage 'gone^Jaway'" in r.err and r.err.count("\n") == 1,
         "restore's refusal quotes it as ^J too, on one line", r)
    t.eq(sha256(env.db), before, "and the database is unchanged")

    # A copy with a schema of its own: what it adds would come into the desk
    # and act on every colleague's later writes, beyond the copy's own data.
    crafted = [
        ("a trigger of its own", "trigger sweep",
         "create trigger sweep after insert on interactions "
         "begin delete from partners where id <> new.partner_id; end"),
        ("a view of its own", "view peek", "create view peek as select name from partners"),
        ("the audit's guard made harmless", "trigger audit_no_delete",
         "drop trigger audit_no_delete; create trigger audit_no_delete "
         "before delete on audit begin select 1; end"),
    ]
    for what, named, sql_text in crafted:
        copy2 = env.path("crafted-%s.db" % named.split()[1])
        env.run("backup", copy2)
        c = sqlite3.connect(copy2)
        c.executescript(sql_text)
        c.close()
        r = env.run("restore", copy2)
        t.ok(r.rc == 1 and named in r.err and "nothing was changed" in r.err,
             "a copy with %s is refused, naming it" % what, r)
        t.eq(sha256(env.db), before, "and the database is unchanged (%s)" % what)
    r = env.run("check")
    t.ok(r.rc == 0, "the desk checks clean after the refusals", r)
    schema = sqlite3.connect(env.db)
    extra = schema.execute("select name from sqlite_schema "
                           "where name in ('sweep', 'peek')").fetchall()
    schema.close()
    t.eq(extra, [], "no trigger or view of a crafted copy reached the desk")

    # Ids given out after the copy was made are not given again once it
    # is put back: a note or script naming "#5" must not find a stranger.
    ids = env.path("ids.db")
    run = lambda *a: env.run("--db", ids, *a, db=False)
    highest = lambda table: sqlite3.connect(ids).execute(
        "select max(id) from %s" % table).fetchone()[0]
    for name in ("One", "Two", "Three"):
        run("add", "Partner " + name)
        run("contact", "add", "Partner " + name, "Person " + name)
        run("log", "Partner " + name, "met " + name)
    older = env.path("ids-copy.db")
    t.eq(run("backup", older).rc, 0, "a copy after three partners")
    for name in ("Four", "Five"):
        run("add", "Partner " + name)
        run("contact", "add", "Partner " + name, "Person " + name)
        run("log", "Partner " + name, "met " + name)
    fifth = {table: highest(table) for table in ("partners", "contacts", "interactions")}
    t.eq(fifth["partners"], 5, "five partners")
    r = run("restore", older)
    t.ok(r.rc == 0, "the older copy restores", r)
    t.eq(highest("partners"), 3, "holding three partners again")
    run("add", "Partner Six")
    run("contact", "add", "Partner Six", "Person Six")
    run("log", "Partner Six", "met Six")
    for table in ("partners", "contacts", "interactions"):
        now = highest(table)
        t.ok(now > fifth[table], "the next of %s after the restore gets an id past the %d "
             "handed out before it (#%s)" % (table, fifth[table], now))
    r = run("check")
    t.ok(r.rc == 0, "the restored desk checks clean", r)
    r = run("restore", older)
    t.ok(r.rc == 0, "restored once more", r)
    run("add", "Partner Seven")
    t.eq(highest("partners"), 7, "the marks carried twice still hold: the next partner is #7")

    # A new machine, or a desk whose disk was lost: the copy goes in where
    # there is no database yet, the desk is made from it, and there is no
    # empty "as it was" to keep. A copy refused there leaves nothing.
    fresh = env.path("fresh.db")
    r = env.run("--db", fresh, "restore", copy, db=False)
    t.ok(r.rc == 0 and r.out == "restored %s (a new database) from %s\n" % (fresh, copy),
         "restore into a desk not made yet makes it from the copy", r)
    r = env.run("--db", fresh, "list", "--format", "csv", db=False)
    t.ok(r.rc == 0 and "Amgueddfa Cymru" in r.out and "Later Partner" not in r.out,
         "it holds what the copy holds", r)
    t.eq(glob.glob(fresh + ".before-restore-*"), [], "no empty desk kept beside it")
    notcopy = env.path("notcopy.txt")
    with open(notcopy, "w") as f:
        f.write("Name\nSomething\n")
    nowhere = env.path("nowhere.db")
    r = env.run("--db", nowhere, "restore", notcopy, db=False)
    t.ok(r.rc == 1 and "not a copy made by" in r.err and glob.glob(nowhere + "*") == [],
         "a file that is no copy, restored where there is no desk, leaves none", r)
finally:
    env.cleanup()
t.done()
