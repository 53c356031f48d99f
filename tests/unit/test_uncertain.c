/* test_uncertain.c - ranges, sensitivity and Monte Carlo (SPEC §2.7):
 * the generator against oracles.md section D, the fast Monte Carlo path
 * against a full recalculation of every draw, reproducibility, a case
 * with a closed-form answer, the tornado's order, and the inputs of real
 * calculation files (names, order, experiment interval). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "design/design.h"
#include "engine/engine.h"
#include "engine/uncertain.h"
#include "io/calc_io.h"
#include "io/kb_io.h"
#include "model/problem.h"
#include "model/uncertainty.h"

#define assert_close(got, want, tol)                                           \
	do {                                                                   \
		double g_ = (got), w_ = (want), t_ = (tol);                    \
		if (!(fabs(g_ - w_) <= t_))                                    \
			fail_msg("%s = %.17g, want %.17g (tol %g)", #got, g_,  \
				 w_, t_);                                      \
	} while (0)

#define assert_rel(got, want, rel)                                             \
	assert_close(got, want, (rel)*fmax(1e-300, fabs((double)(want))))

#define assert_u64(got, want)                                                  \
	do {                                                                   \
		uint64_t g_ = (got), w_ = (want);                              \
		if (g_ != w_)                                                  \
			fail_msg("%s = 0x%016llx, want 0x%016llx", #got,        \
				 (unsigned long long)g_,                       \
				 (unsigned long long)w_);                      \
	} while (0)

/* ------------------------------------------------------------------ */
/* D1, D2: the generator. */

static void test_d1_splitmix64(void **state)
{
	uint64_t st = 0;

	(void)state;
	assert_u64(soem_splitmix64(&st), UINT64_C(0xe220a8397b1dcdaf));
	assert_u64(soem_splitmix64(&st), UINT64_C(0x6e789e6aa1b965f4));
	assert_u64(soem_splitmix64(&st), UINT64_C(0x06c45d188009454f));
}

static void test_d2_xoshiro(void **state)
{
	soem_rng r;

	(void)state;
	soem_rng_seed(&r, 1);
	assert_u64(soem_rng_next(&r), UINT64_C(0xb3f2af6d0fc710c5));
	assert_u64(soem_rng_next(&r), UINT64_C(0x853b559647364cea));
	assert_u64(soem_rng_next(&r), UINT64_C(0x92f89756082a4514));
	soem_rng_seed(&r, 1);
	assert_true(soem_rng_u(&r) == 0.7029218331588505);
	assert_true(soem_rng_u(&r) == 0.5204366199388569);
	assert_true(soem_rng_u(&r) == 0.5741057000197225);
	soem_rng_seed(&r, 42);
	assert_u64(soem_rng_next(&r), UINT64_C(0x15780b2e0c2ec716));
	assert_u64(soem_rng_next(&r), UINT64_C(0x6104d9866d113a7e));
	assert_u64(soem_rng_next(&r), UINT64_C(0xae17533239e499a1));
	soem_rng_seed(&r, 42);
	assert_true(soem_rng_u(&r) == 0.08386297105988216);
	assert_true(soem_rng_u(&r) == 0.3789802506626686);
	assert_true(soem_rng_u(&r) == 0.6800434110281394);
	/* u is in [0, 1) and uses the top 53 bits */
	soem_rng_seed(&r, 1);
	for (int i = 0; i < 10000; i++) {
		double u = soem_rng_u(&r);

		assert_true(u >= 0 && u < 1);
		assert_true(u * 0x1.0p53 == floor(u * 0x1.0p53));
	}
}

/* ------------------------------------------------------------------ */
/* Distributions. */

static void test_quantiles(void **state)
{
	soem_uinput t = { .dist = SOEM_DIST_TRIANGULAR, .value = 1, .low = 0,
			  .high = 2 };
	soem_uinput n = { .dist = SOEM_DIST_NORMAL, .value = 0.1,
			  .sd = 0.05 };
	double x[] = { 1, 2, 3, 4 };

	(void)state;
	assert_close(soem_uinput_quantile(&t, 0.5), 1, 1e-15);
	assert_close(soem_uinput_quantile(&t, 0.125), 0.5, 1e-15);
	assert_close(soem_uinput_quantile(&t, 0.875), 1.5, 1e-15);
	assert_close(soem_uinput_quantile(&t, 0), 0, 0);
	/* skewed: (0, 0.1, 0.3): F(0.1) = 1/3 */
	t.value = 0.1;
	t.high = 0.3;
	assert_close(soem_uinput_quantile(&t, 1.0 / 3), 0.1, 1e-15);
	/* degenerate range */
	t.low = t.high = t.value = 5;
	assert_close(soem_uinput_quantile(&t, 0.3), 5, 0);
	/* normal */
	assert_close(soem_uinput_quantile(&n, 0.5), 0.1, 1e-15);
	assert_close(soem_uinput_quantile(&n, 0.975),
		     0.1 + 0.05 * 1.959963984540054, 1e-14);
	assert_true(isfinite(soem_uinput_quantile(&n, 0)));
	/* R's quantile type 7 */
	assert_close(soem_quantile7(x, 4, 0.05), 1.15, 1e-15);
	assert_close(soem_quantile7(x, 4, 0.5), 2.5, 1e-15);
	assert_close(soem_quantile7(x, 4, 0.95), 3.85, 1e-15);
	assert_close(soem_quantile7(x, 1, 0.95), 1, 0);
}

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Percentiles by selection (issue 18) equal those of a full sort, exactly,
 * on columns that break careless quickselects: sorted, reversed, constant,
 * two values, many ties, tiny n, and random.  A wrong partition, an
 * off-by-one in the second order statistic or a search that forgets where
 * the last one left off gives another number here. */
static void test_quantiles_by_selection(void **state)
{
	static const double ps[] = {0.0, 0.05, 0.25, 0.5, 0.95, 0.999, 1.0};
	enum { NP = sizeof(ps) / sizeof(ps[0]) };
	static const size_t sizes[] = {1, 2, 3, 4, 5, 20, 101, 1000, 10000};
	uint64_t st = 42;
	(void)state;

	for (size_t z = 0; z < sizeof(sizes) / sizeof(sizes[0]); z++) {
		size_t n = sizes[z];

		for (int kind = 0; kind < 6; kind++) {
			double *a = malloc(n * sizeof(double));
			double *b = malloc(n * sizeof(double));
			double got[NP];

			assert_non_null(a);
			assert_non_null(b);
			for (size_t i = 0; i < n; i++) {
				double r = (double)(soem_splitmix64(&st) >> 11) *
					   0x1.0p-53;

				a[i] = kind == 0   ? (double)i
				       : kind == 1 ? (double)(n - i)
				       : kind == 2 ? 7.5
				       : kind == 3 ? (double)(i % 2)
				       : kind == 4 ? floor(r * 5) - 2
						   : r * 1e6 - 5e5;
			}
			memcpy(b, a, n * sizeof(double));
			qsort(b, n, sizeof(double), dbl_cmp);
			soem_quantiles7(a, n, ps, NP, got);
			for (size_t k = 0; k < NP; k++) {
				double want = soem_quantile7(b, n, ps[k]);

				if (got[k] != want)
					fail_msg("n %zu kind %d p %g: %.17g, "
						 "sorted %.17g",
						 n, kind, ps[k], got[k], want);
			}
			free(a);
			free(b);
		}
	}
}

/* ------------------------------------------------------------------ */
/* A problem built in code: 3 payers, 2 cohorts, a 2-year course, four
 * services, every cost basis, stepwise discounting, decaying effect. */

struct fx {
	soem_problem pb;
	soem_cohort coh[2];
	soem_pservice sv[4];
	double delta[4][6];
	double price[4][3];
	soem_pcost co[5];
	int once[2];
	soem_pstep st[2];
};

