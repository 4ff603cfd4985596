/* Argument handling shared by every subcommand: the common options, usage
 * errors and failures with the exit statuses of DESIGN.md. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/cli/options.h"
#include "partnerdesk/cli/sanitize.h"
#include "partnerdesk/config/paths.h"
#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/branch.h"
#include "partnerdesk/model/date.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/suggest.h"
#include "partnerdesk/model/text.h"

int pd_cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts)
{
	char spec[64];
	snprintf(spec, sizeof spec, ":h%s", shortopts ? shortopts : "");
	opterr = 0;
	return getopt_long(argc, argv, spec, longopts, NULL);
}

/* What to add to "unknown option": the option meant, when the word is a
 * likely typo of one ("--chanel", "--folow-up"), or where a note goes for
 * a command that takes it as words ("log --note"). Empty when neither. */
static void option_hint(const pd_command *cmd, const struct option *longopts, const char *word,
                        char *hint, size_t len)
{
	hint[0] = '\0';
	char typed[64];
	if (!pd_cli_long_option_name(word, typed, sizeof typed))
		return;
	/* The options getopt was given, not the usage's words: contact's
	 * subcommands share one usage, and edit's names --FIELD. */
	const char *known[64];
	size_t n = 0;
	for (const struct option *o = longopts; o && o->name && n < sizeof known / sizeof *known; o++)
		known[n++] = o->name;
	const char *guess = pd_suggest(typed, known, n);
	if (guess) {
		snprintf(hint, len, "; did you mean --%s?", guess);
		return;
	}
	static const char *const note_words[] = {"note", "notes", "text", "message", "comment"};
	if (!strstr(cmd->usage, "TEXT...|-"))
		return;
	for (size_t i = 0; i < sizeof note_words / sizeof *note_words; i++)
		if (pd_ascii_casecmp(typed, note_words[i]) == 0) {
			snprintf(hint, len, "; the note is the words after the partner, as in "
			         "partnerdesk %s PARTNER 'Called about the fair'", cmd->name);
			return;
		}
}

int pd_cli_option(pd_cli *cli, const pd_command *cmd, const struct option *longopts, int c, char **argv)
{
	switch (c) {
	case PD_OPT_DB:
		if (!*optarg)
			return pd_cli_usage_error(cli, cmd, "%s: %s", cmd->name, PD_PATHS_EMPTY_DB_FLAG);
		cli->db_flag = optarg;
		return PD_CLI_CONTINUE;
	case PD_OPT_CONFIG:
		cli->config_flag = optarg;
		return PD_CLI_CONTINUE;
	case 'h':
	case PD_OPT_HELP:
		if (cmd->help)
			return cmd->help(cli);
		fputs(cmd->usage, cli->out);
		return PD_EXIT_OK;
	case ':':
		if (optopt && optopt < 0x100)
			return pd_cli_usage_error(cli, cmd, "%s: option '-%c' needs a value", cmd->name, optopt);
		return pd_cli_usage_error(cli, cmd, "%s: option '%s' needs a value", cmd->name, argv[optind - 1]);
	case '?':
	default: {
		/* "-5 Club" or "-3 degrees outside" is a name or a note, not an
		 * option: say how to pass it. The word is the one getopt is still
		 * inside, or the one it just finished. */
		const char *word = argv[optind - 1];
		if (optopt && optopt < 0x100 && argv[optind] && argv[optind][0] == '-' &&
		    strchr(argv[optind] + 1, optopt))
			word = argv[optind];
		bool text = word && (strchr(word, ' ') || (optopt && optopt < 0x100 && isdigit(optopt)));
		char guess[160];
		/* A letter (optopt) was no option: argv[optind - 1] is then the
		 * word before its cluster ("--reverse -xy"), no typo of it. */
		option_hint(cmd, longopts, text || optopt ? NULL : argv[optind - 1], guess, sizeof guess);
		const char *hint = text ? "; put -- before a name or text that starts with -" : guess;
		if (optopt && optopt < 0x100)
			return pd_cli_usage_error(cli, cmd, "%s: unknown option '-%c'%s", cmd->name, optopt, hint);
		return pd_cli_usage_error(cli, cmd, "%s: unknown option '%s'%s", cmd->name, argv[optind - 1], hint);
	}
	}
}

