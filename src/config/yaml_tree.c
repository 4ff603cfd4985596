/* Builds a positioned node tree from libyaml's events (not its document
 * loader, which keeps no useful positions and expands aliases into copies).
 * Aliases share nodes, so an alias bomb costs nothing; depth, size and node
 * count are capped so that any byte string is handled cheaply. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "yaml_tree.h"

typedef struct anchor {
	char *name;
	pd_ynode *node;
} anchor;

typedef struct frame {
	pd_ynode *node;
	char *anchor;        /* registered when the collection closes: no cycles */
} frame;

typedef struct builder {
	pd_ytree *t;
	const char *name;
	const char *data;
	size_t len;
	pd_error *err;
	frame stack[PD_YAML_MAX_DEPTH + 1];
	size_t depth;
	anchor *anchors;
	size_t n_anchors, cap_anchors;
	size_t documents;
} builder;

static bool fail_at(builder *b, unsigned long line, unsigned long col,
                    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static bool fail_at(builder *b, unsigned long line, unsigned long col,
                    const char *fmt, ...)
{
	char what[PD_ERROR_MSG_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return pd_error_set(b->err, PD_ERR_INVALID, "%s:%lu:%lu: %s",
	                    b->name, line, col, what);
}

static bool nomem(builder *b)
{
	return pd_error_set(b->err, PD_ERR_NOMEM, "%s: out of memory", b->name);
}

/* Walks the buffer to the byte at a 0-based libyaml line and column. The
 * marks count characters, and line breaks the way YAML does (\n, \r\n, \r). */
static size_t byte_at(const builder *b, size_t line, size_t col)
{
	size_t i = 0;
	while (line > 0 && i < b->len) {
		if (b->data[i] == '\n') {
			line--;
		} else if (b->data[i] == '\r') {
			if (i + 1 < b->len && b->data[i + 1] == '\n')
				i++;
			line--;
		}
		i++;
	}
	while (col > 0 && i < b->len && b->data[i] != '\n' && b->data[i] != '\r') {
		i++;
		while (i < b->len && ((unsigned char)b->data[i] & 0xC0) == 0x80)
			i++;
		col--;
	}
	return i;
}

/* The 1-based line and column of a byte offset (reader errors give only
 * the offset). Columns count characters, as libyaml's marks do. */
static void position_of(const builder *b, size_t offset,
                        unsigned long *line, unsigned long *col)
{
	unsigned long l = 1, c = 1;
	for (size_t i = 0; i < offset && i < b->len; i++) {
		unsigned char ch = (unsigned char)b->data[i];
		if (ch == '\n' || (ch == '\r' && !(i + 1 < b->len && b->data[i + 1] == '\n'))) {
			l++;
			c = 1;
		} else if ((ch & 0xC0) != 0x80 && ch != '\r') {
			c++;
		}
	}
	*line = l;
	*col = c;
}

static bool parser_error(builder *b, const yaml_parser_t *p)
{
	if (p->error == YAML_MEMORY_ERROR)
		return nomem(b);
	if (p->error == YAML_READER_ERROR) {
		unsigned long l, c;
		position_of(b, p->problem_offset, &l, &c);
		if (p->problem_value != -1 && p->problem_offset < b->len)
			return fail_at(b, l, c, "not UTF-8 text: %s (byte 0x%02x)",
			               p->problem ? p->problem : "unreadable",
			               (unsigned)(unsigned char)b->data[p->problem_offset]);
		return fail_at(b, l, c, "not UTF-8 text: %s",
		               p->problem ? p->problem : "unreadable");
	}
	unsigned long l = (unsigned long)p->problem_mark.line + 1;
	unsigned long c = (unsigned long)p->problem_mark.column + 1;
	size_t at = byte_at(b, p->problem_mark.line, p->problem_mark.column);
	if (at < b->len && b->data[at] == '\t')
		return fail_at(b, l, c, "a tab character: YAML indents with spaces, not tabs");
	const char *problem = p->problem ? p->problem : "not valid YAML";
	if (p->context)
		return fail_at(b, l, c, "invalid YAML: %s (%s that started at line %lu, column %lu)",
		               problem, p->context,
		               (unsigned long)p->context_mark.line + 1,
		               (unsigned long)p->context_mark.column + 1);
	return fail_at(b, l, c, "invalid YAML: %s", problem);
}

static pd_ynode *node_new(builder *b, pd_ynode_type type, yaml_mark_t mark)
{
	pd_ytree *t = b->t;
	if (t->n_all >= PD_YAML_MAX_NODES) {
		fail_at(b, (unsigned long)mark.line + 1, (unsigned long)mark.column + 1,
		        "too many values (a config holds at most %d)", PD_YAML_MAX_NODES);
		return NULL;
	}
	if (t->n_all == t->cap_all) {
		size_t cap = t->cap_all ? t->cap_all * 2 : 64;
		pd_ynode **all = realloc(t->all, cap * sizeof *all);
		if (!all) {
			nomem(b);
			return NULL;
		}
		t->all = all;
		t->cap_all = cap;
	}
	pd_ynode *n = calloc(1, sizeof *n);
	if (!n) {
		nomem(b);
		return NULL;
	}
	n->type = type;
	n->line = (unsigned long)mark.line + 1;
	n->column = (unsigned long)mark.column + 1;
	t->all[t->n_all++] = n;
	return n;
}

static bool push_item(builder *b, pd_ynode *parent, pd_ynode *child)
{
	if (parent->n == parent->cap) {
		size_t cap = parent->cap ? parent->cap * 2 : 8;
		pd_ynode **items = realloc(parent->items, cap * sizeof *items);
		if (!items)
			return nomem(b);
		parent->items = items;
		parent->cap = cap;
	}
	parent->items[parent->n++] = child;
	return true;
}

/* Hangs a finished or opening node on its parent, or makes it the root. */
static bool attach(builder *b, pd_ynode *n)
{
	if (b->depth == 0) {
		b->t->root = n;
		return true;
	}
	return push_item(b, b->stack[b->depth - 1].node, n);
}

static bool anchor_add(builder *b, const char *name, pd_ynode *n)
{
	if (!name)
		return true;
	if (b->n_anchors == b->cap_anchors) {
		size_t cap = b->cap_anchors ? b->cap_anchors * 2 : 8;
		anchor *a = realloc(b->anchors, cap * sizeof *a);
		if (!a)
			return nomem(b);
		b->anchors = a;
		b->cap_anchors = cap;
	}
	char *copy = strdup(name);
	if (!copy)
		return nomem(b);
	b->anchors[b->n_anchors++] = (anchor){copy, n};
	return true;
}

static pd_ynode *anchor_find(const builder *b, const char *name)
{
	/* The latest definition wins, as YAML says. */
	for (size_t i = b->n_anchors; i-- > 0;)
		if (strcmp(b->anchors[i].name, name) == 0)
			return b->anchors[i].node;
	return NULL;
}

static bool add_scalar(builder *b, const yaml_event_t *e)
{
	pd_ynode *n = node_new(b, PD_YNODE_SCALAR, e->start_mark);
	if (!n)
		return false;
	size_t len = e->data.scalar.length;
	n->value = malloc(len + 1);
	if (!n->value)
		return nomem(b);
	memcpy(n->value, e->data.scalar.value, len);
	n->value[len] = '\0';
	n->len = len;
	n->plain = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	return attach(b, n) && anchor_add(b, (const char *)e->data.scalar.anchor, n);
}

static bool open_collection(builder *b, pd_ynode_type type, const yaml_event_t *e,
                            const yaml_char_t *anchor_name)
{
	if (b->depth >= PD_YAML_MAX_DEPTH)
		return fail_at(b, (unsigned long)e->start_mark.line + 1,
		               (unsigned long)e->start_mark.column + 1,
		               "nested too deeply (more than %d levels)", PD_YAML_MAX_DEPTH);
	pd_ynode *n = node_new(b, type, e->start_mark);
	if (!n || !attach(b, n))
		return false;
	char *a = NULL;
	if (anchor_name && !(a = strdup((const char *)anchor_name)))
		return nomem(b);
	b->stack[b->depth++] = (frame){n, a};
	return true;
}

typedef struct keyref {
	const pd_ynode *key;
	size_t index;
} keyref;

static int keyref_cmp(const void *pa, const void *pb)
{
	const keyref *a = pa, *b = pb;
	size_t n = a->key->len < b->key->len ? a->key->len : b->key->len;
	int c = memcmp(a->key->value, b->key->value, n);
	if (c)
		return c;
	if (a->key->len != b->key->len)
		return a->key->len < b->key->len ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

static bool same_key(const pd_ynode *a, const pd_ynode *b)
{
	return a->len == b->len && memcmp(a->value, b->value, a->len) == 0;
}

/* A key given twice is almost always a mistake that would silently lose a
 * setting; sorting keeps the check O(n log n) for huge mappings. */
static bool check_duplicate_keys(builder *b, const pd_ynode *map)
{
	size_t n = map->n / 2, k = 0;
	if (n < 2)
		return true;
	keyref *refs = malloc(n * sizeof *refs);
	if (!refs)
		return nomem(b);
	for (size_t i = 0; i < n; i++)
		if (map->items[2 * i]->type == PD_YNODE_SCALAR)
			refs[k++] = (keyref){map->items[2 * i], i};
	qsort(refs, k, sizeof *refs, keyref_cmp);
	const pd_ynode *first = NULL, *dup = NULL;
	size_t dup_index = SIZE_MAX;
	for (size_t i = 1; i < k; i++) {
		if (!same_key(refs[i].key, refs[i - 1].key))
			continue;
		/* Sorted by (text, index): refs[i] is a second occurrence when the
		 * one before it starts its group. Report the earliest such. */
		if (i >= 2 && same_key(refs[i - 1].key, refs[i - 2].key))
			continue;
		if (refs[i].index < dup_index) {
			dup_index = refs[i].index;
			dup = refs[i].key;
			first = refs[i - 1].key;
		}
	}
	free(refs);
	if (!dup)
		return true;
	return fail_at(b, dup->line, dup->column,
	               "duplicate key '%s' (first given at line %lu, column %lu)",
	               dup->value, first->line, first->column);
}

static bool close_collection(builder *b)
{
	frame f = b->stack[--b->depth];
	bool good = true;
	if (f.node->type == PD_YNODE_MAP)
		good = check_duplicate_keys(b, f.node);
	if (good)
		good = anchor_add(b, f.anchor, f.node);
	free(f.anchor);
	return good;
}

static bool add_alias(builder *b, const yaml_event_t *e)
{
	const char *name = (const char *)e->data.alias.anchor;
	pd_ynode *n = anchor_find(b, name);
	if (!n)
		return fail_at(b, (unsigned long)e->start_mark.line + 1,
		               (unsigned long)e->start_mark.column + 1,
		               "alias '*%s' names no anchor defined before it", name);
	return attach(b, n);
}

static bool handle_event(builder *b, const yaml_event_t *e, bool *done)
{
	switch (e->type) {
	case YAML_STREAM_END_EVENT:
		*done = true;
		return true;
	case YAML_DOCUMENT_START_EVENT:
		if (++b->documents > 1)
			return fail_at(b, (unsigned long)e->start_mark.line + 1,
			               (unsigned long)e->start_mark.column + 1,
			               "a second YAML document: a config is one document");
		return true;
	case YAML_SCALAR_EVENT:
		return add_scalar(b, e);
	case YAML_ALIAS_EVENT:
		return add_alias(b, e);
	case YAML_SEQUENCE_START_EVENT:
		return open_collection(b, PD_YNODE_SEQ, e, e->data.sequence_start.anchor);
	case YAML_MAPPING_START_EVENT:
		return open_collection(b, PD_YNODE_MAP, e, e->data.mapping_start.anchor);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return close_collection(b);
	default:
		return true;
	}
}

bool pd_ytree_parse(pd_ytree *t, const char *name, const char *data,
                    size_t len, pd_error *err)
{
	memset(t, 0, sizeof *t);
	/* A byte order mark (Notepad writes one) is no character an editor
	 * shows: libyaml would count it in the first line's columns. */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	builder b = {.t = t, .name = name, .data = data, .len = len, .err = err};
	if (len > PD_YAML_MAX_BYTES)
		return pd_error_set(err, PD_ERR_INVALID,
		                    "%s: too large for a config (over %u bytes)",
		                    name, PD_YAML_MAX_BYTES);
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		return nomem(&b);
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	/* UTF-8 only: byte offsets then match our buffer, and a UTF-16 file is
	 * refused with a position rather than guessed at. */
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	bool good = true, done = false;
	while (good && !done) {
		yaml_event_t e;
		if (!yaml_parser_parse(&p, &e)) {
			good = parser_error(&b, &p);
			break;
		}
		good = handle_event(&b, &e, &done);
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&p);
	for (size_t i = 0; i < b.depth; i++)
		free(b.stack[i].anchor);
	for (size_t i = 0; i < b.n_anchors; i++)
		free(b.anchors[i].name);
	free(b.anchors);
	if (!good)
		pd_ytree_finish(t);
	return good;
}

void pd_ytree_finish(pd_ytree *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n_all; i++) {
		free(t->all[i]->value);
		free(t->all[i]->items);
		free(t->all[i]);
	}
	free(t->all);
	memset(t, 0, sizeof *t);
}

bool pd_ynode_is_null(const pd_ynode *n)
{
	if (!n)
		return true;
	if (n->type != PD_YNODE_SCALAR || !n->plain)
		return false;
	return n->len == 0 || strcmp(n->value, "~") == 0 || strcmp(n->value, "null") == 0 ||
	       strcmp(n->value, "Null") == 0 || strcmp(n->value, "NULL") == 0;
}

const char *pd_ynode_type_name(pd_ynode_type type)
{
	switch (type) {
	case PD_YNODE_SEQ:
		return "a list";
	case PD_YNODE_MAP:
		return "a mapping";
	default:
		return "a string";
	}
}

const char *pd_ynode_kind(const pd_ynode *n)
{
	return pd_ynode_is_null(n) ? "nothing" : pd_ynode_type_name(n->type);
}

const pd_ynode *pd_ynode_get(const pd_ynode *map, const char *key)
{
	if (!map || map->type != PD_YNODE_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		const pd_ynode *k = map->items[i];
		if (k->type == PD_YNODE_SCALAR && strcmp(k->value, key) == 0)
			return map->items[i + 1];
	}
	return NULL;
}
