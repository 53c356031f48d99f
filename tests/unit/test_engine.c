/* test_engine.c - the calculation of SPEC §2.1-2.6 against the oracles of
 * reference/oracles.md (sections A and B) and small hand-made cases.
 * Problems are built in code; numbers are compared with tolerances. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"

#define assert_close(got, want, tol)                                           \
	do {                                                                   \
		double g_ = (got), w_ = (want), t_ = (tol);                    \
		if (!(fabs(g_ - w_) <= t_))                                    \
			fail_msg("%s = %.17g, want %.17g (tol %g)", #got, g_,  \
				 w_, t_);                                      \
	} while (0)

/* Relative tolerance (absolute near zero). */
#define assert_rel(got, want, rel)                                             \
	assert_close(got, want, (rel)*fmax(1e-300, fabs((double)(want))))

#define assert_nan(x)                                                          \
	do {                                                                   \
		double x_ = (x);                                               \
		if (!isnan(x_))                                                \
			fail_msg("%s = %.17g, want NaN", #x, x_);              \
	} while (0)

/* The printed precision of a source that rounds to dp decimals. */
#define assert_printed(got, want, dp)                                          \
	assert_close(got, want, 0.5 * pow(10, -(dp)) + 1e-12)

/* ------------------------------------------------------------------ */
/* A problem built in code, with room for everything. */

#define FX_MAX	 8
#define FX_YEARS 128

struct fx {
	soem_problem pb;
	soem_cohort coh[FX_MAX];
	soem_pservice sv[FX_MAX];
	double delta[FX_MAX][FX_YEARS];
	double price[FX_MAX][FX_MAX];
	soem_pcost co[FX_MAX];
	int years[FX_MAX][FX_MAX];
	soem_pstep st[FX_MAX];
	double rho[FX_MAX];
};

/* Horizon h, p payers, one area, course 1 year, s = 1, full persistence,
 * no discounting, first year undiscounted.  Caller frees with free(). */
static struct fx *fx_new(int h, size_t p)
{
	struct fx *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->pb.horizon = h;
	f->pb.course_years = 1;
	f->pb.cohorts = f->coh;
	f->pb.s = 1;
	f->pb.persist = SOEM_PERSIST_FULL;
	f->pb.rho = f->rho;
	f->pb.npayers = p;
	f->pb.nareas = 1;
	f->pb.services = f->sv;
	f->pb.costs = f->co;
	f->pb.steps = f->st;
	return f;
}

static void fx_cohort(struct fx *f, int year, double n)
{
	assert_true(f->pb.ncohorts < FX_MAX);
	f->coh[f->pb.ncohorts].year = year;
	f->coh[f->pb.ncohorts].n = n;
	f->pb.ncohorts++;
}

/* A service with J years of delta and prices for the payers (the rest 0).
 * sign is -1 for an expense, +1 for a revenue. */
static soem_pservice *fx_service(struct fx *f, double sign, const double *d,
				 size_t j, const double *price)
{
	size_t k = f->pb.nservices++;
	soem_pservice *sv = &f->sv[k];

	assert_true(k < FX_MAX && j <= FX_YEARS);
	sv->sign = sign;
	sv->area = 0;
	sv->nyears = j;
	sv->delta = f->delta[k];
	memcpy(f->delta[k], d, j * sizeof(double));
	sv->scale = 1;
	sv->during = 0;
	sv->price = f->price[k];
	memcpy(f->price[k], price, f->pb.npayers * sizeof(double));
	return sv;
}

/* A service with the same delta v in years 1..j. */
static soem_pservice *fx_service_flat(struct fx *f, double sign, double v,
				      size_t j, const double *price)
{
	double d[FX_YEARS];

	for (size_t i = 0; i < j; i++)
		d[i] = v;
	return fx_service(f, sign, d, j, price);
}

static soem_pcost *fx_cost(struct fx *f, size_t payer, enum soem_basis b,
			   double amount)
{
	size_t i = f->pb.ncosts++;
	soem_pcost *co = &f->co[i];

	assert_true(i < FX_MAX);
	co->payer = payer;
	co->basis = b;
	co->amount = amount;
	co->years = f->years[i];
	co->from = 1;
	co->to = f->pb.horizon;
	return co;
}

static soem_pcost *fx_once(struct fx *f, size_t payer, double amount, int year)
{
	soem_pcost *co = fx_cost(f, payer, SOEM_BASIS_ONCE, amount);

	co->years[co->nyears++] = year;
	return co;
}

static void fx_step(struct fx *f, int from, double rate)
{
	assert_true(f->pb.nsteps < FX_MAX);
	f->st[f->pb.nsteps].from = from;
	f->st[f->pb.nsteps].rate = rate;
	f->pb.nsteps++;
}

static soem_result *fx_compute(const struct fx *f)
{
	const char *why = NULL;
	soem_result *r;

	if (soem_problem_check(&f->pb, &why))
		fail_msg("problem refused: %s", why ? why : "?");
	r = soem_compute(&f->pb);
	assert_non_null(r);
	return r;
}

/* Table cell of year t (1-based), column p. */
static double cell(const soem_result *r, const double *x, int t, size_t p)
{
	return x[(size_t)(t - 1) * (r->npayers + 1) + p];
}

/* ------------------------------------------------------------------ */
/* A1. WSIPP benefit-cost arithmetic. */

static struct fx *a1_problem(bool first_discounted, bool t0)
{
	static const double price[] = {500};
	struct fx *f = fx_new(t0 ? 21 : 20, 1);

	f->pb.first_discounted = first_discounted;
	f->pb.course_years = t0 ? 2 : 1;
	fx_step(f, 1, 0.03);
	fx_cohort(f, 1, 1);
	fx_service_flat(f, +1, 1, 20, price);
	fx_once(f, 0, 3000, 1);
	return f;
}

/* Annuity factor sum_{u=1}^{n} 1.03^-u. */
static double annuity(int n)
{
	return (1 - pow(1.03, -n)) / 0.03;
}

static void test_a1_wsipp_first_year_discounted(void **state)
{
	struct fx *f = a1_problem(true, false);
	soem_result *r = fx_compute(f);
	(void)state;

	assert_printed(r->pv_effects[1], 7438.74, 2);
	assert_printed(r->pv_costs[1], 2912.62, 2);
	assert_printed(r->pv_net[1], 4526.12, 2);
	assert_printed(r->return_per_krone[1], 2.5540, 4);
	assert_printed(r->return_per_krone[1], 2.55, 2); /* published */
	assert_int_equal(r->break_even[1], 7);
	assert_int_equal(r->break_even[0], 7);
	assert_printed(r->break_even_s, 0.39155, 5);
	/* Closed forms, 1e-9 relative. */
	assert_rel(r->pv_effects[1], 500 * annuity(20), 1e-9);
	assert_rel(r->pv_costs[1], 3000 / 1.03, 1e-9);
	assert_rel(r->pv_net[1], 500 * annuity(20) - 3000 / 1.03, 1e-9);
	assert_rel(r->break_even_s, (3000 / 1.03) / (500 * annuity(20)), 1e-9);
	assert_rel(r->be_A, 500 * annuity(20), 1e-9);
	assert_close(r->be_B, 0, 0);
	/* The single payer is the total. */
	assert_rel(r->pv_net[0], r->pv_net[1], 1e-15);
	/* Undiscounted totals stand beside the PV. */
	assert_rel(r->tot_effects[1], 10000, 1e-12);
	assert_rel(r->tot_net[1], 7000, 1e-12);
	soem_result_free(&r);
	assert_null(r);
	free(f);
}

static void test_a1_wsipp_first_year_undiscounted(void **state)
{
	struct fx *f = a1_problem(false, false);
	soem_result *r = fx_compute(f);
	(void)state;

	assert_printed(r->pv_effects[1], 7661.90, 2);
	assert_printed(r->pv_costs[1], 3000, 2);
	assert_printed(r->pv_net[1], 4661.90, 2);
	assert_printed(r->return_per_krone[1], 2.5540, 4);
	assert_int_equal(r->break_even[1], 7);
	assert_printed(r->break_even_s, 0.39155, 5);
	assert_rel(r->pv_effects[1], 500 * 1.03 * annuity(20), 1e-9);
	assert_rel(r->pv_costs[1], 3000, 1e-12);
	assert_close(r->discount[0], 1, 0);
	soem_result_free(&r);
	free(f);
}

static void test_a1_wsipp_investment_at_t0(void **state)
{
	struct fx *f = a1_problem(false, true);
	soem_result *r = fx_compute(f);
	(void)state;

	/* Consequence year 1 is calendar year 2 (the finish year). */
	assert_close(cell(r, r->effects, 1, 1), 0, 0);
	assert_rel(cell(r, r->effects, 2, 1), 500, 1e-15);
	assert_rel(cell(r, r->effects, 21, 1), 500, 1e-15);
	assert_printed(r->pv_effects[1], 7438.74, 2);
	assert_printed(r->pv_costs[1], 3000, 2);
	assert_printed(r->pv_net[1], 4438.74, 2);
	assert_printed(r->return_per_krone[1], 2.4796, 4);
	assert_int_equal(r->break_even[1], 8);
	assert_printed(r->break_even_s, 0.40329, 5);
	assert_rel(r->pv_effects[1], 500 * annuity(20), 1e-9);
	assert_rel(r->break_even_s, 3000 / (500 * annuity(20)), 1e-9);
	soem_result_free(&r);
	free(f);
}

/* ------------------------------------------------------------------ */
/* A2. UK Green Book; A3. Danish Ministry of Finance. */

static void test_a2_green_book_factors(void **state)
{
	static const struct {
		int n;
		double f;
	} want[] = {{1, 0.9662},  {2, 0.9335},	{3, 0.9019},  {4, 0.8714},
		    {5, 0.8420},  {10, 0.7089}, {15, 0.5969}, {20, 0.5026},
		    {25, 0.4231}, {30, 0.3563}, {31, 0.3459}, {40, 0.2651},
		    {50, 0.1973}};
	struct fx *f = fx_new(51, 1);
	double d[SOEM_HORIZON_MAX];
	(void)state;

	fx_step(f, 1, 0.035);
	fx_step(f, 31, 0.030);
	fx_step(f, 76, 0.025);
	soem_discount_factors(&f->pb, d);
	assert_close(d[0], 1, 0);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		int t = want[i].n + 1;

		assert_printed(d[t - 1], want[i].f, 4);
		assert_printed(soem_discount_factor(&f->pb, t), want[i].f, 4);
		assert_rel(soem_discount_factor(&f->pb, t), d[t - 1], 1e-15);
	}
	/* n = 31 is n = 30 divided by 1.030. */
	assert_rel(d[31], d[30] / 1.03, 1e-15);
	assert_rel(d[30], pow(1.035, -30), 1e-12);
	free(f);
}

