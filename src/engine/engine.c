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
	double be_a, be_b;
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

double soem_persistence(const soem_problem *pb, int j)
{
	switch (pb->persist) {
	case SOEM_PERSIST_DECAY:
		return pow(1 - pb->decay, j - 1);
	case SOEM_PERSIST_LIST:
		if (pb->nrho == 0 || j < 1)
			return 1;
		if ((size_t)j <= pb->nrho)
			return pb->rho[j - 1];
		return pb->rho[pb->nrho - 1];
	case SOEM_PERSIST_FULL:
	default:
		return 1;
	}
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
		    (int)co->basis > SOEM_BASIS_YEARLY)
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

int soem_problem_check(const soem_problem *pb, const char **why)
{
	if (!pb)
		return engine_refuse(why, "no problem");
	if (pb->horizon < 1 || pb->horizon > SOEM_HORIZON_MAX)
		return engine_refuse(why, "horizon not in 1..100");
	if (pb->course_years < 1)
		return engine_refuse(why, "course shorter than one year");
	if (pb->ncohorts > 0 && !pb->cohorts)
		return engine_refuse(why, "cohorts missing");
	for (size_t i = 0; i < pb->ncohorts; i++) {
		if (pb->cohorts[i].year < 1 ||
		    pb->cohorts[i].year > pb->horizon)
			return engine_refuse(why, "cohort year not in 1..H");
		if (!engine_finite(pb->cohorts[i].n) || pb->cohorts[i].n < 0)
			return engine_refuse(why, "participants not >= 0");
	}
	if (!engine_finite(pb->s))
		return engine_refuse(why, "success rate not finite");
	if ((int)pb->persist < SOEM_PERSIST_FULL ||
	    (int)pb->persist > SOEM_PERSIST_LIST)
		return engine_refuse(why, "unknown persistence");
	if (pb->persist == SOEM_PERSIST_DECAY &&
	    !(pb->decay >= 0 && pb->decay <= 1))
		return engine_refuse(why, "decay not in 0..1");
	if (pb->persist == SOEM_PERSIST_LIST && (pb->nrho == 0 || !pb->rho))
		return engine_refuse(why, "persistence list empty");
	if (pb->persist == SOEM_PERSIST_LIST &&
	    !engine_all_finite(pb->rho, pb->nrho))
		return engine_refuse(why, "persistence not finite");
	if (engine_check_services(pb, why) || engine_check_costs(pb, why) ||
	    engine_check_discount(pb, why))
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
	wk->cons = xcalloc(h, sizeof(double));
	wk->one = xcalloc(h, sizeof(double));
	wk->dur = xcalloc(h, sizeof(double));
	wk->c = xcalloc(h * wk->w, sizeof(double));
	wk->e = xcalloc(h * wk->w, sizeof(double));
	wk->r = xcalloc(h * wk->w, sizeof(double));
	wk->be_a = 0;
	wk->be_b = 0;
	soem_discount_factors(pb, wk->d);
	for (int j = 1; j <= wk->h; j++)
		wk->rho[j - 1] = soem_persistence(pb, j);
}

static void engine_work_free(struct engine_work *wk)
{
	free(wk->d);
	free(wk->rho);
	free(wk->cons);
	free(wk->one);
	free(wk->dur);
	free(wk->c);
	free(wk->e);
	free(wk->r);
}

/* Adds amount to payer p's costs in year t when 1 <= t <= H. */
static void engine_cost_add(struct engine_work *wk, size_t p, long long t,
			    double amount)
{
	if (t >= 1 && t <= wk->h)
		wk->c[(size_t)(t - 1) * wk->w + p] += amount;
}

/* C per payer (SPEC §2.5). */
static void engine_costs(const soem_problem *pb, struct engine_work *wk)
{
	long long len = pb->course_years;

	for (size_t i = 0; i < pb->ncosts; i++) {
		const soem_pcost *co = &pb->costs[i];
		double a = co->saved ? -co->amount : co->amount;
		long long from, to;

		switch (co->basis) {
		case SOEM_BASIS_PER_PARTICIPANT:
			for (size_t c = 0; c < pb->ncohorts; c++)
				engine_cost_add(wk, co->payer,
						pb->cohorts[c].year,
						a * pb->cohorts[c].n);
			break;
		case SOEM_BASIS_PER_PARTICIPANT_YEAR:
			for (size_t c = 0; c < pb->ncohorts; c++) {
				from = pb->cohorts[c].year;
				to = from + len - 1;
				if (to > wk->h)
					to = wk->h;
				for (long long t = from; t <= to; t++)
					engine_cost_add(wk, co->payer, t,
							a * pb->cohorts[c].n);
			}
			break;
		case SOEM_BASIS_ONCE:
			for (size_t y = 0; y < co->nyears; y++)
				engine_cost_add(wk, co->payer, co->years[y], a);
			break;
		case SOEM_BASIS_YEARLY:
			from = co->from < 1 ? 1 : co->from;
			to = co->to > wk->h ? wk->h : co->to;
			for (long long t = from; t <= to; t++)
				engine_cost_add(wk, co->payer, t, a);
			break;
		}
	}
}

