/* step_consequences.c - step 5, the heart of the wizard (SPEC §5.5): how
 * well the target group and effect measure match the database's, then a
 * table of every service grouped by consequence area: use, name (bold with
 * a * marker when literature and practice/expert knowledge support it),
 * unit, whether the database has estimates, baseline, the change during
 * the course and per consequence year 1..H (scrolling sideways, the first
 * columns fixed).  One key each: only services with estimates, add the
 * estimates for all, add them for the supported ones; and one's own
 * service. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/calc_edit.h"
#include "ui/uipriv.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* Columns: the first NFIXED stay, the years scroll; the change during the
 * course comes after the last year (it is rarely used), then the row's
 * scale with its low and high (SPEC §2.7: all its years vary together). */
enum { K_USE, K_NAME, K_UNIT, K_EST, K_BASE, K_YEAR1 };
#define NFIXED 5
#define K_DURING(u) (K_YEAR1 + (u)->calc->horizon)
#define K_SCALE(u) (K_DURING(u) + 1)
#define K_SLOW(u) (K_DURING(u) + 2)
#define K_SHIGH(u) (K_DURING(u) + 3)

enum crow_type { CR_HEAD, CR_KB, CR_CUSTOM };

struct crow {
	enum crow_type type;
	size_t area;   /* CR_HEAD */
	size_t svc;    /* CR_KB: kb service index */
	size_t cons;   /* CR_CUSTOM: index in calc->cons */
};

static void push(struct ui_cons_view *cv, enum crow_type t, size_t area,
		 size_t svc, size_t cons)
{
	xgrow((void **)&cv->rows, &cv->caprows, cv->nrows + 1,
	      sizeof *cv->rows);
	cv->rows[cv->nrows].type = t;
	cv->rows[cv->nrows].area = area;
	cv->rows[cv->nrows].svc = svc;
	cv->rows[cv->nrows].cons = cons;
	cv->nrows++;
}

static void build_rows(struct ui *u, struct ui_view *vw)
{
	struct ui_cons_view *cv = &vw->cons;
	const soem_kb *kb = u->kb;
	const soem_calc *c = ui_gcalc(u);
	cv->nrows = 0;
	for (size_t a = 0; a < kb->nareas; a++) {
		size_t head = cv->nrows;
		bool any = false;
		push(cv, CR_HEAD, a, 0, 0);
		for (size_t k = 0; k < kb->nservices; k++) {
			if (kb->services[k].area != a)
				continue;
			if (cv->filter && !soem_calc_estimate(c, kb, k))
				continue;
			push(cv, CR_KB, a, k, 0);
			any = true;
		}
		if (!cv->filter)
			for (size_t i = 0; i < c->ncons; i++) {
				const soem_consequence *q = &c->cons[i];
				if (!q->custom || !q->cs.area ||
				    soem_kb_area_index(kb, q->cs.area) != a)
					continue;
				push(cv, CR_CUSTOM, a, 0, i);
				any = true;
			}
		if (!any)
			cv->nrows = head;
	}
}

/* The calculation's row for table row r, or SOEM_NPOS. */
static size_t cons_of(const struct ui *u, struct ui_view *vw, size_t r)
{
	if (r >= vw->cons.nrows)
		return SOEM_NPOS;
	if (vw->cons.rows[r].type == CR_CUSTOM)
		return vw->cons.rows[r].cons;
	if (vw->cons.rows[r].type == CR_KB)
		return soem_calc_find_cons(ui_gcalc(u),
					   u->kb->services[vw->cons.rows[r].svc].id);
	return SOEM_NPOS;
}

static const soem_kb_consequence *est_of(const struct ui *u,
						struct ui_view *vw, size_t r)
{
	if (r >= vw->cons.nrows || vw->cons.rows[r].type != CR_KB)
		return NULL;
	return soem_calc_estimate(ui_gcalc(u), u->kb, vw->cons.rows[r].svc);
}

static void fmt_val(const struct ui *u, double v, char *b, size_t n)
{
	ui_num(u, v, fabs(v) >= 10000 ? 0 : 2, b, n);
}

static enum ui_row_type rtype(struct ui *u, struct ui_view *vw, int r)
{
	(void)u;
	return vw->cons.rows[r].type == CR_HEAD ? ROW_HEADING : ROW_DATA;
}

