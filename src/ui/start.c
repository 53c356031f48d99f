/* start.c - the start screen (new calculation, open a file, the example,
 * the knowledge-database browser, quit) and the read-only browser of the
 * knowledge database (SPEC §5.6). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/uipriv.h"
#include "util/i18n.h"
#include "util/xalloc.h"

enum start_item { ST_NEW, ST_OPEN, ST_RECOVER, ST_EXAMPLE, ST_DESIGN, ST_BROWSE, ST_COPY, ST_COMPARE, ST_QUIT, ST__N };

static const char *const start_labels[ST__N] = {
	N_("New calculation"),
	N_("Open a calculation file"),
	N_("Recover unsaved work"),
	N_("Open an example calculation"),
	N_("Plan an experiment (evaluation design)"),
	N_("Browse the knowledge database"),
	N_("Work on a copy"),
	N_("Compare calculations"),
	N_("Quit"),
};

static const char *const start_help[ST__N] = {
	N_("Start a new calculation: you choose the profile (country), then fill in seven steps."),
	N_("Open a calculation saved before (*.soem.yaml)."),
	N_("Work that was not saved when soem last ended (the connection was lost, or soem was stopped): recover it, or discard it."),
	N_("Worked examples to look at or start from; saving asks for a new file name."),
	N_("How many people an experiment needs, and how many months the sites (förbund) take to recruit them."),
	N_("Look at the target groups, consequences, services, prices and sources (read only)."),
	N_("A course file you may not change: soem saves a copy in your home folder (~/NAME) and opens it."),
	N_("Several calculations side by side: what differs, and the results with the difference to the first (as soem compare)."),
	N_("Leave soem."),
};

static bool item_shown(int i)
{
	static int have = -1;
	if (have < 0)
		have = ui_have_examples();
	if (i == ST_RECOVER)
		return ui_recover_count(NULL, false) > 0;
	return i != ST_EXAMPLE || have;
}

/* The menu's item i at row y, highlighted when it is the cursor's. */
static void draw_item(struct ui *u, WINDOW *w, int y, int i, bool here)
{
	/* plain mark, highlight as wide as the text (issue 18) */
	if (here)
		ui_cell_put(u, w, y, 2, ui_glyph(u, G_ROW), 1, false,
			    A_NORMAL);
	else
		mvwaddch(w, y, 2, ' ');
	const char *label = _(start_labels[i]);
	ui_cell_put(u, w, y, 4, label, ui_fit_width(u, label, 50), false,
		    here ? A_REVERSE : A_NORMAL);
}

/* The items shown, one bit each. */
static unsigned shown_mask(void)
{
	unsigned m = 0;
	for (int i = 0; i < ST__N; i++)
		if (item_shown(i))
			m |= 1u << i;
	return m;
}

static int item_row(unsigned shown, int item)
{
	int y = 3;
	for (int i = 0; i < item; i++)
		if (shown & (1u << i))
			y++;
	return y;
}

/* After a move of the cursor only the two items and the help line are
 * drawn again, when the rest of what the last frame drew in w is still
 * there (nothing drew over it since, the same items and profiles): the
 * start screen costs a few rows a key, not a screen (issue 18:
 * instructions per key).  False when the whole screen must be drawn. */
bool ui_start_update(struct ui *u, WINDOW *w)
{
	struct ui_start_view *sv = &u->start.start;
	unsigned shown = shown_mask();
	if (!sv->drawn_gen || sv->drawn_gen != u->frame_gen ||
	    sv->drawn_w != w || sv->drawn_shown != shown ||
	    sv->drawn_kbs != u->kbs.n || sv->drawn_cols != u->cols ||
	    !(shown & (1u << sv->cur)))
		return false;
	if (sv->cur == sv->drawn_cur)
		return true;
	draw_item(u, w, item_row(shown, sv->drawn_cur), sv->drawn_cur, false);
	draw_item(u, w, item_row(shown, sv->cur), sv->cur, true);
	int y = item_row(shown, ST__N);
	wmove(w, y, 0);
	wclrtoeol(w);
	wmove(w, y, 4);
	ui_puts(u, w, _(start_help[sv->cur]), u->cols - 6);
	sv->drawn_cur = sv->cur;
	return true;
}