static struct fx *fx_new(void)
{
	struct fx *f = calloc(1, sizeof *f);
	static const double deltas[4][6] = {
		{ -2.85, -2.19, -1.5, -1, -1, -1 },
		{ -40, -75, 0, 0, 0, 0 },
		{ 20000, 30000, 30000, 30000, 0, 0 },
		{ 1, 0.5, 0.25, 0, 0, 0 },
	};
	static const double prices[4][3] = {
		{ 2200, 0, 1150 }, { 800, 0, 200 }, { 0.25, 0.08, 0.12 },
		{ 0, 300, 0 },
	};
	static const double signs[4] = { -1, -1, 1, -1 };
	static const size_t nyears[4] = { 6, 2, 4, 3 };

	assert_non_null(f);
	f->pb.horizon = 12;
	f->pb.course_years = 2;
	f->pb.ncohorts = 2;
	f->pb.cohorts = f->coh;
	f->coh[0] = (soem_cohort){ 1, 40 };
	f->coh[1] = (soem_cohort){ 3, 25 };
	f->pb.s = 0.1;
	f->pb.persist = SOEM_PERSIST_DECAY;
	f->pb.decay = 0.1;
	f->pb.npayers = 3;
	f->pb.nareas = 1;
	f->pb.nservices = 4;
	f->pb.services = f->sv;
	for (size_t k = 0; k < 4; k++) {
		memcpy(f->delta[k], deltas[k], sizeof deltas[k]);
		memcpy(f->price[k], prices[k], sizeof prices[k]);
		f->sv[k] = (soem_pservice){ .sign = signs[k], .area = 0,
					    .nyears = nyears[k],
					    .delta = f->delta[k], .scale = 1,
					    .price = f->price[k] };
	}
	f->sv[1].during = -30;
	f->sv[3].scale = 0.9;
	f->once[0] = 1;
	f->once[1] = 2;
	f->pb.ncosts = 5;
	f->pb.costs = f->co;
	f->co[0] = (soem_pcost){ .payer = 0, .basis = SOEM_BASIS_ONCE,
				 .amount = 250000 * 105.0 / 102.0,
				 .nyears = 2, .years = f->once };
	f->co[1] = (soem_pcost){ .payer = 0,
				 .basis = SOEM_BASIS_PER_PARTICIPANT,
				 .amount = 60000 };
	f->co[2] = (soem_pcost){ .payer = 1,
				 .basis = SOEM_BASIS_PER_PARTICIPANT_YEAR,
				 .amount = 12000 };
	f->co[3] = (soem_pcost){ .payer = 2, .basis = SOEM_BASIS_YEARLY,
				 .amount = 450000, .from = 2, .to = 6 };
	f->co[4] = (soem_pcost){ .payer = 0,
				 .basis = SOEM_BASIS_PER_PARTICIPANT,
				 .amount = 20000, .saved = true };
	f->pb.nsteps = 2;
	f->pb.steps = f->st;
	f->st[0] = (soem_pstep){ 1, 0.035 };
	f->st[1] = (soem_pstep){ 5, 0.025 };
	assert_int_equal(soem_problem_check(&f->pb, NULL), 0);
	return f;
}

/* Scale of PV for relative comparisons: |PV(E)| + |PV(C)| in total. */
static double fx_scale(const soem_problem *pb)
{
	soem_result *r = soem_compute(pb);
	double s;

	assert_non_null(r);
	s = fabs(r->pv_effects[pb->npayers]) + fabs(r->pv_costs[pb->npayers]);
	soem_result_free(&r);
	return s;
}

/* 1000 draws: the fast path against a full recalculation per draw, per
 * payer and total, at tol relative. */
static void fast_vs_full_tol(const soem_problem *pb, const soem_uset *u,
			     uint64_t seed, double tol)
{
	soem_fast *f = soem_fast_new(pb, u);
	size_t w = pb->npayers + 1;
	double x[64], a[8], b[8], scale = fx_scale(pb);
	soem_rng r;

	assert_non_null(f);
	assert_true(u->n <= 64 && w <= 8);
	soem_rng_seed(&r, seed);
	for (int d = 0; d < 1000; d++) {
		for (size_t i = 0; i < u->n; i++)
			x[i] = soem_uinput_quantile(&u->in[i], soem_rng_u(&r));
		soem_fast_pv(f, x, a);
		soem_full_pv(pb, u, x, b);
		for (size_t p = 0; p < w; p++)
			assert_close(a[p], b[p],
				     tol * fmax(fabs(b[p]), 1e-6 * scale));
	}
	soem_fast_free(&f);
}

/* The same at 1e-9 relative. */
static void fast_vs_full(const soem_problem *pb, const soem_uset *u,
			 uint64_t seed)
{
	fast_vs_full_tol(pb, u, seed, 1e-9);
}

static void test_fast_s_and_price(void **state)
{
	struct fx *f = fx_new();
	soem_uset u = { 0 };
	size_t i;

	(void)state;
	/* s (success_rate) and a price with a price-level factor */
	soem_uset_add(&u, "effect.success_rate", SOEM_U_S, 0.1, 0.05, 0.2, 0,
		      0, 1);
	soem_uset_add(&u, "prices.kontanthjaelp.stat", SOEM_U_PRICE, 1150,
		      1000, 1300, 0, 2, 1);
	fast_vs_full(&f->pb, &u, 1);
	/* the same as an experiment's normal s, with the price in another
	 * year's prices */
	u.in[0].dist = SOEM_DIST_NORMAL;
	u.in[0].sd = 0.04;
	u.in[1].factor = 105.0 / 102.0;
	f->price[0][2] = 1150 * 105.0 / 102.0;
	fast_vs_full(&f->pb, &u, 2);
	/* p1 and p0 in place of s */
	soem_uset_free(&u);
	u.p1 = 0.3;
	u.p0 = 0.2;
	i = soem_uset_add(&u, "effect.p1", SOEM_U_P1, 0.3, 0.25, 0.4, 0, 0, 1);
	assert_int_equal(i, 0);
	soem_uset_add(&u, "prices.herberg.kommune", SOEM_U_PRICE, 800, 600,
		      900, 1, 0, 1);
	f->pb.s = 0.3 - 0.2;
	fast_vs_full(&f->pb, &u, 3);
	soem_uset_free(&u);
	free(f);
}

static void test_fast_every_linear_input(void **state)
{
	struct fx *f = fx_new();
	soem_uset u = { .p1 = 0.3, .p0 = 0.2 };
	double f0 = 105.0 / 102.0;

	(void)state;
	f->pb.s = 0.3 - 0.2;
	soem_uset_add(&u, "intake[1].participants", SOEM_U_COHORT, 40, 30, 50,
		      0, 0, 1);
	soem_uset_add(&u, "effect.p1", SOEM_U_P1, 0.3, 0.25, 0.4, 0, 0, 1);
	soem_uset_add(&u, "effect.p0", SOEM_U_P0, 0.2, 0.15, 0.22, 0, 0, 1);
	soem_uset_add(&u, "costs[Opstart].amount", SOEM_U_COST, 250000,
		      200000, 300000, 0, 0, f0);
	soem_uset_add(&u, "costs[Forløb].amount", SOEM_U_COST, 60000, 50000,
		      80000, 1, 0, 1);
	soem_uset_add(&u, "costs[Bostøtte].amount", SOEM_U_COST, 12000,
		      10000, 15000, 2, 0, 1);
	soem_uset_add(&u, "costs[Koordinator].amount", SOEM_U_COST, 450000,
		      400000, 500000, 3, 0, 1);
	soem_uset_add(&u, "costs[I dag].amount", SOEM_U_COST, 20000, 15000,
		      25000, 4, 0, 1);
	soem_uset_add(&u, "consequences[kontanthjaelp].years[2]",
		      SOEM_U_DELTA, -1.5, -2, -1, 0, 2, 1);
	soem_uset_add(&u, "consequences[kontanthjaelp].years[5]",
		      SOEM_U_DELTA, -1, -2, 0, 0, 5, 1);
	soem_uset_add(&u, "consequences[herberg].during", SOEM_U_DURING, -30,
		      -40, -20, 1, 0, 1);
	soem_uset_add(&u, "consequences[herberg].scale", SOEM_U_SCALE, 1, 0.8,
		      1.2, 1, 0, 1);
	soem_uset_add(&u, "prices.kontanthjaelp.stat", SOEM_U_PRICE, 1150,
		      1000, 1300, 0, 2, 1);
	soem_uset_add(&u, "prices.kontanthjaelp.kommune", SOEM_U_PRICE, 2200,
		      2000, 2500, 0, 0, 1);
	soem_uset_add(&u, "prices.skat.region", SOEM_U_PRICE, 0.08, 0.05,
		      0.1, 2, 1, 1);
	soem_uset_add(&u, "consequences[laege].scale", SOEM_U_SCALE, 0.9, 0.5,
		      1, 3, 0, 1);
	fast_vs_full(&f->pb, &u, 11);
	/* The central values reproduce the problem's own PV. */
	double x[32], pv[4], pv0[4];
	soem_fast *fa = soem_fast_new(&f->pb, &u);

	soem_uset_values(&u, x);
	soem_fast_pv(fa, x, pv);
	soem_pv_net(&f->pb, pv0);
	for (int p = 0; p < 4; p++)
		assert_close(pv[p], pv0[p], 1e-9 * fmax(1, fabs(pv0[p])));
	soem_fast_free(&fa);
	soem_uset_free(&u);
	free(f);
}

