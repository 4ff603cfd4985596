/* Text helpers the model needs without a locale: UTF-8 validation and
 * folding beyond ASCII (musée finds MUSÉE and a decomposed Muse\u0301e). */
#ifndef PARTNERDESK_MODEL_TEXT_H
#define PARTNERDESK_MODEL_TEXT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Allocates the key form of s, the one every match, duplicate test and
 * sort key starts from: Unicode NFKC_Casefold (utf8proc), so the same text
 * composed or decomposed ("é" or "e" + COMBINING ACUTE), Hangul syllables
 * or conjoining jamo, full-width or plain Latin, "ﬁ" or "fi", and any case
 * ("MUSÉE", "Straße"/"STRASSE") give one key; default-ignorable code
 * points (soft hyphen, zero-width space) are dropped, İ folds to i. Invalid
 * UTF-8 bytes are kept as they are. Deterministic and locale-free, so
 * stored keys and queries always agree. Only keys are folded: what is
 * stored and shown stays as typed. */
char *pd_fold(const char *s);

/* Allocates the key names sort by: pd_fold, then Latin letters with
 * diacritics as their plain letters (é -> e, ł -> l, ŵ -> w, ß -> ss,
 * æ -> ae, ø -> o) and leftover combining marks dropped, so "Łódź" sorts
 * among the L's and "Émile" among the E's. Locale-free like pd_fold; for
 * order only (matching takes the marks off its own way, in pd_fold's
 * plain_letters: "lodz" finds "Łódź"). */
char *pd_sort_key(const char *s);

/* Allocates the key a partner's or contact's name is matched by: pd_fold,
 * trimmed, runs of white space as one space. */
char *pd_name_key(const char *name);

/* Compares a and b as pd_fold would key them (by code point), for sorting
 * names and telling labels apart ignoring case. */
int pd_fold_cmp(const char *a, const char *b);

/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates). */
bool pd_utf8_valid(const char *s, size_t len);

/* What bytes read as text (a note on standard input, an imported file)
 * may be that a C string would silently cut at the first NUL: UTF-16 (a
 * byte-order mark FF FE or FE FF, or NUL bytes at most odd or most even
 * places, as ASCII text saved as Windows "Unicode" has), or any other
 * text holding a NUL byte. The one test every reader of such input makes,
 * so they all refuse the same bytes. */
typedef enum pd_text_bytes {
	PD_TEXT_BYTES_OK,
	PD_TEXT_BYTES_UTF16LE,
	PD_TEXT_BYTES_UTF16BE,
	PD_TEXT_BYTES_NUL,
} pd_text_bytes;

/* Classifies s[0..len); *nul_at (if given) is the offset of the first NUL
 * byte (len when there is none). A UTF-8 byte-order mark is the caller's
 * to skip first. */
pd_text_bytes pd_text_bytes_check(const char *s, size_t len, size_t *nul_at);

/* UTF-16 bytes (a leading byte-order mark dropped) as allocated UTF-8,
 * unpaired surrogates and an odd last byte as U+FFFD: for showing a
 * refused UTF-16 text to the person whose text it is. NULL when out of
 * memory. */
char *pd_utf16_to_utf8(const char *s, size_t len, bool big_endian);

/* How many bytes of s[0..len) to keep so that at most max are kept and
 * no UTF-8 character is cut in two: len when it fits, else max backed off
 * to the start of the character it falls in. */
size_t pd_utf8_cut(const char *s, size_t len, size_t max);

/* The most bytes a note holds: a partner's, a contact's or an agreement's
 * notes, a logged interaction's text. One limit for every way in (the
 * form, `log`, a CSV cell, a vCard's NOTE, a backup), each of which says
 * where the text too long for it came from. */
#define PD_NOTES_MAX (64u * 1024u)

/* The most characters (code points, not bytes) a name holds, a partner's
 * or a contact person's: far beyond any organisation's or person's full
 * name, short enough that a list, a card or a message can still show it.
 * One rule for every way in (add, edit, the forms, CSV and vCard imports);
 * a name stored before it keeps, unchanged, through an edit of the other
 * fields, and a YAML backup brings back what the desk held. */
#define PD_NAME_MAX 200

/* Whether name (trimmed, as it is stored) fits PD_NAME_MAX; if not,
 * why[size] says whose name it is ("partner's", "contact's"), how long it
 * is and the most a name holds. */
bool pd_name_fits(const char *name, const char *whose, char *why, size_t size);

/* s as a message quotes it: at most max bytes of it, cut on a character's
 * edge as a reader sees one (a grapheme cluster: never between a letter
 * and its accent typed apart, nor inside a flag), "..." marking a cut;
 * out[size] is then s or its cut (shorter still when out can't hold max
 * + 4 bytes). Returns out, for use as a printf argument. Every message that quotes what a file or a user gave
 * cuts it so, never with "%.60s", which can leave half a character. */