static double a2_cash_flow(double each, size_t nyears)
{
	static const double price[] = {1};
	double delta[FX_YEARS] = {0};
	struct fx *f = fx_new(51, 1);
	soem_result *r;
	double pv, fast;

	fx_step(f, 1, 0.035);
	fx_step(f, 31, 0.030);
	fx_step(f, 76, 0.025);
	fx_cohort(f, 1, 1);
	for (size_t i = 1; i <= nyears; i++)
		delta[i] = each;
	fx_service(f, +1, delta, nyears + 1, price);
	fx_once(f, 0, 100, 1);
	r = fx_compute(f);
	pv = r->pv_net[1];
	fast = soem_pv_net(&f->pb, NULL);
	assert_rel(fast, pv, 1e-12);
	soem_result_free(&r);
	free(f);
	return pv;
}

static void test_a2_green_book_cash_flows(void **state)
{
	double a5 = 0, a3 = 0;
	(void)state;

	for (int n = 1; n <= 5; n++)
		a5 += pow(1.035, -n);
	for (int n = 1; n <= 3; n++)
		a3 += pow(1.035, -n);
	assert_printed(a2_cash_flow(30, 5), 35.4516, 4);
	assert_printed(a2_cash_flow(50, 3), 40.0818, 4);
	assert_rel(a2_cash_flow(30, 5), -100 + 30 * a5, 1e-12);
	assert_rel(a2_cash_flow(50, 3), -100 + 50 * a3, 1e-12);
}

static void dk_schedule(struct fx *f, double r1, double r2, double r3)
{
	fx_step(f, 1, r1);
	fx_step(f, 36, r2);
	fx_step(f, 71, r3);
}

static void test_a3_danish_2021_schedule(void **state)
{
	struct fx *f = fx_new(72, 1);
	double d[SOEM_HORIZON_MAX];
	(void)state;

	dk_schedule(f, 0.035, 0.025, 0.015);
	soem_discount_factors(&f->pb, d);
	/* d_t is the factor of n = t - 1, so n sits at index n. */
	assert_printed(d[1], 0.9662, 4);
	assert_printed(d[10], 0.7089, 4);
	assert_printed(d[35], 0.3000, 4);
	assert_printed(d[36], 0.2927, 4);
	assert_printed(d[70], 0.1264, 4);
	assert_rel(d[35], 0.299977, 1e-5);
	/* The crossing: step 35 at 3.5 %, step 36 (year 37) at 2.5 %, step 71
	 * (year 72) at 1.5 %. */
	assert_rel(d[35] / d[34], 1 / 1.035, 1e-14);
	assert_rel(d[36] / d[35], 1 / 1.025, 1e-14);
	assert_rel(d[70] / d[69], 1 / 1.025, 1e-14);
	assert_rel(d[71] / d[70], 1 / 1.015, 1e-14);
	assert_rel(d[70], pow(1.035, -35) * pow(1.025, -35), 1e-12);
	/* first_year: discounted shifts everything by one step. */
	f->pb.first_discounted = true;
	soem_discount_factors(&f->pb, d);
	assert_rel(d[0], 1 / 1.035, 1e-15);
	assert_rel(d[34], pow(1.035, -35), 1e-12);
	assert_rel(d[35], pow(1.035, -35) / 1.025, 1e-12);
	assert_rel(soem_discount_factor(&f->pb, 36), d[35], 1e-15);
	free(f);
}

static void test_a3_danish_2013_schedule(void **state)
{
	struct fx *f = fx_new(40, 1);
	double d[SOEM_HORIZON_MAX];
	(void)state;

	dk_schedule(f, 0.04, 0.03, 0.02);
	soem_discount_factors(&f->pb, d);
	assert_printed(d[10], 0.6756, 4);
	assert_printed(d[35], 0.2534, 4);
	assert_printed(d[36], 0.2460, 4);
	free(f);
}

static void test_discount_schedule_rules(void **state)
{
	struct fx *f = fx_new(10, 1);
	double d[SOEM_HORIZON_MAX];
	(void)state;

	/* Empty list: no discounting, also with first_year discounted. */
	f->pb.first_discounted = true;
	soem_discount_factors(&f->pb, d);
	for (int t = 0; t < 10; t++)
		assert_close(d[t], 1, 0);
	assert_close(soem_discount_factor(&f->pb, 10), 1, 0);
	/* A list not starting at 1: rate 0 before its first entry.  Not
	 * sorted, which does not matter. */
	f->pb.first_discounted = false;
	fx_step(f, 5, 0.10);
	fx_step(f, 3, 0.05);
	soem_discount_factors(&f->pb, d);
	assert_close(d[0], 1, 0);
	assert_close(d[1], 1, 0); /* step 1 */
	assert_close(d[2], 1, 0); /* step 2 */
	assert_rel(d[3], 1 / 1.05, 1e-15);
	assert_rel(d[4], 1 / 1.05 / 1.05, 1e-15);
	assert_rel(d[5], 1 / 1.05 / 1.05 / 1.10, 1e-15);
	/* Rate 0 turns discounting off. */
	f->pb.nsteps = 0;
	fx_step(f, 1, 0);
	soem_discount_factors(&f->pb, d);
	for (int t = 0; t < 10; t++)
		assert_close(d[t], 1, 0);
	free(f);
}

/* ------------------------------------------------------------------ */
/* B. The SØM success rate. */

static struct fx *b1_problem(double s)
{
	static const double price[] = {1000, 200, 50};
	static const double delta[] = {-2.85, -2.19, -1.5, -0.4};
	struct fx *f = fx_new(10, 3);

