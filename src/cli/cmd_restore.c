/* `partnerdesk restore FILE`: a copy made by `partnerdesk backup` put back
 * in place of the desk while windows may still be open on it, keeping the
 * desk as it was beside it first. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "partnerdesk/cli/cleanup.h"
#include "partnerdesk/cli/commands.h"
#include "partnerdesk/cli/options.h"
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
	"Do not move a copy over the database by hand while\n"
	"anyone has it open. A YAML backup goes back with `import` instead.\n",
	.run = run,
};

static const struct option options[] = {
	PD_CLI_COMMON_OPTIONS,
	{NULL, 0, NULL, 0},
};

static int run(pd_cli *cli, int argc, char **argv)
{
	const pd_command *cmd = &pd_cmd_restore;
	int c;
	while ((c = pd_cli_getopt(argc, argv, "", options)) != -1) {
		int status = pd_cli_option(cli, cmd, c, argv);
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
	if (!pd_cli_open(cli, 0))
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
	pd_error err = {0};
	if (!pd_db_put_back(cli->db, copy, keep, &pd_cleanup_watch, &err))
		return pd_cli_fail(cli, &err);
	pd_cli_printf(cli, "restored %s from %s; the database as it was is kept in %s\n",
		pd_db_path(cli->db), copy, keep);
	return PD_EXIT_OK;
}
