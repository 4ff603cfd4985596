/* The terminal interface's event loop and the services it offers panes
 * (pd_app_*): config, keymap and database set-up, the layout, the pane
 * stack, signals, and leaving cleanly when the terminal goes away. */
#include <curses.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wctype.h>

#include "partnerdesk/config/kept.h"
#include "partnerdesk/config/paths.h"
#include "partnerdesk/io/demo.h"
#include "partnerdesk/io/kept_forms.h"
#include "partnerdesk/model/date.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/stage.h"
#include "partnerdesk/model/text.h"
#include "partnerdesk/ui/app.h"
#include "partnerdesk/ui/draw.h"
#include "partnerdesk/ui/forms.h"
#include "partnerdesk/ui/keymap.h"
#include "partnerdesk/ui/pane.h"
#include "fatal.h"
#include "input.h"
#include "terminfo.h"
#include "views.h"
#include "waiting.h"

/* Below this the screen says it is too small; 80x24 is the target. */
#define MIN_COLS 60
#define MIN_ROWS 16
/* List and detail side by side from this width. */
#define WIDE_COLS 120
#define MAX_MODALS 16
#define TICK_MS 1000
/* How long a draft write that waits for the desk (pd_app_draft_leave,
 * pd_app_draft_discard) holds the screen at one try. */
#define WAITING_TRY_MS 50
/* On the way out, what still waits for the desk is tried again in slices
 * this long, for at most LEAVE_WAIT_S: a colleague's import of several
 * hundred thousand rows takes minutes, and a note must outlast it (the
 * terminal is gone or given back meanwhile). */
#define LEAVE_SLICE_MS 250
#define LEAVE_WAIT_S 600
/* Why a kept-forms file was written, in the file for whoever reads it. */
#define WHY_REPLACED "the desk file was replaced while it was open"
#define WHY_LOCKED "the desk was locked by another writer (an import?)"
/* How long a start waits for another writer to put back forms kept at an
 * earlier exit: a busy desk leaves them in their file, tried again on
 * quiet seconds, rather than hold the screen. */
#define PUT_BACK_WAIT_MS 500
#define CHECKPOINT_EVERY 60
#define KEY_CTRL_C 3

enum { V_LIST, V_DETAIL, V_KANBAN, V_AGENDA, V_REPORTS, V__COUNT };

struct pd_app {
	pd_config *cfg;
	pd_keymap *km;
	pd_db *db;
	char *db_path;
	char db_label[256];
	bool demo;
	bool demo_own_file;    /* a --demo of its own, removed at the end */

	pd_pane *views[V__COUNT];
	int view;              /* V_LIST, V_KANBAN, V_AGENDA, V_REPORTS */
	bool detail_full;      /* the detail fills the main area */
	int detail_return;     /* the view q goes back to from a full detail */
	bool focus_detail;     /* wide list view: the detail has the focus */

	pd_pane *modals[MAX_MODALS];
	size_t n_modals;

	SCREEN *screen;
	pd_theme *theme;       /* the look, made once the screen is up */
	WINDOW *title_w, *status_w, *modal_w, *rule_w;
	int rows, cols;
	bool too_small;
	bool layout_dirty;
	bool reload_pending;
	bool told_replaced;   /* the file was replaced under us, and that was said */
	bool kept_forms_due;  /* forms kept at an earlier exit wait for a busy desk */
	/* What the panes show was read at desk version seen_dv, at shown_at
	 * (UTC), on local day shown_day: each second the desk version (pd_db_desk_version) is
	 * asked (looked_at), and only a change, or a new day (the ages and
	 * the agenda's groups), reads the panes again. */
	long long seen_dv;
	char shown_at[PD_TIME_LEN];
	char shown_day[PD_DATE_LEN];
	time_t looked_at;
	bool drop_typeahead;   /* flush what was typed once the frame is drawn */
	bool cursor_wanted;    /* a pane drawing this frame shows the cursor */
	bool quit;
	bool closing;
	bool terminal_gone;    /* closing: the terminal hung up (EOF, POLLHUP) */

	char status[PD_ERROR_MSG_MAX + 64];
	long n_partners, n_due;

	int first_run_choice;  /* set by the first-run dialog */
	pd_pane *first_run;

	pd_waiting waiting;    /* draft writes waiting for the desk */
	pd_input input;        /* bytes to characters, pastes to text */
	bool paste_on;         /* the terminal was asked for bracketed paste */
	bool told_foreign, told_bad;
};

/* ---- signals: the handlers only note the signal and wake the loop ---- */

/* Signal handlers can reach nothing but static storage. */
static volatile sig_atomic_t sig_close, sig_winch, sig_stop;
static int wake_pipe[2] = {-1, -1};

static void on_signal(int sig)
{
	int saved = errno;
	if (sig == SIGWINCH)
		sig_winch = 1;
	else if (sig == SIGTSTP)
		sig_stop = 1;
	else
		sig_close = sig;
	if (wake_pipe[1] >= 0) {
		char b = 0;
		ssize_t r = write(wake_pipe[1], &b, 1);
		(void)r;
	}
	errno = saved;
}