	f->pb.s = s;
	f->pb.course_years = 2;
	fx_cohort(f, 1, 40);
	fx_cohort(f, 2, 60);
	fx_service(f, -1, delta, 4, price);
	dk_schedule(f, 0.035, 0.025, 0.015);
	return f;
}

static void test_b1_success_rate_is_p1_minus_p0(void **state)
{
	double p1 = 0.12, p0 = 0.02;
	struct fx *f1 = b1_problem(1);
	struct fx *fs = b1_problem(p1 - p0);
	soem_result *r1 = fx_compute(f1), *rs = fx_compute(fs);
	(void)state;

	assert_rel(rs->success_rate, 0.1, 1e-12);
	assert_rel(rs->successes, 100 * 0.1, 1e-12);
	assert_rel(rs->participants, 100, 0);
	/* Every consequence scales with 0.10, not 0.12. */
	for (int t = 1; t <= 10; t++)
		for (size_t p = 0; p <= 3; p++)
			assert_rel(cell(rs, rs->effects, t, p),
				   0.1 * cell(r1, r1->effects, t, p), 1e-12);
	assert_rel(rs->pv_effects[3], 0.1 * r1->pv_effects[3], 1e-12);
	assert_true(rs->pv_effects[3] > 0); /* fewer weeks: a saving */
	soem_result_free(&r1);
	soem_result_free(&rs);
	free(f1);
	free(fs);
}

static struct fx *b2_problem(int h)
{
	static const double one[] = {1};
	static const double kontant[] = {-2.85, -2.19};
	static const double fortid[] = {0.55, 1.09};
	static const double udd[] = {0.00, 0.00};
	static const double ovrige[] = {0.60, 1.09};
	struct fx *f = fx_new(h, 1);

	f->pb.s = 0.10;
	f->pb.nareas = 2;
	fx_cohort(f, 1, 100);
	fx_service(f, -1, kontant, 2, one)->area = 0;
	fx_service(f, -1, fortid, 2, one)->area = 1;
	fx_service(f, -1, udd, 2, one)->area = 1;
	fx_service(f, -1, ovrige, 2, one)->area = 1;
	return f;
}

static void test_b2_seed_consequences(void **state)
{
	struct fx *f = b2_problem(1);
	soem_result *r = fx_compute(f);
	(void)state;

	/* Year 1: 10 successes x -2.85 = -28.5 weeks: a saving of 28.5. */
	assert_rel(r->by_service[0 * 2 + 0], 28.5, 1e-12);
	assert_rel(r->by_service[1 * 2 + 0], -5.5, 1e-12);
	assert_close(r->by_service[2 * 2 + 0], 0, 0);
	assert_rel(r->by_service[3 * 2 + 0], -6.0, 1e-12);
	assert_rel(cell(r, r->effects, 1, 1), 28.5 - 5.5 - 6.0, 1e-12);
	soem_result_free(&r);
	free(f);

	f = b2_problem(3);
	r = fx_compute(f);
	assert_rel(cell(r, r->effects, 1, 0), 17.0, 1e-12);
	assert_rel(cell(r, r->effects, 2, 0), 21.9 - 10.9 - 10.9, 1e-9);
	assert_close(cell(r, r->effects, 3, 0), 0, 0);
	assert_rel(r->by_service[0 * 2 + 1], 28.5 + 21.9, 1e-12);
	assert_rel(r->by_area[0 * 2 + 1], 28.5 + 21.9, 1e-12);
	assert_rel(r->by_area[1 * 2 + 1], -5.5 - 6.0 - 10.9 - 10.9, 1e-12);
	/* No costs: break-even in year 1, return per krone n/a. */
	assert_int_equal(r->break_even[1], 1);
	assert_nan(r->return_per_krone[1]);
	soem_result_free(&r);
	free(f);
}

static void test_b2b_per_participant_divides_by_all(void **state)
{
	static const double price[] = {62000};
	static const double one[] = {1};
	struct fx *f = fx_new(6, 1);
	soem_result *r;
	(void)state;

	fx_cohort(f, 1, 50);
	fx_cohort(f, 2, 50);
	fx_cohort(f, 3, 50);
	fx_service(f, +1, one, 1, price);
	r = fx_compute(f);
	assert_rel(r->tot_net[1], 9300000, 1e-12);
	assert_rel(r->per_participant[1], 62000, 1e-12);
	assert_rel(r->per_success[1], 62000, 1e-12);
	assert_rel(r->participants, 150, 0);
	assert_rel(cell(r, r->net, 3, 1), 3100000, 1e-12);
	assert_close(cell(r, r->net, 4, 1), 0, 0);
	soem_result_free(&r);

	/* With s = 0.5 per participant halves, per success does not. */
	f->pb.s = 0.5;
	r = fx_compute(f);
	assert_rel(r->per_participant[1], 31000, 1e-12);
	assert_rel(r->per_success[1], 62000, 1e-12);
	soem_result_free(&r);
	free(f);
}

static void test_b3_break_even_success_rate(void **state)
{
	static const double price[] = {10000};
	static const double one[] = {1};
	struct fx *f = fx_new(1, 1);
	soem_result *r;
	(void)state;

	f->pb.s = 0.5;
	fx_cohort(f, 1, 1);
	fx_service(f, +1, one, 1, price);
	fx_cost(f, 0, SOEM_BASIS_PER_PARTICIPANT, 3000);
	r = fx_compute(f);
	assert_rel(r->break_even_s, 0.30, 1e-9);
	assert_rel(r->be_A, 10000, 1e-12);
	soem_result_free(&r);
	free(f);
}

/* ------------------------------------------------------------------ */
/* Costs (SPEC §2.5). */

static void test_cost_per_participant(void **state)
{
	struct fx *f = fx_new(5, 2);
	soem_result *r;
	(void)state;

	f->pb.course_years = 3;
	fx_cohort(f, 1, 10);
	fx_cohort(f, 3, 5);
	fx_cohort(f, 3, 1); /* repeated years add up */
	fx_cost(f, 1, SOEM_BASIS_PER_PARTICIPANT, 100);
	r = fx_compute(f);
	assert_rel(cell(r, r->costs, 1, 1), 1000, 1e-15);
	assert_close(cell(r, r->costs, 2, 1), 0, 0);
	assert_rel(cell(r, r->costs, 3, 1), 600, 1e-15);
	assert_close(cell(r, r->costs, 1, 0), 0, 0);
	assert_rel(cell(r, r->costs, 1, 2), 1000, 1e-15);
	assert_rel(r->tot_costs[1], 1600, 1e-15);
	assert_rel(r->tot_costs[2], 1600, 1e-15);
	assert_rel(cell(r, r->net, 1, 2), -1000, 1e-15);
	assert_int_equal(r->break_even[1], SOEM_BE_NONE);
	assert_int_equal(r->break_even[0], SOEM_BE_NULL);
	assert_int_equal(r->break_even[2], SOEM_BE_NONE);
	soem_result_free(&r);
	free(f);
}

static void test_cost_per_participant_year(void **state)
{
	struct fx *f = fx_new(10, 1);
	soem_result *r;
	(void)state;

	f->pb.course_years = 3;
	fx_cohort(f, 1, 10);
	fx_cohort(f, 2, 4);
	fx_cost(f, 0, SOEM_BASIS_PER_PARTICIPANT_YEAR, 100);
	r = fx_compute(f);
	assert_rel(cell(r, r->costs, 1, 0), 1000, 1e-15);
	assert_rel(cell(r, r->costs, 2, 0), 1400, 1e-15);
	assert_rel(cell(r, r->costs, 3, 0), 1400, 1e-15);
	assert_rel(cell(r, r->costs, 4, 0), 400, 1e-15);
	assert_close(cell(r, r->costs, 5, 0), 0, 0);
	assert_rel(r->tot_costs[1], 4200, 1e-15);
	soem_result_free(&r);

	/* Only the years up to H. */
	f->pb.horizon = 3;
	r = fx_compute(f);
	assert_rel(r->tot_costs[1], 3800, 1e-15);
	soem_result_free(&r);
	free(f);
}

