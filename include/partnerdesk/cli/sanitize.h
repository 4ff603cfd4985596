/* Terminal text from data: every byte of a name, note or message that the
 * command line prints for people passes through here, so that control
 * characters and escape sequences show as visible placeholders. */
#ifndef PARTNERDESK_CLI_SANITIZE_H
#define PARTNERDESK_CLI_SANITIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum {
	PD_SANITIZE_NEWLINES = 1u << 0,  /* keep '\n' and '\t' (cards, notes) */
};

/* An allocated copy of s fit for a terminal: C0 controls as ^X (ESC as ^[),
 * DEL as ^?, C1 controls and bytes that are not UTF-8 as \xNN, bidi
 * embedding/override/isolate controls, U+2028/2029 and the byte-order mark
 * as <U+202E> (the list is the model's pd_text_placeholder). NULL s gives
 * "". Returns NULL only when out of memory. */
char *pd_sanitize(const char *s, unsigned flags);

/* A stream that writes what it is given to `to` as pd_sanitize with
 * PD_SANITIZE_NEWLINES shows it, keeping a CR that ends a line (a CSV's
 * CRLF) and a byte-order mark that opens the stream (--excel's); however
 * the writes cut a UTF-8 sequence or a CRLF, it is shown whole. fclose
 * writes what it held and flushes `to` (which stays open). NULL when out
 * of memory. */
FILE *pd_sanitize_stream(FILE *to);

/* Display columns of sanitized text (wcwidth, with a locale-free fallback
 * for East Asian wide and combining characters). */
size_t pd_text_width(const char *s);

/* An allocated copy of sanitized text cut to at most cols columns, ending
 * in "..." when cut. */
char *pd_text_fit(const char *s, size_t cols);
/* The same, ending in mark when cut ("…" where the terminal takes
 * UTF-8); "" when cols has no room for the mark. */
char *pd_text_fit_mark(const char *s, size_t cols, const char *mark);

#endif
