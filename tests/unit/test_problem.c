/* test_problem.c - from a calculation file and a profile to the engine's
 * input: prices, price index, overrides, custom services, discount
 * blocks, success rates, and a few end-to-end results from files. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "io/calc_io.h"
#include "io/kb_io.h"
#include "model/problem.h"
#include "util/idindex.h"

/* cmocka 1.1.5 (Debian 12) has no assert_double_equal. */
#undef assert_double_equal
#define assert_double_equal(a, b, eps) near((a), (b), (eps), __LINE__)
static void near(double got, double want, double eps, int line)
{
	if (!(fabs(got - want) <= eps))
		fail_msg("line %d: got %.17g, expected %.17g (within %g)", line,
			 got, want, eps);
}

static const char KB_YAML[] =
	"soem_kb: 1\n"
	"profile: {id: tk, name: Test, version: \"1\", currency: DKK, price_year: 2024, language: da,\n"
	"          target_group_areas: [{id: adults, name: Voksne}]}\n"
	"payers: [{id: kommune, name: Kommune}, {id: region, name: Region}, {id: stat, name: Stat}]\n"
	"discount: {first_year: discounted, steps: [{from: 1, rate: 0.035}], illustrative: true}\n"
	"price_index: {illustrative: true, years: {2022: 100.0, 2023: 102.0, 2024: 105.0}}\n"
	"areas: [{id: transfers, name: Overførsler}, {id: health, name: Sundhed}]\n"
	"services:\n"
	"  - {id: kontanthjaelp, name: Kontanthjælp, unit: uger, area: transfers, kind: expense,\n"
	"     prices: {kommune: 2000.0, stat: 1000.0}, illustrative: true}\n"
	"  - {id: skat, name: Skat, unit: kr, area: transfers, kind: revenue,\n"
	"     prices: {kommune: 0.25, region: 0.08, stat: 0.12}, illustrative: true}\n"
	"  - {id: laege, name: Læge, unit: besøg, area: health, kind: expense,\n"
	"     prices: {region: 300.0}, illustrative: true}\n"
	"target_groups:\n"
	"  - id: g\n"
	"    name: Gruppe\n"
	"    area: adults\n"
	"    success_measures:\n"
	"      - id: m\n"
	"        name: Mål\n"
	"        consequences:\n"
	"          - {service: kontanthjaelp, baseline: 20.98, years: [-2.85, -2.19], supported: true, source: test}\n";

#define KB_NAME "tk.yaml"
#include "inline_kb_fixture.h"

/* A calculation with a common head; body adds the rest. */
static soem_calc *calc_of(const char *body, const soem_kb **kb)
{
	char buf[8192];
	snprintf(buf, sizeof buf,
		 "soem_calc: 1\n"
		 "kb: {profile: tk, version: \"1\"}\n"
		 "horizon: 3\n"
		 "course_years: 1\n"
		 "intake: [{year: 1, participants: 100}]\n"
		 "%s",
		 body);
	soem_err err = { 0 };
	soem_calc *c = NULL;
	int rc = soem_calc_parse(buf, strlen(buf), "t.soem.yaml", &set, NULL,
				 &c, kb, NULL, &err);
	if (rc)
		fprintf(stderr, "unexpected: %s\n", err.msg);
	assert_int_equal(rc, 0);
	return c;
}

static void build(const soem_calc *c, const soem_kb *kb, soem_problem *pb)
{
	soem_err err = { 0 };
	int rc = soem_problem_build(c, kb, pb, NULL, &err);
	if (rc)
		fprintf(stderr, "unexpected: %s\n", err.msg);
	assert_int_equal(rc, 0);
}

static void test_success_rate_p1_minus_p0(void **state)
{
	(void)state;
	const soem_kb *kb;
	/* SØM FAQ (oracle B1): 12 % with, 2 % without -> 10 % */
	soem_calc *c = calc_of("effect: {p1: 0.12, p0: 0.02}\n", &kb);
	soem_problem pb;
	build(c, kb, &pb);
	assert_double_equal(pb.s, 0.10, 1e-12);
	soem_problem_free(&pb);
	soem_calc_free(&c);
	/* IPS (oracle B2c): 60 % vs 47 % -> 13 percentage points */
	c = calc_of("effect: {p1: 0.60, p0: 0.47}\n", &kb);
	build(c, kb, &pb);
	assert_double_equal(pb.s, 0.13, 1e-12);
	soem_problem_free(&pb);
	soem_calc_free(&c);
	/* success_rate given directly: p0 = 0 */
	c = calc_of("effect: {success_rate: 0.25}\n", &kb);
	build(c, kb, &pb);
	assert_double_equal(pb.s, 0.25, 0);
	soem_problem_free(&pb);
	soem_calc_free(&c);
	/* an experiment's counts decide p1 and p0 */
	c = calc_of("effect: {experiment: {x_t: 12, n_t: 100, x_c: 2, n_c: 100}}\n",
		    &kb);
	build(c, kb, &pb);
	assert_double_equal(pb.s, 0.10, 1e-12);
	soem_problem_free(&pb);
	soem_calc_free(&c);
}