static bool signals_install(void)
{
	if (pipe(wake_pipe) != 0)
		return false;
	for (int i = 0; i < 2; i++) {
		fcntl(wake_pipe[i], F_SETFL, fcntl(wake_pipe[i], F_GETFL) | O_NONBLOCK);
		fcntl(wake_pipe[i], F_SETFD, FD_CLOEXEC);
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGWINCH, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	/* Ctrl-\ ends the program as SIGTERM does, drafts written and the
	 * terminal given back, rather than dump core: the note being typed
	 * can only be saved from the loop (SQLite is no signal handler's
	 * business), and a core of a healthy program serves no one at a
	 * desk. */
	sigaction(SIGQUIT, &sa, NULL);
	/* Ctrl-Z: stopped by the loop (suspend), which gives the shell its
	 * terminal back as it was, bracketed paste off included; ncurses'
	 * own stop handler would leave the paste mode on. */
	sigaction(SIGTSTP, &sa, NULL);
	/* A HUP someone chose to ignore (nohup) stays ignored; a dead tty then
	 * shows up as POLLHUP or EOF instead. */
	struct sigaction old;
	sigaction(SIGHUP, NULL, &old);
	if (old.sa_handler != SIG_IGN)
		sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	/* A file size limit (ulimit -f, as some shared servers set) met by
	 * a draft's write killed the program mid-note: the note, the
	 * terminal's state and all. Ignored, the write fails (EFBIG), the
	 * form says so and keeps the text, and the exit keeps it in a file. */
	signal(SIGXFSZ, SIG_IGN);
	return true;
}

static void signals_remove(void)
{
	signal(SIGWINCH, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	signal(SIGTSTP, SIG_DFL);
	for (int i = 0; i < 2; i++) {
		if (wake_pipe[i] >= 0)
			close(wake_pipe[i]);
		wake_pipe[i] = -1;
	}
}

/* ---- bracketed paste ---- */

/* A terminfo string capability, or `fallback` when the entry has none. */
static const char *ti_string(const char *cap, const char *fallback)
{
	char *v = tigetstr(cap);
	return v && v != (char *)-1 && *v ? v : fallback;
}

/* The keys a form needs whose sequences a terminal type may not list:
 * vt100's entry has no Home, End, Delete or Shift-Tab, yet the terminal
 * (tmux, a phone's SSH client) sends xterm's; unknown, they came as Esc
 * and letters typed into the note ("abc[Z" for Shift-Tab). Each is added
 * only where the terminal type says nothing of that sequence. */
static void define_missing_keys(void)
{
	static const struct {
		const char *seq;
		int code;
	} keys[] = {
		{"\033[Z", KEY_BTAB},
		{"\033[1~", KEY_HOME}, {"\033[7~", KEY_HOME}, {"\033[H", KEY_HOME}, {"\033OH", KEY_HOME},
		{"\033[4~", KEY_END}, {"\033[8~", KEY_END}, {"\033[F", KEY_END}, {"\033OF", KEY_END},
		{"\033[3~", KEY_DC}, {"\033[2~", KEY_IC}, {"\033[5~", KEY_PPAGE}, {"\033[6~", KEY_NPAGE},
		{"\033[A", KEY_UP}, {"\033[B", KEY_DOWN}, {"\033[C", KEY_RIGHT}, {"\033[D", KEY_LEFT},
		{"\033OA", KEY_UP}, {"\033OB", KEY_DOWN}, {"\033OC", KEY_RIGHT}, {"\033OD", KEY_LEFT},
	};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (key_defined(keys[i].seq) == 0)
			define_key(keys[i].seq, keys[i].code);
}

/* Asks the terminal to bracket what is pasted (xterm's mode 2004, which
 * tmux, screen and the common terminals know; the others ignore it), so
 * that a pasted TAB or newline is text and not a key. Off again before
 * anyone else has the terminal: the shell at the end, the editor. */
static void paste_mode(struct pd_app *app, bool on)
{
	if (on == app->paste_on)
		return;
	putp(on ? ti_string("BE", "\033[?2004h") : ti_string("BD", "\033[?2004l"));
	fflush(stdout);
	app->paste_on = on;
}

/* ---- services for panes ---- */

struct pd_db *pd_app_db(struct pd_app *app)
{
	return app ? app->db : NULL;
}

const pd_config *pd_app_config(struct pd_app *app)
{
	return app ? app->cfg : NULL;
}

const struct pd_theme *pd_app_theme(struct pd_app *app)
{
	return app ? app->theme : NULL;
}

const struct pd_keymap *pd_app_keymap(struct pd_app *app)
{
	return app ? app->km : NULL;
}

void pd_app_push(struct pd_app *app, struct pd_pane *modal)
{
	if (!app || !modal)
		return;
	if (app->n_modals == MAX_MODALS) {
		modal->ops->destroy(modal);
		pd_app_status(app, "too many dialogs open; close one first");
		return;
	}
	/* Each dialog open may leave a note as the session ends, when memory
	 * may be short: its place is kept now, while nothing is typed in it
	 * (see pd_waiting_hold). */
	if (!pd_waiting_hold(&app->waiting, app->n_modals + 1)) {
		modal->app = app;
		modal->ops->destroy(modal);
		pd_app_status(app, "out of memory: the dialog could not open; close another program and try again");
		return;
	}
	modal->app = app;
	app->modals[app->n_modals++] = modal;
	app->layout_dirty = true;
}

void pd_app_status(struct pd_app *app, const char *fmt, ...)
{
	if (!app)
		return;
	va_list ap;
	va_start(ap, fmt);
	pd_vformat(app->status, sizeof app->status, fmt, ap);
	va_end(ap);
}

const char *pd_app_status_text(struct pd_app *app)
{
	return app->status;
}

const char *pd_app_readonly(struct pd_app *app)
{
	return app ? pd_db_readonly_why(app->db) : NULL;
}

const char *pd_app_db_label(struct pd_app *app)
{
	return app->db_label;
}

long pd_app_count_partners(struct pd_app *app)
{
	return app->n_partners;
}

long pd_app_count_due(struct pd_app *app)
{
	return app->n_due;
}

const char *pd_app_tab_goes(struct pd_app *app)
{
	if (app->n_modals)
		return NULL;
	/* As global_action's next-pane does it. */
	if (app->detail_full)
		return app->views[app->detail_return] ? app->views[app->detail_return]->ops->name : NULL;
	if (app->view == V_LIST && app->focus_detail && app->cols >= WIDE_COLS)
		return "list";
	return NULL;
}

/* The view pane that has the keys when no dialog is up. */
static pd_pane *focused_view(struct pd_app *app)
{
	if (app->detail_full)
		return app->views[V_DETAIL];
	if (app->view == V_LIST && app->focus_detail && app->cols >= WIDE_COLS)
		return app->views[V_DETAIL];
	return app->views[app->view];
}

int64_t pd_app_selected_partner(struct pd_app *app)
{
	if (!app)
		return 0;
	pd_pane *p = focused_view(app);
	if (p && p->ops->selected)
		return p->ops->selected(p);
	return 0;
}

void pd_app_follow(struct pd_app *app, int64_t id)
{
	if (!app || id <= 0)
		return;
	for (int v = 0; v < V__COUNT; v++) {
		pd_pane *p = app->views[v];
		if (p && p->ops->follow)
			p->ops->follow(p, id);
	}
	app->reload_pending = true;
}

void pd_app_reload(struct pd_app *app)
{
	if (app)
		app->reload_pending = true;
}

static void reload_all(struct pd_app *app);

/* Whether someone else committed since the panes were read. */
static bool others_wrote(struct pd_app *app)
{
	if (!app->db)
		return false;
	long long dv = pd_db_desk_version(app->db);
	return dv >= 0 && dv != app->seen_dv;
}

bool pd_app_catch_up(struct pd_app *app, char *since, size_t len)
{
	if (!app || !others_wrote(app))
		return false;
	if (since && len)
		snprintf(since, len, "%s", app->shown_at);
	reload_all(app);
	return true;
}

void pd_app_show_cursor(struct pd_app *app)
{
	if (app)
		app->cursor_wanted = true;
}

void pd_app_drop_typeahead(struct pd_app *app)
{
	if (app)
		app->drop_typeahead = true;
}

bool pd_app_closing(struct pd_app *app)
{
	return app && app->closing;
}

void pd_app_draft_leave(struct pd_app *app, struct pd_draft *d, bool write)
{
	if (app && d)
		pd_waiting_leave(&app->waiting, app->db, d, write, WAITING_TRY_MS);
}

void pd_app_draft_discard(struct pd_app *app, const struct pd_draft *d)
{
	if (app && d)
		pd_waiting_discard(&app->waiting, app->db, d, WAITING_TRY_MS);
}

bool pd_app_draft_discarding(struct pd_app *app, const struct pd_draft *d)
{
	return app && d && pd_waiting_discards(&app->waiting, d);
}

void pd_app_open_partner_tab(struct pd_app *app, int64_t id, const char *tab)
{
	if (!app || id <= 0 || !app->views[V_DETAIL])
		return;
	pd_app_open_partner(app, id);
	pd_view_detail_tab(app->views[V_DETAIL], tab);
}

void pd_app_open_partner_entry(struct pd_app *app, int64_t id, int64_t interaction_id)
{
	if (!app || id <= 0 || !app->views[V_DETAIL])
		return;
	pd_app_open_partner(app, id);
	if (interaction_id > 0 && pd_view_detail_tab(app->views[V_DETAIL], "Log"))
		pd_view_detail_mark_entry(app->views[V_DETAIL], interaction_id);
}

void pd_app_open_partner(struct pd_app *app, int64_t id)
{
	if (!app || id <= 0 || !app->views[V_DETAIL])
		return;
	pd_view_detail_show(app->views[V_DETAIL], id);
	if (app->view == V_LIST && app->cols >= WIDE_COLS) {
		app->focus_detail = true;
	} else {
		app->detail_return = app->view;
		app->detail_full = true;
	}
	app->layout_dirty = true;
}

void pd_app_open_partner_person(struct pd_app *app, int64_t id, int64_t contact_id)
{
	if (!app || id <= 0 || !app->views[V_DETAIL])
		return;
	pd_app_open_partner(app, id);
	/* The librarian searched for a person: shown where they are, not on
	 * whichever tab the detail was last left at. */
	if (contact_id > 0)
		pd_view_detail_tab(app->views[V_DETAIL], "Contacts");
	pd_view_detail_mark_person(app->views[V_DETAIL], contact_id);
}

void pd_app_partner_gone(struct pd_app *app, int64_t id, int64_t into)
{
	pd_pane *detail = app ? app->views[V_DETAIL] : NULL;
	if (!detail || !detail->ops->selected || detail->ops->selected(detail) != id)
		return;
	if (into > 0) {
		pd_view_detail_show(detail, into);
	} else if (app->detail_full) {
		app->detail_full = false;
		app->view = app->detail_return;
		app->focus_detail = false;
		app->layout_dirty = true;
	} else {
		app->focus_detail = false;
	}
}

const char *pd_app_editor_name(void)
{
	const char *e = getenv("VISUAL");
	if (!e || !*e)
		e = getenv("EDITOR");
	return e && *e ? e : "vi";
}

/* Whether a program called name is on $PATH, as the shell would find it. */
static bool on_path(const char *name)
{
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/bin:/bin";
	while (*path) {
		size_t n = strcspn(path, ":");
		char full[4096];
		if (n > 0 && (size_t)snprintf(full, sizeof full, "%.*s/%s", (int)n, path, name) < sizeof full &&
		    access(full, X_OK) == 0)
			return true;
		path += n;
		if (*path == ':')
			path++;
	}
	return false;
}

/* " (nano, vi)": the usual editors that are here to be named, so the
 * advice never sends someone to one the server lacks; "" when none is. */
static void editors_here(char *out, size_t size)
{
	static const char *const usual[] = {"nano", "vi"};
	size_t used = 0;
	out[0] = '\0';
	for (size_t i = 0; i < sizeof usual / sizeof *usual && used < size; i++)
		if (on_path(usual[i]))
			used += (size_t)snprintf(out + used, size - used, "%s%s", used ? ", " : " (", usual[i]);
	if (used && used + 1 < size)
		memcpy(out + used, ")", 2);
}

bool pd_app_edit_text(struct pd_app *app, char **text, pd_error *err)
{
	if (!app || !text || app->closing)
		return pd_error_set(err, PD_ERR_INVALID, "the program is closing; the text is as it was");
	const char *tmpdir = getenv("TMPDIR");
	char path[4096];
	snprintf(path, sizeof path, "%s/partnerdesk-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	int fd = mkstemp(path);   /* 0600 */
	if (fd < 0)
		return pd_error_set(err, PD_ERR_IO, "cannot make a temporary file for the editor in %s: %s; "
		                    "set TMPDIR to a directory you can write", tmpdir && *tmpdir ? tmpdir : "/tmp",
		                    strerror(errno));
	const char *t = *text ? *text : "";
	size_t len = strlen(t);
	bool ok = true;
	for (size_t off = 0; off < len;) {
		ssize_t w = write(fd, t + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			ok = false;
			break;
		}
		off += (size_t)w;
	}
	close(fd);
	if (!ok) {
		unlink(path);
		return pd_error_set(err, PD_ERR_IO, "cannot write the temporary file %s for the editor", path);
	}

	paste_mode(app, false);
	def_prog_mode();
	endwin();
	/* The editor has the terminal: Ctrl-C and Ctrl-\ are its, not ours. */
	struct sigaction ign, old_int, old_quit;
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	int status = -1;
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		signal(SIGWINCH, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		signal(SIGXFSZ, SIG_DFL);
		execl("/bin/sh", "sh", "-c", "exec ${VISUAL:-${EDITOR:-vi}} \"$1\"", "sh", path, (char *)NULL);
		_exit(127);
	}
	if (pid > 0) {
		bool forwarded = false;
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
			/* Told to stop: so is the editor (it keeps its own swap). */
			if (sig_close && !forwarded) {
				kill(pid, SIGTERM);
				forwarded = true;
			}
		}
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	reset_prog_mode();
	paste_mode(app, true);
	clearok(curscr, TRUE);
	app->layout_dirty = true;

	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		unlink(path);
		/* The shell says 127 for a command it cannot find, 126 for one
		 * it cannot run: the editor named is the thing to change. */
		char name[80];
		pd_utf8_fit(name, sizeof name, pd_app_editor_name(), 60);
		if (pid < 0)
			return pd_error_set(err, PD_ERR_IO, "cannot start the editor: %s; the text is as it was",
			                    strerror(errno));
		if (WIFEXITED(status) && (WEXITSTATUS(status) == 127 || WEXITSTATUS(status) == 126)) {
			char here[32];
			editors_here(here, sizeof here);
			return pd_error_set(err, PD_ERR_NOTFOUND, "cannot run the editor '%s': set VISUAL or EDITOR "
			                    "to one installed here%s; the text is as it was", name, here);
		}
		if (WIFEXITED(status))
			return pd_error_set(err, PD_ERR_IO, "the editor '%s' ended with status %d, so its text was "
			                    "not taken; the text is as it was", name, WEXITSTATUS(status));
		return pd_error_set(err, PD_ERR_IO, "the editor '%s' was stopped (signal %d), so its text was "
		                    "not taken; the text is as it was", name, WTERMSIG(status));
	}
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t n = 0, cap = 0;
	if (f) {
		char chunk[4096];
		size_t r;
		while ((r = fread(chunk, 1, sizeof chunk, f)) > 0) {
			if (n + r + 1 > cap) {
				cap = (n + r + 1) * 2;
				char *nb = realloc(buf, cap);
				if (!nb) {
					free(buf);
					buf = NULL;
					break;
				}
				buf = nb;
			}
			memcpy(buf + n, chunk, r);
			n += r;
		}
		fclose(f);
	}
	unlink(path);
	if (!buf) {
		buf = strdup("");
		if (!buf || !f) {
			free(buf);
			return pd_error_set(err, PD_ERR_IO, "cannot read back the editor's file; the text is as it was");
		}
	}
	buf[n] = '\0';
	free(*text);
	*text = buf;
	return true;
}

/* ---- layout and drawing ---- */

static void place(pd_pane *p, int h, int w, int y, int x)
{
	if (!p)
		return;
	if (p->win)
		delwin(p->win);
	p->win = NULL;
	if (h <= 0 || w <= 0)
		return;
	p->win = newwin(h, w, y, x);
	if (p->ops->resize)
		p->ops->resize(p, h, w);
}

static void hide(pd_pane *p)
{
	if (p && p->win) {
		delwin(p->win);
		p->win = NULL;
	}
}

/* The frame's windows (title, status, the rule beside the detail, the one
 * dialogs draw in) gone: layout makes them again for the new size, finish
 * leaves none. */
static void frame_free(struct pd_app *app)
{
	if (app->title_w)
		delwin(app->title_w);
	if (app->status_w)
		delwin(app->status_w);
	if (app->modal_w)
		delwin(app->modal_w);
	if (app->rule_w)
		delwin(app->rule_w);
	app->title_w = app->status_w = app->modal_w = app->rule_w = NULL;
}

static void layout(struct pd_app *app)
{
	getmaxyx(stdscr, app->rows, app->cols);
	app->too_small = app->rows < MIN_ROWS || app->cols < MIN_COLS;
	/* The detail being read stays in front across a resize: beside the
	 * list it fills the screen once the terminal is too narrow for both
	 * (it had vanished behind the list, keeping the keys for when the
	 * terminal grew again), and one opened full from the list goes back
	 * beside it once the terminal is wide enough. */
	if (app->view == V_LIST && app->cols < WIDE_COLS && app->focus_detail && !app->detail_full) {
		app->focus_detail = false;
		app->detail_full = true;
		app->detail_return = V_LIST;
	} else if (app->view == V_LIST && app->cols >= WIDE_COLS && app->detail_full &&
	           app->detail_return == V_LIST) {
		app->detail_full = false;
		app->focus_detail = true;
	}
	app->layout_dirty = false;
	frame_free(app);
	for (int v = 0; v < V__COUNT; v++)
		hide(app->views[v]);
	for (size_t i = 0; i < app->n_modals; i++)
		app->modals[i]->win = NULL;
	app->modal_w = newwin(app->rows, app->cols, 0, 0);
	/* ncurses clears the terminal the first time a new window the size
	 * of the screen is shown: a dialog would repaint everything under it
	 * (5 KB at 200x50, seconds on a slow link) to show a few rows. */
	if (app->modal_w)
		clearok(app->modal_w, FALSE);
	if (app->too_small)
		return;
	app->title_w = newwin(1, app->cols, 0, 0);
	app->status_w = newwin(2, app->cols, app->rows - 2, 0);
	int mh = app->rows - 3, my = 1;
	if (app->detail_full) {
		place(app->views[V_DETAIL], mh, app->cols, my, 0);
	} else if (app->view == V_LIST && app->cols >= WIDE_COLS) {
		int lw = app->cols / 2;
		place(app->views[V_LIST], mh, lw, my, 0);
		place(app->views[V_DETAIL], mh, app->cols - lw - 1, my, lw + 1);
		app->rule_w = newwin(mh, 1, my, lw);
	} else {
		place(app->views[app->view], mh, app->cols, my, 0);
	}
	for (size_t i = 0; i < app->n_modals; i++) {
		pd_pane *m = app->modals[i];
		if (m->ops->resize)
			m->ops->resize(m, app->rows, app->cols);
	}
}

/* One line centred, or word-wrapped from the left edge when the terminal is
 * narrower than it; returns the rows it took. */
static int draw_centred(struct pd_app *app, int y, const char *s)
{
	int w = pd_draw_width(s);
	if (w <= app->cols) {
		pd_draw_text(stdscr, y, (app->cols - w) / 2, s, app->cols, false);
		return 1;
	}
	return pd_draw_wrap(stdscr, y, 0, s, app->cols, app->rows - y, 0);
}

static void draw_too_small(struct pd_app *app)
{
	werase(stdscr);
	/* In short pieces, so that even a very narrow terminal shows the size
	 * it needs rather than a cut-off "have 40…". */
	char need[64];
	snprintf(need, sizeof need, "need %dx%d, have %dx%d", MIN_COLS, MIN_ROWS, app->cols, app->rows);
	const char *lines[4] = {"terminal too small:", need, NULL, NULL};
	if (app->n_modals) {
		/* Said, so nobody stops typing a note (or retypes it); "dialog",
		 * for the help, the picker and the conflict are no form. */
		lines[2] = "what you type still goes";
		lines[3] = "to the open dialog";
	}
	int n = app->n_modals ? 4 : 2;
	/* And the open dialog's question or keys, the way out of it (Esc
	 * asked "Discard what you typed?" is answered unseen otherwise). */
	char keys[sizeof app->status] = "";
	pd_pane *top = app->n_modals ? app->modals[app->n_modals - 1] : NULL;
	if (top && top->ops->keys)
		top->ops->keys(top, keys, sizeof keys);
	else if (!top)
		/* The status line's words: a question the next key answers
		 * ("remove Maya Goldberg? y removes") is answered unseen
		 * otherwise, and what a key just did is worth seeing too. */
		memcpy(keys, app->status, sizeof keys);
	int width = app->cols > 2 ? app->cols - 2 : app->cols;
	int krows = keys[0] ? pd_draw_parts(NULL, 0, 0, keys, width, 0) : 0;
	int below = krows ? krows + 1 : 0;
	/* Short of rows, the way out of the dialog goes before the words
	 * about typing. */
	if (n > 2 && n + below > app->rows)
		n = 2;
	int y = app->rows > n + below ? (app->rows - n - below) / 2 : 0;
	for (int i = 0; i < n && y < app->rows; i++)
		y += draw_centred(app, y, lines[i]);
	if (krows && y + 1 < app->rows) {
		attron(A_BOLD);
		pd_draw_parts(stdscr, y + 1, app->cols - width > 0 ? 1 : 0, keys, width, app->rows - y - 1);
		attroff(A_BOLD);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

static const char *view_name(struct pd_app *app)
{
	pd_pane *p = focused_view(app);
	return p ? p->ops->name : "list";
}

/* Side by side, the detail follows the list's selection. */
static void sync_detail(struct pd_app *app)
{
	if (app->view == V_LIST && !app->detail_full && app->cols >= WIDE_COLS && !app->focus_detail &&
	    app->views[V_LIST] && app->views[V_DETAIL]) {
		pd_pane *list = app->views[V_LIST];
		pd_view_detail_show(app->views[V_DETAIL], list->ops->selected(list));
	}
}

/* The look of what stands just left of pane p: the rule beside the list,
 * for the detail; else nothing (0). */
static int left_of(struct pd_app *app, const pd_pane *p)
{
	return app->rule_w && p == app->views[V_DETAIL] ? pd_theme_attr(app->theme, "border") : 0;
}

static void draw_frame(struct pd_app *app)
{
	const pd_theme *th = app->theme;
	if (app->layout_dirty)
		layout(app);
	if (app->too_small) {
		/* Dialogs still take keys while the screen is too small (typing
		 * goes on into the note): draw them where nobody sees them, so
		 * each holds its current window for what it does with a key. */
		for (size_t i = 0; app->modal_w && i < app->n_modals; i++) {
			pd_pane *m = app->modals[i];
			m->win = app->modal_w;
			werase(app->modal_w);
			m->ops->draw(m, app->modal_w, i + 1 == app->n_modals);
		}
		draw_too_small(app);
		return;
	}
	/* Set once the frame is drawn, to what it needs: hidden and shown
	 * again every second, a form's cursor cost a quiet desk bytes. */
	app->cursor_wanted = false;
	sync_detail(app);
	pd_pane *focus = app->n_modals ? NULL : focused_view(app);
	/* Each window's normal-looking runs between colours go in the plain
	 * pair as it is drawn (draw.c): the same screen for fewer bytes. */
	int plain = pd_theme_attr(th, "row.plain");
	/* A partner opened full-screen from a view (the agenda's Enter) marks
	 * that view's tab, the one q goes back to, not always the list's. */
	pd_pane *back = app->detail_full ? app->views[app->detail_return] : NULL;
	pd_status_draw_title(app, app->title_w, back ? back->ops->name : view_name(app));
	pd_draw_plain_runs(app->title_w, plain, 0);
	wnoutrefresh(app->title_w);
	for (int v = 0; v < V__COUNT; v++) {
		pd_pane *p = app->views[v];
		if (!p || !p->win || p == focus)
			continue;
		werase(p->win);
		p->ops->draw(p, p->win, false);
		pd_draw_plain_runs(p->win, plain, left_of(app, p));
		wnoutrefresh(p->win);
	}
	if (app->rule_w) {
		/* The rule between list and detail. */
		werase(app->rule_w);
		wattron(app->rule_w, pd_theme_attr(th, "border"));
		pd_draw_vline(app->rule_w, 0, 0, getmaxy(app->rule_w));
		wattroff(app->rule_w, pd_theme_attr(th, "border"));
		wnoutrefresh(app->rule_w);
	}
	/* The focused pane drawn before the hint line, which asks it where
	 * the keys act as drawn (the Log tab's mark is placed by the draw);
	 * put on the screen last, so the cursor is where it put it. */
	if (focus && focus->win) {
		werase(focus->win);
		focus->ops->draw(focus, focus->win, true);
		pd_draw_plain_runs(focus->win, plain, left_of(app, focus));
	}
	werase(app->status_w);
	pd_status_draw(app, app->status_w, app->n_modals ? app->modals[app->n_modals - 1]->ops->name : view_name(app),
	               focus && focus->ops->hint_place ? focus->ops->hint_place(focus) : NULL);
	pd_draw_plain_runs(app->status_w, plain, 0);
	wnoutrefresh(app->status_w);
	if (focus && focus->win) {
		/* With no cursor to show, it stays where the last change left
		 * it: moving it back to the pane's own place cost every key a
		 * cursor address (8 bytes an agenda or kanban j at 80x24). */
		leaveok(focus->win, !app->cursor_wanted);
		wnoutrefresh(focus->win);
	}
	if (app->n_modals) {
		/* Dialogs sit over the views: copy what shows, then draw on top. */
		WINDOW *mw = app->modal_w;
		werase(mw);
		overwrite(app->title_w, mw);
		if (app->rule_w)
			overwrite(app->rule_w, mw);
		for (int v = 0; v < V__COUNT; v++) {
			if (app->views[v] && app->views[v]->win)
				overwrite(app->views[v]->win, mw);
		}
		overwrite(app->status_w, mw);
		for (size_t i = 0; i < app->n_modals; i++) {
			pd_pane *m = app->modals[i];
			m->win = mw;
			m->ops->draw(m, mw, i + 1 == app->n_modals);
		}
		leaveok(mw, !app->cursor_wanted);
		wnoutrefresh(mw);
	}
	if (!app->cursor_wanted)
		curs_set(0);
	doupdate();
	if (app->cursor_wanted)
		curs_set(1);
}

/* ---- data ---- */

static void refresh_counts(struct pd_app *app)
{
	app->n_partners = app->n_due = -1;
	if (!app->db)
		return;
	pd_error err = {0};
	app->n_partners = pd_partner_count(app->db, &err);
	/* Counted, not loaded: thousands are due on a large desk. */
	app->n_due = pd_agenda_count(app->db, 0, &err);
}

/* The local date of t, for noticing a new day. */
static void local_day(time_t t, char out[PD_DATE_LEN])
{
	struct tm tm;
	if (!localtime_r(&t, &tm) || !strftime(out, PD_DATE_LEN, "%Y-%m-%d", &tm))
		out[0] = '\0';
}

/* The panes are about to read the model: what they show is as of now.
 * Asked before reading, so a commit during the reading is seen next time. */
static void mark_shown(struct pd_app *app)
{
	if (app->db) {
		app->seen_dv = pd_db_desk_version(app->db);
		pd_time_format(pd_db_now(app->db), app->shown_at);
	}
	local_day(time(NULL), app->shown_day);
}

static void reload_all(struct pd_app *app)
{
	app->reload_pending = false;
	mark_shown(app);
	for (int v = 0; v < V__COUNT; v++) {
		pd_pane *p = app->views[v];
		if (p && p->ops->reload)
			p->ops->reload(p);
	}
	for (size_t i = 0; i < app->n_modals; i++) {
		pd_pane *m = app->modals[i];
		if (m->ops->reload)
			m->ops->reload(m);
	}
	refresh_counts(app);
}

static void flush_all(struct pd_app *app)
{
	for (size_t i = 0; i < app->n_modals; i++) {
		pd_pane *m = app->modals[i];
		if (m->ops->flush)
			m->ops->flush(m);
	}
	for (int v = 0; v < V__COUNT; v++) {
		pd_pane *p = app->views[v];
		if (p && p->ops->flush)
			p->ops->flush(p);
	}
}

static void destroy_pane(pd_pane *p)
{
	/* The modal window is shared and the loop's: the pane never sees it
	 * again. */
	if (p) {
		p->win = NULL;
		p->ops->destroy(p);
	}
}

static void remove_modal(struct pd_app *app, pd_pane *m)
{
	for (size_t i = 0; i < app->n_modals; i++) {
		if (app->modals[i] == m) {
			memmove(&app->modals[i], &app->modals[i + 1], (app->n_modals - i - 1) * sizeof m);
			app->n_modals--;
			m->win = NULL;
			destroy_pane(m);
			return;
		}
	}
}

static bool create_views(struct pd_app *app)
{
	app->views[V_LIST] = pd_view_list_create(app);
	app->views[V_DETAIL] = pd_view_detail_create(app);
	app->views[V_KANBAN] = pd_view_kanban_create(app);
	app->views[V_AGENDA] = pd_view_agenda_create(app);
	app->views[V_REPORTS] = pd_view_reports_create(app);
	for (int v = 0; v < V__COUNT; v++) {
		if (!app->views[v])
			return false;
		app->views[v]->app = app;
	}
	app->view = V_LIST;
	refresh_counts(app);
	app->layout_dirty = true;
	return true;
}

/* ---- global actions ---- */

static void stage_step(struct pd_app *app, int64_t id, int dir)
{
	pd_error err = {0};
	pd_partner *p = pd_partner_get(app->db, id, &err);
	if (!p) {
		pd_app_status(app, "%s", err.msg);
		return;
	}
	const pd_rules *r = pd_db_rules(app->db);
	const pd_stage *end;
	long j = pd_rules_step(r, p->stage, dir, &end);
	char move[48];
	pd_keymap_say(app->km, PD_ACT_STAGE_MOVE, "%s moves", "`partnerdesk move` moves", move, sizeof move);
	if (j == PD_STEP_UNLISTED) {
		/* Neither first nor last: the pipeline does not have it. */
		pd_app_status(app, "%s is in stage '%s', which the config does not list; %s it",
		              p->name ? p->name : "the partner", p->stage ? p->stage : "", move);
	} else if (j < 0) {
		/* Past the last open stage lie only end states: name one, so
		 * that "the last stage" does not hide how to dissolve. */
		pd_app_status(app, "%s is at the %s stage already (%s to any allowed stage%s%s%s)",
		              p->name ? p->name : "the partner", dir < 0 ? "first" : end ? "last open" : "last", move,
		              end ? ", " : "", end ? (end->label ? end->label : end->name) : "", end ? " too" : "");
	} else {
		pd_app_push(app, pd_form_move_create(app, id, r->stages[j].name));
	}
	pd_partner_destroy(p);
}

static int64_t need_partner(struct pd_app *app)
{
	int64_t id = pd_app_selected_partner(app);
	if (!id)
		pd_app_status(app, "select a partner first");
	return id;
}

/* A key for one person, one log entry or its follow-up pressed where there
 * is none to act on (the list, the board, the reports): said where it
 * works, not silently dropped. Beside the list the detail is a Tab away;
 * from the list or the board the partner opens; the reports select none.
 * A follow-up is marked done in the agenda too. */
static void misplaced(struct pd_app *app, pd_action a)
{
	bool beside = app->view == V_LIST && !app->detail_full && app->cols >= WIDE_COLS;
	char key[32] = "", what[96];
	if (app->view != V_REPORTS)
		pd_keymap_first(app->km, beside ? PD_ACT_NEXT_PANE : PD_ACT_OPEN, key, sizeof key);
	if (a == PD_ACT_DONE || a == PD_ACT_REOPEN) {
		char agenda[32];
		pd_keymap_first(app->km, PD_ACT_VIEW_AGENDA, agenda, sizeof agenda);
		snprintf(what, sizeof what, "follow-ups are marked done or reopened in the agenda%s%s%s and in",
		         agenda[0] ? " (" : "", agenda, agenda[0] ? ")" : "");
	} else {
		snprintf(what, sizeof what, "%s", a == PD_ACT_REMOVE_CONTACT ? "people are removed in"
		         : "log entries are corrected in");
	}
	const char *tab = a == PD_ACT_REMOVE_CONTACT ? "Contacts" : "Log";
	if (!key[0])
		pd_app_status(app, "%s %s %s tab", what, beside ? "the detail's" : "a partner's", tab);
	else if (beside)
		pd_app_status(app, "%s the detail's %s tab: %s to reach it", what, tab, key);
	else
		pd_app_status(app, "%s a partner's %s tab: %s opens the partner", what, tab, key);
}

static pd_pane *move_form(struct pd_app *app, int64_t partner_id)
{
	return pd_form_move_create(app, partner_id, NULL);
}

typedef pd_pane *partner_pane_fn(struct pd_app *app, int64_t partner_id);

/* The form or dialog an action opens on the selected partner, or NULL for
 * an action that opens none. */
static partner_pane_fn *partner_pane(pd_action a)
{
	switch (a) {
	case PD_ACT_EDIT: return pd_form_partner_create;
	case PD_ACT_ADD_CONTACT: return pd_form_contact_create;
	case PD_ACT_STAGE_MOVE: return move_form;
	case PD_ACT_FIT: return pd_form_fit_create;
	case PD_ACT_AGREEMENT: return pd_form_agreement_create;
	case PD_ACT_MERGE: return pd_merge_start;
	case PD_ACT_DELETE: return pd_delete_start;
	default: return NULL;
	}
}

/* A letter no view and no action took: said, so that a key pressed on a
 * slow link is seen to have arrived, and a key the config moved ("c"
 * with log on "L") says where its action went. */
static void unbound(struct pd_app *app, const pd_event *ev)
{
	if (!ev->is_char || !iswgraph(ev->wch))
		return;
	char key[32], help[48];
	if (!pd_key_name(ev->key, false, key, sizeof key))
		return;
	pd_keymap_say(app->km, PD_ACT_HELP, "; %s lists the keys", "", help, sizeof help);
	pd_action moved = pd_keymap_moved(app->km, ev->key, false);
	size_t n;
	const pd_keydef *defs = pd_keymap_defaults(&n);
	if (moved != PD_ACT_NONE && (size_t)moved < n) {
		char now[64];
		pd_keymap_describe(app->km, moved, now, sizeof now);
		if (now[0])
			pd_app_status(app, "%s does nothing here: your config gives %s the key %s%s", key, defs[moved].name,
			              now, help);
		else
			pd_app_status(app, "%s does nothing here: your config leaves %s no key%s", key, defs[moved].name,
			              help);
	} else {
		pd_app_status(app, "%s does nothing here%s", key, help);
	}
}

static void global_action(struct pd_app *app, const pd_event *ev)
{
	int64_t id;
	partner_pane_fn *pane = partner_pane(ev->action);
	if (pane) {
		if ((id = need_partner(app)) != 0)
			pd_app_push(app, pane(app, id));
		return;
	}
	switch (ev->action) {
	case PD_ACT_VIEW_LIST:
	case PD_ACT_VIEW_KANBAN:
	case PD_ACT_VIEW_AGENDA:
	case PD_ACT_VIEW_REPORTS:
		app->view = ev->action == PD_ACT_VIEW_LIST ? V_LIST : ev->action == PD_ACT_VIEW_KANBAN ? V_KANBAN
		          : ev->action == PD_ACT_VIEW_AGENDA ? V_AGENDA : V_REPORTS;
		app->detail_full = false;
		app->focus_detail = false;
		app->layout_dirty = true;
		break;
	case PD_ACT_FILTER: {
		/* Finding a partner works from anywhere: in the list, which
		 * filters as you type. From elsewhere (a partner open, the
		 * kanban) the caller is someone new: a filter kept from the
		 * last search would have the name typed after it and find no
		 * one ("harbormuseo"). In the list, / goes on with it. */
		bool elsewhere = app->view != V_LIST || app->detail_full || app->focus_detail;
		app->view = V_LIST;
		app->detail_full = false;
		app->focus_detail = false;
		app->layout_dirty = true;
		if (app->views[V_LIST] && elsewhere)
			pd_view_list_find_anew(app->views[V_LIST]);
		else if (app->views[V_LIST])
			app->views[V_LIST]->ops->handle(app->views[V_LIST], ev);
		break;
	}
	case PD_ACT_QUIT:
		if (app->detail_full) {
			app->detail_full = false;
			app->view = app->detail_return;
			app->layout_dirty = true;
		} else if (app->focus_detail && app->view == V_LIST) {
			app->focus_detail = false;
		} else {
			app->quit = true;
		}
		break;
	case PD_ACT_HELP:
		pd_app_push(app, pd_help_create(app, view_name(app)));
		break;
	case PD_ACT_REDRAW:
		clearok(curscr, TRUE);
		app->layout_dirty = true;
		break;
	case PD_ACT_NEXT_PANE:
	case PD_ACT_PREV_PANE:
		if (app->view == V_LIST && !app->detail_full && app->cols >= WIDE_COLS) {
			app->focus_detail = !app->focus_detail;
		} else if (app->view == V_LIST || app->detail_full) {
			/* One at a time: Tab flips between the list and the detail. */
			if (app->detail_full) {
				app->detail_full = false;
				app->view = app->detail_return;
			} else if ((id = pd_app_selected_partner(app)) != 0) {
				pd_app_open_partner(app, id);
			}
			app->layout_dirty = true;
		}
		break;
	case PD_ACT_OPEN:
		if ((id = need_partner(app)) != 0)
			pd_app_open_partner(app, id);
		break;
	case PD_ACT_ADD:
		pd_app_push(app, pd_form_partner_create(app, 0));
		break;
	case PD_ACT_LOG:
		pd_app_push(app, pd_form_log_create(app, pd_app_selected_partner(app)));
		break;
	case PD_ACT_CALL: {
		/* The caller is seldom the partner selected: picked first. From
		 * a form the key came here past dispatch's read-only check. */
		const char *ro = pd_app_readonly(app);
		if (ro)
			pd_app_status(app, "read-only: nothing can be added or changed here (%s)", ro);
		else
			pd_app_push(app, pd_form_log_create(app, 0));
		break;
	}
	case PD_ACT_STAGE_PREV:
	case PD_ACT_STAGE_NEXT:
		if ((id = need_partner(app)) != 0)
			stage_step(app, id, ev->action == PD_ACT_STAGE_PREV ? -1 : +1);
		break;
	case PD_ACT_REMOVE_CONTACT:
	case PD_ACT_EDIT_LOG:
	case PD_ACT_DONE:
	case PD_ACT_REOPEN:
		misplaced(app, ev->action);
		break;
	case PD_ACT_NONE:
		unbound(app, ev);
		break;
	default:
		break;
	}
}

static void apply_flags(struct pd_app *app, pd_pane *from, unsigned flags, bool modal)
{
	if (flags & PD_PANE_RELOAD)
		app->reload_pending = true;
	if (flags & PD_PANE_QUIT)
		app->quit = true;
	if ((flags & PD_PANE_CLOSE) && modal) {
		remove_modal(app, from);
		/* "logged ..." of a call's form saved over a form half typed:
		 * the form beneath covers the status line that says it. */
		if (app->n_modals)
			pd_form_told(app->modals[app->n_modals - 1], app->status);
	}
}

static void dispatch(struct pd_app *app, const pd_event *ev)
{
	/* The status line stays through a resize and through keys the views
	 * do not get while the screen is too small: it may hold a question
	 * the next key a view gets answers ("remove Maya Goldberg? y
	 * removes"), which must not vanish while still asked. */
	if (ev->key == KEY_RESIZE && !ev->is_char) {
		app->layout_dirty = true;
		return;
	}
	if (!(app->too_small && !app->n_modals))
		app->status[0] = '\0';
	if (!ev->is_char && ev->key == KEY_CTRL_C) {
		/* Ctrl-C (a key here, not a signal: see curses_start) cancels
		 * the dialog on top as Esc does, asking when something was
		 * typed; with none up it quits as q from the main view does. */
		if (app->n_modals) {
			pd_event cancel = {.action = PD_ACT_CANCEL, .key = 27};
			pd_pane *top = app->modals[app->n_modals - 1];
			apply_flags(app, top, top->ops->handle(top, &cancel), true);
		} else {
			app->quit = true;
		}
		return;
	}
	if (app->too_small && !app->n_modals) {
		/* Nothing is being typed: the views wait for a usable size. */
		if (ev->action == PD_ACT_QUIT || ev->action == PD_ACT_REDRAW)
			global_action(app, ev);
		return;
	}
	if (app->n_modals) {
		/* Too small or not, an open dialog gets every key: a note goes on
		 * being typed while the window is shrunk (and q is a letter in
		 * it, not a way out). */
		pd_pane *top = app->modals[app->n_modals - 1];
		unsigned f = top->ops->handle(top, ev);
		apply_flags(app, top, f, true);
		if (f == PD_PANE_IGNORED && (ev->action == PD_ACT_REDRAW || ev->action == PD_ACT_CALL))
			global_action(app, ev);
		return;
	}
	pd_pane *p = focused_view(app);
	if (!p)
		return;
	/* Keys come in batches: the detail must follow each move before the
	 * next key (Tab) acts on it. */
	sync_detail(app);
	const char *ro = pd_app_readonly(app);
	if (ro && pd_keymap_action_writes(ev->action)) {
		/* The one check of a read-only desk, before any form opens (so
		 * nobody types a note that cannot be saved) and before a view
		 * writes itself (done). The key still reaches a view as plain
		 * text: a letter typed into the filter. */
		pd_event text = *ev;
		text.action = PD_ACT_NONE;
		unsigned f = p->ops->handle(p, &text);
		apply_flags(app, p, f, false);
		if (!(f & PD_PANE_HANDLED))
			pd_app_status(app, "read-only: nothing can be added or changed here (%s)", ro);
		return;
	}
	unsigned f = p->ops->handle(p, ev);
	apply_flags(app, p, f, false);
	sync_detail(app);
	if (!(f & PD_PANE_HANDLED))
		global_action(app, ev);
}

/* ---- the loop ---- */

static void check_resize(struct pd_app *app)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	clearok(curscr, TRUE);
	app->layout_dirty = true;
}

/* Adds a message to what the status line says at start, after what is
 * already there (a warning about the file comes first). */
__attribute__((format(printf, 2, 3)))
static void status_add(struct pd_app *app, const char *fmt, ...)
{
	char msg[PD_ERROR_MSG_MAX];
	va_list ap;
	va_start(ap, fmt);
	pd_vformat(msg, sizeof msg, fmt, ap);
	va_end(ap);
	size_t used = strlen(app->status);
	if (used)
		snprintf(app->status + used, sizeof app->status - used, "; %s", msg);
	else
		snprintf(app->status, sizeof app->status, "%s", msg);
}

/* Notes `log` kept in the data directory when it could not save them (the
 * desk busy with an import) reach the log only when someone runs them:
 * said at the start, where unsaved drafts are offered too. */
static void show_kept(struct pd_app *app)
{
	pd_kept_notes ks = {0};
	pd_error err = {0};
	if (!pd_kept_list(&ks, &err) || ks.n == 0) {
		pd_kept_notes_finish(&ks);
		return;
	}
	char *word = ks.n == 1 ? pd_shell_word(ks.v[0].path) : NULL;   /* one word to sh */
	if (ks.n == 1)
		status_add(app, "1 kept note waits to be logged (log could not save it): sh %s",
		           word ? word : ks.v[0].path);
	else
		status_add(app, "%zu kept notes wait to be logged (log could not save them): "
		           "partnerdesk check lists them; sh FILE logs each", ks.n);
	free(word);
	pd_kept_notes_finish(&ks);
}

/* Forms an earlier session kept in a file when this desk would not take
 * their drafts as it ended (leave_waiting) are drafts here again, for the
 * offer that follows; a file that cannot be read back is named and left. */
/* Forms kept in a file at an earlier exit (io/kept_forms.h) become drafts
 * again, to be offered. At the start (wait_ms long) and, while the desk
 * was busy for them, on later quiet seconds (briefly): true when some came
 * back. */
static bool put_back_kept_forms(struct pd_app *app, int wait_ms)
{
	char *dir = pd_kept_dir();
	if (!dir)
		return false;
	pd_kept_forms_back b;
	pd_error err = {0};
	bool again = app->kept_forms_due;
	if (!pd_kept_forms_put_back(app->db, dir, wait_ms, &b, &err))
		status_add(app, "could not look for unsaved forms kept at an earlier exit: %s", err.msg);
	/* The note that is on its way first: the status line may not hold both. */
	if (b.n_waiting && !again)
		status_add(app, "unsaved forms kept at an earlier exit are not back yet (%s); they come back once "
		           "the desk is free. Kept in %s", b.waiting_why, b.waiting ? b.waiting : "a file");
	if (b.n_unread && !again)
		status_add(app, "unsaved forms not read back from %s (%s); the file is left there%s",
		           b.unread ? b.unread : "a kept file", b.why, b.n_unread > 1 ? ", and others like it" : "");
	app->kept_forms_due = b.n_waiting > 0;
	bool back = b.forms > 0;
	pd_kept_forms_back_finish(&b);
	free(dir);
	return back;
}

static void open_after_first_run(struct pd_app *app);

/* Ctrl-Z: the terminal as the shell had it, stop, and back on SIGCONT. */
static void suspend(struct pd_app *app)
{
	sig_stop = 0;
	flush_all(app);   /* a stopped job is often forgotten, then killed */
	paste_mode(app, false);
	def_prog_mode();
	endwin();
	struct sigaction dfl, mine;
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTSTP, &dfl, &mine);
	kill(getpid(), SIGTSTP);   /* returns once continued */
	sigaction(SIGTSTP, &mine, NULL);
	reset_prog_mode();
	paste_mode(app, true);
	check_resize(app);
}

/* What was typed but cannot show or be read in this locale is said once a
 * session, with what to do about it. */
static void input_notice(struct pd_app *app)
{
	/* Short enough for one status line at 80 columns. */
	const char *loc = setlocale(LC_CTYPE, NULL);
	if (!loc || !*loc)
		loc = "C";
	if (app->input.n_bad && !app->told_bad) {
		app->told_bad = true;
		const char *cs = app->input.utf8 ? "UTF-8" : nl_langinfo(CODESET);
		pd_app_status(app, "typed byte 0x%02x is not %s, left out; set LANG to the terminal's encoding",
		              app->input.last_bad, cs);
	} else if (app->input.n_foreign && !app->told_foreign) {
		app->told_foreign = true;
		pd_app_status(app, "locale %s: non-ASCII text is kept but shows as ?; start with LANG=C.UTF-8", loc);
	}
}

/* Acts on what the input decoder made of what was read. */
static void dispatch_input(struct pd_app *app, pd_input_key *in, size_t n)
{
	for (size_t i = 0; i < n && !app->quit && !sig_close; i++) {
		pd_event *ev = &in[i].ev;
		if (!ev->pasted)
			ev->action = pd_keymap_lookup(app->km, ev->key, in[i].code);
		dispatch(app, ev);
		if (app->first_run && app->n_modals == 0)
			open_after_first_run(app);
	}
}

/* Reads every key waiting; false when the terminal is gone. Bytes, not
 * wget_wch: in a C locale that fails on a UTF-8 letter and loses the rest
 * of what was typed with it (see input.c). */
static bool read_keys(struct pd_app *app, int *empty_reads)
{
	int got = 0;
	for (;;) {
		int k = wgetch(stdscr);
		if (k == ERR)
			break;
		got++;
		pd_input_key in[PD_INPUT_MAX];
		dispatch_input(app, in, pd_input_feed(&app->input, k, in));
		if (app->quit || sig_close)
			break;
	}
	input_notice(app);
	if (got) {
		*empty_reads = 0;
		return true;
	}
	/* Readable but nothing to read: end of file or an I/O error. */
	return ++*empty_reads < 3;
}

/* A quiet second: dialogs try again what waited for the desk (a save);
 * one that is done closes. From the top, as a close moves those above. */
static void tick_modals(struct pd_app *app)
{
	for (size_t i = app->n_modals; i-- > 0;) {
		pd_pane *m = app->modals[i];
		if (m->ops->tick)
			apply_flags(app, m, m->ops->tick(m), true);
	}
}

/* A quiet second for the views too: what a view left to do when the
 * keys stop (the list's guess for a filter that found nothing). */
static void tick_views(struct pd_app *app)
{
	for (int v = 0; v < V__COUNT; v++) {
		pd_pane *p = app->views[v];
		if (p && p->ops->tick)
			apply_flags(app, p, p->ops->tick(p), false);
	}
}

static void run_loop(struct pd_app *app)
{
	time_t last_checkpoint = time(NULL);
	int empty_reads = 0;
	while (!app->quit) {
		if (app->db && pd_db_stale(app->db)) {
			/* A look-only desk read as immutable: someone wrote since,
			 * so what shows may mix two states. Look again, and read
			 * everything anew. A failure is said and tried next time. */
			pd_error err = {0};
			if (!pd_db_reopen(app->db, &err))
				pd_app_status(app, "%s", err.msg);
			app->reload_pending = true;
		}
		if (app->reload_pending)
			reload_all(app);
		if (app->drop_typeahead) {
			/* Before the frame that shows the question, as getpass flushes
			 * before its prompt: what came in until now was typed before
			 * anyone saw it, and what comes after the draw is an answer.
			 * Flushed after the draw, a key pressed the moment the dialog
			 * showed went too, whenever the drawing process lost the CPU
			 * between its write and the flush (a loaded branch server).
			 * Both the terminal's queue and curses' own go, and the
			 * decoder forgets a half-read character or paste. */
			app->drop_typeahead = false;
			flushinp();
			pd_input_drop(&app->input);
		}
		draw_frame(app);
		struct pollfd fds[2] = {
			{.fd = STDIN_FILENO, .events = POLLIN},
			{.fd = wake_pipe[0], .events = POLLIN},
		};
		int n = poll(fds, 2, TICK_MS);
		if (n < 0 && errno != EINTR)
			break;
		if (fds[1].revents & POLLIN) {
			char buf[64];
			while (read(wake_pipe[0], buf, sizeof buf) > 0)
				;
		}
		if (sig_close) {
			app->closing = true;
			break;
		}
		if (sig_winch) {
			sig_winch = 0;
			check_resize(app);
		}
		if (sig_stop) {
			suspend(app);
			continue;
		}
		if (fds[0].revents & POLLIN) {
			if (!read_keys(app, &empty_reads)) {
				app->closing = app->terminal_gone = true;
				break;
			}
		} else if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
			app->closing = app->terminal_gone = true;
			break;
		}
		if (sig_close) {
			app->closing = true;
			break;
		}
		time_t now = time(NULL);
		if (n == 0) {
			/* A quiet second: a paste whose end marker was lost ends
			 * (keys are keys again; one split by a slow link is waited
			 * for a while first), and drafts are written. */
			pd_input_key in[PD_INPUT_MAX];
			dispatch_input(app, in, pd_input_quiet(&app->input, in));
			for (size_t i = 0; i < app->n_modals; i++) {
				pd_pane *m = app->modals[i];
				if (m->ops->flush)
					m->ops->flush(m);
			}
			tick_modals(app);
			tick_views(app);
			pd_waiting_retry(&app->waiting, app->db, WAITING_TRY_MS);
			/* Offered when nothing is open: a dialog does not appear
			 * over what someone is typing. */
			if (app->kept_forms_due && !app->n_modals) {
				/* Back, or gone (the session that kept them wrote
				 * them itself once the desk let it): offered now. */
				bool back = put_back_kept_forms(app, WAITING_TRY_MS);
				if (back || !app->kept_forms_due)
					pd_drafts_offer(app);
			}
		}
		if (app->db && now != app->looked_at) {
			/* Others may have written meanwhile: asked once a second,
			 * while typing too, and read again only when they did (or
			 * a new day changes ages and groups), so a quiet desk
			 * redraws nothing. The panes behind a dialog follow too. */
			app->looked_at = now;
			char day[PD_DATE_LEN];
			local_day(now, day);
			if (others_wrote(app) || strcmp(day, app->shown_day) != 0)
				app->reload_pending = true;
			if (!app->told_replaced && pd_db_replaced(app->db)) {
				/* Said on its own, before a save is refused for it. */
				app->told_replaced = true;
				pd_app_status(app, "%s was replaced while open; nothing more saves here. Quit "
					"and start again (`partnerdesk restore` puts copies back safely)",
					pd_db_path(app->db));
			}
		}
		if (app->db && now - last_checkpoint >= CHECKPOINT_EVERY) {
			pd_db_checkpoint(app->db);
			last_checkpoint = now;
		}
	}
}

/* ---- start and finish ---- */

static bool open_db(struct pd_app *app, bool create, pd_error *err)
{
	/* A desk this user may not write opens look-only (pd_app_readonly). */
	app->db = pd_db_open(app->db_path, (create ? PD_OPEN_CREATE : 0) | PD_OPEN_OR_READONLY,
	                     &app->cfg->rules, err);
	return app->db != NULL;
}

static bool fill_demo(struct pd_app *app, pd_error *err)
{
	long n = pd_partner_count(app->db, err);
	if (n < 0)
		return false;
	if (n > 0)
		return pd_error_set(err, PD_ERR_REFUSED,
		                    "--demo fills only a new or empty database; %s holds %ld partners "
		                    "(leave out --db for a throw-away demo)", app->db_path, n);
	return pd_demo_fill(app->db, err);
}

static bool ensure_parent_dir(const char *path, pd_error *err);
static bool use_demo_file(struct pd_app *app, pd_error *err);
static void label_db(struct pd_app *app);

/* The model's note on how the file was opened (a new desk made private
 * in a group's shared directory), which the command line prints whole on
 * stderr: here in the status line, until the first key. Whole, it runs
 * past the two lines an 80-column status has, so it is said shorter here,
 * the chmod that shares the desk last, where the path cannot push the
 * explanation out of sight. */
static void show_db_note(struct pd_app *app)
{
	if (!pd_db_note(app->db))
		return;
	const char *base = strrchr(app->db_path, '/');
	pd_app_status(app, "note: %s is yours alone (mode 0600), though its directory is shared with a "
	              "group; to share it: chmod 0660 %s", base ? base + 1 : app->db_path, app->db_path);
}

static void open_after_first_run(struct pd_app *app)
{
	int choice = app->first_run_choice;
	app->first_run = NULL;
	if (choice == 'q' || choice == 0) {
		app->quit = true;
		return;
	}
	pd_error err = {0};
	/* Samples never go into the real file: they look like real partners
	 * (a spreadsheet's "Riverside Art Museum" would then be skipped or
	 * merged into an invented one) and nothing removes them. They get a
	 * throw-away desk, as --demo does; the real one is made at the next
	 * start. */
	char *real = choice == 'd' ? strdup(app->db_path) : NULL;
	if ((choice == 'd' && (!real || !use_demo_file(app, &err))) ||
	    (choice != 'd' && !ensure_parent_dir(app->db_path, &err)) || !open_db(app, true, &err) ||
	    (choice == 'd' && !pd_demo_fill(app->db, &err))) {
		if (choice == 'd' && !real)
			pd_error_set(&err, PD_ERR_NOMEM, "out of memory");
		free(real);
		/* Tell it after curses is gone, where it stays readable. */
		snprintf(app->status, sizeof app->status, "%s", err.msg);
		app->quit = true;
		app->closing = true;
		return;
	}
	mark_shown(app);
	if (choice == 'd')
		label_db(app);
	if (!create_views(app)) {
		free(real);
		snprintf(app->status, sizeof app->status, "out of memory");
		app->quit = true;
		app->closing = true;
		return;
	}
	char add[48], help[32];
	pd_keymap_say(app->km, PD_ACT_HELP, "%s for keys", "", help, sizeof help);
	if (choice == 'd')
		pd_app_status(app, "sample partners in a throw-away desk, gone when you quit; "
		              "start again for your own at %s%s%s", real, help[0] ? "; press " : "", help);
	else {
		pd_keymap_say(app->km, PD_ACT_ADD, "; press %s to add a partner", "", add, sizeof add);
		pd_app_status(app, "created %s%s%s%s", app->db_path, add, help[0] ? (add[0] ? ", " : "; press ") : "",
		              help);
	}
	free(real);
	show_db_note(app);
}

static bool ensure_parent_dir(const char *path, pd_error *err)
{
	char *dir = strdup(path);
	if (!dir)
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	char *slash = strrchr(dir, '/');
	bool ok = true;
	if (slash && slash != dir) {
		*slash = '\0';
		struct stat st;
		if (stat(dir, &st) != 0)
			ok = pd_paths_mkdirs(dir, err);
	}
	free(dir);
	return ok;
}

static void label_db(struct pd_app *app)
{
	/* A throw-away demo is "demo.db" to the person, whatever its file. */
	const char *base = app->demo_own_file ? "/demo.db" : strrchr(app->db_path, '/');
	snprintf(app->db_label, sizeof app->db_label, "%s%s", base ? base + 1 : app->db_path,
	         app->demo ? " (demo)" : "");
}

/* Removes a demo database and its -wal and -shm; false on a failure other
 * than its not being there. */
static bool demo_remove(const char *path)
{
	static const char *const suffix[] = {"-wal", "-shm", ""};
	char p[4200];
	for (size_t i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "%s%s", path, suffix[i]);
		if (unlink(p) != 0 && errno != ENOENT)
			return false;
	}
	return true;
}

