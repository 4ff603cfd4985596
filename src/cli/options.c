/* Argument handling shared by every subcommand: the common options, usage
 * errors and failures with the exit statuses of DESIGN.md. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "partnerdesk/cli/options.h"
#include "partnerdesk/cli/sanitize.h"
#include "partnerdesk/model/date.h"
#include "partnerdesk/model/partner.h"

int pd_cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts)
{
	char spec[64];
	snprintf(spec, sizeof spec, ":h%s", shortopts ? shortopts : "");
	opterr = 0;
	return getopt_long(argc, argv, spec, longopts, NULL);
}

int pd_cli_option(pd_cli *cli, const pd_command *cmd, int c, char **argv)
{
	switch (c) {
	case PD_OPT_DB:
		cli->db_flag = optarg;
		return PD_CLI_CONTINUE;
	case PD_OPT_CONFIG:
		cli->config_flag = optarg;
		return PD_CLI_CONTINUE;
	case 'h':
	case PD_OPT_HELP:
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
		const char *hint = text ? "; put -- before a name or text that starts with -" : "";
		if (optopt && optopt < 0x100)
			return pd_cli_usage_error(cli, cmd, "%s: unknown option '-%c'%s", cmd->name, optopt, hint);
		return pd_cli_usage_error(cli, cmd, "%s: unknown option '%s'%s", cmd->name, argv[optind - 1], hint);
	}
	}
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

static bool strcasestr_ascii(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
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

void pd_cli_printf(pd_cli *cli, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (msg)
		vsnprintf(msg, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	if (!msg)
		return;
	char *clean = pd_sanitize(msg, PD_SANITIZE_NEWLINES);
	fputs(clean ? clean : "", cli->out);
	free(clean);
	free(msg);
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

bool pd_cli_one_of(const char *s, const char *const *choices)
{
	for (size_t i = 0; s && choices[i]; i++)
		if (strcmp(s, choices[i]) == 0)
			return true;
	return false;
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

char *pd_cli_read_all(FILE *f)
{
	size_t n = 0, cap = 4096;
	char *p = malloc(cap);
	if (!p)
		return NULL;
	size_t got;
	while ((got = fread(p + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (cap - n - 1 == 0) {
			char *q = realloc(p, cap * 2);
			if (!q) {
				free(p);
				return NULL;
			}
			p = q;
			cap *= 2;
		}
	}
	if (ferror(f)) {
		free(p);
		return NULL;
	}
	p[n] = '\0';
	return p;
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
