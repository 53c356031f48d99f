/* step_results.c - step 7: the engine's results (SPEC §2.6) as a page to
 * scroll: totals per payer, break-even year, return per krone, break-even
 * success rate against the success rate and its interval, a chart of the
 * cumulative discounted net per year drawn with block characters (ASCII
 * '#' when the locale is not UTF-8), the one-way sensitivity as a tornado
 * chart and the Monte Carlo (SPEC §2.7), and the per-year tables; with an
 * experiment, its interval, the note when it cannot tell the effect from
 * zero, and the years resting on the persistence assumption (SPEC §2.8).
 * Nothing is computed here: every figure is the engine's (model/problem.c
 * + engine/engine.c + model/uncertainty.c, as `soem calc`, with the
 * file's draws and seed). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/calc_edit.h"
#include "ui/uipriv.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define LABEL_W 24
#define COL_W 13
#define CELLS_MAX 17

enum rl_kind { RL_TEXT, RL_HEAD, RL_ROW, RL_CHART, RL_BLANK, RL_TORNADO,
	       RL_TAXIS };

struct rl {
	enum rl_kind kind;
	attr_t attr;
	char label[200];
	int ncells;
	char cells[CELLS_MAX][40];
	double v;   /* RL_CHART: the value */
};

static struct rl *add(struct ui_results_view *rv, enum rl_kind k, attr_t attr,
		      const char *label)
{
	xgrow((void **)&rv->lines, &rv->caplines, rv->nlines + 1,
	      sizeof *rv->lines);
	struct rl *l = &rv->lines[rv->nlines++];
	memset(l, 0, sizeof *l);
	l->kind = k;
	l->attr = attr;
	snprintf(l->label, sizeof l->label, "%s", label ? label : "");
	return l;
}

static size_t ncols(const soem_result *r)
{
	size_t n = r->npayers + 1;
	return n > CELLS_MAX ? CELLS_MAX : n;
}

/* Nordic and Latin vowels, for where a word may be broken. */
static bool vowel(unsigned cp)
{
	if (cp < 0x80)
		return cp && strchr("aeiouyAEIOUY", (int)cp) != NULL;
	return cp >= 0xC0 && cp <= 0xFE && cp != 0xD7 && cp != 0xF7 &&
	       cp != 0xC7 && cp != 0xE7 && cp != 0xD1 && cp != 0xF1 &&
	       cp != 0xD0 && cp != 0xF0 && cp != 0xDE && cp != 0xFE &&
	       cp != 0xDF;
}

static bool letter(unsigned cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	       (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7);
}

/* The code point at s (UTF-8) and its length. */
static size_t dec(const char *s, unsigned *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2;
	unsigned c = n == 1 ? *p : *p & (0x3F >> (n - 1));
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return *cp = 0xFFFD, 1;
		c = (c << 6) | (p[i] & 0x3F);
	}
	*cp = c;
	return n;
}

/* A column heading over two lines of width columns (issue 14: Swedish
 * payers ran together, "RegionFörsäkringsk..."): words that fit go on
 * the first line, the rest on the second; a word too long for a line is
 * broken with a hyphen where a syllable starts (before a consonant
 * followed by a vowel: "Försäkrings-kassan", "Arbetsför-medlingen").  A
 * heading that fits stands on the second line alone (beside the
 * numbers); one too long for two lines ends in an ellipsis. */
static void split_heading(struct ui *u, const char *name, int width,
			  char *l1, char *l2, size_t n)
{
	l1[0] = '\0';
	if (ui_width(u, name) <= width) {
		snprintf(l2, n, "%s", name);
		return;
	}
	char b[200];
	/* an explanation in brackets is left out of a heading that does not
	 * fit: "Försäkringskassan (den svenske socialforsikring)" */
	const char *br = strstr(name, " (");
	if (br && br > name) {
		char nb[200];
		snprintf(nb, sizeof nb, "%.*s", (int)(br - name), name);
		split_heading(u, nb, width, l1, l2, n);
		return;
	}
	/* whole words on the first line */
	size_t cut = 0;
	for (size_t i = 0; name[i]; i++) {
		if (name[i] != ' ')
			continue;
		snprintf(b, sizeof b, "%.*s", (int)i, name);
		if (ui_width(u, b) > width)
			break;
		cut = i;
	}
	if (cut > 0) {
		snprintf(l1, n, "%.*s", (int)cut, name);
		snprintf(l2, n, "%s", name + cut + 1);
		return;
	}
	/* the first word is too long: break it where a syllable starts,
	 * leaving room for the hyphen and at least three letters on each
	 * line */
	size_t best = 0, last_fit = 0;
	unsigned prev = 0;
	int nchar = 0;
	for (size_t i = 0; name[i] && name[i] != ' ';) {
		unsigned cp, nx = 0;
		size_t len = dec(name + i, &cp);
		if (name[i + len])
			dec(name + i + len, &nx);
		snprintf(b, sizeof b, "%.*s-", (int)i, name);
		if (i > 0 && ui_width(u, b) > width)
			break;
		if (nchar >= 3) {
			last_fit = i;
			if (letter(prev) && letter(cp) && !vowel(cp) && vowel(nx))
				best = i;
		}
		prev = cp;
		nchar++;
		i += len;
	}
	if (!best)
		best = last_fit;
	if (!best) {
		snprintf(l2, n, "%s", name);
		return;
	}
	snprintf(l1, n, "%.*s-", (int)best, name);
	snprintf(l2, n, "%s", name + best);
}

