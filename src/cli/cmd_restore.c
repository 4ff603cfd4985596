/* `partnerdesk restore FILE`: a copy made by `partnerdesk backup` put back
 * in place of the desk while windows may still be open on it, keeping the
 * desk as it was beside it first. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "partnerdesk/cli/cleanup.h"
#include "partnerdesk/cli/commands.h"
#include "partnerdesk/cli/options.h"
#include "partnerdesk/cli/sanitize.h"
#include "partnerdesk/cli/say.h"
#include "partnerdesk/config/paths.h"
#include "partnerdesk/model/put_back.h"

static int run(pd_cli *cli, int argc, char **argv);

const pd_command pd_cmd_restore = {
	.name = "restore",
	.summary = "put a copy made by `backup` back in place of the database",
	.usage =
	"usage: partnerdesk restore FILE\n"
	"\n"
	"Replaces everything in the database with FILE, a copy made by\n"
	"`partnerdesk backup`, while others may have it open: their windows\n"
	"show the copy at once and save into it. The database as it was is\n"
	"kept first, beside it, as DATABASE.before-restore-DATE-TIME (mode\n"
	"0600), so a restore can be undone by restoring that file. FILE must\n"
	"check clean, come from this version's schema and hold exactly the\n"
	"database's tables, indexes, triggers and views; nothing changes\n"
	"otherwise. Numbers the database gave out after the copy are not\n"
	"given again (the copy goes in with an audit entry recording them).\n"
	"Where there is no database yet, it is made from FILE.\n"
	"Do not move a copy over the database by hand while\n"
	"anyone has it open. A YAML backup goes back with `import` instead.\n",
	.run = run,
};

static const struct option options[] = {
	PD_CLI_COMMON_OPTIONS,
	{NULL, 0, NULL, 0},
};

/* What a signal that ends a restore (Ctrl-C, SIGTERM, SIGHUP) says was
 * left, as import does: the desk as it was until the copy is committed
 * (a copy of it beside it once kept), and after, the copy in and where
 * the desk as it was is. */
static const char stopped_before[] = "partnerdesk: restore stopped: nothing was changed; "
	"the desk is as it was\n";

/* The lines for the moments the desk as it was is kept and the copy is
 * in, paths sanitized as pd_cli_errorf's are; without the paths when
 * they are too long to be held (the line must not stay "nothing was
 * changed" then). */
static void say_when_stopped(const char *desk, const char *copy, const char *keep)
{
	pd_cleanup_say(stopped_before, false);
	char *c = pd_sanitize(copy, PD_SANITIZE_NEWLINES), *k = pd_sanitize(keep, PD_SANITIZE_NEWLINES);
	size_t n = (c ? strlen(c) : 0) + (k ? strlen(k) : 0) + 200;
	char *line = c && k ? malloc(n) : NULL;
	if (line)
		snprintf(line, n, "partnerdesk: restore stopped before the copy went in: the desk is "
			"as it was; a copy of it was left in %s, which you may remove\n", k);
	if (!line || !pd_cleanup_say_once_placed(keep, line))
		(void)pd_cleanup_say_once_placed(keep, "partnerdesk: restore stopped before the copy "
			"went in: the desk is as it was; a copy of it was left beside it\n");
	if (line)
		snprintf(line, n, "partnerdesk: restore stopped just after the copy went in: the desk "
			"holds %s; the desk as it was is kept in %s\n", c, k);
	if (!line || !pd_cleanup_say_once_placed(desk, line))
		(void)pd_cleanup_say_once_placed(desk, "partnerdesk: restore stopped just after the "
			"copy went in: the desk holds the copy; the desk as it was is kept beside it\n");
	free(line);
	free(c);
	free(k);
}

static int run(pd_cli *cli, int argc, char **argv)
{
	const pd_command *cmd = &pd_cmd_restore;
	int c;
	while ((c = pd_cli_getopt(argc, argv, "", options)) != -1) {
		int status = pd_cli_option(cli, cmd, options, c, argv);
		if (status != PD_CLI_CONTINUE)
			return status;
	}
	if (argc - optind != 1)
		return pd_cli_usage_error(cli, cmd, "restore takes one FILE, the copy to put back");
	const char *copy = argv[optind];
	if (!*copy)
		return pd_cli_usage_error(cli, cmd, "the FILE to restore is an empty name");
	struct stat st;
	if (stat(copy, &st) != 0 || !S_ISREG(st.st_mode)) {
		pd_cli_errorf(cli, "%s is not a file that can be read; name the copy `partnerdesk "
			"backup` made", copy);
		return PD_EXIT_FAIL;
	}
	/* Where the desk is depends on the config: load it first. A desk not
	 * there yet (a new machine, a disk that was lost) is what a copy is
	 * most often for, and is made for it; refusing sent the librarian to
	 * `add` a partner first, or to cp. */
	pd_error err = {0};
	if (!cli->cfg && !(cli->cfg = pd_paths_load_config(cli->config_flag, &err))) {
		pd_cli_errorf(cli, "%s", err.msg);
		return PD_EXIT_FAIL;
	}
	char *where = pd_paths_database(cli->db_flag, cli->cfg, &err);
	bool fresh = where && stat(where, &st) != 0 && errno == ENOENT;
	free(where);
	if (!pd_cli_open(cli, fresh ? PD_OPEN_CREATE : 0))
		return PD_EXIT_FAIL;
	char stamp[32], keep[4200];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	/* Two restores within a second (one undoing the other) keep two files. */
	snprintf(keep, sizeof keep, "%s.before-restore-%s", pd_db_path(cli->db), stamp);
	for (int n = 2; stat(keep, &st) == 0 && n < 100; n++)
		snprintf(keep, sizeof keep, "%s.before-restore-%s-%d", pd_db_path(cli->db), stamp, n);
	const char *desk = pd_db_path(cli->db);
	say_when_stopped(desk, copy, keep);
	bool ok = pd_db_put_back(cli->db, copy, keep, &pd_cleanup_watch, &err);
	if (!ok && fresh) {
		/* A copy refused leaves no empty desk behind where none was. */
		char *made = strdup(desk);
		pd_cleanup_say(NULL, false);
		int status = pd_cli_fail(cli, &err);
		pd_db_close(cli->db);
		cli->db = NULL;
		static const char *const ends[] = { "", "-wal", "-shm", "-journal" };
		for (size_t i = 0; made && i < sizeof ends / sizeof ends[0]; i++) {
			char side[4200];
			snprintf(side, sizeof side, "%s%s", made, ends[i]);
			(void)unlink(side);
		}
		(void)unlink(keep);
		free(made);
		return status;
	}
	if (!ok) {
		pd_cleanup_say(NULL, false);
		return pd_cli_fail(cli, &err);
	}
	if (fresh) {
		/* The desk as it was is the empty one just made: nothing to keep. */
		(void)unlink(keep);
		pd_cli_sayf(cli, "restored %s (a new database) from %s", desk, copy);
	} else {
		pd_cli_sayf(cli, "restored %s from %s; the database as it was is kept in %s",
			desk, copy, keep);
	}
	pd_cleanup_say(NULL, false);
	return PD_EXIT_OK;
}