static void test_fast_refuses_nonlinear(void **state)
{
	struct fx *f = fx_new();
	soem_uset u = { 0 };
	soem_mc a, b;
	double x[2], pv[4];

	(void)state;
	soem_uset_add(&u, "effect.success_rate", SOEM_U_S, 0.1, 0.05, 0.2, 0,
		      0, 1);
	soem_uset_add(&u, "discount.steps[0].rate", SOEM_U_RATE, 0.035, 0.02,
		      0.05, 0, 0, 1);
	assert_null(soem_fast_new(&f->pb, &u));
	assert_int_equal(soem_mc_run(&f->pb, &u, 300, 5, &a), 0);
	assert_false(a.fast);
	/* The Monte Carlo's draws are full recalculations. */
	soem_rng r;
	double sum = 0;

	soem_rng_seed(&r, 5);
	for (int d = 0; d < 300; d++) {
		for (size_t i = 0; i < 2; i++)
			x[i] = soem_uinput_quantile(&u.in[i], soem_rng_u(&r));
		soem_full_pv(&f->pb, &u, x, pv);
		assert_true(a.total[d] == pv[3]);
		sum += pv[3];
	}
	assert_true(a.mean[3] == sum / 300);
	/* decay and persistence lists are not linear either */
	u.in[1].kind = SOEM_U_DECAY;
	assert_null(soem_fast_new(&f->pb, &u));
	assert_int_equal(soem_mc_run(&f->pb, &u, 50, 5, &b), 0);
	soem_mc_free(&a);
	soem_mc_free(&b);
	soem_uset_free(&u);
	free(f);
}

/* SPEC §2.9 taxes: the price a payer bears, pi_p - tau_p sum_q pi_q, is
 * linear in the prices and in each tax share, so a taxed problem takes
 * the fast path (it was recalculated in full per draw before issue 15
 * point 3) with every draw equal to the full recalculation. */
static void test_fast_taxes(void **state)
{
	struct fx *f = fx_new();
	soem_uset u = { 0 };
	double tax[3] = { 0.25, 0, 0.12 }, x[16], pv[4], pv0[4];
	soem_mc m;
	soem_fast *fa;

	(void)state;
	f->sv[0].tax = tax;
	assert_int_equal(soem_problem_check(&f->pb, NULL), 0);
	/* a taxed service, no tax share among the inputs */
	soem_uset_add(&u, "effect.success_rate", SOEM_U_S, 0.1, 0.05, 0.2, 0,
		      0, 1);
	soem_uset_add(&u, "prices.kontanthjaelp.stat", SOEM_U_PRICE, 1150,
		      1000, 1300, 0, 2, 1);
	soem_uset_add(&u, "consequences[kontanthjaelp].scale", SOEM_U_SCALE,
		      1, 0.8, 1.2, 0, 0, 1);
	fast_vs_full(&f->pb, &u, 21);
	/* tax shares with ranges, on the taxed service and on one without a
	 * tax at its central values (herberg: 0 .. 0.1) */
	soem_uset_add(&u, "taxes.kontanthjaelp.kommune", SOEM_U_TAX, 0.25,
		      0.2, 0.3, 0, 0, 1);
	soem_uset_add(&u, "taxes.kontanthjaelp.stat", SOEM_U_TAX, 0.12, 0.1,
		      0.15, 0, 2, 1);
	soem_uset_add(&u, "taxes.herberg.kommune", SOEM_U_TAX, 0, 0, 0.1, 1,
		      0, 1);
	soem_uset_add(&u, "consequences[herberg].during", SOEM_U_DURING, -30,
		      -40, -20, 1, 0, 1);
	soem_uset_add(&u, "intake[1].participants", SOEM_U_COHORT, 40, 30, 50,
		      0, 0, 1);
	soem_uset_add(&u, "costs[Forløb].amount", SOEM_U_COST, 60000, 50000,
		      80000, 1, 0, 1);
	fast_vs_full(&f->pb, &u, 22);
	/* the central values give the problem's own PV */
	fa = soem_fast_new(&f->pb, &u);
	assert_non_null(fa);
	soem_uset_values(&u, x);
	soem_fast_pv(fa, x, pv);
	soem_pv_net(&f->pb, pv0);
	for (int p = 0; p < 4; p++)
		assert_close(pv[p], pv0[p], 1e-9 * fmax(1, fabs(pv0[p])));
	/* a tax share changes only its payer's part: at kommune's share 0.3
	 * instead of 0.25 more of the fewer weeks' gross comes back as tax
	 * foregone, so kommune saves less (10 (2000 - 0.25 2500) in the
	 * issue's oracle); region and stat do not change */
	x[3] = 0.3;
	{
		double pv1[4];

		soem_fast_pv(fa, x, pv1);
		assert_true(pv1[0] < pv[0]);
		assert_true(pv1[1] == pv[1] && pv1[2] == pv[2]);
	}
	soem_fast_free(&fa);
	/* the Monte Carlo says it took the fast path */
	assert_int_equal(soem_mc_run(&f->pb, &u, 200, 3, &m), 0);
	assert_true(m.fast);
	soem_mc_free(&m);
	/* shares whose highs could sum to more than 1 are left to the full
	 * recalculation (which refuses such a draw) */
	u.in[4].high = 0.9;
	assert_null(soem_fast_new(&f->pb, &u));
	soem_uset_free(&u);
	free(f);
}

/* SPEC §2.9 payer groups: a cost split over the payers by fixed shares
 * (the Finsam split) is linear in its amount, and a cost's group without
 * groups is the one group, so such a problem takes the fast path (it was
 * recalculated in full per draw before issue 15 point 3). */
static void test_fast_payer_groups(void **state)
{
	struct fx *f = fx_new();
	soem_uset u = { 0 };
	double finsam[3] = { 0.25, 0.25, 0.5 }, half[3] = { 0.5, 0, 0.5 };
	double tax[3] = { 0.25, 0, 0.12 }, x[16], pv[4], pv0[4];
	soem_fast *fa;

	(void)state;
	f->co[1].split = finsam;   /* per participant, its amount an input */
	f->co[3].split = half;     /* yearly, no input */
	f->co[2].has_group = true; /* the one group */
	assert_int_equal(soem_problem_check(&f->pb, NULL), 0);
	soem_uset_add(&u, "effect.success_rate", SOEM_U_S, 0.1, 0.05, 0.2, 0,
		      0, 1);
	soem_uset_add(&u, "costs[Forløb].amount", SOEM_U_COST, 60000, 50000,
		      80000, 1, 0, 1);
	soem_uset_add(&u, "costs[Koordinator].amount", SOEM_U_COST, 450000,
		      400000, 500000, 3, 0, 1);
	soem_uset_add(&u, "costs[Bostøtte].amount", SOEM_U_COST, 12000,
		      10000, 15000, 2, 0, 1);
	soem_uset_add(&u, "intake[1].participants", SOEM_U_COHORT, 40, 30, 50,
		      0, 0, 1);
	fast_vs_full(&f->pb, &u, 31);
	fa = soem_fast_new(&f->pb, &u);
	assert_non_null(fa);
	soem_uset_values(&u, x);
	soem_fast_pv(fa, x, pv);
	soem_pv_net(&f->pb, pv0);
	for (int p = 0; p < 4; p++)
		assert_close(pv[p], pv0[p], 1e-9 * fmax(1, fabs(pv0[p])));
	/* 10 000 more on the split yearly cost: each payer bears its share
	 * of it over years 2..6 */
	{
		double pv1[4], dpv = 0;

		for (int t = 2; t <= 6; t++)
			dpv += soem_discount_factor(&f->pb, t);
		x[2] = 460000;
		soem_fast_pv(fa, x, pv1);
		for (int p = 0; p < 3; p++)
			assert_close(pv1[p] - pv[p], -10000 * half[p] * dpv,
				     1e-6);
	}
	soem_fast_free(&fa);
	/* with a tax too */
	f->sv[0].tax = tax;
	soem_uset_add(&u, "taxes.kontanthjaelp.kommune", SOEM_U_TAX, 0.25,
		      0.2, 0.3, 0, 0, 1);
	fast_vs_full(&f->pb, &u, 32);
	soem_uset_free(&u);
	free(f);
}

