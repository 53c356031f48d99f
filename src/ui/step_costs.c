/* step_costs.c - step 4: the cost items (SPEC §2.5) as an editable
 * table: name, payer, basis, years, amount, saved, low, high. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/calc_edit.h"
#include "ui/uipriv.h"
#include "util/i18n.h"

enum { C_NAME, C_PAYER, C_BASIS, C_YEARS, C_AMOUNT, C_SAVED, C_LOW, C_HIGH,
       C__N };

static const char *const basis_names[] = {
	N_("per participant"), N_("per part. & year"), N_("once"),
	N_("every year"), N_("per completer"),
};
#define NBASIS (sizeof basis_names / sizeof basis_names[0])

static const char *payer_name(const struct ui *u, const char *id)
{
	size_t p = soem_kb_payer_index(u->kb, id ? id : "");
	if (p != SOEM_NPOS)
		return ui_text(u, &u->kb->payers[p].name);
	/* a payer group (SPEC 2.9): the Finsam split as one row */
	size_t g = soem_kb_payer_group_index(u->kb, id ? id : "");
	return g == SOEM_NPOS ? (id ? id : "?")
			      : ui_text(u, &u->kb->pgroups[g].name);
}

static void money(const struct ui *u, double v, char *b, size_t n)
{
	ui_num(u, v, v == floor(v) ? 0 : 2, b, n);
}

static void cell(struct ui *u, struct ui_view *vw, int r, int c,
		 struct ui_cell *o)
{
	(void)vw;
	soem_calc *calc = u->calc;
	if (r == (int)calc->ncosts) {
		if (c == C_NAME) {
			snprintf(o->text, sizeof o->text, "%s",
				 _("+ Add a cost (a)"));
			o->kind = CK_ACTION;
		}
		return;
	}
	const soem_cost_item *ci = &calc->costs[r];
	switch (c) {
	case C_NAME:
		snprintf(o->text, sizeof o->text, "%s", ci->name ? ci->name : "");
		o->kind = CK_TEXT;
		break;
	case C_PAYER:
		snprintf(o->text, sizeof o->text, "%s", payer_name(u, ci->payer));
		o->kind = CK_CHOICE;
		break;
	case C_BASIS:
		snprintf(o->text, sizeof o->text, "%s",
			 _(basis_names[(unsigned)ci->basis < NBASIS ? ci->basis : 0]));
		o->kind = CK_CHOICE;
		break;
	case C_YEARS:
		if (ci->basis == SOEM_BASIS_ONCE) {
			size_t off = 0;
			for (size_t j = 0; j < ci->nyears && off < sizeof o->text; j++)
				off += (size_t)snprintf(o->text + off,
							sizeof o->text - off,
							"%s%d", j ? " " : "",
							ci->years[j]);
			o->kind = CK_TEXT;
		} else if (ci->basis == SOEM_BASIS_YEARLY) {
			snprintf(o->text, sizeof o->text, "%d-%d",
				 ci->from ? ci->from : 1,
				 ci->to ? ci->to : calc->horizon);
			o->kind = CK_TEXT;
		}
		break;
	case C_AMOUNT:
		money(u, ci->amount.value, o->text, sizeof o->text);
		ui_num_edit(u, ci->amount.value, o->edit, sizeof o->edit);
		o->kind = CK_NUM;
		o->right = true;
		break;
	case C_SAVED:
		snprintf(o->text, sizeof o->text, "%s",
			 ui_glyph(u, ci->saved ? G_CHECK_ON : G_CHECK_OFF));
		o->kind = CK_CHECK;
		break;
	case C_LOW:
	case C_HIGH:
		if (ci->amount.ranged) {
			double v = c == C_LOW ? ci->amount.low : ci->amount.high;
			money(u, v, o->text, sizeof o->text);
			ui_num_edit(u, v, o->edit, sizeof o->edit);
		}
		o->kind = CK_NUM;
		o->right = true;
		break;
	}
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
	(void)vw;
	soem_calc *calc = u->calc;
	if (r >= (int)calc->ncosts)
		return false;
	soem_cost_item *ci = &calc->costs[r];
	double v;
	switch (c) {
	case C_NAME:
		soem_str_set(&ci->name, text);
		return true;
	case C_YEARS:
		return soem_calc_set_cost_years(calc, (size_t)r, text, why);
	case C_AMOUNT:
		return ui_parse(u, text, false, &v, why) &&
		       soem_calc_set_cost_amount(calc, (size_t)r, v, why);
	case C_LOW:
	case C_HIGH:
		if (blank(text))
			return soem_calc_set_cost_bound(calc, (size_t)r,
							c == C_HIGH, false, 0,
							why);
		return ui_parse(u, text, false, &v, why) &&
		       soem_calc_set_cost_bound(calc, (size_t)r, c == C_HIGH,
						true, v, why);
	default:
		return false;
	}
}

