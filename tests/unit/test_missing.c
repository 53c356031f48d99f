/* test_missing.c - what the wizard says is missing or inconsistent on each
 * step, as pure functions of a calculation and its profile. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/calc_io.h"
#include "io/kb_io.h"
#include "model/calc_edit.h"
#include "model/missing.h"

#include "dk_fixture.h"

static size_t missing(const soem_calc *c, enum soem_step s)
{
	soem_issues is;
	soem_missing_all(c, kb, NULL, &is);
	return soem_issues_count(&is, s, SOEM_ISSUE_MISSING);
}

static size_t warnings(const soem_calc *c, enum soem_step s)
{
	soem_issues is;
	soem_missing_all(c, kb, NULL, &is);
	return soem_issues_count(&is, s, SOEM_ISSUE_WARNING);
}

static void test_step_names(void **state)
{
	(void)state;
	static const char *const names[] = { "intervention", "target", "effect",
					     "costs", "consequences", "prices",
					     "results" };
	for (int s = 0; s < SOEM_STEP_COUNT; s++) {
		assert_string_equal(soem_step_name((enum soem_step)s), names[s]);
		assert_int_equal(soem_step_parse(names[s]), s);
	}
	assert_int_equal(soem_step_parse("bogus"), -1);
	assert_int_equal(soem_step_parse(NULL), -1);
}

static void test_new_calculation_misses_every_step_but_prices(void **state)
{
	(void)state;
	soem_calc *c = soem_calc_new();
	assert_true(soem_calc_add_intake(c, 1, 0, NULL));
	assert_int_equal(missing(c, SOEM_STEP_INTERVENTION), 2); /* name, people */
	assert_int_equal(missing(c, SOEM_STEP_TARGET), 1);
	assert_int_equal(missing(c, SOEM_STEP_EFFECT), 2);       /* measure, p1 */
	assert_int_equal(missing(c, SOEM_STEP_COSTS), 1);
	assert_int_equal(missing(c, SOEM_STEP_CONSEQUENCES), 1);
	assert_int_equal(missing(c, SOEM_STEP_PRICES), 0);
	assert_int_equal(missing(c, SOEM_STEP_RESULTS), 0);
	soem_calc_free(&c);
}

static void test_example_misses_nothing(void **state)
{
	(void)state;
	soem_calc *c = NULL;
	soem_err err = { 0 };
	const char *ex = ABS_SRCDIR "/share/soem/examples/housing-first.soem.yaml";
	assert_int_equal(soem_calc_load(ex, &set, "dk", &c, NULL, NULL, &err), 0);
	assert_int_equal(missing(c, SOEM_STEP_COUNT), 0);
	soem_calc_free(&c);
}

static void test_effect_warnings(void **state)
{
	(void)state;
	soem_calc *c = soem_calc_new();
	soem_calc_set_target_kb(c, kb, "hjemloese");
	soem_calc_set_measure_kb(c, "ophold_herberg");
	c->effect.has_p1 = true;
	c->effect.p1 = soem_num_of(0.2);
	size_t w = warnings(c, SOEM_STEP_EFFECT); /* no p0, no source */
	assert_true(w >= 2);
	assert_int_equal(missing(c, SOEM_STEP_EFFECT), 0);
	c->effect.has_p0 = true;
	c->effect.p0 = soem_num_of(0.3); /* s < 0 */
	c->effect.has_source = true;
	c->effect.source_kind = SOEM_SRC_STUDY;
	assert_int_equal(warnings(c, SOEM_STEP_EFFECT), 1);
	/* a measure of another group */
	soem_calc_set_measure_kb(c, "no_such_measure");
	assert_int_equal(missing(c, SOEM_STEP_EFFECT), 1);
	soem_calc_free(&c);
}

static void test_own_service_needs_a_price(void **state)
{
	(void)state;
	soem_calc *c = soem_calc_new();
	size_t row;
	assert_true(soem_calc_add_custom_service(c, kb, "Mentor", "timer",
						 "social_adults", SOEM_EXPENSE,
						 &row, NULL));
	assert_int_equal(missing(c, SOEM_STEP_PRICES), 1);
	assert_int_equal(missing(c, SOEM_STEP_CONSEQUENCES), 0);
	assert_int_equal(warnings(c, SOEM_STEP_CONSEQUENCES), 1); /* all 0 */
	assert_true(soem_calc_set_price(c, kb, "mentor", 0, 450, NULL));
	assert_int_equal(missing(c, SOEM_STEP_PRICES), 0);
	/* switched off: no price needed */
	soem_calc_clear_price(c, kb, "mentor", 0);
	c->cons[row].enabled = false;
	assert_int_equal(missing(c, SOEM_STEP_PRICES), 0);
	assert_int_equal(missing(c, SOEM_STEP_CONSEQUENCES), 1);
	soem_calc_free(&c);
}