/* SPEC §2.9 price schedules: a year's price weighs that year's units, so
 * the net stays linear in each price, schedule entry, tax share, year,
 * scale and `during`; a problem with schedules takes the fast path (it
 * was recalculated in full per draw before issue 15 point 3), touched or
 * untouched, with a tax on a scheduled transfer too. */
static void test_fast_schedules(void **state)
{
	struct fx *f = fx_new();
	soem_uset u = { 0 };
	double pt1[12][3], pt0[12][3], pt3[12][3];
	double tax[3] = { 0.25, 0, 0.12 }, x[16], pv[4], pv0[4];
	soem_fast *fa;
	size_t n;

	(void)state;
	for (int t = 0; t < 12; t++) {
		/* herberg: kommune 800 in years 1-2, 850 after; stat 200,
		 * then 150 (a reform in year 3, inside the second cohort's
		 * course) */
		pt1[t][0] = t < 2 ? 800 : 850;
		pt1[t][1] = 0;
		pt1[t][2] = t < 2 ? 200 : 150;
		/* kontanthjaelp: the state's part rises each year */
		pt0[t][0] = 2200;
		pt0[t][1] = 0;
		pt0[t][2] = 1150 + 10.0 * t;
		/* laege (untouched): region 300, 320 from year 3 */
		pt3[t][0] = 0;
		pt3[t][1] = t < 2 ? 300 : 320;
		pt3[t][2] = 0;
	}
	f->sv[1].price_t = &pt1[0][0];
	f->sv[0].price_t = &pt0[0][0];
	f->sv[0].tax = tax;
	f->sv[3].price_t = &pt3[0][0];
	assert_int_equal(soem_problem_check(&f->pb, NULL), 0);
	/* schedules, no input on a scheduled service */
	soem_uset_add(&u, "effect.success_rate", SOEM_U_S, 0.1, 0.05, 0.2, 0,
		      0, 1);
	soem_uset_add(&u, "intake[1].participants", SOEM_U_COHORT, 40, 30, 50,
		      0, 0, 1);
	soem_uset_add(&u, "prices.skat.region", SOEM_U_PRICE, 0.08, 0.05,
		      0.1, 2, 1, 1);
	fast_vs_full(&f->pb, &u, 41);
	/* schedule entries, a price over a schedule, years, scale, during
	 * and tax shares of scheduled services */
	n = soem_uset_add(&u, "prices.herberg.kommune[2026]", SOEM_U_SCHED,
			  800, 700, 900, 1, 0, 1);
	u.in[n].t0 = 0;
	u.in[n].t1 = 1;
	n = soem_uset_add(&u, "prices.herberg.kommune[2028]", SOEM_U_SCHED,
			  850, 750, 950, 1, 0, 1);
	u.in[n].t0 = 2;
	u.in[n].t1 = 11;
	soem_uset_add(&u, "consequences[herberg].during", SOEM_U_DURING, -30,
		      -40, -20, 1, 0, 1);
	soem_uset_add(&u, "consequences[herberg].scale", SOEM_U_SCALE, 1, 0.8,
		      1.2, 1, 0, 1);
	soem_uset_add(&u, "consequences[herberg].years[1]", SOEM_U_DELTA, -75,
		      -90, -60, 1, 1, 1);
	soem_uset_add(&u, "prices.kontanthjaelp.kommune", SOEM_U_PRICE, 2200,
		      2000, 2500, 0, 0, 1);
	soem_uset_add(&u, "taxes.kontanthjaelp.kommune", SOEM_U_TAX, 0.25,
		      0.2, 0.3, 0, 0, 1);
	soem_uset_add(&u, "consequences[kontanthjaelp].years[2]",
		      SOEM_U_DELTA, -1.5, -2, -1, 0, 2, 1);
	soem_uset_add(&u, "costs[Forløb].amount", SOEM_U_COST, 60000, 50000,
		      80000, 1, 0, 1);
	fast_vs_full(&f->pb, &u, 42);
	/* the central values give the problem's own PV */
	fa = soem_fast_new(&f->pb, &u);
	assert_non_null(fa);
	soem_uset_values(&u, x);
	soem_fast_pv(fa, x, pv);
	soem_pv_net(&f->pb, pv0);
	for (int p = 0; p < 4; p++)
		assert_close(pv[p], pv0[p], 1e-9 * fmax(1, fabs(pv0[p])));
	soem_fast_free(&fa);
	/* a problem whose schedules are its only §2.9 structure, with the
	 * Monte Carlo */
	{
		soem_mc m;

		assert_int_equal(soem_mc_run(&f->pb, &u, 100, 4, &m), 0);
		assert_true(m.fast);
		soem_mc_free(&m);
	}
	soem_uset_free(&u);
	free(f);
}

/* The Monte Carlo's statistics agree with the draws it reports. */
/* Issue 15 point 3: completion c (SPEC §2.9) is linear in the net of a
 * problem without groups: participant-years count N in the start year
 * and N c in the later course years (per_participant_year costs and
 * `during`), a per_completer cost amount N c in the finishing year, and
 * effects of success do not depend on c.  So c = 5/6, per_completer
 * costs and a range on c take the fast path (soem_fast_new returned NULL
 * for each before), every draw equal to the full recalculation. */
