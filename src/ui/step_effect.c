/* step_effect.c - step 3: the effect measure, p1 and p0, or s, or an
 * experiment's counts (SPEC §2.8: p1, p0, s and Newcombe's 95 % interval,
 * live), low and high beside the shares (SPEC §2.7), where the figure
 * comes from, and persistence (SPEC §2.2, §5.1); p opens the evaluation
 * design with the calculation's p0 and p1. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "design/design.h"
#include "model/calc_edit.h"
#include "ui/uipriv.h"
#include "util/i18n.h"
#include "util/xalloc.h"

enum {
	E_GROUP, E_MEASURE, E_MEASURE_NAME, E_MODE, E_XT, E_NT, E_XC, E_NC,
	E_WAIT, E_P1, E_P0, E_S_CALC, E_S, E_CI, E_ZERO, E_LIVE, E_SRC_KIND, E_LEVEL,
	E_NOTE, E_PERSIST, E_DECAY, E_RHO, E_COMPLETION, E_STUDY_HEAD, E_STUDY0
};

/* Columns: label, value, and low and high beside the value. */
enum { EC_LABEL, EC_VALUE, EC_LOW, EC_HIGH, EC__N };

#define LABEL_W 34
#define RANGE_W 12
#define MAXROWS UI_EFFECT_ROWS

/* An experiment's counts being typed in: they go into the calculation
 * once all four make sense (a file needs all four); until then the
 * calculation keeps its p1 and p0. */
static struct {
	const soem_calc *calc;  /* whose they are */
	bool on;
	bool has[4];
	long v[4];              /* x_t, n_t, x_c, n_c */
} pend;

static bool counts_mode(const struct ui *u)
{
	if (pend.on && pend.calc != ui_gcalc(u))
		pend.on = false;
	return ui_gcalc(u)->effect.experiment.present || pend.on;
}

/* Count k (0 x_t, 1 n_t, 2 x_c, 3 n_c); false when not given yet. */
static bool count_of(const struct ui *u, int k, long *v)
{
	const soem_experiment *x = &ui_gcalc(u)->effect.experiment;
	if (x->present) {
		const long c[4] = { x->x_t, x->n_t, x->x_c, x->n_c };
		*v = c[k];
		return true;
	}
	*v = pend.v[k];
	return pend.on && pend.has[k];
}


static const soem_kb_group *group(const struct ui *u)
{
	return soem_calc_kb_group(ui_gcalc(u), u->kb);
}

static bool interval(const struct ui *u, double *p1, double *p0, double *s,
		     double *lo, double *hi);

static void build_rows(struct ui *u, struct ui_view *vw)
{
	struct ui_effect_view *ev = &vw->effect;
	const soem_effect *e = &ui_gcalc(u)->effect;
	ev->nrows = 0;
	ev->rows[ev->nrows++] = E_GROUP;
	ev->rows[ev->nrows++] = E_MEASURE;
	if (e->has_measure && e->measure.custom)
		ev->rows[ev->nrows++] = E_MEASURE_NAME;
	ev->rows[ev->nrows++] = E_MODE;
	if (counts_mode(u)) {
		for (int k = E_XT; k <= E_WAIT; k++)
			ev->rows[ev->nrows++] = k;
		ev->rows[ev->nrows++] = E_P1;
		ev->rows[ev->nrows++] = E_P0;
		ev->rows[ev->nrows++] = E_S_CALC;
		ev->rows[ev->nrows++] = E_CI;
		double p1, p0, s, lo, hi;
		if (interval(u, &p1, &p0, &s, &lo, &hi) && lo <= 0 && hi >= 0)
			ev->rows[ev->nrows++] = E_ZERO;
	} else if (e->has_success_rate) {
		ev->rows[ev->nrows++] = E_S;
	} else {
		ev->rows[ev->nrows++] = E_P1;
		ev->rows[ev->nrows++] = E_P0;
		ev->rows[ev->nrows++] = E_S_CALC;
	}
	if (u->res) {
		const soem_unc *un = ui_unc(u, false, NULL);
		if (un && un->mc.draws > 0)
			ev->rows[ev->nrows++] = E_LIVE;
	}
	ev->rows[ev->nrows++] = E_SRC_KIND;
	ev->rows[ev->nrows++] = E_LEVEL;
	ev->rows[ev->nrows++] = E_NOTE;
	ev->rows[ev->nrows++] = E_PERSIST;
	if (e->persist == SOEM_PERSIST_DECAY)
		ev->rows[ev->nrows++] = E_DECAY;
	if (e->persist == SOEM_PERSIST_LIST)
		ev->rows[ev->nrows++] = E_RHO;
	/* SPEC 2.9: the share of starters who complete, per group (last,
	 * so that Enter after p0 still goes on to the source) */
	ev->rows[ev->nrows++] = E_COMPLETION;
	const soem_kb_group *g = group(u);
	if (g && g->nstudies) {
		ev->rows[ev->nrows++] = E_STUDY_HEAD;
		for (size_t i = 0; i < g->nstudies && ev->nrows < MAXROWS; i++)
			ev->rows[ev->nrows++] = E_STUDY0 + (int)i;
	}
}

