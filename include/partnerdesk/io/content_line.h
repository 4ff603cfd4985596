/* Content lines as vCard (RFC 6350) and iCalendar (RFC 5545) write them:
 * TEXT escaping and folding at 75 octets without splitting a UTF-8
 * character, lines ended by CRLF. */
#ifndef PARTNERDESK_IO_CONTENT_LINE_H
#define PARTNERDESK_IO_CONTENT_LINE_H

#include <stdbool.h>
#include <stdio.h>

#define PD_CONTENT_LINE_OCTETS 75

/* Writes "NAME:VALUE" (name may carry ";PARAM=..."), folded; value is
 * written as given (escape it first if it is TEXT). Returns false on a
 * write error. */
bool pd_content_line(FILE *f, const char *name, const char *value);

/* TEXT value escaping: backslash, ';', ',' and line breaks (\n), where a
 * CR, a CRLF and an LF are each one break; other control characters
 * dropped, a tab written as a space. Allocated; NULL on no memory. */
char *pd_content_escape(const char *s);

/* Writes name:escaped(value) when value is non-empty. */
bool pd_content_text(FILE *f, const char *name, const char *value);

#endif