/* Removes the demo-PID.db files of demos whose process has ended. */
static void demo_sweep(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		long pid;
		char tail[8];
		if (sscanf(e->d_name, "demo-%ld.d%7s", &pid, tail) != 2 || strcmp(tail, "b") != 0 || pid <= 0)
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno == EPERM)
			continue;
		char p[4200];
		snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
		demo_remove(p);
	}
	if (d)
		closedir(d);
}

/* Points the app at a throw-away demo database of its own, made anew each
 * time and never the real one: demo-PID.db in the data directory, so a
 * second demo never removes one still open in another window; those left
 * by runs that ended without tidying up go now. */
static bool use_demo_file(struct pd_app *app, pd_error *err)
{
	char *dir = pd_paths_data_dir();
	if (!dir)
		return pd_error_set(err, PD_ERR_IO, "no data directory");
	if (!pd_paths_mkdirs(dir, err)) {
		free(dir);
		return false;
	}
	demo_sweep(dir);
	size_t n = strlen(dir) + 48;
	char *path = malloc(n);
	if (!path) {
		free(dir);
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	}
	snprintf(path, n, "%s/demo-%ld.db", dir, (long)getpid());
	free(dir);
	if (!demo_remove(path)) {
		int e = errno;
		pd_error_set(err, PD_ERR_IO, "cannot remove the old %s: %s", path, strerror(e));
		free(path);
		return false;
	}
	free(app->db_path);
	app->db_path = path;
	app->demo_own_file = true;
	app->demo = true;
	return true;
}