static const char *const source_kinds[] = {
	N_("(not said)"), N_("a study"), N_("own evaluation"),
	N_("professional estimate"), N_("scenario (assumed)"),
};

static const char *const levels[] = {
	N_("(not given)"), N_("1: randomised controlled trial"),
	N_("2: comparison group (quasi-experimental)"),
	N_("3: before and after"),
};

static const char *const persist_names[] = {
	N_("full: the whole effect lasts every year (SØM)"),
	N_("falls by a share each year"),
	N_("a share for each year (a list)"),
};

static enum ui_row_type rtype(struct ui *u, struct ui_view *vw, int r)
{
	(void)u;
	return r < vw->effect.nrows && vw->effect.rows[r] == E_STUDY_HEAD
		       ? ROW_HEADING
		       : ROW_DATA;
}

static void rho_text(const struct ui *u, char *b, size_t n)
{
	const soem_effect *e = &ui_gcalc(u)->effect;
	size_t o = 0;
	b[0] = '\0';
	for (size_t j = 0; j < e->nrho && o < n; j++) {
		char t[64];
		o += (size_t)snprintf(b + o, n - o, "%s%s", j ? "; " : "",
				      ui_pct_edit(u, e->rho[j].value, t, sizeof t));
	}
}

/* The soem_num of a row that may carry a range, or NULL. */
static soem_num *ranged_num(struct ui *u, int id, bool *may_be_negative)
{
	soem_effect *e = &ui_gcalc(u)->effect;
	*may_be_negative = false;
	switch (id) {
	case E_P1: return counts_mode(u) || !e->has_p1 ? NULL : &e->p1;
	case E_P0: return counts_mode(u) || !e->has_p0 ? NULL : &e->p0;
	case E_S:
		*may_be_negative = true;
		return &e->success_rate;
	case E_DECAY: return &e->decay;
	default: return NULL;
	}
}

/* Newcombe's interval of the counts (false: not all four given yet). */
static bool interval(const struct ui *u, double *p1, double *p0, double *s,
		     double *lo, double *hi)
{
	long v[4];
	for (int k = 0; k < 4; k++)
		if (!count_of(u, k, &v[k]))
			return false;
	if (v[1] < 1 || v[3] < 1 || v[0] < 0 || v[2] < 0 || v[0] > v[1] ||
	    v[2] > v[3])
		return false;
	*p1 = (double)v[0] / (double)v[1];
	*p0 = (double)v[2] / (double)v[3];
	soem_newcombe(v[0], v[1], v[2], v[3], 0.95, s, lo, hi);
	return true;
}

