/* The command table: sorted (pd_command_find bisects it), names unique,
 * every command with a summary and usage text that names it. */
#include <string.h>

#include "partnerdesk/cli/command.h"
#include "tap.h"

int main(void)
{
	ok(pd_commands_count >= 10, "the table holds the commands (%zu)", pd_commands_count);
	for (size_t i = 0; i < pd_commands_count; i++) {
		const pd_command *c = pd_commands[i];
		ok(c && c->name && *c->name, "command %zu has a name", i);
		if (!c || !c->name)
			continue;
		if (i > 0)
			ok(strcmp(pd_commands[i - 1]->name, c->name) < 0,
			   "'%s' sorts after '%s' (sorted, unique)", c->name, pd_commands[i - 1]->name);
		ok(c->summary && *c->summary && !strchr(c->summary, '\n'),
		   "'%s' has a one-line summary", c->name);
		char want[64];
		snprintf(want, sizeof want, "usage: partnerdesk %s", c->name);
		ok(c->usage && strncmp(c->usage, want, strlen(want)) == 0,
		   "'%s' usage starts with \"%s\"", c->name, want);
		ok(c->usage && c->usage[strlen(c->usage) - 1] == '\n', "'%s' usage ends with a newline", c->name);
		ok(c->run != NULL, "'%s' has a run function", c->name);
		ok(pd_command_find(c->name) == c, "pd_command_find finds '%s'", c->name);
	}
	for (size_t i = 0; i < pd_commands_count; i++)
		for (size_t j = i + 1; j < pd_commands_count; j++)
			if (strcmp(pd_commands[i]->name, pd_commands[j]->name) == 0)
				ok(0, "'%s' appears twice", pd_commands[i]->name);
	ok(pd_command_find("nosuch") == NULL, "an unknown name finds nothing");
	ok(pd_command_find("") == NULL, "the empty name finds nothing");
	ok(pd_command_find(NULL) == NULL, "NULL finds nothing");
	ok(pd_command_find("ad") == NULL, "a prefix is not a command");
	static const char *const required[] = {
		"add", "agenda", "backup", "check", "contact", "edit", "list", "log", "move", "show",
	};
	for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
		ok(pd_command_find(required[i]) != NULL, "DESIGN.md's '%s' is in the table", required[i]);
	return tap_done();
}