static void test_nothing_to_compute(void **state)
{
	(void)state;
	const soem_kb *kb;
	soem_calc *c = calc_of("consequences: [{service: kontanthjaelp, years: [-1]}]\n",
			       &kb);
	soem_problem pb;
	soem_err err = { 0 };
	assert_int_equal(soem_problem_build(c, kb, &pb, NULL, &err),
			 SOEM_EX_CALC);
	assert_non_null(strstr(err.msg, "effect is missing"));
	soem_calc_free(&c);
}

static void test_prices_and_overrides(void **state)
{
	(void)state;
	const soem_kb *kb;
	soem_calc *c = calc_of(
		"effect: {success_rate: 0.1}\n"
		"consequences:\n"
		"  - {service: kontanthjaelp, years: [-2.85, -2.19]}\n"
		"  - {service: laege, years: [-1], enabled: false}\n"
		"  - {service: skat, years: [1000]}\n"
		"  - {service: {id: eget, custom: Eget tilbud, unit: timer, area: health, kind: expense}, years: [-10]}\n"
		"prices:\n"
		"  kontanthjaelp: {kommune: 2200}\n"
		"  skat: {region: 0.1, price_year: 2022}\n"
		"  eget: {kommune: 450}\n",
		&kb);
	soem_problem pb;
	size_t *map = NULL;
	soem_err err = { 0 };
	assert_int_equal(soem_problem_build(c, kb, &pb, &map, &err), 0);
	/* the disabled row is left out; the map points back to the rows */
	assert_int_equal(pb.nservices, 3);
	assert_int_equal(map[0], 0);
	assert_int_equal(map[1], 2);
	assert_int_equal(map[2], 3);
	/* kontanthjaelp: the override for kommune, the kb price for stat */
	assert_double_equal(pb.services[0].price[0], 2200.0, 0);
	assert_double_equal(pb.services[0].price[1], 0.0, 0);
	assert_double_equal(pb.services[0].price[2], 1000.0, 0);
	assert_double_equal(pb.services[0].sign, -1.0, 0);
	/* skat is revenue; region's price at 2022 prices: 0.1 * 105/100 */
	assert_double_equal(pb.services[1].sign, 1.0, 0);
	assert_double_equal(pb.services[1].price[0], 0.25, 0);
	assert_double_equal(pb.services[1].price[1], 0.1 * 105.0 / 100.0,
			    1e-15);
	/* a custom service: payers not named pay 0 */
	assert_double_equal(pb.services[2].price[0], 450.0, 0);
	assert_double_equal(pb.services[2].price[1], 0.0, 0);
	assert_double_equal(pb.services[2].price[2], 0.0, 0);
	assert_int_equal(pb.services[2].area, 1);
	free(map);
	soem_problem_free(&pb);
	soem_calc_free(&c);
}

static void test_costs_price_index_and_defaults(void **state)
{
	(void)state;
	const soem_kb *kb;
	soem_calc *c = calc_of(
		"effect: {success_rate: 0.1}\n"
		"costs:\n"
		"  - {name: Opstart, payer: kommune, basis: once, amount: 1000, price_year: 2023}\n"
		"  - {name: Drift, payer: region, basis: yearly, amount: 10}\n"
		"  - {name: I dag, payer: kommune, basis: per_participant, amount: 5, saved: true}\n",
		&kb);
	soem_problem pb;
	build(c, kb, &pb);
	assert_int_equal(pb.ncosts, 3);
	assert_double_equal(pb.costs[0].amount, 1000.0 * 105.0 / 102.0, 1e-9);
	assert_int_equal(pb.costs[0].nyears, 1);   /* once: year 1 */
	assert_int_equal(pb.costs[0].years[0], 1);
	assert_int_equal(pb.costs[1].from, 1);     /* yearly: 1..H */
	assert_int_equal(pb.costs[1].to, 3);
	assert_int_equal(pb.costs[1].payer, 1);
	assert_true(pb.costs[2].saved);
	soem_result *r = soem_compute(&pb);
	assert_non_null(r);
	/* year 1 kommune: 1000*105/102 + (-5*100) */
	assert_double_equal(r->costs[0 * 4 + 0], 1000.0 * 105.0 / 102.0 - 500.0,
			    1e-9);
	soem_result_free(&r);
	soem_problem_free(&pb);
	soem_calc_free(&c);
}

