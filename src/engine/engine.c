/* engine.c - the calculation of SPEC §2.1-2.6; see engine.h.
 *
 * Choices where SPEC.md is silent (kept here so the CLI, the man page and
 * the tests agree):
 *  - `scale` multiplies a consequence row's years (delta) only, never `during`:
 *    SPEC §2.7 says it varies "all its years together", and `during` is
 *    not one of the years.
 *  - A `once` cost lists its years; years outside 1..H are ignored and a
 *    year listed twice counts twice.  A `yearly` cost is clipped to 1..H.
 *  - Two discount steps with the same `from`: the later one in the list
 *    wins.  The list need not be sorted.
 *  - The total column of C, E and R is the sum of the payer columns year
 *    by year; every total in the result is computed from that column.
 *  - Break-even year of the total column is SOEM_BE_NULL only when every
 *    payer's is (all costs and effects of all payers exactly 0).
 *  - SPEC §2.9: a problem without groups is one group made of the
 *    top-level fields; completion 0 means "not given" = 1.  Drop-outs
 *    leave during the first course year, so participant-years count N in
 *    the start year and N c in the later course years.  A per_completer
 *    cost whose finishing year falls after H is not counted.
 */
#include "config.h"

#include "engine/engine.h"

#include <math.h>
#include <stdlib.h>

#include "util/xalloc.h"

/* Scratch space for one run over a problem.  All arrays are owned. */
struct engine_work {
	int h;	      /* horizon */
	size_t w;     /* columns: payers + total */
	double *d;    /* [H] discount factors */
	double *rho;  /* [H] persistence for consequence years 1..H */
	double *cons; /* [H] units of one service from the successes */
	double *one;  /* [H] the same with s = 1 (for A) */
	double *dur;  /* [H] units of one service during the course */
	double *c;    /* [H][w] costs */
	double *e;    /* [H][w] effects */
	double *r;    /* [H][w] net */
	double *fix;  /* [H] total of the costs that do not follow participants */
	double *rhos; /* [H] persistence of the service being computed */
	double be_a, be_b, be_as;
	size_t ng;            /* groups */
	const soem_pgroup *g; /* the problem's groups, or &only */
	soem_pgroup only;     /* the one group of a problem without groups */
};

static bool engine_finite(double x)
{
	return isfinite(x) != 0;
}

static bool engine_all_finite(const double *x, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!engine_finite(x[i]))
			return false;
	return true;
}

/* Rate r_n of discount step n: the entry with the largest from <= n. */
static double engine_rate(const soem_problem *pb, int n)
{
	double rate = 0;
	int best = 0;

	for (size_t i = 0; i < pb->nsteps; i++) {
		if (pb->steps[i].from <= n && pb->steps[i].from >= best) {
			best = pb->steps[i].from;
			rate = pb->steps[i].rate;
		}
	}
	return rate;
}

double soem_discount_factor(const soem_problem *pb, int t)
{
	int last = pb->first_discounted ? t : t - 1;
	double d = 1;

	if (pb->nsteps == 0)
		return 1;
	for (int n = 1; n <= last; n++)
		d /= 1 + engine_rate(pb, n);
	return d;
}

void soem_discount_factors(const soem_problem *pb, double *d)
{
	double f = 1;

	for (int t = 1; t <= pb->horizon; t++) {
		int n = pb->first_discounted ? t : t - 1;

		if (pb->nsteps > 0 && n >= 1)
			f /= 1 + engine_rate(pb, n);
		d[t - 1] = f;
	}
}

static double engine_rho(enum soem_persist persist, double decay,
			 size_t nrho, const double *rho, int j)
{
	switch (persist) {
	case SOEM_PERSIST_DECAY:
		return pow(1 - decay, j - 1);
	case SOEM_PERSIST_LIST:
		if (nrho == 0 || j < 1)
			return 1;
		if ((size_t)j <= nrho)
			return rho[j - 1];
		return rho[nrho - 1];
	case SOEM_PERSIST_FULL:
	default:
		return 1;
	}
}

double soem_persistence(const soem_problem *pb, int j)
{
	return engine_rho(pb->persist, pb->decay, pb->nrho, pb->rho, j);
}

static double engine_completion(const soem_pgroup *g)
{
	return g->completion == 0 ? 1 : g->completion;
}

static int engine_refuse(const char **why, const char *reason)
{
	if (why)
		*why = reason;
	return 1;
}

