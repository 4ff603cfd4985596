/* Data (CSV above all) printed straight to a terminal: shown with control
 * characters as placeholders, as a table is; exact when redirected. */
/* fopencookie: the CSV, JSON and YAML writers take a FILE, and a filter
 * in their path keeps them unaware of where their bytes end. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "partnerdesk/cli/command.h"
#include "partnerdesk/cli/sanitize.h"
#include "partnerdesk/model/text.h"

typedef struct term_out {
	FILE *to;
	/* The end of the last write that cannot be judged yet: a CR whose
	 * LF may come next, or a UTF-8 sequence cut by the stream's buffer. */
	unsigned char held[4];
	size_t nheld;
	bool started;
} term_out;

/* How long the UTF-8 sequence that byte c starts is; 1 for anything that
 * starts none (decoding then shows it as \xNN). */
static size_t lead_len(unsigned char c)
{
	return c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 1;
}

/* Shows s[0..n) on t->to; at the end of what came so far (!final) keeps
 * back what the next write decides. false on a write error. */
static bool show(term_out *t, const unsigned char *s, size_t n, bool final)
{
	size_t i = 0;
	while (i < n) {
		size_t want = lead_len(s[i]);
		/* The CR of a CSV's CRLF record end is the terminal's own line end. */
		if (!final && (i + want > n || (s[i] == '\r' && i + 1 == n))) {
			t->nheld = n - i;
			memcpy(t->held, s + i, t->nheld);
			return true;
		}
		uint32_t cp;
		size_t len = pd_utf8_decode((const char *)s + i, n - i, &cp);
		char ph[PD_PLACEHOLDER_MAX];
		bool ok;
		if (cp == 0xFFFD && len == 1 && s[i] >= 0x80) {
			snprintf(ph, sizeof ph, "\\x%02x", s[i]);
			ok = fputs(ph, t->to) != EOF;
		} else if (cp == '\n' || cp == '\t' || (cp == '\r' && i + 1 < n && s[i + 1] == '\n') ||
		           (cp == 0xFEFF && !t->started)) {
			/* A BOM that opens --excel's output is the file's, not the data's. */
			ok = fwrite(s + i, 1, len, t->to) == len;
		} else if (pd_text_placeholder(cp, PD_PLACEHOLDER_PLAIN, ph)) {
			ok = fputs(ph, t->to) != EOF;
		} else {
			ok = fwrite(s + i, 1, len, t->to) == len;
		}
		if (!ok)
			return false;
		t->started = true;
		i += len;
	}
	t->nheld = 0;
	return true;
}

static ssize_t term_write(void *cookie, const char *buf, size_t size)
{
	term_out *t = cookie;
	/* The held bytes go before the new ones; the stream's buffer makes
	 * this one copy per few kilobytes. */
	unsigned char *all = malloc(t->nheld + size);
	if (!all)
		return 0;
	memcpy(all, t->held, t->nheld);
	memcpy(all + t->nheld, buf, size);
	bool ok = show(t, all, t->nheld + size, false);
	free(all);
	return ok ? (ssize_t)size : 0;
}

static int term_close(void *cookie)
{
	term_out *t = cookie;
	bool ok = show(t, t->held, t->nheld, true) && fflush(t->to) == 0;
	free(t);
	return ok ? 0 : -1;
}

FILE *pd_sanitize_stream(FILE *to)
{
	term_out *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->to = to;
	FILE *f = fopencookie(t, "w", (cookie_io_functions_t){.write = term_write, .close = term_close});
	if (!f)
		free(t);
	return f;
}

FILE *pd_cli_data_out(pd_cli *cli)
{
	if (!pd_cli_to_stdout(cli) || !isatty(STDOUT_FILENO))
		return cli->out;
	FILE *f = pd_sanitize_stream(cli->out);
	return f ? f : cli->out;
}

bool pd_cli_data_out_end(pd_cli *cli, FILE *f)
{
	if (f == cli->out)
		return true;
	bool ok = !ferror(f);
	return fclose(f) == 0 && ok;
}