static void test_cost_once_and_yearly(void **state)
{
	struct fx *f = fx_new(10, 2);
	soem_pcost *once, *yearly, *all;
	soem_result *r;
	(void)state;

	fx_cohort(f, 1, 1);
	once = fx_once(f, 0, 7, 1);
	once->years[once->nyears++] = 3;
	once->years[once->nyears++] = 5;
	once->years[once->nyears++] = 12; /* after H: ignored */
	yearly = fx_cost(f, 1, SOEM_BASIS_YEARLY, 2);
	yearly->from = 2;
	yearly->to = 4;
	all = fx_cost(f, 1, SOEM_BASIS_YEARLY, 1);
	all->from = 0; /* clipped to 1..H */
	all->to = 200;
	r = fx_compute(f);
	for (int t = 1; t <= 10; t++) {
		double want0 = (t == 1 || t == 3 || t == 5) ? 7 : 0;
		double want1 = 1 + ((t >= 2 && t <= 4) ? 2 : 0);

		assert_close(cell(r, r->costs, t, 0), want0, 0);
		assert_close(cell(r, r->costs, t, 1), want1, 0);
		assert_close(cell(r, r->costs, t, 2), want0 + want1, 0);
	}
	assert_close(r->tot_costs[0], 21, 0);
	assert_close(r->tot_costs[1], 16, 0);
	assert_close(r->tot_costs[2], 37, 0);
	soem_result_free(&r);
	free(f);
}

static void test_cost_saved_counts_negative(void **state)
{
	struct fx *f = fx_new(3, 1);
	soem_result *r;
	(void)state;

	fx_cohort(f, 1, 10);
	fx_cost(f, 0, SOEM_BASIS_PER_PARTICIPANT, 100);
	fx_cost(f, 0, SOEM_BASIS_PER_PARTICIPANT, 30)->saved = true;
	r = fx_compute(f);
	assert_rel(cell(r, r->costs, 1, 0), 700, 1e-15);
	assert_rel(r->pv_costs[1], 700, 1e-15);
	soem_result_free(&r);

	/* Saved costs of the usual practice exceed the intervention's:
	 * PV(C) < 0, return per krone n/a, break-even in year 1. */
	f->co[1].amount = 150;
	r = fx_compute(f);
	assert_rel(r->pv_costs[1], -500, 1e-15);
	assert_nan(r->return_per_krone[1]);
	assert_nan(r->return_per_krone[0]);
	assert_int_equal(r->break_even[1], 1);
	assert_rel(r->pv_net[1], 500, 1e-15);
	soem_result_free(&r);
	free(f);
}

/* ------------------------------------------------------------------ */
/* Consequences and persistence (SPEC §2.2-2.4). */

static void test_persistence_decay_and_list(void **state)
{
	static const double price[] = {1};
	struct fx *f = fx_new(6, 1);
	soem_result *r;
	(void)state;

	fx_cohort(f, 1, 10);
	fx_service_flat(f, +1, 10, 4, price);
	f->pb.persist = SOEM_PERSIST_DECAY;
	f->pb.decay = 0.2;
	assert_close(soem_persistence(&f->pb, 1), 1, 0);
	assert_rel(soem_persistence(&f->pb, 3), 0.64, 1e-15);
	r = fx_compute(f);
	for (int t = 1; t <= 4; t++)
		assert_rel(cell(r, r->effects, t, 0), 10 * 10 * pow(0.8, t - 1),
			   1e-14);
	assert_close(cell(r, r->effects, 5, 0), 0, 0);
	soem_result_free(&r);

	/* A list shorter than the consequences: the last value repeats. */
	f->pb.persist = SOEM_PERSIST_LIST;
	f->rho[0] = 1;
	f->rho[1] = 0.5;
	f->pb.nrho = 2;
	assert_close(soem_persistence(&f->pb, 1), 1, 0);
	assert_close(soem_persistence(&f->pb, 2), 0.5, 0);
	assert_close(soem_persistence(&f->pb, 50), 0.5, 0);
	r = fx_compute(f);
	assert_rel(cell(r, r->effects, 1, 0), 100, 1e-15);
	assert_rel(cell(r, r->effects, 2, 0), 50, 1e-15);
	assert_rel(cell(r, r->effects, 3, 0), 50, 1e-15);
	assert_rel(cell(r, r->effects, 4, 0), 50, 1e-15);
	assert_close(cell(r, r->effects, 5, 0), 0, 0);
	soem_result_free(&r);

	/* Decay 1: only the first consequence year. */
	f->pb.persist = SOEM_PERSIST_DECAY;
	f->pb.decay = 1;
	r = fx_compute(f);
	assert_rel(r->tot_effects[1], 100, 1e-15);
	soem_result_free(&r);
	f->pb.persist = SOEM_PERSIST_FULL;
	assert_close(soem_persistence(&f->pb, 7), 1, 0);
	free(f);
}

/* Cohorts in years 1 and 3, course 2 years: consequence year 1 is the
 * finish year 2 (and 4). */
static void test_cohorts_with_long_course(void **state)
{
	static const double price[] = {1};
	static const double delta[] = {1, 2, 3};
	static const double want[] = {0, 5, 10, 15 + 10, 20, 30, 0, 0};
	struct fx *f = fx_new(8, 1);
	soem_result *r;
	(void)state;

	f->pb.course_years = 2;
	f->pb.s = 0.5;
	fx_cohort(f, 1, 10);
	fx_cohort(f, 3, 20);
	fx_service(f, -1, delta, 3, price);
	r = fx_compute(f);
	for (int t = 1; t <= 8; t++)
		assert_rel(cell(r, r->effects, t, 0), -want[t - 1], 1e-15);
	assert_rel(r->successes, 15, 1e-15);
	/* An expense with more use: a loss, no break-even, s* none. */
	assert_int_equal(r->break_even[1], SOEM_BE_NONE);
	assert_true(r->be_A < 0);
	assert_nan(r->break_even_s);
	soem_result_free(&r);
	free(f);
}

static void test_revenue_and_expense_signs(void **state)
{
	static const double price[] = {2, 3};
	struct fx *f = fx_new(2, 2);
	soem_result *r;
	(void)state;

	fx_cohort(f, 1, 10);
	fx_service_flat(f, -1, 1, 1, price); /* more use of an expense */
	fx_service_flat(f, +1, 1, 1, price); /* more of a revenue */
	r = fx_compute(f);
	assert_rel(r->by_service[0 * 3 + 0], -20, 1e-15);
	assert_rel(r->by_service[0 * 3 + 1], -30, 1e-15);
	assert_rel(r->by_service[0 * 3 + 2], -50, 1e-15);
	assert_rel(r->by_service[1 * 3 + 0], 20, 1e-15);
	assert_rel(r->by_service[1 * 3 + 2], 50, 1e-15);
	/* Each payer's effects cancel exactly: no effects, null. */
	assert_close(cell(r, r->effects, 1, 0), 0, 0);
	assert_int_equal(r->break_even[0], SOEM_BE_NULL);
	assert_int_equal(r->break_even[2], SOEM_BE_NULL);
	soem_result_free(&r);

	/* Payers that cancel each other: the total is not null. */
	f->price[0][0] = 3;
	f->price[0][1] = 2;
	r = fx_compute(f);
	assert_rel(cell(r, r->effects, 1, 0), -10, 1e-15);
	assert_rel(cell(r, r->effects, 1, 1), 10, 1e-15);
	assert_close(cell(r, r->effects, 1, 2), 0, 0);
	assert_int_equal(r->break_even[0], SOEM_BE_NONE);
	assert_int_equal(r->break_even[1], 1);
	assert_int_equal(r->break_even[2], 1);
	soem_result_free(&r);
	free(f);
}

/* SPEC 2.6 (issue 14, point 9): the break-even year is not before the
 * payer's first year with a flow.  A payer with no costs whose savings
 * start in year 2 breaks even in year 2; the old rule (first t with K >= 0
 * for good) said year 1, when nothing had happened yet.  The total column
 * takes the earliest first-flow year of its payers, even where their flows
 * cancel in the total. */
