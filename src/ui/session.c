/* session.c - keeping the work safe (SPEC §5.4): the autosave of the
 * open calculation, the emergency save on a hang-up, the lock of the open
 * file, and the recovery of what an earlier session left behind.
 *
 * The autosave is written when the calculation changed since the last
 * one: every [autosave] interval seconds (the main loop waits for a key
 * at most until then, so an idle wizard does not wake up), on every step
 * change, and on a hang-up.  It is removed when the calculation is saved
 * or left on purpose ("do not save"); only crashes and hang-ups leave one
 * behind.  Each session holds a lock on its own autosave (the file's name
 * plus ".lock", in the private autosave directory), so that another soem
 * of the same user neither offers it for recovery nor discards it while
 * it is in use.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "session/autosave.h"
#include "store/atomic.h"
#include "io/calc_io.h"
#include "ui/uipriv.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

const char *ui_when(const struct ui *u, time_t t, char *b, size_t n)
{
	const char *l = u->set && u->set->ui_lang ? u->set->ui_lang : "en";
	struct tm tm;
	size_t r = 0;
	if (localtime_r(&t, &tm)) {
		if (strcmp(l, "da") == 0)
			r = strftime(b, n, "%d.%m.%Y kl. %H.%M", &tm);
		else if (strcmp(l, "sv") == 0)
			r = strftime(b, n, "%Y-%m-%d kl. %H.%M", &tm);
		else
			r = strftime(b, n, "%Y-%m-%d %H:%M", &tm);
	}
	if (r == 0)
		snprintf(b, n, "?");
	return b;
}

bool ui_same_file(const char *a, const char *b)
{
	if (!a || !b)
		return false;
	if (strcmp(a, b) == 0)
		return true;
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

void ui_alert(struct ui *u, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(u->msg, sizeof u->msg, fmt, ap);
	va_end(ap);
	u->msg_error = true;
	if (u->hangup)
		return;
	char text[sizeof u->msg];
	snprintf(text, sizeof text, "%s", u->msg);
	ui_ask(u, text, "\n", _("Enter: OK"));
	/* the message line keeps it after the popup */
	snprintf(u->msg, sizeof u->msg, "%s", text);
	u->msg_error = true;
}

static void lock_clear(soem_lock *lk)
{
	lk->fd = -1;
	lk->path = NULL;
}

/* ---------------------------------------------------------------------
 * The autosave
 */

/* Whether another running soem (of this user) holds the autosave at p. */
static bool as_in_use(const char *p)
{
	soem_lock lk;
	soem_err err = { 0 };
	int rc = soem_lock_take(p, &lk, NULL, &err);
	if (rc == 0)
		soem_lock_release(&lk);
	return rc == SOEM_LOCK_HELD;
}

/* Removes the autosave at p unless a running soem holds it. */
static void as_discard(const char *p)
{
	soem_lock lk;
	soem_err err = { 0 };
	int rc = soem_lock_take(p, &lk, NULL, &err);
	if (rc == SOEM_LOCK_HELD)
		return;
	unlink(p);
	if (rc == 0)
		soem_lock_release(&lk);
}

/* Whether the autosave at p records calc_path as its file. */
static bool as_belongs(const char *p, const char *calc_path)
{
	char *o = soem_autosave_origin(p);
	char *a = soem_autosave_abs(calc_path);
	bool same = o && strcmp(o, a) == 0;
	free(o);
	free(a);
	return same;
}

/* Chooses this session's autosave file (named after the calculation's
 * file; untitled in read-only mode, where the owner's session has that
 * name) and locks it. */