/* A line on stderr, before the screen is up or after it is gone: it may
 * quote the config's text, a path, TERM or the desk's own error, any of
 * which can hold a control character, so it goes through the sanitizer
 * as all else shown. */
static void say_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say_err(const char *fmt, ...)
{
	char line[16384], shown[4 * sizeof line];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	pd_draw_sanitize(line, shown, sizeof shown);
	fprintf(stderr, "partnerdesk: %s\n", shown);
}

static void print_error(const pd_error *err)
{
	say_err("%s", err->msg);
}

/* Config, keymap and database, before curses, so that errors print plainly. */
static int prepare(struct pd_app *app, const pd_ui_options *opts)
{
	pd_error err = {0};
	app->cfg = pd_paths_load_config(opts->config_flag, &err);
	if (!app->cfg) {
		print_error(&err);
		return 1;
	}
	app->km = pd_keymap_create(app->cfg, &err);
	if (!app->km) {
		print_error(&err);
		return 1;
	}
	app->demo = opts->demo;
	if (opts->demo && !opts->db_flag) {
		if (!use_demo_file(app, &err)) {
			print_error(&err);
			return 1;
		}
	} else {
		app->db_path = pd_paths_database(opts->db_flag, app->cfg, &err);
		if (!app->db_path) {
			if (err.msg[0])
				print_error(&err);
			else
				fprintf(stderr, "partnerdesk: cannot tell where the database is; use --db FILE\n");
			return 1;
		}
	}
	label_db(app);

	struct stat st;
	bool exists = stat(app->db_path, &st) == 0;
	if (!exists && !opts->demo) {
		/* Asked on screen: where it goes, and whether to start with the
		 * demo; nothing is made until the answer. */
		return 0;
	}
	if (!exists && !ensure_parent_dir(app->db_path, &err)) {
		print_error(&err);
		return 1;
	}
	if (!open_db(app, opts->demo, &err) || (opts->demo && !fill_demo(app, &err))) {
		print_error(&err);
		return 1;
	}
	show_db_note(app);
	if (pd_db_on_network_fs(app->db_path)) {
		say_err("warning: %s is on a network file system, where SQLite's locking is unreliable; "
		        "keep shared databases on a local disk of the server", app->db_path);
		pd_app_status(app, "warning: the database is on a network file system; locking there is unreliable");
	}
	return 0;
}