void ui_start_draw(struct ui *u, WINDOW *w, int height)
{
	(void)height;
	struct ui_start_view *sv = &u->start.start;
	wmove(w, 1, 2);
	wattrset(w, A_BOLD);
	ui_puts(u, w, _("What would you like to do?"), u->cols - 4);
	wattrset(w, A_NORMAL);
	if (!item_shown(sv->cur))
		sv->cur = ST_BROWSE;
	int y = 3;
	for (int i = 0; i < ST__N; i++) {
		if (!item_shown(i))
			continue;
		draw_item(u, w, y, i, i == sv->cur);
		y++;
	}
	/* the help of the item and the profiles right below the list:
	 * with every item shown they still fit at 80x24 */
	wmove(w, y, 4);
	ui_puts(u, w, _(start_help[sv->cur]), u->cols - 6);
	y += 1;
	for (size_t i = 0; i < u->kbs.n && y < getmaxy(w); i++, y++) {
		const soem_kb *kb = u->kbs.kb[i];
		char b[300];
		snprintf(b, sizeof b, "%s %s (%s), %s %s, %s %d", _("Profile:"),
			 soem_text_get(&kb->name, u->set->ui_lang, kb->language),
			 kb->id, _("version"), kb->version ? kb->version : "",
			 _("prices of"), kb->price_year);
		wmove(w, y, 4);
		wattrset(w, ui_attr(u, R_DIM));
		ui_puts(u, w, b, u->cols - 6);
		wattrset(w, A_NORMAL);
	}
	sv->drawn_gen = u->frame_gen;
	sv->drawn_w = w;
	sv->drawn_shown = shown_mask();
	sv->drawn_kbs = u->kbs.n;
	sv->drawn_cols = u->cols;
	sv->drawn_cur = sv->cur;
}

bool ui_start_key(struct ui *u, enum ui_act a, int ch, bool is_key)
{
	(void)ch;
	(void)is_key;
	int i = u->start.start.cur;
	switch (a) {
	case ACT_UP:
		do
			i = i > 0 ? i - 1 : i;
		while (i > 0 && !item_shown(i));
		if (item_shown(i))
			u->start.start.cur = i;
		return true;
	case ACT_DOWN:
		do
			i = i < ST__N - 1 ? i + 1 : i;
		while (i < ST__N - 1 && !item_shown(i));
		if (item_shown(i))
			u->start.start.cur = i;
		return true;
	case ACT_HOME:
		u->start.start.cur = 0;
		return true;
	case ACT_END:
		u->start.start.cur = ST_QUIT;
		return true;
	case ACT_ENTER:
		switch (u->start.start.cur) {
		case ST_NEW:
			ui_new_calc(u, NULL);
			break;
		case ST_OPEN:
			ui_open_dialog(u);
			break;
		case ST_COPY: {
			char path[4096];
			if (ui_pick_file(u, _("Work on a copy of"), path,
					 sizeof path))
				ui_open_copy(u, path);
			break;
		}
		case ST_COMPARE:
			ui_compare(u);
			break;
		case ST_RECOVER:
			ui_recover_dialog(u);
			break;
		case ST_EXAMPLE:
			ui_open_example(u);
			break;
		case ST_DESIGN:
			ui_design_open(u, false);
			break;
		case ST_BROWSE:
			ui_browse(u);
			break;
		default:
			u->quit = true;
			break;
		}
		return true;
	default:
		return false;
	}
}

/* ---------------------------------------------------------------------
 * The browser
 */

static const char *tx(const struct ui *u, const soem_kb *kb,
		      const soem_text *t)
{
	return soem_text_get(t, u->set->ui_lang, kb->language);
}

static void add_prov(struct ui *u, struct ui_doc *d, int indent,
		     const soem_kb *kb, const soem_provenance *p)
{
	int width = u->cols - 8;
	if (p->illustrative)
		ui_doc_add(d, A_NORMAL, "%*s%s", indent, "",
			   _("Illustrative figure (made up to show the method; replace it before use)."));
	const char *src = soem_text_opt(&p->source_text, u->set->ui_lang,
					kb->language);
	if (src) {
		char b[4096];
		snprintf(b, sizeof b, "%s %s", _("Source:"), src);
		ui_doc_wrap(u, d, ui_attr(u, R_DIM), indent, width, b);
	}
	const char *note = soem_text_opt(&p->note, u->set->ui_lang,
					 kb->language);
	if (note) {
		char b[4096];
		snprintf(b, sizeof b, "%s %s", _("Note:"), note);
		ui_doc_wrap(u, d, ui_attr(u, R_DIM), indent, width, b);
	}
}