static int as_choose(struct ui *u, soem_err *err)
{
	if (u->as_path)
		return 0;
	char *dir = NULL;
	int rc = soem_autosave_dir(&dir, err);
	if (rc)
		return rc;
	const char *named = !u->readonly && u->path ? u->path : NULL;
	if (!u->started)
		u->started = time(NULL);
	for (int i = 0; i < 100; i++) {
		char *p = soem_autosave_path(dir, named,
					     u->started + (named ? 0 : i));
		soem_lock lk;
		soem_err e = { 0 };
		int lrc = soem_lock_take(p, &lk, NULL, &e);
		struct stat st;
		if (lrc == 0 && named && lstat(p, &st) == 0 &&
		    !as_belongs(p, named)) {
			/* another file's autosave with the same hash: it is
			 * not written over */
			soem_lock_release(&lk);
			free(p);
			named = NULL;
			continue;
		}
		if (lrc == 0 && (named || lstat(p, &st) != 0)) {
			u->as_path = p;
			u->as_lock = lk;
			u->as_named = named != NULL;
			free(dir);
			return 0;
		}
		if (lrc == 0) {
			/* an untitled autosave of that second is there
			 * already: not ours */
			soem_lock_release(&lk);
		} else if (lrc != SOEM_LOCK_HELD) {
			/* no lock in our own directory: write all the same,
			 * the write says what is wrong */
			u->as_path = p;
			lock_clear(&u->as_lock);
			u->as_named = named != NULL;
			free(dir);
			return 0;
		}
		free(p);
		/* another session of ours keeps the file's name */
		named = NULL;
	}
	free(dir);
	return soem_err_set(err, SOEM_EX_CANTCREAT, "%s",
			    _("no free name for the autosave"));
}

int ui_autosave(struct ui *u, bool force)
{
	if (!u->calc || (!u->as_pending && !force))
		return 0;
	soem_err err = { 0 };
	int rc = as_choose(u, &err);
	if (!rc) {
		char *origin = u->as_named && u->path
				       ? soem_autosave_abs(u->path)
				       : NULL;
		rc = soem_autosave_write(u->as_path, u->calc, origin, &err);
		free(origin);
	}
	u->as_last = now_ms();
	if (rc) {
		/* say it once, not at every attempt */
		if (strcmp(u->as_err, err.msg) != 0) {
			snprintf(u->as_err, sizeof u->as_err, "%s", err.msg);
			ui_msg(u, true, _("Autosave failed: %s"), err.msg);
		}
		return rc;
	}
	u->as_err[0] = '\0';
	u->as_pending = false;
	u->as_mine = true;
	return 0;
}

static long interval(const struct ui *u)
{
	return u->set->autosave_interval;
}

void ui_autosave_tick(struct ui *u)
{
	long iv = interval(u);
	if (iv <= 0 || !u->as_pending || !u->calc || u->hangup)
		return;
	if (now_ms() - u->as_last >= (long long)iv * 1000)
		ui_autosave(u, false);
}

int ui_autosave_wait(const struct ui *u)
{
	long iv = interval(u);
	if (iv <= 0 || !u->as_pending || !u->calc)
		return -1;
	long long d = u->as_last + (long long)iv * 1000 - now_ms();
	if (d < 0)
		return 0;
	return d > INT_MAX ? INT_MAX : (int)d;
}

void ui_autosave_forget(struct ui *u)
{
	if (u->as_path && u->as_mine)
		unlink(u->as_path);
	soem_lock_release(&u->as_lock);
	free(u->as_path);
	u->as_path = NULL;
	u->as_mine = false;
	u->as_named = false;
	u->as_pending = false;
	u->as_err[0] = '\0';
	u->as_last = now_ms();
}

void ui_session_leave(struct ui *u)
{
	ui_autosave_forget(u);
	soem_lock_release(&u->lock);
	u->readonly = false;
}

void ui_session_enter(struct ui *u, soem_lock *lk, bool readonly)
{
	soem_lock_release(&u->lock);
	u->lock = *lk;
	lock_clear(lk);
	u->readonly = readonly;
	u->started = time(NULL);
	u->as_last = now_ms();
}

void ui_session_adopt(struct ui *u, const char *as_path)
{
	soem_lock lk;
	soem_err err = { 0 };
	int rc = soem_lock_take(as_path, &lk, NULL, &err);
	if (rc == SOEM_LOCK_HELD) {
		/* in use after all: leave it, write a new one */
		u->as_pending = true;
		return;
	}
	if (rc)
		lock_clear(&lk);
	soem_lock_release(&u->as_lock);
	free(u->as_path);
	u->as_path = xstrdup(as_path);
	u->as_lock = lk;
	u->as_mine = true;
	/* recovered as the work of u->path (its recorded file), or as
	 * untitled work */
	u->as_named = u->path && !u->readonly;
	u->as_pending = false;
}

