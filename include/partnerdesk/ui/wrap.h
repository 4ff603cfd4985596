/* Word wrapping, the one rule for every wrapped text on screen (form
 * fields as they are typed, the detail view's notes, help, long status
 * messages): rows break after breaking whitespace, mid-word only for a word
 * longer than a whole row. It sees cells (a width and a kind each), not
 * bytes, so the form's wide characters and the draw routine's sanitized
 * glyphs wrap alike; it draws nothing and needs no terminal. */
#ifndef PARTNERDESK_UI_WRAP_H
#define PARTNERDESK_UI_WRAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum pd_wrap_kind {
	PD_WRAP_TEXT,      /* part of a word: no break before it */
	PD_WRAP_SPACE,     /* breaking whitespace: a row may end after it, and
	                    * it hangs past the edge rather than start a row */
	PD_WRAP_NEWLINE,   /* ends its row */
	PD_WRAP_IDEO,      /* Han, kana: a row may break before and after it */
	PD_WRAP_CLOSE,     /* CJK closing punctuation: never starts a row */
} pd_wrap_kind;

/* One thing shown: a character (with width 0 for a combining mark) or a
 * placeholder. The cells of one grapheme cluster (a skin tone on its
 * emoji, a flag's two halves) stay on one row. */
typedef struct pd_wrap_cell {
	int width;
	pd_wrap_kind kind;
	bool joined;       /* goes on with the grapheme cluster of the cell
	                    * before it (pd_grapheme_starts was false): no row
	                    * ends before it, even in a word longer than a row */
	bool tab;          /* a TAB (kind SPACE): blank to the next tab stop of
	                    * its row, whatever `width` says */
} pd_wrap_cell;

/* Columns between tab stops: a TAB in wrapped text (a note pasted from a
 * spreadsheet) is blank up to the next stop, so its columns line up. */
#define PD_WRAP_TAB_STOP 8

/* The columns cell c takes at column col of its row: its width, or for a
 * tab the way to the next stop. */
int pd_wrap_cell_width(const pd_wrap_cell *c, int col);

/* Row i shows cells [start, end) and the next row begins at next: between
 * end and next lie its newline and its trailing spaces (which may hang
 * past the edge). */
typedef struct pd_wrap_row {
	size_t start, end, next;
} pd_wrap_row;

/* The kind of a code point. Hangul is TEXT: Korean breaks between words. */
pd_wrap_kind pd_wrap_kind_of(uint32_t cp);

/* Wraps n cells into rows of at most `width` columns (a lone cell wider
 * than that gets a row of its own). Text ending in a newline ends in an
 * empty row, where its cursor goes. Allocates *rows; returns how many
 * (at least 1; 0 only when out of memory, *rows NULL then). */
size_t pd_wrap_rows(const pd_wrap_cell *c, size_t n, int width, pd_wrap_row **rows);

/* Where a cursor before cell `cur` (n: after the last) shows: *row and
 * *col. After spaces that hang past the edge at the very end of the text
 * it is on row nrows, a row of its own below the others (typing there
 * continues on the next row); among hanging spaces elsewhere its column
 * stops at `width`. */
void pd_wrap_cursor(const pd_wrap_cell *c, size_t n, const pd_wrap_row *rows, size_t nrows, int width,
                    size_t cur, size_t *row, int *col);

/* The furthest cursor position still shown on row r: on a row that wraps
 * on its own, before its hanging spaces (the position after them is the
 * next row's start). */
size_t pd_wrap_row_last(const pd_wrap_cell *c, size_t n, const pd_wrap_row *rows, size_t nrows, size_t r);

#endif