static void activate(struct ui *u, struct ui_view *vw, int r, int c)
{
	soem_calc *calc = u->calc;
	if (r == (int)calc->ncosts) {
		step_costs_key(u, vw, ACT_ADD, 0, false);
		return;
	}
	soem_cost_item *ci = &calc->costs[r];
	if (c == C_SAVED) {
		ci->saved = !ci->saved;
	} else if (c == C_PAYER) {
		/* the payers, then the profile's payer groups (SPEC 2.9),
		 * each with its split */
		enum { MAXP = 32 };
		const char *items[MAXP];
		char gl[MAXP][300];
		size_t n = u->kb->npayers < 16 ? u->kb->npayers : 16;
		size_t ng = u->kb->npgroups < MAXP - n ? u->kb->npgroups
						       : MAXP - n;
		int cur = 0;
		for (size_t p = 0; p < n; p++) {
			items[p] = ui_text(u, &u->kb->payers[p].name);
			if (ci->payer && strcmp(ci->payer, u->kb->payers[p].id) == 0)
				cur = (int)p;
		}
		for (size_t g = 0; g < ng; g++) {
			const soem_kb_payer_group *pg = &u->kb->pgroups[g];
			size_t off = (size_t)snprintf(gl[g], sizeof gl[g], "%s (",
						      ui_text(u, &pg->name));
			bool first = true;
			for (size_t p = 0; p < u->kb->npayers &&
					   off < sizeof gl[g];
			     p++) {
				char pct[SOEM_NUM_BUFSIZE];
				if (pg->split[p] == 0)
					continue;
				off += (size_t)snprintf(gl[g] + off,
							sizeof gl[g] - off,
							"%s%s %s", first ? "" : ", ",
							ui_text(u, &u->kb->payers[p].name),
							ui_pct(u, pg->split[p], 0,
							       pct, sizeof pct));
				first = false;
			}
			if (off < sizeof gl[g])
				snprintf(gl[g] + off, sizeof gl[g] - off, ")");
			items[n + g] = gl[g];
			if (ci->payer && strcmp(ci->payer, pg->id) == 0)
				cur = (int)(n + g);
		}
		int i = ui_pick(u, _("Who pays?"), items, (int)(n + ng), cur,
				false,
				ng ? _("A payer group splits the cost among its payers by fixed shares.")
				   : NULL);
		if (i < 0)
			return;
		if ((size_t)i >= n) {
			soem_str_set(&ci->payer, u->kb->pgroups[i - (int)n].id);
			ci->payer_group = true;
		} else {
			soem_str_set(&ci->payer, u->kb->payers[i].id);
			ci->payer_group = false;
		}
	} else if (c == C_BASIS) {
		const char *items[] = {
			_("per participant: the amount for each participant, in the year they start"),
			_("per participant and year: for each participant, every year of the course"),
			_("once: in the years you give (start-up: year 1)"),
			_("every year: from a first to a last year (all years if empty)"),
			_("per completer: for each participant who completes the course, in the year they finish"),
		};
		_Static_assert(sizeof items / sizeof items[0] == NBASIS,
			       "a description for each basis");
		int i = ui_pick(u, _("How the amount is counted"), items,
				(int)NBASIS,
				(int)ci->basis, false, NULL);
		if (i < 0)
			return;
		soem_calc_set_cost_basis(calc, (size_t)r, (enum soem_basis)i);
	} else {
		return;
	}
	ui_changed(u, true);
}

static const int widths[C__N] = { 22, 10, 16, 8, 12, 5, 11, 11 };
_Static_assert(C__N <= UI_VIEW_COLS, "the table's columns fit a view");

