/* doc.c - the one description of a report's content (SPEC §5.7).
 *
 * The council report is written once, here, as a sequence of headings,
 * paragraphs, lists and tables (soem_report_doc); each format is a
 * backend of struct rdoc_ops that turns the blocks into its syntax
 * (markdown.c, html.c).  The phrases and labels every format shares (the
 * payer's and service's names in the report's language, money, shares,
 * the break-even year, the one-line notes) are here too, so that text.c,
 * csv.c and the backends say the same thing the same way.  No format is
 * included here: the formats use the description, never the reverse.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/doc.h"
#include "report/out.h"
#include "report/report.h"
#include "model/illustrative.h"
#include "model/problem.h"
#include "model/uncertainty.h"
#include "util/i18n.h"
#include "util/textsafe.h"
#include "util/xalloc.h"

const char *rdoc_lang(const soem_report *rp)
{
	return rp->lang ? rp->lang : "en";
}

const char *rdoc_payer(const soem_report *rp, size_t p)
{
	if (p >= rp->kb->npayers)
		return _("Total");
	return soem_text_get(&rp->kb->payers[p].name, rdoc_lang(rp),
			     rp->kb->language);
}

const char *rdoc_money(const soem_report *rp, double v, char *b, size_t n)
{
	return soem_num_format(v, 0, rp->conv, b, n);
}

const char *rdoc_share(const soem_report *rp, double v, char *b,
			     size_t n)
{
	char t[SOEM_NUM_BUFSIZE - 8];
	if (!isfinite(v)) {
		snprintf(b, n, "%s", _("none"));
		return b;
	}
	soem_num_format(v * 100.0, 1, rp->conv, t, sizeof t);
	snprintf(b, n, "%s %%", t);
	return b;
}

const char *rdoc_be_year(const soem_report *rp, int be, char *b, size_t n)
{
	(void)rp;
	if (be == SOEM_BE_NULL)
		snprintf(b, n, "%s", "-");
	else if (be == SOEM_BE_NONE)
		snprintf(b, n, "%s", _("none"));
	else
		snprintf(b, n, "%d", be);
	return b;
}

const char *rdoc_ratio(const soem_report *rp, double v, char *b, size_t n)
{
	if (!isfinite(v))
		snprintf(b, n, "%s", _("n/a"));
	else
		soem_num_format(v, 2, rp->conv, b, n);
	return b;
}

const char *rdoc_service(const soem_report *rp, size_t i)
{
	size_t k = rp->svc_cons ? rp->svc_cons[i] : i;
	const soem_consequence *q = &rp->calc->cons[k];
	if (q->custom)
		return q->cs.name ? q->cs.name : q->service;
	size_t s = soem_kb_service_index(rp->kb, q->service);
	if (s == SOEM_NPOS)
		return q->service;
	return soem_text_get(&rp->kb->services[s].name, rdoc_lang(rp),
			     rp->kb->language);
}

const char *rdoc_input(const soem_report *rp, double v, char *b, size_t n)
{
	double a = fabs(v);

	return soem_num_format(v, a >= 1000 ? 0 : a >= 10 ? 2 : 4, rp->conv,
			       b, n);
}

const char *rdoc_intervention(const soem_report *rp)
{
	const char *n = rp->calc->intervention.name;
	return n && *n ? n : _("(unnamed intervention)");
}

/* The first year resting on the persistence assumption (0: none). */
static int assumption_from(const soem_report *rp)
{
	return rp->unc && rp->unc->exp.present ? rp->unc->exp.assumption_from
					       : 0;
}

const char *rdoc_year_label(const soem_report *rp, int t, char *b,
			      size_t n)
{
	int af = assumption_from(rp);

	snprintf(b, n, af && t >= af ? "%d*" : "%d", t);
	return b;
}

int rdoc_price_level(const soem_report *rp)
{
	return rp->calc && rp->calc->price_level ? rp->calc->price_level
						 : rp->kb->price_year;
}

const char *rdoc_at_prices(const soem_report *rp, const char *text, char *b,
			   size_t n)
{
	snprintf(b, n, _("%s, %s at %d prices"), text,
		 rp->kb->currency ? rp->kb->currency : "",
		 rdoc_price_level(rp));
	return b;
}

const char *rdoc_after_label(int year, char *b, size_t n)
{
	snprintf(b, n, P_("After %d year", "After %d years", year), year);
	return b;
}

size_t rdoc_at_index(const soem_report *rp, int year)
{
	const soem_result *r = rp->res;

	for (size_t i = 0; i < r->nat; i++)
		if (r->at_year[i] == year)
			return i;
	return SOEM_NPOS;
}

int rdoc_quoted_year(const soem_report *rp)
{
	const soem_result *r = rp->res;
	int y = 0;

	if (!r->nat)
		return 0;
	if (rdoc_at_index(rp, 3) != SOEM_NPOS)
		return 3;
	/* a horizon under 3 years: its last year */
	for (size_t i = 0; i < r->nat; i++)
		if (r->at_year[i] <= 3 && r->at_year[i] > y)
			y = r->at_year[i];
	return y ? y : r->at_year[0];
}

const char *rdoc_after_line(const soem_report *rp, int year, char *b,
			    size_t n)
{
	const soem_result *r = rp->res;
	size_t i = rdoc_at_index(rp, year), w = r->npayers + 1;
	char v[SOEM_NUM_BUFSIZE], vd[SOEM_NUM_BUFSIZE];

	if (i == SOEM_NPOS)
		return NULL;
	snprintf(b, n,
		 P_("After %d year the cumulative net is %s in total (not discounted; %s discounted).",
		    "After %d years the cumulative net is %s in total (not discounted; %s discounted).",
		    year),
		 year, rdoc_money(rp, r->at_net[i * w + r->npayers], v, sizeof v),
		 rdoc_money(rp, r->at_net_disc[i * w + r->npayers], vd,
			    sizeof vd));
	return b;
}

const char *rdoc_at_years_title(const soem_report *rp, char *b, size_t n)
{
	const soem_result *r = rp->res;
	char ys[256], t[384];
	size_t o = 0;

	ys[0] = '\0';
	for (size_t i = 0; i < r->nat && o + 24 < sizeof ys; i++)
		o += (size_t)snprintf(ys + o, sizeof ys - o, "%s%d",
				      i == 0		  ? ""
				      : i + 1 == r->nat ? _(" and ")
							: ", ",
				      r->at_year[i]);
	snprintf(t, sizeof t, _("Cumulative net after %s years"), ys);
	return rdoc_at_prices(rp, t, b, n);
}

const char *rdoc_bep_line(const soem_report *rp, char *b, size_t n)
{
	const soem_result *r = rp->res;
	char w[SOEM_NUM_BUFSIZE], v[SOEM_NUM_BUFSIZE], p[SOEM_NUM_BUFSIZE];

	if (!isfinite(r->bep_value) || !isfinite(r->bep_whole))
		return NULL;
	if (r->bep_whole <= 0) {
		snprintf(b, n, "%s",
			 _("It pays from the first participant: there are no costs independent of the number of participants to cover."));
		return b;
	}
	snprintf(b, n,
		 _("It pays from %s participants: with the intake scaled to %s participants or more (%s today), the present value of the net is 0 or more in total."),
		 soem_num_format(r->bep_whole, 0, rp->conv, w, sizeof w),
		 soem_num_format(r->bep_value, 1, rp->conv, v, sizeof v),
		 soem_num_format(r->participants, 0, rp->conv, p, sizeof p));
	return b;
}

double rdoc_cost_per(const soem_report *rp, size_t p, bool completer)
{
	const soem_result *r = rp->res;
	double d = completer ? r->completers : r->participants;

	return d > 0 ? r->tot_costs[p] / d : NAN;
}

const char *rdoc_group_name(const soem_report *rp, size_t g)
{
	return rp->group_names && rp->group_names[g] ? rp->group_names[g] : "";
}

/* The phrases of report.h the wizard's Results step shares. */
int soem_report_price_level(const soem_report *rp)
{
	return rdoc_price_level(rp);
}

const char *soem_report_after_label(int year, char *b, size_t n)
{
	return rdoc_after_label(year, b, n);
}

const char *soem_report_at_years_title(const soem_report *rp, char *b,
				       size_t n)
{
	return rdoc_at_years_title(rp, b, n);
}

const char *soem_report_after_line(const soem_report *rp, char *b, size_t n)
{
	int y = rdoc_quoted_year(rp);

	return y ? rdoc_after_line(rp, y, b, n) : NULL;
}