void ui_emergency_save(struct ui *u)
{
	/* the value being typed: into the model when it is a valid one */
	if (u->calc && u->ed.active && u->ed.step >= 0 &&
	    u->ed.step < SOEM_STEP_COUNT && ui_steps[u->ed.step].grid) {
		const struct ui_griddef *def =
			ui_steps[u->ed.step].grid(u, &u->view[u->ed.step]);
		const char *why = NULL;
		char text[sizeof u->ed.buf];
		snprintf(text, sizeof text, "%s", u->ed.buf);
		if (def && def->commit && u->ed.r < def->nrows &&
		    def->commit(u, def->view, u->ed.r, u->ed.c, text, &why)) {
			u->dirty = true;
			u->as_pending = true;
		}
	}
	u->ed.active = false;
	if (u->calc && u->as_pending) {
		char *fb = NULL;
		soem_err ferr = { 0 };
		if (ui_autosave(u, true) == 0)
			snprintf(u->emergency, sizeof u->emergency,
				 _("soem: the work was saved to %s; start soem again to recover it"),
				 u->as_path);
		else if (soem_autosave_fallback(u->readonly ? NULL : u->path,
						u->calc, time(NULL), &fb,
						&ferr) == 0)
			/* the autosave folder cannot be used (a symbolic
			 * link, say): a file of the user's own elsewhere */
			snprintf(u->emergency, sizeof u->emergency,
				 _("soem: the work was saved to %s, because the autosave folder cannot be used (%s); open that file with soem to go on"),
				 fb, u->as_err);
		else
			snprintf(u->emergency, sizeof u->emergency,
				 _("soem: the emergency save failed: %s"),
				 u->as_err);
		free(fb);
	}
	/* the autosave stays; its lock and the file's go */
	soem_lock_release(&u->as_lock);
	soem_lock_release(&u->lock);
}

/* ---------------------------------------------------------------------
 * Locks
 */

static const char *or_q(const char *s)
{
	return s && *s ? s : "?";
}