/* A table's title on a line of its own, then the payers' names (over two
 * lines when one does not fit in its column). */
static void head(struct ui *u, struct ui_results_view *rv, const char *title,
		 const char *first)
{
	const soem_result *r = u->res;
	add(rv, RL_TEXT, A_BOLD, title);
	int nc = (int)ncols(r);
	char top[CELLS_MAX][40], bot[CELLS_MAX][40];
	bool two = false;
	for (int p = 0; p < nc; p++) {
		split_heading(u,
			      (size_t)p < r->npayers
				      ? ui_text(u, &u->kb->payers[p].name)
				      : _("Total"),
			      COL_W - 1, top[p], bot[p], sizeof top[p]);
		if (top[p][0])
			two = true;
	}
	if (two) {
		struct rl *l = add(rv, RL_HEAD, A_BOLD, "");
		l->ncells = nc;
		for (int p = 0; p < nc; p++)
			memcpy(l->cells[p], top[p], sizeof l->cells[p]);
	}
	struct rl *l = add(rv, RL_HEAD, A_BOLD, first);
	l->ncells = nc;
	for (int p = 0; p < nc; p++)
		memcpy(l->cells[p], bot[p], sizeof l->cells[p]);
}

enum vfmt { VF_MONEY, VF_RATIO, VF_YEAR, VF_PCT };

static void add_wrapped(struct ui *u, struct ui_results_view *rv, attr_t attr,
			const char *indent, const char *s);

/* A row's label: one too wide for the label column stands whole on a line
 * of its own above the numbers ("Kostnad per deltagare som fullföljer"
 * would be cut short beside them). */
static const char *row_label(struct ui *u, struct ui_results_view *rv,
			     const char *label)
{
	if (ui_width(u, label) <= LABEL_W)
		return label;
	add_wrapped(u, rv, A_NORMAL, "", label);
	return "";
}

static void row(struct ui *u, struct ui_results_view *rv, const char *label,
		const double *v,
		enum vfmt f)
{
	struct rl *l = add(rv, RL_ROW, A_NORMAL, row_label(u, rv, label));
	l->ncells = (int)ncols(u->res);
	for (int p = 0; p < l->ncells; p++) {
		char *b = l->cells[p];
		size_t n = sizeof l->cells[p];
		if (f == VF_RATIO && !isfinite(v[p]))
			snprintf(b, n, "%s", _("n/a"));
		else if (f == VF_MONEY && !isfinite(v[p]))
			snprintf(b, n, "%s", "-");
		else if (f == VF_PCT)
			ui_pct(u, v[p], 1, b, n);
		else
			ui_num(u, v[p], f == VF_RATIO ? 2 : 0, b, n);
	}
}

static void be_row(struct ui *u, struct ui_results_view *rv, const char *label,
		   const int *be)
{
	struct rl *l = add(rv, RL_ROW, A_NORMAL, row_label(u, rv, label));
	l->ncells = (int)ncols(u->res);
	for (int p = 0; p < l->ncells; p++) {
		if (be[p] == SOEM_BE_NULL)
			snprintf(l->cells[p], sizeof l->cells[p], "%s", "-");
		else if (be[p] == SOEM_BE_NONE)
			snprintf(l->cells[p], sizeof l->cells[p], "%s", _("none"));
		else
			snprintf(l->cells[p], sizeof l->cells[p], "%d", be[p]);
	}
}

