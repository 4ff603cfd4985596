/* A YAML document read into a small tree of scalars, mappings and
 * sequences with their positions (libyaml's event parser underneath), for
 * the backup reader. Hostile input is bounded: nesting depth, node count,
 * no aliases. */
#ifndef PARTNERDESK_IO_YAML_IN_H
#define PARTNERDESK_IO_YAML_IN_H

#include <stdbool.h>
#include <stddef.h>

#include "partnerdesk/model/error.h"

#define PD_YAML_MAX_DEPTH 32
#define PD_YAML_MAX_NODES (20L * 1000 * 1000)

typedef enum pd_yin_type { PD_YIN_SCALAR, PD_YIN_MAP, PD_YIN_SEQ } pd_yin_type;

typedef struct pd_yin pd_yin;
struct pd_yin {
	pd_yin_type type;
	unsigned long line, column;   /* 1-based */
	char *text;                   /* scalars */
	bool plain;                   /* an unquoted scalar (so "null" or "~" mean null) */
	pd_yin **kids;              /* map: key, value, key, value ...; seq: items */
	size_t n;
};

/* Whether the document opened with an explicit "---" and closed with an
 * explicit "...": a writer that marks both lets a reader tell a whole file
 * from one cut short at a line's end, which is still valid YAML. */
typedef struct pd_yin_marks {
	bool start, end;
} pd_yin_marks;

/* Parses data, which must hold one document; NULL with "NAME:LINE:COLUMN: ..."
 * in err on a syntax error, an alias, a second document, or input past the
 * limits. marks (NULL: not wanted) says how the document was marked. */
pd_yin *pd_yaml_read(const char *name, const char *data, size_t len, pd_yin_marks *marks,
	pd_error *err);
void pd_yin_destroy(pd_yin *n);   /* accepts NULL */

/* The value of key in a mapping, or NULL. */
const pd_yin *pd_yin_get(const pd_yin *map, const char *key);
/* True for a plain null, ~ or empty scalar. */
bool pd_yin_is_null(const pd_yin *n);

#endif