static void test_fast_completion(void **state)
{
	struct fx *f = fx_new();
	soem_uset u = { 0 };
	double x[16], pv[4], pv0[4];
	soem_fast *fa;

	(void)state;
	/* c = 5/6 with a per_participant_year cost (12 000) over the 2-year
	 * course and a `during` consequence (herberg -30) */
	f->pb.completion = 5.0 / 6.0;
	assert_int_equal(soem_problem_check(&f->pb, NULL), 0);
	soem_uset_add(&u, "effect.success_rate", SOEM_U_S, 0.1, 0.05, 0.2, 0,
		      0, 1);
	soem_uset_add(&u, "costs[Ophold].amount", SOEM_U_COST, 12000, 9000,
		      15000, 2, 0, 1);
	soem_uset_add(&u, "consequences[herberg].during", SOEM_U_DURING, -30,
		      -40, -20, 1, 0, 1);
	soem_uset_add(&u, "intake[1].participants", SOEM_U_COHORT, 40, 30, 50,
		      0, 0, 1);
	fast_vs_full_tol(&f->pb, &u, 51, 1e-12);
	/* a per_completer cost (60 000 per completer), with a range */
	f->co[1].basis = SOEM_BASIS_PER_COMPLETER;
	assert_int_equal(soem_problem_check(&f->pb, NULL), 0);
	soem_uset_add(&u, "costs[Forløb].amount", SOEM_U_COST, 60000, 50000,
		      80000, 1, 0, 1);
	fast_vs_full_tol(&f->pb, &u, 52, 1e-12);
	/* a range on completion itself */
	soem_uset_add(&u, "completion", SOEM_U_COMPLETION, 5.0 / 6.0, 0.7,
		      0.95, 0, 0, 1);
	fast_vs_full_tol(&f->pb, &u, 53, 1e-12);
	/* the central values give the problem's own PV */
	fa = soem_fast_new(&f->pb, &u);
	assert_non_null(fa);
	soem_uset_values(&u, x);
	soem_fast_pv(fa, x, pv);
	soem_pv_net(&f->pb, pv0);
	for (size_t p = 0; p < 4; p++)
		assert_close(pv[p], pv0[p], 1e-12 * fmax(fabs(pv0[p]), 1));
	soem_fast_free(&fa);
	/* a per_completer cost split by a payer group, and a cohort whose
	 * course ends after the horizon (its completers are not counted,
	 * its first course year is) */
	double split[3] = { 0.5, 0.25, 0.25 };

	f->co[1].split = split;
	f->coh[1].year = 12;
	assert_int_equal(soem_problem_check(&f->pb, NULL), 0);
	fast_vs_full_tol(&f->pb, &u, 54, 1e-12);
	/* a range on c that could reach 0 (read as 1) is recalculated */
	u.in[u.n - 1].low = 0;
	assert_null(soem_fast_new(&f->pb, &u));
	u.in[u.n - 1].low = 0.7;
	/* a `during` of a service with a schedule (as herberg's § 110 in
	 * the dk database; its during has a range among the inputs): the
	 * later course year's units weigh c, at c = 5/6 and with a range
	 * on c */
	double pt1[12][3];

	for (int t = 0; t < 12; t++) {
		pt1[t][0] = t < 2 ? 800 : 850;
		pt1[t][1] = 0;
		pt1[t][2] = t < 2 ? 200 : 150;
	}
	f->sv[1].price_t = &pt1[0][0];
	f->coh[1].year = 3;
	assert_int_equal(soem_problem_check(&f->pb, NULL), 0);
	fast_vs_full_tol(&f->pb, &u, 55, 1e-12);
	u.n--; /* without the range on c */
	fast_vs_full_tol(&f->pb, &u, 56, 1e-12);
	u.n++;
	soem_uset_free(&u);
	free(f);
}

/* fast_vs_full_tol for a payer whose net may cancel to near 0 in a
 * draw: tol relative to the size of its flows, |PV(E_p)| + |PV(C_p)| of
 * the draw (the net's own last digits are not more exact than that). */
static void fast_vs_full_gross(const soem_problem *pb, const soem_uset *u,
			       uint64_t seed, double tol)
{
	soem_fast *f = soem_fast_new(pb, u);
	size_t w = pb->npayers + 1;
	double x[64], a[8], b[8];
	soem_rng r;

	assert_non_null(f);
	assert_true(u->n <= 64 && w <= 8);
	soem_rng_seed(&r, seed);
	for (int d = 0; d < 1000; d++) {
		soem_problem cl;
		soem_result *res;

		for (size_t i = 0; i < u->n; i++)
			x[i] = soem_uinput_quantile(&u->in[i], soem_rng_u(&r));
		soem_fast_pv(f, x, a);
		soem_full_pv(pb, u, x, b);
		soem_problem_clone(pb, &cl);
		soem_uset_apply(u, &cl, x);
		res = soem_compute(&cl);
		assert_non_null(res);
		for (size_t p = 0; p < w; p++)
			assert_close(a[p], b[p],
				     tol * fmax(fabs(res->pv_effects[p]) +
							fabs(res->pv_costs[p]),
						1));
		soem_result_free(&res);
		soem_problem_clone_free(&cl);
	}
	soem_fast_free(&f);
}

/* Issue 15 point 3: a problem with groups (SPEC §2.9) is linear in the
 * same inputs as one without: each group's cohorts count with that
 * group's course length, completion, persistence and success rate, a
 * service counts its own group's cohorts only, a cost without a group
 * every group's participants and one with a group that group's.  So two
 * groups with their own course lengths, completion, s and persistence,
 * a shared and a per-group cost, and ranges on each group's inputs and
 * on a shared price take the fast path (soem_fast_new returned NULL for
 * every grouped problem before), every draw equal to the full
 * recalculation; the nonlinear inputs of a group stay on the general
 * path. */
static void test_fast_groups(void **state)
{
	struct fx *f = fx_new();
	soem_uset u = { 0 };
	soem_pgroup grp[2];
	soem_cohort coh1[2] = { { 2, 30 }, { 4, 20 } };
	double rho1[3] = { 1, 0.8, 0.5 };
	double x[32], pv[4], pv0[4];
	soem_fast *fa;

	(void)state;
	grp[0] = (soem_pgroup){ .course_years = 2, .completion = 5.0 / 6.0,
				.ncohorts = 2, .cohorts = f->coh, .s = 0.1,
				.persist = SOEM_PERSIST_DECAY, .decay = 0.1 };
	grp[1] = (soem_pgroup){ .course_years = 3, .completion = 0.7,
				.ncohorts = 2, .cohorts = coh1, .s = 0.25,
				.persist = SOEM_PERSIST_LIST, .nrho = 3,
				.rho = rho1 };
	f->pb.ngroups = 2;
	f->pb.groups = grp;
	f->sv[2].group = f->sv[3].group = 1;
	f->sv[3].during = 2;
	/* costs: Ophold (per participant-year) shared by both groups; the
	 * per-participant cost 60 000 is group 1's, the saved 20 000 group
	 * 0's; a per_completer cost of group 0 */
	f->co[1].has_group = true;
	f->co[1].group = 1;
	f->co[4].has_group = true;
	f->co[4].group = 0;
	f->co[0].basis = SOEM_BASIS_PER_COMPLETER;
	f->co[0].amount = 50000;
	f->co[0].has_group = true;
	f->co[0].group = 0;
	assert_int_equal(soem_problem_check(&f->pb, NULL), 0);
	u.ng = 2;
	u.gp1 = calloc(2, sizeof *u.gp1);
	u.gp0 = calloc(2, sizeof *u.gp0);
	assert_non_null(u.gp1);
	assert_non_null(u.gp0);
	u.gp1[0] = 0.4, u.gp0[0] = 0.3;
	u.gp1[1] = 0.55, u.gp0[1] = 0.3;
	soem_uset_add(&u, "groups[unge].effect.success_rate", SOEM_U_GS, 0.1,
		      0.05, 0.2, 0, 0, 1);
	soem_uset_add(&u, "groups[voksne].effect.p1", SOEM_U_GP1, 0.55, 0.45,
		      0.6, 0, 1, 1);
	soem_uset_add(&u, "groups[voksne].effect.p0", SOEM_U_GP0, 0.3, 0.25,
		      0.35, 0, 1, 1);
	soem_uset_add(&u, "groups[unge].intake[2].participants",
		      SOEM_U_GCOHORT, 25, 15, 35, 1, 0, 1);
	soem_uset_add(&u, "groups[voksne].intake[1].participants",
		      SOEM_U_GCOHORT, 30, 20, 40, 0, 1, 1);
	soem_uset_add(&u, "groups[voksne].completion", SOEM_U_GCOMPLETION,
		      0.7, 0.5, 0.9, 0, 1, 1);
	soem_uset_add(&u, "groups[voksne].consequences[job].years[2]",
		      SOEM_U_DELTA, 30000, 20000, 35000, 2, 1, 1);
	soem_uset_add(&u, "consequences[herberg].during", SOEM_U_DURING, -30,
		      -40, -20, 1, 0, 1);
	soem_uset_add(&u, "consequences[x].during", SOEM_U_DURING, 2, 1, 3, 3,
		      0, 1);
	soem_uset_add(&u, "prices.herberg.kommune", SOEM_U_PRICE, 800, 600,
		      900, 1, 0, 1);
	soem_uset_add(&u, "costs[Ophold].amount", SOEM_U_COST, 12000, 9000,
		      15000, 2, 0, 1);
	soem_uset_add(&u, "costs[Forløb].amount", SOEM_U_COST, 60000, 50000,
		      80000, 1, 0, 1);
	soem_uset_add(&u, "costs[Afslutning].amount", SOEM_U_COST, 50000,
		      40000, 60000, 0, 0, 1);
	fast_vs_full_tol(&f->pb, &u, 61, 1e-12);
	/* the central values give the problem's own PV */
	fa = soem_fast_new(&f->pb, &u);
	assert_non_null(fa);
	soem_uset_values(&u, x);
	soem_fast_pv(fa, x, pv);
	soem_pv_net(&f->pb, pv0);
	for (size_t p = 0; p < 4; p++)
		assert_close(pv[p], pv0[p], 1e-12 * fmax(fabs(pv0[p]), 1));
	soem_fast_free(&fa);
	/* a range on group 0's completion too, and a price schedule on
	 * herberg (group 0) */
	double pt1[12][3];

	for (int t = 0; t < 12; t++) {
		pt1[t][0] = t < 2 ? 800 : 850;
		pt1[t][1] = 0;
		pt1[t][2] = t < 2 ? 200 : 150;
	}
	soem_uset_add(&u, "groups[unge].completion", SOEM_U_GCOMPLETION,
		      5.0 / 6.0, 0.6, 0.9, 0, 0, 1);
	fast_vs_full_tol(&f->pb, &u, 62, 1e-12);
	f->sv[1].price_t = &pt1[0][0];
	assert_int_equal(soem_problem_check(&f->pb, NULL), 0);
	fast_vs_full_tol(&f->pb, &u, 63, 1e-12);
	/* with the Monte Carlo */
	{
		soem_mc m;

		assert_int_equal(soem_mc_run(&f->pb, &u, 100, 4, &m), 0);
		assert_true(m.fast);
		soem_mc_free(&m);
	}
	/* the top-level s, intake and completion are not read in a grouped
	 * problem (soem_uset_apply sets them, the engine reads the
	 * groups'); nor are a group's p1 and p0 without every group's
	 * central values; a group with no intake counts nothing.  (Some
	 * draws here bring the region's net near 0 from flows of millions:
	 * 1e-12 of those flows.) */
	soem_uset_add(&u, "effect.success_rate", SOEM_U_S, 0.1, 0.05, 0.2, 0,
		      0, 1);
	soem_uset_add(&u, "intake[1].participants", SOEM_U_COHORT, 40, 30, 50,
		      0, 0, 1);
	soem_uset_add(&u, "completion", SOEM_U_COMPLETION, 0.8, 0.7, 0.9, 0,
		      0, 1);
	fast_vs_full_gross(&f->pb, &u, 64, 1e-12);
	u.ng = 0;
	fast_vs_full_gross(&f->pb, &u, 65, 1e-12);
	u.ng = 2;
	grp[1].ncohorts = 0;
	assert_int_equal(soem_problem_check(&f->pb, NULL), 0);
	fast_vs_full_gross(&f->pb, &u, 66, 1e-12);
	grp[1].ncohorts = 2;
	/* a group's persistence decay is not linear: recalculated */
	soem_uset_add(&u, "groups[unge].effect.persistence.decay",
		      SOEM_U_GDECAY, 0.1, 0.05, 0.2, 0, 0, 1);
	assert_null(soem_fast_new(&f->pb, &u));
	soem_uset_free(&u);
	free(f);
}

