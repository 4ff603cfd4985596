/* `partnerdesk log PARTNER TEXT`: record a call, email, visit, meeting or
 * event, with an optional follow-up; TEXT `-` reads the note from stdin.
 * `log --edit ID`: correct an entry logged before. */
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "partnerdesk/cli/commands.h"
#include "partnerdesk/cli/keep.h"
#include "partnerdesk/cli/options.h"
#include "partnerdesk/cli/sanitize.h"
#include "partnerdesk/cli/say.h"
#include "partnerdesk/config/kept.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/merge.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/text.h"

static int run(pd_cli *cli, int argc, char **argv);

const pd_command pd_cmd_log = {
	.name = "log",
	.summary = "log a call, email, visit, meeting or event",
	.usage =
	"usage: partnerdesk log PARTNER [--channel C] [--contact NAME] [--follow-up DATE]\n"
	"                       [--at WHEN] [--by STAFF] TEXT...|-\n"
	"       partnerdesk log --edit ID [--channel C] [--contact NAME|none]\n"
	"                       [--follow-up DATE|none] [--at WHEN] [TEXT...|-]\n"
	"\n"
	"Adds to PARTNER's outreach log. TEXT may be several words; '-' reads it\n"
	"from standard input. --channel is one of the configured channels (phone,\n"
	"email, visit, meeting, event, other); when not given, phone if it is one,\n"
	"else the first configured channel. --contact\n"
	"names one of the partner's contact people (a unique prefix will do), or\n"
	"picks one by its id, #ID (see 'partnerdesk contact list PARTNER').\n"
	"--at says when it happened (default now): a DATE, 'DATE HH:MM' in local\n"
	"time, HH:MM alone for today, or an ISO 8601 UTC time; not after today;\n"
	"or as said: 'last fri', '2 days ago', 'yesterday at 3pm', '10 mins ago'.\n"
	"A --follow-up already past is kept, with a warning: it shows as overdue\n"
	"at once. --by names the staff member (default you).\n"
	"DATE: 2026-12-01, today, tomorrow, a weekday (fri), +3d, +2w, +1m, in 2 weeks,\n"
	"sat 5 dec (the weekday checked), end of month (of next month; end of week\n"
	"is Friday; start of next month its 1st), friday week (a week after the\n"
	"coming Friday, as GNU date), 24/11 (a day and month that read one way\n"
	"only; 3/12 is refused naming both).\n"
	"A word a letter off (tommorow) is refused asking for the one meant.\n"
	"\n"
	"While another writer (an import) holds the database, log waits, says so\n"
	"once, and keeps the note in a file under $XDG_DATA_HOME/partnerdesk/kept/;\n"
	"Ctrl-C, or PARTNERDESK_LOCK_WAIT seconds (no limit on a terminal, else\n"
	"600), stop the wait and leave it there with the command that logs it\n"
	"(sh FILE), which names the partner and contact by id. A note read with\n"
	"'-' is kept so whenever it could not be logged; a kept file that fails\n"
	"again keeps it in itself, never in a second file. 'partnerdesk check'\n"
	"lists the kept notes. A note on standard input must be UTF-8 text: one\n"
	"in UTF-16 or holding a NUL byte is refused, and nothing is logged.\n"
	"\n"
	"--edit ID corrects log entry ID (the LOG column of 'agenda', an\n"
	"interaction's id in the JSON of 'show PARTNER'): only what is given\n"
	"changes; TEXT replaces the note, --contact none and --follow-up none\n"
	"clear them. A done follow-up stays done ('agenda undone ID' reopens\n"
	"it). Who logged it stays; the audit trail keeps what it was.\n",
	.run = run,
};

enum { OPT_CHANNEL = PD_OPT__FIRST_FREE, OPT_CONTACT, OPT_FOLLOW_UP, OPT_AT, OPT_BY, OPT_EDIT };

static const struct option options[] = {
	{"channel", required_argument, NULL, OPT_CHANNEL},
	{"contact", required_argument, NULL, OPT_CONTACT},
	{"follow-up", required_argument, NULL, OPT_FOLLOW_UP},
	{"at", required_argument, NULL, OPT_AT},
	{"by", required_argument, NULL, OPT_BY},
	{"edit", required_argument, NULL, OPT_EDIT},
	PD_CLI_COMMON_OPTIONS,
	{NULL, 0, NULL, 0},
};