static void test_break_even_not_before_first_flow(void **state)
{
	static const double d[] = {0, -1, -1}; /* saving from consequence year 2 */
	static const double price[] = {0, 100};
	struct fx *f = fx_new(4, 2);
	soem_result *r;
	int first = 0;
	(void)state;

	fx_cohort(f, 1, 10);
	fx_service(f, -1, d, 3, price);
	r = fx_compute(f);
	for (int t = 1; t <= 4 && !first; t++)
		if (cell(r, r->effects, t, 1) != 0)
			first = t;
	assert_true(first >= 2); /* the case of the issue: nothing in year 1 */
	assert_rel(cell(r, r->effects, first, 1), 10 * 100, 1e-15);
	assert_int_equal(r->break_even[0], SOEM_BE_NULL);
	assert_int_equal(r->break_even[1], first);
	assert_int_equal(r->break_even[2], first);
	soem_result_free(&r);

	/* Payer 0 now has a saving in the same year that payer 1 has an equal
	 * extra cost: the total is 0 in every year, but its first flow is
	 * that year all the same. */
	f->price[0][0] = -100;
	r = fx_compute(f);
	assert_close(cell(r, r->effects, first, 2), 0, 0);
	assert_int_equal(r->break_even[0], SOEM_BE_NONE);
	assert_int_equal(r->break_even[1], first);
	assert_int_equal(r->break_even[2], first);
	soem_result_free(&r);
	free(f);
}

/* `during`: all participants, every course year, not scaled by s, rho or
 * scale. */
static void test_during_course(void **state)
{
	static const double price[] = {100};
	static const double delta[] = {-1, -1, -1};
	struct fx *f = fx_new(6, 1);
	soem_pservice *sv;
	soem_result *r, *r0;
	double pv_s, dur[6] = {0};
	(void)state;

	f->pb.course_years = 2;
	f->pb.s = 0.25;
	f->pb.persist = SOEM_PERSIST_DECAY;
	f->pb.decay = 0.5;
	fx_step(f, 1, 0.05);
	fx_cohort(f, 1, 10);
	fx_cohort(f, 2, 20);
	sv = fx_service(f, -1, delta, 3, price);
	sv->scale = 2;
	sv->during = 3;
	fx_cost(f, 0, SOEM_BASIS_PER_PARTICIPANT_YEAR, 50);
	r = fx_compute(f);

	/* during units: 30 in year 1, 90 in year 2, 60 in year 3. */
	dur[0] = 30;
	dur[1] = 90;
	dur[2] = 60;
	/* successes' units: scale 2, rho 1, .5, .25; finish 2 and 3. */
	double cons[6] = {
		0, -2.5 * 2, -5 * 2 - 2.5 * 1, -5 * 1 - 2.5 * 0.5, -5 * 0.5, 0};
	double b = 0, a = 0;

	for (int t = 1; t <= 6; t++) {
		double u = cons[t - 1] + dur[t - 1];

		assert_rel(cell(r, r->effects, t, 0), -100 * u, 1e-13);
		b += -100 * dur[t - 1] * r->discount[t - 1];
		a += -100 * cons[t - 1] / 0.25 * r->discount[t - 1];
	}
	assert_rel(r->be_B, b, 1e-12);
	assert_rel(r->be_A, a, 1e-12);
	assert_rel(r->pv_effects[1], 0.25 * r->be_A + r->be_B, 1e-12);
	assert_rel(r->break_even_s, (r->pv_costs[1] - r->be_B) / r->be_A,
		   1e-15);
	/* At s = s*, PV(R) total is zero. */
	pv_s = r->break_even_s;
	f->pb.s = pv_s;
	r0 = fx_compute(f);
	assert_close(r0->pv_net[1], 0, 1e-9 * r->pv_costs[1]);
	soem_result_free(&r0);

	/* With s = 0 only `during` is left. */
	f->pb.s = 0;
	r0 = fx_compute(f);
	assert_rel(r0->pv_effects[1], r->be_B, 1e-12);
	assert_nan(r0->per_success[1]);
	assert_false(isnan(r0->per_participant[1]));
	soem_result_free(&r0);
	soem_result_free(&r);
	free(f);
}

static void test_values_after_horizon_ignored(void **state)
{
	static const double price[] = {1};
	struct fx *f = fx_new(3, 1);
	soem_result *r;
	(void)state;

	fx_cohort(f, 2, 1);
	fx_service_flat(f, +1, 1, 120, price); /* longer than H and 100 */
	r = fx_compute(f);
	assert_close(cell(r, r->effects, 1, 0), 0, 0);
	assert_close(cell(r, r->effects, 2, 0), 1, 0);
	assert_close(cell(r, r->effects, 3, 0), 1, 0);
	assert_close(r->tot_effects[1], 2, 0);
	soem_result_free(&r);

	/* A course that finishes after H leaves only `during`. */
	f->pb.course_years = 5;
	f->sv[0].during = 1;
	r = fx_compute(f);
	assert_close(r->tot_effects[1], 2, 0);
	assert_close(r->be_A, 0, 0);
	assert_nan(r->break_even_s);
	soem_result_free(&r);
	free(f);
}

/* ------------------------------------------------------------------ */
/* Results (SPEC §2.6). */

static void test_break_even_year_rules(void **state)
{
	static const double price[] = {1, 0};
	static const double delta[] = {0, 60, 60, 0, 60};
	struct fx *f = fx_new(5, 2);
	soem_result *r;
	(void)state;

	/* K: -100, -40, 20, -30, 30: break-even in 5, not in 3. */
	fx_cohort(f, 1, 1);
	fx_service(f, +1, delta, 5, price);
	fx_once(f, 0, 100, 1);
	fx_once(f, 0, 50, 4);
	r = fx_compute(f);
	assert_close(cell(r, r->cum_disc, 3, 0), 20, 1e-12);
	assert_close(cell(r, r->cum_disc, 4, 0), -30, 1e-12);
	assert_int_equal(r->break_even[0], 5);
	assert_int_equal(r->break_even[1], SOEM_BE_NULL);
	assert_int_equal(r->break_even[2], 5);
	soem_result_free(&r);

	/* Ending below zero: none. */
	f->years[1][0] = 5;
	f->co[1].amount = 100;
	r = fx_compute(f);
	assert_int_equal(r->break_even[0], SOEM_BE_NONE);
	soem_result_free(&r);

	/* A millionth of a krone below zero counts as zero. */
	f->co[1].amount = 80 + 0.5e-6;
	r = fx_compute(f);
	assert_true(cell(r, r->cum_disc, 5, 0) < 0);
	assert_int_equal(r->break_even[0], 3);
	soem_result_free(&r);
	f->co[1].amount = 80 + 2e-6;
	r = fx_compute(f);
	assert_int_equal(r->break_even[0], SOEM_BE_NONE);
	soem_result_free(&r);
	free(f);
}

static void test_break_even_null_when_nothing(void **state)
{
	static const double zero[] = {0, 0};
	struct fx *f = fx_new(4, 2);
	soem_result *r;
	(void)state;

	fx_cohort(f, 1, 10);
	fx_service_flat(f, -1, 1, 3, zero); /* units, but no price */
	r = fx_compute(f);
	assert_int_equal(r->break_even[0], SOEM_BE_NULL);
	assert_int_equal(r->break_even[1], SOEM_BE_NULL);
	assert_int_equal(r->break_even[2], SOEM_BE_NULL);
	assert_nan(r->return_per_krone[2]);
	assert_close(r->per_participant[2], 0, 0);
	soem_result_free(&r);
	free(f);
}

static void test_no_participants_and_zero_s(void **state)
{
	static const double price[] = {1};
	struct fx *f = fx_new(2, 1);
	soem_result *r;
	(void)state;

	fx_cohort(f, 1, 0);
	fx_service_flat(f, +1, 1, 1, price);
	fx_once(f, 0, 10, 1);
	r = fx_compute(f);
	assert_nan(r->per_participant[0]);
	assert_nan(r->per_participant[1]);
	assert_nan(r->per_success[1]);
	assert_rel(r->return_per_krone[1], 0, 0);
	soem_result_free(&r);

	/* Negative s: per success null as well. */
	f->coh[0].n = 10;
	f->pb.s = -0.1;
	r = fx_compute(f);
	assert_nan(r->per_success[1]);
	assert_rel(r->per_participant[1], (-1 - 10) / 10.0, 1e-15);
	soem_result_free(&r);
	free(f);
}

