/* test_design.c - evaluation design (SPEC §2.8) against the oracles of
 * reference/oracles.md section C (C1-C5), R's qnorm/pnorm, and round
 * trips between the direct and the inverse problems. */
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

#include "design/design.h"
#include "io/eval_io.h"

#define assert_close(got, want, tol)                                           \
	do {                                                                   \
		double g_ = (got), w_ = (want), t_ = (tol);                    \
		if (!(fabs(g_ - w_) <= t_))                                    \
			fail_msg("%s = %.17g, want %.17g (tol %g)", #got, g_,  \
				 w_, t_);                                      \
	} while (0)

#define assert_rel(got, want, rel)                                             \
	assert_close(got, want, (rel)*fmax(1e-300, fabs((double)(want))))

/* The printed precision of a source that rounds to dp decimals. */
#define assert_printed(got, want, dp)                                          \
	assert_close(got, want, 0.5 * pow(10, -(dp)) + 1e-12)

/* ------------------------------------------------------------------ */
/* The normal distribution: R's qnorm (AS241) and pnorm; references from
 * 50-digit arithmetic (mpmath) at the exact binary value of each p. */

static void test_qnorm(void **state)
{
	(void)state;
	assert_rel(soem_qnorm(0.975), 1.9599639845400538556, 1e-15);
	assert_rel(soem_qnorm(0.9), 1.2815515655446005935, 1e-15);
	assert_rel(soem_qnorm(0.8), 0.8416212335729143638, 1e-15);
	assert_rel(soem_qnorm(0.999), 3.0902323061678132778, 1e-15);
	assert_rel(soem_qnorm(0.9995), 3.2905267314919257787, 1e-15);
	assert_rel(soem_qnorm(0.3), -0.52440051270804081597, 1e-15);
	assert_rel(soem_qnorm(0.075), -1.4395314709384559349, 1e-15);
	assert_rel(soem_qnorm(0.0001), -3.7190164854556805523, 1e-15);
	assert_rel(soem_qnorm(1e-10), -6.3613409024040561991, 1e-15);
	assert_rel(soem_qnorm(1e-20), -9.2623400897984075796, 1e-15);
	/* R prints qnorm(0.975) as 1.959963984540054 */
	assert_rel(soem_qnorm(0.975), 1.959963984540054, 1e-15);
	assert_true(soem_qnorm(0.5) == 0);
	assert_true(soem_qnorm(0) == -INFINITY);
	assert_true(soem_qnorm(1) == INFINITY);
	assert_true(isnan(soem_qnorm(-0.1)));
	assert_true(isnan(soem_qnorm(NAN)));
	/* Symmetry and the round trip through pnorm. */
	for (double p = 0.001; p < 1; p += 0.0137) {
		assert_close(soem_qnorm(p), -soem_qnorm(1 - p), 1e-12);
		assert_rel(soem_pnorm(soem_qnorm(p)), p, 1e-13);
	}
}

static void test_pnorm(void **state)
{
	(void)state;
	assert_true(soem_pnorm(0) == 0.5);
	assert_rel(soem_pnorm(-1), 0.15865525393145705141, 1e-14);
	assert_rel(soem_pnorm(3), 0.99865010196836990547, 1e-15);
	assert_rel(soem_pnorm(-8.5), 9.4795348222033183542e-18, 1e-13);
	assert_rel(soem_pnorm(1.959963984540054), 0.975, 1e-15);
}

/* ------------------------------------------------------------------ */
/* C1: R's power.prop.test documentation examples. */

static void test_c1_power(void **state)
{
	(void)state;
	/* n = 50, p0 = .50, p1 = .75 -> power 0.7401659 */
	assert_rel(soem_design_power(50, 0.5, 0.75, 0.05, 1, false),
		   0.7401659, 1e-6);
}

static void test_c1_n(void **state)
{
	(void)state;
	/* p0 = .50, p1 = .75, power .90 -> 76.706928 (77 rounded up) */
	double n = soem_design_n(0.5, 0.75, 0.05, 0.9, 1, false);

	assert_rel(n, 76.706928, 1e-6);
	assert_int_equal(soem_design_ceil(n), 77);
	/* p0 = .90, p1 = 1.0, power .8 -> 73.37427 */
	assert_rel(soem_design_n(0.9, 1.0, 0.05, 0.8, 1, false), 73.37427,
		   1e-6);
	/* p0 = .5, p1 = .501, alpha .001, power .90 -> 10451937 (7 digits) */
	n = soem_design_n(0.5, 0.501, 0.001, 0.9, 1, false);
	assert_rel(n, 10451937, 1e-6);
	assert_close(n, 10451937, 0.5);
}

