/* Where the config and database are looked for: flag, environment,
 * config, XDG directories and the HOME fallbacks, ~ expansion and mkdirs.
 * The test sets its own HOME and XDG variables in a temporary directory. */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "partnerdesk/config/paths.h"
#include "tap.h"

static char root[64];

static const char *at(const char *rel)
{
	static char buf[4][512];
	static int which;
	char *b = buf[which++ % 4];
	snprintf(b, 512, "%s/%s", root, rel);
	return b;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void clean_env(void)
{
	setenv("HOME", at("home"), 1);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("XDG_DATA_HOME");
	unsetenv("PARTNERDESK_CONFIG");
	unsetenv("PARTNERDESK_DB");
}

static void test_config_path(void)
{
	pd_error err = {0};
	bool explicit_ = true;
	clean_env();
	char *p = pd_paths_config(NULL, &explicit_);
	ok(p == NULL, "no config anywhere: NULL (built-in defaults)");
	ok(!explicit_, "not explicit");

	ok(pd_paths_mkdirs(at("home/.config/partnerdesk"), &err), "mkdirs: %s", err.msg);
	write_file(at("home/.config/partnerdesk/config.yaml"), "stale_days: 12\n");
	p = pd_paths_config(NULL, &explicit_);
	streq(p, at("home/.config/partnerdesk/config.yaml"), "HOME/.config fallback");
	ok(!explicit_, "a default file is not explicit");
	free(p);

	pd_config *cfg = pd_paths_load_config(NULL, &err);
	ok(cfg && cfg->rules.stale_days == 12, "default file loaded");
	pd_config_destroy(cfg);

	setenv("XDG_CONFIG_HOME", at("xdg"), 1);
	p = pd_paths_config(NULL, &explicit_);
	ok(p == NULL, "XDG_CONFIG_HOME set: HOME/.config is not consulted");
	cfg = pd_paths_load_config(NULL, &err);
	ok(cfg && cfg->rules.stale_days == 90, "absent default file: built-in defaults");
	pd_config_destroy(cfg);

	pd_paths_mkdirs(at("xdg/partnerdesk"), &err);
	write_file(at("xdg/partnerdesk/config.yaml"), "stale_days: 0\n");
	p = pd_paths_config(NULL, &explicit_);
	streq(p, at("xdg/partnerdesk/config.yaml"), "XDG_CONFIG_HOME");
	free(p);
	cfg = pd_paths_load_config(NULL, &err);
	ok(!cfg, "a bad default file is an error, not ignored");
	char want[600];
	snprintf(want, sizeof want, "%s:1:13: stale_days: expected a whole number from 1 to "
	         "36500, got '0'", at("xdg/partnerdesk/config.yaml"));
	streq(err.msg, want, "its message names the file");

	setenv("XDG_CONFIG_HOME", "relative/dir", 1);
	p = pd_paths_config(NULL, &explicit_);
	streq(p, at("home/.config/partnerdesk/config.yaml"), "a relative XDG_CONFIG_HOME is ignored");
	free(p);
	setenv("XDG_CONFIG_HOME", "", 1);
	p = pd_paths_config(NULL, &explicit_);
	streq(p, at("home/.config/partnerdesk/config.yaml"), "an empty XDG_CONFIG_HOME is ignored");
	free(p);

	setenv("PARTNERDESK_CONFIG", at("env.yaml"), 1);
	p = pd_paths_config(NULL, &explicit_);
	streq(p, at("env.yaml"), "PARTNERDESK_CONFIG before XDG");
	ok(explicit_, "environment is explicit");
	free(p);
	cfg = pd_paths_load_config(NULL, &err);
	ok(!cfg, "a named config that does not exist is an error");
	snprintf(want, sizeof want, "%s: cannot read: No such file or directory", at("env.yaml"));
	streq(err.msg, want, "cannot read");

	p = pd_paths_config(at("flag.yaml"), &explicit_);
	streq(p, at("flag.yaml"), "--config before the environment");
	ok(explicit_, "flag is explicit");
	free(p);
	write_file(at("flag.yaml"), "stale_days: 5\n");
	cfg = pd_paths_load_config(at("flag.yaml"), &err);
	ok(cfg && cfg->rules.stale_days == 5, "flag file loaded");
	pd_config_destroy(cfg);
	cfg = pd_paths_load_config(at("missing.yaml"), &err);
	ok(!cfg, "missing --config file is an error");

	setenv("PARTNERDESK_CONFIG", "", 1);
	p = pd_paths_config("", NULL);
	streq(p, at("home/.config/partnerdesk/config.yaml"), "empty flag and env are ignored");
	free(p);
}

static void test_database_path(void)
{
	pd_error err = {0};
	clean_env();
	char *p = pd_paths_database(NULL, NULL, &err);
	streq(p, at("home/.local/share/partnerdesk/partnerdesk.db"), "HOME/.local/share fallback");
	free(p);
	p = pd_paths_data_dir();
	streq(p, at("home/.local/share/partnerdesk"), "data dir");
	free(p);

	setenv("XDG_DATA_HOME", at("data"), 1);
	p = pd_paths_database(NULL, NULL, &err);
	streq(p, at("data/partnerdesk/partnerdesk.db"), "XDG_DATA_HOME");
	free(p);
	p = pd_paths_data_dir();
	streq(p, at("data/partnerdesk"), "data dir from XDG_DATA_HOME");
	free(p);

	const char *yaml = "database: ~/branch/pd.db\n";
	pd_config *cfg = pd_config_load_buffer("c.yaml", yaml, strlen(yaml), &err);
	ok(cfg != NULL, "config with database: %s", err.msg);
	streq(cfg ? cfg->database : NULL, at("home/branch/pd.db"), "~ expanded in database:");
	p = pd_paths_database(NULL, cfg, &err);
	streq(p, at("home/branch/pd.db"), "config before XDG");
	free(p);

	setenv("PARTNERDESK_DB", at("env.db"), 1);
	p = pd_paths_database(NULL, cfg, &err);
	streq(p, at("env.db"), "PARTNERDESK_DB before the config");
	free(p);
	p = pd_paths_database(at("flag.db"), cfg, &err);
	streq(p, at("flag.db"), "--db before everything");
	free(p);
	/* An empty value names no file: falling through to the default would
	 * let `--db "$UNSET" restore` replace the live desk. */
	pd_error_clear(&err);
	p = pd_paths_database("", cfg, &err);
	ok(p == NULL && strstr(err.msg, "an empty --db names no file"),
	   "an empty --db is refused, not taken for the default: %s", p ? p : err.msg);
	free(p);
	setenv("PARTNERDESK_DB", "", 1);
	pd_error_clear(&err);
	p = pd_paths_database(NULL, cfg, &err);
	ok(p == NULL && strstr(err.msg, "PARTNERDESK_DB is set but empty"),
	   "a set but empty PARTNERDESK_DB is refused: %s", p ? p : err.msg);
	free(p);
	pd_config_destroy(cfg);
}

static void test_expand_and_mkdirs(void)
{
	pd_error err = {0};
	clean_env();
	char *p = pd_paths_expand_home("~", &err);
	streq(p, at("home"), "~");
	free(p);
	p = pd_paths_expand_home("~/", &err);
	streq(p, at("home"), "~/");
	free(p);
	p = pd_paths_expand_home("~/a/b", &err);
	streq(p, at("home/a/b"), "~/a/b");
	free(p);
	p = pd_paths_expand_home("/a/~/b", &err);
	streq(p, "/a/~/b", "~ elsewhere is left alone");
	free(p);
	p = pd_paths_expand_home("rel/x", &err);
	streq(p, "rel/x", "relative path copied");
	free(p);
	struct passwd *pw = getpwuid(getuid());
	if (pw && pw->pw_name && pw->pw_dir) {
		char name[300], want[600];
		snprintf(name, sizeof name, "~%s/x", pw->pw_name);
		snprintf(want, sizeof want, "%s/x", pw->pw_dir);
		p = pd_paths_expand_home(name, &err);
		streq(p, want, "~user from the password entry");
		free(p);
		unsetenv("HOME");
		p = pd_paths_expand_home("~/y", &err);
		snprintf(want, sizeof want, "%s/y", pw->pw_dir);
		streq(p, want, "no HOME: the password entry");
		free(p);
		clean_env();
	}
	p = pd_paths_expand_home("~no-such-user-pd/x", &err);
	ok(!p, "unknown user refused");
	streq(err.msg, "cannot expand '~no-such-user-pd': no such user", "its message");

	ok(pd_paths_mkdirs(at("m/a/b/c"), &err), "nested mkdirs: %s", err.msg);
	struct stat st;
	ok(stat(at("m/a/b/c"), &st) == 0 && S_ISDIR(st.st_mode), "made");
	is(st.st_mode & 0777, 0700, "mode 0700");
	ok(pd_paths_mkdirs(at("m/a/b/c/"), &err), "existing with a trailing slash is fine");
	write_file(at("m/file"), "x");
	ok(!pd_paths_mkdirs(at("m/file/sub"), &err), "a file in the way is refused");
	char want[600];
	snprintf(want, sizeof want, "%s: cannot create directory: a file of that name is in the way",
	         at("m/file"));
	streq(err.msg, want, "its message names the file in the way");
	ok(!pd_paths_mkdirs(at("m/file"), &err), "the path itself a file is refused");
	snprintf(want, sizeof want, "%s: cannot create directory: a file of that name is in the way",
	         at("m/file"));
	streq(err.msg, want, "its message");
}

int main(void)
{
	snprintf(root, sizeof root, "/tmp/pd-paths-XXXXXX");
	if (!mkdtemp(root)) {
		ok(0, "temp dir");
		return tap_done();
	}
	test_config_path();
	test_database_path();
	test_expand_and_mkdirs();
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	ok(system(cmd) == 0, "cleaned up");
	return tap_done();
}
