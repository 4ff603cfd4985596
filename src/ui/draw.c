/* The one sanitizing draw routine: every string from the database or a file
 * reaches the screen through pd_draw_text, which turns controls and escape
 * sequences into visible placeholders and clips by display columns. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700   /* wcwidth, when curses flags do not ask for it */
#endif
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/grapheme.h"
#include "partnerdesk/model/text.h"
#include "partnerdesk/ui/draw.h"
#include "partnerdesk/ui/wrap.h"

/* One thing to show: a character, or a placeholder standing for bytes that
 * must not reach the terminal as they are. */
typedef struct glyph {
	uint32_t cp;       /* the code point it shows (U+FFFD for a bad byte) */
	wchar_t wc;        /* when ph[0] == '\0' */
	char ph[PD_PLACEHOLDER_MAX];   /* ASCII placeholder: "^[", "<9b>", "<U+202E>" */
	bool marked;       /* draw the placeholder in reverse, so it reads as one */
	int width;         /* display columns */
	size_t used;       /* input bytes consumed */
} glyph;

static void placeholder(glyph *g, bool marked, const char *text)
{
	snprintf(g->ph, sizeof g->ph, "%s", text);
	g->marked = marked;
	g->width = (int)strlen(g->ph);
}

/* What code point cp is shown as (g->used left to the caller). */
static void glyph_of(uint32_t cp, bool utf8, glyph *g)
{
	memset(g, 0, sizeof *g);
	g->cp = cp;
	char ph[PD_PLACEHOLDER_MAX];
	if (pd_text_placeholder(cp, PD_PLACEHOLDER_MARKED, ph)) {
		placeholder(g, true, ph);
		return;
	}
	if (cp < 0x80) {
		g->wc = (wchar_t)cp;
		g->width = 1;
		return;
	}
	if (!utf8) {
		/* The terminal cannot show it; one '?' per character keeps the
		 * columns honest. */
		placeholder(g, false, "?");
		return;
	}
	int w = wcwidth((wchar_t)cp);
	if (w < 0) {
		cp = 0xFFFD;
		w = 1;
	}
	g->wc = (wchar_t)cp;
	g->width = w;
}

static void next_glyph(const char *s, size_t len, bool utf8, glyph *g)
{
	uint32_t cp;
	size_t used = pd_utf8_decode(s, len, &cp);
	glyph_of(cp, utf8, g);
	g->used = used;
}

int pd_draw_char_width(uint32_t cp)
{
	glyph g;
	glyph_of(cp, pd_locale_utf8(), &g);
	return g.width;
}

size_t pd_draw_sanitize(const char *s, char *buf, size_t len)
{
	size_t o = 0;
	if (len == 0)
		return 0;
	if (!s) {
		buf[0] = '\0';
		return 0;
	}
	bool utf8 = pd_locale_utf8();
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		glyph g;
		next_glyph(s + i, n - i, utf8, &g);
		i += g.used;
		char tmp[PD_PLACEHOLDER_MAX];
		size_t k;
		if (g.ph[0]) {
			k = strlen(g.ph);
			memcpy(tmp, g.ph, k);
		} else {
			k = pd_utf8_encode((uint32_t)g.wc, tmp);
		}
		/* Whole glyphs only: never half a sequence or half a placeholder. */
		if (o + k >= len)
			break;
		memcpy(buf + o, tmp, k);
		o += k;
	}
	buf[o] = '\0';
	return o;
}

/* A TAB in a wrapped text's row (tabs set) is blank to the next tab
 * stop, counted from the row's start, as the wrap rule counts it;
 * elsewhere it is its "^I". */
static void tab_stop(glyph *g, bool tabs, int col)
{
	if (!tabs || g->cp != '\t')
		return;
	pd_wrap_cell c = {.tab = true};
	memset(g->ph, 0, sizeof g->ph);
	g->marked = false;
	g->wc = L' ';
	g->width = pd_wrap_cell_width(&c, col);
}

static int text_width(const char *s, bool tabs)
{
	if (!s)
		return 0;
	bool utf8 = pd_locale_utf8();
	size_t n = strlen(s);
	int w = 0;
	for (size_t i = 0; i < n;) {
		glyph g;
		next_glyph(s + i, n - i, utf8, &g);
		tab_stop(&g, tabs, w);
		i += g.used;
		w += g.width;
	}
	return w;
}