static void cell(struct ui *u, struct ui_view *vw, int r, int c,
		 struct ui_cell *o)
{
	const soem_kb *kb = u->kb;
	const struct crow *row = &vw->cons.rows[r];
	if (row->type == CR_HEAD) {
		snprintf(o->text, sizeof o->text, "%s",
			 ui_text(u, &kb->areas[row->area].name));
		return;
	}
	size_t ci = cons_of(u, vw, (size_t)r);
	const soem_consequence *q = ci == SOEM_NPOS ? NULL : &ui_gcalc(u)->cons[ci];
	const soem_kb_consequence *e = est_of(u, vw, (size_t)r);
	const soem_kb_service *s =
		row->type == CR_KB ? &kb->services[row->svc] : NULL;
	bool used = q && q->enabled;
	switch (c) {
	case K_USE:
		snprintf(o->text, sizeof o->text, "%s",
			 ui_glyph(u, used ? G_CHECK_ON : G_CHECK_OFF));
		o->kind = CK_CHECK;
		return;
	case K_NAME:
		snprintf(o->text, sizeof o->text, "%s %s",
			 e && e->supported ? "*" : " ",
			 s ? ui_text(u, &s->name)
			   : (q->cs.name ? q->cs.name : q->service));
		if (e && e->supported)
			o->attr = A_BOLD;
		return;
	case K_UNIT:
		snprintf(o->text, sizeof o->text, "%s",
			 s ? (s->unit_name.n ? ui_text(u, &s->unit_name)
					     : (s->unit ? s->unit : ""))
			   : (q->cs.unit ? q->cs.unit : ""));
		return;
	case K_EST:
		snprintf(o->text, sizeof o->text, "%s",
			 s ? (e ? _("yes") : "") : _("own"));
		return;
	case K_BASE:
		if (e && e->has_baseline)
			fmt_val(u, e->baseline, o->text, sizeof o->text);
		o->right = true;
		return;
	default:
		break;
	}
	if (c >= K_SCALE(u)) {
		double v = !q || !q->has_scale ? 1.0
			   : c == K_SLOW(u) ? q->scale.low
			   : c == K_SHIGH(u) ? q->scale.high
					     : q->scale.value;
		bool ranged = q && q->has_scale && q->scale.ranged;
		if (c == K_SCALE(u)) {
			/* a row not in use shows no default scale: its 1.00
			 * says nothing, and a column of them is rewritten at
			 * every sideways scroll (issue 18); editing starts
			 * from 1 all the same */
			if (used || (q && q->has_scale))
				ui_num(u, v, 2, o->text, sizeof o->text);
			ui_num_edit(u, v, o->edit, sizeof o->edit);
			o->kind = CK_NUM;
			if (!q || !q->has_scale)
				o->role = R_DIM;
		} else {
			o->right = true;
			ui_range_cell(u, ranged, v, c == K_SHIGH(u), false, 2, o);
		}
		o->right = true;
		if (q && !q->enabled)
			o->role = R_DIM;
		return;
	}
	if (c == K_DURING(u)) {
		if (q && q->has_during) {
			fmt_val(u, q->during.value, o->text, sizeof o->text);
			ui_num_edit(u, q->during.value, o->edit, sizeof o->edit);
		}
		o->kind = CK_NUM;
		o->right = true;
		if (q && !q->enabled)
			o->role = R_DIM;
		return;
	}
	{
		size_t j = (size_t)(c - K_YEAR1);
		if (q && j < q->nyears) {
			fmt_val(u, q->years[j].value, o->text, sizeof o->text);
			ui_num_edit(u, q->years[j].value, o->edit,
				    sizeof o->edit);
		}
		o->kind = CK_NUM;
		o->right = true;
		if (q && !q->enabled)
			o->role = R_DIM;
	}
}

/* The row of table row r in the calculation, created (with the database's
 * estimates, if any) and switched on when needed. */
static size_t ensure(struct ui *u, struct ui_view *vw, size_t r)
{
	size_t ci = cons_of(u, vw, r);
	if (ci != SOEM_NPOS) {
		ui_gcalc(u)->cons[ci].enabled = true;
		return ci;
	}
	if (vw->cons.rows[r].type != CR_KB)
		return SOEM_NPOS;
	return soem_calc_use_service(ui_gcalc(u), u->kb,
				     u->kb->services[vw->cons.rows[r].svc].id);
}

static bool blank(const char *s)
{
	while (*s == ' ')
		s++;
	return !*s;
}

