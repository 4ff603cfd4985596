/* Escaping and folding shared by the vCard and iCalendar writers. Folding
 * counts octets, as both RFCs do, and never splits a UTF-8 sequence, so
 * each physical line stays valid UTF-8 on its own. */
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/io/content_line.h"
#include "partnerdesk/model/text.h"

char *pd_content_escape(const char *s)
{
	size_t n = strlen(s);
	char *out = malloc(n * 2 + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '\\': out[o++] = '\\'; out[o++] = '\\'; break;
		case ';': out[o++] = '\\'; out[o++] = ';'; break;
		case ',': out[o++] = '\\'; out[o++] = ','; break;
		case '\r':
			/* CR, CRLF and LF are each one line break: a lone CR is how
			 * text typed on an old Mac, or pasted from one, ends a line. */
			if (s[i + 1] == '\n')
				i++;
			/* fall through */
		case '\n': out[o++] = '\\'; out[o++] = 'n'; break;
		default:
			/* Control characters are not allowed in TEXT (RFC 5545 3.3.11). */
			if (c >= 0x20 && c != 0x7F)
				out[o++] = (char)c;
			else if (c == '\t')
				out[o++] = ' ';
			break;
		}
	}
	out[o] = '\0';
	return out;
}

bool pd_content_line(FILE *f, const char *name, const char *value)
{
	size_t nl = strlen(name), vl = strlen(value);
	char *line = malloc(nl + vl + 2);
	if (!line)
		return false;
	memcpy(line, name, nl);
	line[nl] = ':';
	memcpy(line + nl + 1, value, vl + 1);
	size_t len = nl + 1 + vl, pos = 0;
	size_t limit = PD_CONTENT_LINE_OCTETS;   /* the first line has no leading space */
	bool ok = true;
	while (pos < len) {
		size_t take = pd_utf8_cut(line + pos, len - pos, limit);
		if (take == 0)   /* cannot happen with UTF-8 and a limit of 74 */
			take = limit;
		if (pos > 0 && fputc(' ', f) == EOF)
			ok = false;
		if (fwrite(line + pos, 1, take, f) != take || fputs("\r\n", f) == EOF)
			ok = false;
		pos += take;
		limit = PD_CONTENT_LINE_OCTETS - 1;
	}
	free(line);
	return ok;
}

bool pd_content_text(FILE *f, const char *name, const char *value)
{
	if (!value || !*value)
		return true;
	char *esc = pd_content_escape(value);
	if (!esc)
		return false;
	bool ok = pd_content_line(f, name, esc);
	free(esc);
	return ok;
}
