/* `partnerdesk delete PARTNER`: removes a partner added by mistake. One that
 * holds a log, people, agreements or stage moves is refused (merge moves
 * them; --force deletes them too), checked in the delete's transaction. */
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/cli/commands.h"
#include "partnerdesk/cli/options.h"
#include "partnerdesk/cli/say.h"
#include "partnerdesk/model/merge.h"
#include "partnerdesk/model/partner.h"

static int run(pd_cli *cli, int argc, char **argv);

const pd_command pd_cmd_delete = {
	.name = "delete",
	.summary = "delete a partner added by mistake",
	.usage =
	"usage: partnerdesk delete PARTNER [--force]\n"
	"\n"
	"Deletes PARTNER, a partner added by mistake that holds nothing: no log\n"
	"entries, people, agreements or stage moves since it was added. One that\n"
	"holds any is refused, saying what; 'partnerdesk merge PARTNER OTHER'\n"
	"moves them to the partner they belong to, and --force deletes them\n"
	"with it. The audit trail keeps the record. A deleted partner's id is\n"
	"never given to another.\n",
	.run = run,
};

static int run(pd_cli *cli, int argc, char **argv)
{
	bool force;
	int64_t id;
	int status = pd_cli_force_only(cli, &pd_cmd_delete, argc, argv, &force);
	if (status == PD_CLI_CONTINUE)
		status = pd_cli_one_partner(cli, &pd_cmd_delete, argc, argv, "delete", 0, &id);
	if (status != PD_CLI_CONTINUE)
		return status;
	pd_error err = {0};
	/* The name whole (up to 800 bytes): a fixed copy cut it inside a
	 * character. */
	pd_partner *p = pd_partner_get(cli->db, id, &err);
	if (!p)
		return pd_cli_fail(cli, &err);
	const char *name = p->name;
	pd_partner_holdings h;
	char held[200];
	if (!pd_partner_delete_unused(cli->db, id, force, &h, &err)) {
		if (err.code != PD_ERR_REFUSED)
			status = pd_cli_fail(cli, &err);
		else {
			pd_partner_holdings_text(&h, held, sizeof held);
			pd_cli_errorf(cli, "%s (#%lld) was not deleted: it has %s; use `partnerdesk merge %lld OTHER` "
			              "to move them to another partner, or --force to delete them with it",
			              name, (long long)id, held, (long long)id);
			status = PD_EXIT_FAIL;
		}
		pd_partner_destroy(p);
		return status;
	}
	pd_partner_holdings_text(&h, held, sizeof held);
	if (held[0])
		pd_cli_sayf(cli, "deleted %lld: %s (with %s)", (long long)id, name, held);
	else
		pd_cli_sayf(cli, "deleted %lld: %s", (long long)id, name);
	pd_partner_destroy(p);
	return PD_EXIT_OK;
}