bool ui_ro_reason(struct ui *u, const char *path, bool opening)
{
	struct stat st;
	if (!path || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return false;
	int why = soem_atomic_replaceable(&st);
	if (why == SOEM_REPLACE_OK)
		return false;
	char who[64];
	if (why == SOEM_REPLACE_NOT_YOURS && opening)
		ui_alert(u,
			 _("%s belongs to %s (uid %ld): opened read-only, so that Save does not replace another user's file. Save as (Alt-w) saves a copy under another name."),
			 path, soem_atomic_user(st.st_uid, who, sizeof who),
			 (long)st.st_uid);
	else if (why == SOEM_REPLACE_NOT_YOURS)
		ui_alert(u,
			 _("%s is open read-only: it belongs to %s (uid %ld). Save is refused; Save as (Alt-w) saves a copy under another name."),
			 path, soem_atomic_user(st.st_uid, who, sizeof who),
			 (long)st.st_uid);
	else if (opening)
		ui_alert(u,
			 _("%s is write-protected (mode %03o): opened read-only. Save as (Alt-w) saves a copy under another name."),
			 path, (unsigned)(st.st_mode & 0777));
	else
		ui_alert(u,
			 _("%s is open read-only: it is write-protected (mode %03o). Save is refused; Save as (Alt-w) saves a copy under another name."),
			 path, (unsigned)(st.st_mode & 0777));
	return true;
}

bool ui_lock_for_open(struct ui *u, const char *path, soem_lock *lk,
		      bool *readonly)
{
	*readonly = false;
	lock_clear(lk);
	/* the calculation open now is this file: its lock is ours */
	if (u->path && u->lock.fd >= 0 && ui_same_file(path, u->path)) {
		*lk = u->lock;
		lock_clear(&u->lock);
		return true;
	}
	/* a file Save may not replace (another user's, or write-protected:
	 * mode bits and owner, not access(), which says yes to root) is
	 * like one that another soem has: read-only, Save as works */
	if (ui_ro_reason(u, path, true))
		return (*readonly = true);
	soem_lock_holder h;
	memset(&h, 0, sizeof h);
	soem_err err = { 0 };
	int rc = soem_lock_take(path, lk, &h, &err);
	if (rc == 0)
		return true;
	lock_clear(lk);
	if (rc == SOEM_LOCK_HELD) {
		char since[64] = "?";
		if (h.since > 0)
			ui_when(u, (time_t)h.since, since, sizeof since);
		char q[2048];
		if (h.known)
			snprintf(q, sizeof q,
				 _("%s is open in another soem: user %s on %s, process %ld, since %s. Open it read-only? You may look and change, but Save is refused; Save as saves a copy under another name."),
				 path, or_q(h.user), or_q(h.host), h.pid,
				 since);
		else
			snprintf(q, sizeof q,
				 _("%s is locked by uid %ld (the lock file's note of who has it cannot be trusted). Open it read-only? You may look and change, but Save is refused; Save as saves a copy under another name."),
				 path, h.uid);
		int k = ui_ask(u, q, "yn",
			       _("y: open read-only   n or Esc: do not open it"));
		if (k != 'y' || u->hangup)
			return false;
		*readonly = true;
		if (h.known)
			ui_msg(u, false,
			       _("Read-only: %s has the file open (%s, process %ld). Save as (Alt-w) saves a copy."),
			       or_q(h.user), or_q(h.host), h.pid);
		else
			ui_msg(u, false,
			       _("Read-only: the file is locked by uid %ld. Save as (Alt-w) saves a copy."),
			       h.uid);
		return true;
	}
	*readonly = true;
	/* another user's lock file (a shared folder): say whose it is, not
	 * only "Permission denied" */
	char *lp = xasprintf("%s.lock", path);
	struct stat ls;
	if (lstat(lp, &ls) == 0 && ls.st_uid != geteuid()) {
		char who[64];
		ui_alert(u,
			 _("%s is in use by %s (uid %ld): the lock file %s is theirs, and soem may not use it (%s). Opened read-only; Save as (Alt-w) saves a copy, for example in your home folder."),
			 path, soem_atomic_user(ls.st_uid, who, sizeof who),
			 (long)ls.st_uid, lp, err.msg);
	} else {
		ui_alert(u,
			 _("%s; opened read-only. Save as (Alt-w) saves a copy elsewhere."),
			 err.msg);
	}
	free(lp);
	return true;
}

bool ui_lock_for_save(struct ui *u, const char *path, soem_lock *lk)
{
	soem_lock_holder h;
	memset(&h, 0, sizeof h);
	soem_err err = { 0 };
	int rc = soem_lock_take(path, lk, &h, &err);
	if (rc == 0)
		return true;
	lock_clear(lk);
	if (rc == SOEM_LOCK_HELD) {
		if (h.known)
			ui_alert(u,
			       _("Not saved: %s is open in another soem (user %s on %s, process %ld). Choose another name."),
			       path, or_q(h.user), or_q(h.host), h.pid);
		else
			ui_alert(u,
			       _("Not saved: %s is locked by uid %ld. Choose another name."),
			       path, h.uid);
		return false;
	}
	if (rc == SOEM_EX_DATAERR) {
		/* a symbolic link planted at FILE.lock */
		ui_alert(u, _("Not saved: %s"), err.msg);
		return false;
	}
	return true; /* the save itself says what is wrong */
}

/* ---------------------------------------------------------------------
 * Recovery
 */

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

char *ui_recover_ask(struct ui *u, const char *path)
{
	char *dir = NULL;
	soem_err err = { 0 };
	if (soem_autosave_dir(&dir, &err) != 0)
		return NULL;
	char *p = soem_autosave_path(dir, path, 0);
	free(dir);
	struct stat st, fst;
	/* only an autosave that records this very file is offered for it */
	if (lstat(p, &st) != 0 || !S_ISREG(st.st_mode) || as_in_use(p) ||
	    !as_belongs(p, path)) {
		free(p);
		return NULL;
	}
	char when[64], q[2048];
	ui_when(u, st.st_mtime, when, sizeof when);
	snprintf(q, sizeof q,
		 _("Unsaved work on %s was kept from an earlier session (autosaved %s)."),
		 path, when);
	if (stat(path, &fst) == 0 && fst.st_mtime > st.st_mtime) {
		size_t l = strlen(q);
		snprintf(q + l, sizeof q - l, " %s",
			 _("The file was saved after that."));
	}
	int k = ui_ask(u, q, "rdo",
		       _("r: recover the unsaved work   d: discard it   o or Esc: open the file as saved"));
	ui_recover_count(u, true);
	if (k == 'r' && !u->hangup)
		return p;
	if (k == 'd' && !u->hangup) {
		as_discard(p);
		ui_recover_count(u, true);
		ui_msg(u, false, "%s", _("The autosave was discarded."));
	}
	free(p);
	return NULL;
}

/* The autosaves no running soem uses, newest first. */
static size_t recover_list(soem_autosave_entry **v)
{
	*v = NULL;
	char *dir = NULL;
	soem_err err = { 0 };
	size_t n = 0;
	if (soem_autosave_dir(&dir, &err) != 0 ||
	    soem_autosave_list(dir, v, &n, &err) != 0) {
		free(dir);
		return 0;
	}
	free(dir);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (as_in_use((*v)[i].path)) {
			free((*v)[i].path);
			free((*v)[i].origin);
			continue;
		}
		(*v)[k++] = (*v)[i];
	}
	return k;
}