/* The first year resting on the persistence assumption (0: none). */
static int assumption_from(const struct ui_results_view *rv)
{
	return rv->unc && rv->unc->exp.present ? rv->unc->exp.assumption_from
					       : 0;
}

/* "Year 3", with a * when it rests on the persistence assumption. */
static const char *year_mark(const struct ui_results_view *rv, int y)
{
	int af = assumption_from(rv);
	return af && y >= af ? "*" : "";
}

static void year_table(struct ui *u, struct ui_results_view *rv,
		       const char *title, const double *t)
{
	const soem_result *r = u->res;
	size_t P = r->npayers;
	add(rv, RL_BLANK, A_NORMAL, NULL);
	head(u, rv, title, _("Year"));
	for (int y = 1; y <= r->horizon; y++) {
		char lb[64];
		if (u->calc->intervention.start_year)
			snprintf(lb, sizeof lb, "%s %d%s (%d)", _("Year"), y,
				 year_mark(rv, y),
				 u->calc->intervention.start_year + y - 1);
		else
			snprintf(lb, sizeof lb, "%s %d%s", _("Year"), y,
				 year_mark(rv, y));
		row(u, rv, lb, &t[(size_t)(y - 1) * (P + 1)], VF_MONEY);
	}
}

struct wrapctx {
	struct ui_results_view *rv;
	attr_t attr;
	const char *indent;
};

static void wrap_line(void *arg, const char *line, size_t len)
{
	const struct wrapctx *c = arg;
	char b[sizeof ((struct rl *)0)->label];
	snprintf(b, sizeof b, "%s%.*s", c->indent, (int)len, line);
	add(c->rv, RL_TEXT, c->attr, b);
}

/* A text wrapped to the window, each line a page line. */
static void add_wrapped(struct ui *u, struct ui_results_view *rv, attr_t attr,
			const char *indent,
			const char *s)
{
	struct wrapctx c = { rv, attr, indent };
	int w = u->cols - 2 - (int)strlen(indent);
	ui_wrap(u, s, w > 20 ? w : 20, wrap_line, &c);
}

/* An input's low or high, with decimals that suit its size (as the
 * sensitivity table of `soem calc`). */
static const char *input_value(const struct ui *u, double v, char *b,
			       size_t n)
{
	double a = fabs(v);
	return ui_num(u, v, a >= 1000 ? 0 : a >= 10 ? 2 : 4, b, n);
}

/* The one-way sensitivity as a tornado chart: a bar per input from the
 * base present value to the value at its low (light) and at its high
 * (solid), the largest swing first; under each bar the numbers. */
static void tornado(struct ui *u, struct ui_results_view *rv,
		    const soem_unc *un)
{
	const soem_sens *sn = &un->sens;
	char b[600], t1[SOEM_NUM_BUFSIZE], t2[SOEM_NUM_BUFSIZE],
		t3[SOEM_NUM_BUFSIZE], t4[SOEM_NUM_BUFSIZE];
	add(rv, RL_BLANK, A_NORMAL, NULL);
	add_wrapped(u, rv, A_BOLD, "",
		    _("Sensitivity: present value of the net, one input at a time at its low and high"));
	snprintf(b, sizeof b,
		 _("%s at the input's low, %s at its high; %s all inputs at their values: %s"),
		 ui_glyph(u, G_SHADE), ui_glyph(u, G_BLOCK), ui_glyph(u, G_AXIS),
		 ui_num(u, sn->pv_base, 0, t1, sizeof t1));
	add_wrapped(u, rv, A_NORMAL, "", b);
	rv->torn_base = rv->torn_min = rv->torn_max = sn->pv_base;
	for (size_t i = 0; i < sn->n; i++) {
		const soem_sens_row *r = &sn->row[i];
		rv->torn_min = fmin(rv->torn_min, fmin(r->pv_low, r->pv_high));
		rv->torn_max = fmax(rv->torn_max, fmax(r->pv_low, r->pv_high));
	}
	for (size_t i = 0; i < sn->n; i++) {
		const soem_sens_row *r = &sn->row[i];
		struct rl *l = add(rv, RL_TORNADO, A_NORMAL,
				   un->inputs.in[r->input].name);
		l->ncells = (int)i;
		const char *name = un->inputs.in[r->input].name;
		/* the whole name when the bar's label had to cut it */
		if (ui_width(u, name) > LABEL_W)
			add_wrapped(u, rv, ui_attr(u, R_DIM), "    ", name);
		snprintf(b, sizeof b, _("low %s: %s   high %s: %s"),
			 input_value(u, r->low, t1, sizeof t1),
			 ui_num(u, r->pv_low, 0, t2, sizeof t2),
			 input_value(u, r->high, t3, sizeof t3),
			 ui_num(u, r->pv_high, 0, t4, sizeof t4));
		add_wrapped(u, rv, ui_attr(u, R_DIM), "    ", b);
	}
	add(rv, RL_TAXIS, A_NORMAL, NULL);
}