static void test_costs_and_match(void **state)
{
	(void)state;
	soem_calc *c = soem_calc_new();
	size_t i = soem_calc_add_cost(c, kb);
	assert_int_equal(missing(c, SOEM_STEP_COSTS), 1); /* amount 0 */
	assert_true(soem_calc_set_cost_amount(c, i, 10, NULL));
	assert_int_equal(missing(c, SOEM_STEP_COSTS), 0);
	assert_int_equal(warnings(c, SOEM_STEP_COSTS), 1); /* no name */
	soem_str_set(&c->costs[i].payer, "nobody");
	assert_int_equal(missing(c, SOEM_STEP_COSTS), 1);

	soem_calc_set_target_kb(c, kb, "hjemloese");
	size_t w = warnings(c, SOEM_STEP_CONSEQUENCES);
	c->match.present = true;
	c->match.target_group = SOEM_MATCH_YES;
	c->match.effect_measure = SOEM_MATCH_PARTLY;
	assert_int_equal(warnings(c, SOEM_STEP_CONSEQUENCES), w - 1);
	soem_calc_free(&c);
}

/* A row whose values are the database's own zeros (added with "add the
 * supported estimates") is no "every value is 0"; a row the user left at
 * 0 where the database has other values still is (issue 14). */
static void test_database_zeros_are_no_warning(void **state)
{
	(void)state;
	soem_err err = { 0 };
	soem_kb *t = NULL;
	if (soem_kb_load(TEST_DATA_DIR "/kb-steps/tst.yaml", &t, NULL, &err))
		fail_msg("%s", err.msg);
	soem_calc *c = soem_calc_new();
	soem_calc_set_target_kb(c, t, "gruppe_med");
	soem_calc_set_measure_kb(c, "maal_med");
	c->match.present = true;
	c->match.target_group = SOEM_MATCH_YES;
	c->match.effect_measure = SOEM_MATCH_YES;
	size_t added = 0;
	assert_int_equal(soem_calc_add_estimates(c, t, true, &added, NULL),
			 SOEM_EST_OK);
	assert_int_equal(added, 2); /* ydelse_a and ydelse_b (all 0) */
	soem_issues is;
	soem_missing_all(c, t, NULL, &is);
	assert_int_equal(soem_issues_count(&is, SOEM_STEP_CONSEQUENCES,
					   SOEM_ISSUE_WARNING), 0);
	/* ydelse_c's estimate is 0,5 0,5: zeros there are a forgotten value */
	size_t r = soem_calc_use_service(c, t, "ydelse_c");
	assert_true(soem_calc_set_cons_year(c, r, 1, 0, NULL));
	assert_true(soem_calc_set_cons_year(c, r, 2, 0, NULL));
	soem_missing_all(c, t, NULL, &is);
	assert_int_equal(soem_issues_count(&is, SOEM_STEP_CONSEQUENCES,
					   SOEM_ISSUE_WARNING), 1);
	soem_calc_free(&c);
	soem_kb_free(&t);
}

/* SPEC 2.9: with groups, what each group lacks is said with its name, and
 * the calculation's own (empty) top-level group keys are not asked for. */
static void test_groups_per_group(void **state)
{
	(void)state;
	soem_calc *c = soem_calc_new();
	c->intervention.name = strdup("x");
	assert_true(soem_calc_add_intake(c, 1, 10, NULL));
	soem_calc_set_target_kb(c, kb, "hjemloese");
	soem_calc_set_measure_kb(c, "ophold_herberg");
	c->effect.has_p1 = true;
	c->effect.p1 = soem_num_of(0.3);
	soem_calc_add_estimates(c, kb, false, NULL, NULL);
	assert_int_equal(missing(c, SOEM_STEP_TARGET), 0);
	assert_true(soem_calc_add_group(c, "Voksne", "Unge", NULL, NULL));
	/* Voksne has everything; Unge has no participants, target group,
	 * measure, effect or consequences */
	assert_int_equal(missing(c, SOEM_STEP_INTERVENTION), 1);
	assert_int_equal(missing(c, SOEM_STEP_TARGET), 1);
	assert_int_equal(missing(c, SOEM_STEP_EFFECT), 2);
	assert_int_equal(missing(c, SOEM_STEP_CONSEQUENCES), 1);
	soem_issues is;
	soem_missing_all(c, kb, NULL, &is);
	bool named = false;
	for (size_t i = 0; i < is.n; i++)
		if (is.v[i].step == SOEM_STEP_TARGET)
			named = strncmp(is.v[i].msg, "group Unge: ", 12) == 0;
	assert_true(named);
	/* Unge completed: nothing is missing (the top-level keys are empty) */
	soem_calc *u = soem_calc_group_calc(c, 1);
	assert_true(soem_calc_set_intake(u, 0, 5, NULL));
	soem_calc_set_target_kb(u, kb, "hjemloese");
	soem_calc_set_measure_kb(u, "ophold_herberg");
	u->effect.has_p1 = true;
	u->effect.p1 = soem_num_of(0.4);
	soem_calc_add_estimates(u, kb, false, NULL, NULL);
	assert_int_equal(missing(c, SOEM_STEP_INTERVENTION), 0);
	assert_int_equal(missing(c, SOEM_STEP_TARGET), 0);
	assert_int_equal(missing(c, SOEM_STEP_EFFECT), 0);
	assert_int_equal(missing(c, SOEM_STEP_CONSEQUENCES), 0);
	soem_calc_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_step_names),
		cmocka_unit_test(test_new_calculation_misses_every_step_but_prices),
		cmocka_unit_test(test_example_misses_nothing),
		cmocka_unit_test(test_effect_warnings),
		cmocka_unit_test(test_own_service_needs_a_price),
		cmocka_unit_test(test_costs_and_match),
		cmocka_unit_test(test_database_zeros_are_no_warning),
		cmocka_unit_test(test_groups_per_group),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
