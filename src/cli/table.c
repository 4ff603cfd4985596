/* Aligned text tables sized by display width; every cell passes the
 * sanitizer on the way in. */
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/cli/sanitize.h"
#include "partnerdesk/cli/table.h"
#include "partnerdesk/model/charset.h"

struct pd_table {
	size_t n_cols;
	char **cells;          /* (1 + n_rows) * n_cols, header row first */
	size_t n_rows, cap_rows;
	bool *right;
	size_t *max;           /* 0: no cap */
	bool *shrink;          /* gives up width when fit */
	size_t fit;            /* 0: rows whole */
};

pd_table *pd_table_create(size_t n_cols, const char *const *headers)
{
	pd_table *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->n_cols = n_cols;
	t->right = calloc(n_cols, sizeof *t->right);
	t->max = calloc(n_cols, sizeof *t->max);
	t->shrink = calloc(n_cols, sizeof *t->shrink);
	if (!t->right || !t->max || !t->shrink || !pd_table_add(t, headers)) {
		pd_table_destroy(t);
		return NULL;
	}
	return t;
}

void pd_table_destroy(pd_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n_rows * t->n_cols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->right);
	free(t->max);
	free(t->shrink);
	free(t);
}

void pd_table_align_right(pd_table *t, size_t col)
{
	if (col < t->n_cols)
		t->right[col] = true;
}

void pd_table_max_width(pd_table *t, size_t col, size_t cols)
{
	if (col < t->n_cols)
		t->max[col] = cols;
}

void pd_table_shrink(pd_table *t, size_t col)
{
	if (col < t->n_cols)
		t->shrink[col] = true;
}

void pd_table_fit(pd_table *t, size_t cols)
{
	t->fit = cols;
}

/* Takes columns from the shrinkable columns, the widest first (so a long
 * note gives up its width before a short name does), until a line fits
 * t->fit or each of them is down to its header; a line that still does
 * not fit is printed whole and wraps. */
static void fit_widths(const pd_table *t, size_t *width)
{
	size_t line = 2 * (t->n_cols - 1);
	for (size_t c = 0; c < t->n_cols; c++)
		line += width[c];
	while (line > t->fit) {
		size_t widest = t->n_cols;
		for (size_t c = 0; c < t->n_cols; c++)
			if (t->shrink[c] && width[c] > pd_text_width(t->cells[c])
			    && (widest == t->n_cols || width[c] > width[widest]))
				widest = c;
		if (widest == t->n_cols)
			return;
		width[widest]--;
		line--;
	}
}

bool pd_table_add(pd_table *t, const char *const *cells)
{
	if (t->n_rows == t->cap_rows) {
		size_t cap = t->cap_rows ? t->cap_rows * 2 : 16;
		char **c = realloc(t->cells, cap * t->n_cols * sizeof *c);
		if (!c)
			return false;
		t->cells = c;
		t->cap_rows = cap;
	}
	char **row = t->cells + t->n_rows * t->n_cols;
	for (size_t i = 0; i < t->n_cols; i++) {
		row[i] = pd_sanitize(cells[i], 0);
		if (!row[i]) {
			while (i--)
				free(row[i]);
			return false;
		}
	}
	t->n_rows++;
	return true;
}

size_t pd_table_rows(const pd_table *t)
{
	return t->n_rows ? t->n_rows - 1 : 0;
}

void pd_table_print(const pd_table *t, FILE *f)
{
	size_t *width = calloc(t->n_cols, sizeof *width);
	if (!width)
		return;
	for (size_t r = 0; r < t->n_rows; r++) {
		for (size_t c = 0; c < t->n_cols; c++) {
			size_t w = pd_text_width(t->cells[r * t->n_cols + c]);
			if (t->max[c] && w > t->max[c])
				w = t->max[c];
			if (w > width[c])
				width[c] = w;
		}
	}
	size_t *cap = t->max;
	if (t->fit) {
		fit_widths(t, width);
		cap = width;
	}
	/* On a terminal that draws it, an ellipsis marks a cut in one column
	 * rather than three: two more of a name show on a narrow screen. */
	const char *mark = t->fit && pd_locale_utf8() ? "\xe2\x80\xa6" : "...";
	for (size_t r = 0; r < t->n_rows; r++) {
		/* The last non-empty cell ends the line, so no trailing blanks. */
		size_t last = t->n_cols;
		while (last > 0 && t->cells[r * t->n_cols + last - 1][0] == '\0')
			last--;
		for (size_t c = 0; c < last; c++) {
			const char *cell = t->cells[r * t->n_cols + c];
			char *cut = NULL;
			if (cap[c] && pd_text_width(cell) > cap[c]) {
				cut = pd_text_fit_mark(cell, cap[c], mark);
				if (cut)
					cell = cut;
			}
			/* A cut that failed (out of memory) leaves the cell wider. */
			size_t w = pd_text_width(cell);
			size_t pad = w < width[c] ? width[c] - w : 0;
			if (c > 0)
				fputs("  ", f);
			if (t->right[c])
				fprintf(f, "%*s", (int)pad, "");
			fputs(cell, f);
			if (!t->right[c] && c + 1 < last)
				fprintf(f, "%*s", (int)pad, "");
			free(cut);
		}
		fputc('\n', f);
	}
	free(width);
}