/* The partner a note is for. A kept file names it by id (#7, see
 * keep_command); one merged into another since has its people and log
 * there, and the kept note goes with them rather than stay kept for good.
 * Only a kept file's own run is redirected: a person who types #7 is
 * told where it went (pd_partner_resolve) and chooses. */
static int64_t note_partner(pd_cli *cli, const char *text)
{
	char *own = text[0] == '#' ? pd_kept_own_file(getenv(PD_KEPT_ENV)) : NULL;
	long id = 0;
	if (own && pd_cli_parse_int(text + 1, 1, 0x7fffffffL, &id)) {
		pd_partner *p = pd_partner_get(cli->db, id, NULL);
		int64_t went = p ? 0 : pd_partner_merged_into(cli->db, id, NULL);
		pd_partner *q = went ? pd_partner_get(cli->db, went, NULL) : NULL;
		if (q)
			pd_cli_warnf(cli, "partner #%ld was merged into #%lld (%s); the kept note is logged there",
			             id, (long long)went, q->name);
		else
			went = 0;
		pd_partner_destroy(p);
		pd_partner_destroy(q);
		if (went) {
			free(own);
			return went;
		}
	}
	free(own);
	return pd_cli_partner(cli, text);
}

/* The words of TEXT joined by spaces. */
static char *join_words(int argc, char **argv)
{
	size_t len = 1;
	for (int i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	char *s = malloc(len);
	if (!s)
		return NULL;
	s[0] = '\0';
	for (int i = 0; i < argc; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, argv[i]);
	}
	return s;
}

/* Line ends as this desk stores them: a note saved on Windows (CRLF)
 * would otherwise carry a CR at the end of each line that every view
 * shows as ^M. A CR alone is left as it is: it ends no line anywhere
 * now, and it is what a note that overwrites itself on a terminal holds,
 * which the views show and the data formats keep exactly. */
static void unix_line_ends(char *s)
{
	char *o = s;
	for (; *s; s++)
		if (!(s[0] == '\r' && s[1] == '\n'))
			*o++ = *s;
	*o = '\0';
}

/* A note on standard input that a C string would cut short (UTF-16, a
 * NUL byte) is refused whole: stored, it would have been cut at the first
 * NUL, and a UTF-16 note would have become its first letter. Nor can it be
 * kept: a kept note is a shell here-document, which holds no NUL. So it is
 * shown, unless it is still in the file standard input reads. True when
 * refused (after saying so). */
static bool refuse_bytes(pd_cli *cli, const char *text, size_t len, FILE *in)
{
	size_t nul;
	pd_text_bytes kind = pd_text_bytes_check(text, len, &nul);
	if (kind == PD_TEXT_BYTES_OK)
		return false;
	bool utf16 = kind != PD_TEXT_BYTES_NUL;
	if (utf16) {
		bool marked = len >= 2 && ((unsigned char)text[0] == 0xFF || (unsigned char)text[0] == 0xFE);
		const char *from = marked ? "UTF-16" : kind == PD_TEXT_BYTES_UTF16LE ? "UTF-16LE" : "UTF-16BE";
		pd_cli_errorf(cli, "the note on standard input is UTF-16 (saved as \"Unicode\"?), not UTF-8 "
		              "text, so nothing was logged; save it as UTF-8, or convert it on the way: "
		              "iconv -f %s -t UTF-8 FILE | partnerdesk log PARTNER -", from);
	} else {
		pd_cli_errorf(cli, "the note on standard input holds a NUL byte (byte %zu), so it is not "
		              "text and nothing was logged; take the NUL bytes out and log it again", nul + 1);
	}
	struct stat st;
	if (fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode)) {
		pd_cli_errorf(cli, "it is not kept (a kept note holds text only); it is still in the file "
		              "you gave on standard input");
		return true;
	}
	/* Shown as read, for the person to copy: UTF-16 decoded, a NUL as ^@. */
	pd_strbuf b = {0};
	if (utf16) {
		b.p = pd_utf16_to_utf8(text, len, kind == PD_TEXT_BYTES_UTF16BE);
		b.failed = !b.p;
	} else {
		pd_strbuf_put(&b, "", 0);
		for (size_t i = 0; i < len;) {
			size_t run = strnlen(text + i, len - i);
			pd_strbuf_put(&b, text + i, run);
			i += run;
			if (i < len) {
				pd_strbuf_put(&b, "^@", 2);
				i++;
			}
		}
	}
	char *shown = b.failed ? NULL : pd_sanitize(b.p, PD_SANITIZE_NEWLINES);
	FILE *e = cli->err ? cli->err : stderr;
	if (shown) {
		pd_cli_errorf(cli, "it is not kept either (a kept note holds text only); here it is%s:",
		              utf16 ? ", read as UTF-16" : "");
		size_t n = strlen(shown);
		fprintf(e, "%s%s", shown, n && shown[n - 1] == '\n' ? "" : "\n");
	} else {
		pd_cli_errorf(cli, "out of memory showing the note, which is not kept either");
	}
	free(shown);
	free(b.p);
	return true;
}

