/* app.c - the wizard's state, its one loop, key dispatch, signals, and
 * saving, opening and quitting.
 *
 * The loop: draw (werase + wnoutrefresh of each window, one doupdate),
 * read a key, map it to an action through the action table (keys.c),
 * give it to the line editor when a field is being edited, else to the
 * step, then to the step's table, then to the global actions.  After any
 * change the calculation is rebuilt into a problem and computed by the
 * engine, exactly as `soem calc` does.
 *
 * Signals only set a flag (installed before curses starts, without
 * SA_RESTART so that a blocked read returns); the loop acts on it.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ui/ui.h"
#include "store/datadir.h"
#include "ui/uipriv.h"
#include "ui/termcheck.h"
#include "io/calc_io.h"
#include "io/kb_io.h"
#include "model/calc_edit.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/stacktrim.h"
#include "util/textsafe.h"
#include "util/xalloc.h"

#define CTRL(c) ((c)&0x1f)

void ui_screen_init(struct ui *u);

/* ---------------------------------------------------------------------
 * The steps (SPEC §5.1)
 */

const struct ui_step ui_steps[SOEM_STEP_COUNT] = {
	[SOEM_STEP_INTERVENTION] = {
		N_("Intervention"), N_("Intervention"),
		N_("Describe the intervention and who takes part. Year 1 is the year it starts; the horizon is how many years the calculation follows. A course of 1 year ends in the year it starts. Enter how many participants start in each year; the last row adds a year. Type or press Enter to edit a field."),
		SC_INTAKE, NULL, step_intervention_draw, step_intervention_key,
		step_intervention_grid, step_intervention_detail,
	},
	[SOEM_STEP_TARGET] = {
		N_("Target group"), N_("Target"),
		N_("Choose the target group from the knowledge database: its consequences are estimated for citizens like yours. Type to search; Left/Right shows one area. If none fits, choose your own target group: there are no database estimates then, and you enter the consequences yourself."),
		SC_TARGET, step_target_enter, step_target_draw, step_target_key,
		NULL, step_target_detail, step_target_cleanup,
	},
	[SOEM_STEP_EFFECT] = {
		N_("Effect measure"), N_("Effect"),
		N_("p1: the share of participants who reach the effect measure with the intervention; p0: the share who would reach it anyway (comparison group). The effect used is s = p1 - p0: 12 % with and 2 % without give 10 %, not 12 %. Say where the figures come from; persistence: how long the effect lasts."),
		SC_FORM | SC_EFFECT, NULL, step_effect_draw, step_effect_key,
		step_effect_grid, step_effect_detail,
	},
	[SOEM_STEP_COSTS] = {
		N_("Costs"), N_("Costs"),
		N_("What the intervention costs and who pays: per participant, per participant and year of the course, once (start-up: year 1) or every year. Tick Saved for the cost of the usual practice the intervention replaces: it counts as a saving. Low and high give a range."),
		SC_COSTS, NULL, step_costs_draw, step_costs_key, step_costs_grid,
		step_costs_detail,
	},
	[SOEM_STEP_CONSEQUENCES] = {
		N_("Consequences"), N_("Consequences"),
		N_("Change in use per participant who reaches the effect, compared with one who does not, from the year they finish (year 1); positive = more use. * and bold: supported by literature and practice. If your group or effect measure differs much from the database's, adjust the estimates or enter your own."),
		SC_CONS, NULL, step_cons_draw, step_cons_key, step_cons_grid,
		step_cons_detail, step_cons_cleanup,
	},
	[SOEM_STEP_PRICES] = {
		N_("Prices"), N_("Prices"),
		N_("The price per unit of each service in use, per payer: public spending after state reimbursement, at the profile's price year. The database's price stands beside your own (d uses it again). Your own services need a price here."),
		SC_PRICES, NULL, step_prices_draw, step_prices_key,
		step_prices_grid, step_prices_detail, step_prices_cleanup,
	},
	[SOEM_STEP_RESULTS] = {
		N_("Results"), N_("Results"),
		N_("What the intervention does to each payer's budget: costs, effects and net, per year and in total; undiscounted (SØM's budget result) and as present values. Break-even year: from when the cumulative discounted net stays at or above 0. PgDn and PgUp scroll, Left and Right show more payers."),
		SC_RESULTS, NULL, step_results_draw, step_results_key, NULL,
		step_results_detail, step_results_cleanup,
	},
};

/* F1 help on the steps with the group bar (groupbar.c): one sentence
 * after the step's guidance. */
static const char *const group_help[SOEM_STEP_COUNT] = {
	[SOEM_STEP_INTERVENTION] =
		N_("The first row is the group bar: with several groups each has its own intake and course length here; Up from the first field reaches it, Left/Right switch groups and Enter adds, renames or deletes one."),
	[SOEM_STEP_TARGET] =
		N_("The first row is the group bar: each group has its own target group; Up from the top of the list reaches it, Left/Right switch groups and Enter adds, renames or deletes one."),
	[SOEM_STEP_EFFECT] =
		N_("The first row is the group bar: each group has its own effect measure, p1, p0, persistence and completion; Up from the first field reaches it, Left/Right switch groups and Enter adds, renames or deletes one."),
	[SOEM_STEP_CONSEQUENCES] =
		N_("The first row is the group bar: each group has its own consequences; Up from the first row reaches it, Left/Right switch groups and Enter adds, renames or deletes one."),
};

unsigned ui_scope(struct ui *u)
{
	if (u->screen == SCR_DESIGN)
		return SC_DESIGN | SC_MOVE | SC_FORM;
	if (u->screen == SCR_START || !u->calc)
		return SC_START | SC_MOVE;
	unsigned form = ui_steps[u->step].grid || u->step == SOEM_STEP_TARGET
				? SC_FORM
				: 0;
	return SC_STEPS | SC_MOVE | form | ui_steps[u->step].scope;
}

/* ---------------------------------------------------------------------
 * Signals and the terminal
 */

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	int e = errno;
	got_signal = sig;
	errno = e;
}