static void years_text(const struct ui *u, const double *v, size_t n,
		       char *b, size_t size)
{
	size_t o = 0;
	b[0] = '\0';
	for (size_t j = 0; j < n && o < size; j++) {
		char t[SOEM_NUM_BUFSIZE];
		o += (size_t)snprintf(b + o, size - o, "%s%s", j ? "  " : "",
				      ui_num(u, v[j], 2, t, sizeof t));
	}
}

static void browse_group(struct ui *u, const soem_kb *kb,
			 const soem_kb_group *g)
{
	struct ui_doc d = { 0 };
	int width = u->cols - 8;
	char b[1024], t[SOEM_NUM_BUFSIZE], t2[SOEM_NUM_BUFSIZE];
	ui_doc_add(&d, A_BOLD, "%s", tx(u, kb, &g->name));
	ui_doc_add(&d, A_NORMAL, "%s %s   (id: %s)", _("Area:"),
		   g->area < kb->ngroup_areas
			   ? tx(u, kb, &kb->group_areas[g->area].name)
			   : "",
		   g->id);
	ui_doc_wrap(u, &d, A_NORMAL, 0, width, tx(u, kb, &g->description));
	for (size_t m = 0; m < g->nmeasures; m++) {
		const soem_kb_measure *me = &g->measures[m];
		ui_doc_add(&d, A_NORMAL, "%s", "");
		ui_doc_add(&d, A_BOLD, "%s %s   (id: %s)", _("Success measure:"),
			   tx(u, kb, &me->name), me->id);
		ui_doc_wrap(u, &d, A_NORMAL, 2, width,
			    _("Consequences per citizen who reaches it, compared with one who does not, from consequence year 1 (bold with * = supported by literature and practice/expert knowledge):"));
		for (size_t i = 0; i < me->ncons; i++) {
			const soem_kb_consequence *q = &me->cons[i];
			const soem_kb_service *s = &kb->services[q->service];
			years_text(u, q->years, q->nyears, b, sizeof b);
			ui_doc_add(&d, q->supported ? A_BOLD : A_NORMAL,
				   "  %s %s (%s); %s %s; %s %s",
				   q->supported ? "*" : " ", tx(u, kb, &s->name),
				   s->unit_name.n ? tx(u, kb, &s->unit_name)
						  : (s->unit ? s->unit : ""),
				   _("baseline"),
				   q->has_baseline ? ui_num(u, q->baseline, 2, t,
							    sizeof t)
						   : "-",
				   _("per year:"), b);
			add_prov(u, &d, 6, kb, &q->prov);
			if (q->supported) {
				const char *ss = soem_text_opt(
					&q->supported_source,
					u->set->ui_lang, kb->language);
				char sb[4096];
				if (ss)
					snprintf(sb, sizeof sb, "%s %s",
						 _("Supported according to:"), ss);
				else
					snprintf(sb, sizeof sb, "%s",
						 _("support not sourced"));
				ui_doc_wrap(u, &d, ui_attr(u, R_DIM), 6,
					    u->cols - 8, sb);
			}
		}
	}
	if (g->nstudies) {
		ui_doc_add(&d, A_NORMAL, "%s", "");
		ui_doc_add(&d, A_BOLD, "%s", _("Effect studies"));
		for (size_t i = 0; i < g->nstudies; i++) {
			const soem_kb_study *st = &g->studies[i];
			ui_doc_add(&d, A_NORMAL, "  %s: p1 %s, p0 %s, %s %d",
				   st->intervention ? st->intervention : "",
				   st->has_p1 ? ui_pct(u, st->p1, 1, t, sizeof t) : "-",
				   st->has_p0 ? ui_pct(u, st->p0, 1, t2, sizeof t2) : "-",
				   _("evidence level"), st->evidence_level);
			add_prov(u, &d, 4, kb, &st->prov);
		}
	}
	ui_pager(u, tx(u, kb, &g->name), &d);
	ui_doc_free(&d);
}

static void browse_groups(struct ui *u, const soem_kb *kb)
{
	if (!kb->ngroups)
		return;
	char **names = xcalloc(kb->ngroups, sizeof *names);
	const char **items = xcalloc(kb->ngroups, sizeof *items);
	for (size_t i = 0; i < kb->ngroups; i++) {
		const soem_kb_group *g = &kb->groups[i];
		names[i] = xasprintf("%s  (%s)", tx(u, kb, &g->name),
				     g->area < kb->ngroup_areas
					     ? tx(u, kb, &kb->group_areas[g->area].name)
					     : "");
		items[i] = names[i];
	}
	int cur = 0;
	for (;;) {
		int i = ui_pick(u, _("Target groups"), items, (int)kb->ngroups,
				cur, true, _("Type to search; Enter shows the group."));
		if (i < 0 || u->hangup)
			break;
		cur = i;
		browse_group(u, kb, &kb->groups[i]);
	}
	for (size_t i = 0; i < kb->ngroups; i++)
		free(names[i]);
	free(names);
	free(items);
}