const char *soem_report_bep_line(const soem_report *rp, char *b, size_t n)
{
	if (rdoc_bep_line(rp, b, n))
		return b;
	/* null (SPEC §2.9): V <= 0, each participant adds no net value */
	snprintf(b, n, "%s",
		 _("No number of participants makes it pay: each participant adds at least as much to the present value of the costs as to that of the effects."));
	return b;
}

double soem_report_cost_per(const soem_report *rp, size_t p, bool completer)
{
	return rdoc_cost_per(rp, p, completer);
}

const char *soem_report_illustrative_line(const soem_report *rp, char *b,
					  size_t n)
{
	double ill = soem_illustrative_share(rp->calc, rp->kb, rp->res,
					     rp->svc_cons);
	char s[SOEM_NUM_BUFSIZE];

	if (!isfinite(ill))
		return NULL;
	snprintf(b, n,
		 _("%s of the present value of effects rests on illustrative estimates or prices from the knowledge database."),
		 rdoc_share(rp, ill, s, sizeof s));
	return b;
}

/* "* Years from 2 on rest on ..." (SPEC §2.8), or NULL. */
const char *soem_report_assumption_note(const soem_report *rp, char *b,
					 size_t n)
{
	const soem_expinfo *x;
	char m[SOEM_NUM_BUFSIZE];

	if (!assumption_from(rp))
		return NULL;
	x = &rp->unc->exp;
	soem_num_format(x->waiting_months,
			fmod(x->waiting_months, 1) != 0 ? 1 : 0, rp->conv, m,
			sizeof m);
	snprintf(b, n,
		 _("* Years from %d on rest on the persistence assumption: the experiment's control group waited %s months, so there is no randomised comparison after that."),
		 x->assumption_from, m);
	return b;
}

/* The experiment's counts, shares and interval, on one line. */
const char *soem_report_experiment_line(const soem_report *rp, char *b,
					 size_t n)
{
	const soem_expinfo *x;
	char p1[SOEM_NUM_BUFSIZE], p0[SOEM_NUM_BUFSIZE], s[SOEM_NUM_BUFSIZE],
		lo[SOEM_NUM_BUFSIZE], hi[SOEM_NUM_BUFSIZE];

	if (!rp->unc || !rp->unc->exp.present)
		return NULL;
	x = &rp->unc->exp;
	snprintf(b, n,
		 _("Experiment: %ld of %ld treated and %ld of %ld controls reached the effect measure: p1 = %s, p0 = %s, success rate %s (95 %% interval %s to %s, Newcombe)"),
		 x->x_t, x->n_t, x->x_c, x->n_c,
		 rdoc_share(rp, x->p1, p1, sizeof p1),
		 rdoc_share(rp, x->p0, p0, sizeof p0),
		 rdoc_share(rp, x->s, s, sizeof s),
		 rdoc_share(rp, x->low, lo, sizeof lo),
		 rdoc_share(rp, x->high, hi, sizeof hi));
	return b;
}

/* Beside the net figure when the experiment's interval contains 0. */
const char *soem_report_zero_note(const soem_report *rp, char *b, size_t n)
{
	const soem_expinfo *x;
	char lo[SOEM_NUM_BUFSIZE], hi[SOEM_NUM_BUFSIZE];

	if (!rp->unc || !rp->unc->exp.present || !rp->unc->exp.contains_zero)
		return NULL;
	x = &rp->unc->exp;
	snprintf(b, n,
		 _("The experiment cannot tell the effect from zero: the 95 %% interval of its success rate (%s to %s) contains 0, so the net result may be no more than chance."),
		 rdoc_share(rp, x->low, lo, sizeof lo),
		 rdoc_share(rp, x->high, hi, sizeof hi));
	return b;
}

/* The break-even success rate against the success rate and its
 * interval, on one line (SPEC §2.6, issue 5). */
const char *soem_report_break_even_line(const soem_report *rp, char *b,
					 size_t n)
{
	const soem_result *r = rp->res;
	const soem_unc *u = rp->unc;
	const soem_effect *e = &rp->calc->effect;
	double be = r->break_even_s;
	double p0 = e->has_p0 ? e->p0.value : 0;
	char sb[SOEM_NUM_BUFSIZE], ss[SOEM_NUM_BUFSIZE], lo[SOEM_NUM_BUFSIZE],
		hi[SOEM_NUM_BUFSIZE];

	if (r->ngroups > 0) {
		/* several groups (SPEC §2.9): the factor on every group's
		 * success rate that just breaks even */
		size_t over = SOEM_NPOS;
		double lam = r->break_even_scale, top = 1;

		/* SPEC §2.9: it cannot break even when some group would
		 * need a success rate above 1 - p0_g */
		for (size_t g = 0; isfinite(lam) && lam >= 0 &&
				   g < r->ngroups && rp->calc &&
				   g < rp->calc->ngroups;
		     g++) {
			const soem_calc *sub = rp->calc->groups[g].sub;
			double p0g = sub && sub->effect.has_p0
					     ? sub->effect.p0.value
					     : 0;

			if (lam * r->grp_s[g] > 1 - p0g + 1e-12) {
				over = g;
				top = 1 - p0g;
				break;
			}
		}
		if (!isfinite(lam))
			snprintf(b, n, "%s", _("Break-even scale of the success rates: none: no common factor on the groups' success rates makes the present value of the net 0 or more"));
		else if (lam < 0)
			snprintf(b, n, _("Break-even scale of the success rates: none needed: the present value of the net is positive even with no successes (scale %s)"),
				 soem_num_format(lam, 2, rp->conv, sb, sizeof sb));
		else if (over != SOEM_NPOS)
			snprintf(b, n, _("Break-even scale of the success rates: %s: the intervention cannot break even: group %s would need a success rate of %s, more than the possible %s"),
				 soem_num_format(lam, 2, rp->conv, sb, sizeof sb),
				 rdoc_group_name(rp, over),
				 rdoc_share(rp, lam * r->grp_s[over], ss,
					    sizeof ss),
				 rdoc_share(rp, top, lo, sizeof lo));
		else
			snprintf(b, n, _("Break-even scale of the success rates: %s (1 means that today's success rates just break even)"),
				 soem_num_format(r->break_even_scale, 2,
						 rp->conv, sb, sizeof sb));
		return b;
	}
	rdoc_share(rp, r->success_rate, ss, sizeof ss);
	/* outside [0, 1 - p0] only the sentence (the YAML keeps the number;
	 * issue 14 point 8) */
	if (isfinite(be) && be > 1 - p0) {
		snprintf(b, n, _("Break-even success rate: none: the intervention cannot break even at any possible success rate (success rate: %s)"),
			 ss);
		return b;
	}
	if (isfinite(be) && be < 0) {
		snprintf(b, n, _("Break-even success rate: none needed: the present value of the net is positive even at a success rate of 0 (success rate: %s)"),
			 ss);
		return b;
	}
	rdoc_share(rp, be, sb, sizeof sb);
	if (u && u->has_s_range) {
		const char *verdict;

		if (!isfinite(be))
			verdict = _("no success rate makes the present value of the net 0 or more");
		else if (be < u->s_low)
			verdict = _("below the whole interval: the net is positive at every success rate in it");
		else if (be > u->s_high)
			verdict = _("above the whole interval: the net is negative at every success rate in it");
		else
			verdict = _("inside the interval: whether the intervention pays off depends on where in it the true rate lies");
		snprintf(b, n,
			 u->s_from_experiment
				 ? _("Break-even success rate: %s; success rate: %s (95 %% interval of the experiment %s to %s): %s")
				 : _("Break-even success rate: %s; success rate: %s (range %s to %s): %s"),
			 sb, ss, rdoc_share(rp, u->s_low, lo, sizeof lo),
			 rdoc_share(rp, u->s_high, hi, sizeof hi), verdict);
	} else {
		snprintf(b, n, _("Break-even success rate: %s; success rate: %s"),
			 sb, ss);
	}
	return b;
}

/* An input's low or high, with decimals that suit its size. */
/* ---------------------------------------------------------------------
 * The council report (SPEC §5.7): its content, written once for
 * Markdown and HTML.
 */

/* The knowledge database's entry of engine service i, or NULL (a
 * custom service, or an id the profile does not have). */
