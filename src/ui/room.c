/* room.c - scenarios and the training room (issue 14 point 18, issue 17
 * points 3 and 4): a private copy of a course file in the home folder,
 * "Save as scenario", "Hand in" (a copy into the [course] handin folder,
 * readable by its group) and the comparison of calculations, which is
 * `soem compare`'s own text (model/compare.c, report/compare.c) shown in a
 * pager: the wizard computes nothing itself.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/calc_io.h"
#include "io/compare_load.h"
#include "model/compare.h"
#include "report/compare.h"
#include "store/atomic.h"
#include "ui/uipriv.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* ---------------------------------------------------------------------
 * A private copy
 */

bool ui_open_copy(struct ui *u, const char *src)
{
	char tilde[PATH_MAX], dst[PATH_MAX];
	snprintf(tilde, sizeof tilde, "~/%s", ui_base_name(src));
	ui_expand_home(tilde, dst, sizeof dst);
	if (ui_same_file(src, dst))
		return ui_open_file(u, src, false);
	struct stat st;
	if (stat(dst, &st) == 0) {
		char when[64], q[2 * PATH_MAX + 200];
		ui_when(u, st.st_mtime, when, sizeof when);
		snprintf(q, sizeof q,
			 _("You have a copy already: %s (saved %s). Open it, or replace it with a new copy of %s?"),
			 dst, when, src);
		int k = ui_ask(u, q, "orc",
			       _("o: open your copy   r: replace it with a new copy   c or Esc: cancel"));
		if (u->hangup || (k != 'o' && k != 'r'))
			return false;
		if (k == 'o')
			return ui_open_file(u, dst, false);
	}
	/* read from the course file, kept (and locked) as the copy */
	if (!ui_open_calc(u, src, dst, NULL, false))
		return false;
	if (!ui_save_to(u, dst)) {
		/* the work is open all the same, not saved (alert shown) */
		u->dirty = true;
		return true;
	}
	ui_msg(u, false, _("Working on your own copy %s of %s: Ctrl-S saves it there."),
	       dst, src);
	return true;
}

/* ---------------------------------------------------------------------
 * Picking files
 */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The directory of the open calculation ("." when untitled). */
static char *calc_dir(const struct ui *u)
{
	const char *p = u->path;
	const char *sl = p ? strrchr(p, '/') : NULL;
	if (!sl)
		return xstrdup(".");
	if (sl == p)
		return xstrdup("/");
	return xstrndup(p, (size_t)(sl - p));
}

/* The calculation files of dir (*.soem.yaml), as dir/NAME, sorted; the
 * open calculation's own file left out. */
static size_t dir_files(const struct ui *u, const char *dir, char ***out)
{
	char **files = NULL;
	size_t n = 0, cap = 0;
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *de;
		while ((de = readdir(d)) && n < 1000) {
			size_t l = strlen(de->d_name);
			if (de->d_name[0] == '.' || l < 10 ||
			    strcmp(de->d_name + l - 10, ".soem.yaml") != 0)
				continue;
			char *p = strcmp(dir, ".") == 0
					  ? xstrdup(de->d_name)
					  : xasprintf("%s%s%s", dir,
						      dir[strlen(dir) - 1] == '/'
							      ? "" : "/",
						      de->d_name);
			if (u->path && ui_same_file(p, u->path)) {
				free(p);
				continue;
			}
			xgrow((void **)&files, &cap, n + 1, sizeof *files);
			files[n++] = p;
		}
		closedir(d);
	}
	if (n)
		qsort(files, n, sizeof *files, cmp_str);
	*out = files;
	return n;
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

bool ui_pick_file(struct ui *u, const char *title, char *path, size_t n)
{
	char *dir = calc_dir(u);
	char **files;
	size_t nf = dir_files(u, dir, &files);
	const char **items = xcalloc(nf + 1, sizeof *items);
	items[0] = _("Type a file name...");
	for (size_t i = 0; i < nf; i++)
		items[i + 1] = files[i];
	int i = ui_pick(u, title, items, (int)nf + 1, nf ? 1 : 0, true,
			_("Files in the calculation's folder; type to search."));
	bool go = false;
	if (i == 0) {
		char typed[PATH_MAX] = "";
		go = ui_prompt(u, title, _("File name:"), typed, sizeof typed) &&
		     typed[0];
		if (go)
			ui_expand_home(typed, path, n);
	} else if (i > 0) {
		snprintf(path, n, "%s", files[i - 1]);
		go = true;
	}
	free(items);
	free_list(files, nf);
	free(dir);
	return go;
}