/* Units of service sv per year (SPEC §2.3): wk->cons from the successes,
 * wk->one the same with s = 1, wk->dur from `during`. */
static void engine_units(const soem_problem *pb, const soem_pservice *sv,
			 struct engine_work *wk)
{
	long long len = pb->course_years;

	for (int t = 0; t < wk->h; t++)
		wk->cons[t] = wk->one[t] = wk->dur[t] = 0;
	for (size_t c = 0; c < pb->ncohorts; c++) {
		double n = pb->cohorts[c].n;
		double succ = n * pb->s;
		long long start = pb->cohorts[c].year;
		long long fin = start + len - 1;

		for (long long t = fin; t <= wk->h; t++) {
			long long j = t - fin + 1;
			double v;

			if ((unsigned long long)j > sv->nyears)
				break;
			v = wk->rho[j - 1] * sv->delta[j - 1] * sv->scale;
			wk->cons[t - 1] += succ * v;
			wk->one[t - 1] += n * v;
		}
		if (sv->during != 0) {
			for (long long t = start; t <= fin && t <= wk->h; t++)
				wk->dur[t - 1] += n * sv->during;
		}
	}
}

/* E per payer (SPEC §2.4), plus the parts A and B of the break-even
 * success rate, plus, when bysv is not NULL, the undiscounted E of each
 * service ([nservices][w], payer columns only). */
static void engine_effects(const soem_problem *pb, struct engine_work *wk,
			   double *bysv)
{
	size_t np = pb->npayers;

	for (size_t k = 0; k < pb->nservices; k++) {
		const soem_pservice *sv = &pb->services[k];

		engine_units(pb, sv, wk);
		for (int t = 0; t < wk->h; t++) {
			double u = wk->cons[t] + wk->dur[t];

			for (size_t p = 0; p < np; p++) {
				double sp = sv->sign * sv->price[p];
				double x = sp * u;

				wk->e[(size_t)t * wk->w + p] += x;
				if (bysv)
					bysv[k * wk->w + p] += x;
				wk->be_a += wk->d[t] * (sp * wk->one[t]);
				wk->be_b += wk->d[t] * (sp * wk->dur[t]);
			}
		}
	}
}

/* Fills C, E and R with their total columns. */
static void engine_flows(const soem_problem *pb, struct engine_work *wk,
			 double *bysv)
{
	size_t np = pb->npayers;

	engine_costs(pb, wk);
	engine_effects(pb, wk, bysv);
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
	r->by_area = xcalloc(pb->nareas * w, sizeof(double));
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

soem_result *soem_compute(const soem_problem *pb)
{
	struct engine_work wk;
	soem_result *r;
	size_t h, w, np;

	if (soem_problem_check(pb, NULL))
		return NULL;
	h = (size_t)pb->horizon;
	np = pb->npayers;
	w = np + 1;
	r = engine_result_new(pb);
	engine_work_init(&wk, pb);
	engine_flows(pb, &wk, r->by_service);

	for (size_t i = 0; i < h; i++)
		r->discount[i] = wk.d[i];
	for (size_t i = 0; i < h * w; i++) {
		r->costs[i] = wk.c[i];
		r->effects[i] = wk.e[i];
		r->net[i] = wk.r[i];
	}
	for (size_t k = 0; k < pb->nservices; k++) {
		double *row = r->by_service + k * w;
		double *area = r->by_area + pb->services[k].area * w;

		for (size_t p = 0; p < np; p++) {
			row[np] += row[p];
			area[p] += row[p];
		}
		area[np] += row[np];
	}
	for (size_t c = 0; c < pb->ncohorts; c++) {
		r->participants += pb->cohorts[c].n;
		r->successes += pb->cohorts[c].n * pb->s;
	}
	engine_summarise(r);

	r->be_A = wk.be_a;
	r->be_B = wk.be_b;
	r->break_even_s =
		wk.be_a > 0 ? (r->pv_costs[np] - wk.be_b) / wk.be_a : NAN;
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
	free(r->by_area);
	free(r);
	*rp = NULL;
}
