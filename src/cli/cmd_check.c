/* `partnerdesk check`: the database's integrity and schema, each finding on
 * a line; exit 0 when there are none. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "partnerdesk/cli/commands.h"
#include "partnerdesk/cli/options.h"
#include "partnerdesk/cli/say.h"
#include "partnerdesk/config/kept.h"
#include "partnerdesk/io/kept_forms.h"
#include "partnerdesk/model/contact_check.h"
#include "partnerdesk/model/likely_same.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/repair.h"
#include "partnerdesk/model/text.h"
#include "partnerdesk/model/date.h"

static int run(pd_cli *cli, int argc, char **argv);

const pd_command pd_cmd_check = {
	.name = "check",
	.summary = "check the database's integrity and schema",
	.usage =
	"usage: partnerdesk check [--repair]\n"
	"\n"
	"Checks the database: SQLite's integrity and foreign keys, the schema\n"
	"version, and partnerdesk's own rules over the data, among them partners\n"
	"in a stage the config does not list; and the config's keys: section.\n"
	"Prints each finding; exits 0 when there are none, 1 otherwise. Nothing\n"
	"is changed.\n"
	"--repair first remakes what the desk derives from what was typed and\n"
	"check finds stale (name and sort keys, website and email keys,\n"
	"similar-name keys, search documents, last contact, next follow-up),\n"
	"says how many of each, then checks. It changes nothing anyone typed.\n"
	"A stored website, phone or email that can't be one (an import keeps\n"
	"them) is a warning, not a finding: the exit status stays as it is.\n"
	"Then lists the notes 'log' kept in $XDG_DATA_HOME/partnerdesk/kept/\n"
	"because it could not save them, one line each (when, for whom, the\n"
	"first words, and the sh FILE that logs it), and how many forms the\n"
	"interface kept there at an exit this desk would not take them (its next\n"
	"start offers them back); they are not findings and leave the exit\n"
	"status as it is.\n"
	"Then lists the pairs of partners likely the same one (the same name,\n"
	"accents aside; a similar name: without an article, legal form or\n"
	"plural, & as and, St as Saint; or a website host or email domain they\n"
	"share), each with the merge that would put the later added into the\n"
	"earlier; they are not findings either.\n",
	.run = run,
};

enum { OPT_REPAIR = PD_OPT__FIRST_FREE };

static const struct option options[] = {
	PD_CLI_COMMON_OPTIONS,
	{"repair", no_argument, NULL, OPT_REPAIR},
	{NULL, 0, NULL, 0},
};

/* The notes `log` kept when it could not save them. They are not the
 * database's problems and leave the exit status alone, but a kept note
 * nobody runs never reaches the log, and check is where a person looks
 * when something seems missing. */
static void list_kept(pd_cli *cli)
{
	pd_kept_notes ks = {0};
	pd_error err = {0};
	if (!pd_kept_list(&ks, &err)) {
		pd_cli_warnf(cli, "cannot list the kept notes: %s", err.msg);
		return;
	}
	if (!ks.n)
		return;
	char here[PATH_MAX], there[PATH_MAX];
	const char *db = realpath(pd_db_path(cli->db), here) ? here : pd_db_path(cli->db);
	pd_cli_sayf(cli, "%zu note%s kept, not yet logged (the desk was busy or the log failed); "
	            "sh FILE logs one:", ks.n, ks.n == 1 ? "" : "s");
	for (size_t i = 0; i < ks.n; i++) {
		const pd_kept_note *k = &ks.v[i];
		char when[PD_MINUTE_LEN];
		pd_time_local_minute(k->at, when);
		if (!when[0])
			snprintf(when, sizeof when, "(time unknown)");
		const char *other = NULL;
		if (k->database && strcmp(realpath(k->database, there) ? there : k->database, db) != 0)
			other = k->database;
		/* One line each, whatever a file says it is for. */
		char what_for[128];
		pd_utf8_fit(what_for, sizeof what_for, k->what_for ? k->what_for : "(partner unknown)", 100);
		char *word = pd_shell_word(k->path);   /* one word to sh, spaces and all */
		pd_cli_sayf(cli, "  %s  %s%s%s  \"%s\"  sh %s", when, what_for, other ? " in " : "",
		            other ? other : "", k->words, word ? word : k->path);
		free(word);
	}
	pd_kept_notes_finish(&ks);
}