static bool commit(struct ui *u, struct ui_view *vw, int r, int c,
		   const char *text,
		   const char **why)
{
	double v;
	if (c == K_SLOW(u) || c == K_SHIGH(u)) {
		bool has;
		if (!ui_range_parse(u, text, false, &has, &v, why))
			return false;
		size_t ci = has ? ensure(u, vw, (size_t)r) : cons_of(u, vw,
					 (size_t)r);
		if (ci == SOEM_NPOS)
			return !has;
		return soem_calc_set_cons_scale_bound(ui_gcalc(u), ci,
						      c == K_SHIGH(u), has, v,
						      why);
	}
	if (c == K_SCALE(u)) {
		if (!ui_parse(u, text, false, &v, why))
			return false;
		size_t ci = ensure(u, vw, (size_t)r);
		return ci != SOEM_NPOS &&
		       soem_calc_set_cons_scale(ui_gcalc(u), ci, v, why);
	}
	if (c == K_DURING(u) && blank(text)) {
		size_t ci = cons_of(u, vw, (size_t)r);
		if (ci != SOEM_NPOS)
			soem_calc_set_cons_during(ui_gcalc(u), ci, false, 0);
		return true;
	}
	if (!ui_parse(u, text, false, &v, why))
		return false;
	size_t ci = ensure(u, vw, (size_t)r);
	if (ci == SOEM_NPOS)
		return false;
	if (c == K_DURING(u)) {
		soem_calc_set_cons_during(ui_gcalc(u), ci, true, v);
		return true;
	}
	return soem_calc_set_cons_year(ui_gcalc(u), ci, (size_t)(c - K_YEAR1 + 1),
				       v, why);
}

static void activate(struct ui *u, struct ui_view *vw, int r, int c)
{
	if (c != K_USE)
		return;
	size_t ci = cons_of(u, vw, (size_t)r);
	if (ci != SOEM_NPOS && ui_gcalc(u)->cons[ci].enabled)
		ui_gcalc(u)->cons[ci].enabled = false;
	else
		ensure(u, vw, (size_t)r);
	ui_changed(u, true);
}

const struct ui_griddef *step_cons_grid(struct ui *u, struct ui_view *vw)
{
	struct ui_cons_view *cv = &vw->cons;
	static const int fixed_w[NFIXED] = { 3, 20, 7, 4, 8 };
	build_rows(u, vw);
	int ncols = K_YEAR1 + ui_gcalc(u)->horizon + 4;
	if (ncols > cv->ncols_alloc) {
		cv->widths = xrealloc(cv->widths,
				      (size_t)ncols * sizeof *cv->widths);
		cv->head = xrealloc(cv->head, (size_t)ncols * sizeof *cv->head);
		cv->headbuf = xrealloc(cv->headbuf,
				       (size_t)ncols * sizeof *cv->headbuf);
		cv->ncols_alloc = ncols;
	}
	static const char *const names[NFIXED] = {
		N_("Use"), N_("Service"), N_("Unit"), N_("Est."),
		N_("Baseline"),
	};
	for (int c = 0; c < ncols; c++) {
		if (c < NFIXED) {
			cv->widths[c] = fixed_w[c];
			cv->head[c] = _(names[c]);
		} else if (c == K_DURING(u)) {
			cv->widths[c] = 9;
			cv->head[c] = _("In course");
		} else if (c == K_SCALE(u)) {
			cv->widths[c] = 6;
			cv->head[c] = _("Scale");
		} else if (c == K_SLOW(u) || c == K_SHIGH(u)) {
			cv->widths[c] = 10;
			cv->head[c] = c == K_SLOW(u) ? _("Low") : _("High");
		} else {
			/* consequence years, counted from the end of the
			 * course: not the calendar years of Results */
			snprintf(cv->headbuf[c], sizeof cv->headbuf[c],
				 _("Cons.yr %d"), c - K_YEAR1 + 1);
			int hw = ui_width(u, cv->headbuf[c]);
			cv->widths[c] = hw > 7 ? hw : 7;
			cv->head[c] = cv->headbuf[c];
		}
	}
	/* a wider window gives the names the room */
	int used = 2;
	for (int c = 0; c < NFIXED; c++)
		used += cv->widths[c] + 1;
	int rest = u->cols - used - 3 * (cv->widths[K_YEAR1] + 1);
	if (rest > 0)
		cv->widths[K_NAME] += rest > 20 ? 20 : rest;
	vw->def = (struct ui_griddef){ (int)cv->nrows, ncols, NFIXED,
		cv->widths, cv->head, vw, cell, rtype, commit, activate, false };
	return &vw->def;
}