static int engine_check_services(const soem_problem *pb, const char **why)
{
	if (pb->nservices > 0 && !pb->services)
		return engine_refuse(why, "services missing");
	for (size_t k = 0; k < pb->nservices; k++) {
		const soem_pservice *sv = &pb->services[k];

		if (sv->sign != 1 && sv->sign != -1)
			return engine_refuse(why, "service sign not +1 or -1");
		if (sv->area >= pb->nareas)
			return engine_refuse(why, "service area out of range");
		if (sv->nyears > 0 && !sv->delta)
			return engine_refuse(why, "consequence years missing");
		if (pb->npayers > 0 && !sv->price)
			return engine_refuse(why, "service prices missing");
		if (!engine_all_finite(sv->delta, sv->nyears) ||
		    !engine_finite(sv->scale) || !engine_finite(sv->during) ||
		    !engine_all_finite(sv->price, pb->npayers))
			return engine_refuse(why, "service number not finite");
	}
	return 0;
}

static int engine_check_costs(const soem_problem *pb, const char **why)
{
	if (pb->ncosts > 0 && !pb->costs)
		return engine_refuse(why, "costs missing");
	for (size_t i = 0; i < pb->ncosts; i++) {
		const soem_pcost *co = &pb->costs[i];

		if (co->payer >= pb->npayers)
			return engine_refuse(why, "cost payer out of range");
		if ((int)co->basis < SOEM_BASIS_PER_PARTICIPANT ||
		    (int)co->basis > SOEM_BASIS_PER_COMPLETER)
			return engine_refuse(why, "unknown cost basis");
		if (!engine_finite(co->amount))
			return engine_refuse(why, "cost amount not finite");
		if (co->basis == SOEM_BASIS_ONCE && co->nyears > 0 &&
		    !co->years)
			return engine_refuse(why, "cost years missing");
	}
	return 0;
}

static int engine_check_discount(const soem_problem *pb, const char **why)
{
	if (pb->nsteps > 0 && !pb->steps)
		return engine_refuse(why, "discount steps missing");
	for (size_t i = 0; i < pb->nsteps; i++) {
		if (pb->steps[i].from < 1)
			return engine_refuse(why, "discount step from < 1");
		if (!engine_finite(pb->steps[i].rate) ||
		    pb->steps[i].rate <= -1)
			return engine_refuse(why, "discount rate out of range");
	}
	return 0;
}

/* The one group of a problem without groups, from its top-level fields. */
static void engine_one_group(const soem_problem *pb, soem_pgroup *g)
{
	g->course_years = pb->course_years;
	g->completion = pb->completion;
	g->ncohorts = pb->ncohorts;
	g->cohorts = pb->cohorts;
	g->s = pb->s;
	g->persist = pb->persist;
	g->decay = pb->decay;
	g->nrho = pb->nrho;
	g->rho = pb->rho;
}

static int engine_check_persist(enum soem_persist persist, double decay,
				size_t nrho, const double *rho,
				const char **why)
{
	if ((int)persist < SOEM_PERSIST_FULL || (int)persist > SOEM_PERSIST_LIST)
		return engine_refuse(why, "unknown persistence");
	if (persist == SOEM_PERSIST_DECAY && !(decay >= 0 && decay <= 1))
		return engine_refuse(why, "decay not in 0..1");
	if (persist == SOEM_PERSIST_LIST && (nrho == 0 || !rho))
		return engine_refuse(why, "persistence list empty");
	if (persist == SOEM_PERSIST_LIST && !engine_all_finite(rho, nrho))
		return engine_refuse(why, "persistence not finite");
	return 0;
}

static int engine_check_group(const soem_pgroup *g, int h, const char **why)
{
	if (g->course_years < 1)
		return engine_refuse(why, "course shorter than one year");
	if (!(g->completion >= 0 && g->completion <= 1))
		return engine_refuse(why, "completion not in (0, 1]");
	if (g->ncohorts > 0 && !g->cohorts)
		return engine_refuse(why, "cohorts missing");
	for (size_t i = 0; i < g->ncohorts; i++) {
		if (g->cohorts[i].year < 1 || g->cohorts[i].year > h)
			return engine_refuse(why, "cohort year not in 1..H");
		if (!engine_finite(g->cohorts[i].n) || g->cohorts[i].n < 0)
			return engine_refuse(why, "participants not >= 0");
	}
	if (!engine_finite(g->s))
		return engine_refuse(why, "success rate not finite");
	return engine_check_persist(g->persist, g->decay, g->nrho, g->rho,
				    why);
}