/* An absolute path for the kept command, which may be run from anywhere. */
static void keep_path_arg(pd_cli_keep *k, const char *flag, const char *path)
{
	if (!path)
		return;
	char abs[PATH_MAX], cwd[PATH_MAX];
	pd_cli_keep_arg(k, flag);
	if (realpath(path, abs))
		pd_cli_keep_arg(k, abs);
	else if (path[0] != '/' && getcwd(cwd, sizeof cwd)
	         && snprintf(abs, sizeof abs, "%s/%s", cwd, path) < (int)sizeof abs)
		pd_cli_keep_arg(k, abs);   /* not there (yet): still the one meant here */
	else
		pd_cli_keep_arg(k, path);
}

/* The command that logs the note later, as it would have been logged now:
 * the partner and contact as resolved, by id (an import meanwhile may
 * bring a second "Oak ..." that the name as typed would also match), the
 * channel as resolved, the follow-up as a date ("tomorrow" would move),
 * and --at the time the note was taken. Once. */
static void keep_command(pd_cli *cli, pd_cli_keep *k, const char *partner, const pd_interaction *it,
                         const char *channel, const char *contact, const char *by, time_t now)
{
	if (k->argc)
		return;
	char partner_id[32] = "", contact_id[32] = "", db_abs[PATH_MAX];
	const char *db = cli->db ? pd_db_path(cli->db) : NULL;
	if (db && realpath(db, db_abs))
		db = db_abs;
	if (it->partner_id) {
		snprintf(partner_id, sizeof partner_id, "#%lld", (long long)it->partner_id);
		/* Its name for the file's comments: for people and `check`. */
		pd_error err = {0};
		pd_partner *p = pd_partner_get(cli->db, it->partner_id, &err);
		char *label = NULL;
		if (p && p->name) {
			size_t len = strlen(p->name) + sizeof partner_id + 4;
			label = malloc(len);
			if (label)
				snprintf(label, len, "%s (%s)", p->name, partner_id);
		}
		pd_cli_keep_about(k, label ? label : partner_id, db);
		free(label);
		pd_partner_destroy(p);
		partner = partner_id;
	} else {
		pd_cli_keep_about(k, partner, db);
	}
	if (it->contact_id) {
		snprintf(contact_id, sizeof contact_id, "#%lld", (long long)it->contact_id);
		contact = contact_id;
	}
	keep_path_arg(k, "--config", cli->config_flag);
	keep_path_arg(k, "--db", cli->db ? pd_db_path(cli->db) : cli->db_flag);
	pd_cli_keep_arg(k, "log");
	if (it->channel || channel) {
		pd_cli_keep_arg(k, "--channel");
		pd_cli_keep_arg(k, it->channel ? it->channel : channel);
	}
	if (contact) {
		pd_cli_keep_arg(k, "--contact");
		pd_cli_keep_arg(k, contact);
	}
	if (it->follow_up[0]) {
		pd_cli_keep_arg(k, "--follow-up");
		pd_cli_keep_arg(k, it->follow_up);
	}
	char at[PD_TIME_LEN];
	if (it->at[0])
		memcpy(at, it->at, sizeof at);
	else
		pd_time_format(cli->db ? pd_db_now(cli->db) : now, at);
	pd_cli_keep_arg(k, "--at");
	pd_cli_keep_arg(k, at);
	if (by) {
		pd_cli_keep_arg(k, "--by");
		pd_cli_keep_arg(k, by);
	}
	pd_cli_keep_arg(k, "--");
	pd_cli_keep_arg(k, partner);
	pd_cli_keep_arg(k, "-");
}

/* A note typed at `log PARTNER -` whose session ended (a dropped SSH
 * connection, Ctrl-C, a shutdown) before Ctrl-D: the lines read so far
 * are kept, not logged (the note was not finished), under the partner as
 * typed, with the time it was being typed. Takes text. Ends as the signal
 * would have ended it (128 + N). */
