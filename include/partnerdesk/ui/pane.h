/* The pane interface: a small table of functions with the pane's state
 * beside it (the htop Panel idea). Views and modal dialogs are panes; the
 * loop gives each action to the focused/top pane and acts on the flags. */
#ifndef PARTNERDESK_UI_PANE_H
#define PARTNERDESK_UI_PANE_H

#include <stdbool.h>
#include <stdint.h>
#include <curses.h>

#include "partnerdesk/ui/keymap.h"

struct pd_app;

/* What handle() tells the loop. */
enum {
	PD_PANE_IGNORED = 0,        /* not for me: the loop tries global actions */
	PD_PANE_HANDLED = 1u << 0,
	PD_PANE_REDRAW  = 1u << 1,  /* redraw me (and what shows my data) */
	PD_PANE_CLOSE   = 1u << 2,  /* pop me (modal panes) */
	PD_PANE_QUIT    = 1u << 3,  /* leave the program */
	PD_PANE_RELOAD  = 1u << 4,  /* data changed: every pane reloads from the model */
};

/* One input event: the action the keymap found (PD_ACT_NONE for a plain
 * character), the raw key, and for text keys the wide character. */
typedef struct pd_event {
	pd_action action;
	int key;          /* curses key code (KEY_*), or the character */
	wint_t wch;       /* the character when is_char */
	bool is_char;     /* a printable character (for text fields and filters) */
	/* Part of a bracketed paste: text, never a key. wch is the character
	 * (a TAB or a newline too), key is 0, is_char false, so that a pane
	 * that takes no text does nothing with it. */
	bool pasted;
} pd_event;

typedef struct pd_pane pd_pane;

typedef struct pd_pane_ops {
	const char *name;                       /* "list", "detail", "form", ... */
	void (*draw)(pd_pane *p, WINDOW *w, bool focused);
	unsigned (*handle)(pd_pane *p, const pd_event *ev);
	void (*resize)(pd_pane *p, int rows, int cols);   /* may be NULL */
	void (*focus)(pd_pane *p, bool focused);          /* may be NULL */
	void (*reload)(pd_pane *p);                       /* re-read the model; may be NULL */
	/* Called every tick (about once a second) and on the way out when the
	 * terminal is gone: a form writes its draft here. May be NULL. */
	void (*flush)(pd_pane *p);
	/* Called on each quiet second after flush: what waited for the desk
	 * (a save a colleague's lock held up) is tried again, and what a view
	 * left for when the keys stop is done (the list's guess on a large
	 * desk). Returns flags as handle does (a save that went through
	 * closes). May be NULL. */
	unsigned (*tick)(pd_pane *p);
	void (*destroy)(pd_pane *p);                      /* frees state and p */
	/* The actions this pane answers, for the help overlay; may be NULL. */
	const pd_action *(*help_actions)(const pd_pane *p, size_t *n);
	/* Added by the interface core: the partner this pane has selected, 0
	 * if none (pd_app_selected_partner asks the focused view). May be NULL. */
	int64_t (*selected)(const pd_pane *p);
	/* Select partner id once the data is next read (after a save): the
	 * view finds where its row went (another column, another place in
	 * the order). Without a call a view keeps its own selection by id
	 * across a reload. May be NULL. */
	void (*follow)(pd_pane *p, int64_t id);
	/* Where in the pane the keys act now, for the hint line, asked
	 * after the pane's draw: words apart by spaces, "people" or "log"
	 * (the detail's tab with a person or an entry marked >) and what
	 * the keys there have to act on ("open": a follow-up d marks done);
	 * NULL for the pane as a whole. May be NULL. */
	const char *(*hint_place)(const pd_pane *p);
	/* A dialog's question or keys as its draw shows them now (in
	 * pd_draw_parts' form), into buf: the "terminal too small" screen
	 * shows them, so that the way out of the dialog stays readable at any
	 * size. Asked after the pane's draw; "" when none. May be NULL. */
	void (*keys)(pd_pane *p, char *buf, size_t len);
} pd_pane_ops;

struct pd_pane {
	const pd_pane_ops *ops;
	void *state;
	struct pd_app *app;
	WINDOW *win;      /* owned by the loop: placed and resized by it */
};

#endif