/* SPEC §2.9 parts of services and costs. */
static int engine_check_extra(const soem_problem *pb, const char **why)
{
	size_t ng = pb->ngroups ? pb->ngroups : 1;

	for (size_t k = 0; k < pb->nservices; k++) {
		const soem_pservice *sv = &pb->services[k];
		double sum = 0;

		if (sv->group >= ng)
			return engine_refuse(why, "service group out of range");
		if (sv->own_persist &&
		    engine_check_persist(sv->persist, sv->decay, sv->nrho,
					 sv->rho, why))
			return 1;
		if (sv->price_t &&
		    !engine_all_finite(sv->price_t,
				       (size_t)pb->horizon * pb->npayers))
			return engine_refuse(why, "service number not finite");
		for (size_t p = 0; sv->tax && p < pb->npayers; p++) {
			if (!(sv->tax[p] >= 0 && sv->tax[p] <= 1))
				return engine_refuse(why, "tax share not in [0, 1]");
			sum += sv->tax[p];
		}
		if (sum > 1 + 1e-9)
			return engine_refuse(why, "tax shares sum to more than 1");
	}
	for (size_t i = 0; i < pb->ncosts; i++) {
		const soem_pcost *co = &pb->costs[i];

		if (co->has_group && co->group >= ng)
			return engine_refuse(why, "cost group out of range");
		if (co->split && !engine_all_finite(co->split, pb->npayers))
			return engine_refuse(why, "cost split not finite");
	}
	if (pb->nreport_years > 0 && !pb->report_years)
		return engine_refuse(why, "report years missing");
	for (size_t i = 0; i < pb->nreport_years; i++)
		if (pb->report_years[i] < 1 || pb->report_years[i] > pb->horizon)
			return engine_refuse(why, "report year not in 1..H");
	return 0;
}

int soem_problem_check(const soem_problem *pb, const char **why)
{
	soem_pgroup one;

	if (!pb)
		return engine_refuse(why, "no problem");
	if (pb->horizon < 1 || pb->horizon > SOEM_HORIZON_MAX)
		return engine_refuse(why, "horizon not in 1..100");
	if (pb->ngroups > 0 && !pb->groups)
		return engine_refuse(why, "groups missing");
	if (pb->ngroups == 0) {
		engine_one_group(pb, &one);
		if (engine_check_group(&one, pb->horizon, why))
			return 1;
	}
	for (size_t g = 0; g < pb->ngroups; g++)
		if (engine_check_group(&pb->groups[g], pb->horizon, why))
			return 1;
	if (engine_check_services(pb, why) || engine_check_costs(pb, why) ||
	    engine_check_discount(pb, why) || engine_check_extra(pb, why))
		return 1;
	if (why)
		*why = NULL;
	return 0;
}

static void engine_work_init(struct engine_work *wk, const soem_problem *pb)
{
	size_t h = (size_t)pb->horizon;

	wk->h = pb->horizon;
	wk->w = pb->npayers + 1;
	wk->d = xcalloc(h, sizeof(double));
	wk->rho = xcalloc(h, sizeof(double));
	wk->rhos = xcalloc(h, sizeof(double));
	wk->cons = xcalloc(h, sizeof(double));
	wk->one = xcalloc(h, sizeof(double));
	wk->dur = xcalloc(h, sizeof(double));
	wk->c = xcalloc(h * wk->w, sizeof(double));
	wk->e = xcalloc(h * wk->w, sizeof(double));
	wk->r = xcalloc(h * wk->w, sizeof(double));
	wk->fix = xcalloc(h, sizeof(double));
	wk->be_a = 0;
	wk->be_b = 0;
	wk->be_as = 0;
	engine_one_group(pb, &wk->only);
	wk->ng = pb->ngroups ? pb->ngroups : 1;
	wk->g = pb->ngroups ? pb->groups : &wk->only;
	soem_discount_factors(pb, wk->d);
	for (int j = 1; j <= wk->h; j++)
		wk->rho[j - 1] = soem_persistence(pb, j);
}

static void engine_work_free(struct engine_work *wk)
{
	free(wk->d);
	free(wk->rho);
	free(wk->rhos);
	free(wk->cons);
	free(wk->one);
	free(wk->dur);
	free(wk->c);
	free(wk->e);
	free(wk->r);
	free(wk->fix);
}