static int keep_unfinished(pd_cli *cli, char *text, const char *partner, const char *channel,
                           const char *contact, const char *by, const char *follow_up,
                           const char *at, time_t now, int sig)
{
	if (*text) {
		pd_cli_keep keep;
		pd_cli_keep_init(&keep, "note", text);
		pd_interaction it = {0};
		memcpy(it.follow_up, follow_up, sizeof it.follow_up);
		memcpy(it.at, at, sizeof it.at);
		keep_command(cli, &keep, partner, &it, channel, contact, by, now);
		char why[160];
		snprintf(why, sizeof why, "%s came before the note was finished (before Ctrl-D)",
		         sig == SIGINT ? "Ctrl-C" : sig == SIGHUP ? "a hang-up (the session ended)" : strsignal(sig));
		pd_cli_keep_save(cli, &keep, why);
		pd_cli_keep_finish(&keep, false);
	}
	free(text);
	return 128 + sig;
}

struct insert_job {
	pd_db *db;
	pd_interaction *it;
};

static bool insert(void *arg, pd_error *err)
{
	struct insert_job *job = arg;
	return pd_interaction_insert(job->db, job->it, err);
}

/* What `log --edit ID` changes: only what is given; the rest of the entry
 * stays as it is, whoever changed it last. */
struct correction {
	const char *channel, *contact, *at;
	char follow_up[PD_DATE_LEN];
	bool follow_up_given;          /* --follow-up DATE or none ("" then) */
	int argc;                      /* the words of TEXT, or "-" */
	char **argv;
};

/* `log --edit ID`: a log entry corrected in place (its note, channel,
 * person, time, follow-up), version-checked like every edit, the old
 * values kept in the audit trail. The staff member who logged it stays. */
static int edit_entry(pd_cli *cli, const char *arg, const struct correction *fix, time_t now)
{
	const pd_command *cmd = &pd_cmd_log;
	long id;
	if (!pd_cli_parse_int(arg[0] == '#' ? arg + 1 : arg, 1, 0x7fffffffL, &id))
		return pd_cli_usage_error(cli, cmd, "--edit takes the ID of a log entry (as 'agenda' and "
		                          "'show --format json' print it), not '%s'", arg);
	char *text = NULL;
	if (fix->argc) {
		bool from_stdin = fix->argc == 1 && strcmp(fix->argv[0], "-") == 0;
		size_t len = 0;
		int stopped = 0;
		text = from_stdin ? pd_cli_keep_read(stdin, &len, &stopped) : join_words(fix->argc, fix->argv);
		if (!text) {
			pd_cli_errorf(cli, from_stdin ? "cannot read the note from standard input" : "out of memory");
			return PD_EXIT_FAIL;
		}
		if (from_stdin && refuse_bytes(cli, text, len, stdin)) {
			free(text);
			return PD_EXIT_FAIL;
		}
		if (stopped) {
			pd_cli_errorf(cli, "log --edit: stopped before the note was finished (before Ctrl-D); "
			              "log entry %ld is unchanged", id);
			free(text);
			return 128 + stopped;
		}
		unix_line_ends(text);
		pd_trim(text);
		if (!*text) {
			free(text);
			return pd_cli_usage_error(cli, cmd, "log --edit: the note is empty (a note stays; give "
			                          "the corrected text, or leave TEXT out to keep it)");
		}
		if (strlen(text) > PD_NOTES_MAX) {
			pd_cli_errorf(cli, "log --edit: the note is %zu bytes; notes hold at most %u; nothing was "
			              "changed", strlen(text), PD_NOTES_MAX);
			free(text);
			return PD_EXIT_FAIL;
		}
	}
	if (!text && !fix->channel && !fix->contact && !fix->at && !fix->follow_up_given)
		return pd_cli_usage_error(cli, cmd, "log --edit %ld: what is to change? give --channel, --contact, "
		                          "--follow-up, --at or the corrected TEXT", id);
	pd_error err = {0};
	pd_interaction it = {0};
	int status = PD_EXIT_FAIL;
	if (!pd_cli_open(cli, 0))
		goto out;
	if (!pd_interaction_get(cli->db, id, &it, &err)) {
		if (err.code == PD_ERR_NOTFOUND)
			pd_cli_errorf(cli, "there is no log entry %ld ('partnerdesk show PARTNER --format json' "
			              "lists a partner's entries with their ids)", id);
		else
			pd_cli_fail(cli, &err);
		goto out;
	}
	if (fix->channel) {
		const char *spelled = pd_cli_channel(cli, fix->channel);
		if (!spelled)
			goto out;
		pd_set_str(&it.channel, spelled);
	}
	if (fix->contact && strcmp(fix->contact, "none") == 0) {
		it.contact_id = 0;
		free(it.removed_contact);   /* with no one: a removed person's name goes too */
		it.removed_contact = NULL;
	} else if (fix->contact) {
		it.contact_id = pd_cli_contact(cli, it.partner_id, fix->contact, "--contact '#ID'");
		if (!it.contact_id)
			goto out;
	}
	if (fix->at)
		memcpy(it.at, fix->at, sizeof it.at);
	if (fix->follow_up_given)
		memcpy(it.follow_up, fix->follow_up, sizeof it.follow_up);
	if (text) {
		free(it.text);
		it.text = text;
		text = NULL;
	}
	free(it.by);
	it.by = NULL;   /* who logged it stays; the audit says who corrected it */
	if (!pd_interaction_update(cli->db, &it, &err)) {
		pd_cli_fail(cli, &err);
		goto out;
	}
	char day[PD_DATE_LEN];
	pd_time_local_date(it.at, day);
	pd_cli_sayf(cli, "corrected %ld: %s with %s on %s%s%s%s%s%s", id, it.channel ? it.channel : "",
	            it.partner_name ? it.partner_name : "partner", day,
	            it.follow_up[0] ? ", follow up " : fix->follow_up_given ? ", no follow-up" : "",
	            pd_date_weekday_abbr(it.follow_up), it.follow_up[0] ? " " : "",
	            it.follow_up, it.follow_up[0] && it.done ? " (done)" : "");
	if (fix->follow_up_given)
		pd_cli_warn_past(cli, "follow-up", it.follow_up, now);
	status = PD_EXIT_OK;
out:
	free(text);
	pd_interaction_finish(&it);
	return status;
}

