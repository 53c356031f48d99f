/* step_intervention.c - step 1: the intervention, horizon, course length
 * and the intake per year (SPEC §5.1), with low and high beside each
 * year's participants (SPEC §2.7). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "model/calc_edit.h"
#include "ui/uipriv.h"
#include "util/i18n.h"

enum {
	IR_NAME, IR_DESC, IR_MUNI, IR_AUTHOR, IR_USUAL, IR_ANALYSIS, IR_START,
	IR_HORIZON, IR_LEVEL, IR_COURSE, IR_INTAKE_HEAD, IR_INTAKE0
};

#define LABEL_W 30
#define RANGE_W 12
/* Columns: label, value, and low and high beside an intake's value. */
enum { IC_LABEL, IC_VALUE, IC_LOW, IC_HIGH, IC__N };

static int row_total(const struct ui *u)
{
	return IR_INTAKE0 + (int)ui_gcalc(u)->nintake;
}

static int row_add(const struct ui *u)
{
	return row_total(u) + 1;
}

static enum ui_row_type rtype(struct ui *u, struct ui_view *vw, int r)
{
	(void)vw;
	(void)u;
	return r == IR_INTAKE_HEAD ? ROW_HEADING : ROW_DATA;
}

static const char *const labels[IR_INTAKE0] = {
	N_("Name"), N_("Description"), N_("Municipality"), N_("Author"),
	N_("Usual practice it replaces"), N_("Analysis"),
	N_("Start year (calendar year)"), N_("Horizon in years"),
	N_("Price level (year)"), N_("Course length in years"),
	N_("Participants starting each year (intake)"),
};

static void text_cell(struct ui_cell *o, const char *s)
{
	snprintf(o->text, sizeof o->text, "%s", s ? s : "");
	o->kind = CK_TEXT;
}

static void cell(struct ui *u, struct ui_view *vw, int r, int c,
		 struct ui_cell *o)
{
	(void)vw;
	soem_calc *calc = ui_gcalc(u);  /* the group's: intake, course */
	soem_intervention *iv = &u->calc->intervention;
	char b[SOEM_NUM_BUFSIZE];
	if (c > IC_VALUE && !(r >= IR_INTAKE0 &&
			      r - IR_INTAKE0 < (int)calc->nintake))
		return;
	if (r < IR_INTAKE0) {
		if (c == 0 || r == IR_INTAKE_HEAD) {
			if (c == 0)
				snprintf(o->text, sizeof o->text, "%s",
					 _(labels[r]));
			return;
		}
		switch (r) {
		case IR_NAME: text_cell(o, iv->name); break;
		case IR_DESC: text_cell(o, iv->description); break;
		case IR_MUNI: text_cell(o, iv->municipality); break;
		case IR_AUTHOR: text_cell(o, iv->author); break;
		case IR_USUAL: text_cell(o, iv->usual_practice); break;
		case IR_ANALYSIS:
			snprintf(o->text, sizeof o->text, "%s",
				 !iv->has_analysis ? _("(not said: choose with Enter)")
				 : iv->scenario ? _("scenario analysis (the effect is assumed)")
						: _("full analysis (the effect is documented)"));
			o->kind = CK_CHOICE;
			break;
		case IR_START:
			if (iv->start_year)
				snprintf(o->text, sizeof o->text, "%d",
					 iv->start_year);
			o->kind = CK_NUM;
			break;
		case IR_HORIZON:
			snprintf(o->text, sizeof o->text, "%d",
				 u->calc->horizon);
			o->kind = CK_NUM;
			break;
		case IR_COURSE:
			snprintf(o->text, sizeof o->text, "%d",
				 calc->course_years);
			o->kind = CK_NUM;
			break;
		case IR_LEVEL:
			/* SPEC 2.9: empty = the profile's price year */
			if (calc->price_level) {
				snprintf(o->text, sizeof o->text, "%d",
					 calc->price_level);
			} else {
				snprintf(o->text, sizeof o->text,
					 _("%d (the database's price year)"),
					 u->kb->price_year);
				snprintf(o->edit, sizeof o->edit, "%d",
					 u->kb->price_year);
			}
			o->kind = CK_NUM;
			break;
		}
		return;
	}
	int i = r - IR_INTAKE0;
	if (i < (int)calc->nintake) {
		const soem_intake *in = &calc->intake[i];
		if (c == 0) {
			if (iv->start_year)
				snprintf(o->text, sizeof o->text, "  %s %d (%d)",
					 _("Year"), in->year,
					 iv->start_year + in->year - 1);
			else
				snprintf(o->text, sizeof o->text, "  %s %d",
					 _("Year"), in->year);
			/* the year itself can be changed (Left, then type) */
			snprintf(o->edit, sizeof o->edit, "%d", in->year);
			o->kind = CK_NUM;
			return;
		}
		const soem_num *pn = &in->participants;
		if (c == IC_LOW || c == IC_HIGH) {
			double v = c == IC_HIGH ? pn->high : pn->low;
			ui_range_cell(u, pn->ranged, v, c == IC_HIGH, false,
				      v == (long long)v ? 0 : 2, o);
			return;
		}
		ui_num(u, in->participants.value, 0, o->text, sizeof o->text);
		if (in->participants.value != (long long)in->participants.value)
			ui_num(u, in->participants.value, 2, o->text,
			       sizeof o->text);
		ui_num_edit(u, in->participants.value, o->edit, sizeof o->edit);
		o->kind = CK_NUM;
		return;
	}
	if (r == row_total(u)) {
		if (c == 0)
			snprintf(o->text, sizeof o->text, "  %s", _("Total"));
		else
			snprintf(o->text, sizeof o->text, "%s",
				 ui_num(u, soem_calc_participants(calc), 0, b,
					sizeof b));
		return;
	}
	if (r == row_add(u) && c == 1) {
		snprintf(o->text, sizeof o->text, "%s",
			 _("+ Add a year with participants (a)"));
		o->kind = CK_ACTION;
	}
}