static void cell(struct ui *u, struct ui_view *vw, int r, int c,
		 struct ui_cell *o)
{
	const soem_effect *e = &ui_gcalc(u)->effect;
	const soem_kb_group *g = group(u);
	int id = vw->effect.rows[r];
	static const char *const labels[E_STUDY0] = {
		N_("Target group"), N_("Effect measure"),
		N_("Own effect measure's name"), N_("The effect is given as"),
		N_("x_t: treated who reached it"),
		N_("n_t: treated in all"),
		N_("x_c: controls who reached it"),
		N_("n_c: controls in all"),
		N_("Waiting list (months)"),
		N_("p1: share with the intervention"),
		N_("p0: share without it (anyway)"),
		N_("s = p1 - p0: the effect used"),
		N_("s: the success rate (p1 - p0)"),
		/* xgettext:no-c-format */ N_("95 % interval of s (Newcombe)"),
		N_("  ! The interval contains 0: the experiment cannot tell the effect from zero."),
		N_("Share of draws with net > 0"),
		N_("Where the figures come from"), N_("Evidence level"),
		N_("Source (reference, note)"), N_("Persistence of the effect"),
		N_("Share lost each year"),
		N_("Share left in year 1; 2; 3 ..."),
		N_("Completion: share who complete"),
		N_("Effect studies in the database for this group"),
	};
	if (id >= E_STUDY0) {
		const soem_kb_study *st = &g->studies[id - E_STUDY0];
		char p1[64], p0[64];
		if (c == EC_LABEL) {
			snprintf(o->text, sizeof o->text, "  %s",
				 st->intervention ? st->intervention : "");
			return;
		}
		if (c != EC_VALUE)
			return;
		snprintf(o->text, sizeof o->text, "%s p1 %s, p0 %s (%s %d)",
			 _("Use:"),
			 st->has_p1 ? ui_pct(u, st->p1, 1, p1, sizeof p1) : "-",
			 st->has_p0 ? ui_pct(u, st->p0, 1, p0, sizeof p0) : "-",
			 _("level"), st->evidence_level);
		o->kind = CK_ACTION;
		return;
	}
	if (c == EC_LABEL || id == E_STUDY_HEAD || id == E_ZERO) {
		if (c == EC_LABEL)
			snprintf(o->text, sizeof o->text, "%s", _(labels[id]));
		if (id == E_ZERO)
			o->role = R_WARN;
		return;
	}
	if (c == EC_LOW || c == EC_HIGH) {
		bool neg;
		const soem_num *n = ranged_num(u, id, &neg);
		if (n)
			ui_range_cell(u, n->ranged, c == EC_HIGH ? n->high : n->low,
				      c == EC_HIGH, true, 1, o);
		return;
	}
	bool from_exp = counts_mode(u);
	double p1, p0, s, lo, hi;
	switch (id) {
	case E_GROUP:
		if (!ui_gcalc(u)->has_target_group)
			snprintf(o->text, sizeof o->text, "%s",
				 _("(none yet: choose it on step 2)"));
		else if (g)
			snprintf(o->text, sizeof o->text, "%s",
				 ui_text(u, &g->name));
		else
			snprintf(o->text, sizeof o->text, "%s: %s", _("own"),
				 ui_gcalc(u)->target_group.custom
					 ? ui_gcalc(u)->target_group.custom
					 : ui_gcalc(u)->target_group.kb);
		break;
	case E_MEASURE: {
		const soem_kb_measure *m = soem_calc_kb_measure(ui_gcalc(u), u->kb);
		o->kind = CK_CHOICE;
		if (m)
			snprintf(o->text, sizeof o->text, "%s", ui_text(u, &m->name));
		else if (e->has_measure && e->measure.custom)
			snprintf(o->text, sizeof o->text, "%s",
				 _("own effect measure (named below)"));
		else if (e->has_measure && e->measure.kb)
			snprintf(o->text, sizeof o->text, "%s", e->measure.kb);
		else
			snprintf(o->text, sizeof o->text, "%s",
				 _("(not chosen: Enter to choose)"));
		break;
	}
	case E_MEASURE_NAME:
		snprintf(o->text, sizeof o->text, "%s",
			 e->measure.custom ? e->measure.custom : "");
		o->kind = CK_TEXT;
		break;
	case E_MODE:
		snprintf(o->text, sizeof o->text, "%s",
			 from_exp ? _("an experiment's counts")
			 : e->has_success_rate ? _("the success rate s directly")
					       : _("p1 and p0 (recommended)"));
		o->kind = CK_CHOICE;
		break;
	case E_XT:
	case E_NT:
	case E_XC:
	case E_NC: {
		long v;
		if (count_of(u, id - E_XT, &v)) {
			snprintf(o->text, sizeof o->text, "%ld", v);
		} else {
			snprintf(o->text, sizeof o->text, "%s", _("(enter)"));
			o->placeholder = true;
			o->role = R_DIM;
		}
		o->kind = CK_NUM;
		break;
	}
	case E_WAIT:
		if (e->experiment.present && e->experiment.has_waiting)
			ui_num_edit(u, e->experiment.waiting_months, o->text,
				    sizeof o->text);
		else {
			snprintf(o->text, sizeof o->text, "%s",
				 e->experiment.present ? _("(not given)")
						       : _("(after the counts)"));
			o->placeholder = true;
			o->role = R_DIM;
		}
		o->kind = e->experiment.present ? CK_NUM : CK_LABEL;
		break;
	case E_P1:
	case E_P0: {
		if (from_exp) {
			if (interval(u, &p1, &p0, &s, &lo, &hi))
				ui_pct(u, id == E_P1 ? p1 : p0, 1, o->text,
				       sizeof o->text);
			else
				snprintf(o->text, sizeof o->text, "%s",
					 _("(from the counts)"));
			break;
		}
		bool has = id == E_P1 ? e->has_p1 : e->has_p0;
		const soem_num *n = id == E_P1 ? &e->p1 : &e->p0;
		if (has) {
			ui_pct(u, n->value, 1, o->text, sizeof o->text);
			ui_pct_edit(u, n->value, o->edit, sizeof o->edit);
		} else if (id == E_P0) {
			snprintf(o->text, sizeof o->text, "%s",
				 /* xgettext:no-c-format */ _("(empty: 0 % is assumed)"));
			o->edit[0] = '\0';
			o->placeholder = true;
		}
		o->kind = CK_NUM;
		o->share = true;
		break;
	}
	case E_S_CALC:
		if (from_exp && interval(u, &p1, &p0, &s, &lo, &hi))
			ui_pct(u, s, 1, o->text, sizeof o->text);
		else if (!from_exp && soem_calc_success_rate(ui_gcalc(u), &s))
			ui_pct(u, s, 1, o->text, sizeof o->text);
		else
			snprintf(o->text, sizeof o->text, "%s",
				 from_exp ? _("(from the counts)")
					  : _("(enter p1 first)"));
		break;
	case E_CI:
		if (interval(u, &p1, &p0, &s, &lo, &hi)) {
			char a[SOEM_NUM_BUFSIZE], b[SOEM_NUM_BUFSIZE];
			snprintf(o->text, sizeof o->text, _("%s to %s"),
				 ui_pct(u, lo, 2, a, sizeof a),
				 ui_pct(u, hi, 2, b, sizeof b));
			if (lo <= 0 && hi >= 0) {
				size_t l = strlen(o->text);
				snprintf(o->text + l, sizeof o->text - l, "  %s",
					 _("! contains 0"));
				o->role = R_WARN;
			}
		} else {
			snprintf(o->text, sizeof o->text, "%s",
				 _("(enter the four counts)"));
		}
		break;
	case E_LIVE: {
		const soem_unc *un = ui_unc(u, false, NULL);
		if (!un || un->mc.draws <= 0)
			break;
		size_t P = un->mc.npayers;
		char a[SOEM_NUM_BUFSIZE], b[SOEM_NUM_BUFSIZE],
			d[SOEM_NUM_BUFSIZE];
		snprintf(o->text, sizeof o->text,
			 _("%s of %s draws; Results: %s"),
			 ui_pct(u, un->mc.share_positive[P], 1, a, sizeof a),
			 ui_num(u, (double)un->mc.draws, 0, b, sizeof b),
			 ui_num(u, (double)u->calc->draws, 0, d, sizeof d));
		break;
	}
	case E_S:
		ui_pct(u, e->success_rate.value, 1, o->text, sizeof o->text);
		ui_pct_edit(u, e->success_rate.value, o->edit, sizeof o->edit);
		o->kind = CK_NUM;
		o->share = true;
		break;
	case E_SRC_KIND:
		snprintf(o->text, sizeof o->text, "%s",
			 _(source_kinds[e->has_source ? e->source_kind : 0]));
		o->kind = CK_CHOICE;
		break;
	case E_LEVEL: {
		int l = e->has_source ? e->evidence_level : 0;
		snprintf(o->text, sizeof o->text, "%s",
			 _(levels[l >= 0 && l <= 3 ? l : 0]));
		o->kind = CK_CHOICE;
		break;
	}
	case E_NOTE:
		snprintf(o->text, sizeof o->text, "%s",
			 e->source_note ? e->source_note : "");
		o->kind = CK_TEXT;
		break;
	case E_PERSIST:
		snprintf(o->text, sizeof o->text, "%s",
			 _(persist_names[e->persist <= SOEM_PERSIST_LIST
						 ? e->persist
						 : 0]));
		o->kind = CK_CHOICE;
		break;
	case E_DECAY:
		ui_pct(u, e->decay.value, 1, o->text, sizeof o->text);
		ui_pct_edit(u, e->decay.value, o->edit, sizeof o->edit);
		o->kind = CK_NUM;
		o->share = true;
		break;
	case E_RHO:
		rho_text(u, o->text, sizeof o->text);
		o->kind = CK_TEXT;
		break;
	case E_COMPLETION: {
		const soem_calc *gc = ui_gcalc(u);
		if (gc->has_completion) {
			ui_pct(u, gc->completion.value, 1, o->text,
			       sizeof o->text);
			ui_pct_edit(u, gc->completion.value, o->edit,
				    sizeof o->edit);
		} else {
			snprintf(o->text, sizeof o->text, "%s",
				 /* xgettext:no-c-format */ _("(empty: everyone completes, 100 %)"));
			o->edit[0] = '\0';
			o->placeholder = true;
		}
		o->kind = CK_NUM;
		o->share = true;
		break;
	}
	default:
		break;
	}
}