static void monte_carlo(struct ui *u, struct ui_results_view *rv,
			const soem_unc *un)
{
	const soem_mc *m = &un->mc;
	char b[600], t1[SOEM_NUM_BUFSIZE];
	add(rv, RL_BLANK, A_NORMAL, NULL);
	snprintf(b, sizeof b,
		 m->draws == u->calc->draws
			 ? _("Monte Carlo: present value of the net in %s draws (seed %llu, as in the file)")
			 : _("Monte Carlo: present value of the net in %s draws (seed %llu; a quick preview)"),
		 ui_num(u, (double)m->draws, 0, t1, sizeof t1),
		 (unsigned long long)m->seed);
	head(u, rv, b, "");
	row(u, rv, _("Mean"), m->mean, VF_MONEY);
	row(u, rv, _("5th percentile"), m->p5, VF_MONEY);
	row(u, rv, _("Median"), m->p50, VF_MONEY);
	row(u, rv, _("95th percentile"), m->p95, VF_MONEY);
	row(u, rv, _("Share with net > 0"), m->share_positive, VF_PCT);
	add_wrapped(u, rv, ui_attr(u, R_DIM), "",
		    _("90 of 100 draws lie between the 5th and the 95th percentile; each draw takes every range at once (triangular: low, value, high)."));
}

/* The name of engine service i: with groups (SPEC §2.9) the services
 * index the rows of every group, which the report view's calc holds. */
static const char *svc_name(const struct ui *u, const soem_report *rp,
			    size_t i)
{
	size_t k = u->svc_cons ? u->svc_cons[i] : i;
	return soem_calc_cons_name(rp->calc, u->kb, k, u->set->ui_lang);
}

/* "After N years": the cumulative net at the report years, undiscounted
 * first, then discounted (as the reports), and the sentence a council
 * paper quotes. */
static void at_years(struct ui *u, struct ui_results_view *rv,
		     const soem_report *rp)
{
	const soem_result *r = u->res;
	size_t w = r->npayers + 1;
	char b[600], lb[128];
	if (!r->nat)
		return;
	add(rv, RL_BLANK, A_NORMAL, NULL);
	head(u, rv, soem_report_at_years_title(rp, b, sizeof b), "");
	for (size_t i = 0; i < r->nat; i++)
		row(u, rv, soem_report_after_label(r->at_year[i], lb, sizeof lb),
		    &r->at_net[i * w], VF_MONEY);
	/* "After 3 years, discounted" does not fit the label column: the
	 * discounted rows under a heading of their own */
	add(rv, RL_TEXT, A_BOLD, _("Discounted"));
	for (size_t i = 0; i < r->nat; i++)
		row(u, rv, soem_report_after_label(r->at_year[i], lb, sizeof lb),
		    &r->at_net_disc[i * w], VF_MONEY);
	if (soem_report_after_line(rp, b, sizeof b))
		add_wrapped(u, rv, A_NORMAL, "", b);
}

/* Per group (SPEC §2.9): its name, participants, success rate and
 * successes on a line, then its effects and their present value per
 * payer and in total. */
static void groups(struct ui *u, struct ui_results_view *rv,
		   const soem_report *rp)
{
	const soem_result *r = u->res;
	size_t w = r->npayers + 1;
	char b[600];
	if (!r->ngroups)
		return;
	add(rv, RL_BLANK, A_NORMAL, NULL);
	head(u, rv, _("Groups"), "");
	for (size_t g = 0; g < r->ngroups; g++) {
		if (soem_report_group_line(rp, g, b, sizeof b))
			add_wrapped(u, rv, A_BOLD, "", b);
		char lb[128];
		snprintf(lb, sizeof lb, "  %s", _("Effects"));
		row(u, rv, lb, &r->grp_effects[g * w], VF_MONEY);
		snprintf(lb, sizeof lb, "  %s", _("Present value"));
		row(u, rv, lb, &r->grp_pv_effects[g * w], VF_MONEY);
	}
}