static bool commit(struct ui *u, struct ui_view *vw, int r, int c,
		   const char *text,
		   const char **why)
{
	(void)vw;
	(void)c;
	soem_calc *calc = ui_gcalc(u);  /* the group's: intake, course */
	soem_intervention *iv = &u->calc->intervention;
	int v;
	switch (r) {
	case IR_NAME: soem_str_set(&iv->name, text); return true;
	case IR_DESC: soem_str_set(&iv->description, text); return true;
	case IR_MUNI: soem_str_set(&iv->municipality, text); return true;
	case IR_AUTHOR: soem_str_set(&iv->author, text); return true;
	case IR_USUAL: soem_str_set(&iv->usual_practice, text); return true;
	case IR_START: {
		const char *t = text;
		while (*t == ' ')
			t++;
		if (!*t) {
			iv->start_year = 0;
			return true;
		}
		if (!ui_parse_int(u, text, 1900, 2200, &v, why))
			return false;
		iv->start_year = v;
		return true;
	}
	case IR_LEVEL: {
		const char *t = text;
		while (*t == ' ')
			t++;
		if (!*t)
			return soem_calc_set_price_level(calc, u->kb, 0, why);
		if (!ui_parse_int(u, text, 1900, 2200, &v, why))
			return false;
		return soem_calc_set_price_level(calc, u->kb, v, why);
	}
	case IR_HORIZON:
		if (!ui_parse_int(u, text, 1, SOEM_HORIZON_MAX, &v, why))
			return false;
		return soem_calc_set_horizon(u->calc, v, why);
	case IR_COURSE:
		if (!ui_parse_int(u, text, 1, 100, &v, why))
			return false;
		return soem_calc_set_course(calc, v, why);
	default:
		break;
	}
	int i = r - IR_INTAKE0;
	if (i >= 0 && i < (int)calc->nintake && c == IC_LABEL) {
		if (!ui_parse_int(u, text, 1, calc->horizon, &v, why))
			return false;
		return soem_calc_set_intake_year(calc, (size_t)i, v, why);
	}
	if (i >= 0 && i < (int)calc->nintake && (c == IC_LOW || c == IC_HIGH)) {
		double d;
		bool has;
		return ui_range_parse(u, text, false, &has, &d, why) &&
		       soem_calc_set_intake_bound(calc, (size_t)i, c == IC_HIGH,
						  has, d, why);
	}
	if (i >= 0 && i < (int)calc->nintake) {
		double d;
		if (!ui_parse(u, text, false, &d, why))
			return false;
		return soem_calc_set_intake(calc, (size_t)i, d, why);
	}
	return false;
}

static void add_year(struct ui *u, struct ui_view *vw)
{
	soem_calc *calc = ui_gcalc(u);
	int last = calc->nintake ? calc->intake[calc->nintake - 1].year : 0;
	char b[64];
	snprintf(b, sizeof b, "%d", last + 1);
	if (!ui_prompt(u, _("Add a year"), _("Year (1 = the year the intervention starts):"),
		       b, sizeof b))
		return;
	int year;
	const char *why = NULL;
	if (!ui_parse_int(u, b, 1, calc->horizon, &year, &why)) {
		ui_msg(u, true, _("\"%s\" refused: %s."), b, why);
		return;
	}
	char p[64] = "";
	if (!ui_prompt(u, _("Add a year"), _("Participants who start in that year:"),
		       p, sizeof p))
		return;
	double n;
	if (!ui_parse(u, p, false, &n, &why) ||
	    !soem_calc_add_intake(calc, year, n, &why)) {
		ui_msg(u, true, _("\"%s\" refused: %s."), p, why);
		return;
	}
	ui_changed(u, true);
	for (size_t i = 0; i < calc->nintake; i++)
		if (calc->intake[i].year == year)
			vw->grid.r = IR_INTAKE0 + (int)i;
}

