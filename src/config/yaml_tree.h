/* A small YAML node tree with 1-based positions, built from libyaml's event
 * stream so that config errors can point at the line and column. Private to
 * src/config. */
#ifndef PD_CONFIG_YAML_TREE_H
#define PD_CONFIG_YAML_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "partnerdesk/model/error.h"

/* Limits that keep hostile input cheap: a config is small and shallow. */
#define PD_YAML_MAX_BYTES (1u << 20)
#define PD_YAML_MAX_DEPTH 64
#define PD_YAML_MAX_NODES 100000

typedef enum pd_ynode_type {
	PD_YNODE_SCALAR,
	PD_YNODE_SEQ,
	PD_YNODE_MAP,
} pd_ynode_type;

typedef struct pd_ynode pd_ynode;
struct pd_ynode {
	pd_ynode_type type;
	unsigned long line, column;   /* 1-based start of the node */
	/* Scalars: the text (NUL-terminated; len excludes the NUL, and the
	 * text may hold an embedded NUL from a "\0" escape). plain is true for
	 * an unquoted scalar, where `~`, `null` and the empty text mean null. */
	char *value;
	size_t len;
	bool plain;
	/* Sequences: items[0..n). Mappings: items[2i] is a key, items[2i+1]
	 * its value, for i in [0, n/2). Aliases share nodes, so the tree is a
	 * DAG; nodes are owned by the tree, never by their parents. */
	pd_ynode **items;
	size_t n, cap;
};

typedef struct pd_ytree {
	pd_ynode *root;      /* NULL for a stream with no document */
	pd_ynode **all;      /* every node, for freeing */
	size_t n_all, cap_all;
} pd_ytree;

/* Parses data[0..len) as one YAML document. Errors are
 * "NAME:LINE:COLUMN: what is wrong" with code PD_ERR_INVALID. */
bool pd_ytree_parse(pd_ytree *t, const char *name, const char *data,
                    size_t len, pd_error *err);
void pd_ytree_finish(pd_ytree *t);

/* True for a plain scalar meaning null (empty, `~`, `null`). */
bool pd_ynode_is_null(const pd_ynode *n);
/* What a node is, for "expected a list, got a mapping" messages. */
const char *pd_ynode_kind(const pd_ynode *n);
/* The same words for a type: "a list", "a mapping", "a string". */
const char *pd_ynode_type_name(pd_ynode_type type);
/* The value for key in a mapping, or NULL. */
const pd_ynode *pd_ynode_get(const pd_ynode *map, const char *key);

#endif