static bool parse_share(struct ui *u, const char *text, double *v,
			const char **why)
{
	return ui_parse(u, text, true, v, why);
}

static bool blank(const char *s)
{
	while (*s == ' ')
		s++;
	return !*s;
}

/* A count typed in: into the calculation once all four make sense. */
static bool commit_count(struct ui *u, int k, const char *text,
			 const char **why)
{
	int n;
	if (!ui_parse_int(u, text, 0, 1000000000, &n, why))
		return false;
	long v[4];
	bool all = true;
	for (int i = 0; i < 4; i++)
		all = count_of(u, i, &v[i]) && all;
	v[k] = n;
	if (ui_gcalc(u)->effect.experiment.present)
		return soem_calc_set_experiment(ui_gcalc(u), v[0], v[1], v[2], v[3],
						why);
	/* pending: check what can be checked, keep the count */
	if ((k == 1 || k == 3) && n < 1) {
		*why = k == 1 ? _("the treated group needs at least 1 participant")
			      : _("the control group needs at least 1 participant");
		return false;
	}
	pend.calc = ui_gcalc(u);
	pend.on = true;
	pend.v[k] = n;
	pend.has[k] = true;
	all = pend.has[0] && pend.has[1] && pend.has[2] && pend.has[3];
	if (all) {
		if (!soem_calc_set_experiment(ui_gcalc(u), pend.v[0], pend.v[1],
					      pend.v[2], pend.v[3], why)) {
			pend.has[k] = false;
			return false;
		}
		pend.on = false;
		ui_msg(u, false, "%s",
		       /* xgettext:no-c-format */ _("The counts decide p1 and p0; their 95 % interval is the range of s."));
	}
	return true;
}

