/* pd_config's life: the built-in defaults, and a YAML file or buffer laid
 * over them one top-level key at a time (a key present replaces that
 * default; theme entries replace theirs element by element). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_parse.h"
#include "partnerdesk/config/paths.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const top_keys[] = {
	"stages", "transitions", "kinds", "audiences", "channels", "goals",
	"library_offers", "fit_criteria", "outreach_keywords", "stale_days",
	"database", "theme", "keys",
};

pd_config *pd_config_create_default(pd_error *err)
{
	pd_config *cfg = calloc(1, sizeof *cfg);
	if (!cfg) {
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		return NULL;
	}
	if (!pd_rules_init_defaults(&cfg->rules) || !pd_cfg_theme_init_defaults(cfg)) {
		pd_config_destroy(cfg);
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		return NULL;
	}
	return cfg;
}

void pd_config_destroy(pd_config *cfg)
{
	if (!cfg)
		return;
	free(cfg->file);
	pd_rules_finish(&cfg->rules);
	free(cfg->database);
	for (size_t i = 0; i < cfg->n_theme; i++)
		pd_cfg_theme_entry_finish(&cfg->theme[i]);
	free(cfg->theme);
	for (size_t i = 0; i < cfg->n_keys; i++)
		pd_cfg_key_binding_finish(&cfg->keys[i]);
	free(cfg->keys);
	free(cfg);
}

/* `database:` with ~ expanded; a relative path is taken from the config
 * file's own directory, so a config means the same wherever it is run. */
static bool parse_database(const pd_cfgctx *c, const pd_ynode *n, const char *base_dir,
                           pd_config *cfg)
{
	free(cfg->database);
	cfg->database = NULL;
	if (pd_ynode_is_null(n))
		return true;
	char *raw = NULL;
	if (!pd_cfg_text(c, n, "database", &raw))
		return false;
	pd_error xerr = {0};
	char *path = pd_paths_expand_home(raw, &xerr);
	free(raw);
	if (!path) {
		if (xerr.code == PD_ERR_NOMEM)
			return pd_cfg_nomem(c);
		return pd_cfg_fail(c, n, "database: %s", xerr.msg);
	}
	if (path[0] != '/' && base_dir && *base_dir) {
		size_t len = strlen(base_dir) + strlen(path) + 2;
		char *joined = malloc(len);
		if (!joined) {
			free(path);
			return pd_cfg_nomem(c);
		}
		bool slash = base_dir[strlen(base_dir) - 1] == '/';
		snprintf(joined, len, "%s%s%s", base_dir, slash ? "" : "/", path);
		free(path);
		path = joined;
	}
	cfg->database = path;
	return true;
}

static bool apply_key(const pd_cfgctx *c, const pd_ynode *k, const pd_ynode *v,
                      const char *base_dir, pd_config *cfg)
{
	const char *key = k->value;
	pd_rules *r = &cfg->rules;
	if (strcmp(key, "stages") == 0)
		return true;   /* done first, see load() */
	if (strcmp(key, "transitions") == 0)
		return pd_cfg_parse_transitions(c, v, r);
	if (strcmp(key, "kinds") == 0)
		return pd_cfg_parse_list(c, v, "kinds", &r->kinds);
	if (strcmp(key, "audiences") == 0)
		return pd_cfg_parse_list(c, v, "audiences", &r->audiences);
	if (strcmp(key, "channels") == 0) {
		/* With none, no call could be logged at all. */
		if (v->type == PD_YNODE_SEQ && v->n == 0)
			return pd_cfg_fail(c, v, "channels: at least one channel is needed "
			                   "(leave the key out for the defaults)");
		return pd_cfg_parse_list(c, v, "channels", &r->channels);
	}
	if (strcmp(key, "goals") == 0)
		return pd_cfg_parse_list(c, v, "goals", &r->goals);
	if (strcmp(key, "library_offers") == 0)
		return pd_cfg_parse_list(c, v, "library_offers", &r->library_offers);
	if (strcmp(key, "fit_criteria") == 0)
		return pd_cfg_parse_criteria(c, v, r);
	if (strcmp(key, "outreach_keywords") == 0)
		return pd_cfg_parse_list(c, v, "outreach_keywords", &r->outreach_keywords);
	if (strcmp(key, "stale_days") == 0)
		return pd_cfg_int(c, v, "stale_days", 1, 36500, &r->stale_days);
	if (strcmp(key, "database") == 0)
		return parse_database(c, v, base_dir, cfg);
	if (strcmp(key, "theme") == 0)
		return pd_cfg_parse_theme(c, v, cfg);
	if (strcmp(key, "keys") == 0)
		return pd_cfg_parse_keys(c, v, cfg);
	return pd_cfg_unknown(c, k, "setting", key, top_keys, COUNT(top_keys));
}