static void signals_install(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: a blocked read must return */
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

static int err_count;
static bool want_quit;

/* True when the last ui_getkey returned because the autosave was due,
 * not because the terminal failed. */
static bool key_timed_out;

/* The emergency save of SPEC §5.4 (session.c): called before leaving on
 * a hang-up, SIGTERM or a lost terminal, while the calculation is still
 * in memory.  Does not use the terminal. */
static void emergency_save(struct ui *u)
{
	ui_emergency_save(u);
}

bool ui_check_signals(struct ui *u, int rc)
{
	int sig = got_signal;
	if (sig == SIGINT) {
		got_signal = 0;
		want_quit = true;
	} else if (sig == SIGHUP || sig == SIGTERM) {
		u->hangup = true;
		u->exit_code = 128 + sig;
		return true;
	}
	if (rc == ERR && key_timed_out) {
		ui_autosave_tick(u);
		return false;
	}
	if (rc == ERR) {
		/* a lost terminal: EIO and friends, or ERR over and over */
		if (errno == EIO || errno == EBADF || errno == ENXIO ||
		    !isatty(STDIN_FILENO) || ++err_count > 100) {
			u->hangup = true;
			u->exit_code = 128 + SIGHUP;
			return true;
		}
	} else {
		err_count = 0;
	}
	if (!u->hangup)
		ui_autosave_tick(u);
	return u->hangup;
}

static long long clock_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int ui_getkey(struct ui *u, WINDOW *w, int *ch, bool *is_key)
{
	wint_t wc = 0;
	WINDOW *win = w ? w : stdscr;
	/* wait for a key at most until the periodic autosave is due (no
	 * timeout when nothing is to be saved: an idle wizard sleeps) */
	int wait = ui_autosave_wait(u);
	long long t0 = wait >= 0 ? clock_ms() : 0;
	wtimeout(win, wait);
	errno = 0;
	int rc = wget_wch(win, &wc);
	int e = errno;
	wtimeout(win, -1);
	/* a timeout is an ERR after the whole wait; an ERR at once is the
	 * terminal failing (counted by ui_check_signals) */
	key_timed_out = rc == ERR && wait >= 0 && e == 0 &&
			clock_ms() - t0 >= wait - 5;
	errno = e;
	*ch = (int)wc;
	*is_key = rc == KEY_CODE_YES;
	return rc == ERR ? ERR : OK;
}

/* ---------------------------------------------------------------------
 * The calculation and its results
 */

void ui_changed(struct ui *u, bool changed)
{
	if (changed) {
		u->dirty = true;
		u->as_pending = true;
	}
	u->gen++; /* what is cached from the results is stale (uncert.c) */
	soem_result_free(&u->res);
	free(u->svc_cons);
	u->svc_cons = NULL;
	soem_problem_free(&u->pb);
	u->res_err[0] = '\0';
	if (!u->calc)
		return;
	soem_err err = { 0 };
	if (soem_problem_build(u->calc, u->kb, &u->pb, &u->svc_cons, &err) ==
	    0) {
		u->res = soem_compute(&u->pb);
		if (!u->res)
			snprintf(u->res_err, sizeof u->res_err, "%s",
				 _("the calculation cannot be computed"));
	} else {
		snprintf(u->res_err, sizeof u->res_err, "%s", err.msg);
	}
	soem_missing_all(u->calc, u->kb, u->set->ui_lang, &u->issues);
}

void ui_goto(struct ui *u, int s)
{
	if (s < 0 || s >= SOEM_STEP_COUNT || !u->calc)
		return;
	u->ed.active = false;
	u->screen = SCR_STEP;
	u->step = s;
	u->gbar = false;
	if (ui_steps[s].enter)
		ui_steps[s].enter(u, &u->view[s]);
	/* autosave on every step change (SPEC §5.4), when anything changed */
	ui_autosave(u, false);
}

static void calc_replace(struct ui *u, soem_calc *c, const soem_kb *kb,
			 const char *path)
{
	soem_calc_free(&u->calc);
	u->calc = c;
	u->kb = kb;
	free(u->path);
	u->path = path ? xstrdup(path) : NULL;
	free(u->scenario_of);
	u->scenario_of = NULL;
	u->dirty = false;
	for (int s = 0; s < SOEM_STEP_COUNT; s++) {
		memset(&u->view[s].grid, 0, sizeof u->view[s].grid);
		u->seen[s] = false;
	}
	u->view[SOEM_STEP_CONSEQUENCES].cons.filter = false;
	u->view[SOEM_STEP_TARGET].target.area = -1;
	u->view[SOEM_STEP_TARGET].target.search[0] = '\0';
	u->view[SOEM_STEP_RESULTS].results.top = 0;
	u->view[SOEM_STEP_RESULTS].results.left = 0;
	u->ed.active = false;
	u->group = 0;
	u->gbar = false;
	ui_changed(u, false);
	/* reading the file and its profile ran deep: that stack goes back
	 * (at start-up soem_ui_run does it once, after everything) */
	if (u->running)
		soem_stack_trim();
}

static const char *default_profile(const struct ui *u)
{
	if (u->set->profile)
		return u->set->profile;
	if (u->kbs.n == 1)
		return u->kbs.kb[0]->id;
	return "dk";
}

/* kb (perhaps only its header so far: issue 18) read whole; NULL, with
 * the reason on the message line, when its file does not load. */
const soem_kb *ui_kb_whole(struct ui *u, const soem_kb *kb)
{
	const char *id = kb->id;
	const soem_kb *whole = soem_kbset_find(&u->kbs, id);
	const soem_kb_broken *bad = whole ? NULL : soem_kbset_broken(&u->kbs, id);
	if (!whole)
		ui_msg(u, true,
		       _("the knowledge-database profile '%s' cannot be used: %s"),
		       id, bad ? bad->msg : "");
	return whole;
}

bool ui_new_calc(struct ui *u, const soem_kb *kb)
{
	if (!kb) {
		const char **items = xcalloc(u->kbs.n, sizeof *items);
		char **names = xcalloc(u->kbs.n, sizeof *names);
		int cur = 0;
		for (size_t i = 0; i < u->kbs.n; i++) {
			const soem_kb *k = u->kbs.kb[i];
			names[i] = xasprintf("%s  (%s, %s %s)",
					     soem_text_get(&k->name, u->set->ui_lang,
							   k->language),
					     k->id, _("version"),
					     k->version ? k->version : "");
			items[i] = names[i];
			if (strcmp(k->id, default_profile(u)) == 0)
				cur = (int)i;
		}
		int i = ui_pick(u, _("Which knowledge database (profile)?"),
				items, (int)u->kbs.n, cur, false,
				_("Prices, payers and consequences come from it."));
		for (size_t k = 0; k < u->kbs.n; k++)
			free(names[k]);
		free(names);
		free(items);
		if (i < 0)
			return false;
		kb = u->kbs.kb[i];
	}
	if (!(kb = ui_kb_whole(u, kb)))
		return false;
	soem_calc *c = soem_calc_new();
	c->kb_profile = xstrdup(kb->id);
	c->kb_version = kb->version ? xstrdup(kb->version) : NULL;
	/* one cohort to fill in (a file needs at least one) */
	c->intake = xcalloc(1, sizeof *c->intake);
	c->intake[0].year = 1;
	c->intake[0].participants = soem_num_of(0);
	c->nintake = 1;
	u->started = time(NULL);
	char *keep = u->path ? xstrdup(u->path) : NULL;
	calc_replace(u, c, kb, keep);
	free(keep);
	u->dirty = true;
	ui_goto(u, SOEM_STEP_INTERVENTION);
	return true;
}

/* ---------------------------------------------------------------------
 * Saving, opening, quitting
 */

static void default_name(struct ui *u, char *b, size_t n)
{
	char ascii[256];
	ui_ascii(u, u->calc->intervention.name ? u->calc->intervention.name : "",
		 ascii, sizeof ascii);
	size_t o = 0;
	bool sep = false;
	for (const char *p = ascii; *p && o + 12 < n && o < 40; p++) {
		char c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    (c >= 'A' && c <= 'Z')) {
			if (sep && o)
				b[o++] = '-';
			b[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			sep = false;
		} else {
			sep = true;
		}
	}
	if (o == 0)
		o = (size_t)snprintf(b, n, "%s", "calculation");
	snprintf(b + o, n - o, "%s", ".soem.yaml");
}

void ui_expand_home(const char *in, char *out, size_t n)
{
	const char *rest = NULL, *home = NULL;
	if (in[0] == '~' && (in[1] == '/' || in[1] == '\0')) {
		rest = in + 1;
		home = getenv("HOME");
		if (!home || !*home) {
			const struct passwd *pw = getpwuid(geteuid());
			home = pw ? pw->pw_dir : NULL;
		}
	} else if (in[0] == '~') {
		/* ~user/... */
		const char *sl = strchr(in, '/');
		size_t l = sl ? (size_t)(sl - in - 1) : strlen(in + 1);
		char name[256];
		if (l < sizeof name) {
			memcpy(name, in + 1, l);
			name[l] = '\0';
			const struct passwd *pw = getpwnam(name);
			if (pw && pw->pw_dir) {
				home = pw->pw_dir;
				rest = in + 1 + l;
			}
		}
	}
	if (home && *home && rest)
		snprintf(out, n, "%s%s",
			 strcmp(home, "/") == 0 && *rest == '/' ? "" : home,
			 rest);
	else
		snprintf(out, n, "%s", in);
}

const char *ui_base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

bool ui_save_to(struct ui *u, const char *path)
{
	/* a file that would not load again is not written (SPEC 2.9: a
	 * price schedule needs the start year) */
	const char *sched = NULL;
	if (soem_calc_sched_needs_start(u->calc, &sched)) {
		ui_alert(u, _("Not saved: the price schedule of '%s' needs the start year (step 1, Intervention). Your work is still open and not saved."),
			 sched ? sched : "");
		return false;
	}
	if (!u->calc->kb_profile)
		u->calc->kb_profile = xstrdup(u->kb->id);
	if (!u->calc->kb_version && u->kb->version)
		u->calc->kb_version = xstrdup(u->kb->version);
	/* another file: lock it first (and keep the old one's lock until the
	 * save went well) */
	soem_lock lk = { .fd = -1, .path = NULL };
	bool other = !u->path || !ui_same_file(path, u->path);
	if (other && !ui_lock_for_save(u, path, &lk))
		return false;
	soem_err err = { 0 };
	if (soem_calc_save(path, u->calc, &err) != 0) {
		/* the work stays open and marked changed */
		soem_lock_release(&lk);
		ui_alert(u, _("%s. Your work is still open and not saved."),
			 err.msg);
		return false;
	}
	if (other) {
		soem_lock_release(&u->lock);
		u->lock = lk;
	}
	u->readonly = false;
	/* saved: the autosave is not needed any more */
	ui_autosave_forget(u);
	if (!u->path || strcmp(u->path, path) != 0) {
		free(u->path);
		u->path = xstrdup(path);
	}
	u->dirty = false;
	ui_msg(u, false, _("Saved to %s."), path);
	return true;
}

bool ui_ask_new_name(struct ui *u, const char *title, const char *propose,
		     char *path, size_t n)
{
	char typed[PATH_MAX];
	snprintf(typed, sizeof typed, "%s", propose);
	for (;;) {
		if (!ui_prompt(u, title,
			       _("File name (in the current directory unless you give a path):"),
			       typed, sizeof typed))
			return false;
		if (!typed[0])
			continue;
		/* "~/x" is the home folder, as in the shell */
		ui_expand_home(typed, path, n);
		if (u->readonly && ui_same_file(path, u->path)) {
			ui_alert(u,
			       _("%s is open read-only: it is not saved over. Choose another name."),
			       path);
			return false;
		}
		struct stat st;
		if ((!u->path || strcmp(path, u->path) != 0) &&
		    stat(path, &st) == 0) {
			char q[PATH_MAX + 100];
			snprintf(q, sizeof q, _("%s exists. Replace it?"), path);
			int k = ui_ask(u, q, "yn",
				       _("y: replace it   n: choose another name"));
			if (k != 'y')
				continue;
		}
		return true;
	}
}

bool ui_save(struct ui *u, bool as)
{
	char path[PATH_MAX];
	if (!as && u->readonly && ui_ro_reason(u, u->path, false))
		return false;
	if (!as && u->readonly) {
		ui_alert(u,
		       _("%s is open read-only (another soem has it, or it cannot be locked): Save is refused. Save as (Alt-w) saves a copy under another name."),
		       u->path ? u->path : "");
		return false;
	}
	if (as || !u->path) {
		char propose[PATH_MAX];
		if (u->path && u->readonly)
			/* a course file the user may not change: a copy in
			 * the user's own home folder */
			snprintf(propose, sizeof propose, "~/%s",
				 ui_base_name(u->path));
		else if (u->path)
			snprintf(propose, sizeof propose, "%s", u->path);
		else
			default_name(u, propose, sizeof propose);
		if (!ui_ask_new_name(u, as ? _("Save as") : _("Save"), propose,
				     path, sizeof path))
			return false;
	} else {
		snprintf(path, sizeof path, "%s", u->path);
	}
	return ui_save_to(u, path);
}

/* true when it is all right to drop the calculation in memory. */
static bool may_discard(struct ui *u, const char *question)
{
	if (!u->calc || !u->dirty)
		return true;
	int k = ui_ask(u, question, "ync",
		       _("y: save first   n: do not save   c or Esc: cancel"));
	if (k == 'c')
		return false;
	if (k == 'y')
		return ui_save(u, false);
	return true;
}

static void do_quit(struct ui *u)
{
	if (may_discard(u, _("Save the changes before quitting?")))
		u->quit = true;
}

/* Recovered: what to do next; a schedule kept without its start year
 * (soem_calc_load_autosave) is named, as saving refuses it. */
static void recovered_msg(struct ui *u, const char *what)
{
	const char *svc = NULL;
	if (u->calc && soem_calc_sched_needs_start(u->calc, &svc))
		ui_msg(u, false,
		       _("Recovered the unsaved work of %s. The price schedule of '%s' needs the start year: give it on step 1, then save with Ctrl-S."),
		       what, svc ? svc : "");
	else
		ui_msg(u, false,
		       _("Recovered the unsaved work of %s. Save it with Ctrl-S."),
		       what);
}

bool ui_open_calc(struct ui *u, const char *load_from, const char *path,
		  const char *recovered, bool offer)
{
	if (!may_discard(u, _("Save the changes to this calculation first?")))
		return false;
	soem_err err = { 0 };
	soem_warnings warn = { 0 };
	soem_calc *c = NULL;
	const soem_kb *kb = NULL;
	/* an autosave (recovered == load_from) may hold what the wizard
	   allows but a file may not: a schedule without the start year */
	int lrc = recovered && strcmp(recovered, load_from) == 0
		? soem_calc_load_autosave(load_from, &u->kbs,
					  default_profile(u), &c, &kb, &warn,
					  &err)
		: soem_calc_load(load_from, &u->kbs, default_profile(u), &c,
				 &kb, &warn, &err);
	if (lrc != 0) {
		ui_msg(u, true, "%s", err.msg);
		soem_warnings_free(&warn);
		return false;
	}
	/* the file's lock; another soem's: read-only or not at all */
	soem_lock lk = { .fd = -1, .path = NULL };
	bool ro = false;
	if (path && !ui_lock_for_open(u, path, &lk, &ro)) {
		soem_calc_free(&c);
		soem_warnings_free(&warn);
		return false;
	}
	char *rec = recovered ? xstrdup(recovered) : NULL;
	if (!rec && offer && path && !ro &&
	    (rec = ui_recover_ask(u, path)) != NULL) {
		soem_calc *rc = NULL;
		const soem_kb *rkb = NULL;
		soem_err rerr = { 0 };
		soem_warnings rwarn = { 0 };
		if (soem_calc_load_autosave(rec, &u->kbs, default_profile(u),
					    &rc, &rkb, &rwarn, &rerr) == 0) {
			soem_calc_free(&c);
			c = rc;
			kb = rkb;
			soem_warnings_free(&warn);
			warn = rwarn;
		} else {
			soem_warnings_free(&rwarn);
			ui_msg(u, true, "%s", rerr.msg);
			free(rec);
			rec = NULL;
		}
	}
	char *keep = path ? xstrdup(path) : NULL;
	ui_session_leave(u);
	calc_replace(u, c, kb, keep);
	ui_session_enter(u, &lk, ro);
	if (rec) {
		ui_session_adopt(u, rec);
		u->dirty = true;
		if (!ro)
			recovered_msg(u, keep ? keep : _("a new calculation"));
	} else if (!ro) {
		if (warn.n)
			ui_msg(u, false, "%s", warn.msg[0]);
		else
			ui_msg(u, false, _("Opened %s."), load_from);
	}
	free(rec);
	free(keep);
	soem_warnings_free(&warn);
	ui_goto(u, SOEM_STEP_INTERVENTION);
	return true;
}

bool ui_open_file(struct ui *u, const char *path, bool as_untitled)
{
	return ui_open_calc(u, path, as_untitled ? NULL : path, NULL, true);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void ui_open_dialog(struct ui *u)
{
	/* the calculation files in the current directory, and "type a name" */
	char **files = NULL;
	size_t n = 0, cap = 0;
	DIR *d = opendir(".");
	if (d) {
		struct dirent *de;
		while ((de = readdir(d)) && n < 500) {
			size_t l = strlen(de->d_name);
			if (de->d_name[0] == '.' || l < 6 ||
			    (strcmp(de->d_name + l - 5, ".yaml") != 0 &&
			     strcmp(de->d_name + l - 4, ".yml") != 0))
				continue;
			xgrow((void **)&files, &cap, n + 1, sizeof *files);
			files[n++] = xstrdup(de->d_name);
		}
		closedir(d);
	}
	if (n)
		qsort(files, n, sizeof *files, cmp_str);
	const char **items = xcalloc(n + 1, sizeof *items);
	items[0] = _("Type a file name...");
	for (size_t i = 0; i < n; i++)
		items[i + 1] = files[i];
	int i = ui_pick(u, _("Open a calculation"), items, (int)n + 1,
			n ? 1 : 0, true,
			_("Files in the current directory; type to search."));
	char path[PATH_MAX] = "";
	bool go = false;
	if (i == 0) {
		go = ui_prompt(u, _("Open"), _("File name:"), path, sizeof path) &&
		     path[0];
	} else if (i > 0) {
		snprintf(path, sizeof path, "%s", files[i - 1]);
		go = true;
	}
	for (size_t k = 0; k < n; k++)
		free(files[k]);
	free(files);
	free(items);
	if (go)
		ui_open_file(u, path, false);
}

const char *ui_examples_dir(void)
{
	const char *dir = soem_data_dir("examples");
	return access(dir, R_OK | X_OK) == 0 ? dir : NULL;
}

/* The example calculations (*.soem.yaml in the examples directory),
 * sorted; caller frees each and the array. */
static size_t example_files(char ***out)
{
	char **files = NULL;
	size_t n = 0, cap = 0;
	const char *dir = ui_examples_dir();
	DIR *d = dir ? opendir(dir) : NULL;
	if (d) {
		struct dirent *de;
		while ((de = readdir(d)) && n < 100) {
			size_t l = strlen(de->d_name);
			if (de->d_name[0] == '.' || l < 10 ||
			    strcmp(de->d_name + l - 10, ".soem.yaml") != 0)
				continue;
			xgrow((void **)&files, &cap, n + 1, sizeof *files);
			files[n++] = xstrdup(de->d_name);
		}
		closedir(d);
	}
	if (n)
		qsort(files, n, sizeof *files, cmp_str);
	*out = files;
	return n;
}

bool ui_have_examples(void)
{
	char **files;
	size_t n = example_files(&files);
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);
	return n > 0;
}

void ui_open_example(struct ui *u)
{
	char **files;
	size_t n = example_files(&files);
	if (!n)
		return;
	int i = ui_pick(u, _("Open an example calculation"),
			(const char *const *)files, (int)n, 0, false,
			_("Saving asks for a new file name: the example stays as it is."));
	if (i >= 0) {
		char path[PATH_MAX];
		snprintf(path, sizeof path, "%s/%s", ui_examples_dir(), files[i]);
		ui_open_file(u, path, true);
	}
	for (size_t k = 0; k < n; k++)
		free(files[k]);
	free(files);
}

/* ---------------------------------------------------------------------
 * Global actions
 */

static void do_notes(struct ui *u)
{
	const char *key = soem_step_name((enum soem_step)u->step);
	char buf[4096];
	const char *old = soem_calc_note(u->calc, key);
	snprintf(buf, sizeof buf, "%s", old ? old : "");
	char label[300];
	snprintf(label, sizeof label,
		 _("Note for the step %s: why these figures, what you assumed (saved in the file)."),
		 _(ui_steps[u->step].title));
	if (!ui_prompt_long(u, _("Note"), label, buf, sizeof buf))
		return;
	if (strcmp(buf, old ? old : "") == 0)
		return;
	soem_calc_set_note(u->calc, key, buf);
	ui_changed(u, true);
}

static void do_goto(struct ui *u)
{
	char names[SOEM_STEP_COUNT][160];
	const char *items[SOEM_STEP_COUNT];
	for (int s = 0; s < SOEM_STEP_COUNT; s++) {
		size_t miss = soem_issues_count(&u->issues, (enum soem_step)s,
						SOEM_ISSUE_MISSING);
		snprintf(names[s], sizeof names[s], "%d  %s%s", s + 1,
			 _(ui_steps[s].title),
			 miss ? _("  (something is missing)") : "");
		items[s] = names[s];
	}
	int s = ui_pick(u, _("Go to step"), items, SOEM_STEP_COUNT, u->step,
			false, _("Press the step's number, or choose and Enter."));
	if (s >= 0)
		ui_goto(u, s);
}

static void global_action(struct ui *u, enum ui_act a)
{
	switch (a) {
	case ACT_HELP:
		if (u->screen == SCR_STEP && u->calc) {
			char t[200];
			snprintf(t, sizeof t, "%s: %s", _("Help"),
				 _(ui_steps[u->step].title));
			const char *g = group_help[u->step];
			char *guide = g ? xasprintf("%s %s",
						    _(ui_steps[u->step].guide),
						    _(g))
					: xstrdup(_(ui_steps[u->step].guide));
			ui_help(u, ui_scope(u), t, guide);
			free(guide);
		} else {
			ui_help(u, ui_scope(u), _("Help"), NULL);
		}
		break;
	case ACT_NEXT_STEP:
		if (u->step + 1 < SOEM_STEP_COUNT)
			ui_goto(u, u->step + 1);
		else
			ui_msg(u, false, "%s",
			       _("This is the last step. Save with Ctrl-S."));
		break;
	case ACT_PREV_STEP:
		if (u->step > 0)
			ui_goto(u, u->step - 1);
		else
			ui_msg(u, false, "%s", _("This is the first step."));
		break;
	case ACT_GOTO_STEP:
		do_goto(u);
		break;
	case ACT_NOTES:
		do_notes(u);
		break;
	case ACT_SAVE:
		ui_save(u, false);
		break;
	case ACT_SAVE_AS:
		ui_save(u, true);
		break;
	case ACT_OPEN:
		ui_open_dialog(u);
		break;
	case ACT_QUIT:
		do_quit(u);
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	default:
		break;
	}
}

/* A value typed into a table cell is done: give it to the step. */
static void edit_done(struct ui *u, enum ui_edit_end end, int ch,
		      bool is_key)
{
	int s = u->ed.step;
	if (s == UI_ED_DESIGN) {
		ui_design_edit_done(u, end);
		return;
	}
	u->ed.active = false;
	if (end == ED_CANCEL || s < 0 || !ui_steps[s].grid)
		return;
	const struct ui_griddef *def = ui_steps[s].grid(u, &u->view[s]);
	const char *why = NULL;
	char text[sizeof u->ed.buf];
	snprintf(text, sizeof text, "%s", u->ed.buf);
	bool ok = def->commit && u->ed.r < def->nrows &&
		  def->commit(u, def->view, u->ed.r, u->ed.c, text, &why);
	if (!ok) {
		ui_msg(u, true, _("\"%s\" refused: %s; the old value stays."),
		       text, why ? why : _("not a valid value here"));
		return;
	}
	ui_changed(u, true);
	if (u->read_note[0]) {
		/* SPEC 5.3: the line under the field says how it was read */
		ui_msg(u, false, "%s", u->read_note);
		u->read_note[0] = '\0';
	}
	def = ui_steps[s].grid(u, &u->view[s]);
	struct ui_grid *g = &u->view[s].grid;
	switch (end) {
	/* Enter keeps the value and goes on to the next field, as in
	 * every form: the next row of a form (its low and high are asides),
	 * the next column of a table */
	case ED_COMMIT:
		ui_grid_key(u, def, g, def->span ? ACT_DOWN : ACT_TAB, 0, false);
		break;
	case ED_COMMIT_NEXT: ui_grid_key(u, def, g, ACT_TAB, 0, false); break;
	case ED_COMMIT_PREV: ui_grid_key(u, def, g, ACT_BTAB, 0, false); break;
	case ED_COMMIT_UP: ui_grid_key(u, def, g, ACT_UP, 0, false); break;
	case ED_COMMIT_DOWN: ui_grid_key(u, def, g, ACT_DOWN, 0, false); break;
	default: break;
	}
	(void)ch;
	(void)is_key;
}

/* Alt and a letter (Esc and the letter at once), or Esc and then the
 * letter within ESC_PREFIX_MS on a step: UI_META(letter), a command key
 * that no terminal multiplexer or browser takes (keys.c). */
#define ESC_PREFIX_MS 2000
static void meta_key(struct ui *u, int *ch, bool *is_key, long long *esc_at)
{
	long long armed = *esc_at;
	*esc_at = -1;
	if (*is_key)
		return;
	if (*ch == 27) {
		WINDOW *w = u->wmain ? u->wmain : stdscr;
		wint_t c2 = 0;
		wtimeout(w, 0);
		int rc = wget_wch(w, &c2);
		wtimeout(w, -1);
		if (rc == OK && c2 > ' ' && c2 < 127) {
			*ch = UI_META((int)c2);
			*is_key = true;
			return;
		}
		if (rc == KEY_CODE_YES)
			ungetch((int)c2);
		else if (rc == OK)
			unget_wch((wchar_t)c2);
		/* a lone Esc cancels editing; elsewhere on a step the next
		 * letter may follow it as a command (not where letters type:
		 * a text field, the target group's search) */
		if (!u->ed.active && u->screen == SCR_STEP && !u->text_focus)
			*esc_at = clock_ms();
		return;
	}
	if (armed >= 0 && *ch > ' ' && *ch < 127 &&
	    clock_ms() - armed <= ESC_PREFIX_MS &&
	    ui_key_action(u, UI_META(*ch), true, ui_scope(u)) != ACT_NONE) {
		*ch = UI_META(*ch);
		*is_key = true;
	}
}

static void dispatch(struct ui *u, int ch, bool is_key)
{
	if (u->ed.active) {
		enum ui_edit_end end = ui_edit_key(&u->ed, ch, is_key);
		if (end == ED_GOING)
			return;
		edit_done(u, end, ch, is_key);
		if (end != ED_COMMIT_PASS || u->ed.active || u->msg_error)
			return;
	}
	unsigned scope = ui_scope(u);
	enum ui_act a = ui_key_action(u, ch, is_key, scope);
	if (u->screen == SCR_DESIGN) {
		if (!ui_design_key(u, a, ch, is_key))
			global_action(u, a);
		return;
	}
	if (u->screen == SCR_START || !u->calc) {
		if (!ui_start_key(u, a, ch, is_key))
			global_action(u, a);
		return;
	}
	const struct ui_step *st = &ui_steps[u->step];
	struct ui_view *v = &u->view[u->step];
	bool up_from;
	if (ui_gbar_key(u, a, ch, is_key, &up_from))
		return;
	if (up_from) {
		/* Up on the step's first row reaches the group bar */
		int before = ui_gbar_pos(u);
		if (!(st->key && st->key(u, v, a, ch, is_key)) && st->grid)
			ui_grid_key(u, st->grid(u, v), &v->grid, a, ch, is_key);
		ui_gbar_after_up(u, before);
		return;
	}
	if (st->key && st->key(u, v, a, ch, is_key))
		return;
	if (st->grid && ui_grid_key(u, st->grid(u, v), &v->grid, a, ch, is_key))
		return;
	if (a == ACT_CANCEL)
		return;
	global_action(u, a);
}

/* ---------------------------------------------------------------------
 * The entry point
 */

/* Messages before curses starts, as the headless commands print them. */
static void print_error(const char *msg)
{
	fputs("soem: ", stderr);
	soem_term_write(stderr, msg);
	fputc('\n', stderr);
}

static void print_warning(const char *msg)
{
	fprintf(stderr, _("soem: warning: %s\n"), soem_term_tmp(msg));
}

/* The warnings of loading the databases, on the message line: a file
 * that does not load first (SPEC §3.3), else the first warning. */
static void kb_warnings_show(struct ui *u, const soem_warnings *w)
{
	if (u->kbs.nbroken)
		ui_msg(u, true,
		       P_("%zu database file does not load and is skipped: %s",
			  "%zu database files do not load and are skipped; the first: %s",
			  u->kbs.nbroken),
		       u->kbs.nbroken, u->kbs.broken[0].msg);
	else if (w->n)
		ui_msg(u, false, "%s", w->msg[0]);
}

static int load_first(struct ui *u, const char *path, int step,
		      bool *is_new)
{
	*is_new = false;
	struct stat st;
	if (stat(path, &st) != 0 && errno == ENOENT) {
		*is_new = true;
		u->path = xstrdup(path);
		return 0;
	}
	soem_err err = { 0 };
	soem_warnings warn = { 0 };
	soem_calc *c = NULL;
	const soem_kb *kb = NULL;
	int rc = soem_calc_load(path, &u->kbs, default_profile(u), &c, &kb,
				&warn, &err);
	if (rc) {
		for (size_t i = 0; i < warn.n; i++)
			print_warning(warn.msg[i]);
		print_error(err.msg);
		soem_warnings_free(&warn);
		return rc;
	}
	calc_replace(u, c, kb, path);
	if (warn.n)
		ui_msg(u, false, "%s", warn.msg[0]);
	soem_warnings_free(&warn);
	u->screen = SCR_STEP;
	u->step = step;
	return 0;
}

/* After curses started with a file from the command line (loaded by
 * load_first, or new): its lock, and an autosave of it to recover. */
static void open_first(struct ui *u, int step, bool *is_new)
{
	soem_lock lk = { .fd = -1, .path = NULL };
	bool ro = false;
	if (!ui_lock_for_open(u, u->path, &lk, &ro)) {
		/* not opened: the start screen */
		calc_replace(u, NULL, NULL, NULL);
		u->screen = SCR_START;
		*is_new = false;
		return;
	}
	ui_session_enter(u, &lk, ro);
	char *rec = ro ? NULL : ui_recover_ask(u, u->path);
	if (!rec)
		return;
	soem_calc *c = NULL;
	const soem_kb *kb = NULL;
	soem_err err = { 0 };
	if (soem_calc_load_autosave(rec, &u->kbs, default_profile(u), &c, &kb,
				    NULL, &err) != 0) {
		ui_msg(u, true, "%s", err.msg);
		free(rec);
		return;
	}
	char *keep = xstrdup(u->path);
	calc_replace(u, c, kb, keep);
	ui_session_adopt(u, rec);
	u->dirty = true;
	u->screen = SCR_STEP;
	u->step = step;
	*is_new = false;
	recovered_msg(u, keep);
	free(keep);
	free(rec);
}

static void ui_free(struct ui *u)
{
	for (int s = 0; s < SOEM_STEP_COUNT; s++)
		if (ui_steps[s].cleanup)
			ui_steps[s].cleanup(&u->view[s]);
	ui_design_cleanup(u);
	free(u->guide_drawn.guide);
	ui_unc_cleanup(u);
	soem_result_free(&u->res);
	free(u->svc_cons);
	soem_problem_free(&u->pb);
	soem_calc_free(&u->calc);
	free(u->path);
	free(u->scenario_of);
	soem_lock_release(&u->lock);
	soem_lock_release(&u->as_lock);
	free(u->as_path);
	soem_kbset_free(&u->kbs);
	if (u->ic != (iconv_t)-1 && u->ic)
		iconv_close(u->ic);
}

/* Says on stderr that the wizard cannot run on $TERM: it cannot move
 * the cursor (no_cursor), or terminfo or newterm does not know it. */
static void term_refused(bool no_cursor)
{
	const char *t = getenv("TERM");
	if (no_cursor)
		fprintf(stderr,
			_("soem: the terminal type '%s' cannot move the cursor, which the wizard needs; use 'soem calc FILE' for a report without it, or set TERM (for example TERM=xterm-256color)\n"),
			soem_term_tmp(t ? t : ""));
	else
		fprintf(stderr,
			_("soem: cannot use the terminal type '%s' (try TERM=xterm-256color)\n"),
			soem_term_tmp(t ? t : ""));
}

int soem_ui_run(const soem_ui_settings *s)
{
	/* The wizard's state (41 kB) is static, not on the stack: the
	 * pages of it that are never written (the issues, views of steps
	 * not shown, long message buffers) then never use memory, where
	 * clearing it on the stack made every page of it the process's
	 * own (issue 18: memory per user).  Zero at the first run. */
	static struct ui u;
	static bool ran;
	if (ran)
		memset(&u, 0, sizeof u);
	ran = true;
	u.set = s;
	u.view[SOEM_STEP_TARGET].target.area = -1;
	u.ic = (iconv_t)-1;
	u.ed.step = -1;
	u.lock.fd = -1;
	u.as_lock.fd = -1;

	int step = 0;
	if (s->step) {
		step = soem_step_parse(s->step);
		if (step < 0) {
			fprintf(stderr,
				_("soem: --step takes intervention, target, effect, costs, consequences, prices or results, not '%s'\n"),
				s->step);
			return SOEM_EX_USAGE;
		}
	}
	if (s->nfiles > 1) {
		fputs(_("soem: the wizard opens one calculation file at a time (see soem --help)\n"),
		      stderr);
		return SOEM_EX_USAGE;
	}
	if (s->copy && s->nfiles != 1) {
		fputs(_("soem: --copy needs the calculation file to copy: soem --copy FILE\n"),
		      stderr);
		return SOEM_EX_USAGE;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs(_("soem: the wizard needs a terminal; to compute a file without one, use 'soem calc FILE'\n"),
		      stderr);
		return SOEM_EX_USAGE;
	}
	/* TERM=dumb (an editor's shell, a serial console without a type)
	 * cannot address the cursor: say so rather than show nothing; a
	 * type terminfo does not know is said before newterm too, which
	 * would leave its half-made screen behind */
	bool alt_screen = true;
	int caps = ui_term_probe(&alt_screen);
	if (caps != 1) {
		term_refused(caps == 0);
		return SOEM_EX_USAGE;
	}
	/* a database file that does not load is skipped (SPEC §3.3); the
	 * warnings are shown on the screen, where they are seen */
	soem_warnings kbwarn = { 0 };
	int rc = s->load_kbs(s->load_kbs_ctx, &u.kbs, &kbwarn);
	if (rc) {
		soem_warnings_free(&kbwarn);
		return rc;
	}
	if (u.kbs.n == 0) {
		for (size_t i = 0; i < kbwarn.n; i++)
			print_warning(kbwarn.msg[i]);
		soem_warnings_free(&kbwarn);
		print_error(_("no knowledge-database profile was found (see --kb)"));
		soem_kbset_free(&u.kbs);
		return SOEM_EX_NOINPUT;
	}
	bool is_new = false;
	if (s->nfiles == 1 &&
	    (rc = load_first(&u, s->files[0], step, &is_new)) == 0 &&
	    is_new && s->copy) {
		/* a copy of a file that is not there */
		char *m = xasprintf(_("%s: cannot open: %s"), s->files[0],
				    strerror(ENOENT));
		print_error(m);
		free(m);
		rc = SOEM_EX_NOINPUT;
	}
	if (rc) {
		/* the file is not opened: the warnings may say why */
		for (size_t i = 0; i < kbwarn.n; i++)
			print_warning(kbwarn.msg[i]);
		soem_warnings_free(&kbwarn);
		ui_free(&u);
		return rc;
	}

	signals_install();
	/* ncurses draws the line-drawing (ACS) characters of a UTF-8 locale
	 * with the terminal's alternate character set, which shows "lqqk"
	 * under TERM=xterm-256color in tmux or in PuTTY; Unicode works
	 * everywhere (a user's own setting wins) */
	const char *cs0 = nl_langinfo(CODESET);
	if (cs0 && (strcmp(cs0, "UTF-8") == 0 || strcmp(cs0, "utf8") == 0))
		setenv("NCURSES_NO_UTF8_ACS", "1", 0);
	u.scr = newterm(NULL, stdout, stdin);
	if (!u.scr) {
		term_refused(false);
		soem_warnings_free(&kbwarn);
		ui_free(&u);
		return SOEM_EX_USAGE;
	}
	set_term(u.scr);
	/* Esc means "cancel": do not wait ncurses' default second for the
	 * rest of an escape sequence (ESCDELAY in the environment wins) */
	if (!getenv("ESCDELAY"))
		set_escdelay(100);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	const char *cs = nl_langinfo(CODESET);
	u.utf8 = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
	/* --ascii, or the configuration's ascii = yes|no, else the locale */
	u.ascii = s->ascii == SOEM_UI_ON ||
		  (s->ascii != SOEM_UI_OFF && !u.utf8);
	ui_screen_init(&u);
	ui_layout(&u);

	if (u.path && s->copy) {
		/* --copy: the file as read, then a private copy of it */
		char *src = xstrdup(u.path);
		calc_replace(&u, NULL, NULL, NULL);
		u.screen = SCR_START;
		if (ui_open_copy(&u, src))
			u.step = step;
		free(src);
	} else if (u.path)
		open_first(&u, step, &is_new);
	else if (ui_recover_count(&u, true) > 0)
		ui_recover_dialog(&u); /* work left by an earlier session */
	if (is_new) {
		if (!ui_new_calc(&u, NULL)) {
			ui_session_leave(&u);
			free(u.path);
			u.path = NULL;
		} else {
			u.screen = SCR_STEP;
			u.step = step;
		}
	}
	if (u.calc)
		ui_goto(&u, u.screen == SCR_STEP ? u.step : 0);
	if (!u.msg[0])
		kb_warnings_show(&u, &kbwarn);
	/* once: LANG names a locale this machine does not have */
	if (!u.msg[0] && s->missing_locale)
		ui_msg(&u, false,
		       _("The locale %s is not installed on this machine; soem uses its own translation"),
		       s->missing_locale);
	soem_warnings_free(&kbwarn);

	/* ncurses reading terminfo and the first file with its profile ran
	 * the stack some 100 kB deep; the session runs a few pages deep:
	 * the rest goes back (issue 18: memory per user) */
	soem_stack_trim();
	u.running = true;
	long long esc_at = -1; /* when a lone Esc was pressed (ms) */
	while (!u.quit && !u.hangup) {
		if (want_quit) {
			/* SIGINT: ask, and offer to save what changed */
			want_quit = false;
			if (u.calc && u.dirty)
				do_quit(&u);
			else if (ui_ask(&u, _("Quit soem?"), "yn",
					_("y: quit   n or Esc: stay")) == 'y')
				u.quit = true;
			continue;
		}
		ui_refresh(&u);
		int ch;
		bool is_key;
		int r = ui_getkey(&u, u.small || !u.wmain ? stdscr : u.wmain,
				  &ch, &is_key);
		if (ui_check_signals(&u, r))
			break;
		if (r == ERR)
			continue;
		if (is_key && ch == KEY_RESIZE) {
			ui_layout(&u);
			clearok(curscr, TRUE);
			continue;
		}
		if (u.small) {
			/* only leaving works below the minimum size */
			if (!is_key && (ch == CTRL('Q') || ch == CTRL('C')))
				do_quit(&u);
			continue;
		}
		u.msg[0] = '\0';
		meta_key(&u, &ch, &is_key, &esc_at);
		dispatch(&u, ch, is_key);
	}
	if (u.hangup) {
		/* Leave the dead terminal's session first: a hang-up sends
		 * SIGHUP and SIGCONT to the whole group, and more may follow
		 * while we save and exit.  (Without this, a SIGCONT arriving
		 * during LeakSanitizer's exit-time stop of a sanitizer build
		 * leaves the process spinning.)  setsid fails harmlessly when
		 * soem already leads its process group. */
		signal(SIGHUP, SIG_IGN);
		(void)setsid();
		emergency_save(&u);
	} else
		ui_session_leave(&u); /* quit on purpose: no autosave stays */
	WINDOW **ws[] = { &u.wtitle, &u.wtabs, &u.wmain, &u.wsep, &u.wguide,
			  &u.wmsg, &u.wkeys };
	for (size_t i = 0; i < sizeof ws / sizeof ws[0]; i++)
		if (*ws[i]) {
			delwin(*ws[i]);
			*ws[i] = NULL;
		}
	endwin();
	/* vt100, linux: no alternate screen to go back to, so the wizard's
	 * last screen would stay under the shell's prompt */
	if (!alt_screen)
		ui_term_clear_after();
	delscreen(u.scr);
	if (u.hangup && u.emergency[0]) {
		/* names a file: through the terminal sink */
		soem_term_write(stderr, u.emergency);
		fputc('\n', stderr);
	}
	rc = u.hangup ? u.exit_code : 0;
	ui_free(&u);
	return rc;
}
