/* test_illustrative.c - the share of the present value of effects that
 * rests on illustrative figures (issue 16 point 7, model/illustrative.h),
 * against hand-computed cases. */
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
#include "model/illustrative.h"
#include "model/problem.h"

#undef assert_double_equal
#define assert_double_equal(a, b, eps) near((a), (b), (eps), __LINE__)
static void near(double got, double want, double eps, int line)
{
	if (!(fabs(got - want) <= eps))
		fail_msg("line %d: got %.17g, expected %.17g (within %g)", line,
			 got, want, eps);
}

/* Service a: price illustrative, its row sourced; service b: price
 * sourced, its row illustrative. */
static const char KB_YAML[] =
	"soem_kb: 1\n"
	"profile: {id: ti, name: Test, version: \"1\", currency: DKK, price_year: 2024, language: da,\n"
	"          target_group_areas: [{id: adults, name: Voksne}]}\n"
	"payers: [{id: kommune, name: Kommune}, {id: stat, name: Stat}]\n"
	"discount: {first_year: undiscounted, steps: [{from: 1, rate: 0.0}], illustrative: true}\n"
	"price_index: {illustrative: true, years: {2024: 100.0}}\n"
	"areas: [{id: transfers, name: Overførsler}]\n"
	"services:\n"
	"  - {id: a, name: A, unit: uger, area: transfers, kind: expense,\n"
	"     prices: {kommune: 100.0, stat: 50.0}, illustrative: true, source: old table}\n"
	"  - {id: b, name: B, unit: uger, area: transfers, kind: expense,\n"
	"     prices: {kommune: 10.0}, source: rates}\n"
	"target_groups:\n"
	"  - id: g\n"
	"    name: Gruppe\n"
	"    area: adults\n"
	"    success_measures:\n"
	"      - id: m\n"
	"        name: Mål\n"
	"        consequences:\n"
	"          - {service: a, years: [-1.0], source: study}\n"
	"          - {service: b, years: [2.0], illustrative: true}\n";

#define KB_NAME "ti.yaml"
#include "inline_kb_fixture.h"

/* The pure function: 2 services x 2 payers.  |100| and |20| are
 * illustrative out of |100| + |-50| + |-30| + |20| = 200: 0.6. */
static void test_share_of(void **state)
{
	(void)state;
	const double pv[] = { 100, -50, 50, -30, 20, -10 };   /* [2][P+1] */
	const bool ill[] = { true, false, false, true };
	assert_double_equal(soem_illustrative_share_of(2, 2, pv, ill), 0.6,
			    1e-15);
	const bool none[] = { false, false, false, false };
	assert_double_equal(soem_illustrative_share_of(2, 2, pv, none), 0.0,
			    0);
	const bool all[] = { true, true, true, true };
	assert_double_equal(soem_illustrative_share_of(2, 2, pv, all), 1.0,
			    1e-15);
	const double zero[] = { 0, 0, 0, 0, 0, 0 };
	assert_true(isnan(soem_illustrative_share_of(2, 2, zero, ill)));
	assert_true(isnan(soem_illustrative_share_of(0, 2, pv, ill)));
}

static double share_of_calc(const char *cons)
{
	char buf[4096];
	snprintf(buf, sizeof buf,
		 "soem_calc: 1\n"
		 "kb: {profile: ti, version: \"1\"}\n"
		 "horizon: 3\n"
		 "course_years: 1\n"
		 "intake: [{year: 1, participants: 100}]\n"
		 "target_group: {kb: g}\n"
		 "effect: {measure: {kb: m}, p1: 0.25, p0: 0.125}\n"
		 "discount: {steps: []}\n"
		 "prices: {a: {stat: 40}}\n"
		 "%s",
		 cons);
	soem_err err = { 0 };
	soem_calc *c = NULL;
	const soem_kb *kb = NULL;
	int rc = soem_calc_parse(buf, strlen(buf), "t.soem.yaml", &set, NULL,
				 &c, &kb, NULL, &err);
	if (rc)
		fprintf(stderr, "unexpected: %s\n", err.msg);
	assert_int_equal(rc, 0);
	soem_problem pb;
	size_t *map = NULL;
	rc = soem_problem_build(c, kb, &pb, &map, &err);
	assert_int_equal(rc, 0);
	soem_result *r = soem_compute(&pb);
	assert_non_null(r);
	/* 12.5 successes, no discounting: a: -12.5 weeks, kommune
	 * 100 x 12.5 = 1250 (the database's illustrative price), stat
	 * 40 x 12.5 = 500 (the calculation's own price); b: +25 weeks,
	 * kommune -10 x 25 = -250 (a sourced price, an illustrative row) */
	assert_double_equal(r->by_service_pv[0 * 3 + 0], 1250, 1e-9);
	assert_double_equal(r->by_service_pv[0 * 3 + 1], 500, 1e-9);
	assert_double_equal(r->by_service_pv[0 * 3 + 2], 1750, 1e-9);
	assert_double_equal(r->by_service_pv[1 * 3 + 0], -250, 1e-9);
	double share = soem_illustrative_share(c, kb, r, map);
	soem_result_free(&r);
	soem_problem_free(&pb);
	free(map);
	soem_calc_free(&c);
	return share;
}

/* (1250 + 250) / (1250 + 500 + 250) = 0.75 */
static void test_share_of_calc(void **state)
{
	(void)state;
	assert_double_equal(
		share_of_calc("consequences: [{service: a, years: [-1.0], from_kb: true},\n"
			      "               {service: b, years: [2.0], from_kb: true}]\n"),
		0.75, 1e-12);
	/* b's years are the calculation's own: only a's kommune price
	 * rests on an illustrative figure: 1250 / 2000 */
	assert_double_equal(
		share_of_calc("consequences: [{service: a, years: [-1.0], from_kb: true},\n"
			      "               {service: b, years: [2.0], from_kb: false}]\n"),
		0.625, 1e-12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_share_of),
		cmocka_unit_test(test_share_of_calc),
	};
	return cmocka_run_group_tests_name("illustrative", tests, setup,
					   teardown);
}