static void build(struct ui *u, struct ui_results_view *rv)
{
	rv->nlines = 0;
	const soem_result *r = u->res;
	char b[600], t1[SOEM_NUM_BUFSIZE], t2[SOEM_NUM_BUFSIZE];
	if (!r) {
		add(rv, RL_TEXT, A_BOLD, _("The results cannot be computed yet."));
		add(rv, RL_TEXT, A_NORMAL, u->res_err);
		add(rv, RL_BLANK, A_NORMAL, NULL);
		for (size_t i = 0; i < u->issues.n; i++) {
			const soem_issue *is = &u->issues.v[i];
			if (is->kind != SOEM_ISSUE_MISSING)
				continue;
			snprintf(b, sizeof b, "%s %d (%s): %s", _("Step"),
				 is->step + 1, _(ui_steps[is->step].title),
				 is->msg);
			add(rv, RL_TEXT, A_NORMAL, b);
		}
		return;
	}
	size_t P = r->npayers;
	const char *mcerr = NULL;
	const soem_unc *un = rv->unc = ui_unc(u, true, &mcerr);
	soem_report rp;
	soem_report_view view;
	ui_report_of(u, un, &rp);
	/* with groups: the rows of every group and the groups' names */
	soem_report_view_of(&rp, &view);
	size_t miss = soem_issues_count(&u->issues, SOEM_STEP_COUNT,
					SOEM_ISSUE_MISSING);
	if (miss) {
		snprintf(b, sizeof b,
			 P_("Not complete: %zu thing is missing (steps marked !), so these figures do not mean much yet.",
			    "Not complete: %zu things are missing (steps marked !), so these figures do not mean much yet.",
			    miss),
			 miss);
		add(rv, RL_TEXT, A_BOLD, b);
	}
	snprintf(b, sizeof b, _("%s at %d prices; %d years; %s participants; success rate s = %s"),
		 u->kb->currency ? u->kb->currency : "",
		 soem_report_price_level(&rp),
		 r->horizon, ui_num(u, r->participants, 0, t1, sizeof t1),
		 r->ngroups ? _("per group (see the table of groups)")
			    : ui_pct(u, r->success_rate, 1, t2, sizeof t2));
	add_wrapped(u, rv, A_NORMAL, "", b);
	add(rv, RL_TEXT, A_NORMAL,
	    u->calc->intervention.has_analysis && u->calc->intervention.scenario
		    ? _("A scenario analysis: the effect is assumed, not documented.")
		    : _("Undiscounted totals are SØM's budget result; present values stand beside them."));
	if (soem_report_experiment_line(&rp, b, sizeof b))
		add_wrapped(u, rv, A_NORMAL, "", b);
	/* issue 16 point 7: how much rests on made-up figures, where it
	 * cannot be missed */
	if (soem_report_illustrative_line(&rp, b, sizeof b))
		add_wrapped(u, rv, A_BOLD, "", b);
	add(rv, RL_BLANK, A_NORMAL, NULL);
	snprintf(b, sizeof b, _("Totals over %d years"), r->horizon);
	head(u, rv, b, "");
	row(u, rv, _("Costs"), r->tot_costs, VF_MONEY);
	row(u, rv, _("Effects"), r->tot_effects, VF_MONEY);
	row(u, rv, _("Net (not discounted)"), r->tot_net, VF_MONEY);
	row(u, rv, _("Present value of costs"), r->pv_costs, VF_MONEY);
	row(u, rv, _("Present value of effects"), r->pv_effects, VF_MONEY);
	row(u, rv, _("Present value of net"), r->pv_net, VF_MONEY);
	if (soem_report_zero_note(&rp, b, sizeof b)) {
		char nb[sizeof b + 8];
		snprintf(nb, sizeof nb, "! %s", b);
		add_wrapped(u, rv, A_BOLD, "", nb);
	}
	row(u, rv, _("Net per participant"), r->per_participant, VF_MONEY);
	if (r->successes > 0)
		row(u, rv, _("Net per success"), r->per_success, VF_MONEY);
	{
		/* issue 15: cost per participant, and per completer when
		 * some completion is below 1 */
		double *cp = xcalloc(P + 1, sizeof *cp);
		if (r->has_completion)
			row(u, rv, _("Net per completer"), r->per_completer,
			    VF_MONEY);
		for (size_t p = 0; p <= P; p++)
			cp[p] = soem_report_cost_per(&rp, p, false);
		row(u, rv, _("Cost per participant"), cp, VF_MONEY);
		if (r->has_completion) {
			for (size_t p = 0; p <= P; p++)
				cp[p] = soem_report_cost_per(&rp, p, true);
			row(u, rv, _("Cost per completer"), cp, VF_MONEY);
		}
		free(cp);
	}
	be_row(u, rv, _("Break-even year"), r->break_even);
	row(u, rv, _("Return per krone"), r->return_per_krone, VF_RATIO);
	add(rv, RL_BLANK, A_NORMAL, NULL);
	if (r->ngroups) {
		/* several groups (SPEC §2.9): the break-even scale of the
		 * success rates, or why it cannot break even */
		soem_report_break_even_line(&rp, b, sizeof b);
		add_wrapped(u, rv, A_BOLD, "", b);
	} else if (isfinite(r->break_even_s)) {
		/* against the success rate and its interval, on one line;
		 * what it means (below, inside, above) on the next; outside
		 * [0, 1 - p0] only the sentence */
		double p0 = u->calc->effect.has_p0 ? u->calc->effect.p0.value : 0;
		bool outside = r->break_even_s < 0 || r->break_even_s > 1 - p0;
		soem_report_break_even_line(&rp, b, sizeof b);
		char *verdict = outside ? NULL : strstr(b, "): ");
		if (verdict) {
			verdict[1] = '\0';
			verdict += 3;
		}
		add_wrapped(u, rv, A_BOLD, "", b);
		if (verdict)
			add_wrapped(u, rv, A_NORMAL, "  ", verdict);
		if (!outside)
			add(rv, RL_TEXT, A_NORMAL,
			    _("(the success rate s at which the present value of the net is 0)"));
	} else {
		snprintf(b, sizeof b, "%s %s", _("Break-even success rate:"),
			 _("none (the consequences do not pay back at any success rate)"));
		add(rv, RL_TEXT, A_BOLD, b);
	}
	/* issue 15: "it pays from N participants", or why not */
	soem_report_bep_line(&rp, b, sizeof b);
	add_wrapped(u, rv, A_NORMAL, "", b);
	at_years(u, rv, &rp);
	groups(u, rv, &rp);
	add(rv, RL_BLANK, A_NORMAL, NULL);
	add(rv, RL_TEXT, A_BOLD, _("Cumulative discounted net per year (total)"));
	rv->chart_min = 0;
	rv->chart_max = 0;
	for (int y = 1; y <= r->horizon; y++) {
		double v = r->cum_disc[(size_t)(y - 1) * (P + 1) + P];
		if (v < rv->chart_min)
			rv->chart_min = v;
		if (v > rv->chart_max)
			rv->chart_max = v;
		char lb[32];
		snprintf(lb, sizeof lb, "%s %d%s", _("Year"), y, year_mark(rv, y));
		struct rl *l = add(rv, RL_CHART, A_NORMAL, lb);
		l->v = v;
		ui_num(u, v, 0, l->cells[0], sizeof l->cells[0]);
	}
	if (soem_report_assumption_note(&rp, b, sizeof b))
		add_wrapped(u, rv, A_NORMAL, "", b);
	if (un && un->sens.n)
		tornado(u, rv, un);
	if (un && un->mc.draws > 0)
		monte_carlo(u, rv, un);
	else if (un && un->sens.n && mcerr)
		add_wrapped(u, rv, ui_attr(u, R_ERROR), "", mcerr);
	else if (un && !un->sens.n) {
		add(rv, RL_BLANK, A_NORMAL, NULL);
		add_wrapped(u, rv, ui_attr(u, R_DIM), "",
			    _("No input has a range (low and high): no sensitivity or Monte Carlo."));
	}
	year_table(u, rv, _("Net per year (not discounted)"), r->net);
	year_table(u, rv, _("Net per year, discounted"), r->net_disc);
	year_table(u, rv, _("Cumulative discounted net"), r->cum_disc);
	year_table(u, rv, _("Costs per year"), r->costs);
	year_table(u, rv, _("Effects per year"), r->effects);
	if (r->nservices) {
		add(rv, RL_BLANK, A_NORMAL, NULL);
		head(u, rv, _("Effects by service (not discounted)"), _("Service"));
		for (size_t i = 0; i < r->nservices; i++)
			row(u, rv, svc_name(u, &rp, i), &r->by_service[i * (P + 1)],
			    VF_MONEY);
	}
	add(rv, RL_BLANK, A_NORMAL, NULL);
	add(rv, RL_TEXT, A_DIM, _("(end of the results)"));
	soem_report_view_free(&view);
}

