/* The `keys:` section: action names and key names kept as strings with
 * their positions; the interface's keymap checks the names and reports a
 * bad one with the position kept here. */
#include <stdlib.h>
#include <string.h>

#include "config_parse.h"

void pd_cfg_key_binding_finish(pd_key_binding *k)
{
	free(k->action);
	pd_strv_clear(&k->keys);
	free(k->key_pos);
	memset(k, 0, sizeof *k);
}

static bool parse_binding(const pd_cfgctx *c, const pd_ynode *k, const pd_ynode *v,
                          pd_key_binding *b)
{
	if (!pd_cfg_text(c, k, "keys: action name", &b->action))
		return false;
	b->line = k->line;
	b->column = k->column;
	if (pd_ynode_is_null(v))
		return true;        /* no keys: the action is unbound */
	if (v->type == PD_YNODE_MAP)
		return pd_cfg_fail(c, v, "keys: %s: expected a key name or a list of them, "
		                   "got a mapping", b->action);
	size_t n = v->type == PD_YNODE_SEQ ? v->n : 1;
	/* A bound, so that aliases to one long list cannot multiply work. */
	if (n > PD_CONFIG_MAX_KEYS_PER_ACTION)
		return pd_cfg_fail(c, v, "keys: %s: at most %d keys per action", b->action,
		                   PD_CONFIG_MAX_KEYS_PER_ACTION);
	if (n && !(b->key_pos = calloc(n, sizeof *b->key_pos)))
		return pd_cfg_nomem(c);
	for (size_t i = 0; i < n; i++) {
		const pd_ynode *item = v->type == PD_YNODE_SEQ ? v->items[i] : v;
		char *name = NULL;
		if (!pd_cfg_text(c, item, "key name", &name))
			return false;
		bool pushed = pd_strv_push(&b->keys, name);
		free(name);
		if (!pushed)
			return pd_cfg_nomem(c);
		b->key_pos[i] = (pd_config_pos){item->line, item->column};
	}
	return true;
}

bool pd_cfg_parse_keys(const pd_cfgctx *c, const pd_ynode *n, pd_config *cfg)
{
	pd_key_binding *v = NULL;
	size_t count = 0;
	if (!pd_ynode_is_null(n)) {
		if (!pd_cfg_expect(c, n, PD_YNODE_MAP, "keys"))
			return false;
		count = n->n / 2;
		if (count && !(v = calloc(count, sizeof *v)))
			return pd_cfg_nomem(c);
	}
	for (size_t i = 0; i < count; i++)
		if (!parse_binding(c, n->items[2 * i], n->items[2 * i + 1], &v[i])) {
			for (size_t j = 0; j < count; j++)
				pd_cfg_key_binding_finish(&v[j]);
			free(v);
			return false;
		}
	for (size_t i = 0; i < cfg->n_keys; i++)
		pd_cfg_key_binding_finish(&cfg->keys[i]);
	free(cfg->keys);
	cfg->keys = v;
	cfg->n_keys = count;
	return true;
}