static bool apply_root(const pd_cfgctx *c, const pd_ynode *root, const char *base_dir,
                       pd_config *cfg)
{
	if (pd_ynode_is_null(root))
		return true;   /* an empty file, or only comments: all defaults */
	if (root->type != PD_YNODE_MAP)
		return pd_cfg_fail(c, root, "expected a mapping of settings such as "
		                   "'stale_days: 90', got %s", pd_ynode_kind(root));
	/* Names first, in file order, so a typo is reported before anything
	 * it might confuse. */
	const pd_ynode *stages_key = NULL;
	bool has_transitions = false;
	for (size_t i = 0; i + 1 < root->n; i += 2) {
		const pd_ynode *k = root->items[i];
		if (!pd_cfg_expect(c, k, PD_YNODE_SCALAR, "setting name"))
			return false;
		size_t j = 0;
		while (j < COUNT(top_keys) && strcmp(k->value, top_keys[j]) != 0)
			j++;
		if (j == COUNT(top_keys))
			return pd_cfg_unknown(c, k, "setting", k->value, top_keys, COUNT(top_keys));
		if (strcmp(k->value, "stages") == 0)
			stages_key = k;
		if (strcmp(k->value, "transitions") == 0)
			has_transitions = true;
	}
	/* Stages before everything that names them (transitions, theme). */
	if (stages_key && !pd_cfg_parse_stages(c, pd_ynode_get(root, "stages"), &cfg->rules))
		return false;
	for (size_t i = 0; i + 1 < root->n; i += 2)
		if (!apply_key(c, root->items[i], root->items[i + 1], base_dir, cfg))
			return false;
	if (stages_key && !has_transitions)
		return pd_cfg_check_transitions(c, stages_key, &cfg->rules);
	return true;
}

static pd_config *load(const char *name, const char *data, size_t len,
                       const char *base_dir, pd_error *err)
{
	if (!name)
		name = "<config>";
	pd_ytree tree;
	if (!pd_ytree_parse(&tree, name, data ? data : "", data ? len : 0, err))
		return NULL;
	pd_config *cfg = pd_config_create_default(err);
	bool good = cfg != NULL;
	if (good && !(cfg->file = strdup(name)))
		good = pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	pd_cfgctx c = {.name = name, .err = err};
	if (good)
		good = apply_root(&c, tree.root, base_dir, cfg);
	pd_ytree_finish(&tree);
	if (!good) {
		pd_config_destroy(cfg);
		return NULL;
	}
	return cfg;
}

pd_config *pd_config_load_buffer(const char *name, const char *data, size_t len,
                                 pd_error *err)
{
	return load(name, data, len, NULL, err);
}

/* Reads the whole file, refusing one larger than any config could be. */
static char *read_file(const char *path, size_t *len, pd_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		pd_error_set(err, PD_ERR_IO, "%s: cannot read: %s", path, strerror(errno));
		return NULL;
	}
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		if (n == cap) {
			if (cap > PD_YAML_MAX_BYTES) {
				pd_error_set(err, PD_ERR_INVALID, "%s: too large for a config (over %u bytes)",
				             path, PD_YAML_MAX_BYTES);
				free(buf);
				fclose(f);
				return NULL;
			}
			char *bigger = realloc(buf, cap * 2);
			if (!bigger)
				break;
			buf = bigger;
			cap *= 2;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (!buf || ferror(f)) {
		int e = errno;
		if (buf)
			pd_error_set(err, PD_ERR_IO, "%s: cannot read: %s", path, strerror(e));
		else
			pd_error_set(err, PD_ERR_NOMEM, "%s: out of memory", path);
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

pd_config *pd_config_load_file(const char *path, pd_error *err)
{
	if (!path || !*path) {
		pd_error_set(err, PD_ERR_INVALID, "no config file named");
		return NULL;
	}
	size_t len = 0;
	char *data = read_file(path, &len, err);
	if (!data)
		return NULL;
	char *dir = strdup(path);
	if (!dir) {
		free(data);
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		return NULL;
	}
	char *slash = strrchr(dir, '/');
	if (!slash)
		dir[0] = '\0';
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	pd_config *cfg = load(path, data, len, dir, err);
	free(dir);
	free(data);
	return cfg;
}