static int visible_cols(const struct ui *u)
{
	int n = (u->cols - 2 - LABEL_W) / COL_W;
	return n < 1 ? 1 : n;
}

static void draw_chart(struct ui *u, struct ui_results_view *rv, WINDOW *w,
		       int y, const struct rl *l)
{
	int x0 = 1;
	ui_cell_put(u, w, y, x0, l->label, 9, false, A_NORMAL);
	int width = u->cols - 2 - 9 - COL_W - 2;
	if (width < 10)
		width = 10;
	double span = rv->chart_max - rv->chart_min;
	int zero = span > 0 ? (int)lround(width * (-rv->chart_min) / span) : 0;
	if (zero > width - 1)
		zero = width - 1;
	int len = span > 0 ? (int)lround(fabs(l->v) * width / span) : 0;
	int from = l->v < 0 ? zero - len : zero;
	int to = l->v < 0 ? zero : zero + len;
	if (from < 0)
		from = 0;
	if (to > width)
		to = width;
	int bx = x0 + 10;
	wmove(w, y, bx);
	for (int i = 0; i < width; i++) {
		if (i >= from && i < to && len > 0)
			waddstr(w, ui_glyph(u, G_BLOCK));
		else if (i == zero)
			waddstr(w, ui_glyph(u, G_AXIS));
		else
			waddch(w, ' ');
	}
	ui_cell_put(u, w, y, bx + width + 1, l->cells[0], COL_W, true,
		    A_NORMAL);
}