static const soem_kb_service *kb_service(const soem_report *rp, size_t i)
{
	size_t k = rp->svc_cons ? rp->svc_cons[i] : i;
	const soem_consequence *q = &rp->calc->cons[k];
	size_t s;

	if (q->custom)
		return NULL;
	s = soem_kb_service_index(rp->kb, q->service);
	return s == SOEM_NPOS ? NULL : &rp->kb->services[s];
}

/* True when engine service i uses a database price marked illustrative
 * (`illustrative: true`, a made-up figure) for a payer the calculation
 * does not give its own price. */
static bool price_illustrative(const soem_report *rp, size_t i)
{
	const soem_kb *kb = rp->kb;
	const soem_calc *c = rp->calc;
	const soem_kb_service *sv = kb_service(rp, i);
	const soem_price_entry *pe = NULL;

	if (!sv || !sv->prov.illustrative)
		return false;
	for (size_t e = 0; e < c->nprices && !pe; e++)
		if (c->prices[e].service &&
		    strcmp(c->prices[e].service, sv->id) == 0)
			pe = &c->prices[e];
	for (size_t p = 0; p < kb->npayers; p++) {
		bool own = false;
		if (!sv->price_given[p] || sv->price[p] == 0)
			continue;
		for (size_t j = 0; pe && j < pe->n; j++)
			if (pe->v[j].payer &&
			    strcmp(pe->v[j].payer, kb->payers[p].id) == 0)
				own = true;
		if (!own)
			return true;
	}
	return false;
}

/* True when engine service i's consequence row was copied from the
 * database (`from_kb`) and the database's row for this target group and
 * success measure is marked illustrative. */
static bool cons_illustrative(const soem_report *rp, size_t i)
{
	const soem_kb *kb = rp->kb;
	const soem_calc *c = rp->calc;
	size_t k = rp->svc_cons ? rp->svc_cons[i] : i;
	const soem_kb_service *sv = kb_service(rp, i);

	/* the row's own group's target group and measure (SPEC §2.9) */
	const soem_calc *gc = soem_calc_row_group(c, k, NULL);

	if (!sv || !gc || !c->cons[k].from_kb || !gc->target_group.kb ||
	    !gc->effect.measure.kb)
		return false;
	size_t g = soem_kb_group_index(kb, gc->target_group.kb);
	if (g == SOEM_NPOS)
		return false;
	size_t m = soem_kb_measure_index(&kb->groups[g], gc->effect.measure.kb);
	if (m == SOEM_NPOS)
		return false;
	const soem_kb_measure *ms = &kb->groups[g].measures[m];
	for (size_t r = 0; r < ms->ncons; r++)
		if (&kb->services[ms->cons[r].service] == sv)
			return ms->cons[r].prov.illustrative;
	return false;
}

static bool service_illustrative(const soem_report *rp, size_t i)
{
	return price_illustrative(rp, i) || cons_illustrative(rp, i);
}

/* An own price or cost at another year's prices: the net price index
 * converts it (SPEC §2.4). */
static bool uses_price_index(const soem_report *rp)
{
	const soem_calc *c = rp->calc;
	int py = rp->kb->price_year;

	for (size_t i = 0; i < c->ncosts; i++)
		if (c->costs[i].price_year && c->costs[i].price_year != py)
			return true;
	for (size_t i = 0; i < c->nprices; i++)
		if (c->prices[i].price_year && c->prices[i].price_year != py)
			return true;
	return false;
}

/* v with up to decimals decimals, trailing zeros dropped: 2,85 -2 0,125 */
static const char *num_short(const soem_report *rp, double v, int decimals,
			     char *b, size_t n)
{
	char mark = rp->conv == SOEM_NUM_EN ? '.' : ',';
	char *dot, *end;

	soem_num_format(v, decimals, rp->conv, b, n);
	dot = strrchr(b, mark);
	if (!dot || decimals == 0)
		return b;
	end = b + strlen(b);
	while (end > dot + 1 && end[-1] == '0')
		*--end = '\0';
	if (end == dot + 1)
		*dot = '\0';
	if (strcmp(b, "-0") == 0)
		snprintf(b, n, "0");
	return b;
}

const char *soem_report_group_line(const soem_report *rp, size_t g, char *b,
				   size_t n)
{
	const soem_result *r = rp->res;
	char np[SOEM_NUM_BUFSIZE], ss[SOEM_NUM_BUFSIZE], ns[SOEM_NUM_BUFSIZE];

	if (!r || g >= r->ngroups)
		return NULL;
	snprintf(b, n, _("%s: participants %s, success rate %s, successes %s"),
		 rdoc_group_name(rp, g),
		 num_short(rp, r->grp_participants[g], 2, np, sizeof np),
		 rdoc_share(rp, r->grp_s[g], ss, sizeof ss),
		 num_short(rp, r->grp_successes[g], 2, ns, sizeof ns));
	return b;
}

/* A share as "3,5 %" with up to two decimals. */
static const char *pct_short(const soem_report *rp, double v, char *b,
			     size_t n)
{
	char t[SOEM_NUM_BUFSIZE - 8];

	num_short(rp, v * 100.0, 2, t, sizeof t);
	snprintf(b, n, "%s %%", t);
	return b;
}

/* A money amount: whole units unless it has cents. */
static const char *amount(const soem_report *rp, double v, char *b, size_t n)
{
	return soem_num_format(v, v == floor(v) ? 0 : 2, rp->conv, b, n);
}

static const char *payer_by_id(const soem_report *rp, const char *id)
{
	size_t p = soem_kb_payer_index(rp->kb, id ? id : "");
	return p == SOEM_NPOS ? (id ? id : "") : rdoc_payer(rp, p);
}

static const char *area_name(const soem_report *rp, size_t a)
{
	if (a >= rp->kb->nareas)
		return "";
	return soem_text_get(&rp->kb->areas[a].name, rdoc_lang(rp),
			     rp->kb->language);
}

/* The name of the service with this id: the database's, or the custom
 * service's name in the calculation, or the id. */
static const char *service_name_by_id(const soem_report *rp, const char *id)
{
	size_t s = soem_kb_service_index(rp->kb, id ? id : "");

	if (s != SOEM_NPOS)
		return soem_text_get(&rp->kb->services[s].name, rdoc_lang(rp),
				     rp->kb->language);
	for (size_t k = 0; id && k < rp->calc->ncons; k++) {
		const soem_consequence *q = &rp->calc->cons[k];
		if (q->custom && q->service && strcmp(q->service, id) == 0 &&
		    q->cs.name)
			return q->cs.name;
	}
	return id ? id : "";
}

static const char *match_text(enum soem_match m)
{
	switch (m) {
	case SOEM_MATCH_YES: return _("yes");
	case SOEM_MATCH_PARTLY: return _("partly");
	case SOEM_MATCH_NO: return _("no");
	default: return _("not said");
	}
}

/* A table whose columns are a label and then the payers and the total. */
static void payer_head(rdoc *d, const char *first)
{
	size_t P = d->rp->res->npayers;
	const char **h = xcalloc(P + 2, sizeof *h);
	char *al = xmalloc(P + 3);

	h[0] = first;
	al[0] = 'l';
	for (size_t p = 0; p <= P; p++) {
		h[p + 1] = rdoc_payer(d->rp, p);
		al[p + 1] = 'r';
	}
	al[P + 2] = '\0';
	d->ops->table_start(d, P + 2, h, al);
	free(h);
	free(al);
}

enum vkind { VK_MONEY, VK_RATIO, VK_SHARE, VK_BE };

static void payer_row(rdoc *d, const char *label, const double *v,
		      const int *be, enum vkind k)
{
	const soem_report *rp = d->rp;
	size_t P = rp->res->npayers;
	const char **c = xcalloc(P + 2, sizeof *c);
	char *b = xmalloc((P + 1) * SOEM_NUM_BUFSIZE);

	c[0] = label;
	for (size_t p = 0; p <= P; p++) {
		char *x = b + p * SOEM_NUM_BUFSIZE;
		switch (k) {
		case VK_MONEY: rdoc_money(rp, v[p], x, SOEM_NUM_BUFSIZE); break;
		case VK_RATIO: rdoc_ratio(rp, v[p], x, SOEM_NUM_BUFSIZE); break;
		case VK_SHARE: rdoc_share(rp, v[p], x, SOEM_NUM_BUFSIZE); break;
		case VK_BE: rdoc_be_year(rp, be[p], x, SOEM_NUM_BUFSIZE); break;
		}
		c[p + 1] = x;
	}
	d->ops->table_row(d, c);
	free(c);
	free(b);
}