/* ---------------------------------------------------------------------
 * Save as scenario
 */

/* NAME.soem.yaml -> NAME-2.soem.yaml (NAME-2 -> NAME-3, ...), the first
 * that does not exist yet. */
static void scenario_name(const char *path, char *out, size_t n)
{
	const char *ext = ".soem.yaml";
	size_t l = strlen(path), el = strlen(ext);
	size_t stem = l > el && strcmp(path + l - el, ext) == 0 ? l - el : l;
	if (stem == l && l > 5 && strcmp(path + l - 5, ".yaml") == 0)
		stem = l - 5;
	/* a stem that ends in -N goes on from N */
	size_t k = stem;
	while (k > 0 && path[k - 1] >= '0' && path[k - 1] <= '9')
		k--;
	int from = 2;
	if (k < stem && k > 0 && path[k - 1] == '-' && stem - k < 5) {
		from = atoi(path + k) + 1;
		stem = k - 1;
	}
	for (int i = from; i < from + 1000; i++) {
		snprintf(out, n, "%.*s-%d%s", (int)stem, path, i, ext);
		struct stat st;
		if (stat(out, &st) != 0)
			return;
	}
}

void ui_save_scenario(struct ui *u)
{
	char propose[PATH_MAX], path[PATH_MAX], base[PATH_MAX];
	if (u->path && !u->readonly) {
		snprintf(base, sizeof base, "%s", u->path);
	} else if (u->path) {
		/* a course file: the scenario goes to the home folder */
		char t[PATH_MAX];
		snprintf(t, sizeof t, "~/%s", ui_base_name(u->path));
		ui_expand_home(t, base, sizeof base);
	} else {
		snprintf(base, sizeof base, "%s", "calculation.soem.yaml");
	}
	scenario_name(base, propose, sizeof propose);
	/* the title names the scenario's origin by its stem ("hf") */
	char *from = NULL;
	if (u->path) {
		const char *b = ui_base_name(u->path);
		size_t l = strlen(b);
		if (l > 10 && strcmp(b + l - 10, ".soem.yaml") == 0)
			l -= 10;
		from = xstrndup(b, l);
	}
	if (ui_ask_new_name(u, _("Save as scenario"), propose, path,
			    sizeof path) &&
	    ui_save_to(u, path)) {
		free(u->scenario_of);
		u->scenario_of = from;
		from = NULL;
		ui_msg(u, false,
		       _("Saved the scenario as %s; you work on it now (c compares)."),
		       path);
	}
	free(from);
}

/* ---------------------------------------------------------------------
 * Hand in
 */

static const char *user_name(char *b, size_t n)
{
	return soem_atomic_user(geteuid(), b, n);
}

void ui_hand_in(struct ui *u)
{
	const char *dir = u->set->handin;
	if (!dir || !*dir) {
		ui_alert(u, "%s",
			 _("There is no hand-in folder: the trainer names one as handin in the [course] section of soem.ini (see soem.ini(5)). Save as (Alt-w) saves a copy where you like."));
		return;
	}
	char d[PATH_MAX];
	ui_expand_home(dir, d, sizeof d);
	struct stat dst;
	if (stat(d, &dst) != 0 || !S_ISDIR(dst.st_mode)) {
		ui_alert(u, _("Not handed in: the hand-in folder %s (soem.ini [course] handin) is not there. Ask the trainer."),
			 d);
		return;
	}
	/* one file per trainee: the user's name before the file's */
	char who[64], path[2 * PATH_MAX + 80];
	const char *name = u->path ? ui_base_name(u->path)
				   : "calculation.soem.yaml";
	snprintf(path, sizeof path, "%s%s%s-%s", d,
		 d[strlen(d) - 1] == '/' ? "" : "/",
		 user_name(who, sizeof who), name);
	if (!u->calc->kb_profile)
		u->calc->kb_profile = xstrdup(u->kb->id);
	soem_err err = { 0 };
	if (soem_calc_save(path, u->calc, &err) != 0) {
		ui_alert(u, _("Not handed in: %s"), err.msg);
		return;
	}
	/* the trainer reads it through the folder's group (homes and saves
	 * are private: 0700, 0600) */
	int rc = soem_atomic_share(path, dst.st_gid, 0640, &err);
	if (rc) {
		ui_alert(u, _("Handed in as %s, but the trainer may not be able to read it: %s"),
			 path, err.msg);
		return;
	}
	char grp[64];
	ui_msg(u, false,
	       _("Handed in: a copy is in %s (readable by the group %s). You go on working on your own file."),
	       path, soem_atomic_group(dst.st_gid, grp, sizeof grp));
}

