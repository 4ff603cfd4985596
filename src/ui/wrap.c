/* Word wrapping over cells (see wrap.h): where rows break, what each row
 * shows, where a cursor lands; shared by the form's long fields and
 * pd_draw_wrap so that what is typed wraps as it will be read. */
#include <stdlib.h>

#include "partnerdesk/ui/wrap.h"

pd_wrap_kind pd_wrap_kind_of(uint32_t cp)
{
	if (cp == '\n')
		return PD_WRAP_NEWLINE;
	/* Blank spaces a line may break after; no-break spaces (U+00A0,
	 * U+2007, U+202F) stay words. Tabs and other controls are drawn as
	 * visible placeholders, so they are text. U+200B is the zero-width
	 * space, a break and nothing more. */
	if (cp == ' ' || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x2006) || (cp >= 0x2008 && cp <= 0x200B)
	    || cp == 0x205F || cp == 0x3000)
		return PD_WRAP_SPACE;
	switch (cp) {
	case 0x3001: case 0x3002: case 0x3009: case 0x300B: case 0x300D: case 0x300F:
	case 0x3011: case 0x3015: case 0x309B: case 0x309C: case 0x30FC:
	case 0xFF01: case 0xFF09: case 0xFF0C: case 0xFF0E: case 0xFF1A: case 0xFF1B: case 0xFF1F:
		return PD_WRAP_CLOSE;
	default:
		break;
	}
	if ((cp >= 0x2E80 && cp <= 0x2FDF) || (cp >= 0x3003 && cp <= 0x303F) || (cp >= 0x3040 && cp <= 0x30FF)
	    || (cp >= 0x31F0 && cp <= 0x31FF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF)
	    || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF01 && cp <= 0xFF60) || (cp >= 0x20000 && cp <= 0x3FFFF))
		return PD_WRAP_IDEO;
	return PD_WRAP_TEXT;
}

int pd_wrap_cell_width(const pd_wrap_cell *c, int col)
{
	if (!c->tab)
		return c->width;
	return PD_WRAP_TAB_STOP - (col < 0 ? 0 : col) % PD_WRAP_TAB_STOP;
}

/* Whether a row may end before cell i, given the kind of the last cell
 * with a width before it (combining marks stay with their character). */
static bool may_break_before(const pd_wrap_cell *c, size_t i, pd_wrap_kind prev)
{
	if (c[i].kind == PD_WRAP_CLOSE || c[i].kind == PD_WRAP_SPACE)
		return false;
	return prev == PD_WRAP_SPACE || prev == PD_WRAP_IDEO || prev == PD_WRAP_CLOSE
	       || c[i].kind == PD_WRAP_IDEO;
}

/* The row from start: returns where the next one begins; *end is what it
 * shows (its newline and the spaces past the edge left out). */
static size_t one_row(const pd_wrap_cell *c, size_t n, size_t start, int width, size_t *end)
{
	int used = 0;
	size_t brk = start;          /* start: no break seen on this row */
	pd_wrap_kind prev = PD_WRAP_TEXT;
	size_t i = start, next = n, stop = n;
	size_t cluster = start;      /* where the cluster of cell i begins */
	for (; i < n; i++) {
		if (c[i].kind == PD_WRAP_NEWLINE) {
			stop = i;
			next = i + 1;
			break;
		}
		if (!c[i].joined)
			cluster = i;
		if (c[i].width > 0 && c[i].kind != PD_WRAP_SPACE) {
			if (!c[i].joined && i > start && may_break_before(c, i, prev))
				brk = i;
			if (used + c[i].width > width && used > 0 && (brk > start || cluster > start)) {
				/* The word that does not fit moves down whole, unless
				 * it began the row: then it is longer than a row and
				 * breaks before this character's cluster (a cluster
				 * wider than the row is left whole, to be clipped). */
				stop = next = brk > start ? brk : cluster;
				break;
			}
			if (!c[i].joined)
				prev = c[i].kind;
		} else if (c[i].kind == PD_WRAP_SPACE) {
			prev = PD_WRAP_SPACE;
		}
		used += pd_wrap_cell_width(&c[i], used);
	}
	/* Spaces at the row's end are not shown: those past the edge hang
	 * there instead of starting the next row, and the others show as
	 * nothing anyway. */
	for (size_t s = stop; s > start;) {
		if (c[s - 1].kind == PD_WRAP_SPACE)
			stop = --s;
		else if (c[s - 1].width == 0 && c[s - 1].kind == PD_WRAP_TEXT)
			s--;   /* a mark: it hangs if what it sits on does */
		else
			break;
	}
	*end = stop;
	return next;
}

size_t pd_wrap_rows(const pd_wrap_cell *c, size_t n, int width, pd_wrap_row **rows)
{
	size_t cap = 8, k = 0;
	pd_wrap_row *v = malloc(cap * sizeof *v);
	*rows = NULL;
	if (!v)
		return 0;
	if (width < 1)
		width = 1;
	size_t start = 0;
	for (;;) {
		if (k == cap) {
			cap *= 2;
			pd_wrap_row *t = realloc(v, cap * sizeof *v);
			if (!t) {
				free(v);
				return 0;
			}
			v = t;
		}
		size_t end, next = one_row(c, n, start, width, &end);
		v[k++] = (pd_wrap_row){start, end, next};
		/* After a final newline comes an empty row; otherwise the end. */
		if (next >= n && !(next == n && n > start && c[n - 1].kind == PD_WRAP_NEWLINE))
			break;
		if (start == n)
			break;
		start = next;
	}
	*rows = v;
	return k;
}

void pd_wrap_cursor(const pd_wrap_cell *c, size_t n, const pd_wrap_row *rows, size_t nrows, int width,
                    size_t cur, size_t *row, int *col)
{
	*row = 0;
	*col = 0;
	if (nrows == 0)
		return;
	if (cur > n)
		cur = n;
	size_t r = 0;
	while (r + 1 < nrows && rows[r + 1].start <= cur)
		r++;
	int w = 0;
	for (size_t i = rows[r].start; i < cur; i++)
		w += c[i].kind == PD_WRAP_NEWLINE ? 0 : pd_wrap_cell_width(&c[i], w);
	*row = r;
	if (w > width) {
		if (cur == n && r + 1 == nrows) {
			*row = nrows;
			w = 0;
		} else {
			w = width;
		}
	}
	*col = w;
}

size_t pd_wrap_row_last(const pd_wrap_cell *c, size_t n, const pd_wrap_row *rows, size_t nrows, size_t r)
{
	if (r >= nrows)
		return n;
	const pd_wrap_row *w = &rows[r];
	if (r + 1 == nrows && w->end == n)
		return n;
	size_t last = w->end;
	bool soft = w->next > w->start && c[w->next - 1].kind != PD_WRAP_NEWLINE;
	if (soft && last == w->next) {
		/* After its last character is the next row's start. */
		last--;
		while (last > w->start && (c[last].width == 0 || c[last].joined))
			last--;
	}
	return last;
}