/* A table of one row per year, one column per payer and the total. */
static void year_table(rdoc *d, const double *table)
{
	const soem_result *r = d->rp->res;
	size_t P = r->npayers;
	char b[32];

	payer_head(d, _("Year"));
	for (int t = 1; t <= r->horizon; t++)
		payer_row(d, rdoc_year_label(d->rp, t, b, sizeof b),
			  table + (size_t)(t - 1) * (P + 1), NULL, VK_MONEY);
	d->ops->table_end(d);
}

static void item_free(rdoc *d, const char *label, char *text)
{
	d->ops->item(d, label, text);
	free(text);
}

static char *discount_text(const soem_report *rp)
{
	const soem_calc *c = rp->calc;
	const soem_kb *kb = rp->kb;
	bool own = c->discount.present;
	size_t n = own ? c->discount.nsteps : kb->nsteps;
	bool first = own ? c->discount.first_discounted : kb->first_discounted;
	bool any = false;
	char *s = NULL, b[SOEM_NUM_BUFSIZE];
	size_t sl = 0;
	FILE *m = open_memstream(&s, &sl);

	if (!m)
		return xstrdup("");
	for (size_t i = 0; i < n; i++) {
		double rate = own ? c->discount.steps[i].rate.value
				  : kb->steps[i].rate;
		int from = own ? c->discount.steps[i].from : kb->steps[i].from;
		if (rate != 0)
			any = true;
		if (i)
			fputs(", ", m);
		fprintf(m, _("%s from step %d"), pct_short(rp, rate, b, sizeof b),
			from);
	}
	if (!any) {
		fclose(m);
		free(s);
		return xstrdup(_("none (no discounting)"));
	}
	fprintf(m, "; %s (%s)",
		first ? _("year 1 is discounted too")
		      : _("year 1 is not discounted"),
		own ? _("the calculation's own rates")
		    : _("the knowledge database's rates"));
	fclose(m);
	return s;
}

static char *persistence_text(const soem_report *rp, const soem_effect *e)
{
	char b[SOEM_NUM_BUFSIZE];
	char *s = NULL;
	size_t sl = 0;
	FILE *m;

	if (e->persist == SOEM_PERSIST_DECAY && e->decay.value != 0)
		return xasprintf(_("falls by %s each year"),
				 pct_short(rp, e->decay.value, b, sizeof b));
	if (e->persist != SOEM_PERSIST_LIST || !e->nrho)
		return xstrdup(_("full: the whole effect lasts every year (SØM)"));
	m = open_memstream(&s, &sl);
	if (!m)
		return xstrdup("");
	fprintf(m, "%s ", _("a share for each year:"));
	for (size_t i = 0; i < e->nrho; i++)
		fprintf(m, "%s%s", i ? ", " : "",
			pct_short(rp, e->rho[i].value, b, sizeof b));
	fclose(m);
	return s;
}

/* The target group and the effect measure of c: the calculation, or one
 * of its groups (SPEC §2.9). */
static const char *group_name(const soem_report *rp, const soem_calc *c)
{
	size_t g;

	if (c->target_group.custom)
		return c->target_group.custom;
	if (!c->target_group.kb)
		return _("(not chosen)");
	g = soem_kb_group_index(rp->kb, c->target_group.kb);
	if (g == SOEM_NPOS)
		return c->target_group.kb;
	return soem_text_get(&rp->kb->groups[g].name, rdoc_lang(rp),
			     rp->kb->language);
}

static const char *measure_name(const soem_report *rp, const soem_calc *c)
{
	size_t g, m;

	if (c->effect.measure.custom)
		return c->effect.measure.custom;
	if (!c->effect.measure.kb)
		return _("(not chosen)");
	g = c->target_group.kb ? soem_kb_group_index(rp->kb, c->target_group.kb)
			       : SOEM_NPOS;
	m = g == SOEM_NPOS ? SOEM_NPOS
			   : soem_kb_measure_index(&rp->kb->groups[g],
						   c->effect.measure.kb);
	if (m == SOEM_NPOS)
		return c->effect.measure.kb;
	return soem_text_get(&rp->kb->groups[g].measures[m].name, rdoc_lang(rp),
			     rp->kb->language);
}

static const char *const source_kinds[] = {
	N_("(not said)"), N_("a study"), N_("own evaluation"),
	N_("professional estimate"), N_("scenario (assumed)"),
};
static const char *const evidence_levels[] = {
	N_("(not given)"), N_("1: randomised controlled trial"),
	N_("2: comparison group (quasi-experimental)"),
	N_("3: before and after"),
};

/* "year 1: 10; year 2: 10" (malloc'd), or NULL without intake. */
static char *intake_text(const soem_report *rp, const soem_calc *c)
{
	char b[SOEM_NUM_BUFSIZE], *s = NULL;
	size_t sl = 0;
	FILE *m;

	if (!c->nintake || !(m = open_memstream(&s, &sl)))
		return NULL;
	for (size_t i = 0; i < c->nintake; i++)
		fprintf(m, "%s%s %d: %s", i ? "; " : "", _("year"),
			c->intake[i].year,
			num_short(rp, c->intake[i].participants.value, 2, b,
				  sizeof b));
	fclose(m);
	return s;
}

void rdoc_group_inputs(const soem_report *rp, size_t g,
		       void (*item)(void *ctx, const char *label,
				    const char *value),
		       void *ctx)
{
	const soem_calc *c = rp->calc;
	const soem_result *r = rp->res;
	const soem_calc *gc;
	const soem_effect *e;
	char b[SOEM_NUM_BUFSIZE], b2[SOEM_NUM_BUFSIZE];
	char *s;

	if (!c || g >= c->ngroups || !c->groups[g].sub)
		return;
	gc = c->groups[g].sub;
	e = &gc->effect;
	item(ctx, _("Target group"), group_name(rp, gc));
	item(ctx, _("Effect measure"), measure_name(rp, gc));
	if (r && g < r->ngroups)
		item(ctx, _("Success rate"),
		     rdoc_share(rp, r->grp_s[g], b, sizeof b));
	if (e->has_p1) {
		s = xasprintf("%s, %s: %s", rdoc_share(rp, e->p1.value, b,
						       sizeof b),
			      _("without (p0)"),
			      rdoc_share(rp, e->has_p0 ? e->p0.value : 0, b2,
					 sizeof b2));
		item(ctx, _("Success with the intervention (p1)"), s);
		free(s);
	}
	s = intake_text(rp, gc);
	if (s)
		item(ctx, _("Participants who start, per year"), s);
	free(s);
	snprintf(b, sizeof b, "%d", gc->course_years);
	item(ctx, _("Course length (years)"), b);
	item(ctx, _("Share of starters who complete"),
	     rdoc_share(rp, gc->has_completion ? gc->completion.value : 1.0,
			b, sizeof b));
	{
		unsigned k = (unsigned)e->source_kind < 5 ? e->source_kind : 0;
		if (e->source_note && *e->source_note) {
			s = xasprintf("%s: %s", _(source_kinds[k]),
				      e->source_note);
			item(ctx, _("Source of the effect"), s);
			free(s);
		} else {
			item(ctx, _("Source of the effect"),
			     _(source_kinds[k]));
		}
		item(ctx, _("Evidence level"),
		     _(evidence_levels[e->evidence_level >= 1 &&
					       e->evidence_level <= 3
				       ? e->evidence_level
				       : 0]));
	}
	s = persistence_text(rp, e);
	item(ctx, _("Persistence of the effect"), s);
	free(s);
}

static void group_item(void *ctx, const char *label, const char *value)
{
	rdoc *d = ctx;

	d->ops->item(d, label, value);
}

/* SPEC §2.9: each group's own inputs, in the file's order. */
static void doc_group_inputs(rdoc *d)
{
	const soem_calc *c = d->rp->calc;
	char hb[512];

	for (size_t g = 0; g < c->ngroups; g++) {
		snprintf(hb, sizeof hb, _("Inputs of the group %s"),
			 c->groups[g].name ? c->groups[g].name : "");
		d->ops->heading(d, 2, hb);
		d->ops->list_start(d);
		rdoc_group_inputs(d->rp, g, group_item, d);
		d->ops->list_end(d);
	}
}