static bool commit(struct ui *u, struct ui_view *vw, int r, int c,
		   const char *text,
		   const char **why)
{
	soem_effect *e = &ui_gcalc(u)->effect;
	double v;
	if (c == EC_LOW || c == EC_HIGH) {
		bool neg, has;
		soem_num *n = ranged_num(u, vw->effect.rows[r], &neg);
		if (!n || !ui_range_parse(u, text, true, &has, &v, why))
			return false;
		return soem_calc_set_share_bound(n, c == EC_HIGH, has, v, neg,
						 why);
	}
	switch (vw->effect.rows[r]) {
	case E_XT:
	case E_NT:
	case E_XC:
	case E_NC:
		return commit_count(u, vw->effect.rows[r] - E_XT, text, why);
	case E_WAIT:
		if (blank(text))
			return soem_calc_set_waiting(ui_gcalc(u), false, 0, why);
		return ui_parse(u, text, false, &v, why) &&
		       soem_calc_set_waiting(ui_gcalc(u), true, v, why);
	case E_MEASURE_NAME:
		if (blank(text)) {
			*why = _("the effect measure needs a name");
			return false;
		}
		soem_calc_set_measure_custom(ui_gcalc(u), text);
		return true;
	case E_P1:
		if (!parse_share(u, text, &v, why) ||
		    !soem_calc_set_share(&e->p1, v, false, why))
			return false;
		e->has_p1 = true;
		if (!e->has_p0) {
			/* p0 is part of "p1 and p0" */
		}
		return true;
	case E_P0:
		if (blank(text)) {
			e->has_p0 = false;
			e->p0 = soem_num_of(0);
			return true;
		}
		if (!parse_share(u, text, &v, why) ||
		    !soem_calc_set_share(&e->p0, v, false, why))
			return false;
		e->has_p0 = true;
		return true;
	case E_S:
		if (!parse_share(u, text, &v, why) ||
		    !soem_calc_set_share(&e->success_rate, v, true, why))
			return false;
		e->has_success_rate = true;
		return true;
	case E_COMPLETION:
		if (blank(text))
			return soem_calc_set_completion(ui_gcalc(u), false, 0,
							why);
		return parse_share(u, text, &v, why) &&
		       soem_calc_set_completion(ui_gcalc(u), true, v, why);
	case E_NOTE:
		soem_str_set(&e->source_note, text);
		e->has_source = true;
		return true;
	case E_DECAY:
		if (!parse_share(u, text, &v, why) ||
		    !soem_calc_set_share(&e->decay, v, false, why))
			return false;
		e->has_persistence = true;
		return true;
	case E_RHO: {
		soem_num list[SOEM_HORIZON_MAX];
		size_t n = 0;
		char buf[UI_CELL_MAX];
		snprintf(buf, sizeof buf, "%s", text);
		char *save = NULL;
		for (char *tok = strtok_r(buf, ";", &save); tok;
		     tok = strtok_r(NULL, ";", &save)) {
			if (blank(tok))
				continue;
			if (n >= SOEM_HORIZON_MAX || !parse_share(u, tok, &v, why))
				return false;
			if (v < 0 || v > 1) {
				*why = _("expected shares between 0 % and 100 %, separated by ;");
				return false;
			}
			list[n++] = soem_num_of(v);
		}
		if (n == 0) {
			*why = _("give the share left in each year, separated by ; (e.g. 100 %; 100 %; 80 %)");
			return false;
		}
		free(e->rho);
		e->rho = xcalloc(n, sizeof *e->rho);
		memcpy(e->rho, list, n * sizeof *list);
		e->nrho = n;
		e->has_persistence = true;
		return true;
	}
	default:
		return false;
	}
}