/* Adds amount to payer p's costs in year t when 1 <= t <= H; a cost with
 * a payer group's split is shared among the payers. */
static void engine_cost_add(struct engine_work *wk, const soem_pcost *co,
			    long long t, double amount)
{
	double *row;

	if (t < 1 || t > wk->h)
		return;
	row = wk->c + (size_t)(t - 1) * wk->w;
	if (!co->split) {
		row[co->payer] += amount;
		return;
	}
	for (size_t p = 0; p + 1 < wk->w; p++)
		row[p] += amount * co->split[p];
}

/* The participant-based amounts of cost co for one group (SPEC §2.5,
 * §2.9: completion). */
static void engine_group_costs(const soem_pcost *co, const soem_pgroup *g,
			       struct engine_work *wk, double a)
{
	long long len = g->course_years;
	double comp = engine_completion(g);

	for (size_t c = 0; c < g->ncohorts; c++) {
		double n = g->cohorts[c].n;
		long long from = g->cohorts[c].year;
		long long to = from + len - 1;

		switch (co->basis) {
		case SOEM_BASIS_PER_PARTICIPANT:
			engine_cost_add(wk, co, from, a * n);
			break;
		case SOEM_BASIS_PER_PARTICIPANT_YEAR:
			if (to > wk->h)
				to = wk->h;
			for (long long t = from; t <= to; t++)
				engine_cost_add(wk, co, t,
						t == from ? a * n
							  : a * n * comp);
			break;
		case SOEM_BASIS_PER_COMPLETER:
			engine_cost_add(wk, co, to, a * n * comp);
			break;
		default:
			break;
		}
	}
}

/* C per payer (SPEC §2.5). */
static void engine_costs(const soem_problem *pb, struct engine_work *wk)
{
	for (size_t i = 0; i < pb->ncosts; i++) {
		const soem_pcost *co = &pb->costs[i];
		double a = co->saved ? -co->amount : co->amount;
		long long from, to;

		switch (co->basis) {
		case SOEM_BASIS_PER_PARTICIPANT:
		case SOEM_BASIS_PER_PARTICIPANT_YEAR:
		case SOEM_BASIS_PER_COMPLETER:
			for (size_t g = 0; g < wk->ng; g++)
				if (!co->has_group || co->group == g)
					engine_group_costs(co, &wk->g[g], wk,
							   a);
			break;
		case SOEM_BASIS_ONCE:
			for (size_t y = 0; y < co->nyears; y++) {
				engine_cost_add(wk, co, co->years[y], a);
				if (co->years[y] >= 1 &&
				    co->years[y] <= wk->h)
					wk->fix[co->years[y] - 1] += a;
			}
			break;
		case SOEM_BASIS_YEARLY:
			from = co->from < 1 ? 1 : co->from;
			to = co->to > wk->h ? wk->h : co->to;
			for (long long t = from; t <= to; t++) {
				engine_cost_add(wk, co, t, a);
				wk->fix[t - 1] += a;
			}
			break;
		}
	}
}

/* Units of service sv per year (SPEC §2.3): wk->cons from the successes,
 * wk->one the same with s = 1, wk->dur from `during`; over the cohorts
 * of the service's group, with the row's own persistence if it has one. */
static void engine_units(const soem_problem *pb, const soem_pservice *sv,
			 struct engine_work *wk)
{
	const soem_pgroup *g = &wk->g[sv->group < wk->ng ? sv->group : 0];
	long long len = g->course_years;
	double comp = engine_completion(g);
	const double *rho = wk->rho;

	if (sv->own_persist) {
		for (int j = 1; j <= wk->h; j++)
			wk->rhos[j - 1] = engine_rho(sv->persist, sv->decay,
						     sv->nrho, sv->rho, j);
		rho = wk->rhos;
	} else if (pb->ngroups > 0) {
		for (int j = 1; j <= wk->h; j++)
			wk->rhos[j - 1] = engine_rho(g->persist, g->decay,
						     g->nrho, g->rho, j);
		rho = wk->rhos;
	}
	for (int t = 0; t < wk->h; t++)
		wk->cons[t] = wk->one[t] = wk->dur[t] = 0;
	for (size_t c = 0; c < g->ncohorts; c++) {
		double n = g->cohorts[c].n;
		double succ = n * g->s;
		long long start = g->cohorts[c].year;
		long long fin = start + len - 1;

		for (long long t = fin; t <= wk->h; t++) {
			long long j = t - fin + 1;
			double v;

			if ((unsigned long long)j > sv->nyears)
				break;
			v = rho[j - 1] * sv->delta[j - 1] * sv->scale;
			wk->cons[t - 1] += succ * v;
			wk->one[t - 1] += n * v;
		}
		if (sv->during != 0) {
			for (long long t = start; t <= fin && t <= wk->h; t++)
				wk->dur[t - 1] += (t == start ? n : n * comp) *
						  sv->during;
		}
	}
}