static void doc_inputs(rdoc *d)
{
	const soem_report *rp = d->rp;
	const soem_calc *c = rp->calc;
	const soem_kb *kb = rp->kb;
	const soem_result *r = rp->res;
	const soem_intervention *iv = &c->intervention;
	const soem_effect *e = &c->effect;
	char b[SOEM_NUM_BUFSIZE], b2[SOEM_NUM_BUFSIZE], line[2048];
	const char *const *kinds = source_kinds, *const *levels = evidence_levels;

	d->ops->heading(d, 2, _("Inputs"));
	d->ops->list_start(d);
	d->ops->item(d, _("Analysis"),
		     iv->scenario ? _("scenario analysis") : _("full analysis"));
	if (iv->municipality && *iv->municipality)
		d->ops->item(d, _("Municipality"), iv->municipality);
	if (iv->author && *iv->author)
		d->ops->item(d, _("Author"), iv->author);
	if (iv->usual_practice && *iv->usual_practice)
		d->ops->item(d, _("Usual practice (what the intervention replaces)"),
			     iv->usual_practice);
	if (iv->start_year) {
		snprintf(b, sizeof b, "%d", iv->start_year);
		d->ops->item(d, _("Start year (year 1)"), b);
	}
	item_free(d, _("Knowledge database"),
		  xasprintf("%s %s", soem_text_get(&kb->name, rdoc_lang(rp),
						   kb->language),
			    kb->version ? kb->version : ""));
	item_free(d, _("Prices"), xasprintf("%s %d", kb->currency ? kb->currency
								  : "",
					     c->price_level ? c->price_level
							    : kb->price_year));
	snprintf(b, sizeof b, "%d", r->horizon);
	d->ops->item(d, _("Horizon (years)"), b);
	if (!c->ngroups) {
		snprintf(b, sizeof b, "%d", c->course_years);
		d->ops->item(d, _("Course length (years)"), b);
	}
	d->ops->item(d, _("Participants"),
		     soem_num_format(r->participants, 0, rp->conv, b, sizeof b));
	if (c->nintake) {
		char *s = NULL;
		size_t sl = 0;
		FILE *m = open_memstream(&s, &sl);
		if (m) {
			for (size_t i = 0; i < c->nintake; i++)
				fprintf(m, "%s%s %d: %s", i ? "; " : "",
					_("year"), c->intake[i].year,
					num_short(rp,
						  c->intake[i].participants.value,
						  2, b, sizeof b));
			fclose(m);
			item_free(d, _("Participants who start, per year"), s);
		}
	}
	if (c->ngroups) {
		/* SPEC §2.9: these are the groups' own, listed below */
		d->ops->item(d, _("Success rate"),
			     _("per group (see the table of groups)"));
		item_free(d, _("Discounting"), discount_text(rp));
		d->ops->list_end(d);
		doc_group_inputs(d);
		return;
	}
	d->ops->item(d, _("Target group"), group_name(rp, c));
	d->ops->item(d, _("Effect measure"), measure_name(rp, c));
	d->ops->item(d, _("Success rate"),
		     r->ngroups ? _("per group (see the table of groups)")
				: rdoc_share(rp, r->success_rate, b, sizeof b));
	if (e->has_p1)
		item_free(d, _("Success with the intervention (p1)"),
			  xasprintf("%s, %s: %s",
				    rdoc_share(rp, e->p1.value, b, sizeof b),
				    _("without (p0)"),
				    rdoc_share(rp, e->has_p0 ? e->p0.value : 0,
					      b2, sizeof b2)));
	if (soem_report_experiment_line(rp, line, sizeof line))
		d->ops->item(d, NULL, line);
	{
		unsigned k = (unsigned)e->source_kind < 5 ? e->source_kind : 0;
		if (e->source_note && *e->source_note)
			item_free(d, _("Source of the effect"),
				  xasprintf("%s: %s", _(kinds[k]),
					    e->source_note));
		else
			d->ops->item(d, _("Source of the effect"), _(kinds[k]));
		d->ops->item(d, _("Evidence level"),
			     _(levels[e->evidence_level >= 1 &&
						  e->evidence_level <= 3
					  ? e->evidence_level
					  : 0]));
	}
	item_free(d, _("Persistence of the effect"),
		  persistence_text(rp, &c->effect));
	item_free(d, _("Discounting"), discount_text(rp));
	d->ops->list_end(d);
}

/* SPEC §2.9: each group has its own match assessment. */
static void doc_group_match(rdoc *d)
{
	const soem_calc *c = d->rp->calc;
	bool any = false;

	for (size_t g = 0; g < c->ngroups; g++)
		if (c->groups[g].sub && c->groups[g].sub->match.present)
			any = true;
	if (!any) {
		d->ops->para(d, RP_NORMAL,
			     _("How well the target group and the effect measure match the knowledge database's has not been assessed."));
		return;
	}
	d->ops->list_start(d);
	for (size_t g = 0; g < c->ngroups; g++) {
		const soem_match_assessment *m =
			c->groups[g].sub ? &c->groups[g].sub->match : NULL;
		const char *name = c->groups[g].name ? c->groups[g].name : "";
		char *s;

		if (!m || !m->present) {
			d->ops->item(d, name, _("not assessed"));
			continue;
		}
		s = xasprintf(_("target group %s, effect measure %s"),
			      match_text(m->target_group),
			      match_text(m->effect_measure));
		if (m->note && *m->note) {
			char *t = xasprintf("%s; %s", s, m->note);
			free(s);
			s = t;
		}
		d->ops->item(d, name, s);
		free(s);
	}
	d->ops->list_end(d);
}

static void doc_match(rdoc *d)
{
	const soem_match_assessment *m = &d->rp->calc->match;

	d->ops->heading(d, 2, _("Match with the knowledge database"));
	if (d->rp->calc->ngroups) {
		doc_group_match(d);
		return;
	}
	if (!m->present) {
		d->ops->para(d, RP_NORMAL,
			     _("How well the target group and the effect measure match the knowledge database's has not been assessed."));
		return;
	}
	d->ops->list_start(d);
	d->ops->item(d, _("Target group"), match_text(m->target_group));
	d->ops->item(d, _("Effect measure"), match_text(m->effect_measure));
	if (m->note && *m->note)
		d->ops->item(d, _("Note"), m->note);
	d->ops->list_end(d);
}

static void doc_costs(rdoc *d)
{
	const soem_report *rp = d->rp;
	const soem_calc *c = rp->calc;
	static const char *const basis[] = {
		N_("per participant"), N_("per participant and year"),
		N_("once"), N_("every year"),
	};
	const char *head[] = { _("Cost"), _("Payer"), _("Basis"), _("Years"),
			       _("Amount"), _("Low"), _("High"), _("Saved") };
	char yb[512], am[SOEM_NUM_BUFSIZE + 64], lo[SOEM_NUM_BUFSIZE],
		hi[SOEM_NUM_BUFSIZE], t[SOEM_NUM_BUFSIZE];

	d->ops->heading(d, 2, _("Costs of the intervention"));
	if (!c->ncosts) {
		d->ops->para(d, RP_NORMAL, _("No costs are entered."));
		return;
	}
	d->ops->para(d, RP_NORMAL,
		     _("Amounts as entered; a saved cost is the cost of the usual practice that the intervention replaces and counts as a saving."));
	d->ops->table_start(d, 8, head, "lllrrrrl");
	for (size_t i = 0; i < c->ncosts; i++) {
		const soem_cost_item *ci = &c->costs[i];
		size_t o = 0;

		yb[0] = '\0';
		if (ci->basis == SOEM_BASIS_ONCE) {
			for (size_t y = 0; y < ci->nyears && o + 16 < sizeof yb;
			     y++)
				o += (size_t)snprintf(yb + o, sizeof yb - o,
						      "%s%d", y ? ", " : "",
						      ci->years[y]);
		} else if (ci->basis == SOEM_BASIS_YEARLY) {
			snprintf(yb, sizeof yb, "%d-%d", ci->from ? ci->from : 1,
				 ci->to ? ci->to : c->horizon);
		}
		amount(rp, ci->amount.value, t, sizeof t);
		if (ci->price_year && ci->price_year != rp->kb->price_year)
			snprintf(am, sizeof am, "%s (%d)", t, ci->price_year);
		else
			snprintf(am, sizeof am, "%s", t);
		lo[0] = hi[0] = '\0';
		if (ci->amount.ranged) {
			amount(rp, ci->amount.low, lo, sizeof lo);
			amount(rp, ci->amount.high, hi, sizeof hi);
		}
		const char *row[] = {
			ci->name ? ci->name : "", payer_by_id(rp, ci->payer),
			_(basis[(unsigned)ci->basis < 4 ? ci->basis : 0]), yb, am,
			lo, hi, ci->saved ? _("yes") : ""
		};
		d->ops->table_row(d, row);
	}
	d->ops->table_end(d);
}

