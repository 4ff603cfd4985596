/* The colour theme: the built-in entries, colour names, and the `theme:`
 * section, merged element by element over the defaults. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_parse.h"
#include "partnerdesk/model/ascii.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The elements the interface draws. "stage.NAME" is also accepted for each
 * configured stage; it overrides that stage's `color:`. */
static const char *const theme_elements[] = {
	"normal", "title", "status", "header", "selected", "border", "help",
	"match", "error", "stale", "due", "overdue", "outreach",
};

static const char *const theme_fields[] = {"fg", "bg", "bold", "reverse", "underline"};

static const struct {
	const char *element, *fg, *bg;
	bool bold, reverse, underline;
} default_theme[] = {
	{"normal", NULL, NULL, false, false, false},
	{"title", NULL, NULL, true, true, false},
	{"status", NULL, NULL, false, true, false},
	{"header", NULL, NULL, true, false, true},
	{"selected", NULL, NULL, true, true, false},
	{"border", "blue", NULL, false, false, false},
	{"help", "cyan", NULL, false, false, false},
	{"match", NULL, NULL, true, false, true},
	{"error", "red", NULL, true, false, false},
	{"stale", "magenta", NULL, false, false, false},
	{"due", "yellow", NULL, true, false, false},
	{"overdue", "red", NULL, true, false, false},
	{"outreach", "green", NULL, false, false, false},
};

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

bool pd_config_color_index(const char *name, int *index)
{
	if (!name)
		return false;
	if (pd_ascii_casecmp(name, "default") == 0) {
		*index = -1;
		return true;
	}
	for (size_t i = 0; i < COUNT(color_names); i++) {
		if (pd_ascii_casecmp(name, color_names[i]) == 0) {
			*index = (int)i;
			return true;
		}
		if (pd_ascii_prefix(name, "bright-") && pd_ascii_casecmp(name + 7, color_names[i]) == 0) {
			*index = (int)i + 8;
			return true;
		}
	}
	size_t len = strlen(name);
	if (len == 0 || len > 3)
		return false;
	int v = 0;
	for (size_t i = 0; i < len; i++) {
		if (!isdigit((unsigned char)name[i]))
			return false;
		v = v * 10 + (name[i] - '0');
	}
	if (v > 255)
		return false;
	*index = v;
	return true;
}

bool pd_cfg_color(const pd_cfgctx *c, const pd_ynode *n, const char *what, char **out)
{
	static const char *const known[] = {
		"default", "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
		"bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue",
		"bright-magenta", "bright-cyan", "bright-white",
	};
	char *s = NULL;
	if (!pd_cfg_text(c, n, what, &s))
		return false;
	int index;
	if (!pd_config_color_index(s, &index)) {
		pd_cfg_unknown(c, n, "colour", s, known, COUNT(known));
		pd_error *err = c->err;
		/* Numbers are colours too; say so, since the list omits them. */
		if (err && strlen(err->msg) + 40 < sizeof err->msg && !strstr(err->msg, "did you mean"))
			strcat(err->msg, ", or a number 0-255");
		free(s);
		return false;
	}
	for (char *p = s; *p; p++)
		*p = (char)pd_ascii_tolower(*p);
	free(*out);
	*out = s;
	return true;
}

void pd_cfg_theme_entry_finish(pd_theme_entry *e)
{
	free(e->element);
	free(e->fg);
	free(e->bg);
	memset(e, 0, sizeof *e);
}

static bool theme_add(pd_config *cfg, pd_theme_entry *e)
{
	for (size_t i = 0; i < cfg->n_theme; i++)
		if (strcmp(cfg->theme[i].element, e->element) == 0) {
			pd_cfg_theme_entry_finish(&cfg->theme[i]);
			cfg->theme[i] = *e;
			return true;
		}
	pd_theme_entry *v = realloc(cfg->theme, (cfg->n_theme + 1) * sizeof *v);
	if (!v)
		return false;
	cfg->theme = v;
	cfg->theme[cfg->n_theme++] = *e;
	return true;
}

static char *dup_or_null(const char *s, bool *good)
{
	if (!s)
		return NULL;
	char *d = strdup(s);
	if (!d)
		*good = false;
	return d;
}

bool pd_cfg_theme_init_defaults(pd_config *cfg)
{
	for (size_t i = 0; i < COUNT(default_theme); i++) {
		bool good = true;
		pd_theme_entry e = {
			.element = dup_or_null(default_theme[i].element, &good),
			.fg = dup_or_null(default_theme[i].fg, &good),
			.bg = dup_or_null(default_theme[i].bg, &good),
			.bold = default_theme[i].bold,
			.reverse = default_theme[i].reverse,
			.underline = default_theme[i].underline,
		};
		if (!good || !theme_add(cfg, &e)) {
			pd_cfg_theme_entry_finish(&e);
			return false;
		}
	}
	return true;
}