static void choose_measure(struct ui *u)
{
	const soem_kb_group *g = group(u);
	size_t nm = g ? g->nmeasures : 0;
	const char **items = xcalloc(nm + 1, sizeof *items);
	int cur = 0;
	for (size_t i = 0; i < nm; i++) {
		items[i] = ui_text(u, &g->measures[i].name);
		const soem_effect *e = &ui_gcalc(u)->effect;
		if (e->has_measure && e->measure.kb &&
		    strcmp(e->measure.kb, g->measures[i].id) == 0)
			cur = (int)i;
	}
	items[nm] = _("Own effect measure...");
	int i = ui_pick(u, _("Effect measure"), items, (int)nm + 1, cur, false,
			g ? _("The target group's success measures in the database:")
			  : _("Your target group is your own: name your own effect measure."));
	free(items);
	if (i < 0)
		return;
	if ((size_t)i < nm) {
		soem_calc_set_measure_kb(ui_gcalc(u), g->measures[i].id);
	} else {
		char b[256] = "";
		const soem_effect *e = &ui_gcalc(u)->effect;
		if (e->measure.custom)
			snprintf(b, sizeof b, "%s", e->measure.custom);
		if (!ui_prompt(u, _("Own effect measure"),
			       _("Name the yes/no outcome (e.g. \"in a job one year after\"):"),
			       b, sizeof b) ||
		    blank(b))
			return;
		soem_calc_set_measure_custom(ui_gcalc(u), b);
	}
	ui_changed(u, true);
}