const struct ui_griddef *step_costs_grid(struct ui *u, struct ui_view *vw)
{
	static const char *const names[C__N] = {
		N_("Name"), N_("Payer"), N_("Basis"), N_("Years"), N_("Amount"),
		N_("Saved"), N_("Low"), N_("High"),
	};
	for (int c = 0; c < C__N; c++)
		vw->head[c] = _(names[c]);
	vw->def = (struct ui_griddef){ (int)u->calc->ncosts + 1, C__N, 1,
		widths, vw->head, vw, cell, NULL, commit, activate, false };
	return &vw->def;
}

void step_costs_draw(struct ui *u, struct ui_view *vw, WINDOW *w, int h)
{
	char right[200] = "", a[SOEM_NUM_BUFSIZE], b[SOEM_NUM_BUFSIZE];
	if (u->res) {
		size_t P = u->res->npayers;
		snprintf(right, sizeof right, "%s %s, %s %s",
			 _("total"), ui_num(u, u->res->tot_costs[P], 0, a, sizeof a),
			 _("present value"),
			 ui_num(u, u->res->pv_costs[P], 0, b, sizeof b));
	}
	ui_step_heading(u, w, right);
	ui_grid_draw(u, w, 1, h - 2, step_costs_grid(u, vw),
		     &vw->grid);
	ui_note_line(u, w, h - 1);
}

bool step_costs_key(struct ui *u, struct ui_view *vw, enum ui_act a, int ch,
		    bool k)
{
	(void)ch;
	(void)k;
	struct ui_grid *g = &vw->grid;
	soem_calc *calc = u->calc;
	if (a == ACT_ADD) {
		size_t i = soem_calc_add_cost(calc, u->kb);
		/* the previous row's name and payer are proposed: Enter keeps
		 * the name (a repeated name is costs[NAME#2] in ranges, SPEC
		 * 2.7), typing replaces it */
		const char *prev = i > 0 ? calc->costs[i - 1].name : NULL;
		if (i > 0 && calc->costs[i - 1].payer) {
			soem_str_set(&calc->costs[i].payer,
				     calc->costs[i - 1].payer);
			calc->costs[i].payer_group =
				calc->costs[i - 1].payer_group;
		}
		ui_changed(u, true);
		g->r = (int)i;
		g->c = C_NAME;
		ui_edit_start(&u->ed, prev ? prev : "", false);
		u->ed.proposed = prev && *prev;
		u->ed.step = SOEM_STEP_COSTS;
		u->ed.r = (int)i;
		u->ed.c = C_NAME;
		if (u->ed.proposed)
			ui_msg(u, false, "%s",
			       _("A new cost: Enter keeps the proposed name and payer, or type another name; then the basis and amount."));
		else
			ui_msg(u, false, "%s",
			       _("A new cost: type its name and Enter, then the payer, basis and amount."));
		return true;
	}
	if (a == ACT_DELETE) {
		if (g->r >= (int)calc->ncosts)
			return true;
		char q[300];
		const char *name = calc->costs[g->r].name;
		snprintf(q, sizeof q, _("Delete the cost \"%s\"?"),
			 name ? name : "");
		if (ui_ask(u, q, "yn", _("y: delete   n or Esc: keep")) != 'y')
			return true;
		soem_calc_delete_cost(calc, (size_t)g->r);
		ui_changed(u, true);
		return true;
	}
	return false;
}

void step_costs_detail(struct ui *u, struct ui_view *vw, char *b, size_t n)
{
	const struct ui_grid *g = &vw->grid;
	if (g->r >= (int)u->calc->ncosts) {
		snprintf(b, n, "%s", _("Enter or a: add a cost item"));
		return;
	}
	static const char *const help[C__N] = {
		N_("What the cost is for"),
		N_("Who pays it (Enter to choose; a payer group splits it by fixed shares)"),
		N_("How the amount is counted (Enter to choose)"),
		N_("Once: the years, e.g. 1 or 1 3; every year: first-last, e.g. 1-3"),
		N_("The amount in the profile's currency and price year"),
		N_("Ticked: the cost of the usual practice that is saved (counts negative)"),
		N_("The lowest plausible amount (empty: no range)"),
		N_("The highest plausible amount (empty: no range)"),
	};
	snprintf(b, n, "%s", _(help[g->c >= 0 && g->c < C__N ? g->c : 0]));
}
