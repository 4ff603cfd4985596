/* A contact person as typed on the command line (log --contact, contact
 * edit and delete): an id or a name, with the people to choose from said
 * when it names none or more than one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/cli/options.h"
#include "partnerdesk/cli/sanitize.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/text.h"

/* One contact of cs for the error below: "#2 Sam Lee, Educator <b@x>".
 * The message keeps its newlines (they are the list's layout), so the
 * stored text is sanitized here, a newline in it shown as ^J. */
static void describe_contact(const pd_contact *c, char *out, size_t size)
{
	char *name = pd_sanitize(c->name, 0), *title = pd_sanitize(c->title, 0),
	     *email = pd_sanitize(c->email, 0);
	/* pd_format: the list's buffer cuts the last one on a character's
	 * edge (names run to 800 bytes) */
	pd_format(out, size, "\n  #%lld %s%s%s%s%s%s", (long long)c->id, name ? name : "",
	         title && *title ? ", " : "", title ? title : "",
	         email && *email ? " <" : "", email ? email : "",
	         email && *email ? ">" : "");
	free(name);
	free(title);
	free(email);
}

/* Two contacts that share a name cannot be told apart by it: lists those
 * the name matches (as the model matched: whole name, else prefix), with
 * what tells them apart, and the form that picks one. */
static void explain_ambiguous(pd_cli *cli, const pd_contacts *cs, const char *text, const char *pick)
{
	char *key = pd_name_key(text);
	char list[2048] = "";
	size_t used = 0, shown = 0;
	for (int prefix = 0; key && prefix < 2 && shown < 2; prefix++) {
		used = 0;
		shown = 0;
		list[0] = '\0';
		for (size_t i = 0; i < cs->n; i++) {
			char *k = pd_name_key(cs->v[i].name);
			bool match = k && (prefix ? strncmp(k, key, strlen(key)) == 0 : strcmp(k, key) == 0);
			free(k);
			if (!match || used >= sizeof list - 1)
				continue;
			describe_contact(&cs->v[i], list + used, sizeof list - used);
			used += strlen(list + used);
			shown++;
		}
	}
	free(key);
	if (shown < 2) {   /* matched otherwise than by the key: show them all */
		used = 0;
		for (size_t i = 0; i < cs->n && used < sizeof list - 1; i++) {
			describe_contact(&cs->v[i], list + used, sizeof list - used);
			used += strlen(list + used);
		}
		pd_cli_errorf(cli, "\"%s\" matches more than one contact; say which with "
		              "--contact '#ID':%s", text, list);
		return;
	}
	pd_cli_errorf(cli, "\"%s\" matches %zu contacts; say which with %s:%s",
	              text, shown, pick, list);
}

/* "#ID" or a bare number that is one of this partner's contact ids picks
 * that contact (a name cannot, when two people share it), else a name or
 * unique prefix. 0 after saying what went wrong. */
int64_t pd_cli_contact(pd_cli *cli, int64_t partner_id, const char *text, const char *pick)
{
	pd_error err = {0};
	pd_contacts cs = {0};
	if (!pd_contact_list(cli->db, partner_id, &cs, &err)) {
		pd_cli_fail(cli, &err);
		return 0;
	}
	int64_t found = 0;
	const char *num = text[0] == '#' ? text + 1 : text;
	char *end = NULL;
	long long id = *num >= '0' && *num <= '9' ? strtoll(num, &end, 10) : 0;
	if (end && !*end) {
		for (size_t i = 0; i < cs.n && !found; i++)
			if (cs.v[i].id == id)
				found = id;
		if (!found && text[0] == '#') {
			char list[2048] = "";
			for (size_t i = 0, used = 0; i < cs.n && used < sizeof list - 1; i++) {
				describe_contact(&cs.v[i], list + used, sizeof list - used);
				used += strlen(list + used);
			}
			if (cs.n)
				pd_cli_errorf(cli, "this partner has no contact #%lld; its contacts are:%s", id, list);
			else
				pd_cli_errorf(cli, "this partner has no contacts yet (add them with "
				              "'partnerdesk contact add')");
			pd_contacts_finish(&cs);
			return 0;
		}
	}
	if (!found) {
		found = pd_contact_resolve(cli->db, partner_id, text, &err);
		if (!found && err.code == PD_ERR_NOTFOUND)
			pd_cli_errorf(cli, "%s (add them with 'partnerdesk contact add')", err.msg);
		else if (!found && err.code == PD_ERR_AMBIGUOUS)
			explain_ambiguous(cli, &cs, text, pick);
		else if (!found)
			pd_cli_fail(cli, &err);
	}
	pd_contacts_finish(&cs);
	return found;
}