static void use_study(struct ui *u, const soem_kb_study *st)
{
	soem_effect *e = &ui_gcalc(u)->effect;
	if (e->experiment.present) {
		ui_msg(u, true, "%s",
		       _("The effect comes from an experiment's counts in this file; remove them to use a study."));
		return;
	}
	if (ui_ask(u, _("Use this study's p1 and p0 (and evidence level)?"), "yn",
		   _("y: use them   n or Esc: keep yours")) != 'y')
		return;
	soem_calc_set_effect_direct(ui_gcalc(u), false);
	e->has_p1 = st->has_p1;
	e->p1 = soem_num_of(st->p1);
	e->has_p0 = st->has_p0;
	e->p0 = soem_num_of(st->p0);
	e->has_source = true;
	e->source_kind = SOEM_SRC_STUDY;
	e->evidence_level = st->evidence_level;
	if (!e->source_note && st->intervention)
		e->source_note = xstrdup(st->intervention);
	ui_changed(u, true);
}

static void activate(struct ui *u, struct ui_view *vw, int r, int c)
{
	(void)c;
	soem_effect *e = &ui_gcalc(u)->effect;
	int id = vw->effect.rows[r];
	int i;
	switch (id) {
	case E_MEASURE:
		choose_measure(u);
		return;
	case E_MODE: {
		const char *items[] = {
			_("p1 and p0 (recommended)"),
			_("the success rate s directly"),
			_("an experiment's counts (a randomised trial)"),
		};
		int cur = counts_mode(u) ? 2 : e->has_success_rate ? 1 : 0;
		i = ui_pick(u, _("The effect is given as"), items, 3, cur, false,
			    _("Counts: how many of the treated and of the controls reached the effect measure."));
		if (i < 0 || i == cur)
			return;
		pend.on = false;
		if (i == 2) {
			/* the counts come first; until then p1 and p0 stay */
			memset(&pend, 0, sizeof pend);
			pend.calc = ui_gcalc(u);
			pend.on = true;
			ui_msg(u, false, "%s",
			       _("Enter the four counts: they replace p1 and p0 when all are given."));
			build_rows(u, vw);
			for (int k = 0; k < vw->effect.nrows; k++)
				if (vw->effect.rows[k] == E_XT) {
					vw->grid.r = k;
					vw->grid.c = EC_VALUE;
				}
			return;
		}
		if (e->experiment.present)
			soem_calc_clear_experiment(ui_gcalc(u));
		if (i == 1)
			soem_calc_set_effect_direct(ui_gcalc(u), true);
		else
			soem_calc_set_effect_direct(ui_gcalc(u), false);
		break;
	}
	case E_SRC_KIND: {
		const char *items[5];
		for (int k = 0; k < 5; k++)
			items[k] = _(source_kinds[k]);
		i = ui_pick(u, _("Where the figures come from"), items, 5,
			    e->has_source ? (int)e->source_kind : 0, false, NULL);
		if (i < 0)
			return;
		e->source_kind = (enum soem_source_kind)i;
		e->has_source = true;
		break;
	}
	case E_LEVEL: {
		const char *items[4];
		for (int k = 0; k < 4; k++)
			items[k] = _(levels[k]);
		i = ui_pick(u, _("Evidence level"), items, 4,
			    e->evidence_level, false, NULL);
		if (i < 0)
			return;
		e->evidence_level = i;
		e->has_source = true;
		break;
	}
	case E_PERSIST: {
		const char *items[3];
		for (int k = 0; k < 3; k++)
			items[k] = _(persist_names[k]);
		i = ui_pick(u, _("Persistence of the effect"), items, 3,
			    (int)e->persist, false, NULL);
		if (i < 0)
			return;
		e->persist = (enum soem_persist)i;
		e->has_persistence = true;
		if (e->persist == SOEM_PERSIST_LIST && e->nrho == 0) {
			e->rho = xcalloc(1, sizeof *e->rho);
			e->rho[0] = soem_num_of(1.0);
			e->nrho = 1;
		}
		break;
	}
	default:
		if (id >= E_STUDY0 && group(u))
			use_study(u, &group(u)->studies[id - E_STUDY0]);
		return;
	}
	ui_changed(u, true);
}