static void test_c1_detectable(void **state)
{
	(void)state;
	/* n = 50, p0 = .5, power .90 -> p1 = 0.8026306 (R with tol 1e-12) */
	assert_rel(soem_design_detectable(50, 0.5, 0.05, 0.9, 1, false),
		   0.8026306, 1e-6);
}

/* C2: Fleiss with continuity correction, unequal allocation (Zar 24.26
 * in Unistat's manual): p0 = 0.45, p1 = 0.25, power .90, alpha .05. */
static void test_c2_fleiss(void **state)
{
	(void)state;
	double n1 = soem_design_n(0.45, 0.25, 0.05, 0.9, 1, true);
	double n3 = soem_design_n(0.45, 0.25, 0.05, 0.9, 3, true);

	assert_printed(n1, 127.2343, 4);
	assert_printed(n3, 83.1527, 4);
	assert_printed(3 * n3, 249.4581, 4);
	assert_rel(soem_design_n(0.45, 0.25, 0.05, 0.9, 1, false), 117.4307,
		   1e-6);
	assert_rel(soem_design_n(0.45, 0.25, 0.05, 0.9, 3, false), 76.61966,
		   1e-6);
	/* The plan gives n_T = k * n_C. */
	soem_design_in in;
	soem_design_out out;

	soem_design_in_init(&in);
	in.problem = SOEM_DESIGN_SIZE;
	in.p0 = 0.45;
	in.p1 = 0.25;
	in.power = 0.9;
	in.ratio = 3;
	in.cc = true;
	assert_null(soem_design_check(&in));
	soem_design_solve(&in, &out);
	assert_printed(out.n_control, 83.1527, 4);
	assert_printed(out.n_treatment, 249.4581, 4);
	assert_int_equal(out.enrol_control, 84);
	assert_int_equal(out.enrol_treatment, 250);
	soem_design_out_free(&out);
	soem_design_in_free(&in);
}

