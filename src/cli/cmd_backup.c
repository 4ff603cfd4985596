/* `partnerdesk backup FILE`: a consistent copy of the database through
 * SQLite's online backup, safe while others are working. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "partnerdesk/cli/cleanup.h"
#include "partnerdesk/cli/commands.h"
#include "partnerdesk/cli/options.h"
#include "partnerdesk/cli/say.h"
#include "partnerdesk/io/export.h"

static int run(pd_cli *cli, int argc, char **argv);

const pd_command pd_cmd_backup = {
	.name = "backup",
	.summary = "copy the database consistently while others work",
	.usage =
	"usage: partnerdesk backup FILE [--force]\n"
	"\n"
	"Writes a consistent copy of the database to FILE (mode 0600) while\n"
	"others keep working. An existing FILE is replaced only with --force.\n",
	.run = run,
};

static int run(pd_cli *cli, int argc, char **argv)
{
	const pd_command *cmd = &pd_cmd_backup;
	bool force;
	int status = pd_cli_force_only(cli, cmd, argc, argv, &force);
	if (status != PD_CLI_CONTINUE)
		return status;
	if (argc - optind != 1)
		return pd_cli_usage_error(cli, cmd, "backup takes one FILE");
	const char *dest = argv[optind];
	if (!*dest)
		return pd_cli_usage_error(cli, cmd, "the backup FILE is an empty name");
	pd_error err = {0};
	/* A `nightly.db -> /srv/backups/desk.db` link is written through, as
	 * export -o does: renaming over the link would leave its target stale. */
	char *target = pd_path_follow_links(dest, &err);
	if (!target)
		return pd_cli_fail(cli, &err);
	struct stat st;
	/* What --force cannot help with is said first, so that the advice
	 * to add it is never followed by a second refusal. */
	bool refused = true;
	if (stat(dest, &st) == 0 && S_ISDIR(st.st_mode))
		pd_cli_errorf(cli, "%s is a directory; name a file in it, such as %s/partnerdesk.db", dest, dest);
	else if (stat(dest, &st) == 0 && !S_ISREG(st.st_mode))
		pd_cli_errorf(cli, "%s is not a regular file; name another", dest);
	else if (!force && stat(dest, &st) == 0)
		pd_cli_errorf(cli, "%s exists; choose another name or add --force", dest);
	else
		refused = false;
	/* It only reads the database, and checks its own copy (a second run
	 * would find the copy in place). */
	cli->may_hold = false;
	if (refused || !pd_cli_open(cli, PD_OPEN_OR_READONLY)) {
		free(target);
		return PD_EXIT_FAIL;
	}
	/* pd_db_backup refuses the database itself, and a file that appears
	 * meanwhile unless forced. */
	bool ok = pd_db_backup(cli->db, target, force, &pd_cleanup_watch, &err);
	free(target);
	if (!ok)
		return pd_cli_fail(cli, &err);
	pd_cli_sayf(cli, "backed up %s to %s", pd_db_path(cli->db), dest);
	return PD_EXIT_OK;
}