static int run(pd_cli *cli, int argc, char **argv)
{
	const pd_command *cmd = &pd_cmd_log;
	const char *channel = NULL, *contact = NULL, *by = NULL, *edit = NULL;
	char follow_up[PD_DATE_LEN] = "", at[PD_TIME_LEN] = "";
	bool follow_up_given = false;
	pd_error err = {0};
	time_t now = time(NULL);
	int c;

	while ((c = pd_cli_getopt(argc, argv, "", options)) != -1) {
		switch (c) {
		case OPT_CHANNEL: channel = optarg; break;
		case OPT_CONTACT: contact = optarg; break;
		case OPT_BY: by = optarg; break;
		case OPT_FOLLOW_UP:
			follow_up_given = true;
			follow_up[0] = '\0';
			if (strcmp(optarg, "none") != 0 && !pd_date_parse(optarg, now, follow_up, &err))
				return pd_cli_usage_error(cli, cmd, "--follow-up: %s", err.msg);
			break;
		case OPT_EDIT: edit = optarg; break;
		case OPT_AT:
			if (!pd_when_parse(optarg, now, at, &err))
				return pd_cli_usage_error(cli, cmd, "--at: %s", err.msg);
			break;
		default: {
			int status = pd_cli_option(cli, cmd, options, c, argv);
			if (status != PD_CLI_CONTINUE)
				return status;
		}
		}
	}
	if (edit && by)
		return pd_cli_usage_error(cli, cmd, "log --edit: --by cannot change who logged an entry");
	if (edit) {
		struct correction fix = {channel, contact, at[0] ? at : NULL, "", follow_up_given,
		                         argc - optind, argv + optind};
		memcpy(fix.follow_up, follow_up, sizeof fix.follow_up);
		return edit_entry(cli, edit, &fix, now);
	}
	if (argc - optind < 2)
		return pd_cli_usage_error(cli, cmd, argc == optind ? "log: which PARTNER?"
		                                                   : "log: what happened? give TEXT, or - to read it from stdin");
	bool from_stdin = argc - optind == 2 && strcmp(argv[optind + 1], "-") == 0;
	size_t text_len = 0;
	int stopped = 0;
	char *text = from_stdin ? pd_cli_keep_read(stdin, &text_len, &stopped)
	                        : join_words(argc - optind - 1, argv + optind + 1);
	if (!text) {
		pd_cli_errorf(cli, from_stdin ? "cannot read the note from standard input" : "out of memory");
		return PD_EXIT_FAIL;
	}
	if (from_stdin && refuse_bytes(cli, text, text_len, stdin)) {
		free(text);
		return PD_EXIT_FAIL;
	}
	unix_line_ends(text);
	pd_trim(text);
	if (stopped)
		return keep_unfinished(cli, text, argv[optind], channel, contact, by, follow_up, at, now, stopped);
	if (!*text) {
		free(text);
		return pd_cli_usage_error(cli, cmd, "log: the note is empty");
	}
	/* Said before the desk is asked. Kept as it is, a note too long is
	 * refused again when the kept file is run; but one typed or pasted at
	 * `log -` exists nowhere else, so it is kept to be split, unless it is
	 * still in the file standard input reads. */
	size_t text_bytes = strlen(text);
	bool too_long = text_bytes > PD_NOTES_MAX;
	if (too_long) {
		pd_cli_errorf(cli, "log: the note is %zu bytes; notes hold at most %u: log it in parts; "
		              "nothing was logged", text_bytes, PD_NOTES_MAX);
		struct stat in;
		bool in_file = from_stdin && !getenv(PD_KEPT_ENV) && fstat(fileno(stdin), &in) == 0 &&
		               S_ISREG(in.st_mode);
		if (in_file)
			pd_cli_errorf(cli, "it is still in the file you gave on standard input");
		if (!from_stdin || in_file) {
			free(text);
			return PD_EXIT_FAIL;
		}
	}
	/* A note read from stdin exists nowhere else: whatever stops it from
	 * being logged, it is kept. Words on the command line are still in the
	 * shell's history, so they are kept only when the desk refused them. */
	bool desk_refused = false;
	const char *why = NULL;
	pd_cli_keep keep;
	pd_cli_keep_init(&keep, "note", text);
	int status = PD_EXIT_FAIL;
	pd_interaction it = {0};
	it.text = text;
	memcpy(it.follow_up, follow_up, sizeof it.follow_up);
	if (at[0])
		memcpy(it.at, at, sizeof it.at);
	if (!pd_cli_open(cli, 0))
		goto out;

	const pd_rules *rules = &cli->cfg->rules;
	if (channel) {
		const char *spelled = pd_cli_channel(cli, channel);
		if (!spelled)
			goto out;
		it.channel = strdup(spelled);
	} else {
		it.channel = strdup(pd_strv_find(&rules->channels, "phone") >= 0 || !rules->channels.n
		                    ? "phone" : rules->channels.v[0]);
	}
	it.by = by ? strdup(by) : NULL;
	/* The note's time is when it was taken, not when a wait ended. */
	if (!it.at[0])
		pd_time_format(pd_db_now(cli->db), it.at);

	it.partner_id = note_partner(cli, argv[optind]);
	if (!it.partner_id)
		goto out;
	if (contact) {
		it.contact_id = pd_cli_contact(cli, it.partner_id, contact, "--contact '#ID'");
		if (!it.contact_id)
			goto out;
	}
	if (too_long) {
		why = "it is longer than a note may be; split it, each part a log command of its own";
		goto out;
	}
	keep_command(cli, &keep, argv[optind], &it, channel, contact, by, now);
	struct insert_job job = {cli->db, &it};
	if (!pd_cli_keep_write(cli, &keep, insert, &job, &err)) {
		pd_cli_fail(cli, &err);
		desk_refused = true;
		why = err.code == PD_ERR_BUSY ? "the desk stayed locked by another writer (an import?)" : err.msg;
		goto out;
	}
	pd_partner *p = pd_partner_get(cli->db, it.partner_id, &err);
	const char *with = p && p->name ? p->name : "partner";
	if (it.follow_up[0])
		pd_cli_sayf(cli, "logged %lld: %s with %s, follow up %s %s", (long long)it.id, it.channel, with,
		            pd_date_weekday_abbr(it.follow_up), it.follow_up);
	else
		pd_cli_sayf(cli, "logged %lld: %s with %s", (long long)it.id, it.channel, with);
	pd_partner_destroy(p);
	pd_cli_warn_past(cli, "follow-up", it.follow_up, now);
	status = PD_EXIT_OK;
out:
	if (status != PD_EXIT_OK && (from_stdin || desk_refused)) {
		keep_command(cli, &keep, argv[optind], &it, channel, contact, by, now);
		pd_cli_keep_save(cli, &keep, why ? why : "it could not be logged (see the message above)");
	}
	pd_cli_keep_finish(&keep, status == PD_EXIT_OK);
	/* it.text is ours (text); the rest as the model would free it. */
	pd_interaction_finish(&it);
	return status;
}