char *pd_utf8_fit(char *out, size_t size, const char *s, size_t max);

/* vsnprintf into buf[size], except that a message too long for buf is cut
 * on a character's edge and ends in "..." (without it when size is under
 * 4): fixed message buffers never end in half a character. */
void pd_vformat(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
/* fmt with ap, allocated to what it holds (free it); NULL when out of
 * memory. For a message that must not be cut: a file's name may be a
 * 4 KB path, and the command to copy after it was lost. */
char *pd_vformat_new(const char *fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));
void pd_format(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Decodes one code point from s (at most len bytes); returns the bytes used
 * (>= 1) and stores U+FFFD for an invalid sequence. */
size_t pd_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* A growing NUL-terminated string; failed once an allocation failed (then
 * every later put does nothing, and the owner frees p and reports it). */
typedef struct pd_strbuf {
	char *p;
	size_t n, cap;
	bool failed;
} pd_strbuf;

/* Appends s[0..n) to b, keeping b->p NUL-terminated. */
void pd_strbuf_put(pd_strbuf *b, const char *s, size_t n);
/* Appends the string s to b. */
void pd_strbuf_puts(pd_strbuf *b, const char *s);

struct pd_strv;

/* Appends v's strings to b as a list a message quotes: "a", "b" or "c",
 * each on one line (pd_text_one_line); with or_last false the last is
 * joined by a comma too, for a count of more said after it. */
void pd_strbuf_quoted(pd_strbuf *b, const struct pd_strv *v, bool or_last);

/* Encodes cp as UTF-8 into out; returns the bytes written, 1 to 4. A
 * surrogate or a value past U+10FFFF (a stray wide character from a
 * keyboard) is written as U+FFFD, so the result is always valid UTF-8. */
size_t pd_utf8_encode(uint32_t cp, char out[4]);

/* How many characters (code points) the UTF-8 text s holds. */
size_t pd_utf8_chars(const char *s);
/* The same for the first len bytes of s (a word inside a longer key). */
size_t pd_utf8_chars_n(const char *s, size_t len);
/* The columns s[0..len) takes on a terminal: two for an East Asian wide
 * character, none for a combining mark or a control, one for a byte that
 * is not UTF-8. For laying out plain output (no curses) to a width. */
size_t pd_utf8_cols(const char *s, size_t len);

/* How a C1 control is spelled in a placeholder: plain output spells it
 * like a byte that is not UTF-8 ("\x9b"); a screen that highlights its
 * placeholders uses "<9b>". */
typedef enum pd_placeholder_style {
	PD_PLACEHOLDER_PLAIN,
	PD_PLACEHOLDER_MARKED,
} pd_placeholder_style;

/* The longest placeholder, with its NUL. */
#define PD_PLACEHOLDER_MAX 12

/* The one list of code points a terminal would obey rather than show, for
 * every layer that prints data: C0 controls ("^[" for ESC), DEL ("^?"), C1
 * controls (see the style), and the format characters that reorder or
 * break a line (bidi embeddings, overrides and isolates, U+2028, U+2029,
 * the byte-order mark: "<U+202E>"). Writes cp's placeholder and returns
 * true; false when cp may be shown as it is. Newline and tab count as
 * controls: callers that keep them test for them first. */
bool pd_text_placeholder(uint32_t cp, pd_placeholder_style style, char out[PD_PLACEHOLDER_MAX]);

/* An allocated copy of stored text with its line breaks and tabs spelled
 * as their placeholders (^J, ^M, ^I), for quoting it in a message or a
 * report line whose own newlines, if any, are layout: the command line
 * keeps a message's newlines, so a raw one from the data would break it.
 * The rest is left to the sanitizer of the layer that prints. NULL s
 * gives ""; NULL only out of memory. */
char *pd_text_one_line(const char *s);

/* s's line breaks and tabs made spaces, in place, for text that must stay
 * on one line and read on (a preview, a completion, a search to copy);
 * returns s (NULL stays NULL). */
char *pd_text_spaced(char *s);

/* Trims ASCII white space at both ends in place; returns s. */
char *pd_trim(char *s);

/* s as one word sh reads back as s: as it is when nothing in it is special
 * to sh, else in single quotes with a quote inside as '\''. For commands
 * a message suggests and a kept script runs. NULL only out of memory. */
char *pd_shell_word(const char *s);

/* strdup that accepts NULL (returns NULL). */
char *pd_strdup(const char *s);

/* Replaces *dst with a copy of src (NULL allowed), freeing the old value. */
bool pd_set_str(char **dst, const char *src);

/* Whether a and b are the same text, byte for byte, NULL being "" (a
 * field never set and one cleared are the same field). */
bool pd_same_text(const char *a, const char *b);

/* True when s is NULL or holds only white space. */
bool pd_blank(const char *s);

#endif