static void finish(struct pd_app *app)
{
	while (app->n_modals)
		remove_modal(app, app->modals[app->n_modals - 1]);
	for (int v = 0; v < V__COUNT; v++) {
		pd_pane *p = app->views[v];
		if (!p)
			continue;
		hide(p);
		p->ops->destroy(p);
		app->views[v] = NULL;
	}
	frame_free(app);
}

/* A crash (or an abort) must not leave the terminal raw, in the
 * alternate screen and in paste mode, which over SSH is a broken session:
 * what endwin and paste_mode(false) would send is worked out now, while
 * terminfo may be asked, for the crash handlers to write (fatal.c). */
static void arm_crash(const struct termios *shell)
{
	char seq[256];
	snprintf(seq, sizeof seq, "%s%s%s%s%s", ti_string("sgr0", ""), ti_string("cnorm", ""),
	         ti_string("rmkx", ""), ti_string("BD", "\033[?2004l"), ti_string("rmcup", ""));
	pd_fatal_arm(STDIN_FILENO, STDOUT_FILENO, shell, seq);
}

/* Whether no one is there to see this process any more: its terminal
 * hung up, or the system is stopping it (a logout's SIGTERM). */
static bool nobody_sees(const struct pd_app *app)
{
	return app->terminal_gone || sig_close == SIGHUP || sig_close == SIGTERM;
}