static void test_mc_statistics(void **state)
{
	struct fx *f = fx_new();
	soem_uset u = { 0 };
	soem_mc m;
	double *t;
	size_t pos = 0;

	(void)state;
	soem_uset_add(&u, "effect.success_rate", SOEM_U_S, 0.1, 0.0, 0.3, 0,
		      0, 1);
	soem_uset_add(&u, "prices.herberg.kommune", SOEM_U_PRICE, 800, 600,
		      900, 1, 0, 1);
	assert_int_equal(soem_mc_run(&f->pb, &u, 1001, 9, &m), 0);
	assert_true(m.fast);
	t = malloc(1001 * sizeof *t);
	memcpy(t, m.total, 1001 * sizeof *t);
	for (size_t i = 0; i < 1001; i++)
		pos += t[i] > 0;
	for (size_t i = 1; i < 1001; i++)      /* insertion sort */
		for (size_t j = i; j > 0 && t[j - 1] > t[j]; j--) {
			double z = t[j];

			t[j] = t[j - 1];
			t[j - 1] = z;
		}
	assert_true(m.p50[3] == t[500]);
	assert_close(m.p5[3], t[50], 0);
	assert_close(m.p95[3], t[950], 0);
	assert_true(m.share_positive[3] == (double)pos / 1001);
	/* per payer columns add up to the total in the mean */
	assert_close(m.mean[0] + m.mean[1] + m.mean[2], m.mean[3],
		     1e-9 * fabs(m.mean[3]) + 1e-6);
	free(t);
	soem_mc_free(&m);
	soem_uset_free(&u);
	free(f);
}

static void test_mc_reproducible(void **state)
{
	struct fx *f = fx_new();
	soem_uset u = { 0 };
	soem_mc a, b, c;
	size_t w = 4;
	bool differ = false;

	(void)state;
	soem_uset_add(&u, "effect.success_rate", SOEM_U_S, 0.1, 0.05, 0.2, 0,
		      0, 1);
	soem_uset_add(&u, "costs[Forløb].amount", SOEM_U_COST, 60000, 50000,
		      80000, 1, 0, 1);
	assert_int_equal(soem_mc_run(&f->pb, &u, 4000, 1, &a), 0);
	assert_int_equal(soem_mc_run(&f->pb, &u, 4000, 1, &b), 0);
	assert_int_equal(soem_mc_run(&f->pb, &u, 4000, 2, &c), 0);
	/* the same seed: the very same numbers */
	assert_memory_equal(a.total, b.total, 4000 * sizeof(double));
	assert_memory_equal(a.mean, b.mean, w * sizeof(double));
	assert_memory_equal(a.p5, b.p5, w * sizeof(double));
	assert_memory_equal(a.p50, b.p50, w * sizeof(double));
	assert_memory_equal(a.p95, b.p95, w * sizeof(double));
	assert_memory_equal(a.share_positive, b.share_positive,
			    w * sizeof(double));
	/* another seed: other draws, the same mean within 4 standard
	 * errors */
	for (size_t i = 0; i < 4000; i++)
		differ |= a.total[i] != c.total[i];
	assert_true(differ);
	for (size_t p = 0; p < w; p++) {
		double se = sqrt(a.sd[p] * a.sd[p] / 4000 +
				 c.sd[p] * c.sd[p] / 4000);

		assert_close(a.mean[p], c.mean[p], 4 * se + 1e-9);
	}
	soem_mc_free(&a);
	soem_mc_free(&b);
	soem_mc_free(&c);
	soem_uset_free(&u);
	free(f);
}

/* Triangular distribution function. */
static double tri_cdf(double a, double c, double b, double x)
{
	if (x <= a)
		return 0;
	if (x >= b)
		return 1;
	if (x <= c)
		return (x - a) * (x - a) / ((b - a) * (c - a));
	return 1 - (b - x) * (b - x) / ((b - a) * (b - c));
}

/* Only s is uncertain and PV(R) = s A + B - PV(C) is linear in it, so
 * P(PV > 0) = 1 - F(s*) and E[PV] = A (a + c + b) / 3 + B - PV(C). */
static void test_mc_closed_form(void **state)
{
	struct fx *f = fx_new();
	soem_uset u = { 0 };
	soem_result *r;
	soem_mc m;
	double a = 0, c = 0.1, b = 0.3, p, mean, n = 10000;

	(void)state;
	/* Costs that put break-even inside (a, b). */
	f->co[3].amount = 450000;
	f->pb.s = c;
	r = soem_compute(&f->pb);
	assert_non_null(r);
	assert_true(r->be_A > 0);
	assert_true(r->break_even_s > a && r->break_even_s < b);
	p = 1 - tri_cdf(a, c, b, r->break_even_s);
	mean = r->be_A * (a + b + c) / 3 + r->be_B - r->pv_costs[3];
	soem_uset_add(&u, "effect.success_rate", SOEM_U_S, c, a, b, 0, 0, 1);
	assert_int_equal(soem_mc_run(&f->pb, &u, (long)n, 1, &m), 0);
	assert_close(m.share_positive[3], p, 3 * sqrt(p * (1 - p) / n));
	assert_close(m.mean[3], mean, 3 * m.sd[3] / sqrt(n));
	/* The same with seed 42 and with the normal of an experiment. */
	soem_mc_free(&m);
	assert_int_equal(soem_mc_run(&f->pb, &u, (long)n, 42, &m), 0);
	assert_close(m.share_positive[3], p, 3 * sqrt(p * (1 - p) / n));
	soem_mc_free(&m);
	u.in[0].dist = SOEM_DIST_NORMAL;
	u.in[0].sd = 0.05;
	p = 1 - soem_pnorm((r->break_even_s - c) / 0.05);
	assert_int_equal(soem_mc_run(&f->pb, &u, (long)n, 1, &m), 0);
	assert_close(m.share_positive[3], p, 3 * sqrt(p * (1 - p) / n));
	assert_close(m.mean[3], r->be_A * c + r->be_B - r->pv_costs[3],
		     3 * m.sd[3] / sqrt(n));
	soem_mc_free(&m);
	soem_result_free(&r);
	soem_uset_free(&u);
	free(f);
}

