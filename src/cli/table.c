/* Aligned text tables sized by display width; every cell passes the
 * sanitizer on the way in. */
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/cli/sanitize.h"
#include "partnerdesk/cli/table.h"

struct pd_table {
	size_t n_cols;
	char **cells;          /* (1 + n_rows) * n_cols, header row first */
	size_t n_rows, cap_rows;
	bool *right;
	size_t *max;           /* 0: no cap */
};

pd_table *pd_table_create(size_t n_cols, const char *const *headers)
{
	pd_table *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->n_cols = n_cols;
	t->right = calloc(n_cols, sizeof *t->right);
	t->max = calloc(n_cols, sizeof *t->max);
	if (!t->right || !t->max || !pd_table_add(t, headers)) {
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
	for (size_t r = 0; r < t->n_rows; r++) {
		/* The last non-empty cell ends the line, so no trailing blanks. */
		size_t last = t->n_cols;
		while (last > 0 && t->cells[r * t->n_cols + last - 1][0] == '\0')
			last--;
		for (size_t c = 0; c < last; c++) {
			const char *cell = t->cells[r * t->n_cols + c];
			char *cut = NULL;
			if (t->max[c] && pd_text_width(cell) > t->max[c]) {
				cut = pd_text_fit(cell, t->max[c]);
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