/* Whether what was typed is out of this process's memory: in the file
 * pd_waiting_keep wrote, or, every note having been written as a draft
 * that could not be let go (a write too), in the desk, whose rows the next
 * start offers back once this process is gone (a dead owner's draft is not
 * live); while it lives, they are its own and not offered. */
static bool typed_kept(const struct pd_app *app)
{
	const pd_waiting *w = &app->waiting;
	return pd_waiting_kept_whole(w) || (pd_waiting_notes(w) && !pd_waiting_unwritten(w) && !w->kept);
}

/* After the screen is given back (or gone with the terminal): what still
 * waits for the desk is tried until it goes through, for a long while, so
 * that a note or a discard outlasts a colleague's import. Said on stderr,
 * where Ctrl-C (the default action again) stops the wait. Typed text the
 * desk does not hold yet is first kept in a file: stderr goes with an SSH
 * session, and a hung-up session's process may be killed while it waits.
 *
 * A desk that refuses the text (a full disk, a file size limit) is no
 * import that ends in minutes. With no one there to see, once the file
 * holds all the text the wait only keeps that file locked from the next
 * start (the person back on a new connection would be told it "is not
 * back yet" for ten minutes) and a process lingering on a server no one
 * sees: the next start offers the file back and writes it to the desk
 * itself, with its own limits, once the desk takes it. So the process
 * ends; so too when each note was written as a draft and only letting it
 * go is refused (typed_kept). While no file holds the text, memory is its
 * only place: the wait goes on, trying the desk and the file. */