/* The tornado: sorted by swing, largest first; ties in input order; each
 * row the PV with that one input at its low and high. */
static void test_tornado_order(void **state)
{
	struct fx *f = fx_new();
	soem_uset u = { 0 };
	soem_sens s;
	double x[4];

	(void)state;
	/* swings: s over [0, 0.5] > Forløb over 65 participants; two
	 * inputs with an empty range swing 0 and tie */
	soem_uset_add(&u, "costs[Koordinator].amount", SOEM_U_COST, 450000,
		      450000, 450000, 3, 0, 1);
	soem_uset_add(&u, "effect.success_rate", SOEM_U_S, 0.1, 0.0, 0.5, 0,
		      0, 1);
	soem_uset_add(&u, "costs[Forløb].amount", SOEM_U_COST, 60000, 40000,
		      80000, 1, 0, 1);
	soem_uset_add(&u, "prices.laege.region", SOEM_U_PRICE, 300, 300, 300,
		      3, 1, 1);
	soem_sens_run(&f->pb, &u, &s);
	assert_int_equal(s.n, 4);
	assert_rel(s.pv_base, soem_pv_net(&f->pb, NULL), 1e-15);
	for (size_t i = 1; i < s.n; i++)
		assert_true(fabs(s.row[i - 1].pv_high - s.row[i - 1].pv_low) >=
			    fabs(s.row[i].pv_high - s.row[i].pv_low));
	assert_int_equal(s.row[0].input, 1);
	assert_int_equal(s.row[1].input, 2);
	assert_int_equal(s.row[2].input, 0);   /* tie: input order */
	assert_int_equal(s.row[3].input, 3);
	for (size_t i = 0; i < s.n; i++) {
		const soem_sens_row *r = &s.row[i];
		double pv[4];

		soem_uset_values(&u, x);
		x[r->input] = u.in[r->input].low;
		/* The tornado takes the Monte Carlo's linear fast path
		 * (issue 18): equal to the whole model up to rounding. */
		soem_full_pv(&f->pb, &u, x, pv);
		assert_rel(r->pv_low, pv[3], 1e-12);
		x[r->input] = u.in[r->input].high;
		soem_full_pv(&f->pb, &u, x, pv);
		assert_rel(r->pv_high, pv[3], 1e-12);
	}
	/* more cost, less net: the cost's PV at high is the lower one */
	assert_true(s.row[1].pv_high < s.row[1].pv_low);
	soem_sens_free(&s);
	soem_uset_free(&u);
	free(f);
}

/* ------------------------------------------------------------------ */
/* From calculation files (tests/data/uncertainty). */

static soem_kbset set;

static int files_setup(void **state)
{
	soem_err err = { 0 };

	(void)state;
	memset(&set, 0, sizeof set);
	if (soem_kbset_add_dir(&set, TEST_DATA_DIR "/uncertainty/kb", NULL,
			       &err) ||
	    set.n != 1) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	return 0;
}

static int files_teardown(void **state)
{
	(void)state;
	soem_kbset_free(&set);
	return 0;
}

struct loaded {
	soem_calc *c;
	const soem_kb *kb;
	soem_problem pb;
	size_t *map;
};

static void load(const char *name, struct loaded *l)
{
	char path[1024];
	soem_err err = { 0 };
	int rc;

	snprintf(path, sizeof path, "%s/uncertainty/%s", TEST_DATA_DIR, name);
	rc = soem_calc_load(path, &set, NULL, &l->c, &l->kb, NULL, &err);
	if (rc)
		fail_msg("%s", err.msg);
	rc = soem_problem_build(l->c, l->kb, &l->pb, &l->map, &err);
	if (rc)
		fail_msg("%s", err.msg);
}

static void unload(struct loaded *l)
{
	free(l->map);
	soem_problem_free(&l->pb);
	soem_calc_free(&l->c);
}

/* Two costs with the same name (a new cost row proposes the previous
 * row's name): the second is costs[NAME#2] (SPEC 2.7), and a file with
 * them is saved and read back with both names and amounts. */
static void test_repeated_cost_name(void **state)
{
	struct loaded l;
	soem_unc un;
	soem_err err = { 0 };
	char path[] = "/tmp/soem-unc-XXXXXX";
	int fd;
	int seen1 = 0, seen2 = 0;

	(void)state;
	load("all.soem.yaml", &l);
	assert_true(l.c->ncosts >= 2);
	free(l.c->costs[1].name);
	l.c->costs[1].name = strdup(l.c->costs[0].name);
	soem_problem_free(&l.pb);
	free(l.map);
	assert_int_equal(soem_problem_build(l.c, l.kb, &l.pb, &l.map, &err), 0);
	assert_int_equal(soem_unc_run(l.c, l.kb, &l.pb, l.map, 0, &un, &err), 0);
	for (size_t i = 0; i < un.inputs.n; i++) {
		if (strcmp(un.inputs.in[i].name, "costs[Opstart].amount") == 0)
			seen1++;
		if (strcmp(un.inputs.in[i].name, "costs[Opstart#2].amount") == 0)
			seen2++;
	}
	assert_int_equal(seen1, 1);
	assert_int_equal(seen2, 1);
	soem_unc_free(&un);

	/* the file keeps both rows */
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(soem_calc_save(path, l.c, &err), 0);
	{
		soem_calc *c2 = NULL;
		const soem_kb *kb2 = NULL;
		assert_int_equal(soem_calc_load(path, &set, NULL, &c2, &kb2,
						NULL, &err), 0);
		assert_int_equal(c2->ncosts, l.c->ncosts);
		assert_string_equal(c2->costs[0].name, "Opstart");
		assert_string_equal(c2->costs[1].name, "Opstart");
		assert_true(c2->costs[1].amount.value ==
			    l.c->costs[1].amount.value);
		assert_true(c2->costs[1].amount.low == l.c->costs[1].amount.low);
		soem_calc_free(&c2);
	}
	unlink(path);
	unload(&l);
}

static void test_file_inputs(void **state)
{
	static const char *const want[] = {
		"intake[1].participants",
		"effect.p1",
		"effect.p0",
		"costs[Opstart].amount",
		"costs[Forløb].amount",
		"costs[Bostøtte].amount",
		"costs[Koordinator].amount",
		"costs[I dag].amount",
		"consequences[kontanthjaelp].years[2]",
		"consequences[herberg].during",
		"consequences[herberg].scale",
		"prices.kontanthjaelp.stat",
		"prices.skat.kommune",
	};
	struct loaded l;
	soem_unc un;
	soem_err err = { 0 };
	double x[32], pv[4], pv0[4];

	(void)state;
	load("all.soem.yaml", &l);
	assert_int_equal(soem_unc_run(l.c, l.kb, &l.pb, l.map, -1, &un, &err),
			 0);
	assert_int_equal(un.inputs.n, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < un.inputs.n; i++)
		assert_string_equal(un.inputs.in[i].name, want[i]);
	/* the central values give the problem back */
	soem_uset_values(&un.inputs, x);
	soem_full_pv(&l.pb, &un.inputs, x, pv);
	soem_pv_net(&l.pb, pv0);
	for (int p = 0; p < 4; p++)
		assert_true(pv[p] == pv0[p]);
	/* the fast path on a real file */
	fast_vs_full(&l.pb, &un.inputs, 99);
	assert_true(un.mc.fast);
	assert_int_equal(un.mc.draws, 2000);
	assert_true(un.mc.seed == 7);
	assert_int_equal(un.sens.n, un.inputs.n);
	/* the s range from p1 and p0: [0.25 - 0.22, 0.4 - 0.15] */
	assert_true(un.has_s_range && !un.s_from_experiment);
	assert_close(un.s_low, 0.03, 1e-15);
	assert_close(un.s_high, 0.25, 1e-15);
	soem_unc_free(&un);
	unload(&l);
}