/* Price of sv for payer p in year index t (0-based). */
static double engine_price(const soem_problem *pb, const soem_pservice *sv,
			   int t, size_t p)
{
	if (sv->price_t)
		return sv->price_t[(size_t)t * pb->npayers + p];
	return sv->price[p];
}

/* Where the effects go: the optional tables of soem_compute. */
struct engine_out {
	double *bysv;   /* [nservices][w] undiscounted E */
	double *bysv_pv; /* [nservices][w] PV(E) */
	double *gross;  /* [nservices][w] sigma U pi */
	double *tax;    /* [nservices][w] -sigma U tau G */
	double *grp;    /* [ngroups][w] undiscounted E per group */
	double *grp_pv; /* [ngroups][w] PV(E) per group */
};

/* E per payer (SPEC §2.4, §2.9 taxes), plus the parts A and B of the
 * break-even success rate (and sum_g s_g A_g), plus, when out is not
 * NULL, the tables of the result (payer columns only). */
static void engine_effects(const soem_problem *pb, struct engine_work *wk,
			   const struct engine_out *out)
{
	size_t np = pb->npayers;

	for (size_t k = 0; k < pb->nservices; k++) {
		const soem_pservice *sv = &pb->services[k];
		size_t gi = sv->group < wk->ng ? sv->group : 0;
		double s = wk->g[gi].s;

		engine_units(pb, sv, wk);
		for (int t = 0; t < wk->h; t++) {
			double u = wk->cons[t] + wk->dur[t];
			double gross = 0;

			if (sv->tax)
				for (size_t p = 0; p < np; p++)
					gross += engine_price(pb, sv, t, p);
			for (size_t p = 0; p < np; p++) {
				double pi = engine_price(pb, sv, t, p);
				double tx = sv->tax ? sv->tax[p] * gross : 0;
				double sp = sv->sign * (pi - tx);
				double x = sp * u;

				wk->e[(size_t)t * wk->w + p] += x;
				if (out && out->bysv)
					out->bysv[k * wk->w + p] += x;
				if (out && out->bysv_pv)
					out->bysv_pv[k * wk->w + p] +=
						x * wk->d[t];
				if (out && out->gross) {
					out->gross[k * wk->w + p] +=
						sv->sign * pi * u;
					out->tax[k * wk->w + p] +=
						-sv->sign * tx * u;
				}
				if (out && out->grp) {
					out->grp[gi * wk->w + p] += x;
					out->grp_pv[gi * wk->w + p] +=
						x * wk->d[t];
				}
				wk->be_a += wk->d[t] * (sp * wk->one[t]);
				wk->be_as += s * wk->d[t] * (sp * wk->one[t]);
				wk->be_b += wk->d[t] * (sp * wk->dur[t]);
			}
		}
	}
}

/* Fills C, E and R with their total columns. */
static void engine_flows(const soem_problem *pb, struct engine_work *wk,
			 const struct engine_out *out)
{
	size_t np = pb->npayers;

	engine_costs(pb, wk);
	engine_effects(pb, wk, out);
	for (int t = 0; t < wk->h; t++) {
		double *c = wk->c + (size_t)t * wk->w;
		double *e = wk->e + (size_t)t * wk->w;
		double *r = wk->r + (size_t)t * wk->w;

		c[np] = e[np] = r[np] = 0;
		for (size_t p = 0; p < np; p++) {
			r[p] = e[p] - c[p];
			c[np] += c[p];
			e[np] += e[p];
			r[np] += r[p];
		}
	}
}

double soem_pv_net(const soem_problem *pb, double *pv)
{
	struct engine_work wk;
	double total = 0;

	if (soem_problem_check(pb, NULL)) {
		if (pv && pb)
			for (size_t p = 0; p <= pb->npayers; p++)
				pv[p] = NAN;
		return NAN;
	}
	engine_work_init(&wk, pb);
	engine_flows(pb, &wk, NULL);
	for (size_t p = 0; p < wk.w; p++) {
		double x = 0;

		for (int t = 0; t < wk.h; t++)
			x += wk.r[(size_t)t * wk.w + p] * wk.d[t];
		if (pv)
			pv[p] = x;
		total = x;
	}
	engine_work_free(&wk);
	return total;
}