static const char *match_name(enum soem_match m)
{
	switch (m) {
	case SOEM_MATCH_YES: return _("yes");
	case SOEM_MATCH_PARTLY: return _("partly");
	case SOEM_MATCH_NO: return _("no");
	default: return _("not assessed yet");
	}
}

void step_cons_draw(struct ui *u, struct ui_view *vw, WINDOW *w, int h)
{
	const soem_calc *c = ui_gcalc(u);
	char b[600], right[200] = "";
	const soem_kb_group *g = soem_calc_kb_group(c, u->kb);
	const soem_kb_measure *m = soem_calc_kb_measure(c, u->kb);
	/* how many of the group's estimates are supported (issue 14) */
	if (m)
		snprintf(right, sizeof right,
			 P_("%zu of %zu estimate supported",
			    "%zu of %zu estimates supported", m->ncons),
			 soem_kb_measure_nsupported(m), m->ncons);
	if (vw->cons.filter) {
		size_t l = strlen(right);
		snprintf(right + l, sizeof right - l, "%s%s", l ? "  " : "",
			 _("[only services with estimates]"));
	}
	ui_step_heading(u, w, *right ? right : NULL);
	ui_gbar_draw(u, w, 1);
	if (!c->has_target_group)
		snprintf(b, sizeof b, "%s", _("No target group yet (step 2): without it there are no database estimates."));
	else if (!g)
		snprintf(b, sizeof b, "%s",
			 _("Your own target group: the database has no estimates for it; enter your own values."));
	else
		snprintf(b, sizeof b, "%s %s / %s", _("Estimates for:"),
			 ui_text(u, &g->name),
			 m ? ui_text(u, &m->name)
			   : _("(choose the effect measure on step 3)"));
	wmove(w, 2, 1);
	ui_puts(u, w, b, u->cols - 2);
	if (g && (!c->match.present ||
		  (c->match.target_group == SOEM_MATCH_UNSET &&
		   c->match.effect_measure == SOEM_MATCH_UNSET))) {
		snprintf(b, sizeof b, "%s %s", _("Match with the database:"),
			 _("not assessed yet (m)"));
		wmove(w, 3, 1);
		ui_puts(u, w, b, u->cols - 2);
	} else if (g) {
		snprintf(b, sizeof b, "%s %s %s; %s %s  (%s)",
			 _("Match with the database:"), _("target group"),
			 match_name(c->match.target_group), _("effect measure"),
			 match_name(c->match.effect_measure),
			 _("m to assess"));
		wmove(w, 3, 1);
		ui_puts(u, w, b, u->cols - 2);
	}
	const struct ui_griddef *d = step_cons_grid(u, vw);
	if (d->nrows == 0) {
		wmove(w, 5, 2);
		ui_puts(u, w, _("No service to show: press f to show all services."),
			u->cols - 4);
	} else {
		ui_grid_draw(u, w, 4, h - 5, d, &vw->grid);
	}
	ui_note_line(u, w, h - 1);
}

static void bulk(struct ui *u, bool supported)
{
	size_t added = 0, enabled = 0;
	enum soem_est_status st =
		soem_calc_add_estimates(ui_gcalc(u), u->kb, supported, &added, &enabled);
	switch (st) {
	case SOEM_EST_NO_GROUP:
		ui_msg(u, true, "%s",
		       _("There are no database estimates yet: choose the target group on step 2 first."));
		return;
	case SOEM_EST_CUSTOM_GROUP:
		ui_msg(u, true, "%s",
		       _("There are no database estimates for your own target group: enter your own values in the table."));
		return;
	case SOEM_EST_NO_MEASURE:
		ui_msg(u, true, "%s",
		       _("There are no database estimates yet: choose the effect measure on step 3 first."));
		return;
	case SOEM_EST_CUSTOM_MEASURE:
		ui_msg(u, true, "%s",
		       _("There are no database estimates for your own effect measure: enter your own values in the table."));
		return;
	default:
		break;
	}
	if (added + enabled == 0) {
		if (supported &&
		    soem_kb_measure_nsupported(soem_calc_kb_measure(ui_gcalc(u),
								    u->kb)) == 0)
			ui_msg(u, false, "%s",
			       _("This target group has no consequences marked as supported by literature and practice; use e to add all estimates, or enter your own."));
		else
			ui_msg(u, false, "%s",
			       supported ? _("Nothing to add: every supported estimate is in use already.")
					 : _("Nothing to add: every estimate is in use already."));
		return;
	}
	ui_changed(u, true);
	if (supported)
		ui_msg(u, false,
		       P_("Added the estimates of %zu supported service (%zu switched on again).",
			  "Added the estimates of %zu supported services (%zu switched on again).",
			  added + enabled),
		       added + enabled, enabled);
	else
		ui_msg(u, false,
		       P_("Added the estimates of %zu service (%zu switched on again).",
			  "Added the estimates of %zu services (%zu switched on again).",
			  added + enabled),
		       added + enabled, enabled);
}