/* The low of an input gives the same PV as the file with that value
 * changed by hand: the setters hit the right targets, price levels
 * included. */
static void test_file_setters(void **state)
{
	struct loaded l, m;
	soem_unc un;
	soem_err err = { 0 };

	(void)state;
	load("all.soem.yaml", &l);
	assert_int_equal(soem_unc_run(l.c, l.kb, &l.pb, l.map, 0, &un, &err),
			 0);
	assert_int_equal(un.mc.draws, 0);
	for (size_t i = 0; i < un.sens.n; i++) {
		const soem_sens_row *r = &un.sens.row[i];
		const char *name = un.inputs.in[r->input].name;
		soem_num *v = NULL;

		load("all.soem.yaml", &m);
		if (strcmp(name, "costs[Opstart].amount") == 0)
			v = &m.c->costs[0].amount;
		else if (strcmp(name, "prices.skat.kommune") == 0)
			v = &m.c->prices[1].v[0].price;
		else if (strcmp(name, "prices.kontanthjaelp.stat") == 0)
			v = &m.c->prices[0].v[1].price;
		else if (strcmp(name, "intake[1].participants") == 0)
			v = &m.c->intake[0].participants;
		else if (strcmp(name, "consequences[herberg].during") == 0)
			v = &m.c->cons[1].during;
		else if (strcmp(name, "effect.p0") == 0)
			v = &m.c->effect.p0;
		if (v) {
			soem_problem pb;

			v->value = v->low;
			soem_problem_free(&m.pb);
			free(m.map);
			assert_int_equal(soem_problem_build(m.c, m.kb, &pb,
							    &m.map, &err),
					 0);
			assert_rel(r->pv_low, soem_pv_net(&pb, NULL), 1e-12);
			m.pb = pb;
		}
		unload(&m);
	}
	soem_unc_free(&un);
	unload(&l);
}

static void test_file_nonlinear(void **state)
{
	struct loaded l;
	soem_unc un;
	soem_err err = { 0 };

	(void)state;
	load("nonlinear.soem.yaml", &l);
	assert_int_equal(soem_unc_run(l.c, l.kb, &l.pb, l.map, -1, &un, &err),
			 0);
	assert_int_equal(un.inputs.n, 3);
	assert_string_equal(un.inputs.in[0].name, "effect.success_rate");
	assert_string_equal(un.inputs.in[1].name, "effect.persistence.decay");
	assert_string_equal(un.inputs.in[2].name, "discount.steps[0].rate");
	assert_false(un.mc.fast);
	assert_int_equal(un.mc.draws, 500);
	/* more discounting, less net (the effects come later) */
	for (size_t i = 0; i < un.sens.n; i++)
		if (un.sens.row[i].input == 2)
			assert_true(un.sens.row[i].pv_high <
				    un.sens.row[i].pv_low);
	soem_unc_free(&un);
	unload(&l);
}

/* A taxed file with a tax share's range (issue 15 point 3): the Monte
 * Carlo takes the fast path, every draw as the full recalculation, and
 * its statistics are those of the full recalculation's draws. */
static void test_file_taxed(void **state)
{
	struct loaded l;
	soem_unc un;
	soem_err err = { 0 };
	soem_rng r;
	double x[32], pv[4], sum = 0;
	size_t tax = SIZE_MAX;

	(void)state;
	load("taxed.soem.yaml", &l);
	assert_non_null(l.pb.services[0].tax);
	assert_int_equal(soem_unc_run(l.c, l.kb, &l.pb, l.map, -1, &un, &err),
			 0);
	for (size_t i = 0; i < un.inputs.n; i++)
		if (strcmp(un.inputs.in[i].name,
			   "taxes.kontanthjaelp.kommune") == 0)
			tax = i;
	assert_true(tax != SIZE_MAX);
	assert_true(un.inputs.in[tax].kind == SOEM_U_TAX);
	assert_true(un.mc.fast);
	fast_vs_full(&l.pb, &un.inputs, 98);
	/* the mean of the fast draws is the mean of the full ones */
	assert_true(un.inputs.n <= 32);
	soem_rng_seed(&r, un.mc.seed);
	for (long d = 0; d < un.mc.draws; d++) {
		for (size_t i = 0; i < un.inputs.n; i++)
			x[i] = soem_uinput_quantile(&un.inputs.in[i],
						    soem_rng_u(&r));
		soem_full_pv(&l.pb, &un.inputs, x, pv);
		sum += pv[3];
	}
	assert_rel(un.mc.mean[3], sum / (double)un.mc.draws, 1e-9);
	soem_unc_free(&un);
	unload(&l);
}

static void test_file_experiment(void **state)
{
	struct loaded l;
	soem_unc un;
	soem_err err = { 0 };
	double d, lo, hi;

	(void)state;
	load("experiment.soem.yaml", &l);
	assert_int_equal(soem_unc_run(l.c, l.kb, &l.pb, l.map, -1, &un, &err),
			 0);
	soem_newcombe(12, 100, 2, 100, 0.95, &d, &lo, &hi);
	assert_true(un.exp.present);
	assert_close(un.exp.s, 0.1, 1e-15);
	assert_true(un.exp.low == lo && un.exp.high == hi);
	assert_false(un.exp.contains_zero);
	assert_int_equal(un.exp.assumption_from, 2);
	assert_int_equal(un.inputs.n, 1);
	assert_string_equal(un.inputs.in[0].name, "effect.experiment");
	assert_int_equal(un.inputs.in[0].dist, SOEM_DIST_NORMAL);
	assert_close(un.inputs.in[0].sd, (hi - lo) / (2 * 1.959964), 1e-17);
	assert_true(un.has_s_range && un.s_from_experiment);
	assert_true(un.s_low == lo && un.s_high == hi);
	assert_close(l.pb.s, 0.1, 1e-15);
	soem_unc_free(&un);
	unload(&l);

	load("experiment-zero.soem.yaml", &l);
	assert_int_equal(soem_unc_run(l.c, l.kb, &l.pb, l.map, -1, &un, &err),
			 0);
	assert_true(un.exp.contains_zero);
	assert_true(un.exp.low < 0);
	/* 18 months: year 2 starts at month 12, year 3 at 24 */
	assert_int_equal(un.exp.assumption_from, 3);
	soem_unc_free(&un);
	unload(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_d1_splitmix64),
		cmocka_unit_test(test_d2_xoshiro),
		cmocka_unit_test(test_quantiles),
		cmocka_unit_test(test_quantiles_by_selection),
		cmocka_unit_test(test_fast_s_and_price),
		cmocka_unit_test(test_fast_every_linear_input),
		cmocka_unit_test(test_fast_refuses_nonlinear),
		cmocka_unit_test(test_fast_taxes),
		cmocka_unit_test(test_fast_payer_groups),
		cmocka_unit_test(test_fast_schedules),
		cmocka_unit_test(test_fast_completion),
		cmocka_unit_test(test_fast_groups),
		cmocka_unit_test(test_mc_statistics),
		cmocka_unit_test(test_mc_reproducible),
		cmocka_unit_test(test_mc_closed_form),
		cmocka_unit_test(test_tornado_order),
	};
	const struct CMUnitTest files[] = {
		cmocka_unit_test(test_file_inputs),
		cmocka_unit_test(test_repeated_cost_name),
		cmocka_unit_test(test_file_setters),
		cmocka_unit_test(test_file_nonlinear),
		cmocka_unit_test(test_file_taxed),
		cmocka_unit_test(test_file_experiment),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	return rc | cmocka_run_group_tests(files, files_setup, files_teardown);
}