/* The tornado's bar area: from x, width columns. */
static int torn_x(void)
{
	return 1 + LABEL_W + 1;
}

static int torn_w(const struct ui *u)
{
	int wd = u->cols - 2 - LABEL_W - 1;
	return wd < 10 ? 10 : wd;
}

static int torn_pos(const struct ui *u, struct ui_results_view *rv, double v)
{
	double span = rv->torn_max - rv->torn_min;
	int wd = torn_w(u);
	if (!(span > 0))
		return wd / 2;
	int x = (int)lround((v - rv->torn_min) / span * (wd - 1));
	return x < 0 ? 0 : x > wd - 1 ? wd - 1 : x;
}

static void draw_tornado(struct ui *u, struct ui_results_view *rv, WINDOW *w,
			 int y, const struct rl *l)
{
	if (!rv->unc || l->ncells < 0 || (size_t)l->ncells >= rv->unc->sens.n)
		return;
	const soem_sens_row *r = &rv->unc->sens.row[l->ncells];
	ui_cell_put(u, w, y, 1, l->label, LABEL_W, false, A_NORMAL);
	int xb = torn_pos(u, rv, rv->torn_base), xl = torn_pos(u, rv,
			  r->pv_low),
	    xh = torn_pos(u, rv, r->pv_high);
	wmove(w, y, torn_x());
	for (int i = 0; i < torn_w(u); i++) {
		bool hi = (i > xb && i <= xh) || (i < xb && i >= xh);
		bool lo = (i > xb && i <= xl) || (i < xb && i >= xl);
		if (i == xb)
			waddstr(w, ui_glyph(u, G_AXIS));
		else if (hi)
			waddstr(w, ui_glyph(u, G_BLOCK));
		else if (lo)
			waddstr(w, ui_glyph(u, G_SHADE));
		else
			waddch(w, ' ');
	}
}

/* Under the tornado: the smallest and largest present value at the ends
 * of the bars' scale. */
static void draw_taxis(struct ui *u, struct ui_results_view *rv, WINDOW *w,
		       int y)
{
	char a[SOEM_NUM_BUFSIZE], b[SOEM_NUM_BUFSIZE];
	ui_num(u, rv->torn_min, 0, a, sizeof a);
	ui_num(u, rv->torn_max, 0, b, sizeof b);
	int wd = torn_w(u);
	ui_cell_put(u, w, y, torn_x(), a, wd / 2, false, ui_attr(u, R_DIM));
	ui_cell_put(u, w, y, torn_x() + wd / 2, b, wd - wd / 2, true,
		    ui_attr(u, R_DIM));
}