_Static_assert(EC__N <= UI_VIEW_COLS, "the form's columns fit a view");

const struct ui_griddef *step_effect_grid(struct ui *u, struct ui_view *vw)
{
	build_rows(u, vw);
	vw->width[EC_LABEL] = LABEL_W;
	vw->width[EC_LOW] = vw->width[EC_HIGH] = RANGE_W;
	vw->width[EC_VALUE] = u->cols - LABEL_W - 2 * RANGE_W - 6;
	if (vw->width[EC_VALUE] < 10)
		vw->width[EC_VALUE] = 10;
	vw->def = (struct ui_griddef){ vw->effect.nrows, EC__N, EC__N,
		vw->width, NULL, vw, cell, rtype, commit, activate, true };
	return &vw->def;
}

void step_effect_draw(struct ui *u, struct ui_view *vw, WINDOW *w, int h)
{
	ui_step_heading(u, w, NULL);
	ui_gbar_draw(u, w, 1);
	const struct ui_griddef *d = step_effect_grid(u, vw);
	struct ui_grid *g = &vw->grid;
	if (g->r == 0 && g->c == 0) {
		g->r = 1;
		g->c = 1;
	}
	ui_grid_draw(u, w, 2, h - 3, d, g);
	ui_note_line(u, w, h - 1);
}

bool step_effect_key(struct ui *u, struct ui_view *vw, enum ui_act a, int ch,
		     bool k)
{
	(void)vw;
	(void)ch;
	(void)k;
	if (a == ACT_DESIGN) {
		ui_design_open(u, true);
		return true;
	}
	return false;
}

void step_effect_detail(struct ui *u, struct ui_view *vw, char *b, size_t n)
{
	build_rows(u, vw);
	int r = vw->grid.r;
	if (r < 0 || r >= vw->effect.nrows)
		return;
	const char *t = "";
	switch (vw->effect.rows[r]) {
	case E_MEASURE: t = _("The yes/no outcome (SØM: succesmål)"); break;
	case E_P1: t = /* xgettext:no-c-format */ _("E.g. 12 % or 0,12"); break;
	case E_P0: t = _("Those who reach it anyway are no effect of it"); break;
	case E_S: t = _("s = p1 - p0; then p0 counts as 0"); break;
	case E_XT: t = _("Treated who reached the effect measure"); break;
	case E_NT: t = _("Everyone randomised to the intervention"); break;
	case E_XC: t = _("Controls (waiting list) who reached it anyway"); break;
	case E_NC: t = _("Everyone randomised to the control group"); break;
	case E_WAIT: t = _("Later years rest on the persistence assumption"); break;
	case E_CI: t = _("Where the true effect most likely lies (95 %)"); break;
	case E_LIVE: t = _("A quick preview; the Results step uses all draws"); break;
	case E_MODE: t = _("p1 and p0 when you can: p0 keeps it honest"); break;
	case E_SRC_KIND: t = _("Study, evaluation, estimate or scenario"); break;
	case E_LEVEL: t = _("1 is the strongest (randomised), 3 the weakest"); break;
	case E_PERSIST: t = _("SØM assumes the whole effect lasts"); break;
	case E_DECAY: t = _("10 %: each year keeps 90 % of the one before"); break;
	case E_RHO: t = _("E.g. 100 %; 100 %; 80 % (the last one stays)"); break;
	case E_COMPLETION: t = _("Of those who start, the share who complete the course (empty: all)"); break;
	default:
		if (vw->effect.rows[r] >= E_STUDY0)
			t = _("Enter: use this study's p1 and p0");
		break;
	}
	snprintf(b, n, "%s", t);
}