static void new_service(struct ui *u, struct ui_view *vw)
{
	char name[200] = "", unit[64] = "";
	if (!ui_prompt(u, _("Own service"),
		       _("Name of the service (e.g. \"Mentor hours\"):"), name,
		       sizeof name) ||
	    blank(name))
		return;
	if (!ui_prompt(u, _("Own service"),
		       _("Unit the change and the price are counted in (e.g. hours, weeks):"),
		       unit, sizeof unit))
		return;
	const soem_kb *kb = u->kb;
	const char **items = xcalloc(kb->nareas, sizeof *items);
	for (size_t a = 0; a < kb->nareas; a++)
		items[a] = ui_text(u, &kb->areas[a].name);
	int a = ui_pick(u, _("Which consequence area?"), items, (int)kb->nareas,
			0, false, NULL);
	free(items);
	if (a < 0)
		return;
	const char *kinds[] = {
		_("Expense: more use costs the payer"),
		_("Revenue: more of it is income for the payer (e.g. tax)"),
	};
	int k = ui_pick(u, _("Expense or revenue?"), kinds, 2, 0, false, NULL);
	if (k < 0)
		return;
	size_t row;
	const char *why = NULL;
	/* the id is unique across the groups (SPEC 2.9) */
	if (!soem_calc_add_group_custom_service(u->calc, u->group, kb, name,
						unit, kb->areas[a].id,
						k ? SOEM_REVENUE : SOEM_EXPENSE,
						&row, &why)) {
		ui_msg(u, true, "%s", why);
		return;
	}
	ui_changed(u, true);
	vw->cons.filter = false;
	build_rows(u, vw);
	struct ui_grid *g = &vw->grid;
	for (size_t r = 0; r < vw->cons.nrows; r++)
		if (vw->cons.rows[r].type == CR_CUSTOM && vw->cons.rows[r].cons == row) {
			g->r = (int)r;
			g->c = K_YEAR1;
		}
	ui_msg(u, false, "%s",
	       _("Added. Enter its change per year here; its price is asked on step 6 (Prices)."));
}

static void match_dialog(struct ui *u)
{
	soem_match_assessment *m = &ui_gcalc(u)->match;
	const char *items[] = { _("yes"), _("partly"), _("no") };
	int t = ui_pick(u, _("Does your target group match the database's?"),
			items, 3,
			m->target_group ? (int)m->target_group - 1 : 0, false,
			_("SØM asks this before you use its estimates."));
	if (t < 0)
		return;
	int e = ui_pick(u, _("Does your effect measure match the database's?"),
			items, 3,
			m->effect_measure ? (int)m->effect_measure - 1 : 0,
			false, NULL);
	if (e < 0)
		return;
	char note[1024];
	snprintf(note, sizeof note, "%s", m->note ? m->note : "");
	if (!ui_prompt_long(u, _("Match"),
			    _("Why (what differs, and what you did about it):"),
			    note, sizeof note))
		return;
	m->present = true;
	m->target_group = (enum soem_match)(t + 1);
	m->effect_measure = (enum soem_match)(e + 1);
	soem_str_set(&m->note, note);
	ui_changed(u, true);
}