static void doc_consequences(rdoc *d)
{
	const soem_report *rp = d->rp;
	const soem_result *r = rp->res;
	const soem_kb *kb = rp->kb;
	/* SPEC §2.9: with groups a first column names each row's group */
	bool grouped = rp->calc->ngroups > 0;
	const char *head[] = { _("Group"), _("Service"), _("Unit"), _("Area"),
			       _("Change per success, consequence year 1, 2, ..."),
			       _("During the course") };
	char b[SOEM_NUM_BUFSIZE], db[SOEM_NUM_BUFSIZE];

	d->ops->heading(d, 2, _("Consequences"));
	if (!r->nservices) {
		d->ops->para(d, RP_NORMAL, _("No consequences are used."));
		return;
	}
	d->ops->para(d, RP_NORMAL,
		     _("The change in use per participant who reaches the effect, compared with one who does not, from the year the participant finishes the course (consequence year 1); a positive value means more use. During the course: the change per participant and year while in the course, for all participants."));
	d->ops->table_start(d, grouped ? 6 : 5, grouped ? head : head + 1,
			    grouped ? "llllll" : "lllll");
	for (size_t i = 0; i < r->nservices; i++) {
		size_t k = rp->svc_cons ? rp->svc_cons[i] : i;
		const soem_consequence *q = &rp->calc->cons[k];
		const soem_kb_service *sv = kb_service(rp, i);
		const char *unit = "", *area = "";
		char *vals = NULL;
		size_t vl = 0;
		FILE *m = open_memstream(&vals, &vl);

		if (!m)
			continue;
		if (q->custom) {
			unit = q->cs.unit ? q->cs.unit : "";
			area = area_name(rp, soem_kb_area_index(kb, q->cs.area ? q->cs.area : ""));
		} else if (sv) {
			unit = sv->unit_name.n ? soem_text_get(&sv->unit_name,
							       rdoc_lang(rp),
							       kb->language)
					       : (sv->unit ? sv->unit : "");
			area = area_name(rp, sv->area);
		}
		for (size_t y = 0; y < q->nyears; y++)
			fprintf(m, "%s%s", y ? "; " : "",
				num_short(rp, q->years[y].value, 4, b, sizeof b));
		if (q->has_scale && q->scale.value != 1)
			fprintf(m, " (x %s)",
				num_short(rp, q->scale.value, 4, b, sizeof b));
		fclose(m);
		db[0] = '\0';
		if (q->has_during)
			num_short(rp, q->during.value, 4, db, sizeof db);
		size_t g = 0;
		const char *gname = "";

		if (grouped && soem_calc_row_group(rp->calc, k, &g))
			gname = rp->calc->groups[g].name ? rp->calc->groups[g].name
							 : "";
		const char *row[] = { gname, rdoc_service(rp, i), unit, area,
				      vals ? vals : "", db };
		d->ops->table_row(d, grouped ? row : row + 1);
		free(vals);
	}
	d->ops->table_end(d);
}

static void doc_prices(rdoc *d)
{
	const soem_report *rp = d->rp;
	const soem_calc *c = rp->calc;
	const char *head[] = { _("Service"), _("Payer"), _("Price"),
			       _("Database price") };
	char pb[SOEM_NUM_BUFSIZE + 32], t[SOEM_NUM_BUFSIZE],
		kbb[SOEM_NUM_BUFSIZE];
	size_t n = 0;

	for (size_t e = 0; e < c->nprices; e++)
		n += c->prices[e].n;
	if (!n)
		return;
	d->ops->heading(d, 2, _("Own prices"));
	d->ops->para(d, RP_NORMAL,
		     _("Prices per unit entered in the calculation; they replace the knowledge database's prices for these payers."));
	d->ops->table_start(d, 4, head, "llrr");
	for (size_t e = 0; e < c->nprices; e++) {
		const soem_price_entry *pe = &c->prices[e];
		for (size_t j = 0; j < pe->n; j++) {
			size_t p = soem_kb_payer_index(rp->kb, pe->v[j].payer ? pe->v[j].payer : "");
			double price, kbp;
			bool ov;

			amount(rp, pe->v[j].price.value, t, sizeof t);
			if (pe->price_year && pe->price_year != rp->kb->price_year)
				snprintf(pb, sizeof pb, "%s (%d)", t, pe->price_year);
			else
				snprintf(pb, sizeof pb, "%s", t);
			snprintf(kbb, sizeof kbb, "%s", "-");
			if (p != SOEM_NPOS &&
			    soem_kb_service_index(rp->kb, pe->service ? pe->service : "") != SOEM_NPOS &&
			    soem_calc_price(c, rp->kb, pe->service, p, &price,
					    &kbp, &ov))
				amount(rp, kbp, kbb, sizeof kbb);
			const char *row[] = {
				service_name_by_id(rp, pe->service),
				payer_by_id(rp, pe->v[j].payer), pb, kbb
			};
			d->ops->table_row(d, row);
		}
	}
	d->ops->table_end(d);
}

static bool any_taxed(const soem_result *r)
{
	for (size_t i = 0; r->svc_taxed && i < r->nservices; i++)
		if (r->svc_taxed[i])
			return true;
	return false;
}

/* The cumulative net at the report years (SPEC §2.9, at_years): the
 * undiscounted figure first, as a council paper quotes it. */
static void doc_at_years(rdoc *d)
{
	const soem_report *rp = d->rp;
	const soem_result *r = rp->res;
	size_t w = r->npayers + 1;
	char hb[512], lb[128], line[512];

	if (!r->nat)
		return;
	d->ops->heading(d, 2, rdoc_at_years_title(rp, hb, sizeof hb));
	payer_head(d, "");
	for (size_t i = 0; i < r->nat; i++) {
		rdoc_after_label(r->at_year[i], lb, sizeof lb);
		payer_row(d, lb, r->at_net + i * w, NULL, VK_MONEY);
	}
	for (size_t i = 0; i < r->nat; i++) {
		char l2[192];
		snprintf(l2, sizeof l2, _("%s, discounted"),
			 rdoc_after_label(r->at_year[i], lb, sizeof lb));
		payer_row(d, l2, r->at_net_disc + i * w, NULL, VK_MONEY);
	}
	d->ops->table_end(d);
	if (rdoc_after_line(rp, rdoc_quoted_year(rp), line, sizeof line))
		d->ops->para(d, RP_NORMAL, line);
}

/* One row per group (SPEC §2.9, by_group), in the calculation's order. */
static void doc_groups(rdoc *d)
{
	const soem_report *rp = d->rp;
	const soem_result *r = rp->res;
	size_t w = r->npayers + 1;
	const char *head[] = { _("Group"), _("Participants"), _("Success rate"),
			       _("Successes"), _("Effects (not discounted)"),
			       _("Present value of effects") };
	char hb[512], v[5][SOEM_NUM_BUFSIZE];

	if (!r->ngroups)
		return;
	d->ops->heading(d, 2, rdoc_at_prices(rp, _("Groups"), hb, sizeof hb));
	d->ops->table_start(d, 6, head, "lrrrrr");
	for (size_t g = 0; g < r->ngroups; g++) {
		num_short(rp, r->grp_participants[g], 2, v[0], sizeof v[0]);
		rdoc_share(rp, r->grp_s[g], v[1], sizeof v[1]);
		num_short(rp, r->grp_successes[g], 2, v[2], sizeof v[2]);
		rdoc_money(rp, r->grp_effects[g * w + r->npayers], v[3],
			   sizeof v[3]);
		rdoc_money(rp, r->grp_pv_effects[g * w + r->npayers], v[4],
			   sizeof v[4]);
		const char *row[] = { rdoc_group_name(rp, g), v[0], v[1], v[2],
				      v[3], v[4] };
		d->ops->table_row(d, row);
	}
	d->ops->table_end(d);
	d->ops->para(d, RP_NORMAL,
		     _("Effects and their present value for all payers together; the costs are shared by the groups."));
}

/* The summary a council paper leads with (issue 15): the result before
 * the inputs. */