static void leave_waiting(struct pd_app *app)
{
	if (!app->waiting.n || !app->db) {
		pd_waiting_finish(&app->waiting);
		return;
	}
	char what[160];
	pd_waiting_describe(&app->waiting, what, sizeof what);
	const char *desk = pd_db_path(app->db);
	bool replaced = pd_db_replaced(app->db);
	pd_error kerr = {0};
	const char *kept = NULL;
	/* A desk that is not busy but cannot take the text (a full disk, a
	 * file size limit) is said as it is: "busy" had the person wait for
	 * an import that is not there. */
	const pd_error *last = &app->waiting.last;
	bool busy = last->code == PD_ERR_BUSY || !last->msg[0];
	char why_kept[PD_ERROR_MSG_MAX + 64];
	snprintf(why_kept, sizeof why_kept, "the desk would not take it: %s", last->msg);
	/* Kept before any wait: a process killed while it waits (a hung-up
	 * session's cleanup) must not take the text with it. On a replaced
	 * desk even the text already in a draft row goes: that row is in a
	 * file no one opens again. */
	if (!app->demo)
		kept = pd_waiting_keep(&app->waiting, desk, replaced ? WHY_REPLACED : busy ? WHY_LOCKED : why_kept,
		                       replaced, &kerr);
	char where[PD_ERROR_MSG_MAX + 128] = "";
	if (kept && replaced)
		snprintf(where, sizeof where, "; what was typed is kept in %s, which the next start on this desk "
		         "offers back as drafts", kept);
	else if (kept)
		snprintf(where, sizeof where, "; what was typed is kept in %s until then (should the wait end "
		         "first, the next start on this desk offers it back as drafts)", kept);
	else if (kerr.msg[0])
		snprintf(where, sizeof where, "; what was typed could not be kept in a file (%s)", kerr.msg);
	if (replaced) {
		/* No wait will let these into a file no one opens again. */
		say_err("%s was replaced while open, so could not %s%s; what was typed:",
		        desk, what, where);
		pd_waiting_print(&app->waiting, stderr);
		pd_waiting_finish(&app->waiting);
		return;
	}
	bool unseen_refused = !busy && nobody_sees(app);
	if (unseen_refused && !pd_waiting_retry(&app->waiting, app->db, LEAVE_SLICE_MS)) {
		pd_waiting_finish(&app->waiting);   /* the desk took it after all */
		return;
	}
	if (unseen_refused && typed_kept(app)) {
		pd_waiting_describe(&app->waiting, what, sizeof what);
		if (app->waiting.kept)
			say_err("could not %s: %s; what was typed is kept in %s, which the next "
			        "start on %s offers back as drafts", what, last->msg, app->waiting.kept, desk);
		else
			say_err("could not %s: %s; what was typed is in %s as drafts, which the next "
			        "start on it offers back", what, last->msg, desk);
		pd_waiting_finish(&app->waiting);
		return;
	}
	if (busy)
		say_err("%s is busy (someone else, an import?, is writing to it): waiting to "
		        "%s%s; Ctrl-C stops the wait and leaves that undone", desk, what, where);
	else
		say_err("could not %s: %s; trying again for %d minutes%s; Ctrl-C stops "
		        "that and leaves it undone", what, last->msg, LEAVE_WAIT_S / 60, where);
	time_t end = time(NULL) + LEAVE_WAIT_S;
	/* A desk replaced or removed meanwhile will never take these: the
	 * rest of a ten-minute wait would only hold the session open. Nor,
	 * unseen, does a refusing desk's once the file holds it all. */
	while (!(replaced = pd_db_replaced(app->db)) &&
	       pd_waiting_retry(&app->waiting, app->db, LEAVE_SLICE_MS) && time(NULL) < end &&
	       !(unseen_refused && typed_kept(app)))
		poll(NULL, 0, LEAVE_SLICE_MS);
	if (app->waiting.n) {
		pd_waiting_describe(&app->waiting, what, sizeof what);
		if (replaced) {
			say_err("%s was replaced or removed while this waited, so could not "
			        "%s", desk, what);
			/* What the wait wrote meanwhile went into the old file too. */
			pd_error e = {0};
			if (!app->demo)
				pd_waiting_keep(&app->waiting, desk, WHY_REPLACED, true, &e);
		} else if (last->code == PD_ERR_BUSY || !last->msg[0]) {
			say_err("%s stayed locked for %d minutes; could not %s", desk,
			        LEAVE_WAIT_S / 60, what);
		} else if (unseen_refused && typed_kept(app)) {
			say_err("could not %s: %s", what, last->msg);
		} else {
			say_err("could not %s in %d minutes: %s", what, LEAVE_WAIT_S / 60,
			        last->msg);
		}
		if (pd_waiting_kept_whole(&app->waiting)) {
			say_err("what was typed is kept in %s; the next start on %s offers it "
			        "back as drafts", app->waiting.kept, desk);
		} else if (unseen_refused && typed_kept(app)) {
			say_err("what was typed is in %s as drafts; the next start on it offers "
			        "them back", desk);
		} else if (pd_waiting_unwritten(&app->waiting) || replaced) {
			/* No file holds it all: the last place it can go. */
			const char *part = app->waiting.kept;
			say_err("what was typed%s%s%s:", part ? " (only part of it is kept in " : "",
			        part ? part : "", part ? ")" : "");
			pd_waiting_print(&app->waiting, stderr);
		}
	}
	pd_waiting_finish(&app->waiting);
}

