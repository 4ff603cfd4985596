/* The man page's KEYS list, written from the keymap table so the page and
 * the program cannot drift apart (pd-keys-man prints it; a unit test holds
 * man/partnerdesk.1 to it). */
#include <stdio.h>
#include <string.h>

#include "partnerdesk/ui/keymap.h"

/* roff: a backslash is \e, a minus in something typed is \-. */
static void roff_text(FILE *f, const char *s, bool typed)
{
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", f);
		else if (*s == '-' && typed)
			fputs("\\-", f);
		else
			fputc(*s, f);
	}
}

static const char *const main_views[] = {"list", "detail", "kanban", "agenda"};

static bool everywhere(const pd_keydef *d)
{
	for (size_t i = 0; i < sizeof main_views / sizeof main_views[0]; i++)
		if (!pd_keydef_applies(d, main_views[i]))
			return false;
	return true;
}

static void entry(FILE *f, const pd_keymap *km, const pd_keydef *d)
{
	char keys[128], help[512];
	pd_keymap_describe(km, d->action, keys, sizeof keys);
	pd_keymap_help(km, d->action, help, sizeof help);
	fputs(".TP\n.BR \"", f);
	roff_text(f, keys, true);
	fputs("\" \" (", f);
	roff_text(f, d->name, true);
	fputs(")\"\n", f);
	/* A help line never starts a roff request. */
	if (help[0] == '.' || help[0] == '\'')
		fputs("\\&", f);
	roff_text(f, help, false);
	fputs("\n", f);
}

void pd_keymap_write_man(FILE *f, const pd_keymap *km)
{
	size_t n;
	const pd_keydef *defs = pd_keymap_defaults(&n);
	static const struct {
		const char *view;
		const char *title;
	} sections[] = {
		{"list", "List"},
		{"detail", "Detail"},
		{"kanban", "Kanban"},
		{"agenda", "Agenda"},
		{"reports", "Reports"},
		{"form", "Forms and dialogs"},
	};
	fputs("Vi keys and arrows both work. The help overlay\n.RB ( ? )\n"
	      "lists the keys of the view it is opened from; the config's\n.B keys:\n"
	      "section rebinds them by the action names given here in parentheses\n"
	      "(see\n.BR partnerdesk.yaml (5)).\n"
	      "A letter that does nothing where it is pressed says so on the status\n"
	      "line; one the config took from its action says which key has it now.\n", f);
	fputs(".SS \"In every view\"\n", f);
	for (size_t a = 1; a < n; a++)
		if (everywhere(&defs[a]))
			entry(f, km, &defs[a]);
	for (size_t s = 0; s < sizeof sections / sizeof sections[0]; s++) {
		bool any = false;
		for (size_t a = 1; a < n; a++) {
			const pd_keydef *d = &defs[a];
			bool form = strcmp(sections[s].view, "form") == 0;
			if (!pd_keydef_applies(d, sections[s].view) || (!form && everywhere(d)))
				continue;
			if (!any)
				fprintf(f, ".SS \"%s\"\n", sections[s].title);
			any = true;
			entry(f, km, d);
		}
	}
}