/* The first year (1-based) in which payer p has a cost or an effect
 * (saved items are already netted into the costs); horizon + 1 if none.
 * The total column's first year is the earliest of its payers' (its own
 * sums may cancel to 0 where the payers' flows do not). */
static int engine_first_flow(const soem_result *r, size_t p)
{
	size_t w = r->npayers + 1;

	if (p == r->npayers) {
		int first = r->horizon + 1;

		for (size_t q = 0; q < r->npayers; q++) {
			int f = engine_first_flow(r, q);

			if (f < first)
				first = f;
		}
		return first;
	}
	for (int t = 0; t < r->horizon; t++)
		if (r->costs[(size_t)t * w + p] != 0 ||
		    r->effects[(size_t)t * w + p] != 0)
			return t + 1;
	return r->horizon + 1;
}

/* Year of break-even of column p (SPEC §2.6): the first year, not before
 * the payer's first year with a flow, from which the cumulative
 * discounted net stays >= 0 (within SOEM_BREAK_EVEN_TOL) up to H.  A payer
 * whose first flow is a saving in year 2 breaks even in year 2, not 1. */
static int engine_break_even(const soem_result *r, size_t p)
{
	size_t w = r->npayers + 1;
	int last_neg = 0;
	int first = engine_first_flow(r, p);

	for (int t = 1; t <= r->horizon; t++)
		if (r->cum_disc[(size_t)(t - 1) * w + p] < -SOEM_BREAK_EVEN_TOL)
			last_neg = t;
	if (last_neg >= r->horizon)
		return SOEM_BE_NONE;
	return last_neg + 1 > first ? last_neg + 1 : first;
}

static bool engine_column_null(const soem_result *r, size_t p)
{
	size_t w = r->npayers + 1;

	for (int t = 0; t < r->horizon; t++)
		if (r->costs[(size_t)t * w + p] != 0 ||
		    r->effects[(size_t)t * w + p] != 0)
			return false;
	return true;
}

static soem_result *engine_result_new(const soem_problem *pb)
{
	soem_result *r = xcalloc(1, sizeof(*r));
	size_t h = (size_t)pb->horizon;
	size_t w = pb->npayers + 1;

	r->horizon = pb->horizon;
	r->npayers = pb->npayers;
	r->nservices = pb->nservices;
	r->nareas = pb->nareas;
	r->success_rate = pb->s;
	r->discount = xcalloc(h, sizeof(double));
	r->costs = xcalloc(h * w, sizeof(double));
	r->effects = xcalloc(h * w, sizeof(double));
	r->net = xcalloc(h * w, sizeof(double));
	r->net_disc = xcalloc(h * w, sizeof(double));
	r->cum_disc = xcalloc(h * w, sizeof(double));
	r->tot_costs = xcalloc(w, sizeof(double));
	r->tot_effects = xcalloc(w, sizeof(double));
	r->tot_net = xcalloc(w, sizeof(double));
	r->pv_costs = xcalloc(w, sizeof(double));
	r->pv_effects = xcalloc(w, sizeof(double));
	r->pv_net = xcalloc(w, sizeof(double));
	r->break_even = xcalloc(w, sizeof(int));
	r->return_per_krone = xcalloc(w, sizeof(double));
	r->per_participant = xcalloc(w, sizeof(double));
	r->per_success = xcalloc(w, sizeof(double));
	r->by_service = xcalloc(pb->nservices * w, sizeof(double));
	r->by_service_pv = xcalloc(pb->nservices * w, sizeof(double));
	r->by_area = xcalloc(pb->nareas * w, sizeof(double));
	r->svc_taxed = xcalloc(pb->nservices ? pb->nservices : 1, sizeof(bool));
	r->by_service_gross = xcalloc(pb->nservices * w, sizeof(double));
	r->by_service_tax = xcalloc(pb->nservices * w, sizeof(double));
	r->per_completer = xcalloc(w, sizeof(double));
	r->ngroups = pb->ngroups;
	if (pb->ngroups == 0)
		r->success_rate = pb->s;
	else
		r->success_rate = NAN;
	r->grp_participants = xcalloc(pb->ngroups + 1, sizeof(double));
	r->grp_s = xcalloc(pb->ngroups + 1, sizeof(double));
	r->grp_successes = xcalloc(pb->ngroups + 1, sizeof(double));
	r->grp_effects = xcalloc((pb->ngroups + 1) * w, sizeof(double));
	r->grp_pv_effects = xcalloc((pb->ngroups + 1) * w, sizeof(double));
	return r;
}