static bool curses_start(struct pd_app *app)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "partnerdesk: the interface needs a terminal; use a command instead (see --help)\n");
		return false;
	}
	/* Each refusal says what to do about it. */
#define TERM_ADVICE "set TERM to your terminal's type (e.g. xterm-256color, vt100) or use a command (see --help)"
	const char *term = getenv("TERM");
	if (!term || !*term) {
		fprintf(stderr, "partnerdesk: TERM is not set; " TERM_ADVICE "\n");
		return false;
	}
	/* The shell's modes, for a crash to put back (see arm_crash). */
	struct termios shell;
	bool have_shell = tcgetattr(STDIN_FILENO, &shell) == 0;
	if (!pd_terminfo_knows(term, STDOUT_FILENO)) {
		say_err("TERM=%s is a terminal type this system does not know; " TERM_ADVICE, term);
		return false;
	}
	/* newterm, not initscr: initscr exits the process on a bad TERM. */
	SCREEN *s = newterm(NULL, stdout, stdin);
	if (!s) {
		say_err("cannot start the interface on this terminal (TERM=%s); " TERM_ADVICE, term);
		return false;
	}
	/* A terminal that cannot move the cursor (dumb, a hard-copy type)
	 * would show a blank, silent screen: say so instead. */
	const char *cup = tigetstr("cup");
	if (!cup || cup == (const char *)-1 || tigetflag("hc") > 0) {
		endwin();
		delscreen(s);
		say_err("TERM=%s cannot show the interface (it cannot move the cursor); " TERM_ADVICE, term);
		return false;
	}
#undef TERM_ADVICE
	set_term(s);
	app->screen = s;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	/* An Esc waits this long for the rest of an arrow key's bytes. Over a
	 * slow SSH link they can come tens of ms apart (and a split arrow
	 * became Esc plus letters that act as keys); 200 ms outlasts that
	 * jitter while a lone Esc still answers without a felt wait. The
	 * user's ESCDELAY (which newterm read) wins. */
	set_escdelay(pd_input_escdelay(getenv("ESCDELAY")));
	define_key(ti_string("PS", "\033[200~"), PD_KEY_PASTE_BEGIN);
	define_key(ti_string("PE", "\033[201~"), PD_KEY_PASTE_END);
	define_missing_keys();
	pd_input_init(&app->input);
	pd_input_paste_end(&app->input, ti_string("PE", "\033[201~"));
	paste_mode(app, true);
	curs_set(0);
	/* Ctrl-S saves a form: XON/XOFF flow control must not take it (and
	 * freeze the screen). Only the program's mode changes; endwin gives
	 * the shell its own back. */
	/* Ctrl-C comes as a key, in order with the rest of the typing, so
	 * that in a form it cancels as Esc does instead of ending the program
	 * (a signal would also flush keys typed just before it). A SIGINT
	 * sent from outside still ends the program, drafts written. */
	struct termios tio;
	if (tcgetattr(STDIN_FILENO, &tio) == 0) {
		tio.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
		tio.c_cc[VINTR] = _POSIX_VDISABLE;
		if (tcsetattr(STDIN_FILENO, TCSANOW, &tio) == 0)
			def_prog_mode();
	}
	if (have_shell)
		arm_crash(&shell);
	/* Out of memory here leaves the monochrome look (NULL theme). */
	app->theme = pd_theme_create(app->cfg, pd_draw_colour_wanted());
	/* stdscr stays untouched so that wget_wch never repaints it. */
	wnoutrefresh(stdscr);
	app->layout_dirty = true;
	return true;
}

int pd_ui_run(const pd_ui_options *opts)
{
	struct pd_app app_s;
	struct pd_app *app = &app_s;
	memset(app, 0, sizeof *app);
	app->n_partners = app->n_due = -1;
	int status = prepare(app, opts);
	if (status != 0)
		goto out;
	sig_close = sig_winch = sig_stop = 0;
	if (!signals_install()) {
		fprintf(stderr, "partnerdesk: cannot set up signal handling: %s\n", strerror(errno));
		status = 1;
		goto out;
	}
	if (!curses_start(app)) {
		signals_remove();
		status = 1;
		goto out;
	}
	if (app->db) {
		mark_shown(app);
		if (!create_views(app)) {
			snprintf(app->status, sizeof app->status, "out of memory");
			app->closing = true;
		} else if (!app->demo && !pd_app_readonly(app)) {
			/* A read-only desk offers no drafts: none could be saved. */
			put_back_kept_forms(app, PUT_BACK_WAIT_MS);
			pd_drafts_offer(app);
		}
		if (!app->closing && !app->demo)
			show_kept(app);
	} else {
		app->first_run = pd_first_run_create(app, app->db_path, &app->first_run_choice);
		if (app->first_run)
			pd_app_push(app, app->first_run);
		else
			app->quit = true;
	}
	if (!app->closing)
		run_loop(app);
	if (app->closing) {
		/* The terminal went away or we were told to stop: write every
		 * draft before anything else. */
		flush_all(app);
		status = 1;
	}
	char last[sizeof app->status];
	/* A copy of the same size (snprintf here draws a false truncation
	 * warning from GCC). */
	memcpy(last, app->status, sizeof last);
	last[sizeof last - 1] = '\0';
	finish(app);
	paste_mode(app, false);
	endwin();
	pd_fatal_disarm();
	pd_theme_destroy(app->theme);
	app->theme = NULL;
	delscreen(app->screen);
	signals_remove();
	if (status != 0 && last[0] && !sig_close)
		fprintf(stderr, "partnerdesk: %s\n", last);
	leave_waiting(app);
out:
	if (app->db)
		pd_db_checkpoint(app->db);
	pd_db_close(app->db);
	if (app->demo_own_file)
		demo_remove(app->db_path);
	pd_keymap_destroy(app->km);
	pd_config_destroy(app->cfg);
	free(app->db_path);
	return status;
}