int pd_cli_force_only(pd_cli *cli, const pd_command *cmd, int argc, char **argv, bool *force)
{
	enum { OPT_FORCE = PD_OPT__FIRST_FREE };
	static const struct option options[] = {
		{"force", no_argument, NULL, OPT_FORCE},
		PD_CLI_COMMON_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	*force = false;
	int c;
	while ((c = pd_cli_getopt(argc, argv, "", options)) != -1) {
		if (c == OPT_FORCE) {
			*force = true;
			continue;
		}
		int status = pd_cli_option(cli, cmd, options, c, argv);
		if (status != PD_CLI_CONTINUE)
			return status;
	}
	return PD_CLI_CONTINUE;
}

const char *pd_cli_guess(const char *typed, const char *const *words, size_t n)
{
	/* Under six letters, two off only from the same first letter (the
	 * one least often mistyped): "vcrd" is vcf, but "xml" is no yaml,
	 * and "--sort date" means a date, not the name. Of three letters,
	 * one off: "jsn" is json. Longer, as many as a typo makes
	 * (pd_suggest_near): "letter" is no channel "other". A word cut
	 * short ("upd", "meet") is still the one it starts. */
	const char *guess = pd_suggest(typed, words, n);
	if (!guess || pd_ascii_ncasecmp(guess, typed, strlen(typed)) == 0)
		return guess;
	size_t chars = pd_utf8_chars(typed);
	size_t allowed = chars < 4 ? 1
	               : chars < 6 ? (pd_ascii_tolower((unsigned char)guess[0]) ==
	                              pd_ascii_tolower((unsigned char)typed[0]) ? 2 : 1)
	               : pd_suggest_near(chars);
	return pd_suggest_distance(typed, guess, allowed) <= allowed ? guess : NULL;
}

int pd_cli_not_one_of(pd_cli *cli, const pd_command *cmd, const char *what, const char *typed,
                      const char *const *values)
{
	/* "table, csv, json or yaml"; an empty value (edit's --scale "",
	 * which clears it) is no word to list or guess. */
	const char *words[32];
	size_t n = 0;
	for (size_t i = 0; values[i] && n < sizeof words / sizeof *words; i++)
		if (*values[i])
			words[n++] = values[i];
	char names[256] = "";
	size_t len = 0;
	for (size_t i = 0; i < n && len < sizeof names; i++)
		len += (size_t)snprintf(names + len, sizeof names - len, "%s%s",
		                        i == 0 ? "" : i + 1 == n ? " or " : ", ", words[i]);
	const char *guess = pd_cli_guess(typed, words, n);
	if (guess)
		return pd_cli_usage_error(cli, cmd, "%s is %s, not '%s' (did you mean '%s'?)", what, names, typed, guess);
	return pd_cli_usage_error(cli, cmd, "%s is %s, not '%s'", what, names, typed);
}

int pd_cli_format(pd_cli *cli, const pd_command *cmd, const char *const *formats, const char **format)
{
	if (pd_cli_one_of(optarg, formats)) {
		*format = optarg;
		return PD_CLI_CONTINUE;
	}
	return pd_cli_not_one_of(cli, cmd, "--format", optarg, formats);
}

int pd_cli_excel_format(pd_cli *cli, const pd_command *cmd, bool excel, const char **format,
                        const char *plain, const char *from_file)
{
	if (!*format)
		*format = excel ? "csv" : plain;
	else if (excel && pd_ascii_casecmp(*format, "csv") != 0 && !from_file)
		return pd_cli_usage_error(cli, cmd, "--excel writes CSV, not %s (--format %s); "
		                          "drop --format or --excel", *format, *format);
	else if (excel && pd_ascii_casecmp(*format, "csv") != 0)
		return pd_cli_usage_error(cli, cmd, "--excel writes CSV, not %s (the extension of %s); "
		                          "drop --excel, or name a .csv file", *format, from_file);
	return PD_CLI_CONTINUE;
}

int pd_cli_usage_error(pd_cli *cli, const pd_command *cmd, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	pd_cli_errorf(cli, "%s", msg);
	/* The synopsis alone, as git does: the whole help would scroll the
	 * line that says what was wrong off a small terminal. */
	const char *end = strstr(cmd->usage, "\n\n");
	size_t n = end ? (size_t)(end - cmd->usage) + 1 : strlen(cmd->usage);
	fwrite(cmd->usage, 1, n, cli->err);
	fprintf(cli->err, "see 'partnerdesk %s --help'\n", cmd->name);
	return PD_EXIT_USAGE;
}

int pd_cli_check_reach(pd_cli *cli, const pd_command *cmd, pd_reach what, const char *value)
{
	char why[512];
	if (pd_reach_check(what, value, why, sizeof why))
		return PD_CLI_CONTINUE;
	return pd_cli_usage_error(cli, cmd, "%s", why);
}

bool pd_cli_set_reach(char **field, const char *value)
{
	char *v = pd_strdup(value ? value : "");
	if (!v)
		return false;
	if (!*pd_trim(v)) {
		free(v);
		v = NULL;
	}
	free(*field);
	*field = v;
	return true;
}

static bool strcasestr_ascii(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (pd_ascii_ncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

int pd_cli_fail(pd_cli *cli, const pd_error *err)
{
	const char *msg = err->msg[0] ? err->msg : "failed (no detail)";
	/* A conflict must read as one, whatever words the model chose. */
	if (err->code == PD_ERR_CONFLICT && !strcasestr_ascii(msg, "conflict"))
		pd_cli_errorf(cli, "conflict: %s", msg);
	else
		pd_cli_errorf(cli, "%s", msg);
	return PD_EXIT_FAIL;
}

/* vsnprintf into an allocated string; its length, or -1. */
static int format_alloc(char **out, const char *spec, ...)
{
	va_list ap, ap2;
	va_start(ap, spec);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, spec, ap);
	va_end(ap);
	*out = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (*out)
		vsnprintf(*out, (size_t)n + 1, spec, ap2);
	else
		n = -1;
	va_end(ap2);
	return n;
}

void pd_cli_format_one(const char **fmt, va_list *ap, pd_strbuf *b)
{
	const char *p = *fmt + 1;
	char spec[32];
	size_t n = 0;
	int args[2], nargs = 0;
	spec[n++] = '%';
	while (*p && strchr("-+ #0", *p) && n < 8)
		spec[n++] = *p++;
	for (int part = 0; part < 2; part++) {
		if (part == 1) {
			if (*p != '.')
				break;
			spec[n++] = *p++;
		}
		if (*p == '*') {
			spec[n++] = *p++;
			args[nargs++] = va_arg(*ap, int);
		} else {
			while (isdigit((unsigned char)*p) && n < 20)
				spec[n++] = *p++;
		}
	}
	int longs = 0;
	bool size = false, big = false;
	while (*p && strchr("hlzjtL", *p) && n < 26) {
		if (*p == 'l')
			longs++;
		else if (*p == 'z' || *p == 'j' || *p == 't')
			size = true;
		else if (*p == 'L')
			big = true;
		spec[n++] = *p++;
	}
	char conv = *p ? *p++ : '\0';
	spec[n++] = conv;
	spec[n] = '\0';
	*fmt = p;

	char *text = NULL;
	int len = -1;
#define PD_FORMAT_ONE(value) \
	(len = nargs == 2 ? format_alloc(&text, spec, args[0], args[1], value) \
	       : nargs == 1 ? format_alloc(&text, spec, args[0], value) \
	       : format_alloc(&text, spec, value))
	switch (conv) {
	case 'd': case 'i':
		if (size) PD_FORMAT_ONE(va_arg(*ap, intmax_t));
		else if (longs >= 2) PD_FORMAT_ONE(va_arg(*ap, long long));
		else if (longs == 1) PD_FORMAT_ONE(va_arg(*ap, long));
		else PD_FORMAT_ONE(va_arg(*ap, int));
		break;
	case 'u': case 'o': case 'x': case 'X':
		if (size) PD_FORMAT_ONE(va_arg(*ap, uintmax_t));
		else if (longs >= 2) PD_FORMAT_ONE(va_arg(*ap, unsigned long long));
		else if (longs == 1) PD_FORMAT_ONE(va_arg(*ap, unsigned long));
		else PD_FORMAT_ONE(va_arg(*ap, unsigned));
		break;
	case 'f': case 'e': case 'g': case 'F': case 'E': case 'G':
		if (big) PD_FORMAT_ONE(va_arg(*ap, long double));
		else PD_FORMAT_ONE(va_arg(*ap, double));
		break;
	case 'c': PD_FORMAT_ONE(va_arg(*ap, int)); break;
	case 's': PD_FORMAT_ONE(va_arg(*ap, const char *)); break;
	case 'p': PD_FORMAT_ONE(va_arg(*ap, void *)); break;
	case '%': pd_strbuf_put(b, "%", 1); return;
	default: return;   /* none the command line uses: left out */
	}
#undef PD_FORMAT_ONE
	if (len < 0)
		return;
	if (conv == 's' || conv == 'c') {
		/* A name (or any data) shows as the tables show it: a TAB or
		 * newline in it is ^I / ^J, not layout. */
		char *clean = pd_sanitize(text, 0);
		if (clean)
			pd_strbuf_put(b, clean, strlen(clean));
		else
			b->failed = true;
		free(clean);
	} else {
		pd_strbuf_put(b, text, (size_t)len);
	}
	free(text);
}

void pd_cli_printf(pd_cli *cli, const char *fmt, ...)
{
	/* The format's own newlines and tabs are layout and stay; what the
	 * arguments bring is data and is sanitized. */
	pd_strbuf b = {0};
	va_list ap;
	va_start(ap, fmt);
	pd_strbuf_put(&b, "", 0);
	for (const char *p = fmt; *p;) {
		if (*p == '%') {
			pd_cli_format_one(&p, &ap, &b);
			continue;
		}
		size_t run = strcspn(p, "%");
		pd_strbuf_put(&b, p, run);
		p += run;
	}
	va_end(ap);
	if (!b.failed)
		fputs(b.p, cli->out);
	free(b.p);
}

void pd_cli_print_text(pd_cli *cli, const char *s, size_t len)
{
	char *part = strndup(s ? s : "", s ? len : 0);
	char *clean = part ? pd_sanitize(part, PD_SANITIZE_NEWLINES) : NULL;
	if (clean)
		fputs(clean, cli->out);
	free(clean);
	free(part);
}

void pd_cli_warnf(pd_cli *cli, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	pd_cli_errorf(cli, "warning: %s", msg);
}

void pd_cli_warn_past(pd_cli *cli, const char *what, const char *date, time_t now)
{
	char today[PD_DATE_LEN];
	pd_date_today(now, today);
	if (date && *date && strcmp(date, today) < 0)
		pd_cli_warnf(cli, "%s %s is already past; it shows as overdue", what, date);
}

void pd_cli_warn_same_name(pd_cli *cli, const char *name, int64_t self_id)
{
	pd_error err = {0};
	int64_t same[4];
	size_t n = pd_partner_find_same_name(cli->db, name, same, 4, &err);
	for (size_t i = 0; i < n; i++)
		if (same[i] != self_id) {
			pd_cli_warnf(cli, "a partner with this name already exists (id %lld)", (long long)same[i]);
			return;
		}
}

void pd_cli_no_stage(pd_cli *cli, const char *typed)
{
	const pd_rules *rules = &cli->cfg->rules;
	const char *names[64];
	char list[512];
	size_t n = 0;
	for (; n < rules->n_stages && n < 64; n++)
		names[n] = rules->stages[n].name;
	const char *guess = pd_suggest(typed, names, n);
	if (guess)
		pd_cli_errorf(cli, "'%s' is not a stage (did you mean '%s'?); the stages are: %s", typed, guess,
		              pd_cli_join(names, n, list, sizeof list));
	else
		pd_cli_errorf(cli, "'%s' is not a stage; the stages are: %s", typed,
		              pd_cli_join(names, n, list, sizeof list));
}

const char *pd_cli_channel(pd_cli *cli, const char *typed)
{
	const pd_strv *ch = &cli->cfg->rules.channels;
	if (!ch->n)
		return typed;
	long i = pd_strv_find(ch, typed);
	if (i >= 0)
		return ch->v[i];
	const char *guess = pd_cli_guess(typed, (const char *const *)ch->v, ch->n);
	char list[512];
	pd_cli_join((const char *const *)ch->v, ch->n, list, sizeof list);
	if (guess)
		pd_cli_errorf(cli, "'%s' is not a channel (did you mean '%s'?); the channels are: %s", typed, guess, list);
	else
		pd_cli_errorf(cli, "'%s' is not a channel; the channels are: %s", typed, list);
	return NULL;
}

/* "'X' is not a configured WHAT", then the one a typo of listed most
 * likely meant, else (when list_them) the listed ones, then tail. */
static void warn_unlisted(pd_cli *cli, const char *what, const char *typed, const pd_strv *listed,
                          bool list_them, const char *tail)
{
	const char *guess = pd_cli_guess(typed, (const char *const *)listed->v, listed->n);
	char list[1024];
	if (guess)
		pd_cli_warnf(cli, "'%s' is not a configured %s (did you mean '%s'?)%s%s", typed, what, guess,
		             tail ? "; " : "", tail ? tail : "");
	else if (list_them)
		pd_cli_warnf(cli, "'%s' is not a configured %s (%s)%s%s", typed, what,
		             pd_cli_join((const char *const *)listed->v, listed->n, list, sizeof list),
		             tail ? "; " : "", tail ? tail : "");
	else
		pd_cli_warnf(cli, "'%s' is not a configured %s%s%s", typed, what, tail ? "; " : "", tail ? tail : "");
}

void pd_cli_warn_kind(pd_cli *cli, const char *kind, const char *tail)
{
	warn_unlisted(cli, "kind", kind, &cli->cfg->rules.kinds, true, tail);
}

void pd_cli_warn_audience(pd_cli *cli, const char *audience)
{
	/* Not listed when no guess: an audience of the library's own ("dog
	 * owners") is as welcome as a configured one. */
	warn_unlisted(cli, "audience", audience, &cli->cfg->rules.audiences, false, "kept as written");
}

bool pd_cli_branches_as_spelled(pd_cli *cli, pd_strv *branches)
{
	pd_error err = {0};
	pd_strv desk = {0};
	if (!pd_branches_list(cli->db, &desk, &err)) {
		pd_cli_fail(cli, &err);
		return false;
	}
	pd_strv fresh = {0};
	bool ok = pd_branches_spell(&desk, branches, &fresh);
	if (!ok)
		pd_cli_errorf(cli, "out of memory");
	for (size_t i = 0; ok && i < fresh.n; i++) {
		char note[1024];
		pd_branch_new_note(&desk, fresh.v[i], note, sizeof note);
		pd_cli_warnf(cli, "%s", note);
	}
	pd_strv_clear(&fresh);
	pd_strv_clear(&desk);
	return ok;
}

bool pd_cli_long_option_name(const char *word, char *name, size_t size)
{
	if (!word || strncmp(word, "--", 2) != 0 || !word[2])
		return false;
	size_t n = strcspn(word + 2, "=");
	if (n >= size)
		return false;
	memcpy(name, word + 2, n);
	name[n] = '\0';
	return true;
}

bool pd_cli_one_of(const char *s, const char *const *choices)
{
	for (size_t i = 0; s && choices[i]; i++)
		if (strcmp(s, choices[i]) == 0)
			return true;
	return false;
}

const char *pd_cli_names_one_of(const char *s, const char *const *choices)
{
	for (size_t i = 0; s && choices[i]; i++)
		if (pd_ascii_casecmp(s, choices[i]) == 0)
			return choices[i];
	return NULL;
}

const char *pd_cli_join(const char *const *choices, size_t n, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && used < size; i++) {
		int w = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", choices[i]);
		if (w < 0)
			break;
		used += (size_t)w;
	}
	return buf;
}

bool pd_cli_parse_int(const char *s, long min, long max, long *out)
{
	if (!s || !*s)
		return false;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	/* errno: strtol clamps an overflow to LONG_MAX, which max may allow. */
	if (*end || errno || v < min || v > max)
		return false;
	*out = v;
	return true;
}

int64_t pd_cli_partner(pd_cli *cli, const char *text)
{
	pd_error err = {0};
	int64_t id = pd_partner_resolve(cli->db, text, &err);
	if (id <= 0) {
		pd_cli_fail(cli, &err);
		return 0;
	}
	return id;
}

int pd_cli_partner_operand(pd_cli *cli, const pd_command *cmd, int argc, const char *what)
{
	if (argc == optind)
		return pd_cli_usage_error(cli, cmd, "%s: which PARTNER?", what);
	if (argc - optind > 1)
		return pd_cli_usage_error(cli, cmd, "%s takes one PARTNER; quote a name with spaces", what);
	return PD_CLI_CONTINUE;
}

int pd_cli_one_partner(pd_cli *cli, const pd_command *cmd, int argc, char **argv, const char *what,
	unsigned flags, int64_t *id)
{
	int status = pd_cli_partner_operand(cli, cmd, argc, what);
	if (status != PD_CLI_CONTINUE)
		return status;
	if (!pd_cli_open(cli, flags) || !(*id = pd_cli_partner(cli, argv[optind])))
		return PD_EXIT_FAIL;
	return PD_CLI_CONTINUE;
}