/* A problem with everything in it. */
static struct fx *big_problem(int h)
{
	static const double p1[] = {1200, 300, 40};
	static const double p2[] = {0, 25000, 5};
	static const double p3[] = {17, 0, 900};
	static const double d1[] = {-2.85, -2.19, -1.1, -0.3};
	static const double d2[] = {0.55, 1.09};
	static const double d3[] = {0.6, 1.09, 1.2, 1.3, 1.4, 1.5};
	struct fx *f = fx_new(h, 3);
	soem_pcost *co;

	f->pb.nareas = 3;
	f->pb.course_years = 2;
	f->pb.s = 0.13;
	f->pb.persist = SOEM_PERSIST_DECAY;
	f->pb.decay = 0.15;
	dk_schedule(f, 0.035, 0.025, 0.015);
	for (int c = 1; c <= 3 && c <= h; c++)
		fx_cohort(f, c, 50);
	fx_service(f, -1, d1, 4, p1)->area = 0;
	fx_service(f, +1, d2, 2, p2)->area = 2;
	fx_service(f, -1, d3, 6, p3)->during = -0.5;
	f->sv[2].scale = 1.2;
	fx_cost(f, 0, SOEM_BASIS_PER_PARTICIPANT, 3000);
	fx_cost(f, 1, SOEM_BASIS_PER_PARTICIPANT_YEAR, 1500);
	co = fx_once(f, 0, 200000, 1);
	co->years[co->nyears++] = 3;
	co = fx_cost(f, 2, SOEM_BASIS_YEARLY, 20000);
	co->from = 2;
	co->to = 6;
	fx_cost(f, 0, SOEM_BASIS_YEARLY, 10000)->saved = true;
	return f;
}

static void test_by_service_and_area_sum_to_effects(void **state)
{
	struct fx *f = big_problem(12);
	soem_result *r = fx_compute(f);
	(void)state;

	for (size_t p = 0; p <= 3; p++) {
		double sv = 0, ar = 0, pay = 0;

		for (size_t k = 0; k < 3; k++)
			sv += r->by_service[k * 4 + p];
		for (size_t a = 0; a < 3; a++)
			ar += r->by_area[a * 4 + p];
		assert_rel(sv, r->tot_effects[p], 1e-12);
		assert_rel(ar, r->tot_effects[p], 1e-12);
		if (p < 3)
			continue;
		for (size_t q = 0; q < 3; q++)
			pay += r->tot_effects[q];
		assert_rel(pay, r->tot_effects[3], 1e-12);
	}
	/* Area 1 has no service. */
	for (size_t p = 0; p <= 3; p++)
		assert_close(r->by_area[1 * 4 + p], 0, 0);
	/* Totals are the sums of their payers; R = E - C. */
	for (int t = 1; t <= 12; t++) {
		double c = 0, e = 0, n = 0;

		for (size_t p = 0; p < 3; p++) {
			c += cell(r, r->costs, t, p);
			e += cell(r, r->effects, t, p);
			n += cell(r, r->net, t, p);
			assert_rel(cell(r, r->net, t, p),
				   cell(r, r->effects, t, p) -
					   cell(r, r->costs, t, p),
				   1e-15);
		}
		assert_rel(cell(r, r->costs, t, 3), c, 1e-12);
		assert_rel(cell(r, r->effects, t, 3), e, 1e-12);
		assert_rel(cell(r, r->net, t, 3), n, 1e-12);
		assert_rel(cell(r, r->net_disc, t, 3), n * r->discount[t - 1],
			   1e-12);
	}
	assert_rel(r->pv_net[3], r->pv_net[0] + r->pv_net[1] + r->pv_net[2],
		   1e-12);
	assert_rel(r->pv_net[3], r->pv_effects[3] - r->pv_costs[3], 1e-12);
	assert_rel(cell(r, r->cum_disc, 12, 3), r->pv_net[3], 1e-12);
	assert_rel(r->pv_effects[3], r->success_rate * r->be_A + r->be_B,
		   1e-12);
	soem_result_free(&r);
	free(f);
}

static void test_pv_net_matches_compute(void **state)
{
	static const int horizons[] = {1, 2, 5, 12, 40, 100};
	double pv[4];
	(void)state;

	for (size_t i = 0; i < sizeof(horizons) / sizeof(horizons[0]); i++) {
		struct fx *f = big_problem(horizons[i]);
		soem_result *r;
		double tot;

		for (int fd = 0; fd <= 1; fd++) {
			f->pb.first_discounted = fd;
			r = fx_compute(f);
			tot = soem_pv_net(&f->pb, pv);
			for (size_t p = 0; p <= 3; p++)
				assert_rel(pv[p], r->pv_net[p], 1e-12);
			assert_rel(tot, r->pv_net[3], 1e-12);
			assert_rel(soem_pv_net(&f->pb, NULL), tot, 0);
			soem_result_free(&r);
		}
		free(f);
	}
}

static void test_horizon_1_and_100(void **state)
{
	static const double price[] = {10};
	struct fx *f = fx_new(1, 1);
	soem_result *r;
	(void)state;

	fx_cohort(f, 1, 1);
	fx_service_flat(f, +1, 1, 100, price);
	fx_cost(f, 0, SOEM_BASIS_YEARLY, 5);
	fx_step(f, 1, 0.035);
	r = fx_compute(f);
	assert_int_equal(r->horizon, 1);
	assert_close(r->discount[0], 1, 0);
	assert_close(r->pv_net[1], 5, 1e-15);
	assert_int_equal(r->break_even[1], 1);
	soem_result_free(&r);

	f->pb.horizon = SOEM_HORIZON_MAX;
	f->co[0].to = SOEM_HORIZON_MAX;
	r = fx_compute(f);
	assert_int_equal(r->horizon, 100);
	assert_rel(r->tot_net[1], 500, 1e-12);
	assert_rel(r->tot_costs[1], 500, 1e-12);
	assert_rel(r->discount[99], pow(1.035, -99), 1e-12);
	assert_rel(r->pv_net[1], 5 * (1 - pow(1.035, -100)) / 0.035 * 1.035,
		   1e-12);
	soem_result_free(&r);
	free(f);
}

static void expect_refused(struct fx *f, const char *what)
{
	const char *why = NULL;
	double pv[FX_MAX];

	if (soem_problem_check(&f->pb, &why) == 0)
		fail_msg("accepted a problem with %s", what);
	assert_non_null(why);
	assert_true(strlen(why) > 0);
	assert_null(soem_compute(&f->pb));
	assert_nan(soem_pv_net(&f->pb, pv));
	assert_nan(pv[0]);
}

static void test_problem_check_refusals(void **state)
{
	struct fx *f;
	const char *why = "x";
	(void)state;

#define REFUSE(stmt, what)                                                     \
	do {                                                                   \
		f = big_problem(10);                                           \
		assert_int_equal(soem_problem_check(&f->pb, &why), 0);         \
		assert_null(why);                                              \
		stmt;                                                          \
		expect_refused(f, what);                                       \
		free(f);                                                       \
	} while (0)

	REFUSE(f->pb.horizon = 0, "horizon 0");
	REFUSE(f->pb.horizon = 101, "horizon 101");
	REFUSE(f->pb.horizon = -5, "horizon -5");
	REFUSE(f->pb.course_years = 0, "course 0");
	REFUSE(f->coh[0].year = 0, "cohort year 0");
	REFUSE(f->coh[2].year = 11, "cohort year H+1");
	REFUSE(f->coh[1].n = -1, "negative participants");
	REFUSE(f->coh[1].n = NAN, "NaN participants");
	REFUSE(f->pb.s = NAN, "NaN s");
	REFUSE(f->pb.s = INFINITY, "infinite s");
	REFUSE(f->co[0].payer = 3, "payer index = P");
	REFUSE(f->co[1].amount = NAN, "NaN amount");
	REFUSE(f->sv[1].area = 3, "area index = nareas");
	REFUSE(f->delta[0][2] = INFINITY, "infinite delta");
	REFUSE(f->price[1][2] = NAN, "NaN price");
	REFUSE(f->sv[0].scale = NAN, "NaN scale");
	REFUSE(f->sv[2].during = -INFINITY, "infinite during");
	REFUSE(f->pb.decay = 1.5, "decay 1.5");
	REFUSE(f->pb.decay = NAN, "NaN decay");
	REFUSE(f->st[1].rate = NAN, "NaN rate");
	REFUSE(f->st[1].rate = -1, "rate -100 %");
	REFUSE(f->st[0].from = 0, "step from 0");
	REFUSE((f->pb.persist = SOEM_PERSIST_LIST, f->pb.nrho = 0),
	       "empty persistence list");
	REFUSE((f->pb.persist = SOEM_PERSIST_LIST, f->pb.nrho = 1,
		f->rho[0] = NAN),
	       "NaN persistence");
	REFUSE(f->sv[0].sign = 0, "sign 0");
#undef REFUSE
	assert_int_not_equal(soem_problem_check(NULL, &why), 0);
	assert_non_null(why);
	assert_null(soem_compute(NULL));
	assert_nan(soem_pv_net(NULL, NULL));
}

