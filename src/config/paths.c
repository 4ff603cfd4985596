/* Where the config and the database live: flag, then environment, then
 * config, then the XDG base directories (with the $HOME fallbacks the XDG
 * specification gives), and creating the directories we own. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "partnerdesk/config/paths.h"

/* $HOME, else the password entry: a service account may run without
 * HOME. The result is only valid until the next getpw* call. */
static const char *home_dir(void)
{
	const char *home = getenv("HOME");
	if (home && *home)
		return home;
	struct passwd *pw = getpwuid(getuid());
	return pw && pw->pw_dir && *pw->pw_dir ? pw->pw_dir : NULL;
}

static char *join(const char *a, const char *b)
{
	size_t la = strlen(a);
	bool slash = la > 0 && a[la - 1] == '/';
	size_t len = la + strlen(b) + 2;
	char *s = malloc(len);
	if (s)
		snprintf(s, len, "%s%s%s", a, slash ? "" : "/", b);
	return s;
}

/* An XDG variable counts only when set to an absolute path, as the
 * specification says; otherwise HOME/fallback. */
static char *xdg_dir(const char *var, const char *fallback)
{
	const char *v = getenv(var);
	if (v && v[0] == '/')
		return strdup(v);
	const char *home = home_dir();
	return home ? join(home, fallback) : NULL;
}

static const char *env_nonempty(const char *var)
{
	const char *v = getenv(var);
	return v && *v ? v : NULL;
}

char *pd_paths_config(const char *flag, bool *is_explicit)
{
	bool dummy;
	if (!is_explicit)
		is_explicit = &dummy;
	*is_explicit = false;
	if (flag && *flag) {
		*is_explicit = true;
		return strdup(flag);
	}
	const char *env = env_nonempty("PARTNERDESK_CONFIG");
	if (env) {
		*is_explicit = true;
		return strdup(env);
	}
	char *dir = xdg_dir("XDG_CONFIG_HOME", ".config");
	char *path = dir ? join(dir, "partnerdesk/config.yaml") : NULL;
	free(dir);
	/* A link to a file that is gone is named, not passed over: whoever
	 * made it meant a config, and the defaults would hide the mistake. */
	struct stat st;
	if (path && (access(path, F_OK) == 0 || lstat(path, &st) == 0))
		return path;
	free(path);
	/* The installed default comes last: on a shared branch server the
	 * administrator may edit it for everyone. Not installed: NULL, and the
	 * built-in defaults (which equal the shipped file) apply. */
	if (access(PD_INSTALLED_CONFIG, R_OK) == 0)
		return strdup(PD_INSTALLED_CONFIG);
	return NULL;
}

char *pd_paths_data_dir(void)
{
	char *dir = xdg_dir("XDG_DATA_HOME", ".local/share");
	if (!dir)
		return NULL;
	char *path = join(dir, "partnerdesk");
	free(dir);
	return path;
}

char *pd_paths_database(const char *flag, const pd_config *cfg, pd_error *err)
{
	/* An empty value is refused, not passed over: `--db "$TARGET" restore`
	 * with TARGET unset would otherwise replace the live desk. Unlike an
	 * empty $PARTNERDESK_CONFIG (the defaults are only read), the database
	 * is written to, so a variable emptied by mistake must not fall
	 * through to it either. */
	if (flag) {
		if (!*flag) {
			pd_error_set(err, PD_ERR_INVALID, "%s", PD_PATHS_EMPTY_DB_FLAG);
			return NULL;
		}
		return strdup(flag);
	}
	const char *env = getenv("PARTNERDESK_DB");
	if (env && !*env) {
		pd_error_set(err, PD_ERR_INVALID, "PARTNERDESK_DB is set but empty, so it names no "
		             "database file; set it to a file, or unset it to use the default database");
		return NULL;
	}
	if (env)
		return strdup(env);
	if (cfg && cfg->database && *cfg->database)
		return strdup(cfg->database);
	char *dir = pd_paths_data_dir();
	if (!dir)
		return NULL;
	char *path = join(dir, "partnerdesk.db");
	free(dir);
	return path;
}

bool pd_paths_mkdirs(const char *dir, pd_error *err)
{
	if (!dir || !*dir)
		return pd_error_set(err, PD_ERR_INVALID, "no directory named");
	char *p = strdup(dir);
	if (!p)
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	bool good = true;
	/* Each prefix ending before a '/', then the whole path. */
	for (char *s = p + 1; good; s++) {
		bool last = *s == '\0';
		if (!last && *s != '/')
			continue;
		char saved = *s;
		*s = '\0';
		if (mkdir(p, 0700) != 0) {
			int e = errno;
			struct stat st;
			if (e != EEXIST)
				good = pd_error_set(err, PD_ERR_IO, "%s: cannot create directory: %s",
				                    p, strerror(e));
			else if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode))
				good = pd_error_set(err, PD_ERR_IO, "%s: cannot create directory: "
				                    "a file of that name is in the way", p);
		}
		*s = saved;
		if (last)
			break;
	}
	free(p);
	return good;
}

char *pd_paths_expand_home(const char *path, pd_error *err)
{
	if (!path) {
		pd_error_set(err, PD_ERR_INVALID, "no path");
		return NULL;
	}
	if (path[0] != '~') {
		char *copy = strdup(path);
		if (!copy)
			pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		return copy;
	}
	const char *rest = strchr(path, '/');
	size_t user_len = rest ? (size_t)(rest - path - 1) : strlen(path) - 1;
	const char *home = NULL;
	if (user_len == 0) {
		home = home_dir();
		if (!home) {
			pd_error_set(err, PD_ERR_INVALID, "cannot expand '~': HOME is not set "
			             "and this user has no home directory");
			return NULL;
		}
	} else {
		char user[256];
		if (user_len >= sizeof user) {
			pd_error_set(err, PD_ERR_INVALID, "cannot expand '~': user name too long");
			return NULL;
		}
		memcpy(user, path + 1, user_len);
		user[user_len] = '\0';
		struct passwd *pw = getpwnam(user);
		if (!pw || !pw->pw_dir || !*pw->pw_dir) {
			pd_error_set(err, PD_ERR_INVALID, "cannot expand '~%s': no such user", user);
			return NULL;
		}
		home = pw->pw_dir;
	}
	char *out = rest && rest[1] ? join(home, rest + 1) : strdup(home);
	if (!out)
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	return out;
}

pd_config *pd_paths_load_config(const char *flag, pd_error *err)
{
	bool is_explicit = false;
	char *path = pd_paths_config(flag, &is_explicit);
	if (!path)
		return pd_config_create_default(err);
	pd_config *cfg = pd_config_load_file(path, err);
	free(path);
	return cfg;
}