static void doc_summary(rdoc *d)
{
	const soem_report *rp = d->rp;
	const soem_result *r = rp->res;
	size_t w = r->npayers + 1;
	int qy = rdoc_quoted_year(rp);
	size_t qi = qy ? rdoc_at_index(rp, qy) : SOEM_NPOS;
	char hb[512], lb[128], line[2048];

	d->ops->heading(d, 2, rdoc_at_prices(rp, _("Summary"), hb, sizeof hb));
	payer_head(d, "");
	payer_row(d, _("Present value of net"), r->pv_net, NULL, VK_MONEY);
	payer_row(d, _("Break-even year"), NULL, r->break_even, VK_BE);
	payer_row(d, _("Return per krone"), r->return_per_krone, NULL,
		  VK_RATIO);
	if (qi != SOEM_NPOS) {
		char l2[192];
		snprintf(l2, sizeof l2, _("%s, cumulative net (not discounted)"),
			 rdoc_after_label(qy, lb, sizeof lb));
		payer_row(d, l2, r->at_net + qi * w, NULL, VK_MONEY);
	}
	d->ops->table_end(d);
	if (qi != SOEM_NPOS && rdoc_after_line(rp, qy, line, sizeof line))
		d->ops->para(d, RP_NORMAL, line);
	if (soem_report_bep_line(rp, line, sizeof line))
		d->ops->para(d, RP_NORMAL, line);
	if (soem_report_zero_note(rp, line, sizeof line))
		d->ops->para(d, RP_WARN, line);
	/* issue 16 point 7: in the summary, so that nobody quotes a result
	 * resting on made-up figures without seeing it */
	if (soem_report_illustrative_line(rp, line, sizeof line))
		d->ops->para(d, RP_NORMAL, line);
	if (d->ops->chart)
		d->ops->chart(d);
}

static void doc_results(rdoc *d)
{
	const soem_report *rp = d->rp;
	const soem_result *r = rp->res;
	const soem_kb *kb = rp->kb;
	size_t P = r->npayers;
	char line[2048];

	char hb[512];

	d->ops->heading(d, 2, rdoc_at_prices(rp, _("Totals"), hb, sizeof hb));
	payer_head(d, "");
	payer_row(d, _("Costs"), r->tot_costs, NULL, VK_MONEY);
	payer_row(d, _("Effects (consequences)"), r->tot_effects, NULL,
		  VK_MONEY);
	payer_row(d, _("Net result (not discounted)"), r->tot_net, NULL,
		  VK_MONEY);
	payer_row(d, _("Present value of costs"), r->pv_costs, NULL, VK_MONEY);
	payer_row(d, _("Present value of effects"), r->pv_effects, NULL,
		  VK_MONEY);
	payer_row(d, _("Present value of net"), r->pv_net, NULL, VK_MONEY);
	if (soem_report_zero_note(rp, line, sizeof line))
		d->ops->table_note(d, line);
	payer_row(d, _("Net per participant"), r->per_participant, NULL,
		  VK_MONEY);
	if (r->successes > 0)
		payer_row(d, _("Net per success"), r->per_success, NULL,
			  VK_MONEY);
	if (r->has_completion) {
		double *cp = xcalloc(P + 1, sizeof *cp);

		payer_row(d, _("Net per completer"), r->per_completer, NULL,
			  VK_MONEY);
		for (size_t p = 0; p <= P; p++)
			cp[p] = rdoc_cost_per(rp, p, false);
		payer_row(d, _("Cost per participant"), cp, NULL, VK_MONEY);
		for (size_t p = 0; p <= P; p++)
			cp[p] = rdoc_cost_per(rp, p, true);
		payer_row(d, _("Cost per completer"), cp, NULL, VK_MONEY);
		free(cp);
	}
	payer_row(d, _("Return per krone"), r->return_per_krone, NULL,
		  VK_RATIO);
	payer_row(d, _("Break-even year"), NULL, r->break_even, VK_BE);
	d->ops->table_end(d);
	d->ops->para(d, RP_NORMAL,
		     soem_report_break_even_line(rp, line, sizeof line));
	if (soem_report_bep_line(rp, line, sizeof line))
		d->ops->para(d, RP_NORMAL, line);
	d->ops->para(d, RP_NORMAL,
		     _("The undiscounted net result is SØM's budget result; the present values (discounted) stand beside it. Break-even year: the first year from which the cumulative discounted net stays at or above 0."));

	doc_at_years(d);
	doc_groups(d);

	d->ops->heading(d, 2, rdoc_at_prices(rp, _("Net budget effect per year"),
					     hb, sizeof hb));
	year_table(d, r->net);
	if (soem_report_assumption_note(rp, line, sizeof line))
		d->ops->para(d, RP_NORMAL, line);

	d->ops->heading(d, 2, rdoc_at_prices(rp,
					     _("Cumulative discounted net per year"),
					     hb, sizeof hb));
	year_table(d, r->cum_disc);

	{
		const char *head[] = { _("Year"), _("Costs"), _("Effects"),
				       _("Net"), _("Discount factor"),
				       _("Net, discounted"),
				       _("Cumulative discounted net") };
		char yb[32], v[6][SOEM_NUM_BUFSIZE];

		d->ops->heading(d, 2,
				rdoc_at_prices(rp, _("Costs, effects and discounting per year (all payers)"),
					       hb, sizeof hb));
		d->ops->table_start(d, 7, head, "lrrrrrr");
		for (int t = 1; t <= r->horizon; t++) {
			size_t i = (size_t)(t - 1) * (P + 1) + P;
			rdoc_money(rp, r->costs[i], v[0], sizeof v[0]);
			rdoc_money(rp, r->effects[i], v[1], sizeof v[1]);
			rdoc_money(rp, r->net[i], v[2], sizeof v[2]);
			soem_num_format(r->discount[t - 1], 4, rp->conv, v[3],
					sizeof v[3]);
			rdoc_money(rp, r->net_disc[i], v[4], sizeof v[4]);
			rdoc_money(rp, r->cum_disc[i], v[5], sizeof v[5]);
			const char *row[] = { rdoc_year_label(rp, t, yb, sizeof yb),
					      v[0], v[1], v[2], v[3], v[4],
					      v[5] };
			d->ops->table_row(d, row);
		}
		d->ops->table_end(d);
	}

	if (r->nservices) {
		d->ops->heading(d, 2,
				rdoc_at_prices(rp, _("Effects by service (not discounted)"),
					       hb, sizeof hb));
		payer_head(d, _("Service"));
		/* SPEC §2.9: a service once, summed over the groups; "(i)"
		 * when any of its rows rests on an illustrative figure */
		soem_svc_totals st;
		soem_report_svc_totals(rp, &st);
		bool *ill = xcalloc(st.n ? st.n : 1, sizeof *ill);
		for (size_t i = 0; i < r->nservices; i++)
			if (!ill[st.slot[i]] && service_illustrative(rp, i))
				ill[st.slot[i]] = true;
		for (size_t e = 0; e < st.n; e++) {
			size_t i = st.first[e];
			char label[512];
			bool taxed = st.taxed[e];

			snprintf(label, sizeof label, "%s%s%s",
				 rdoc_service(rp, i), ill[e] ? " (i)" : "",
				 taxed ? _(" (net of tax)") : "");
			payer_row(d, label, st.effects + e * (P + 1), NULL,
				  VK_MONEY);
			if (!taxed)
				continue;
			snprintf(label, sizeof label, _("%s: gross"),
				 rdoc_service(rp, i));
			payer_row(d, label, st.gross + e * (P + 1), NULL,
				  VK_MONEY);
			snprintf(label, sizeof label, _("%s: tax back"),
				 rdoc_service(rp, i));
			payer_row(d, label, st.tax + e * (P + 1), NULL,
				  VK_MONEY);
		}
		free(ill);
		soem_report_svc_totals_free(&st);
		d->ops->table_end(d);
		if (any_taxed(r))
			d->ops->para(d, RP_NORMAL,
				     _("A transfer that carries income tax is shown net of tax: gross is the transfer itself, tax back the income tax on it that returns to each payer."));

		d->ops->heading(d, 2,
				rdoc_at_prices(rp, _("Effects by area (not discounted)"),
					       hb, sizeof hb));
		payer_head(d, _("Area"));
		for (size_t a = 0; a < r->nareas && a < kb->nareas; a++) {
			bool used = false;
			for (size_t i = 0; i < r->nservices && !used; i++) {
				size_t k = rp->svc_cons ? rp->svc_cons[i] : i;
				const soem_consequence *q = &rp->calc->cons[k];
				const soem_kb_service *sv = kb_service(rp, i);
				size_t ai = q->custom
						    ? soem_kb_area_index(kb, q->cs.area ? q->cs.area : "")
						    : sv ? sv->area : SOEM_NPOS;
				used = ai == a;
			}
			if (used)
				payer_row(d, area_name(rp, a),
					  r->by_area + a * (P + 1), NULL,
					  VK_MONEY);
		}
		d->ops->table_end(d);
	}
}

