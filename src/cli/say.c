/* A command's prose line on standard output, wrapped on a terminal as its
 * messages are (message_wrap.c), one line to a pipe. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/cli/options.h"
#include "partnerdesk/cli/sanitize.h"
#include "partnerdesk/cli/say.h"
#include "partnerdesk/io/message_wrap.h"
#include "partnerdesk/model/text.h"

/* Writes line (its bytes, no newline) to cli->out, wrapped on a terminal
 * when it does not fit: m holds it in parts, or is NULL when it could not
 * be had, and then the line goes as it is. */
static void put_line(pd_cli *cli, const char *line, pd_message *m)
{
	size_t width = pd_message_width(pd_cli_terminal_cols(cli));
	size_t len = strlen(line);
	if (!width || !m || m->full || len >= PD_MESSAGE_MAX || pd_utf8_cols(line, len) <= width) {
		fprintf(cli->out, "%s\n", line);
		return;
	}
	/* The line's own indent (a merge's account under its first line)
	 * leads, and what it wraps onto goes two further in. */
	char lead[PD_MESSAGE_LEAD_MAX], indent[PD_MESSAGE_LEAD_MAX + 2];
	size_t k = pd_message_lead(m->text, lead, indent);
	memmove(m->text, m->text + k, m->n - k);
	memmove(m->whole, m->whole + k, m->n - k);
	m->n -= k;
	m->text[m->n] = '\0';
	pd_message_write(cli->out, width, "", lead, indent, m);
}

/* Appends s[0, n) to m. An argument's text (arg) is data, a name or a
 * path, and whole: never broken inside. Spaces at its ends are where the
 * line may break, as the format's own spaces are (" (with " said in an
 * argument must not glue the name before it to what follows). */
static void put_part(pd_message *m, bool arg, const char *s, size_t n)
{
	size_t a = 0, z = n;
	if (arg) {
		while (a < n && s[a] == ' ')
			a++;
		while (z > a && s[z - 1] == ' ')
			z--;
	}
	pd_message_put(m, false, "%.*s", (int)a, s);
	pd_message_put(m, arg, "%.*s", (int)(z - a), s + a);
	pd_message_put(m, false, "%.*s", (int)(n - z), s + z);
}

void pd_cli_sayf(pd_cli *cli, const char *fmt, ...)
{
	pd_strbuf b = {0};
	pd_message msg;
	pd_message_start(&msg);
	pd_message *m = pd_cli_terminal_cols(cli) > 0 ? &msg : NULL;
	va_list ap;
	va_start(ap, fmt);
	pd_strbuf_put(&b, "", 0);
	for (const char *p = fmt; *p;) {
		size_t at = b.n;
		bool arg = *p == '%';
		if (arg) {
			pd_cli_format_one(&p, &ap, &b);
		} else {
			size_t run = strcspn(p, "%");
			pd_strbuf_put(&b, p, run);
			p += run;
		}
		if (m && !b.failed && b.n > at)
			put_part(m, arg && (p[-1] == 's' || p[-1] == 'c'), b.p + at, b.n - at);
	}
	va_end(ap);
	if (m)
		pd_message_find_whole(m, NULL);
	if (!b.failed)
		put_line(cli, b.p, m);
	pd_message_finish(&msg);
	free(b.p);
}

void pd_cli_say_under(pd_cli *cli, const char *lead, const char *text)
{
	char *clean = pd_sanitize(text ? text : "", 0);
	if (!clean)
		return;
	pd_strbuf b = {0};
	pd_strbuf_put(&b, "", 0);
	pd_strbuf_put(&b, lead, strlen(lead));
	pd_strbuf_put(&b, clean, strlen(clean));
	free(clean);
	if (b.failed) {
		free(b.p);
		return;
	}
	pd_message msg;
	pd_message_start(&msg);
	pd_message *m = pd_cli_terminal_cols(cli) > 0 && b.n < PD_MESSAGE_MAX ? &msg : NULL;
	if (m) {
		pd_message_put(m, false, "%s", b.p);
		pd_message_find_whole(m, NULL);
	}
	put_line(cli, b.p, m);
	pd_message_finish(&msg);
	free(b.p);
}

void pd_cli_say_hanging(pd_cli *cli, const char *first, const char *indent, const char *text)
{
	size_t width = pd_message_width(pd_cli_terminal_cols(cli));
	size_t len = strlen(text);
	/* A TAB's width is the terminal's to decide, so such a line (and
	 * every line to a pipe) goes as it always did. */
	if (!width || memchr(text, '\t', len)) {
		fputs(first, cli->out);
		pd_cli_print_text(cli, text, len);
		fputc('\n', cli->out);
		return;
	}
	char *clean = pd_sanitize(text, 0);
	if (!clean)
		return;
	size_t n = strlen(clean);
	pd_message m;
	pd_message_start(&m);
	/* Free text, not a message: no "quoted" part held whole, so that a
	 * quote left open (12" screen) does not keep the rest on one line. */
	if (n < PD_MESSAGE_MAX && pd_utf8_cols(first, strlen(first)) + pd_utf8_cols(clean, n) > width)
		pd_message_put(&m, false, "%s", clean);
	if (m.n && !m.full)
		pd_message_write(cli->out, width, "", first, indent, &m);
	else
		fprintf(cli->out, "%s%s\n", first, clean);
	pd_message_finish(&m);
	free(clean);
}