bool step_cons_key(struct ui *u, struct ui_view *vw, enum ui_act a, int ch,
		   bool k)
{
	(void)ch;
	(void)k;
	struct ui_grid *g = &vw->grid;
	switch (a) {
	case ACT_FILTER: {
		const soem_calc *c = ui_gcalc(u);
		vw->cons.filter = !vw->cons.filter;
		g->top = 0;
		if (vw->cons.filter && !soem_calc_kb_measure(c, u->kb))
			ui_msg(u, false, "%s",
			       c->has_target_group && !c->target_group.kb
				       ? _("Your own target group has no database estimates, so no service is shown (f shows all).")
				       : _("No estimates without a database target group and effect measure (f shows all)."));
		else
			ui_msg(u, false, "%s",
			       vw->cons.filter
				       ? _("Only the services with estimates are shown (f shows all).")
				       : _("All services are shown."));
		return true;
	}
	case ACT_EST_ALL:
		bulk(u, false);
		return true;
	case ACT_EST_SUPPORTED:
		bulk(u, true);
		return true;
	case ACT_NEW_SERVICE:
		new_service(u, vw);
		return true;
	case ACT_MATCH:
		match_dialog(u);
		return true;
	case ACT_RANGES:
		/* to the row's scale and its range, and back to year 1 */
		g->c = g->c >= K_SCALE(u) ? K_YEAR1 : K_SCALE(u);
		if (g->c == K_SCALE(u))
			ui_msg(u, false, "%s",
			       _("Scale: all the row's years times this factor; low and high give its range (e.g. 0,8 and 1,2)."));
		return true;
	case ACT_CLEAR_ROW: {
		build_rows(u, vw);
		size_t ci = cons_of(u, vw, (size_t)g->r);
		if (ci == SOEM_NPOS) {
			ui_msg(u, false, "%s", _("This service has no values to remove."));
			return true;
		}
		char q[300];
		const soem_consequence *qq = &ui_gcalc(u)->cons[ci];
		snprintf(q, sizeof q,
			 qq->custom ? _("Remove your own service \"%s\" and its prices?")
				    : _("Remove the values of \"%s\" from the calculation?"),
			 soem_calc_cons_name(ui_gcalc(u), u->kb, ci, u->set->ui_lang));
		if (ui_ask(u, q, "yn", _("y: remove   n or Esc: keep")) != 'y')
			return true;
		soem_calc_remove_group_cons(u->calc, u->group, ci);
		ui_changed(u, true);
		return true;
	}
	default:
		return false;
	}
}

void step_cons_detail(struct ui *u, struct ui_view *vw, char *b, size_t n)
{
	build_rows(u, vw);
	const struct ui_grid *g = &vw->grid;
	if (g->r < 0 || (size_t)g->r >= vw->cons.nrows)
		return;
	const struct crow *row = &vw->cons.rows[g->r];
	if (g->c >= K_SCALE(u) && row->type != CR_HEAD) {
		snprintf(b, n, "%s",
			 g->c == K_SCALE(u)
				 ? _("Scale: every year of the row times this factor (1: as entered)")
				 : _("The range of the scale for the sensitivity and Monte Carlo (empty: none)"));
		return;
	}
	if (row->type == CR_CUSTOM) {
		const soem_consequence *q = &ui_gcalc(u)->cons[row->cons];
		snprintf(b, n, "%s: %s (%s)", q->cs.name ? q->cs.name : q->service,
			 _("your own service"),
			 q->cs.kind == SOEM_REVENUE ? _("revenue") : _("expense"));
		return;
	}
	if (row->type != CR_KB)
		return;
	const soem_kb_service *s = &u->kb->services[row->svc];
	const soem_kb_consequence *e = est_of(u, vw, (size_t)g->r);
	if (!e) {
		snprintf(b, n, "%s: %s", ui_text(u, &s->name),
			 _("no database estimate for this target group"));
		return;
	}
	char ys[300] = "";
	size_t o = 0;
	for (size_t j = 0; j < e->nyears && o < sizeof ys; j++) {
		char t[SOEM_NUM_BUFSIZE];
		o += (size_t)snprintf(ys + o, sizeof ys - o, "%s%s", j ? " " : "",
				      ui_num(u, e->years[j], 2, t, sizeof t));
	}
	char sup[600] = "";
	if (e->supported) {
		/* where the support comes from (SPEC 3.1 supported_source) */
		const char *ss = soem_text_opt(&e->supported_source,
					       u->set->ui_lang,
					       u->kb->language);
		if (ss)
			snprintf(sup, sizeof sup, " (%s %s)",
				 _("* supported according to:"), ss);
		else
			snprintf(sup, sizeof sup, " (%s)",
				 _("* support not sourced"));
	}
	/* the support's source first: the values are in the row itself */
	snprintf(b, n, "%s%s: %s %s", ui_text(u, &s->name), sup,
		 _("database estimate"), ys);
}

void step_cons_cleanup(struct ui_view *vw)
{
	free(vw->cons.rows);
	free(vw->cons.widths);
	free(vw->cons.head);
	free(vw->cons.headbuf);
	vw->cons.rows = NULL;
	vw->cons.widths = NULL;
	vw->cons.head = NULL;
	vw->cons.headbuf = NULL;
	vw->cons.nrows = vw->cons.caprows = 0;
	vw->cons.ncols_alloc = 0;
}