int ui_recover_count(struct ui *u, bool refresh)
{
	static int count = -1;
	(void)u;
	if (refresh || count < 0) {
		soem_autosave_entry *v;
		size_t n = recover_list(&v);
		soem_autosave_list_free(v, n);
		count = (int)n;
	}
	return count;
}

void ui_recover_dialog(struct ui *u)
{
	const char *profile = u->set->profile;
	for (;;) {
		soem_autosave_entry *v;
		size_t n = recover_list(&v);
		if (n == 0) {
			soem_autosave_list_free(v, n);
			break;
		}
		char **names = xcalloc(n, sizeof *names);
		char **items = xcalloc(n, sizeof *items);
		for (size_t i = 0; i < n; i++) {
			soem_calc *c = NULL;
			soem_err err = { 0 };
			const char *name = NULL;
			if (soem_calc_load_autosave(v[i].path, &u->kbs, profile,
						    &c, NULL, NULL, &err) == 0 &&
			    c->intervention.name && *c->intervention.name)
				name = c->intervention.name;
			names[i] = xstrdup(name ? name : _("(no name)"));
			soem_calc_free(&c);
			char when[64];
			items[i] = xasprintf("%s  [%s]  %s", names[i],
					     v[i].origin ? base_name(v[i].origin)
					     : v[i].legacy
						     ? _("file not known")
						     : _("not saved yet"),
					     ui_when(u, v[i].when, when,
						     sizeof when));
		}
		int i = ui_pick(u, _("Unsaved work from an earlier session"),
				(const char *const *)items, (int)n, 0, false,
				_("Enter: recover, open or discard it   Esc: not now"));
		bool done = i < 0 || u->hangup;
		if (!done) {
			char when[64], q[2048];
			const soem_autosave_entry *e = &v[i];
			ui_when(u, e->when, when, sizeof when);
			if (e->origin)
				snprintf(q, sizeof q,
					 _("\"%s\" (file %s), autosaved %s."),
					 names[i], e->origin, when);
			else if (e->legacy)
				snprintf(q, sizeof q,
					 _("\"%s\" (kept by an older soem, which did not record the file it belongs to: it opens as a new calculation), autosaved %s."),
					 names[i], when);
			else
				snprintf(q, sizeof q,
					 _("\"%s\" (not saved to a file yet), autosaved %s."),
					 names[i], when);
			int k = e->origin
					? ui_ask(u, q, "rodc",
						 _("r: recover the unsaved work   o: open the file as saved   d: discard it   c or Esc: back"))
					: ui_ask(u, q, "rdc",
						 _("r: recover the unsaved work   d: discard it   c or Esc: back"));
			if (u->hangup)
				done = true;
			else if (k == 'r')
				done = ui_open_calc(u, e->path, e->origin, e->path,
						    false);
			else if (k == 'o')
				done = ui_open_calc(u, e->origin, e->origin, NULL,
						    false);
			else if (k == 'd')
				as_discard(e->path);
		}
		for (size_t k = 0; k < n; k++) {
			free(names[k]);
			free(items[k]);
		}
		free(names);
		free(items);
		soem_autosave_list_free(v, n);
		if (done)
			break;
	}
	ui_recover_count(u, true);
}