/* Totals, present values, cumulative net and break-even per column. */
static void engine_summarise(soem_result *r)
{
	size_t w = r->npayers + 1;
	bool all_null = true;

	for (size_t p = 0; p < w; p++) {
		double k = 0;

		for (int t = 0; t < r->horizon; t++) {
			size_t i = (size_t)t * w + p;
			double d = r->discount[t];

			r->net_disc[i] = r->net[i] * d;
			k += r->net_disc[i];
			r->cum_disc[i] = k;
			r->tot_costs[p] += r->costs[i];
			r->tot_effects[p] += r->effects[i];
			r->tot_net[p] += r->net[i];
			r->pv_costs[p] += r->costs[i] * d;
			r->pv_effects[p] += r->effects[i] * d;
			r->pv_net[p] += r->net_disc[i];
		}
		if (p < r->npayers && !engine_column_null(r, p)) {
			all_null = false;
			r->break_even[p] = engine_break_even(r, p);
		} else if (p < r->npayers) {
			r->break_even[p] = SOEM_BE_NULL;
		} else {
			r->break_even[p] = all_null ? SOEM_BE_NULL
						    : engine_break_even(r, p);
		}
		r->return_per_krone[p] =
			r->pv_costs[p] > 0 ? r->pv_effects[p] / r->pv_costs[p]
					   : NAN;
		r->per_participant[p] =
			r->participants > 0 ? r->tot_net[p] / r->participants
					    : NAN;
		r->per_success[p] =
			r->successes > 0 ? r->tot_net[p] / r->successes : NAN;
	}
}

/* Figures at given years (SPEC §2.9 report_years): the default is those
 * of 1, 3, 5, 10 that are <= H, plus H. */
static void engine_at_years(const soem_problem *pb, soem_result *r)
{
	static const int dflt[] = {1, 3, 5, 10};
	size_t w = r->npayers + 1, n = 0;
	bool want[SOEM_HORIZON_MAX + 1] = {false};

	if (pb->nreport_years > 0) {
		for (size_t i = 0; i < pb->nreport_years; i++)
			want[pb->report_years[i]] = true;
	} else {
		for (size_t i = 0; i < sizeof dflt / sizeof dflt[0]; i++)
			if (dflt[i] <= r->horizon)
				want[dflt[i]] = true;
		want[r->horizon] = true;
	}
	for (int t = 1; t <= r->horizon; t++)
		n += want[t];
	r->at_year = xcalloc(n ? n : 1, sizeof(int));
	r->at_net = xcalloc((n ? n : 1) * w, sizeof(double));
	r->at_net_disc = xcalloc((n ? n : 1) * w, sizeof(double));
	for (int t = 1; t <= r->horizon; t++) {
		if (!want[t])
			continue;
		r->at_year[r->nat] = t;
		for (size_t p = 0; p < w; p++) {
			double u = 0;

			for (int y = 1; y <= t; y++)
				u += r->net[(size_t)(y - 1) * w + p];
			r->at_net[r->nat * w + p] = u;
			r->at_net_disc[r->nat * w + p] =
				r->cum_disc[(size_t)(t - 1) * w + p];
		}
		r->nat++;
	}
}

/* Break-even participants (SPEC §2.9): PV(R)(mu) = mu V - F. */
static void engine_break_even_volume(soem_result *r,
				     const struct engine_work *wk)
{
	size_t np = r->npayers;
	double f = 0;

	for (int t = 0; t < wk->h; t++)
		f += wk->fix[t] * wk->d[t];
	r->be_F = f;
	r->be_V = r->pv_net[np] + f;
	r->bep_value = r->bep_whole = NAN;
	if (!(r->be_V > 0))
		return;
	if (f <= 0) {
		r->bep_value = r->bep_whole = 0;
		return;
	}
	r->bep_value = f / r->be_V * r->participants;
	r->bep_whole = ceil(r->bep_value - 1e-9 * fabs(r->bep_value));
}