static void activate(struct ui *u, struct ui_view *vw, int r, int c)
{
	(void)c;
	soem_intervention *iv = &u->calc->intervention;
	if (r == IR_ANALYSIS) {
		const char *items[] = {
			_("Full analysis: the effect is documented (a study or an evaluation)"),
			_("Scenario analysis: the effect is assumed, to see what it would take"),
		};
		int i = ui_pick(u, _("Analysis"), items, 2,
				iv->has_analysis && iv->scenario ? 1 : 0, false,
				NULL);
		if (i < 0)
			return;
		iv->has_analysis = true;
		iv->scenario = i == 1;
		ui_changed(u, true);
	} else if (r == row_add(u)) {
		add_year(u, vw);
	}
}

_Static_assert(IC__N <= UI_VIEW_COLS, "the form's columns fit a view");

const struct ui_griddef *step_intervention_grid(struct ui *u,
						struct ui_view *vw)
{
	vw->width[IC_LABEL] = LABEL_W;
	vw->width[IC_LOW] = vw->width[IC_HIGH] = RANGE_W;
	vw->width[IC_VALUE] = u->cols - LABEL_W - 2 * RANGE_W - 6;
	if (vw->width[IC_VALUE] < 10)
		vw->width[IC_VALUE] = 10;
	vw->def = (struct ui_griddef){ row_add(u) + 1, IC__N, IC__N,
		vw->width, NULL, vw, cell, rtype, commit, activate, true };
	return &vw->def;
}

void step_intervention_draw(struct ui *u, struct ui_view *vw, WINDOW *w, int h)
{
	ui_step_heading(u, w, NULL);
	ui_gbar_draw(u, w, 1);
	ui_grid_draw(u, w, 2, h - 3, step_intervention_grid(u, vw),
		     &vw->grid);
	ui_note_line(u, w, h - 1);
}

bool step_intervention_key(struct ui *u, struct ui_view *vw, enum ui_act a,
			   int ch, bool k)
{
	(void)ch;
	(void)k;
	struct ui_grid *g = &vw->grid;
	if (a == ACT_ADD) {
		add_year(u, vw);
		return true;
	}
	if (a == ACT_DELETE) {
		soem_calc *gc = ui_gcalc(u);
		int i = g->r - IR_INTAKE0;
		if (i < 0 || i >= (int)gc->nintake) {
			ui_msg(u, false, "%s",
			       _("Only a year of the intake can be deleted here: move to it first."));
			return true;
		}
		char q[200];
		snprintf(q, sizeof q, _("Delete the participants of year %d?"),
			 gc->intake[i].year);
		if (ui_ask(u, q, "yn", _("y: delete   n or Esc: keep")) != 'y')
			return true;
		const char *why = NULL;
		if (!soem_calc_delete_intake(gc, (size_t)i, &why))
			ui_msg(u, true, "%s", why);
		else
			ui_changed(u, true);
		return true;
	}
	return false;
}

void step_intervention_detail(struct ui *u, struct ui_view *vw, char *b,
			      size_t n)
{
	static const char *const help[IR_INTAKE0] = {
		N_("What the intervention is called"),
		N_("What the participants get, in a sentence"),
		N_("The municipality (or förbund) running it"),
		N_("Who made this calculation"),
		N_("What they get without it (SØM: basisalternativ)"),
		N_("Full: effect documented; scenario: assumed"),
		N_("The calendar year of year 1 (empty: not said)"),
		N_("Years the calculation follows, 1 to 100"),
		N_("Every amount is shown and typed at this year's prices (empty: the database's price year)"),
		N_("Years in it; consequences count from its end"),
		"",
	};
	int r = vw->grid.r;
	if (r >= 0 && r < IR_INTAKE0)
		snprintf(b, n, "%s", _(help[r]));
	else if (r - IR_INTAKE0 < (int)ui_gcalc(u)->nintake)
		snprintf(b, n, "%s",
			 vw->grid.c >= IC_LOW
				 ? _("Low and high: the range for the sensitivity and Monte Carlo (empty: none)")
			 : vw->grid.c == IC_LABEL
				 ? _("The year these participants start (1 = the first year); type to change it")
				 : _("Participants who start in this year"));
}
