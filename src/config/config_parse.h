/* Shared by the files that map the YAML tree onto pd_config: the error
 * context, typed scalar readers that report positions, and each section's
 * parser. Private to src/config. */
#ifndef PD_CONFIG_CONFIG_PARSE_H
#define PD_CONFIG_CONFIG_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "partnerdesk/config/config.h"
#include "partnerdesk/model/error.h"
#include "yaml_tree.h"

/* Per-entry bounds on lists that aliases could otherwise repeat at no
 * cost in the file (a long list reached through many aliases). */
#define PD_CONFIG_MAX_KEYS_PER_ACTION 16
#define PD_CONFIG_MAX_REQUIRES 8

typedef struct pd_cfgctx {
	const char *name;    /* the file, as messages name it */
	pd_error *err;
} pd_cfgctx;

/* "NAME:LINE:COLUMN: message" at the node's position; returns false. */
bool pd_cfg_fail(const pd_cfgctx *c, const pd_ynode *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
bool pd_cfg_nomem(const pd_cfgctx *c);

/* Fails with "WHAT: expected a list, got a mapping" unless n has the type. */
bool pd_cfg_expect(const pd_cfgctx *c, const pd_ynode *n, pd_ynode_type type,
                   const char *what);
/* A non-empty string scalar (valid UTF-8, no NUL), copied into *out. */
bool pd_cfg_text(const pd_cfgctx *c, const pd_ynode *n, const char *what, char **out);
/* A whole number in [min, max]. */
bool pd_cfg_int(const pd_cfgctx *c, const pd_ynode *n, const char *what,
                long min, long max, int *out);
/* true / false (any case). */
bool pd_cfg_bool(const pd_cfgctx *c, const pd_ynode *n, const char *what, bool *out);
/* A name for a stage, criterion: ASCII letters, digits, '-' and '_'. */
bool pd_cfg_ident(const pd_cfgctx *c, const pd_ynode *n, const char *what, char **out);

/* "unknown WHAT 'x'; did you mean 'y'?" or "... (known: a, b, c)". */
bool pd_cfg_unknown(const pd_cfgctx *c, const pd_ynode *at, const char *what,
                    const char *word, const char *const *known, size_t n);

/* Finds the first repeated string (by cmp): *second is the index of the
 * earliest repeat, *first of the value it repeats. O(n log n). */
bool pd_cfg_find_duplicate(const char *const *strs, size_t n,
                           int (*cmp)(const char *, const char *),
                           size_t *first, size_t *second, bool *nomem);

/* Sections. Each replaces its part of cfg (overlay semantics). */
bool pd_cfg_parse_stages(const pd_cfgctx *c, const pd_ynode *n, pd_rules *r);
bool pd_cfg_parse_transitions(const pd_cfgctx *c, const pd_ynode *n, pd_rules *r);
/* After stages were replaced but transitions kept: every transition must
 * name a stage that still exists; `at` is the stages key. */
bool pd_cfg_check_transitions(const pd_cfgctx *c, const pd_ynode *at, const pd_rules *r);
bool pd_cfg_parse_list(const pd_cfgctx *c, const pd_ynode *n, const char *what,
                       pd_strv *out);
bool pd_cfg_parse_criteria(const pd_cfgctx *c, const pd_ynode *n, pd_rules *r);
bool pd_cfg_theme_init_defaults(pd_config *cfg);
bool pd_cfg_parse_theme(const pd_cfgctx *c, const pd_ynode *n, pd_config *cfg);
bool pd_cfg_parse_keys(const pd_cfgctx *c, const pd_ynode *n, pd_config *cfg);
bool pd_cfg_color(const pd_cfgctx *c, const pd_ynode *n, const char *what, char **out);

void pd_cfg_theme_entry_finish(pd_theme_entry *e);
void pd_cfg_key_binding_finish(pd_key_binding *k);

#endif