static void test_discount_block_replaces_profile(void **state)
{
	(void)state;
	const soem_kb *kb;
	/* the profile discounts year 1; a calculation's block without
	 * first_year means undiscounted, and replaces the steps too */
	soem_calc *c = calc_of("effect: {success_rate: 0.1}\n"
			       "discount: {steps: [{from: 1, rate: 0.05}]}\n",
			       &kb);
	soem_problem pb;
	build(c, kb, &pb);
	assert_false(pb.first_discounted);
	assert_int_equal(pb.nsteps, 1);
	assert_double_equal(pb.steps[0].rate, 0.05, 0);
	assert_double_equal(soem_discount_factor(&pb, 1), 1.0, 0);
	assert_double_equal(soem_discount_factor(&pb, 2), 1 / 1.05, 1e-15);
	soem_problem_free(&pb);
	soem_calc_free(&c);
	/* without a block, the profile's */
	c = calc_of("effect: {success_rate: 0.1}\n", &kb);
	build(c, kb, &pb);
	assert_true(pb.first_discounted);
	assert_double_equal(soem_discount_factor(&pb, 1), 1 / 1.035, 1e-15);
	soem_problem_free(&pb);
	soem_calc_free(&c);
	/* an empty list: no discounting */
	c = calc_of("effect: {success_rate: 0.1}\n"
		    "discount: {first_year: discounted, steps: []}\n",
		    &kb);
	build(c, kb, &pb);
	assert_double_equal(soem_discount_factor(&pb, 3), 1.0, 0);
	soem_problem_free(&pb);
	soem_calc_free(&c);
}

/* Oracle B2 through files: 100 participants, s = 0.10, price 1 a week,
 * no discounting: year-1 units of kontanthjælp = 10 * -2.85 = -28.5,
 * a saving of 28.5 for the expense service. */
static void test_seed_row_end_to_end(void **state)
{
	(void)state;
	const soem_kb *kb;
	soem_calc *c = calc_of(
		"effect: {p1: 0.12, p0: 0.02}\n"
		"consequences: [{service: kontanthjaelp, years: [-2.85, -2.19], from_kb: true}]\n"
		"prices: {kontanthjaelp: {kommune: 1, stat: 0}}\n"
		"discount: {steps: []}\n",
		&kb);
	soem_problem pb;
	build(c, kb, &pb);
	soem_result *r = soem_compute(&pb);
	assert_non_null(r);
	assert_double_equal(r->effects[0 * 4 + 0], 28.5, 1e-9);
	assert_double_equal(r->effects[1 * 4 + 0], 21.9, 1e-9);
	assert_double_equal(r->effects[2 * 4 + 0], 0.0, 0);
	assert_double_equal(r->effects[0 * 4 + 3], 28.5, 1e-9);
	soem_result_free(&r);
	soem_problem_free(&pb);
	soem_calc_free(&c);
}

/* The hash index by id (issue 18): finds every id among many (with
 * collisions), keeps the first of a repeated id and names it, skips NULL
 * ids and finds nothing that is not there. */
struct idrow {
	int n;
	char *id;
};

static void test_idindex(void **state)
{
	(void)state;
	enum { N = 5000 };
	struct idrow *rows = calloc(N, sizeof *rows);
	soem_idindex x;

	assert_non_null(rows);
	for (size_t i = 0; i < N; i++) {
		char b[32];
		if (i == 17) {
			rows[i].id = NULL;
			continue;
		}
		/* rows 4000.. repeat the ids of rows 0.. */
		snprintf(b, sizeof b, "s%06zu", i < 4000 ? i : i - 4000);
		rows[i].id = strdup(b);
	}
	soem_idindex_init(&x, rows, N, sizeof *rows,
			  offsetof(struct idrow, id));
	assert_int_equal(soem_idindex_find(&x, "s000000"), SOEM_IDX_NONE);
	for (size_t i = 0; i < N; i++) {
		size_t first = soem_idindex_add(&x, i);
		if (i < 4000 || i - 4000 == 17)
			assert_int_equal(first, SOEM_IDX_NONE);
		else
			assert_int_equal(first, i - 4000);
	}
	for (size_t i = 0; i < 4000; i++) {
		if (i == 17)
			continue;
		assert_int_equal(soem_idindex_find(&x, rows[i].id), i);
	}
	/* id s000017 was first given by row 4017 (row 17 has none) */
	assert_int_equal(soem_idindex_find(&x, "s000017"), 4017);
	assert_int_equal(soem_idindex_find(&x, "s004000"), SOEM_IDX_NONE);
	assert_int_equal(soem_idindex_find(&x, ""), SOEM_IDX_NONE);
	assert_int_equal(soem_idindex_find(&x, NULL), SOEM_IDX_NONE);
	soem_idindex_free(&x);
	assert_int_equal(soem_idindex_find(&x, "s000001"), SOEM_IDX_NONE);
	for (size_t i = 0; i < N; i++)
		free(rows[i].id);
	free(rows);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_success_rate_p1_minus_p0),
		cmocka_unit_test(test_nothing_to_compute),
		cmocka_unit_test(test_prices_and_overrides),
		cmocka_unit_test(test_costs_price_index_and_defaults),
		cmocka_unit_test(test_discount_block_replaces_profile),
		cmocka_unit_test(test_seed_row_end_to_end),
		cmocka_unit_test(test_idindex),
	};
	return cmocka_run_group_tests_name("problem", tests, setup, teardown);
}