static void test_result_free(void **state)
{
	struct fx *f = big_problem(5);
	soem_result *r = fx_compute(f);
	(void)state;

	assert_int_equal((int)r->nservices, 3);
	assert_int_equal((int)r->nareas, 3);
	assert_int_equal((int)r->npayers, 3);
	soem_result_free(&r);
	assert_null(r);
	soem_result_free(&r); /* twice is harmless */
	soem_result_free(NULL);
	free(f);
}


/* ------------------------------------------------------------------ */
/* SPEC §2.9 oracles, each computed by hand in its comment. */

#define REL 1e-9

/* Two groups whose separate calculations sum to the combined one, and a
 * shared yearly cost counted once.  H = 3, one payer, no discounting.
 * Group A: 10 start in year 1, s = 0.5, L = 1, a service of its own with
 * delta [-2, -2] at 100 (expense): units -10 in years 1 and 2, E = 1000,
 * 1000, 0.  Group B: 20 start in year 2, s = 0.25, its service delta [-1]
 * at 100: units -5 in year 2, E = 500.  Costs: 1000 per participant (all
 * groups: 10 000 in year 1, 20 000 in year 2) and 3000 a year, shared.
 * Combined: C = 13 000, 23 000, 3000; E = 1000, 1500, 0; net total
 * -12 000 - 21 500 - 3000 = -36 500.  Separately: A with the yearly cost
 * -12 000 - 2000 - 3000 = -17 000; B without it -19 500; sum -36 500.
 * break_even_scale = PV(C) / sum_g s_g A_g = 39 000 / 2500 = 15.6.
 * Break-even participants: F = 9000, V = PV(R) + F = -27 500 <= 0: null. */
static void test_c1_two_groups_sum(void **state)
{
	struct fx *f = fx_new(3, 1), *a = fx_new(3, 1), *b = fx_new(3, 1);
	soem_cohort ca = {1, 10}, cb = {2, 20};
	soem_pgroup g[2] = {
		{.course_years = 1, .completion = 1, .ncohorts = 1,
		 .cohorts = &ca, .s = 0.5},
		{.course_years = 1, .completion = 1, .ncohorts = 1,
		 .cohorts = &cb, .s = 0.25},
	};
	double d2[] = {-2, -2}, d1[] = {-1}, price[] = {100};
	soem_result *r, *ra, *rb;

	(void)state;
	f->pb.ngroups = 2;
	f->pb.groups = g;
	fx_service(f, -1, d2, 2, price)->group = 0;
	fx_service(f, -1, d1, 1, price)->group = 1;
	fx_cost(f, 0, SOEM_BASIS_PER_PARTICIPANT, 1000);
	fx_cost(f, 0, SOEM_BASIS_YEARLY, 3000);
	r = fx_compute(f);

	fx_cohort(a, 1, 10);
	a->pb.s = 0.5;
	fx_service(a, -1, d2, 2, price);
	fx_cost(a, 0, SOEM_BASIS_PER_PARTICIPANT, 1000);
	fx_cost(a, 0, SOEM_BASIS_YEARLY, 3000);
	ra = fx_compute(a);
	fx_cohort(b, 2, 20);
	b->pb.s = 0.25;
	fx_service(b, -1, d1, 1, price);
	fx_cost(b, 0, SOEM_BASIS_PER_PARTICIPANT, 1000);
	rb = fx_compute(b);

	assert_rel(ra->tot_net[1], -17000, REL);
	assert_rel(rb->tot_net[1], -19500, REL);
	assert_rel(r->tot_net[1], -36500, REL);
	assert_rel(r->tot_net[1], ra->tot_net[1] + rb->tot_net[1], REL);
	for (int t = 1; t <= 3; t++)
		assert_rel(cell(r, r->net, t, 1),
			   cell(ra, ra->net, t, 1) + cell(rb, rb->net, t, 1),
			   REL);
	assert_rel(cell(r, r->costs, 1, 1), 13000, REL);
	assert_rel(cell(r, r->costs, 2, 1), 23000, REL);
	assert_rel(cell(r, r->costs, 3, 1), 3000, REL);
	assert_int_equal(r->ngroups, 2);
	assert_rel(r->grp_effects[0 * 2 + 1], 2000, REL);
	assert_rel(r->grp_effects[1 * 2 + 1], 500, REL);
	assert_rel(r->grp_participants[0], 10, REL);
	assert_rel(r->grp_participants[1], 20, REL);
	assert_rel(r->grp_successes[0], 5, REL);
	assert_rel(r->grp_successes[1], 5, REL);
	assert_rel(r->participants, 30, REL);
	assert_rel(r->successes, 10, REL);
	assert_nan(r->success_rate);
	assert_nan(r->break_even_s);
	assert_rel(r->break_even_scale, 15.6, REL);
	assert_rel(r->be_F, 9000, REL);
	assert_nan(r->bep_value);
	soem_result_free(&r);
	soem_result_free(&ra);
	soem_result_free(&rb);
	free(f);
	free(a);
	free(b);
}

/* Completion 5/6, a 2-year course, H = 3, 60 start in year 1.
 * per_participant_year 1000: year 1 60 000 (all starters), year 2
 * 60 * 5/6 * 1000 = 50 000.  per_completer 600 in the finishing year 2:
 * 600 * 50 = 30 000.  `during` 1 unit a year at 10 (expense): units 60,
 * then 50: E = -600, -500.  Net total -(110 000 + 30 000) - 1100 =
 * -141 100; completers 50: per completer -2822; per participant
 * -141 100 / 60. */
static void test_c2_completion(void **state)
{
	struct fx *f = fx_new(3, 1);
	double d[] = {0}, price[] = {10};
	soem_result *r;

	(void)state;
	f->pb.course_years = 2;
	f->pb.completion = 5.0 / 6.0;
	fx_cohort(f, 1, 60);
	fx_service(f, -1, d, 1, price)->during = 1;
	fx_cost(f, 0, SOEM_BASIS_PER_PARTICIPANT_YEAR, 1000);
	fx_cost(f, 0, SOEM_BASIS_PER_COMPLETER, 600);
	r = fx_compute(f);
	assert_rel(cell(r, r->costs, 1, 0), 60000, REL);
	assert_rel(cell(r, r->costs, 2, 0), 50000 + 30000, REL);
	assert_close(cell(r, r->costs, 3, 0), 0, 1e-9);
	assert_rel(cell(r, r->effects, 1, 0), -600, REL);
	assert_rel(cell(r, r->effects, 2, 0), -500, REL);
	assert_rel(r->tot_net[1], -141100, REL);
	assert_true(r->has_completion);
	assert_rel(r->completers, 50, REL);
	assert_rel(r->per_completer[1], -2822, REL);
	assert_rel(r->per_participant[1], -141100.0 / 60.0, REL);
	soem_result_free(&r);
	free(f);
}

/* A price schedule crossing a reform year, year by year: start year
 * 2025, H = 4, [{from: 2026, amount: 650}, {from: 2027, amount: 520}]
 * gives 650 in 2025 (the smallest from before it), 650 in 2026, 520 in
 * 2027 and 2028 (the model layer resolves the schedule to a price per
 * year; the engine takes the table).  One participant, s = 1, delta -1 in
 * each of years 1..4: E_t = the price of year t. */
