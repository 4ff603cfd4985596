/* The one way text reaches the screen: every string drawn passes through
 * here, which sanitizes it (control characters and escape sequences become
 * visible placeholders) and clips it by display width (wcwidth), so data
 * can never drive the terminal and wide scripts keep their columns. */
#ifndef PARTNERDESK_UI_DRAW_H
#define PARTNERDESK_UI_DRAW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <curses.h>

#include "partnerdesk/config/config.h"
/* pd_locale_utf8: what every drawing chooses its glyphs by. */
#include "partnerdesk/model/charset.h"

/* Draws s at (y, x) in at most `width` columns, sanitized; pads with spaces
 * to `width` when pad is set. Returns the columns used. A longer s ends in
 * "…" right after its last whole character; a wide one that did not fit
 * leaves its column blank after the mark (counted only with pad). */
int pd_draw_text(WINDOW *w, int y, int x, const char *s, int width, bool pad);

/* The same for a row of wrapped text (a note, a long field): a TAB in it
 * is blank to the next PD_WRAP_TAB_STOP column counted from x, as the wrap
 * rule counts it, not "^I". */
int pd_draw_text_tabs(WINDOW *w, int y, int x, const char *s, int width, bool pad);

/* The display width of s once sanitized. */
int pd_draw_width(const char *s);

/* The columns code point cp takes as pd_draw_text shows it (a control's
 * placeholder, "<U+202E>" for a bidi override, '?' outside a UTF-8
 * locale): what an editor adds up to put its cursor where the text is. */
int pd_draw_char_width(uint32_t cp);

/* Sanitizes s into buf (NUL-terminated, truncated to len): C0/C1 controls,
 * DEL and ESC become visible placeholders (^[, ^H, <9b>), invalid UTF-8 bytes
 * become U+FFFD (or '?' when the locale is not UTF-8). Used by the draw
 * routine itself; exposed for tests. */
size_t pd_draw_sanitize(const char *s, char *buf, size_t len);

/* The look: an attribute (colour pair, bold, reverse...) per themed
 * element ("title", "selected", "stale", "stage.glance", ...), owned by
 * the app (pd_app_theme) rather than kept in the process. */
typedef struct pd_theme pd_theme;

/* Made after the screen is up: the built-in look, stage colours from the
 * rules, then the config's `theme:` entries. colour false gives the
 * monochrome look (bold, reverse, underline only; works on a vt100). */
pd_theme *pd_theme_create(const pd_config *cfg, bool colour);
void pd_theme_destroy(pd_theme *t);   /* accepts NULL */

/* The attribute for an element; A_NORMAL for one the theme does not know.
 * t NULL gives the built-in monochrome look (tests, messages before the
 * theme is made). */
int pd_theme_attr(const pd_theme *t, const char *element);
/* The look of a stage: its element "stage.NAME" (a name may take all 64
 * characters the config allows). */
int pd_theme_stage_attr(const pd_theme *t, const char *stage);
/* look drawn over base: look's colour pair, when it has one, instead of
 * base's (two pair numbers ORed name a third), the attributes of both. */
int pd_theme_over(int base, int look);

/* ---- added by the interface core ---- */

/* printf into a buffer (1 KiB), then pd_draw_text. */
int pd_draw_fmt(WINDOW *w, int y, int x, int width, bool pad, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Draws s word-wrapped to `width` columns, newlines kept, each line
 * sanitized: skips the first `skip` wrapped lines, draws at most `rows`.
 * Returns the total number of wrapped lines (for scrolling). */
int pd_draw_wrap(WINDOW *w, int y, int x, const char *s, int width, int rows, int skip);

/* Draws a line of hints or a prompt ("Discard what you typed?  C-x:
 * discard   any other key: keep typing") in `width` columns, breaking it
 * only between its parts (runs of two or more spaces part them), so that
 * a key is never parted from what it does; a part wider than a row takes
 * rows of its own, broken at its words (only a word wider than a row is
 * cut); each row sanitized, at most
 * `rows` drawn (w NULL draws none). A newline parts a question from its
 * keys: where the two do not fit on one row, each starts its own. Returns
 * the rows the whole takes. */
int pd_draw_parts(WINDOW *w, int y, int x, const char *s, int width, int rows);

/* Rules and frames. In a UTF-8 locale they are Unicode box-drawing
 * characters written as text; otherwise plain ASCII (- | +). Never the
 * terminal's alternate character set: its SO/SI or ESC ( 0 switches come
 * out as q, x and n letters on a vt100 emulator in UTF-8 mode (PuTTY, tmux
 * at TERM=vt100), the common case over SSH. They draw in the window's
 * current attributes. */
typedef enum pd_line {
	PD_LINE_H, PD_LINE_V,
	PD_LINE_UL, PD_LINE_UR, PD_LINE_LL, PD_LINE_LR,
	PD_LINE_CROSS,
} pd_line;
void pd_draw_line_char(WINDOW *w, int y, int x, pd_line c);
void pd_draw_hline(WINDOW *w, int y, int x, int n);
void pd_draw_vline(WINDOW *w, int y, int x, int n);
/* A frame: h rows by wd columns with its top-left corner at (y, x). */
void pd_draw_frame(WINDOW *w, int y, int x, int h, int wd);

/* Fewer bytes on the wire, the screen the same: in w as drawn, a run of
 * cells in the normal look (no attribute, no colour) that comes after a
 * coloured cell on its row and before a cell with a look of its own is
 * put in the plain pair (the theme's "row.plain", `plain`): ncurses goes
 * from a colour to A_NORMAL with the colour reset and a full attribute
 * reset, to the pair with less, and from the pair to any other look as
 * from A_NORMAL. So is a row's leading run under a rule drawn all in one
 * colour, and every row's when `left` (the look of what stands just left
 * of w, a rule, or 0) has a colour. Runs that end the row stay: the
 * normal look after the pair costs a full reset. A cell bold, dim,
 * reverse or underlined without a colour takes the pair as well, which
 * spares the colour reset ncurses sends before changing attributes when
 * coming from a colour. plain 0 (no colours) does nothing. The cursor is
 * left where it was. */
void pd_draw_plain_runs(WINDOW *w, int plain, int left);

/* False when NO_COLOR is set (non-empty) or the terminal has no colours. */
bool pd_draw_colour_wanted(void);


#endif