/* Forms the interface kept in a file at an exit the desk would not take
 * them (kept_forms.h): the next start on this desk offers them back, but
 * whoever runs check is looking for them now. */
static void list_kept_forms(pd_cli *cli)
{
	char *dir = pd_kept_dir();
	pd_kept_forms_back b = {0};
	pd_error err = {0};
	if (!dir || !pd_kept_forms_look(pd_db_path(cli->db), dir, &b, &err)) {
		pd_cli_warnf(cli, "cannot list the kept forms: %s", dir ? err.msg
		             : "cannot tell where your data directory is (set HOME or XDG_DATA_HOME)");
		pd_kept_forms_back_finish(&b);
		free(dir);
		return;
	}
	if (b.forms)
		pd_cli_sayf(cli, "%zu unsaved form%s kept in %zu file%s of %s (the desk would not take %s "
		            "at exit); the next start of the interface on this desk offers %s back as drafts",
		            b.forms, b.forms == 1 ? "" : "s", b.files, b.files == 1 ? "" : "s", dir,
		            b.forms == 1 ? "it" : "them", b.forms == 1 ? "it" : "them");
	if (b.waiting)
		pd_cli_sayf(cli, "%s holds unsaved forms its session still waits to write into this desk",
		            b.waiting);
	if (b.unread)
		pd_cli_sayf(cli, "%s cannot be read back whole (%s); cat shows what was typed", b.unread, b.why);
	pd_kept_forms_back_finish(&b);
	free(dir);
}

/* Websites, phones and emails that can't be one, as an import keeps them:
 * warnings, not findings (the database is sound, and a backup must go
 * back as it is), but check is where a typo the import said once can be
 * found again before the mail bounces. */
static void list_reach(pd_cli *cli)
{
	pd_strv bad = {0};
	pd_error err = {0};
	if (!pd_reach_stored(cli->db, &bad, &err))
		pd_cli_warnf(cli, "cannot look at the stored websites, phones and emails: %s", err.msg);
	for (size_t i = 0; i < bad.n; i++)
		pd_cli_warnf(cli, "%s", bad.v[i]);
	/* What puts one right, once: a warning alone left the typo in place. */
	if (bad.n)
		pd_cli_sayf(cli, "%zu stored website, phone or email value%s (warned of above) cannot be one: "
		            "'partnerdesk edit ID --website URL' (or --phone, --email; '' clears one) puts a "
		            "partner's right, 'partnerdesk contact edit PARTNER #ID --email ADDRESS' a person's",
		            bad.n, bad.n == 1 ? "" : "s");
	pd_strv_clear(&bad);
}

/* How merge is told partner id: its name as one shell word when the name
 * says that partner alone, else "#ID" (the name is shared, or is a number
 * that is an id as well). */
static char *merge_word(pd_cli *cli, int64_t id, const char *name)
{
	pd_error err = {0};
	char num[32];
	snprintf(num, sizeof num, "#%lld", (long long)id);
	bool by_name = name && pd_partner_resolve(cli->db, name, &err) == id;
	return pd_shell_word(by_name ? name : num);
}

/* Partners likely added twice: not the database's problem (two branches
 * may really work with two Friends of the Library), but an import that
 * made a partner twice is found here, with the command that puts it right. */
static void list_likely(pd_cli *cli)
{
	pd_likely_list pairs = {0};
	pd_error err = {0};
	if (!pd_partner_likely_pairs(cli->db, &pairs, &err)) {
		pd_cli_warnf(cli, "cannot look for partners likely the same: %s", err.msg);
		return;
	}
	size_t n = pairs.n / 2;
	if (n)
		pd_cli_sayf(cli, "%zu pair%s of partners likely the same; if so, the merge puts the later "
		            "added into the earlier (--dry-run first says what would move):", n, n == 1 ? "" : "s");
	for (size_t i = 0; i + 1 < pairs.n; i += 2) {
		const pd_likely *a = &pairs.v[i], *b = &pairs.v[i + 1];
		char why[100];
		pd_likely_why_text(a->why, why, sizeof why);
		char *from = merge_word(cli, b->id, b->name), *into = merge_word(cli, a->id, a->name);
		pd_cli_sayf(cli, "  #%lld %s and #%lld %s (%s): partnerdesk merge %s %s", (long long)a->id,
		            a->name ? a->name : "", (long long)b->id, b->name ? b->name : "", why,
		            from ? from : "", into ? into : "");
		free(from);
		free(into);
	}
	pd_likely_list_finish(&pairs);
}