/* A share as a percentage: two decimals, more (up to six) when the share
 * needs them to be shown exactly (12.06 %, 19.1 % as 19.10 %). */
static const char *share_pct(const struct ui *u, double share, char *b,
			     size_t n)
{
	int d = soem_num_exact_decimals(share * 100.0, 2, 6);
	return ui_pct(u, share, d, b, n);
}

/* SPEC §2.9 on a service: its price schedules per payer (calendar year
 * and amount) and the tax shares that come back to each payer. */
static void browse_service_29(struct ui *u, struct ui_doc *d,
			      const soem_kb *kb, const soem_kb_service *s)
{
	char line[1200], t[SOEM_NUM_BUFSIZE];
	for (size_t p = 0; s->nsched && p < kb->npayers; p++) {
		if (!s->nsched[p])
			continue;
		size_t o = (size_t)snprintf(line, sizeof line,
					    _("price schedule for %s:"),
					    tx(u, kb, &kb->payers[p].name));
		for (size_t e = 0; e < s->nsched[p] && o < sizeof line; e++) {
			const soem_kb_sched *x = &s->sched[p][e];
			char f[64];
			snprintf(f, sizeof f, _("from %d"), x->from);
			o += (size_t)snprintf(line + o, sizeof line - o,
					      "%s %s %s", e ? ";" : "", f,
					      ui_num(u, x->amount, 2, t,
						     sizeof t));
			if (x->price_year && x->price_year != kb->price_year &&
			    o < sizeof line)
				o += (size_t)snprintf(line + o, sizeof line - o,
						      _(" (%d prices)"),
						      x->price_year);
		}
		ui_doc_wrap(u, d, A_NORMAL, 4, u->cols - 8, line);
	}
	if (s->tax) {
		size_t o = (size_t)snprintf(line, sizeof line, "%s",
					    _("tax back:"));
		const char *sep = " ";
		for (size_t p = 0; p < kb->npayers && o < sizeof line; p++)
			if (s->tax[p] != 0) {
				o += (size_t)snprintf(
					line + o, sizeof line - o, "%s%s %s",
					sep, tx(u, kb, &kb->payers[p].name),
					share_pct(u, s->tax[p], t, sizeof t));
				sep = ", ";
			}
		ui_doc_wrap(u, d, A_NORMAL, 4, u->cols - 8, line);
	}
}

static void browse_services(struct ui *u, const soem_kb *kb)
{
	struct ui_doc d = { 0 };
	char t[SOEM_NUM_BUFSIZE];
	for (size_t a = 0; a < kb->nareas; a++) {
		ui_doc_add(&d, A_UNDERLINE, "%s", tx(u, kb, &kb->areas[a].name));
		for (size_t i = 0; i < kb->nservices; i++) {
			const soem_kb_service *s = &kb->services[i];
			if (s->area != a)
				continue;
			char prices[600] = "";
			size_t o = 0;
			for (size_t p = 0; p < kb->npayers && o < sizeof prices; p++)
				if (s->price[p] != 0)
					o += (size_t)snprintf(
						prices + o, sizeof prices - o,
						"%s%s %s", o ? ", " : "",
						tx(u, kb, &kb->payers[p].name),
						ui_num(u, s->price[p], 2, t, sizeof t));
			ui_doc_add(&d, A_BOLD, "  %s", tx(u, kb, &s->name));
			ui_doc_add(&d, A_NORMAL, "    %s %s; %s; %s %s %s",
				   _("unit:"),
				   s->unit_name.n ? tx(u, kb, &s->unit_name)
						  : (s->unit ? s->unit : ""),
				   s->kind == SOEM_REVENUE ? _("revenue") : _("expense"),
				   _("price per unit:"),
				   prices[0] ? prices : "0",
				   kb->currency ? kb->currency : "");
			browse_service_29(u, &d, kb, s);
			add_prov(u, &d, 4, kb, &s->prov);
		}
	}
	ui_pager(u, _("Services and prices"), &d);
	ui_doc_free(&d);
}