static bool check_element(const pd_cfgctx *c, const pd_ynode *k, const pd_rules *r)
{
	for (size_t i = 0; i < COUNT(theme_elements); i++)
		if (strcmp(k->value, theme_elements[i]) == 0)
			return true;
	if (strncmp(k->value, "stage.", 6) == 0) {
		for (size_t i = 0; i < r->n_stages; i++)
			if (strcmp(k->value + 6, r->stages[i].name) == 0)
				return true;
	}
	/* Offer both the fixed elements and the stage ones as suggestions. */
	size_t n = COUNT(theme_elements) + r->n_stages;
	const char **known = calloc(n, sizeof *known);
	char **stage_keys = calloc(r->n_stages ? r->n_stages : 1, sizeof *stage_keys);
	bool good = known && stage_keys;
	for (size_t i = 0; good && i < COUNT(theme_elements); i++)
		known[i] = theme_elements[i];
	for (size_t i = 0; good && i < r->n_stages; i++) {
		size_t len = strlen(r->stages[i].name) + 7;
		if (!(stage_keys[i] = malloc(len))) {
			good = false;
			break;
		}
		snprintf(stage_keys[i], len, "stage.%s", r->stages[i].name);
		known[COUNT(theme_elements) + i] = stage_keys[i];
	}
	if (good)
		pd_cfg_unknown(c, k, "theme element", k->value, known, n);
	else
		pd_cfg_nomem(c);
	for (size_t i = 0; stage_keys && i < r->n_stages; i++)
		free(stage_keys[i]);
	free(stage_keys);
	free(known);
	return false;
}

static bool parse_entry(const pd_cfgctx *c, const pd_ynode *k, const pd_ynode *v,
                        pd_theme_entry *e)
{
	if (!(e->element = strdup(k->value)))
		return pd_cfg_nomem(c);
	/* An element given nothing is drawn plain. */
	if (pd_ynode_is_null(v))
		return true;
	if (!pd_cfg_expect(c, v, PD_YNODE_MAP, e->element))
		return false;
	for (size_t i = 0; i + 1 < v->n; i += 2) {
		const pd_ynode *f = v->items[i], *fv = v->items[i + 1];
		if (!pd_cfg_expect(c, f, PD_YNODE_SCALAR, "theme attribute"))
			return false;
		bool good;
		if (strcmp(e->element, "normal") == 0)
			/* Ordinary text is the terminal's own look: curses draws it
			 * in colour pair 0, which no setting here can change, and a
			 * setting that does nothing must not pass as if it did. */
			good = pd_cfg_fail(c, f, "normal (ordinary text) is drawn in the terminal's own colours "
			                   "and takes no '%s'; remove it, or set the terminal's colours", f->value);
		else if (strcmp(f->value, "fg") == 0)
			good = pd_ynode_is_null(fv) || pd_cfg_color(c, fv, "fg", &e->fg);
		else if (strcmp(f->value, "bg") == 0)
			good = pd_ynode_is_null(fv) || pd_cfg_color(c, fv, "bg", &e->bg);
		else if (strcmp(f->value, "bold") == 0)
			good = pd_cfg_bool(c, fv, "bold", &e->bold);
		else if (strcmp(f->value, "reverse") == 0)
			good = pd_cfg_bool(c, fv, "reverse", &e->reverse);
		else if (strcmp(f->value, "underline") == 0)
			good = pd_cfg_bool(c, fv, "underline", &e->underline);
		else
			good = pd_cfg_unknown(c, f, "theme attribute", f->value, theme_fields,
			                      COUNT(theme_fields));
		if (!good)
			return false;
	}
	return true;
}

bool pd_cfg_parse_theme(const pd_cfgctx *c, const pd_ynode *n, pd_config *cfg)
{
	if (pd_ynode_is_null(n))
		return true;
	if (!pd_cfg_expect(c, n, PD_YNODE_MAP, "theme"))
		return false;
	/* Check everything before changing anything, so a bad entry leaves the
	 * theme as it was. */
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const pd_ynode *k = n->items[i];
		if (!pd_cfg_expect(c, k, PD_YNODE_SCALAR, "theme element") ||
		    !check_element(c, k, &cfg->rules))
			return false;
		pd_theme_entry e = {0};
		bool good = parse_entry(c, k, n->items[i + 1], &e);
		pd_cfg_theme_entry_finish(&e);
		if (!good)
			return false;
	}
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		pd_theme_entry e = {0};
		if (!parse_entry(c, n->items[i], n->items[i + 1], &e) || !theme_add(cfg, &e)) {
			pd_cfg_theme_entry_finish(&e);
			return pd_cfg_nomem(c);
		}
	}
	return true;
}

const pd_theme_entry *pd_config_theme_entry(const pd_config *cfg, const char *element)
{
	if (!cfg || !element)
		return NULL;
	for (size_t i = 0; i < cfg->n_theme; i++)
		if (strcmp(cfg->theme[i].element, element) == 0)
			return &cfg->theme[i];
	return NULL;
}