int pd_draw_width(const char *s)
{
	return text_width(s, false);
}

/* A run of plain characters waiting to be drawn in one call, so that
 * combining marks join the character before them. */
typedef struct run {
	wchar_t v[128];
	int n;
} run;

static void run_flush(WINDOW *w, run *r)
{
	if (r->n > 0)
		waddnwstr(w, r->v, r->n);
	r->n = 0;
}

static void draw_placeholder(WINDOW *w, const glyph *g)
{
	attr_t a;
	short pair;
	wattr_get(w, &a, &pair, NULL);
	if (g->marked)
		wattr_set(w, a ^ A_REVERSE, pair, NULL);
	waddstr(w, g->ph);
	wattr_set(w, a, pair, NULL);
}

/* Where a clipped text stops: after the last grapheme cluster that fits
 * whole in room columns, so the clip mark never follows an emoji without
 * its skin tone, half a ZWJ family or flag, or a letter without its
 * spacing vowel sign. */
static size_t clip_at(const char *s, size_t n, bool utf8, bool tabs, int room)
{
	pd_grapheme gr = {0};
	int used = 0;
	size_t stop = 0;
	for (size_t i = 0; i < n;) {
		glyph g;
		next_glyph(s + i, n - i, utf8, &g);
		tab_stop(&g, tabs, used);
		if (pd_grapheme_starts(&gr, g.cp))
			stop = i;
		if (used + g.width > room)
			return stop;
		used += g.width;
		i += g.used;
	}
	return n;
}

static int draw_text(WINDOW *w, int y, int x, const char *s, int width, bool pad, bool tabs)
{
	if (!w || width <= 0)
		return 0;
	int maxx = getmaxx(w);
	if (y < 0 || y >= getmaxy(w) || x < 0 || x >= maxx)
		return 0;
	if (width > maxx - x)
		width = maxx - x;
	if (!s)
		s = "";
	bool utf8 = pd_locale_utf8();
	size_t n = strlen(s);
	bool clipped = text_width(s, tabs) > width;
	/* Room for the text; one column is kept for the clip mark. */
	int room = clipped ? width - 1 : width;
	size_t stop = clipped ? clip_at(s, n, utf8, tabs, room) : n;
	int used = 0;
	bool any_base = false;
	run r = {.n = 0};

	wmove(w, y, x);
	for (size_t i = 0; i < stop;) {
		glyph g;
		next_glyph(s + i, n - i, utf8, &g);
		tab_stop(&g, tabs, used);
		i += g.used;
		if (g.wc == L' ' && g.cp == '\t') {
			run_flush(w, &r);
			for (int k = 0; k < g.width; k++)
				waddch(w, ' ');
			any_base = true;
		} else if (g.ph[0]) {
			run_flush(w, &r);
			draw_placeholder(w, &g);
			any_base = true;
		} else if (g.width == 0) {
			/* A combining mark with nothing to combine with would land
			 * on whatever cell precedes x: drop it. */
			if (!any_base)
				continue;
			if (r.n == (int)(sizeof r.v / sizeof r.v[0]))
				run_flush(w, &r);
			r.v[r.n++] = g.wc;
		} else {
			if (r.n >= (int)(sizeof r.v / sizeof r.v[0]) - 1)
				run_flush(w, &r);
			r.v[r.n++] = g.wc;
			any_base = true;
		}
		used += g.width;
	}
	run_flush(w, &r);
	if (clipped) {
		/* The mark right after the last whole character: a wide one
		 * (or a placeholder) that did not fit leaves its gap after the
		 * mark, blank, never a space that reads as the end of a word
		 * before it. Without pad the text ends at the mark, so what the
		 * caller draws next follows it; the gap is blanked all the same
		 * (the width was the text's), the cursor left at the mark. */
		if (utf8)
			waddnwstr(w, L"\u2026", 1);
		else
			waddch(w, '>');
		used++;
		int end = used;
		while (used < width) {
			waddch(w, ' ');
			used++;
		}
		if (!pad) {
			wmove(w, y, x + end);
			used = end;
		}
	}
	if (pad) {
		while (used < width) {
			waddch(w, ' ');
			used++;
		}
	}
	return used;
}