static void browse_profile(struct ui *u, const soem_kb *kb)
{
	struct ui_doc d = { 0 };
	char t[SOEM_NUM_BUFSIZE];
	ui_doc_add(&d, A_BOLD, "%s", tx(u, kb, &kb->name));
	ui_doc_add(&d, A_NORMAL, "%s %s, %s %s, %s %d   (%s)", _("version"),
		   kb->version ? kb->version : "", _("currency"),
		   kb->currency ? kb->currency : "", _("prices of"),
		   kb->price_year, kb->path ? kb->path : "");
	ui_doc_add(&d, A_NORMAL, "%s", "");
	ui_doc_add(&d, A_BOLD, "%s", _("Payers"));
	for (size_t p = 0; p < kb->npayers; p++)
		ui_doc_add(&d, A_NORMAL, "  %s (%s)",
			   tx(u, kb, &kb->payers[p].name), kb->payers[p].id);
	if (kb->npgroups) {
		ui_doc_add(&d, A_NORMAL, "%s", "");
		ui_doc_add(&d, A_BOLD, "%s", _("Payer groups (a cost named to one is split among the payers)"));
	}
	for (size_t i = 0; i < kb->npgroups; i++) {
		const soem_kb_payer_group *g = &kb->pgroups[i];
		char line[1200];
		size_t o = (size_t)snprintf(line, sizeof line, "%s (%s):",
					    tx(u, kb, &g->name), g->id);
		const char *sep = " ";
		for (size_t p = 0; p < kb->npayers && o < sizeof line; p++)
			if (g->split[p] != 0) {
				o += (size_t)snprintf(
					line + o, sizeof line - o, "%s%s %s",
					sep, tx(u, kb, &kb->payers[p].name),
					share_pct(u, g->split[p], t, sizeof t));
				sep = ", ";
			}
		ui_doc_wrap(u, &d, A_NORMAL, 2, u->cols - 8, line);
		add_prov(u, &d, 4, kb, &g->prov);
	}
	ui_doc_add(&d, A_NORMAL, "%s", "");
	ui_doc_add(&d, A_BOLD, "%s", _("Discounting"));
	ui_doc_add(&d, A_NORMAL, "  %s",
		   kb->first_discounted ? _("year 1 is discounted")
					: _("year 1 is not discounted"));
	for (size_t i = 0; i < kb->nsteps; i++)
		ui_doc_add(&d, A_NORMAL, "  %s %d: %s", _("from step"),
			   kb->steps[i].from,
			   ui_pct(u, kb->steps[i].rate, 1, t, sizeof t));
	add_prov(u, &d, 2, kb, &kb->discount_prov);
	ui_doc_add(&d, A_NORMAL, "%s", "");
	ui_doc_add(&d, A_BOLD, "%s", _("Net price index"));
	for (size_t i = 0; i < kb->nindex; i++)
		ui_doc_add(&d, A_NORMAL, "  %d: %s", kb->index[i].year,
			   ui_num(u, kb->index[i].value, 1, t, sizeof t));
	add_prov(u, &d, 2, kb, &kb->index_prov);
	ui_pager(u, _("Profile, payers, discounting, price index"), &d);
	ui_doc_free(&d);
}

void ui_browse(struct ui *u)
{
	const soem_kb *kb = u->kbs.kb[0];
	if (u->kbs.n > 1) {
		const char **items = xcalloc(u->kbs.n, sizeof *items);
		for (size_t i = 0; i < u->kbs.n; i++)
			items[i] = soem_text_get(&u->kbs.kb[i]->name,
						 u->set->ui_lang,
						 u->kbs.kb[i]->language);
		int i = ui_pick(u, _("Which profile?"), items, (int)u->kbs.n, 0,
				false, NULL);
		free(items);
		if (i < 0)
			return;
		kb = u->kbs.kb[i];
	}
	if (!(kb = ui_kb_whole(u, kb)))
		return;
	const char *items[] = {
		_("Target groups, success measures and their consequences"),
		_("Services and prices"),
		_("Profile, payers, discounting and price index"),
	};
	int cur = 0;
	while (!u->hangup) {
		int i = ui_pick(u, _("Knowledge database (read only)"), items, 3,
				cur, false, tx(u, kb, &kb->name));
		if (i < 0)
			break;
		cur = i;
		if (i == 0)
			browse_groups(u, kb);
		else if (i == 1)
			browse_services(u, kb);
		else
			browse_profile(u, kb);
	}
}