soem_result *soem_compute(const soem_problem *pb)
{
	struct engine_work wk;
	struct engine_out out;
	soem_result *r;
	size_t h, w, np;

	if (soem_problem_check(pb, NULL))
		return NULL;
	h = (size_t)pb->horizon;
	np = pb->npayers;
	w = np + 1;
	r = engine_result_new(pb);
	engine_work_init(&wk, pb);
	out.bysv = r->by_service;
	out.bysv_pv = r->by_service_pv;
	out.gross = r->by_service_gross;
	out.tax = r->by_service_tax;
	out.grp = r->ngroups ? r->grp_effects : NULL;
	out.grp_pv = r->grp_pv_effects;
	engine_flows(pb, &wk, &out);

	for (size_t i = 0; i < h; i++)
		r->discount[i] = wk.d[i];
	for (size_t i = 0; i < h * w; i++) {
		r->costs[i] = wk.c[i];
		r->effects[i] = wk.e[i];
		r->net[i] = wk.r[i];
	}
	for (size_t k = 0; k < pb->nservices; k++) {
		double *row = r->by_service + k * w;
		double *rpv = r->by_service_pv + k * w;
		double *gr = r->by_service_gross + k * w;
		double *tx = r->by_service_tax + k * w;
		double *area = r->by_area + pb->services[k].area * w;

		for (size_t p = 0; p < np; p++) {
			row[np] += row[p];
			rpv[np] += rpv[p];
			gr[np] += gr[p];
			tx[np] += tx[p];
			area[p] += row[p];
			if (pb->services[k].tax && pb->services[k].tax[p] != 0)
				r->svc_taxed[k] = true;
		}
		area[np] += row[np];
	}
	for (size_t g = 0; g < r->ngroups; g++)
		for (size_t p = 0; p < np; p++) {
			r->grp_effects[g * w + np] += r->grp_effects[g * w + p];
			r->grp_pv_effects[g * w + np] +=
				r->grp_pv_effects[g * w + p];
		}
	for (size_t g = 0; g < wk.ng; g++) {
		const soem_pgroup *gr = &wk.g[g];
		double comp = engine_completion(gr);

		if (comp < 1)
			r->has_completion = true;
		for (size_t c = 0; c < gr->ncohorts; c++) {
			double n = gr->cohorts[c].n;

			r->participants += n;
			r->successes += n * gr->s;
			r->completers += n * comp;
			if (g < r->ngroups) {
				r->grp_participants[g] += n;
				r->grp_successes[g] += n * gr->s;
			}
		}
		if (g < r->ngroups)
			r->grp_s[g] = gr->s;
	}
	engine_summarise(r);
	for (size_t p = 0; p < w; p++)
		r->per_completer[p] = r->completers > 0
					      ? r->tot_net[p] / r->completers
					      : NAN;
	engine_at_years(pb, r);
	engine_break_even_volume(r, &wk);

	r->be_A = wk.be_a;
	r->be_B = wk.be_b;
	r->be_As = wk.be_as;
	r->break_even_s = wk.be_a > 0 && pb->ngroups == 0
				  ? (r->pv_costs[np] - wk.be_b) / wk.be_a
				  : NAN;
	r->break_even_scale =
		wk.be_as > 0 ? (r->pv_costs[np] - wk.be_b) / wk.be_as : NAN;
	engine_work_free(&wk);
	return r;
}

void soem_result_free(soem_result **rp)
{
	soem_result *r;

	if (!rp || !*rp)
		return;
	r = *rp;
	free(r->discount);
	free(r->costs);
	free(r->effects);
	free(r->net);
	free(r->net_disc);
	free(r->cum_disc);
	free(r->tot_costs);
	free(r->tot_effects);
	free(r->tot_net);
	free(r->pv_costs);
	free(r->pv_effects);
	free(r->pv_net);
	free(r->break_even);
	free(r->return_per_krone);
	free(r->per_participant);
	free(r->per_success);
	free(r->by_service);
	free(r->by_service_pv);
	free(r->by_area);
	free(r->svc_taxed);
	free(r->by_service_gross);
	free(r->by_service_tax);
	free(r->per_completer);
	free(r->grp_participants);
	free(r->grp_s);
	free(r->grp_successes);
	free(r->grp_effects);
	free(r->grp_pv_effects);
	free(r->at_year);
	free(r->at_net);
	free(r->at_net_disc);
	free(r);
	*rp = NULL;
}