/* ---------------------------------------------------------------------
 * Compare
 */

static const char *default_profile(const struct ui *u)
{
	if (u->set->profile)
		return u->set->profile;
	if (u->kbs.n == 1)
		return u->kbs.kb[0]->id;
	return "dk";
}

/* Picks the files to compare: a list with a tick per file of the
 * calculation's folder, "Type a file name..." and "Show the comparison".
 * min: how many must be picked.  Returns how many (0: cancelled). */
static size_t pick_many(struct ui *u, size_t min, char ***out)
{
	char *dir = calc_dir(u);
	char **files;
	size_t nf = dir_files(u, dir, &files);
	free(dir);
	bool *on = xcalloc(nf + 64, sizeof *on);
	char **typed = NULL;
	size_t ntyped = 0, captyped = 0;
	int cur = 2;
	size_t result = 0;
	for (;;) {
		size_t nsel = ntyped;
		for (size_t i = 0; i < nf; i++)
			nsel += on[i];
		size_t nitems = 2 + ntyped + nf;
		char **items = xcalloc(nitems, sizeof *items);
		items[0] = xasprintf(P_("Show the comparison (%zu file picked)",
					"Show the comparison (%zu files picked)",
					nsel),
				     nsel);
		items[1] = xstrdup(_("Type a file name..."));
		for (size_t i = 0; i < ntyped; i++)
			items[2 + i] = xasprintf("%s %s", ui_glyph(u, G_CHECK_ON),
						 typed[i]);
		for (size_t i = 0; i < nf; i++)
			items[2 + ntyped + i] = xasprintf(
				"%s %s", ui_glyph(u, on[i] ? G_CHECK_ON : G_CHECK_OFF),
				files[i]);
		if (cur >= (int)nitems)
			cur = nitems > 2 ? 2 : 1;
		int i = ui_pick(u, _("Compare with"), (const char *const *)items,
				(int)nitems, cur, false,
				_("Enter: tick or untick a file; then Show the comparison. Esc: cancel"));
		free_list(items, nitems);
		if (i < 0 || u->hangup)
			break;
		cur = i;
		if (i == 0) {
			if (nsel >= min) {
				char **v = xcalloc(nsel ? nsel : 1, sizeof *v);
				size_t k = 0;
				for (size_t t = 0; t < ntyped; t++)
					v[k++] = xstrdup(typed[t]);
				for (size_t t = 0; t < nf; t++)
					if (on[t])
						v[k++] = xstrdup(files[t]);
				*out = v;
				result = k;
				break;
			}
			ui_msg(u, true,
			       P_("Pick at least %zu file to compare with.",
				  "Pick at least %zu files to compare.", min),
			       min);
		} else if (i == 1) {
			char t[PATH_MAX] = "", p[PATH_MAX];
			if (ui_prompt(u, _("Compare with"), _("File name:"), t,
				      sizeof t) && t[0]) {
				ui_expand_home(t, p, sizeof p);
				xgrow((void **)&typed, &captyped, ntyped + 1,
				      sizeof *typed);
				typed[ntyped++] = xstrdup(p);
			}
		} else if ((size_t)i < 2 + ntyped) {
			/* untick a typed name: it goes */
			size_t t = (size_t)i - 2;
			free(typed[t]);
			memmove(typed + t, typed + t + 1,
				(ntyped - t - 1) * sizeof *typed);
			ntyped--;
		} else {
			size_t t = (size_t)i - 2 - ntyped;
			on[t] = !on[t];
			if (cur + 1 < (int)nitems)
				cur++;
		}
	}
	free(on);
	free_list(typed, ntyped);
	free_list(files, nf);
	return result;
}

