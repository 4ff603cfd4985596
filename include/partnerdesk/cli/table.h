/* Aligned text tables for the command line: cells are sanitized as they are
 * added and columns sized by display width, so UTF-8 names line up. */
#ifndef PARTNERDESK_CLI_TABLE_H
#define PARTNERDESK_CLI_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct pd_table pd_table;

/* headers: n_cols column titles. */
pd_table *pd_table_create(size_t n_cols, const char *const *headers);
void pd_table_destroy(pd_table *t);   /* accepts NULL */

/* Right-aligns a column (ids, counts). */
void pd_table_align_right(pd_table *t, size_t col);
/* Caps a column's width; longer cells are cut with "...". */
void pd_table_max_width(pd_table *t, size_t col, size_t cols);

/* Lets a column (a name, a note) give up width when the table is fit. */
void pd_table_shrink(pd_table *t, size_t col);
/* Fits each line to cols display columns (0: rows whole) by cutting the
 * shrinkable columns' cells at a whole character, with "…" (or "..."
 * outside a UTF-8 locale); the widest column gives first. For a terminal
 * (pd_cli_terminal_cols), where a wrapped row is unreadable. */
void pd_table_fit(pd_table *t, size_t cols);

/* Adds a row of n_cols cells (NULL cells print empty); false when out of memory. */
bool pd_table_add(pd_table *t, const char *const *cells);
size_t pd_table_rows(const pd_table *t);

/* Prints the header and the rows, two spaces between columns, no trailing
 * blanks. */
void pd_table_print(const pd_table *t, FILE *f);

#endif
