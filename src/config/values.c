/* Typed reading of YAML scalars for the config, each failure reported as
 * "FILE:LINE:COLUMN: ...", plus the "did you mean" suggestions. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_parse.h"
#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/suggest.h"
#include "partnerdesk/model/text.h"

bool pd_cfg_fail(const pd_cfgctx *c, const pd_ynode *at, const char *fmt, ...)
{
	char what[PD_ERROR_MSG_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return pd_error_set(c->err, PD_ERR_INVALID, "%s:%lu:%lu: %s", c->name,
	                    at ? at->line : 1ul, at ? at->column : 1ul, what);
}

bool pd_cfg_nomem(const pd_cfgctx *c)
{
	return pd_error_set(c->err, PD_ERR_NOMEM, "%s: out of memory", c->name);
}

bool pd_cfg_expect(const pd_cfgctx *c, const pd_ynode *n, pd_ynode_type type,
                   const char *what)
{
	if (n->type == type && !(type == PD_YNODE_SCALAR && pd_ynode_is_null(n)))
		return true;
	return pd_cfg_fail(c, n, "%s: expected %s, got %s", what, pd_ynode_type_name(type),
	                   pd_ynode_kind(n));
}

/* Quotes a scalar for a message, shortened so one bad value cannot flood
 * the terminal; the UI and the CLI sanitize what they print. */
static const char *shown(const pd_ynode *n, char *buf, size_t len)
{
	size_t take = n->len < len - 4 ? n->len : len - 4;
	memcpy(buf, n->value, take);
	buf[take] = '\0';
	if (take < n->len)
		strcpy(buf + take, "...");
	return buf;
}

bool pd_cfg_text(const pd_cfgctx *c, const pd_ynode *n, const char *what, char **out)
{
	if (!pd_cfg_expect(c, n, PD_YNODE_SCALAR, what))
		return false;
	if (strlen(n->value) != n->len)
		return pd_cfg_fail(c, n, "%s: a NUL character is not allowed", what);
	if (!pd_utf8_valid(n->value, n->len))
		return pd_cfg_fail(c, n, "%s: not valid UTF-8", what);
	const char *s = n->value;
	while (*s && pd_ascii_isspace(*s))
		s++;
	if (!*s)
		return pd_cfg_fail(c, n, "%s: must not be empty", what);
	char *copy = strdup(n->value);
	if (!copy)
		return pd_cfg_nomem(c);
	free(*out);
	*out = copy;
	return true;
}

bool pd_cfg_int(const pd_cfgctx *c, const pd_ynode *n, const char *what,
                long min, long max, int *out)
{
	char buf[40];
	if (n->type != PD_YNODE_SCALAR || pd_ynode_is_null(n))
		return pd_cfg_fail(c, n, "%s: expected a whole number from %ld to %ld, got %s",
		                   what, min, max, pd_ynode_kind(n));
	const char *s = n->value;
	const char *p = (*s == '+' || *s == '-') ? s + 1 : s;
	bool digits = *p != '\0';
	for (; *p; p++)
		if (!isdigit((unsigned char)*p))
			digits = false;
	errno = 0;
	char *end = NULL;
	long v = digits ? strtol(s, &end, 10) : 0;
	if (!digits || errno || *end || strlen(s) != n->len || v < min || v > max)
		return pd_cfg_fail(c, n, "%s: expected a whole number from %ld to %ld, got '%s'",
		                   what, min, max, shown(n, buf, sizeof buf));
	*out = (int)v;
	return true;
}

bool pd_cfg_bool(const pd_cfgctx *c, const pd_ynode *n, const char *what, bool *out)
{
	char buf[40];
	if (n->type != PD_YNODE_SCALAR || pd_ynode_is_null(n))
		return pd_cfg_fail(c, n, "%s: expected true or false, got %s", what,
		                   pd_ynode_kind(n));
	if (pd_ascii_casecmp(n->value, "true") == 0)
		*out = true;
	else if (pd_ascii_casecmp(n->value, "false") == 0)
		*out = false;
	else
		return pd_cfg_fail(c, n, "%s: expected true or false, got '%s'", what,
		                   shown(n, buf, sizeof buf));
	return true;
}

bool pd_cfg_ident(const pd_cfgctx *c, const pd_ynode *n, const char *what, char **out)
{
	char buf[40];
	if (!pd_cfg_expect(c, n, PD_YNODE_SCALAR, what))
		return false;
	bool good = n->len > 0 && n->len <= 64 && strlen(n->value) == n->len;
	for (size_t i = 0; good && i < n->len; i++) {
		unsigned char ch = (unsigned char)n->value[i];
		good = pd_ascii_isalnum(ch) || ch == '-' || ch == '_';
	}
	if (!good)
		return pd_cfg_fail(c, n, "%s: '%s' is not a valid name (up to 64 ASCII letters, "
		                   "digits, '-' and '_')", what, shown(n, buf, sizeof buf));
	char *copy = strdup(n->value);
	if (!copy)
		return pd_cfg_nomem(c);
	free(*out);
	*out = copy;
	return true;
}

bool pd_cfg_unknown(const pd_cfgctx *c, const pd_ynode *at, const char *what,
                    const char *word, const char *const *known, size_t n)
{
	char buf[40];
	pd_ynode w = {.value = (char *)word, .len = strlen(word)};
	const char *guess = pd_suggest(word, known, n);
	if (guess)
		return pd_cfg_fail(c, at, "unknown %s '%s'; did you mean '%s'?", what,
		                   shown(&w, buf, sizeof buf), guess);
	char list[512] = "";
	size_t used = 0;
	for (size_t i = 0; i < n && used < sizeof list - 1; i++) {
		int k = snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", known[i]);
		if (k < 0)
			break;
		used += (size_t)k;
	}
	if (used >= sizeof list - 1)
		strcpy(list + sizeof list - 5, "...");
	return pd_cfg_fail(c, at, "unknown %s '%s' (expected one of: %s)", what,
	                   shown(&w, buf, sizeof buf), list);
}

typedef struct strref {
	const char *s;
	size_t index;
	int (*cmp)(const char *, const char *);
} strref;

static int strref_cmp(const void *pa, const void *pb)
{
	const strref *a = pa, *b = pb;
	int c = a->cmp(a->s, b->s);
	if (c)
		return c;
	return a->index < b->index ? -1 : a->index > b->index;
}

bool pd_cfg_find_duplicate(const char *const *strs, size_t n,
                           int (*cmp)(const char *, const char *),
                           size_t *first, size_t *second, bool *nomem)
{
	*nomem = false;
	if (n < 2)
		return false;
	strref *refs = malloc(n * sizeof *refs);
	if (!refs) {
		*nomem = true;
		return false;
	}
	for (size_t i = 0; i < n; i++)
		refs[i] = (strref){strs[i], i, cmp};
	qsort(refs, n, sizeof *refs, strref_cmp);
	bool found = false;
	for (size_t i = 1; i < n; i++) {
		if (cmp(refs[i].s, refs[i - 1].s) != 0)
			continue;
		if (i >= 2 && cmp(refs[i - 1].s, refs[i - 2].s) == 0)
			continue;   /* a third or later repeat: the second is reported */
		if (!found || refs[i].index < *second) {
			*first = refs[i - 1].index;
			*second = refs[i].index;
			found = true;
		}
	}
	free(refs);
	return found;
}