void step_results_draw(struct ui *u, struct ui_view *vw, WINDOW *w, int h)
{
	struct ui_results_view *rv = &vw->results;
	char right[64] = "";
	/* no text field here: letter keys are commands (e: export) */
	u->text_focus = false;
	build(u, rv);
	int body = h - 1;
	if (rv->top > (int)rv->nlines - body)
		rv->top = (int)rv->nlines - body;
	if (rv->top < 0)
		rv->top = 0;
	int vis = visible_cols(u);
	int total = u->res ? (int)ncols(u->res) : 0;
	if (rv->left > total - vis)
		rv->left = total - vis;
	if (rv->left < 0)
		rv->left = 0;
	if (rv->nlines > (size_t)body)
		snprintf(right, sizeof right, "%d-%d / %zu", rv->top + 1,
			 rv->top + body < (int)rv->nlines ? rv->top + body
							 : (int)rv->nlines,
			 rv->nlines);
	ui_step_heading(u, w, right);
	for (int i = 0; i < body && rv->top + i < (int)rv->nlines; i++) {
		const struct rl *l = &rv->lines[rv->top + i];
		int y = 1 + i;
		switch (l->kind) {
		case RL_BLANK:
			break;
		case RL_TEXT:
			wmove(w, y, 1);
			wattrset(w, l->attr);
			ui_puts(u, w, l->label, u->cols - 2);
			wattrset(w, A_NORMAL);
			break;
		case RL_CHART:
			draw_chart(u, rv, w, y, l);
			break;
		case RL_TORNADO:
			draw_tornado(u, rv, w, y, l);
			break;
		case RL_TAXIS:
			draw_taxis(u, rv, w, y);
			break;
		case RL_HEAD:
		case RL_ROW: {
			attr_t a = l->kind == RL_HEAD ? ui_attr(u, R_HEAD) : A_NORMAL;
			ui_cell_put(u, w, y, 1, l->label, LABEL_W,
				    false, l->kind == RL_HEAD ? A_BOLD : A_NORMAL);
			int x = 1 + LABEL_W;
			for (int c = rv->left;
			     c < l->ncells && c < rv->left + vis; c++) {
				/* a heading keeps a column free on its left:
				 * names never run together */
				if (l->kind == RL_HEAD)
					ui_cell_put(u, w, y, x + 1, l->cells[c],
						    COL_W - 1, true, a);
				else
					ui_cell_put(u, w, y, x, l->cells[c],
						    COL_W, true, a);
				x += COL_W;
			}
			if (l->kind == RL_HEAD && rv->left + vis < l->ncells)
				ui_cell_put(u, w, y, u->cols - 1,
					    ui_glyph(u, G_MORE_RIGHT), 1, false,
					    A_NORMAL);
			if (l->kind == RL_HEAD && rv->left > 0)
				ui_cell_put(u, w, y, 1 + LABEL_W - 1,
					    ui_glyph(u, G_MORE_LEFT), 1, false,
					    A_NORMAL);
			break;
		}
		}
	}
}

bool step_results_key(struct ui *u, struct ui_view *vw, enum ui_act a, int ch,
		      bool k)
{
	struct ui_results_view *rv = &vw->results;
	int page = u->main_h - 2 > 1 ? u->main_h - 2 : 1;
	if (a == ACT_NONE && !k && ch == ' ')
		a = ACT_PGDN;
	switch (a) {
	case ACT_UP: rv->top--; return true;
	case ACT_DOWN: rv->top++; return true;
	case ACT_PGUP: rv->top -= page; return true;
	case ACT_PGDN: rv->top += page; return true;
	case ACT_HOME: rv->top = 0; return true;
	case ACT_END: rv->top = 1 << 20; return true;
	case ACT_LEFT: rv->left--; return true;
	case ACT_RIGHT: rv->left++; return true;
	case ACT_EXPORT: ui_export(u); return true;
	case ACT_COMPARE: ui_compare(u); return true;
	case ACT_SCENARIO: ui_save_scenario(u); return true;
	case ACT_HANDIN: ui_hand_in(u); return true;
	default: return false;
	}
}

void step_results_detail(struct ui *u, struct ui_view *vw, char *b, size_t n)
{
	(void)vw;
	if (u->res)
		snprintf(b, n, "%s", _("PgDn/PgUp or Space: scroll; Left/Right: more payers"));
}

void step_results_cleanup(struct ui_view *vw)
{
	struct ui_results_view *rv = &vw->results;
	rv->unc = NULL;
	free(rv->lines);
	rv->lines = NULL;
	rv->nlines = rv->caplines = 0;
}