/* C3: Newcombe (1998) Table II, method 10, 95 %. */
static void test_c3_newcombe(void **state)
{
	static const struct {
		long xt, nt, xc, nc;
		double diff, lo, hi;
	} t[] = {
		{ 56, 70, 48, 80, 0.2000, 0.0524, 0.3339 },
		{ 9, 10, 3, 10, 0.6000, 0.1705, 0.8090 },
		{ 6, 7, 2, 7, 0.5714, 0.0582, 0.8062 },
		{ 5, 56, 0, 29, 0.0893, -0.0381, 0.1926 },
		{ 0, 10, 0, 20, 0.0000, -0.1611, 0.2775 },
		{ 0, 10, 0, 10, 0.0000, -0.2775, 0.2775 },
		{ 10, 10, 0, 20, 1.0000, 0.6791, 1.0000 },
		{ 10, 10, 0, 10, 1.0000, 0.6075, 1.0000 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		double d, lo, hi;

		soem_newcombe(t[i].xt, t[i].nt, t[i].xc, t[i].nc, 0.95, &d,
			      &lo, &hi);
		assert_printed(d, t[i].diff, 4);
		assert_printed(lo, t[i].lo, 4);
		assert_printed(hi, t[i].hi, 4);
	}
}

static void test_wilson(void **state)
{
	double lo, hi;

	(void)state;
	/* Wilson 95 % for 0/10: [0, 0.2775] (Newcombe 1998, Table I) */
	soem_wilson(0, 10, soem_qnorm(0.975), &lo, &hi);
	assert_true(lo == 0);
	assert_printed(hi, 0.2775, 4);
	soem_wilson(10, 10, soem_qnorm(0.975), &lo, &hi);
	assert_true(hi == 1);
	assert_printed(lo, 0.7225, 4);
	/* A wider level gives a wider interval. */
	double l90, h90, l99, h99;

	soem_newcombe(12, 100, 2, 100, 0.90, NULL, &l90, &h90);
	soem_newcombe(12, 100, 2, 100, 0.99, NULL, &l99, &h99);
	assert_true(l99 < l90 && h99 > h90);
}

/* C4: recruitment across eight förbund. */
static soem_site c4_sites[8] = {
	{ "a", 240, 0.7, 0 }, { "b", 180, 0.7, 0 }, { "c", 120, 0.7, 0 },
	{ "d", 90, 0.7, 0 },  { "e", 60, 0.7, 0 },  { "f", 48, 0.7, 0 },
	{ "g", 36, 0.7, 0 },  { "h", 24, 0.7, 0 },
};

static void test_c4_recruitment(void **state)
{
	long group, enrol;
	double n;

	(void)state;
	n = soem_design_n(0.2, 0.3, 0.05, 0.8, 1, false);
	assert_printed(n, 293.15, 2);
	assert_rel(n, 293.1512855, 1e-9);
	enrol = soem_design_enrol(n, 1, 0, &group);
	assert_int_equal(group, 294);
	assert_int_equal(enrol, 294);
	enrol = soem_design_enrol(n, 1, 0.1, &group);
	assert_int_equal(group, 294);
	assert_int_equal(enrol, 327);
	/* 46.55 a month -> 654 in 15 months */
	assert_rel(soem_design_recruited(c4_sites, 8, 1, 1), 46.55, 1e-12);
	assert_int_equal(soem_design_months(c4_sites, 8, 1, 654), 15);
	/* Inflow halved: 654 / 23.275 = 28.1 -> 29 months */
	assert_int_equal(soem_design_months(c4_sites, 8, 0.5, 654), 29);
	/* The smallest förbund needs 40 / 1.4 = 28.57 months for 40. */
	assert_printed(soem_design_site_months(&c4_sites[7], 1, 40), 28.57, 2);
	assert_rel(soem_design_site_months(&c4_sites[7], 1, 40), 40 / 1.4,
		   1e-15);
	/* The whole plan. */
	soem_design_in in;
	soem_design_out out;
	double sub[] = { 1.0, 0.5 };

	soem_design_in_init(&in);
	in.problem = SOEM_DESIGN_SIZE;
	in.p0 = 0.2;
	in.p1 = 0.3;
	in.attrition = 0.1;
	in.sites = c4_sites;
	in.nsites = 8;
	in.has_site_min = true;
	in.site_min = 40;
	in.sub = sub;
	in.nsub = 2;
	assert_null(soem_design_check(&in));
	soem_design_solve(&in, &out);
	assert_int_equal(out.enrol_control, 327);
	assert_int_equal(out.enrol_treatment, 327);
	assert_int_equal(out.enrol_total, 654);
	assert_true(out.has_months);
	assert_int_equal(out.months, 15);
	assert_printed(out.site_months[7], 28.57, 2);
	/* f = 1 gives back p1; half the sample a larger effect, roughly
	 * 1/sqrt(0.5) times the difference. */
	assert_rel(out.sub_p1[0], 0.3, 1e-9);
	assert_true(out.sub_p1[1] > 0.3);
	assert_close(out.sub_p1[1] - 0.2, 0.1 * sqrt(2), 0.01);
	assert_rel(soem_design_power(0.5 * out.n_control, 0.2, out.sub_p1[1],
				     0.05, 1, false),
		   0.8, 1e-9);
	soem_design_out_free(&out);
}

static void test_recruitment_delays(void **state)
{
	soem_site s[2] = { { "x", 120, 1, 3 }, { "y", 60, 0.5, 0 } };

	(void)state;
	/* x: 10 a month from month 3; y: 2.5 a month from month 0. */
	assert_close(soem_design_recruited(s, 2, 1, 2), 5, 1e-12);
	assert_close(soem_design_recruited(s, 2, 1, 5), 32.5, 1e-12);
	/* 50: R(4) = 20, R(5) = 32.5, R(6) = 45, R(7) = 57.5 -> 7 */
	assert_int_equal(soem_design_months(s, 2, 1, 50), 7);
	/* exactly reached at a whole month counts: R(6) = 45 */
	assert_int_equal(soem_design_months(s, 2, 1, 45), 6);
	assert_int_equal(soem_design_months(s, 2, 1, 0), 0);
	/* no inflow: never */
	soem_site z = { "z", 0, 0.7, 0 };

	assert_int_equal(soem_design_months(&z, 1, 1, 10), -1);
	assert_true(isnan(soem_design_site_months(&z, 1, 10)));
	assert_close(soem_design_site_months(&s[0], 1, 40), 7, 1e-12);
	assert_close(soem_design_site_months(&s[0], 0.5, 40), 11, 1e-12);
}

/* C5: attrition. */
static void test_c5_attrition(void **state)
{
	long group;

	(void)state;
	assert_int_equal(soem_design_enrol(40, 1, 0.2, &group), 50);
	assert_int_equal(group, 40);
	/* SPEC order: design effect first, then attrition. */
	assert_int_equal(soem_design_enrol(293.15, 1.5, 0.1, &group), 489);
	assert_int_equal(group, 440);
	assert_int_equal(soem_design_ceil(40.0 * 1.1), 44);
	assert_int_equal(soem_design_ceil(44.0000001), 45);
}

/* ------------------------------------------------------------------ */
/* Round trips between the problems. */

static void test_round_trips(void **state)
{
	static const double ks[] = { 1, 2, 0.5, 3 };
	(void)state;
	for (size_t i = 0; i < 4; i++) {
		for (int cc = 0; cc <= 1; cc++) {
			double k = ks[i];
			double n = soem_design_n(0.3, 0.45, 0.05, 0.85, k, cc);
			double pw, p1;

			pw = soem_design_power(n, 0.3, 0.45, 0.05, k, cc);
			p1 = soem_design_detectable(n, 0.3, 0.05, 0.85, k, cc);

			assert_rel(pw, 0.85, 1e-9);
			assert_rel(p1, 0.45, 1e-9);
		}
	}
	/* Unequal allocation with k = 1 is the equal one. */
	assert_rel(soem_design_uncc(soem_design_cc(150, 0.1, 2), 0.1, 2), 150,
		   1e-12);
	/* A detectable p1 that does not exist. */
	assert_true(isnan(soem_design_detectable(3, 0.9, 0.05, 0.99, 1,
						 false)));
	/* p1 below p0 is a difference like any other. */
	assert_rel(soem_design_n(0.75, 0.5, 0.05, 0.9, 1, false), 76.706928,
		   1e-6);
}

static void test_check(void **state)
{
	soem_design_in in;

	(void)state;
	soem_design_in_init(&in);
	in.problem = SOEM_DESIGN_SIZE;
	in.p0 = 0.2;
	in.p1 = 0.2;
	assert_non_null(soem_design_check(&in));
	in.p1 = 0.3;
	assert_null(soem_design_check(&in));
	in.power = 1;
	assert_non_null(soem_design_check(&in));
	in.power = 0.8;
	in.attrition = 1;
	assert_non_null(soem_design_check(&in));
	in.attrition = 0;
	in.problem = SOEM_DESIGN_POWER;
	assert_non_null(soem_design_check(&in)); /* no n */
	in.n = 50;
	assert_null(soem_design_check(&in));
	in.has_counts = true;
	in.x_t = 11;
	in.n_t = 10;
	in.n_c = 10;
	assert_non_null(soem_design_check(&in));
}

/* The wizard stores a plan as an evaluation: tree and reads it back. */
static void test_eval_round_trip(void **state)
{
	soem_design_in a, b;
	soem_site sites[2] = { { "Umeå", 240, 0.7, 0 },
			       { "Luleå", 120, 0.6, 2.5 } };
	double sub[] = { 0.5, 0.25 };
	soem_err err = { 0 };
	ynode *n;

	(void)state;
	soem_design_in_init(&a);
	a.alpha = 0.01;
	a.power = 0.9;
	a.ratio = 2;
	a.p0 = 0.2;
	a.p1 = 0.35;
	a.attrition = 0.1;
	a.deff = 1.2;
	a.cc = true;
	a.sites = sites;
	a.nsites = 2;
	a.has_site_min = true;
	a.site_min = 40;
	a.inflow_scale = 0.5;
	a.sub = sub;
	a.nsub = 2;
	a.level = 0.9;
	n = soem_eval_to_ynode(&a);
	soem_design_in_init(&b);
	assert_int_equal(soem_eval_read(n, "t", &b, NULL, &err), 0);
	assert_true(b.alpha == 0.01 && b.power == 0.9 && b.ratio == 2);
	assert_true(b.p0 == 0.2 && b.p1 == 0.35 && isnan(b.n));
	assert_true(b.attrition == 0.1 && b.deff == 1.2 && b.cc);
	assert_int_equal(b.nsites, 2);
	assert_string_equal(b.sites[0].name, "Umeå");
	assert_true(b.sites[1].delay == 2.5 && b.sites[1].consent == 0.6);
	assert_true(b.has_site_min && b.site_min == 40);
	assert_true(b.inflow_scale == 0.5 && b.level == 0.9);
	assert_int_equal(b.nsub, 2);
	assert_true(b.sub[1] == 0.25);
	ynode_free(&n);
	soem_design_in_free(&b);
	/* out-of-range values are refused with the key */
	n = ynode_new_map();
	ynode_map_put(n, "alpha", ynode_new_scalar("2", true));
	soem_design_in_init(&b);
	assert_int_equal(soem_eval_read(n, "t", &b, NULL, &err),
			 SOEM_EX_DATAERR);
	assert_non_null(strstr(err.msg, "evaluation.alpha"));
	ynode_free(&n);
	soem_design_in_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qnorm),
		cmocka_unit_test(test_pnorm),
		cmocka_unit_test(test_c1_power),
		cmocka_unit_test(test_c1_n),
		cmocka_unit_test(test_c1_detectable),
		cmocka_unit_test(test_c2_fleiss),
		cmocka_unit_test(test_c3_newcombe),
		cmocka_unit_test(test_wilson),
		cmocka_unit_test(test_c4_recruitment),
		cmocka_unit_test(test_recruitment_delays),
		cmocka_unit_test(test_c5_attrition),
		cmocka_unit_test(test_round_trips),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_eval_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