/* --repair: what was remade, one count each, before the check says
 * whether anything is left. */
static bool repair(pd_cli *cli, pd_error *err)
{
	pd_repair_counts r;
	if (!pd_db_repair(cli->db, &r, err))
		return false;
	if (!pd_repair_total(&r)) {
		pd_cli_sayf(cli, "nothing to repair");
		return true;
	}
	const struct {
		long n;
		const char *one, *many;
	} said[] = {
		{r.name_keys, "name key", "name keys"},
		{r.contact_keys, "contact's name key", "contacts' name keys"},
		{r.order_keys, "name-order key", "name-order keys"},
		{r.domain_keys, "partner's website and email keys", "partners' website and email keys"},
		{r.loose_keys, "similar-name key", "similar-name keys"},
		{r.search, "search document", "search documents"},
		{r.last_contacts, "last-contact time", "last-contact times"},
		{r.next_follow_ups, "next follow-up date", "next follow-up dates"},
	};
	pd_cli_printf(cli, "repaired:");
	const char *sep = " ";
	for (size_t i = 0; i < sizeof said / sizeof *said; i++) {
		if (!said[i].n)
			continue;
		pd_cli_printf(cli, "%s%ld %s", sep, said[i].n, said[i].n == 1 ? said[i].one : said[i].many);
		sep = ", ";
	}
	pd_cli_printf(cli, "\n");
	return true;
}

static int run(pd_cli *cli, int argc, char **argv)
{
	const pd_command *cmd = &pd_cmd_check;
	int c;
	bool repair_first = false;
	while ((c = pd_cli_getopt(argc, argv, "", options)) != -1) {
		if (c == OPT_REPAIR) {
			repair_first = true;
			continue;
		}
		int status = pd_cli_option(cli, cmd, options, c, argv);
		if (status != PD_CLI_CONTINUE)
			return status;
	}
	if (optind < argc)
		return pd_cli_usage_error(cli, cmd, "check takes no operands");
	/* Read-only: a check never migrates or repairs what it looks at,
	 * unless told to repair (which opens it as every writer does). */
	if (!pd_cli_open(cli, repair_first ? 0 : PD_OPEN_READONLY))
		return PD_EXIT_FAIL;

	pd_error err = {0};
	if (repair_first && !repair(cli, &err))
		return pd_cli_fail(cli, &err);
	pd_check_report report = {0};
	if (!pd_db_check(cli->db, &report, &err))
		return pd_cli_fail(cli, &err);
	for (size_t i = 0; i < report.n_lines; i++)
		pd_cli_say_under(cli, "", report.lines[i]);
	/* The config's keys are refused only when the interface starts: an
	 * administrator testing an edited config with `check` must see it
	 * before every colleague's interface refuses to start. */
	pd_error kerr = {0};
	bool keys_ok = !cli->check_keys || cli->check_keys(cli->cfg, &kerr);
	if (!keys_ok)
		pd_cli_say_under(cli, "", kerr.msg);
	size_t problems = report.n_lines + !keys_ok;
	if (report.ok && keys_ok)
		pd_cli_sayf(cli, "%s: ok (schema %d)", pd_db_path(cli->db), pd_db_schema_version(cli->db));
	else
		pd_cli_errorf(cli, "%s: %zu problem%s found", pd_db_path(cli->db), problems,
		              problems == 1 ? "" : "s");
	/* Derived data has nothing a person can edit to put it right. */
	if (report.repairable && report.repairable == problems)
		pd_cli_sayf(cli, "partnerdesk check --repair remakes %s (what is derived from what was "
		            "typed: nothing to edit)", problems == 1 ? "it" : "them");
	else if (report.repairable)
		pd_cli_sayf(cli, "partnerdesk check --repair remakes %zu of them (what is derived from "
		            "what was typed: nothing to edit)", report.repairable);
	list_reach(cli);
	list_kept(cli);
	list_kept_forms(cli);
	list_likely(cli);
	int status = report.ok && keys_ok ? PD_EXIT_OK : PD_EXIT_FAIL;
	pd_check_report_finish(&report);
	return status;
}