static void test_c3_price_by_year(void **state)
{
	struct fx *f = fx_new(4, 1);
	double price[] = {650}, by_year[] = {650, 650, 520, 520};
	soem_result *r;

	(void)state;
	fx_cohort(f, 1, 1);
	fx_service_flat(f, -1, -1, 4, price)->price_t = by_year;
	r = fx_compute(f);
	assert_rel(cell(r, r->effects, 1, 0), 650, REL);
	assert_rel(cell(r, r->effects, 2, 0), 650, REL);
	assert_rel(cell(r, r->effects, 3, 0), 520, REL);
	assert_rel(cell(r, r->effects, 4, 0), 520, REL);
	soem_result_free(&r);
	free(f);
}

/* A taxable transfer: 10 fewer weeks at 2500 (kommune 2000, region 0,
 * stat 500), tax shares kommune 0.25, stat 0.12 of G = 2500: kommune
 * saves 10 * (2000 - 0.25 * 2500) = 13 750, stat 10 * (500 - 0.12 *
 * 2500) = 2000; gross 20 000 and 5000, tax -6250 and -3000. */
static void test_c4_tax(void **state)
{
	struct fx *f = fx_new(1, 3);
	double price[] = {2000, 0, 500}, tax[] = {0.25, 0, 0.12};
	soem_result *r;

	(void)state;
	fx_cohort(f, 1, 1);
	fx_service_flat(f, -1, -10, 1, price)->tax = tax;
	r = fx_compute(f);
	assert_rel(r->tot_effects[0], 13750, REL);
	assert_close(r->tot_effects[1], 0, 1e-9);
	assert_rel(r->tot_effects[2], 2000, REL);
	assert_rel(r->tot_effects[3], 15750, REL);
	assert_true(r->svc_taxed[0]);
	assert_rel(r->by_service_gross[0], 20000, REL);
	assert_rel(r->by_service_gross[2], 5000, REL);
	assert_rel(r->by_service_tax[0], -6250, REL);
	assert_rel(r->by_service_tax[2], -3000, REL);
	assert_rel(r->by_service_tax[3], -9250, REL);
	assert_rel(r->by_service[3], 15750, REL);
	soem_result_free(&r);
	free(f);
}

/* Break-even participants: 480 000 a year for 3 years (F), 48 start in
 * each year, L = 1, each costs 7000 and saves 20 000 in its start year
 * (s = 1, delta -1 at 20 000): net 13 000 per participant.  3.5 % from
 * year 2.  Every cohort's net and the fixed cost of its year share the
 * same factor, so the closed form N* = 3 * 480 000 / 13 000 =
 * 110.769230769... holds: whole = 111. */
static void test_c5_break_even_participants(void **state)
{
	struct fx *f = fx_new(3, 1);
	double price[] = {20000};
	double d2 = 1 / 1.035, d3 = d2 / 1.035;
	soem_result *r;

	(void)state;
	fx_step(f, 1, 0.035);
	for (int y = 1; y <= 3; y++)
		fx_cohort(f, y, 48);
	fx_service_flat(f, -1, -1, 1, price);
	fx_cost(f, 0, SOEM_BASIS_PER_PARTICIPANT, 7000);
	fx_cost(f, 0, SOEM_BASIS_YEARLY, 480000);
	r = fx_compute(f);
	assert_rel(r->be_F, 480000 * (1 + d2 + d3), REL);
	assert_rel(r->be_V, 48 * 13000 * (1 + d2 + d3), REL);
	assert_rel(r->bep_value, 3 * 480000.0 / 13000.0, REL);
	assert_rel(r->bep_whole, 111, REL);
	soem_result_free(&r);
	free(f);
}

/* The R&R2-style cost model: 3 years x 480 000 fixed + 7000 per
 * participant, 48 a year: (1 440 000 + 144 * 7000) / 144 = 17 000 per
 * participant; with completion 5/6, 120 complete: 2 448 000 / 120 =
 * 20 400 per completer.  (No effects: the net is minus the cost.)  At
 * years: default 1, 3 (H = 3): cumulative -816 000 and -2 448 000. */
static void test_c6_cost_model(void **state)
{
	struct fx *f = fx_new(3, 1);
	soem_result *r;

	(void)state;
	f->pb.completion = 5.0 / 6.0;
	for (int y = 1; y <= 3; y++)
		fx_cohort(f, y, 48);
	fx_cost(f, 0, SOEM_BASIS_PER_PARTICIPANT, 7000);
	fx_cost(f, 0, SOEM_BASIS_YEARLY, 480000);
	r = fx_compute(f);
	assert_rel(r->per_participant[1], -17000, REL);
	assert_rel(r->per_completer[1], -20400, REL);
	assert_int_equal(r->nat, 2);
	assert_int_equal(r->at_year[0], 1);
	assert_int_equal(r->at_year[1], 3);
	assert_rel(r->at_net[0 * 2 + 1], -816000, REL);
	assert_rel(r->at_net[1 * 2 + 1], -2448000, REL);
	/* V = -PV(variable costs) < 0: no number of participants pays */
	assert_nan(r->bep_value);
	soem_result_free(&r);
	free(f);
}

/* A row's own persistence replaces the effect's: decay 0.5 on a row with
 * delta 1 in years 1..3 gives units 1, 0.5, 0.25 while the effect's full
 * persistence gives the other row 1, 1, 1 (price 1, revenue). */
static void test_c7_row_persistence(void **state)
{
	struct fx *f = fx_new(3, 1);
	double price[] = {1};
	soem_pservice *sv;
	soem_result *r;

	(void)state;
	fx_cohort(f, 1, 1);
	sv = fx_service_flat(f, 1, 1, 3, price);
	sv->own_persist = true;
	sv->persist = SOEM_PERSIST_DECAY;
	sv->decay = 0.5;
	fx_service_flat(f, 1, 1, 3, price);
	r = fx_compute(f);
	assert_rel(r->by_service[0 * 2], 1.75, REL);
	assert_rel(r->by_service[1 * 2], 3, REL);
	soem_result_free(&r);
	free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a1_wsipp_first_year_discounted),
		cmocka_unit_test(test_a1_wsipp_first_year_undiscounted),
		cmocka_unit_test(test_a1_wsipp_investment_at_t0),
		cmocka_unit_test(test_a2_green_book_factors),
		cmocka_unit_test(test_a2_green_book_cash_flows),
		cmocka_unit_test(test_a3_danish_2021_schedule),
		cmocka_unit_test(test_a3_danish_2013_schedule),
		cmocka_unit_test(test_discount_schedule_rules),
		cmocka_unit_test(test_b1_success_rate_is_p1_minus_p0),
		cmocka_unit_test(test_b2_seed_consequences),
		cmocka_unit_test(test_b2b_per_participant_divides_by_all),
		cmocka_unit_test(test_b3_break_even_success_rate),
		cmocka_unit_test(test_cost_per_participant),
		cmocka_unit_test(test_cost_per_participant_year),
		cmocka_unit_test(test_cost_once_and_yearly),
		cmocka_unit_test(test_cost_saved_counts_negative),
		cmocka_unit_test(test_persistence_decay_and_list),
		cmocka_unit_test(test_cohorts_with_long_course),
		cmocka_unit_test(test_revenue_and_expense_signs),
		cmocka_unit_test(test_break_even_not_before_first_flow),
		cmocka_unit_test(test_during_course),
		cmocka_unit_test(test_values_after_horizon_ignored),
		cmocka_unit_test(test_break_even_year_rules),
		cmocka_unit_test(test_break_even_null_when_nothing),
		cmocka_unit_test(test_no_participants_and_zero_s),
		cmocka_unit_test(test_by_service_and_area_sum_to_effects),
		cmocka_unit_test(test_pv_net_matches_compute),
		cmocka_unit_test(test_horizon_1_and_100),
		cmocka_unit_test(test_problem_check_refusals),
		cmocka_unit_test(test_result_free),
		cmocka_unit_test(test_c1_two_groups_sum),
		cmocka_unit_test(test_c2_completion),
		cmocka_unit_test(test_c3_price_by_year),
		cmocka_unit_test(test_c4_tax),
		cmocka_unit_test(test_c5_break_even_participants),
		cmocka_unit_test(test_c6_cost_model),
		cmocka_unit_test(test_c7_row_persistence),
	};

	return cmocka_run_group_tests_name("engine", tests, NULL, NULL);
}
