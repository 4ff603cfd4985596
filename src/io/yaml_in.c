/* YAML into a tree with positions, through libyaml's event parser, which
 * unlike its document loader lets us stop a 10,000-deep nesting or a
 * billion-laughs alias bomb before it costs anything. */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "partnerdesk/io/yaml_in.h"

void pd_yin_destroy(pd_yin *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n; i++)
		pd_yin_destroy(n->kids[i]);
	free(n->kids);
	free(n->text);
	free(n);
}

static bool add_kid(pd_yin *parent, pd_yin *kid, size_t *cap)
{
	if (parent->n == *cap) {
		size_t nc = *cap ? *cap * 2 : 8;
		pd_yin **k = realloc(parent->kids, nc * sizeof *k);
		if (!k)
			return false;
		parent->kids = k;
		*cap = nc;
	}
	parent->kids[parent->n++] = kid;
	return true;
}

typedef struct frame {
	pd_yin *node;
	size_t cap;
} frame;

pd_yin *pd_yaml_read(const char *name, const char *data, size_t len, pd_yin_marks *marks,
	pd_error *err)
{
	pd_yin_marks seen = { 0 };
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	frame stack[PD_YAML_MAX_DEPTH + 1];
	int depth = 0;
	pd_yin *root = NULL;
	long nodes = 0;
	bool done = false, ok = true;
	while (ok && !done) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			pd_error_set(err, PD_ERR_INVALID, "%s:%lu:%lu: %s%s%s", name,
				(unsigned long)parser.problem_mark.line + 1,
				(unsigned long)parser.problem_mark.column + 1,
				parser.problem ? parser.problem : "not YAML",
				parser.context ? " " : "", parser.context ? parser.context : "");
			ok = false;
			break;
		}
		unsigned long line = (unsigned long)ev.start_mark.line + 1;
		unsigned long col = (unsigned long)ev.start_mark.column + 1;
		pd_yin *made = NULL;
		switch (ev.type) {
		case YAML_ALIAS_EVENT:
			pd_error_set(err, PD_ERR_INVALID, "%s:%lu:%lu: aliases (*name) are not used in a backup",
				name, line, col);
			ok = false;
			break;
		case YAML_SCALAR_EVENT:
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			if (++nodes > PD_YAML_MAX_NODES) {
				pd_error_set(err, PD_ERR_INVALID, "%s:%lu:%lu: too many values", name, line, col);
				ok = false;
				break;
			}
			made = calloc(1, sizeof *made);
			if (!made) {
				pd_error_set(err, PD_ERR_NOMEM, "out of memory");
				ok = false;
				break;
			}
			made->line = line;
			made->column = col;
			if (ev.type == YAML_SCALAR_EVENT) {
				made->type = PD_YIN_SCALAR;
				made->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
				made->text = strndup((const char *)ev.data.scalar.value, ev.data.scalar.length);
				if (!made->text || memchr(ev.data.scalar.value, '\0', ev.data.scalar.length)) {
					if (!made->text)
						pd_error_set(err, PD_ERR_NOMEM, "out of memory");
					else
						pd_error_set(err, PD_ERR_INVALID, "%s:%lu:%lu: a NUL character in a value",
							name, line, col);
					pd_yin_destroy(made);
					ok = false;
					break;
				}
			} else {
				made->type = ev.type == YAML_MAPPING_START_EVENT ? PD_YIN_MAP : PD_YIN_SEQ;
			}
			if (depth > 0) {
				if (!add_kid(stack[depth - 1].node, made, &stack[depth - 1].cap)) {
					pd_yin_destroy(made);
					pd_error_set(err, PD_ERR_NOMEM, "out of memory");
					ok = false;
					break;
				}
			} else if (!root) {
				root = made;
			} else {
				/* Unreachable while a second document is refused, but
				 * never look at (or stack) a node once it is freed. */
				pd_yin_destroy(made);
				break;
			}
			if (made->type != PD_YIN_SCALAR) {
				if (depth >= PD_YAML_MAX_DEPTH) {
					pd_error_set(err, PD_ERR_INVALID,
						"%s:%lu:%lu: nested more than %d levels deep; a backup never is",
						name, line, col, PD_YAML_MAX_DEPTH);
					ok = false;
					break;
				}
				stack[depth].node = made;
				stack[depth].cap = 0;
				depth++;
			}
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			if (depth > 0)
				depth--;
			break;
		case YAML_DOCUMENT_START_EVENT:
			/* Two backups joined with "---": restoring the first alone
			 * would drop the rest without a word. */
			if (root) {
				pd_error_set(err, PD_ERR_INVALID,
					"%s:%lu:1: a backup is one YAML document; a second starts here", name, line);
				ok = false;
			}
			seen.start = !ev.data.document_start.implicit;
			break;
		case YAML_DOCUMENT_END_EVENT:
			seen.end = !ev.data.document_end.implicit;
			break;
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	if (!ok) {
		pd_yin_destroy(root);
		return NULL;
	}
	if (!root) {
		pd_error_set(err, PD_ERR_INVALID, "%s: empty: no YAML document", name);
		return NULL;
	}
	if (marks)
		*marks = seen;
	return root;
}

const pd_yin *pd_yin_get(const pd_yin *map, const char *key)
{
	if (!map || map->type != PD_YIN_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (map->kids[i]->type == PD_YIN_SCALAR && strcmp(map->kids[i]->text, key) == 0)
			return map->kids[i + 1];
	return NULL;
}

bool pd_yin_is_null(const pd_yin *n)
{
	if (!n)
		return true;
	if (n->type != PD_YIN_SCALAR || !n->plain)
		return false;
	return !n->text[0] || strcmp(n->text, "~") == 0 || strcmp(n->text, "null") == 0
	       || strcmp(n->text, "Null") == 0 || strcmp(n->text, "NULL") == 0;
}