int pd_draw_text(WINDOW *w, int y, int x, const char *s, int width, bool pad)
{
	return draw_text(w, y, x, s, width, pad, false);
}

int pd_draw_text_tabs(WINDOW *w, int y, int x, const char *s, int width, bool pad)
{
	return draw_text(w, y, x, s, width, pad, true);
}

int pd_draw_fmt(WINDOW *w, int y, int x, int width, bool pad, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	pd_vformat(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return pd_draw_text(w, y, x, buf, width, pad);
}

int pd_draw_wrap(WINDOW *w, int y, int x, const char *s, int width, int rows, int skip)
{
	if (!s || width <= 0)
		return 0;
	bool utf8 = pd_locale_utf8();
	size_t len = strlen(s);
	/* A cell per glyph as drawn (placeholders included), and where each
	 * begins in s. */
	pd_wrap_cell *cells = malloc((len + 1) * sizeof *cells);
	size_t *at = malloc((len + 1) * sizeof *at);
	pd_wrap_row *v = NULL;
	size_t n = 0, nrows = 0;
	int line = 0;
	pd_grapheme gr = {0};
	if (!cells || !at)
		goto out;
	for (size_t i = 0; i < len; n++) {
		at[n] = i;
		if (s[i] == '\n') {
			cells[n] = (pd_wrap_cell){.kind = PD_WRAP_NEWLINE};
			pd_grapheme_starts(&gr, '\n');
			i++;
			continue;
		}
		glyph g;
		next_glyph(s + i, len - i, utf8, &g);
		cells[n].width = g.width;
		cells[n].kind = g.ph[0] ? PD_WRAP_TEXT : pd_wrap_kind_of((uint32_t)g.wc);
		cells[n].joined = !pd_grapheme_starts(&gr, g.cp);
		cells[n].tab = g.cp == '\t';
		if (cells[n].tab)
			cells[n].kind = PD_WRAP_SPACE;
		i += g.used;
	}
	at[n] = len;
	nrows = pd_wrap_rows(cells, n, width, &v);
	/* A text ending in a newline has no line after it to show. */
	if (nrows > 1 && v[nrows - 1].start == n && n > 0 && cells[n - 1].kind == PD_WRAP_NEWLINE)
		nrows--;
	char buf[4096];
	for (size_t r = 0; r < nrows; r++, line++) {
		if (line < skip || line - skip >= rows)
			continue;
		size_t k = at[v[r].end] - at[v[r].start];
		if (k >= sizeof buf)
			k = sizeof buf - 1;
		memcpy(buf, s + at[v[r].start], k);
		buf[k] = '\0';
		pd_draw_text_tabs(w, y + line - skip, x, buf, width, false);
	}
out:
	free(v);
	free(at);
	free(cells);
	return line;
}

static int draw_parts(WINDOW *w, int y, int x, const char *s, int width, int rows);

int pd_draw_parts(WINDOW *w, int y, int x, const char *s, int width, int rows)
{
	if (!s || width <= 0)
		return 0;
	const char *nl = strchr(s, '\n');
	if (!nl)
		return draw_parts(w, y, x, s, width, rows);
	/* A question, then its keys: one row where both fit, else the
	 * question on its own row and the keys under it. */
	char one[1024];
	snprintf(one, sizeof one, "%.*s  %s", (int)(nl - s), s, nl + 1);
	if (draw_parts(NULL, 0, 0, one, width, 0) <= 1)
		return draw_parts(w, y, x, one, width, rows);
	char q[512];
	snprintf(q, sizeof q, "%.*s", (int)(nl - s), s);
	int n = draw_parts(w, y, x, q, width, rows);
	return n + draw_parts(w, y + n, x, nl + 1, width, rows > n ? rows - n : 0);
}

/* The row draw_parts is filling, and where it draws. */
typedef struct parts_row {
	WINDOW *w;
	int y, x, width, rows;
	char line[1024];
	size_t used;
	int line_w, row;
} parts_row;

/* Draws the row as filled so far; the next text starts the next row. */
static void parts_break(parts_row *r)
{
	if (!r->used)
		return;
	if (r->row < r->rows)
		pd_draw_text(r->w, r->y + r->row, r->x, r->line, r->width, true);
	r->row++;
	r->used = 0;
	r->line_w = 0;
}

/* Puts k bytes of text (tw columns) on the row, gap spaces after what is
 * there; a row too full for it is drawn first and the text starts the
 * next. */
static void parts_put(parts_row *r, const char *text, size_t k, int tw, size_t gap)
{
	if (r->used > 0 && r->line_w + (int)gap + tw > r->width)
		parts_break(r);
	if (r->used > 0 && r->used + gap < sizeof r->line) {
		memset(r->line + r->used, ' ', gap);
		r->used += gap;
		r->line_w += (int)gap;
	}
	if (r->used + k < sizeof r->line) {
		memcpy(r->line + r->used, text, k);
		r->used += k;
		r->line_w += tw;
	}
	r->line[r->used] = '\0';
}

static int draw_parts(WINDOW *w, int y, int x, const char *s, int width, int rows)
{
	parts_row r = {.w = w, .y = y, .x = x, .width = width, .rows = rows};
	size_t gap = 0;
	const char *p = s + strspn(s, " ");
	while (*p) {
		/* One part: up to the next run of two spaces, or the end. */
		const char *end = strstr(p, "  ");
		size_t whole = end ? (size_t)(end - p) : strlen(p);
		char part[512];
		size_t k = whole < sizeof part ? whole : sizeof part - 1;
		memcpy(part, p, k);
		part[k] = '\0';
		int pw = pd_draw_width(part);
		if (pw <= width) {
			parts_put(&r, part, k, pw, gap);
		} else {
			/* Wider than a row (a narrow dialog, a long question): it
			 * goes on at its words, as a sentence wraps, rather than
			 * lose its end ("any other key: keep typing" at 20
			 * columns); only a word wider than a row is cut. Its
			 * rows are its own: a key's words never follow another
			 * part's, nor another part its last words. */
			parts_break(&r);
			size_t at = 0;
			while (at < k) {
				size_t wl = strcspn(part + at, " ");
				char word[512];
				memcpy(word, part + at, wl);
				word[wl] = '\0';
				parts_put(&r, word, wl, pd_draw_width(word), 1);
				at += wl;
				at += strspn(part + at, " ");
			}
			parts_break(&r);
		}
		gap = end ? strspn(end, " ") : 0;
		p += whole + gap;
	}
	parts_break(&r);
	return r.row;
}

/* ---- rules and frames ---- */

static void line_cchar(WINDOW *w, pd_line c, cchar_t *cc)
{
	static const wchar_t uni[] = {
		[PD_LINE_H] = L'\u2500', [PD_LINE_V] = L'\u2502',
		[PD_LINE_UL] = L'\u250c', [PD_LINE_UR] = L'\u2510',
		[PD_LINE_LL] = L'\u2514', [PD_LINE_LR] = L'\u2518',
		[PD_LINE_CROSS] = L'\u253c',
	};
	static const wchar_t ascii[] = {
		[PD_LINE_H] = L'-', [PD_LINE_V] = L'|',
		[PD_LINE_UL] = L'+', [PD_LINE_UR] = L'+',
		[PD_LINE_LL] = L'+', [PD_LINE_LR] = L'+',
		[PD_LINE_CROSS] = L'+',
	};
	wchar_t s[2] = {pd_locale_utf8() ? uni[c] : ascii[c], L'\0'};
	attr_t a;
	short pair;
	wattr_get(w, &a, &pair, NULL);
	setcchar(cc, s, a, pair, NULL);
}

void pd_draw_line_char(WINDOW *w, int y, int x, pd_line c)
{
	if (!w || y < 0 || x < 0 || y >= getmaxy(w) || x >= getmaxx(w))
		return;
	cchar_t cc;
	line_cchar(w, c, &cc);
	mvwadd_wch(w, y, x, &cc);
}

void pd_draw_hline(WINDOW *w, int y, int x, int n)
{
	if (!w || n <= 0 || y < 0 || x < 0 || y >= getmaxy(w) || x >= getmaxx(w))
		return;
	cchar_t cc;
	line_cchar(w, PD_LINE_H, &cc);
	mvwhline_set(w, y, x, &cc, n);
}

void pd_draw_vline(WINDOW *w, int y, int x, int n)
{
	if (!w || n <= 0 || y < 0 || x < 0 || y >= getmaxy(w) || x >= getmaxx(w))
		return;
	cchar_t cc;
	line_cchar(w, PD_LINE_V, &cc);
	mvwvline_set(w, y, x, &cc, n);
}

void pd_draw_frame(WINDOW *w, int y, int x, int h, int wd)
{
	if (h < 2 || wd < 2)
		return;
	pd_draw_hline(w, y, x + 1, wd - 2);
	pd_draw_hline(w, y + h - 1, x + 1, wd - 2);
	pd_draw_vline(w, y + 1, x, h - 2);
	pd_draw_vline(w, y + 1, x + wd - 1, h - 2);
	pd_draw_line_char(w, y, x, PD_LINE_UL);
	pd_draw_line_char(w, y, x + wd - 1, PD_LINE_UR);
	pd_draw_line_char(w, y + h - 1, x, PD_LINE_LL);
	pd_draw_line_char(w, y + h - 1, x + wd - 1, PD_LINE_LR);
}

/* ---- fewer bytes for the same screen ---- */

/* The look of the cell at (y, x): its attributes without colour, and its
 * colour pair. Read as a cchar_t: winch's chtype has no room for a
 * character past 0xff (an ellipsis), whose high bits read as a pair. */
static bool cell_look(WINDOW *w, int y, int x, attr_t *a, short *pair)
{
	cchar_t cc;
	wchar_t wch[CCHARW_MAX + 1];
	if (mvwin_wch(w, y, x, &cc) == ERR || getcchar(&cc, wch, a, pair, NULL) == ERR)
		return false;
	*a &= A_ATTRIBUTES & ~A_COLOR;
	return true;
}

/* The pair every cell of row y has (a rule drawn in a colour), or 0. */
static short row_pair(WINDOW *w, int y, int cols)
{
	short first = 0;
	for (int x = 0; x < cols; x++) {
		attr_t a;
		short pair;
		if (!cell_look(w, y, x, &a, &pair) || (x > 0 && pair != first))
			return 0;
		first = pair;
	}
	return first;
}

void pd_draw_plain_runs(WINDOW *w, int plain, int left)
{
	short plain_pair = (short)PAIR_NUMBER(plain);
	if (!w || plain_pair <= 0)
		return;
	int cy, cx;
	getyx(w, cy, cx);
	int rows = getmaxy(w), cols = getmaxx(w);
	short rule = 0;
	for (int y = 0; y < rows; y++) {
		/* The colour the terminal is likely in on reaching the row's
		 * first cell: the one at its left, or the rule's above. */
		short before = PAIR_NUMBER(left) ? (short)PAIR_NUMBER(left) : rule;
		rule = row_pair(w, y, cols);
		int x = 0;
		while (x < cols) {
			attr_t a;
			short pair;
			if (!cell_look(w, y, x, &a, &pair))
				break;
			if (a || pair) {
				/* Bold, dim, reverse or underlined without a colour: in
				 * the pair too, which costs nothing anywhere and spares
				 * the colour reset ncurses sends before the attribute
				 * change when the look before had a colour. */
				if (!pair)
					mvwchgat(w, y, x, 1, a, plain_pair, NULL);
				/* From an attribute in the pair, the normal look costs
				 * a byte less than the pair: a run after one stays. */
				before = a && (!pair || pair == plain_pair) ? 0 : pair;
				x++;
				continue;
			}
			int start = x;
			while (x < cols && cell_look(w, y, x, &a, &pair) && !a && !pair)
				x++;
			if (x < cols && before)
				mvwchgat(w, y, start, x - start, A_NORMAL, plain_pair, NULL);
		}
	}
	wmove(w, cy, cx);
}

/* ---- the theme ---- */

/* Owned by the app (pd_theme_create after the screen is up). The colour
 * pairs it numbers live in curses' own table, which belongs to the
 * screen; the theme remembers which element has which. */
#define THEME_MAX 64
/* "stage." and a stage name of up to 64 characters (config's ident). */
#define THEME_ELEMENT_MAX 80

typedef struct theme_slot {
	char element[THEME_ELEMENT_MAX];
	int attr;
} theme_slot;

struct pd_theme {
	theme_slot v[THEME_MAX];
	size_t n;
	bool colour;
	short next_pair;
};

typedef struct builtin_entry {
	const char *element;
	const char *fg, *bg;
	int colour_attr;   /* attributes beside the colours */
	int mono_attr;     /* the whole look without colour */
} builtin_entry;

static const builtin_entry builtin[] = {
	{"title", "white", "blue", A_BOLD, A_REVERSE | A_BOLD},
	{"status", NULL, NULL, 0, 0},
	/* The documented elements (partnerdesk.yaml(5)) first: the config's
	 * defaults and `theme:` entries land on these names. */
	{"help", "cyan", NULL, 0, 0},
	{"match", NULL, NULL, A_BOLD | A_UNDERLINE, A_BOLD | A_UNDERLINE},
	{"due", "green", NULL, A_BOLD, A_UNDERLINE},
	{"outreach", "green", NULL, 0, A_BOLD},
	{"normal", NULL, NULL, 0, 0},
	/* Looks of the interface's own, not configurable. */
	{"bar", "cyan", NULL, 0, 0},
	{"error", "red", NULL, A_BOLD, A_BOLD},
	{"header", "yellow", NULL, A_BOLD, A_BOLD | A_UNDERLINE},
	{"selected", "black", "cyan", 0, A_REVERSE},
	{"selected.unfocused", NULL, NULL, A_REVERSE, A_UNDERLINE},
	{"stale", "yellow", NULL, 0, A_BOLD},
	{"overdue", "red", NULL, A_BOLD, A_BOLD},
	{"group", "magenta", NULL, A_BOLD, A_BOLD | A_UNDERLINE},
	{"tab", NULL, NULL, 0, 0},
	{"tab.active", "black", "cyan", A_BOLD, A_REVERSE},
	{"border", "blue", NULL, 0, 0},
	{"dim", NULL, NULL, A_DIM, 0},
	{"label", NULL, NULL, A_BOLD, A_BOLD},
	{"field", NULL, NULL, A_UNDERLINE, A_UNDERLINE},
	{"field.active", "black", "white", 0, A_REVERSE},
};

static short colour_number(const char *name)
{
	static const char *const names[] = {
		"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
	};
	if (!name || !*name || strcmp(name, "default") == 0)
		return -1;
	bool bright = false;
	if (strncmp(name, "bright-", 7) == 0 || strncmp(name, "bright", 6) == 0) {
		bright = true;
		name += name[6] == '-' ? 7 : 6;
	}
	for (short i = 0; i < 8; i++) {
		if (strcmp(name, names[i]) == 0)
			return (short)(bright && COLORS >= 16 ? i + 8 : i);
	}
	char *end;
	long v = strtol(name, &end, 10);
	if (*end == '\0' && v >= 0 && v < COLORS && v < 256)
		return (short)v;
	return -1;
}

static int make_colour(pd_theme *t, const char *fg, const char *bg)
{
	short f = colour_number(fg), b = colour_number(bg);
	if (f < 0 && b < 0)
		return 0;
	if (t->next_pair >= COLOR_PAIRS || t->next_pair <= 0)
		return 0;
	short pair = t->next_pair++;
	init_pair(pair, f, b);
	return (int)COLOR_PAIR(pair);
}

static theme_slot *slot_for(pd_theme *t, const char *element)
{
	for (size_t i = 0; i < t->n; i++) {
		if (strcmp(t->v[i].element, element) == 0)
			return &t->v[i];
	}
	if (t->n == THEME_MAX || strlen(element) >= sizeof t->v[0].element)
		return NULL;
	theme_slot *s = &t->v[t->n++];
	snprintf(s->element, sizeof s->element, "%s", element);
	s->attr = 0;
	return s;
}

static const builtin_entry *builtin_find(const char *element)
{
	for (size_t i = 0; i < sizeof builtin / sizeof builtin[0]; i++) {
		if (strcmp(builtin[i].element, element) == 0)
			return &builtin[i];
	}
	return NULL;
}

bool pd_draw_colour_wanted(void)
{
	const char *nc = getenv("NO_COLOR");
	if (nc && *nc)
		return false;
	return has_colors();
}

pd_theme *pd_theme_create(const pd_config *cfg, bool colour)
{
	pd_theme *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->colour = colour;
	t->next_pair = 1;
	if (colour) {
		start_color();
		/* Without "default" colours (use_default_colors failing) the
		 * pairs still work, over white on black. */
		if (use_default_colors() == OK) {
			/* "row.plain" (no config can name it): the terminal's own
			 * look as a colour pair. ncurses goes from a colour to
			 * A_NORMAL with the colour reset AND a full attribute reset
			 * (\E[39m\E(B\E[m, 11 bytes); to this pair with the colour
			 * reset alone (5). The list draws its rows in it, so every
			 * j saves that on the row it leaves (bytes per j). */
			theme_slot *s = slot_for(t, "row.plain");
			if (s && t->next_pair > 0 && t->next_pair < COLOR_PAIRS) {
				short pair = t->next_pair++;
				init_pair(pair, -1, -1);
				s->attr = (int)COLOR_PAIR(pair);
			}
		}
	}
	for (size_t i = 0; i < sizeof builtin / sizeof builtin[0]; i++) {
		theme_slot *s = slot_for(t, builtin[i].element);
		if (!s)
			continue;
		s->attr = colour ? builtin[i].colour_attr | make_colour(t, builtin[i].fg, builtin[i].bg)
		                 : builtin[i].mono_attr;
	}
	if (cfg && colour) {
		for (size_t i = 0; i < cfg->rules.n_stages; i++) {
			const pd_stage *st = &cfg->rules.stages[i];
			char el[THEME_ELEMENT_MAX];
			snprintf(el, sizeof el, "stage.%s", st->name);
			theme_slot *s = slot_for(t, el);
			if (s)
				s->attr = make_colour(t, st->color, NULL);
		}
	}
	for (size_t i = 0; cfg && i < cfg->n_theme; i++) {
		const pd_theme_entry *e = &cfg->theme[i];
		if (!e->element)
			continue;
		if (strcmp(e->element, "normal") == 0)
			continue;   /* the terminal's own look (the config takes nothing for it) */
		theme_slot *s = slot_for(t, e->element);
		if (!s)
			continue;
		int flags = (e->bold ? A_BOLD : 0) | (e->reverse ? A_REVERSE : 0) |
		            (e->underline ? A_UNDERLINE : 0);
		if (colour) {
			s->attr = flags | make_colour(t, e->fg, e->bg);
		} else {
			const builtin_entry *b = builtin_find(e->element);
			s->attr = (b ? b->mono_attr : 0) | flags;
		}
	}
	return t;
}

int pd_theme_stage_attr(const pd_theme *t, const char *stage)
{
	char el[THEME_ELEMENT_MAX];
	int n = snprintf(el, sizeof el, "stage.%s", stage ? stage : "");
	if (n < 0 || (size_t)n >= sizeof el)
		return A_NORMAL;   /* no stage the config can name */
	if (!t)
		return pd_theme_attr(t, el);
	/* Stage names match regardless of case (a partner moved while the
	 * config said "glance" is in "Glance" once it says that). */
	for (size_t i = 0; i < t->n; i++)
		if (pd_ascii_casecmp(t->v[i].element, el) == 0)
			return t->v[i].attr;
	return A_NORMAL;
}

int pd_theme_over(int base, int look)
{
	return (look & A_COLOR) ? (base & ~(int)A_COLOR) | look : base | look;
}

void pd_theme_destroy(pd_theme *t)
{
	free(t);
}

int pd_theme_attr(const pd_theme *t, const char *element)
{
	if (!element)
		return A_NORMAL;
	if (!t) {
		/* No theme (tests, early messages): the monochrome look. */
		const builtin_entry *b = builtin_find(element);
		return b ? b->mono_attr : (int)A_NORMAL;
	}
	for (size_t i = 0; i < t->n; i++) {
		if (strcmp(t->v[i].element, element) == 0)
			return t->v[i].attr;
	}
	return A_NORMAL;
}