/* The comparison's text into lines of a pager document. */
static void text_to_doc(const char *buf, size_t len, struct ui_doc *d)
{
	const char *p = buf, *end = buf + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
		ui_doc_add(d, A_NORMAL, "%.*s", (int)l, p);
		p += l + (nl ? 1 : 0);
	}
}

void ui_compare(struct ui *u)
{
	char **paths = NULL;
	size_t np = pick_many(u, u->calc ? 1 : 2, &paths);
	if (!np)
		return;
	size_t cap = np + 1, nok = 0, nleft = 0;
	soem_cmp_file *files = xcalloc(cap, sizeof *files);
	soem_calc **calcs = xcalloc(cap, sizeof *calcs);
	soem_result **res = xcalloc(cap, sizeof *res);
	soem_cmp_left *left = xcalloc(cap, sizeof *left);
	char **reasons = xcalloc(cap, sizeof *reasons);
	char *ref_label = NULL;
	int first_fail = 0;
	if (u->calc) {
		/* the open calculation (as it is now, saved or not) is the
		 * reference: computed as soem calc computes a file */
		soem_err err = { 0 };
		ref_label = xstrdup(u->path ? ui_base_name(u->path)
				    : _("(this calculation, not saved)"));
		if (soem_compare_compute(u->calc, u->kb, ref_label, &res[0],
					 &err) != 0) {
			ui_alert(u, _("This calculation cannot be compared yet: %s"),
				 err.msg);
			goto out;
		}
		files[nok++] = (soem_cmp_file){ ref_label, u->calc, u->kb,
						res[0] };
	}
	for (size_t i = 0; i < np; i++) {
		const soem_kb *kb = NULL;
		soem_err err = { 0 };
		bool dup = false;
		for (size_t j = 0; j < i && !dup; j++)
			dup = ui_same_file(paths[i], paths[j]);
		if (dup || (u->path && ui_same_file(paths[i], u->path))) {
			left[nleft++] = (soem_cmp_left){
				paths[i], NULL, 0,
				nok ? files[0].label : paths[i] };
			continue;
		}
		int rc = soem_compare_load(paths[i], &u->kbs, default_profile(u),
					   nok ? files[0].kb : NULL,
					   nok ? files[0].label : NULL,
					   nok ? files[0].calc : NULL,
					   &calcs[nok], &kb, &res[nok], NULL,
					   &err);
		if (rc) {
			reasons[nleft] = xstrdup(err.msg);
			left[nleft] = (soem_cmp_left){ paths[i], reasons[nleft],
						       rc, NULL };
			nleft++;
			if (!first_fail)
				first_fail = rc;
			continue;
		}
		files[nok] = (soem_cmp_file){ paths[i], calcs[nok], kb,
					      res[nok] };
		nok++;
	}
	if (nok < 2) {
		ui_alert(u, _("Nothing to compare: %s"),
			 nleft && left[0].reason ? left[0].reason
			 : _("pick another calculation than this one"));
		goto out;
	}
	soem_compare cmp;
	soem_compare_build(files, nok, &cmp);
	soem_cmp_report rp = {
		.cmp = &cmp, .left = left, .nleft = nleft,
		.lang = u->set->ui_lang, .conv = u->set->conv,
		.csv_sep = u->set->csv_sep,
		/* the pager's width: its frame and margins */
		.width = u->cols - 6 < 80 ? u->cols - 6 : 80,
	};
	char *buf = NULL;
	size_t len = 0;
	soem_err err = { 0 };
	if (soem_compare_write(&rp, SOEM_FMT_TEXT, &buf, &len, &err) != 0) {
		ui_alert(u, "%s", err.msg);
	} else {
		struct ui_doc d = { 0 };
		text_to_doc(buf, len, &d);
		char title[200];
		snprintf(title, sizeof title,
			 P_("Comparison of %zu calculation",
			    "Comparison of %zu calculations", nok),
			 nok);
		ui_pager(u, title, &d);
		ui_doc_free(&d);
	}
	free(buf);
	soem_compare_free(&cmp);
out:
	for (size_t i = 0; i < cap; i++) {
		soem_result_free(&res[i]);
		soem_calc_free(&calcs[i]);
		free(reasons[i]);
	}
	free(files);
	free(calcs);
	free(res);
	free(left);
	free(reasons);
	free(ref_label);
	free_list(paths, np);
}