static void doc_uncertainty(rdoc *d)
{
	const soem_report *rp = d->rp;
	const soem_unc *u = rp->unc;
	char b[SOEM_NUM_BUFSIZE], line[512];

	if (u->sens.n) {
		const char *head[] = { _("Input"), _("Low"), _("High"),
				       _("PV at low"), _("PV at high"),
				       _("Swing") };
		char v[5][SOEM_NUM_BUFSIZE];

		d->ops->heading(d, 2, _("Sensitivity"));
		d->ops->para(d, RP_NORMAL,
			     _("Present value of the net (total) with one input at its low and at its high, the largest swing first."));
		d->ops->table_start(d, 6, head, "lrrrrr");
		for (size_t i = 0; i < u->sens.n; i++) {
			const soem_sens_row *r = &u->sens.row[i];

			rdoc_input(rp, r->low, v[0], sizeof v[0]);
			rdoc_input(rp, r->high, v[1], sizeof v[1]);
			rdoc_money(rp, r->pv_low, v[2], sizeof v[2]);
			rdoc_money(rp, r->pv_high, v[3], sizeof v[3]);
			rdoc_money(rp, fabs(r->pv_high - r->pv_low), v[4],
			      sizeof v[4]);
			const char *row[] = { u->inputs.in[r->input].name,
					      v[0], v[1], v[2], v[3], v[4] };
			d->ops->table_row(d, row);
		}
		d->ops->table_end(d);
	}
	if (u->mc.draws > 0) {
		d->ops->heading(d, 2, _("Monte Carlo"));
		snprintf(line, sizeof line,
			 _("Present value of the net in %s draws (seed %llu)."),
			 soem_num_format((double)u->mc.draws, 0, rp->conv, b,
					 sizeof b),
			 (unsigned long long)u->mc.seed);
		d->ops->para(d, RP_NORMAL, line);
		payer_head(d, "");
		payer_row(d, _("Mean"), u->mc.mean, NULL, VK_MONEY);
		payer_row(d, _("5th percentile"), u->mc.p5, NULL, VK_MONEY);
		payer_row(d, _("Median"), u->mc.p50, NULL, VK_MONEY);
		payer_row(d, _("95th percentile"), u->mc.p95, NULL, VK_MONEY);
		payer_row(d, _("Share of draws with net > 0"),
			  u->mc.share_positive, NULL, VK_SHARE);
		d->ops->table_end(d);
	}
}

static void doc_illustrative(rdoc *d)
{
	const soem_report *rp = d->rp;
	const soem_kb *kb = rp->kb;
	const soem_result *r = rp->res;
	bool svc = false;
	bool disc = !rp->calc->discount.present && kb->discount_prov.illustrative;
	bool index = kb->index_prov.illustrative && uses_price_index(rp);

	for (size_t i = 0; i < r->nservices; i++)
		if (service_illustrative(rp, i))
			svc = true;
	d->ops->heading(d, 2, _("Illustrative values"));
	if (!svc && !disc && !index) {
		d->ops->para(d, RP_NORMAL,
			     _("No value from the knowledge database that this calculation uses is marked as illustrative there."));
		return;
	}
	d->ops->para(d, RP_WARN,
		     svc ? _("Services marked (i) in the table of effects by service use a value from the knowledge database that is marked as illustrative there (made up to show how the model works, not taken from a published source): its price, its consequence estimates, or both. Replace such values with your own or sourced ones before you use the result.")
			 : _("The knowledge database marks these values as illustrative (made up to show how the model works, not taken from a published source). Replace them with your own or sourced ones before you use the result."));
	d->ops->list_start(d);
	/* a service once (SPEC §2.9: the same id in two groups is one
	 * service), with what of it is illustrative in any of its rows */
	soem_svc_totals st;
	soem_report_svc_totals(rp, &st);
	bool *pis = xcalloc(st.n ? st.n : 1, sizeof *pis);
	bool *cis = xcalloc(st.n ? st.n : 1, sizeof *cis);
	for (size_t i = 0; i < r->nservices; i++) {
		if (price_illustrative(rp, i))
			pis[st.slot[i]] = true;
		if (cons_illustrative(rp, i))
			cis[st.slot[i]] = true;
	}
	for (size_t e = 0; e < st.n; e++) {
		bool pi = pis[e], ci = cis[e];
		if (!pi && !ci)
			continue;
		d->ops->item(d, rdoc_service(rp, st.first[e]),
			     pi && ci ? _("the database's price and consequence estimates")
			     : pi     ? _("the database's price")
				      : _("the database's consequence estimates"));
	}
	free(pis);
	free(cis);
	soem_report_svc_totals_free(&st);
	if (disc)
		d->ops->item(d, _("Discounting"), _("the database's discount rates"));
	if (index)
		d->ops->item(d, _("Price index"),
			     _("the database's net price index, which converts own prices and costs to the profile's price year"));
	d->ops->list_end(d);
}

static void doc_notes(rdoc *d)
{
	const soem_calc *c = d->rp->calc;
	static const char *const keys[] = { "intervention", "target", "effect",
					    "costs", "consequences", "prices",
					    "results" };
	static const char *const titles[] = {
		N_("Intervention"), N_("Target group"), N_("Effect measure"),
		N_("Costs"), N_("Consequences"), N_("Prices"), N_("Results"),
	};
	const size_t nk = sizeof keys / sizeof keys[0];

	d->ops->heading(d, 2, _("Assumptions"));
	if (!c->nnotes) {
		d->ops->para(d, RP_NORMAL,
			     _("No notes are written in the assumption log."));
		return;
	}
	d->ops->para(d, RP_NORMAL,
		     _("The assumption log: the notes written at each step."));
	d->ops->list_start(d);
	for (size_t k = 0; k < nk; k++)
		for (size_t i = 0; i < c->nnotes; i++)
			if (c->notes[i].key && strcmp(c->notes[i].key, keys[k]) == 0)
				d->ops->item(d, _(titles[k]),
					     c->notes[i].text ? c->notes[i].text : "");
	for (size_t i = 0; i < c->nnotes; i++) {
		bool known = false;
		for (size_t k = 0; k < nk; k++)
			if (c->notes[i].key && strcmp(c->notes[i].key, keys[k]) == 0)
				known = true;
		if (!known)
			d->ops->item(d, c->notes[i].key ? c->notes[i].key : "",
				     c->notes[i].text ? c->notes[i].text : "");
	}
	d->ops->list_end(d);
}

int soem_report_doc(const soem_report *rp, const struct rdoc_ops *ops,
		    char **buf, size_t *len, soem_err *err)
{
	char *mem = NULL;
	size_t memlen = 0;
	FILE *f = open_memstream(&mem, &memlen);
	const soem_intervention *iv = &rp->calc->intervention;
	char b[128], line[512];

	if (!f)
		return soem_err_set(err, SOEM_EX_IOERR, _("out of memory"));
	rdoc d = { .f = f, .rp = rp, .ops = ops };
	ops->begin(&d, rdoc_intervention(rp));
	ops->heading(&d, 1, rdoc_intervention(rp));
	if (iv->description && *iv->description)
		ops->para(&d, RP_NORMAL, iv->description);
	if (rp->date) {
		snprintf(line, sizeof line, _("Made with soem on %s."),
			 soem_report_date_text(rp->date, rdoc_lang(rp), b,
					       sizeof b));
		ops->para(&d, RP_META, line);
	}
	if (iv->scenario)
		ops->para(&d, RP_WARN,
			  _("A scenario analysis: the effect is assumed, not documented."));
	doc_summary(&d);
	doc_inputs(&d);
	doc_match(&d);
	doc_costs(&d);
	doc_consequences(&d);
	doc_prices(&d);
	doc_results(&d);
	if (rp->unc)
		doc_uncertainty(&d);
	doc_illustrative(&d);
	doc_notes(&d);
	ops->end(&d);
	return rpt_finish(f, &mem, &memlen, buf, len, err);
}

