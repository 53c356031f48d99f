/* test_calc_io.c - loading, validating and saving calculation files
 * (io/calc_load.c, io/calc_save.c), and atomic writes (store/atomic.c).
 *
 * Data files come from $SOEM_TEST_DATA (default: TEST_DATA_DIR, else
 * "tests/data").  The knowledge database is built here in code, so the
 * tests do not depend on the contents of share/soem/kb.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <cmocka.h>

#include "store/atomic.h"
#include "io/calc_io.h"
#include "util/numfmt.h"
#include "yaml/ynode.h"
#include "yaml/yread.h"
#include "model/calc.h"
#include "model/kb.h"
#include "util/err.h"
#include "util/xalloc.h"

#ifndef TEST_DATA_DIR
#define TEST_DATA_DIR "tests/data"
#endif

static soem_kbset kbs;

static const char *data_dir(void)
{
	const char *d = getenv("SOEM_TEST_DATA");
	return d && *d ? d : TEST_DATA_DIR;
}

/* caller frees */
static char *data_path(const char *name)
{
	return xasprintf("%s/%s", data_dir(), name);
}

/* ---------------------------------------------------------------------
 * A small DK profile, built in code
 */

static void set_ids(char **ids, const char *const *src, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ids[i] = xstrdup(src[i]);
}

static soem_kb *kb_build(void)
{
	static const char *const payers[] = { "kommune", "region", "stat" };
	static const char *const areas[] = { "transfers", "social", "health" };
	static const struct {
		const char *id, *unit;
		size_t area;
		enum soem_kind kind;
		double price[3];
	} svc[] = {
		{ "kontanthjaelp", "uger", 0, SOEM_EXPENSE, { 2150, 0, 1150 } },
		{ "botilbud", "døgn", 1, SOEM_EXPENSE, { 1800, 0, 0 } },
		{ "laege", "besøg", 2, SOEM_EXPENSE, { 0, 350, 0 } },
		{ "indkomstskat", "kr", 0, SOEM_REVENUE, { 0.25, 0.08, 0.4 } },
	};
	soem_kb *kb = xcalloc(1, sizeof *kb);
	char *tmp[4];

	kb->format = 1;
	kb->id = xstrdup("dk");
	soem_text_set_plain(&kb->name, "Danmark (SØM)");
	kb->version = xstrdup("2026.1");
	kb->currency = xstrdup("DKK");
	kb->price_year = 2024;
	kb->language = xstrdup("da");

	kb->npayers = 3;
	kb->payers = xcalloc(3, sizeof *kb->payers);
	set_ids(tmp, payers, 3);
	for (size_t i = 0; i < 3; i++) {
		kb->payers[i].id = tmp[i];
		soem_text_set_plain(&kb->payers[i].name, payers[i]);
	}

	kb->nsteps = 3;
	kb->steps = xcalloc(3, sizeof *kb->steps);
	kb->steps[0] = (soem_kb_step){ 1, 0.035 };
	kb->steps[1] = (soem_kb_step){ 36, 0.025 };
	kb->steps[2] = (soem_kb_step){ 71, 0.015 };

	kb->nindex = 3;
	kb->index = xcalloc(3, sizeof *kb->index);
	kb->index[0] = (soem_kb_index_year){ 2022, 100.0 };
	kb->index[1] = (soem_kb_index_year){ 2023, 103.1 };
	kb->index[2] = (soem_kb_index_year){ 2024, 105.0 };

	kb->nareas = 3;
	kb->areas = xcalloc(3, sizeof *kb->areas);
	set_ids(tmp, areas, 3);
	for (size_t i = 0; i < 3; i++) {
		kb->areas[i].id = tmp[i];
		soem_text_set_plain(&kb->areas[i].name, areas[i]);
	}

	size_t ns = sizeof svc / sizeof svc[0];
	kb->nservices = ns;
	kb->services = xcalloc(ns, sizeof *kb->services);
	for (size_t i = 0; i < ns; i++) {
		soem_kb_service *s = &kb->services[i];
		s->id = xstrdup(svc[i].id);
		soem_text_set_plain(&s->name, svc[i].id);
		s->unit = xstrdup(svc[i].unit);
		s->area = svc[i].area;
		s->kind = svc[i].kind;
		s->price = xcalloc(3, sizeof *s->price);
		s->price_given = xcalloc(3, sizeof *s->price_given);
		for (size_t p = 0; p < 3; p++) {
			s->price[p] = svc[i].price[p];
			s->price_given[p] = svc[i].price[p] != 0;
		}
	}

	kb->ngroups = 2;
	kb->groups = xcalloc(2, sizeof *kb->groups);
	static const char *const groups[][2] = {
		{ "hjemloese", "ophold_herberg" },
		{ "unge", "uddannelse" },
	};
	for (size_t i = 0; i < 2; i++) {
		soem_kb_group *g = &kb->groups[i];
		g->id = xstrdup(groups[i][0]);
		soem_text_set_plain(&g->name, groups[i][0]);
		g->nmeasures = 1;
		g->measures = xcalloc(1, sizeof *g->measures);
		g->measures[0].id = xstrdup(groups[i][1]);
		soem_text_set_plain(&g->measures[0].name, groups[i][1]);
	}
	return kb;
}

static int group_setup(void **state)
{
	(void)state;
	kbs.n = 1;
	kbs.kb = xcalloc(1, sizeof *kbs.kb);
	kbs.kb[0] = kb_build();
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	soem_kbset_free(&kbs);
	return 0;
}

/* ---------------------------------------------------------------------
 * Equality of two calculations, field by field
 */

#define EQ(cond)                                                              \
	do {                                                                  \
		if (!(cond)) {                                                \
			fprintf(stderr, "calculations differ: %s (line %d)\n", \
				#cond, __LINE__);                             \
			return false;                                         \
		}                                                             \
	} while (0)

static bool str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool num_eq(const soem_num *a, const soem_num *b)
{
	return a->ranged == b->ranged && a->value == b->value &&
	       a->low == b->low && a->high == b->high &&
	       signbit(a->value) == signbit(b->value);
}

static bool extra_eq(const ynode *a, const ynode *b)
{
	/* an empty map and no map mean the same */
	if (a && a->n == 0)
		a = NULL;
	if (b && b->n == 0)
		b = NULL;
	return ynode_equal(a, b);
}

static bool ref_eq(const soem_ref *a, const soem_ref *b)
{
	EQ(str_eq(a->kb, b->kb));
	EQ(str_eq(a->custom, b->custom));
	EQ(extra_eq(a->extra, b->extra));
	return true;
}

static bool effect_eq(const soem_effect *a, const soem_effect *b)
{
	EQ(a->has_measure == b->has_measure);
	EQ(ref_eq(&a->measure, &b->measure));
	EQ(a->has_source == b->has_source);
	EQ(a->source_kind == b->source_kind);
	EQ(a->evidence_level == b->evidence_level);
	EQ(str_eq(a->source_note, b->source_note));
	EQ(extra_eq(a->source_extra, b->source_extra));
	EQ(a->has_p1 == b->has_p1);
	EQ(a->has_p0 == b->has_p0);
	EQ(a->has_success_rate == b->has_success_rate);
	EQ(!a->has_p1 || num_eq(&a->p1, &b->p1));
	EQ(!a->has_p0 || num_eq(&a->p0, &b->p0));
	EQ(!a->has_success_rate || num_eq(&a->success_rate, &b->success_rate));
	const soem_experiment *x = &a->experiment, *y = &b->experiment;
	EQ(x->present == y->present);
	EQ(x->x_t == y->x_t && x->n_t == y->n_t);
	EQ(x->x_c == y->x_c && x->n_c == y->n_c);
	EQ(x->has_waiting == y->has_waiting);
	EQ(x->waiting_months == y->waiting_months);
	EQ(extra_eq(x->extra, y->extra));
	EQ(a->has_persistence == b->has_persistence);
	EQ(a->persist == b->persist);
	EQ(a->persist != SOEM_PERSIST_DECAY || num_eq(&a->decay, &b->decay));
	EQ(a->nrho == b->nrho);
	for (size_t i = 0; i < a->nrho; i++)
		EQ(num_eq(&a->rho[i], &b->rho[i]));
	EQ(extra_eq(a->persistence_extra, b->persistence_extra));
	EQ(extra_eq(a->extra, b->extra));
	return true;
}

static bool cost_eq(const soem_cost_item *a, const soem_cost_item *b)
{
	EQ(str_eq(a->name, b->name));
	EQ(str_eq(a->payer, b->payer));
	EQ(a->basis == b->basis);
	EQ(num_eq(&a->amount, &b->amount));
	EQ(a->nyears == b->nyears);
	for (size_t i = 0; i < a->nyears; i++)
		EQ(a->years[i] == b->years[i]);
	EQ(a->from == b->from && a->to == b->to);
	EQ(a->saved == b->saved);
	EQ(a->price_year == b->price_year);
	EQ(extra_eq(a->extra, b->extra));
	return true;
}

static bool cons_eq(const soem_consequence *a, const soem_consequence *b)
{
	EQ(str_eq(a->service, b->service));
	EQ(a->custom == b->custom);
	if (a->custom) {
		EQ(str_eq(a->cs.id, b->cs.id));
		EQ(str_eq(a->cs.name, b->cs.name));
		EQ(str_eq(a->cs.unit, b->cs.unit));
		EQ(str_eq(a->cs.area, b->cs.area));
		EQ(a->cs.kind == b->cs.kind);
		EQ(extra_eq(a->cs.extra, b->cs.extra));
	}
	EQ(a->enabled == b->enabled);
	EQ(a->has_enabled == b->has_enabled);
	EQ(a->from_kb == b->from_kb);
	EQ(a->nyears == b->nyears);
	for (size_t i = 0; i < a->nyears; i++)
		EQ(num_eq(&a->years[i], &b->years[i]));
	EQ(a->has_during == b->has_during);
	EQ(!a->has_during || num_eq(&a->during, &b->during));
	EQ(a->has_scale == b->has_scale);
	EQ(num_eq(&a->scale, &b->scale));
	EQ(extra_eq(a->extra, b->extra));
	return true;
}

static bool price_eq(const soem_price_entry *a, const soem_price_entry *b)
{
	EQ(str_eq(a->service, b->service));
	EQ(a->price_year == b->price_year);
	EQ(a->n == b->n);
	for (size_t i = 0; i < a->n; i++) {
		EQ(str_eq(a->v[i].payer, b->v[i].payer));
		EQ(num_eq(&a->v[i].price, &b->v[i].price));
	}
	EQ(extra_eq(a->extra, b->extra));
	return true;
}

static bool soem_calc_equal(const soem_calc *a, const soem_calc *b)
{
	EQ(a->format == b->format);
	EQ(str_eq(a->kb_profile, b->kb_profile));
	EQ(str_eq(a->kb_version, b->kb_version));
	EQ(extra_eq(a->kb_extra, b->kb_extra));

	const soem_intervention *x = &a->intervention, *y = &b->intervention;
	EQ(str_eq(x->name, y->name));
	EQ(str_eq(x->description, y->description));
	EQ(str_eq(x->municipality, y->municipality));
	EQ(str_eq(x->author, y->author));
	EQ(str_eq(x->usual_practice, y->usual_practice));
	EQ(x->start_year == y->start_year);
	EQ(x->scenario == y->scenario && x->has_analysis == y->has_analysis);
	EQ(extra_eq(x->extra, y->extra));

	EQ(a->horizon == b->horizon);
	EQ(a->course_years == b->course_years);
	EQ(a->nintake == b->nintake);
	for (size_t i = 0; i < a->nintake; i++) {
		EQ(a->intake[i].year == b->intake[i].year);
		EQ(num_eq(&a->intake[i].participants,
			  &b->intake[i].participants));
		EQ(extra_eq(a->intake[i].extra, b->intake[i].extra));
	}
	EQ(a->has_target_group == b->has_target_group);
	EQ(ref_eq(&a->target_group, &b->target_group));
	EQ(effect_eq(&a->effect, &b->effect));

	EQ(a->ncosts == b->ncosts);
	for (size_t i = 0; i < a->ncosts; i++)
		EQ(cost_eq(&a->costs[i], &b->costs[i]));

	EQ(a->match.present == b->match.present);
	EQ(a->match.target_group == b->match.target_group);
	EQ(a->match.effect_measure == b->match.effect_measure);
	EQ(str_eq(a->match.note, b->match.note));
	EQ(extra_eq(a->match.extra, b->match.extra));

	EQ(a->ncons == b->ncons);
	for (size_t i = 0; i < a->ncons; i++)
		EQ(cons_eq(&a->cons[i], &b->cons[i]));

	EQ(a->nprices == b->nprices);
	for (size_t i = 0; i < a->nprices; i++)
		EQ(price_eq(&a->prices[i], &b->prices[i]));

	const soem_discount *d = &a->discount, *e = &b->discount;
	EQ(d->present == e->present);
	EQ(d->first_discounted == e->first_discounted);
	EQ(d->has_first_year == e->has_first_year);
	EQ(d->nsteps == e->nsteps);
	for (size_t i = 0; i < d->nsteps; i++) {
		EQ(d->steps[i].from == e->steps[i].from);
		EQ(num_eq(&d->steps[i].rate, &e->steps[i].rate));
		EQ(extra_eq(d->steps[i].extra, e->steps[i].extra));
	}
	EQ(extra_eq(d->extra, e->extra));

	EQ(a->has_uncertainty == b->has_uncertainty);
	EQ(a->draws == b->draws);
	EQ(a->seed == b->seed);
	EQ(extra_eq(a->uncertainty_extra, b->uncertainty_extra));

	EQ(a->nnotes == b->nnotes);
	for (size_t i = 0; i < a->nnotes; i++) {
		EQ(str_eq(a->notes[i].key, b->notes[i].key));
		EQ(str_eq(a->notes[i].text, b->notes[i].text));
	}
	EQ(ynode_equal(a->evaluation, b->evaluation));
	EQ(extra_eq(a->extra, b->extra));
	return true;
}

/* ---------------------------------------------------------------------
 * Helpers
 */

static soem_calc *parse_ok(const char *text, soem_warnings *warn)
{
	soem_calc *c = NULL;
	soem_err err = { 0 };
	const soem_kb *kb = NULL;
	int rc = soem_calc_parse(text, strlen(text), "t.soem.yaml", &kbs, NULL,
				 &c, &kb, warn, &err);
	if (rc)
		fprintf(stderr, "unexpected error: %s\n", err.msg);
	assert_int_equal(rc, 0);
	assert_non_null(c);
	assert_ptr_equal(kb, kbs.kb[0]);
	return c;
}

static int parse_fail(const char *text, soem_err *err)
{
	soem_calc *c = NULL;
	soem_err_clear(err);
	int rc = soem_calc_parse(text, strlen(text), "t.soem.yaml", &kbs, NULL,
				 &c, NULL, NULL, err);
	assert_null(c);
	return rc;
}

/* Saves c, reloads the text, checks the two are equal and that a second
 * save gives the same bytes.  Returns the saved text (caller frees). */
static char *round_trip(const soem_calc *c)
{
	char *t1, *t2;
	size_t n1, n2;
	soem_err err = { 0 };

	assert_int_equal(soem_calc_write(c, &t1, &n1, &err), 0);
	assert_int_equal(strlen(t1), n1);
	soem_calc *d = NULL;
	int rc = soem_calc_parse(t1, n1, "saved.soem.yaml", &kbs, NULL, &d,
				 NULL, NULL, &err);
	if (rc)
		fprintf(stderr, "re-reading failed: %s\n--- saved:\n%s", err.msg,
			t1);
	assert_int_equal(rc, 0);
	if (!soem_calc_equal(c, d))
		fprintf(stderr, "--- saved:\n%s", t1);
	assert_true(soem_calc_equal(c, d));
	assert_int_equal(soem_calc_write(d, &t2, &n2, &err), 0);
	assert_int_equal(n1, n2);
	assert_memory_equal(t1, t2, n1);
	free(t2);
	soem_calc_free(&d);
	return t1;
}

/* ---------------------------------------------------------------------
 * Tests: the model
 */

static void test_calc_new_defaults(void **state)
{
	(void)state;
	soem_calc *c = soem_calc_new();
	assert_int_equal(c->horizon, 10);
	assert_int_equal(c->course_years, 1);
	assert_int_equal(c->draws, 10000);
	assert_true(c->seed == 1);
	assert_int_equal(c->effect.persist, SOEM_PERSIST_FULL);
	assert_int_equal(c->nintake, 0);
	assert_null(c->extra);
	soem_calc_free(&c);
	assert_null(c);
	soem_calc_free(&c);  /* NULL is fine */
}

static void test_num_format_shortest(void **state)
{
	(void)state;
	char b[40];
	assert_string_equal(soem_num_exact(0.1, b, sizeof b), "0.1");
	assert_string_equal(soem_num_exact(40, b, sizeof b), "40");
	assert_string_equal(soem_num_exact(-2.85, b, sizeof b), "-2.85");
	assert_string_equal(soem_num_exact(250000, b, sizeof b), "250000");
	assert_string_equal(soem_num_exact(1.0 / 3.0, b, sizeof b),
			    "0.3333333333333333");
	assert_string_equal(soem_num_exact(0.1 + 0.2, b, sizeof b),
			    "0.30000000000000004");
	const double v[] = { 1e-300, 5e-324, 1.7976931348623157e308,
			     12345678.9, 0.035, -0.0, 2150.0 / 3 };
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		soem_num_exact(v[i], b, sizeof b);
		assert_true(strtod(b, NULL) == v[i]);
	}
}

/* ---------------------------------------------------------------------
 * Tests: the full file
 */

static void test_full_load_values(void **state)
{
	(void)state;
	char *path = data_path("full.soem.yaml");
	soem_calc *c = NULL;
	const soem_kb *kb = NULL;
	soem_warnings warn = { 0 };
	soem_err err = { 0 };
	int rc = soem_calc_load(path, &kbs, "dk", &c, &kb, &warn, &err);
	if (rc)
		fprintf(stderr, "%s\n", err.msg);
	assert_int_equal(rc, 0);
	assert_int_equal(warn.n, 0);
	assert_ptr_equal(kb, kbs.kb[0]);

	assert_string_equal(c->kb_profile, "dk");
	assert_string_equal(c->kb_version, "2026.1");
	assert_string_equal(c->intervention.usual_practice,
			    "Ophold på herberg efter § 110");
	assert_true(c->intervention.scenario);
	assert_int_equal(c->intervention.start_year, 2026);
	assert_int_equal(c->horizon, 12);
	assert_int_equal(c->course_years, 2);
	assert_int_equal(c->nintake, 3);
	assert_true(c->intake[0].participants.ranged);
	assert_true(c->intake[0].participants.low == 30);
	assert_int_equal(c->intake[2].year, 2);  /* repeated year */
	assert_string_equal(c->target_group.kb, "hjemloese");

	const soem_effect *e = &c->effect;
	assert_string_equal(e->measure.kb, "ophold_herberg");
	assert_int_equal(e->source_kind, SOEM_SRC_OWN_EVALUATION);
	assert_int_equal(e->evidence_level, 1);
	assert_true(e->has_p1 && e->p1.value == 0.12);
	assert_true(e->has_p0 && e->p0.value == 0.02);
	assert_true(e->experiment.present);
	assert_int_equal(e->experiment.n_c, 100);
	assert_true(e->experiment.waiting_months == 6);
	assert_int_equal(e->persist, SOEM_PERSIST_DECAY);
	assert_true(e->decay.ranged && e->decay.high == 0.2);

	assert_int_equal(c->ncosts, 6);
	assert_int_equal(c->costs[0].basis, SOEM_BASIS_ONCE);
	assert_int_equal(c->costs[0].nyears, 2);
	assert_int_equal(c->costs[0].price_year, 2023);
	assert_true(c->costs[1].amount.ranged);
	assert_true(c->costs[1].amount.low == 50000);
	assert_true(c->costs[1].amount.high == 80000);
	assert_int_equal(c->costs[3].from, 2);
	assert_int_equal(c->costs[3].to, 6);
	assert_true(c->costs[4].saved);
	assert_null(c->costs[5].name);

	assert_int_equal(c->match.target_group, SOEM_MATCH_YES);
	assert_int_equal(c->match.effect_measure, SOEM_MATCH_PARTLY);

	assert_int_equal(c->ncons, 6);
	assert_true(c->cons[0].from_kb && c->cons[0].has_enabled);
	assert_true(c->cons[0].years[2].ranged);
	assert_true(c->cons[1].has_during && c->cons[1].during.value == 30);
	assert_true(c->cons[1].has_scale && c->cons[1].scale.low == 0.8);
	assert_false(c->cons[2].enabled);
	assert_int_equal(c->cons[2].nyears, 15);  /* longer than H */
	assert_true(c->cons[3].custom);
	assert_string_equal(c->cons[3].service, "eget_tilbud");
	assert_string_equal(c->cons[3].cs.area, "social");
	assert_int_equal(c->cons[4].cs.kind, SOEM_REVENUE);
	assert_true(c->cons[5].years[1].value == 1e-07);

	assert_int_equal(c->nprices, 3);
	assert_string_equal(c->prices[0].v[1].payer, "stat");
	assert_true(c->prices[0].v[1].price.ranged);
	assert_int_equal(c->prices[1].price_year, 2022);
	assert_int_equal(c->prices[2].n, 0);

	assert_true(c->discount.present && c->discount.first_discounted);
	assert_int_equal(c->discount.nsteps, 3);
	assert_true(c->discount.steps[0].rate.ranged);
	assert_true(c->discount.steps[2].rate.value == -0.01);

	assert_true(c->has_uncertainty);
	assert_int_equal(c->draws, 5000);
	assert_true(c->seed == 18446744073709551615ULL);

	assert_int_equal(c->nnotes, 4);
	assert_string_equal(c->notes[1].key, "effect");
	assert_string_equal(c->notes[1].text,
			    "Why we chose 10 %:\nthe waiting-list trial in 2024.\n");
	assert_string_equal(c->notes[2].text, "yes");
	assert_non_null(c->evaluation);
	assert_non_null(ynode_map_get(c->evaluation, "sites"));

	/* unknown keys kept at every level */
	assert_non_null(ynode_map_get(c->extra, "x_top_level"));
	assert_non_null(ynode_map_get(c->extra, "x_top_scalar"));
	assert_non_null(ynode_map_get(c->kb_extra, "x_kb_note"));
	assert_non_null(ynode_map_get(c->intervention.extra, "x_case_number"));
	assert_non_null(ynode_map_get(c->intake[1].extra, "x_site"));
	assert_non_null(ynode_map_get(e->extra, "x_effect_reviewer"));
	assert_non_null(ynode_map_get(e->extra, "x_effect_extra"));
	assert_non_null(ynode_map_get(e->measure.extra, "x_ref_note"));
	assert_non_null(ynode_map_get(e->source_extra, "x_doi"));
	assert_non_null(ynode_map_get(e->experiment.extra, "x_sites"));
	assert_non_null(ynode_map_get(e->persistence_extra, "x_basis"));
	assert_non_null(ynode_map_get(c->costs[1].extra, "x_account"));
	assert_non_null(ynode_map_get(c->match.extra, "x_match_by"));
	assert_non_null(ynode_map_get(c->cons[2].extra, "x_why"));
	assert_non_null(ynode_map_get(c->cons[3].cs.extra, "x_owner"));
	assert_non_null(ynode_map_get(c->discount.extra, "x_discount_source"));
	assert_non_null(ynode_map_get(c->discount.steps[1].extra,
				      "x_step_note"));
	assert_non_null(ynode_map_get(c->uncertainty_extra, "x_method"));
	/* in file order */
	assert_string_equal(e->extra->v[0]->str, "x_effect_reviewer");
	assert_string_equal(e->extra->v[2]->str, "x_effect_extra");
	assert_string_equal(c->extra->v[0]->str, "x_top_level");

	soem_warnings_free(&warn);
	soem_calc_free(&c);
	free(path);
}

static void test_full_round_trip(void **state)
{
	(void)state;
	char *path = data_path("full.soem.yaml");
	soem_calc *c = NULL;
	soem_err err = { 0 };
	assert_int_equal(soem_calc_load(path, &kbs, NULL, &c, NULL, NULL, &err),
			 0);
	char *text = round_trip(c);

	/* the unknown keys are in the text */
	static const char *const keys[] = {
		"x_top_level:", "x_top_scalar:", "x_kb_note:", "x_case_number:",
		"x_site:", "x_effect_reviewer:", "x_effect_extra:",
		"x_ref_note:", "x_doi:", "x_sites:", "x_basis:", "x_account:",
		"x_match_by:", "x_why:", "x_owner:", "x_discount_source:",
		"x_step_note:", "x_method:", NULL
	};
	for (size_t i = 0; keys[i]; i++) {
		if (!strstr(text, keys[i]))
			fprintf(stderr, "missing %s in:\n%s", keys[i], text);
		assert_non_null(strstr(text, keys[i]));
	}
	/* and their values, with the quoting that keeps their type */
	assert_non_null(strstr(text, "x_case_number: '2026-0042'"));
	assert_non_null(strstr(text, "x_account: '5.38.42'"));
	assert_non_null(strstr(text, "  - two\n  - '3'\n"));
	assert_non_null(strstr(text, "  'odd:': a plain key ending in a colon\n"));
	assert_non_null(strstr(text, "  quoted_number: '12'\n"));
	/* known keys in the order of SPEC §3.2, unknown ones after */
	const char *order[] = { "soem_calc:", "\nkb:", "\nintervention:",
				"\nhorizon:", "\ncourse_years:", "\nintake:",
				"\ntarget_group:", "\neffect:", "\ncosts:",
				"\nmatch:", "\nconsequences:", "\nprices:",
				"\ndiscount:", "\nuncertainty:", "\nnotes:",
				"\nevaluation:", "\nx_top_level:",
				"\nx_top_scalar:" };
	const char *at = text;
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		const char *p = strstr(at, order[i]);
		if (!p)
			fprintf(stderr, "%s not in order in:\n%s", order[i],
				text);
		assert_non_null(p);
		at = p;
	}
	/* the style of SPEC §3.2 */
	assert_true(strncmp(text, "soem_calc: 1\nkb:\n  profile: dk\n"
				  "  version: \"2026.1\"\n  x_kb_note:",
			    54) == 0);
	assert_non_null(strstr(text, "- {year: 2, participants: 5}"));
	assert_non_null(strstr(text, "participants: {value: 40, low: 30, high: 45}"));
	assert_non_null(strstr(text, "amount: 60000\n  low: 50000\n  high: 80000"));
	assert_non_null(strstr(text, "match:\n  target_group: yes\n  effect_measure: partly\n"));
	assert_non_null(strstr(text, "years: [-2.85, -2.19, {value: -1.5, low: -2, high: -1}]"));
	assert_non_null(strstr(text, "results: \"12\""));
	assert_non_null(strstr(text, "costs: \"yes\""));
	assert_non_null(strstr(text, "seed: 18446744073709551615"));
	assert_non_null(strstr(text, "0.333333333333333"));

	/* save through the atomic writer and load the file again */
	char dir[] = "/tmp/soem-calc-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *out = xasprintf("%s/saved.soem.yaml", dir);
	assert_int_equal(soem_calc_save(out, c, &err), 0);
	soem_calc *d = NULL;
	assert_int_equal(soem_calc_load(out, &kbs, NULL, &d, NULL, NULL, &err),
			 0);
	assert_true(soem_calc_equal(c, d));
	soem_calc_free(&d);
	unlink(out);
	rmdir(dir);
	free(out);

	free(text);
	soem_calc_free(&c);
	free(path);
}

/* ---------------------------------------------------------------------
 * Tests: smaller files
 */

static const char minimal[] =
	"soem_calc: 1\n"
	"kb: {profile: dk}\n"
	"intake: [{year: 1, participants: 40}]\n";

static void test_minimal_defaults(void **state)
{
	(void)state;
	soem_calc *c = parse_ok(minimal, NULL);
	assert_int_equal(c->horizon, 10);
	assert_int_equal(c->course_years, 1);
	assert_int_equal(c->draws, 10000);
	assert_true(c->seed == 1);
	assert_false(c->has_uncertainty);
	assert_false(c->discount.present);
	assert_false(c->effect.has_p1);
	assert_null(c->extra);
	char *t = round_trip(c);
	assert_string_equal(t, "soem_calc: 1\nkb: {profile: dk}\nhorizon: 10\n"
			       "course_years: 1\nintake:\n"
			       "- {year: 1, participants: 40}\n");
	free(t);
	soem_calc_free(&c);
}

/* Unknown keys are kept from the parsed tree itself (no copy, SPEC §6):
 * texts of 0 to 8 bytes (up to 7 live inside the node), the tag `!`,
 * nested lists and maps survive a save, an edit of the kept map and a
 * second save. */
static void test_unknown_kept_from_tree(void **state)
{
	(void)state;
	static const char text[] =
		"soem_calc: 1\n"
		"kb: {profile: dk}\n"
		"intake: [{year: 1, participants: 40}]\n"
		"x_texts: ['', a, abcdefg, abcdefgh, \"quoted 1234567\", 0]\n"
		"x_bang: ! 10\n"
		"x_nested: {a: [1, {b: yes}], 'no': null}\n";
	soem_calc *c = parse_ok(text, NULL);
	const ynode *t = ynode_map_get(c->extra, "x_texts");
	assert_non_null(t);
	assert_int_equal(t->n, 6);
	assert_string_equal(t->v[0]->str, "");
	assert_string_equal(t->v[2]->str, "abcdefg");
	assert_int_equal(t->v[2]->len, 7);
	assert_string_equal(t->v[3]->str, "abcdefgh");
	assert_string_equal(t->v[4]->str, "quoted 1234567");
	assert_false(t->v[4]->plain);
	const ynode *b = ynode_map_get(c->extra, "x_bang");
	assert_non_null(b);
	assert_true(b->bang);
	assert_string_equal(b->str, "10");
	char *out = round_trip(c);
	assert_non_null(strstr(out, "x_bang: !"));   /* libyaml: !<%21> 10 */
	assert_non_null(strstr(out, "abcdefgh"));
	free(out);
	/* an edit of a kept map (its array moves to the heap) */
	ynode_map_put(c->extra, "x_added", ynode_new_scalar("new", true));
	ynode_seq_push((ynode *)ynode_map_get(c->extra, "x_texts"),
		       ynode_new_scalar("pushed", true));
	out = round_trip(c);
	assert_non_null(strstr(out, "x_added: new"));
	assert_non_null(strstr(out, "pushed"));
	free(out);
	soem_calc_free(&c);
}

static void test_success_rate_and_years_persistence(void **state)
{
	(void)state;
	soem_calc *c = parse_ok(
		"soem_calc: 1\n"
		"kb: {profile: dk}\n"
		"horizon: 3\n"
		"intake: [{year: 1, participants: 10}]\n"
		"target_group: {custom: Egen målgruppe}\n"
		"effect:\n"
		"  measure: {custom: \"Eget mål\"}\n"
		"  success_rate: {value: -0.05, low: -0.1, high: 0.2}\n"
		"  persistence: {years: [1, 1, {value: 0.8, low: 0.5, high: 1}]}\n"
		"costs:\n"
		"  - {name: \"true\", payer: stat, basis: once, amount: 1}\n"
		"consequences:\n"
		"  - {service: kontanthjaelp, years: [], enabled: no}\n"
		"discount: {steps: []}\n"
		"match: {target_group: \"no\", note: \"\"}\n",
		NULL);
	assert_true(c->effect.has_success_rate);
	assert_false(c->effect.has_p0);
	assert_int_equal(c->effect.persist, SOEM_PERSIST_LIST);
	assert_int_equal(c->effect.nrho, 3);
	assert_string_equal(c->target_group.custom, "Egen målgruppe");
	assert_int_equal(c->costs[0].nyears, 0);  /* once: default year 1 */
	assert_false(c->cons[0].enabled);
	assert_true(c->discount.present);
	assert_int_equal(c->discount.nsteps, 0);
	assert_false(c->discount.has_first_year);
	assert_int_equal(c->match.target_group, SOEM_MATCH_NO);
	char *t = round_trip(c);
	assert_non_null(strstr(t, "name: \"true\""));
	assert_non_null(strstr(t, "steps: []"));
	free(t);
	soem_calc_free(&c);
}

static void test_experiment_sets_p1_p0(void **state)
{
	(void)state;
	soem_calc *c = parse_ok(
		"soem_calc: 1\n"
		"kb: {profile: dk}\n"
		"intake: [{year: 1, participants: 10}]\n"
		"effect:\n"
		"  experiment: {x_t: 1, n_t: 3, x_c: 0, n_c: 7}\n",
		NULL);
	assert_true(c->effect.has_p1 && c->effect.has_p0);
	assert_true(c->effect.p1.value == 1.0 / 3.0);
	assert_true(c->effect.p0.value == 0.0);
	free(round_trip(c));
	soem_calc_free(&c);
}

static void test_null_values_count_as_absent(void **state)
{
	(void)state;
	soem_calc *c = parse_ok(
		"soem_calc: 1\n"
		"kb: {profile: dk}\n"
		"intervention: {name: ~, description: }\n"
		"horizon:\n"
		"intake: [{year: 1, participants: 10}]\n"
		"notes: {effect: ~, costs: Se bilag}\n"
		"x_empty:\n",
		NULL);
	assert_null(c->intervention.name);
	assert_null(c->intervention.description);
	assert_int_equal(c->horizon, 10);
	assert_int_equal(c->nnotes, 1);
	/* an unknown key with no value is kept as it is */
	assert_non_null(ynode_map_get(c->extra, "x_empty"));
	free(round_trip(c));
	soem_calc_free(&c);
}

static void test_profile_choice(void **state)
{
	(void)state;
	const char *text = "soem_calc: 1\nintake: [{year: 1, participants: 1}]\n";
	soem_calc *c = NULL;
	const soem_kb *kb = NULL;
	soem_err err = { 0 };

	/* no kb.profile: the default profile, which is then recorded */
	assert_int_equal(soem_calc_parse(text, strlen(text), "t", &kbs, "dk",
					 &c, &kb, NULL, &err),
			 0);
	assert_ptr_equal(kb, kbs.kb[0]);
	assert_string_equal(c->kb_profile, "dk");
	soem_calc_free(&c);

	/* a default profile that is not installed */
	assert_int_equal(soem_calc_parse(text, strlen(text), "t", &kbs, "se",
					 &c, &kb, NULL, &err),
			 65);
	assert_null(c);
	assert_null(kb);
	assert_non_null(strstr(err.msg, "'se' is not installed (installed: dk)"));

	/* neither */
	soem_err_clear(&err);
	assert_int_equal(soem_calc_parse(text, strlen(text), "t", &kbs, NULL,
					 &c, &kb, NULL, &err),
			 65);
	assert_non_null(strstr(err.msg, "kb.profile"));

	/* no profiles at all */
	soem_kbset none = { 0, NULL };
	soem_err_clear(&err);
	assert_int_equal(soem_calc_parse(text, strlen(text), "t", &none, "dk",
					 &c, &kb, NULL, &err),
			 65);
	assert_non_null(strstr(err.msg, "no profiles are installed"));
}

static void test_version_warning(void **state)
{
	(void)state;
	soem_warnings warn = { 0 };
	soem_calc *c = parse_ok("soem_calc: 1\n"
				"kb: {profile: dk, version: \"2025.2\"}\n"
				"intake: [{year: 1, participants: 1}]\n",
				&warn);
	assert_int_equal(warn.n, 1);
	assert_non_null(strstr(warn.msg[0], "t.soem.yaml:2:"));
	assert_non_null(strstr(warn.msg[0], "2025.2"));
	assert_non_null(strstr(warn.msg[0], "2026.1"));
	assert_string_equal(c->kb_version, "2025.2");  /* kept as written */
	soem_warnings_free(&warn);
	soem_calc_free(&c);
}

static void test_more_refusals(void **state)
{
	(void)state;
	static const struct {
		const char *body;   /* after the first three lines */
		const char *where, *what;
	} cases[] = {
		{ "effect: {p1: 0.1, success_rate: 0.1}\n", "4:19",
		  "not both" },
		{ "effect: {p1: 12}\n", "4:14", "share between 0 and 1" },
		{ "effect: {persistence: {decay: 1.5}}\n", "4:31",
		  "decay between 0 and 1" },
		{ "effect: {persistence: {years: []}}\n", "4:31",
		  "list is empty" },
		{ "effect: {persistence: {}}\n", "4:23", "expected {decay" },
		{ "effect: {experiment: {x_t: 1, n_t: 0, x_c: 0, n_c: 1}}\n",
		  "4:36", "at least 1 participant" },
		{ "effect: {experiment: {x_t: 1, n_t: 2, x_c: 0}}\n", "4:22",
		  "'n_c' is missing" },
		{ "effect: {experiment: {x_t: 1, n_t: 2, x_c: 0, n_c: 1}, success_rate: 0.5}\n",
		  "4:56", "remove success_rate" },
		{ "effect: {measure: {kb: uddannelse}}\ntarget_group: {kb: hjemloese}\n",
		  "4:24", "not a success measure of target group hjemloese" },
		{ "effect: {measure: {kb: nix}}\n", "4:24",
		  "not a success measure of any target group" },
		{ "target_group: {kb: nix}\n", "4:20",
		  "not a target group of profile dk" },
		{ "target_group: hjemloese\n", "4:15", "expected {kb: id}" },
		{ "target_group: {kb: a, custom: b}\n", "4:15", "not both" },
		{ "costs: [{payer: stat, basis: daily, amount: 1}]\n", "4:30",
		  "'daily' is not one of" },
		{ "costs: [{payer: stat, basis: yearly, amount: 1, years: [1]}]\n",
		  "4:49", "belongs to basis once" },
		{ "costs: [{payer: stat, basis: yearly, amount: 1, from: 4, to: 2}]\n",
		  "4:62", "comes before the first year" },
		{ "costs: [{payer: stat, basis: once, amount: 1, years: [11]}]\n",
		  "4:55", "outside the horizon" },
		{ "costs: [{payer: stat, basis: once, amount: {value: 2, low: 1}, low: 0}]\n",
		  "4:64", "beside amount or inside it" },
		{ "costs: [{payer: stat, basis: once}]\n", "4:9",
		  "'amount' is missing" },
		{ "costs: [{basis: once, amount: 1}]\n", "4:9",
		  "'payer' is missing (one of: kommune, region, stat)" },
		{ "consequences: [{service: {id: kontanthjaelp, custom: K, area: social}}]\n",
		  "4:31", "already a service of profile dk" },
		{ "consequences: [{service: {id: eget, custom: K, area: nowhere}}]\n",
		  "4:54", "not a consequence area of profile dk (one of: transfers, social, health)" },
		{ "consequences: [{service: laege, years: [1, x]}]\n", "4:44",
		  "consequences[0].years[1]: expected a number" },
		{ "prices: {eget: {kommune: 1}}\n", "4:10",
		  "neither a service of profile dk" },
		{ "prices: {laege: 5}\n", "4:17", "expected a map" },
		{ "discount: {steps: [{from: 1, rate: 1}]}\n", "4:36",
		  "discount rate between -1 and 1" },
		{ "discount: {steps: [{from: 1, rate: 0.1}, {from: 1, rate: 0.2}]}\n",
		  "4:49", "already given" },
		{ "discount: {first_year: sometimes}\n", "4:24",
		  "not one of: undiscounted, discounted" },
		{ "uncertainty: {draws: 10000001}\n", "4:22", "out of range" },
		{ "uncertainty: {seed: -1}\n", "4:21", "0 or more" },
		{ "uncertainty: {seed: 18446744073709551616}\n", "4:21",
		  "too large" },
		{ "match: {target_group: true}\n", "4:23",
		  "'true' is not one of: yes, partly, no" },
		{ "notes: {effect: [a]}\n", "4:17", "expected a text" },
		{ "course_years: 0\n", "4:15", "out of range" },
		{ "intervention: {analysis: some}\n", "4:26", "full, scenario" },
		{ "intervention: [a]\n", "4:15", "expected a map" },
		{ "costs: {a: 1}\n", "4:8", "costs: expected a list" },
	};
	int failed = 0;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *text = xasprintf("soem_calc: 1\nkb: {profile: dk}\n"
				       "intake: [{year: 1, participants: 1}]\n%s",
				       cases[i].body);
		soem_err err;
		int rc = parse_fail(text, &err);
		char *want = xasprintf("t.soem.yaml:%s: ", cases[i].where);
		if (rc != 65 || strncmp(err.msg, want, strlen(want)) != 0 ||
		    !strstr(err.msg, cases[i].what)) {
			fprintf(stderr, "case %zu: %s  want %s... %s\n  got  %s\n",
				i, cases[i].body, want, cases[i].what, err.msg);
			failed++;
		}
		free(want);
		free(text);
	}
	assert_int_equal(failed, 0);
}

static void test_write_fresh_calculation(void **state)
{
	(void)state;
	/* a calculation made in code, as the wizard would */
	soem_calc *c = soem_calc_new();
	c->kb_profile = xstrdup("dk");
	c->intervention.name = xstrdup("Multi\nline: name");
	c->nintake = 1;
	c->intake = xcalloc(1, sizeof *c->intake);
	c->intake[0].year = 1;
	c->intake[0].participants = soem_num_of(12.5);
	c->ncosts = 1;
	c->costs = xcalloc(1, sizeof *c->costs);
	c->costs[0].payer = xstrdup("region");
	c->costs[0].basis = SOEM_BASIS_PER_PARTICIPANT_YEAR;
	c->costs[0].amount = soem_num_of(0.1 + 0.2);
	c->has_uncertainty = true;
	c->draws = 0;
	char *t = round_trip(c);
	assert_non_null(strstr(t, "uncertainty: {draws: 0, seed: 1}"));
	assert_non_null(strstr(t, "0.30000000000000004"));
	free(t);
	soem_calc_free(&c);
}

static void test_write_refuses_bad_utf8(void **state)
{
	(void)state;
	soem_calc *c = soem_calc_new();
	c->kb_profile = xstrdup("dk");
	c->intervention.name = xstrdup("Bolig f\xf8rst");
	char *buf = (char *)"untouched";
	size_t len = 7;
	soem_err err = { 0 };
	assert_int_equal(soem_calc_write(c, &buf, &len, &err), 73);
	assert_null(buf);
	assert_int_equal(len, 0);
	assert_non_null(strstr(err.msg, "cannot be written"));
	soem_calc_free(&c);
}

/* ---------------------------------------------------------------------
 * Tests: malformed files
 */

typedef struct bad_case {
	const char *file;     /* in tests/data/bad, or made at run time */
	int code;
	int line, col;
	const char *fragment;
	const char *bytes;    /* made at run time when not NULL */
	size_t len;
} bad_case;

static const char garbage[] =
	"\x7f" "ELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00"
	"\x03\x00\x3e\x00\x01\x00\x00\x00\x10\x6b\x00\x00";

static const char nul_inside[] =
	"soem_calc: 1\n"
	"kb: {profile: dk}\n"
	"intervention:\n"
	"  name: Housing First\n"
	"  author: Mette\0Hansen\n"
	"intake: [{year: 1, participants: 40}]\n";

static const char bad_utf8[] =
	"soem_calc: 1\n"
	"kb: {profile: dk}\n"
	"intervention: {name: \"Bolig f\xf8rst\"}\n"
	"intake: [{year: 1, participants: 40}]\n";

static const bad_case bad_cases[] = {
	{ "calc-syntax.soem.yaml", 65, 27, 5,
	  "while parsing a flow mapping did not find expected ',' or '}'", NULL,
	  0 },
	{ "calc-type.soem.yaml", 65, 16, 29,
	  "intake[1].participants: expected a number such as 1234.5, found 'forty'",
	  NULL, 0 },
	{ "calc-unknown-service.soem.yaml", 65, 39, 15,
	  "consequences[2].service: 'botilbudd' is not a service of profile dk",
	  NULL, 0 },
	{ "calc-unknown-payer.soem.yaml", 65, 29, 12,
	  "costs[2].payer: 'kommunen' is not a payer of profile dk (one of: kommune, region, stat)",
	  NULL, 0 },
	{ "calc-duplicate-consequence.soem.yaml", 65, 40, 15,
	  "consequences[3].service: the service 'kontanthjaelp' is already listed as consequences[0]",
	  NULL, 0 },
	{ "calc-duplicate-key.soem.yaml", 65, 33, 5,
	  "duplicate key 'amount' (first at line 31)", NULL, 0 },
	{ "calc-alias.soem.yaml", 65, 27, 5, "aliases", NULL, 0 },
	{ "calc-nan.soem.yaml", 65, 22, 7,
	  "effect.p1: expected a number such as 1234.5, found '.nan'", NULL,
	  0 },
	{ "calc-infinity.soem.yaml", 65, 27, 68,
	  "costs[1].amount: expected a number such as 1234.5, found '.inf'",
	  NULL, 0 },
	{ "calc-negative-participants.soem.yaml", 65, 15, 29,
	  "intake[0].participants: the number of participants cannot be negative",
	  NULL, 0 },
	{ "calc-intake-outside.soem.yaml", 65, 17, 12,
	  "intake[2].year: year 11 lies outside the horizon (years 1 to 10)",
	  NULL, 0 },
	{ "calc-horizon-0.soem.yaml", 65, 12, 10,
	  "horizon: 0 is out of range (1 to 100)", NULL, 0 },
	{ "calc-horizon-101.soem.yaml", 65, 12, 10,
	  "horizon: 101 is out of range (1 to 100)", NULL, 0 },
	{ "calc-horizon-huge.soem.yaml", 65, 12, 10,
	  "horizon: 1000000000 is out of range (1 to 100)", NULL, 0 },
	{ "calc-newer.soem.yaml", 65, 2, 12,
	  "soem_calc: the file was written by a newer soem (format 3); this soem reads format 2",
	  NULL, 0 },
	{ "calc-no-version.soem.yaml", 65, 2, 1,
	  "this is not a soem calculation: 'soem_calc: 1' is missing", NULL,
	  0 },
	{ "calc-empty.soem.yaml", 65, 1, 1, "the file is empty", NULL, 0 },
	/* SPEC §2.9 */
	{ "calc-completion-0.soem.yaml", 65, 7, 13,
	  "completion: 0 is not a completion share above 0 and at most 1",
	  NULL, 0 },
	{ "calc-completion-above.soem.yaml", 65, 7, 13,
	  "completion: 1.2 is not a completion share above 0 and at most 1",
	  NULL, 0 },
	{ "calc-group-twice.soem.yaml", 65, 7, 12,
	  "groups[1].name: the group name 'Unge' is already used by groups[0]",
	  NULL, 0 },
	{ "calc-group-beside.soem.yaml", 65, 7, 1,
	  "effect: 'effect' belongs inside each group when the calculation has groups",
	  NULL, 0 },
	{ "calc-group-cost.soem.yaml", 65, 8, 80,
	  "costs[0].group: 'Voksne' is not the name of one of this calculation's groups",
	  NULL, 0 },
	{ "calc-group-completion.soem.yaml", 65, 8, 17,
	  "groups[Unge].completion: 1.5 is not a completion share above 0 and at most 1",
	  NULL, 0 },
	{ "calc-schedule-no-start.soem.yaml", 65, 9, 28,
	  "prices.kontanthjaelp.kommune: a price schedule by calendar year needs the intervention's start year",
	  NULL, 0 },
	{ "calc-schedule-repeat.soem.yaml", 65, 13, 16,
	  "prices.kontanthjaelp.kommune[1].from: the year 2026 is already given by entry [0]",
	  NULL, 0 },
	{ "calc-tax-share.soem.yaml", 65, 8, 34,
	  "taxes.kontanthjaelp.kommune: 1.25 is not a share between 0 and 1",
	  NULL, 0 },
	{ "calc-tax-sum.soem.yaml", 65, 9, 3,
	  "taxes.kontanthjaelp: the tax shares sum to 1.3", NULL, 0 },
	{ "calc-tax-revenue.soem.yaml", 65, 8, 9,
	  "taxes.indkomstskat: 'indkomstskat' is a revenue", NULL, 0 },
	{ "calc-report-year.soem.yaml", 65, 7, 22,
	  "report_years[2]: year 6 lies outside the horizon (years 1 to 5)",
	  NULL, 0 },
	{ "calc-price-level.soem.yaml", 65, 7, 14,
	  "price_level: 2031 is not in the price index of profile dk", NULL,
	  0 },
	{ "calc-latin1.soem.yaml", 65, 28, 15, "invalid leading UTF-8 octet",
	  NULL, 0 },
	{ "calc-price-payer.soem.yaml", 65, 43, 19,
	  "prices.kontanthjaelp.kommun: 'kommun' is not a payer of profile dk",
	  NULL, 0 },
	{ "calc-price-year.soem.yaml", 65, 44, 43,
	  "prices.eget_tilbud.price_year: 2019 is not in the price index of profile dk (it has the years 2022 to 2024)",
	  NULL, 0 },
	{ "calc-low-above.soem.yaml", 65, 27, 80,
	  "costs[1].low: low (90000) is above the amount (60000)", NULL, 0 },
	{ "calc-experiment-disagree.soem.yaml", 65, 22, 7,
	  "effect.p1: 0.15 disagrees with the experiment (x_t/n_t = 12/100 = 0.12)",
	  NULL, 0 },
	{ "calc-experiment-x-above-n.soem.yaml", 65, 22, 40,
	  "effect.experiment.x_c: 120 reached the effect measure, but the control group has only 100 participants (n_c)",
	  NULL, 0 },
	{ "calc-unknown-profile.soem.yaml", 65, 3, 15,
	  "kb.profile: the knowledge-database profile 'no' is not installed (installed: dk)",
	  NULL, 0 },
	{ "calc-range-low.soem.yaml", 65, 37, 45,
	  "consequences[0].years[1]: low must not be above value", NULL, 0 },
	{ "calc-custom-clash.soem.yaml", 65, 40, 19,
	  "consequences[3].service.id: 'botilbud' is already a service of profile dk",
	  NULL, 0 },
	{ "calc-not-a-map.soem.yaml", 65, 3, 1,
	  "this is not a soem calculation", NULL, 0 },
	{ "calc-kb-file.soem.yaml", 65, 1, 1,
	  "this is a knowledge database, not a calculation", NULL, 0 },
	{ "calc-garbage.soem.yaml", 65, 1, 1, "control characters", garbage,
	  sizeof garbage - 1 },
	{ "calc-nul.soem.yaml", 65, 5, 16, "control characters are not allowed",
	  nul_inside, sizeof nul_inside - 1 },
	{ "calc-utf8.soem.yaml", 65, 3, 30, "invalid leading UTF-8 octet",
	  bad_utf8, sizeof bad_utf8 - 1 },
};

static void test_bad_file(void **state)
{
	const bad_case *bc = *state;
	char *path;
	char tmpdir[] = "/tmp/soem-bad-XXXXXX";

	if (bc->bytes) {
		assert_non_null(mkdtemp(tmpdir));
		path = xasprintf("%s/%s", tmpdir, bc->file);
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
		assert_true(fd >= 0);
		ssize_t w = write(fd, bc->bytes, bc->len);
		assert_int_equal(w, (ssize_t)bc->len);
		close(fd);
	} else {
		path = xasprintf("%s/bad/%s", data_dir(), bc->file);
	}
	soem_calc *c = NULL;
	soem_err err = { 0 };
	int rc = soem_calc_load(path, &kbs, "dk", &c, NULL, NULL, &err);
	char *want = xasprintf("%s:%d:%d: ", path, bc->line, bc->col);
	if (rc != bc->code || strncmp(err.msg, want, strlen(want)) != 0 ||
	    !strstr(err.msg, bc->fragment))
		fprintf(stderr, "%s:\n  want %d %s... %s\n  got  %d %s\n",
			bc->file, bc->code, want, bc->fragment, rc, err.msg);
	assert_int_equal(rc, bc->code);
	assert_null(c);
	assert_true(strncmp(err.msg, want, strlen(want)) == 0);
	assert_non_null(strstr(err.msg, bc->fragment));
	free(want);
	if (bc->bytes) {
		unlink(path);
		rmdir(tmpdir);
	}
	free(path);
}

static void test_missing_file(void **state)
{
	(void)state;
	soem_calc *c = NULL;
	soem_err err = { 0 };
	assert_int_equal(soem_calc_load("/nonexistent/x.soem.yaml", &kbs, "dk",
					&c, NULL, NULL, &err),
			 66);
	assert_non_null(strstr(err.msg, "/nonexistent/x.soem.yaml"));
}

/* ---------------------------------------------------------------------
 * Tests: atomic writes
 */

typedef struct tmp_dir {
	char path[64];
} tmp_dir;

static void tmp_dir_make(tmp_dir *t)
{
	snprintf(t->path, sizeof t->path, "/tmp/soem-atomic-XXXXXX");
	assert_non_null(mkdtemp(t->path));
}

/* Removes the files in t and t itself; returns how many files there were. */
static int tmp_dir_remove(tmp_dir *t)
{
	int n = 0;
	DIR *d = opendir(t->path);
	if (!d)
		return -1;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		char *p = xasprintf("%s/%s", t->path, de->d_name);
		unlink(p);
		free(p);
		n++;
	}
	closedir(d);
	rmdir(t->path);
	return n;
}

static int tmp_dir_count(const tmp_dir *t)
{
	int n = 0;
	DIR *d = opendir(t->path);
	struct dirent *de;
	while (d && (de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	if (d)
		closedir(d);
	return n;
}

static char *slurp(const char *path)
{
	char *buf;
	size_t len;
	soem_err err = { 0 };
	if (soem_read_file(path, 1 << 20, &buf, &len, &err))
		return NULL;
	return buf;
}

static void write_file(const char *path, const char *s, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, s, strlen(s)), (ssize_t)strlen(s));
	assert_int_equal(fchmod(fd, mode), 0);
	close(fd);
}

static void test_atomic_keeps_mode(void **state)
{
	(void)state;
	tmp_dir t;
	tmp_dir_make(&t);
	char *p = xasprintf("%s/calc.soem.yaml", t.path);
	write_file(p, "old\n", 0640);
	soem_err err = { 0 };
	assert_int_equal(soem_atomic_write(p, "new\n", 4, &err), 0);
	struct stat st;
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	char *s = slurp(p);
	assert_string_equal(s, "new\n");
	free(s);
	assert_int_equal(tmp_dir_count(&t), 1);  /* no temporary file left */
	free(p);
	assert_int_equal(tmp_dir_remove(&t), 1);
}

static void test_atomic_new_file_mode(void **state)
{
	(void)state;
	static const struct {
		mode_t mask, want;
	} cases[] = { { 022, 0600 }, { 077, 0600 }, { 0277, 0400 },
		      { 0, 0600 } };
	tmp_dir t;
	tmp_dir_make(&t);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *p = xasprintf("%s/new%zu.soem.yaml", t.path, i);
		mode_t old = umask(cases[i].mask);
		soem_err err = { 0 };
		int rc = soem_atomic_write(p, "x", 1, &err);
		umask(old);
		assert_int_equal(rc, 0);
		struct stat st;
		assert_int_equal(stat(p, &st), 0);
		assert_int_equal(st.st_mode & 07777, cases[i].want);
		free(p);
	}
	assert_int_equal(tmp_dir_remove(&t), 4);
}

static void test_atomic_refuses_symlink(void **state)
{
	(void)state;
	tmp_dir t;
	tmp_dir_make(&t);
	char *real = xasprintf("%s/real.soem.yaml", t.path);
	char *link = xasprintf("%s/link.soem.yaml", t.path);
	write_file(real, "precious\n", 0600);
	assert_int_equal(symlink(real, link), 0);
	soem_err err = { 0 };
	assert_int_equal(soem_atomic_write(link, "evil\n", 5, &err), 73);
	assert_non_null(strstr(err.msg, link));
	assert_non_null(strstr(err.msg, "symbolic link"));
	char *s = slurp(real);
	assert_string_equal(s, "precious\n");
	free(s);
	struct stat st;
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	/* a dangling link is refused too */
	unlink(real);
	soem_err_clear(&err);
	assert_int_equal(soem_atomic_write(link, "evil\n", 5, &err), 73);
	assert_int_equal(lstat(real, &st), -1);
	free(real);
	free(link);
	assert_int_equal(tmp_dir_remove(&t), 1);
}

static void test_atomic_refuses_directory(void **state)
{
	(void)state;
	tmp_dir t;
	tmp_dir_make(&t);
	soem_err err = { 0 };
	assert_int_equal(soem_atomic_write(t.path, "x", 1, &err), 73);
	assert_non_null(strstr(err.msg, "not a regular file"));
	char *slash = xasprintf("%s/", t.path);
	soem_err_clear(&err);
	assert_int_equal(soem_atomic_write(slash, "x", 1, &err), 73);
	free(slash);
	assert_int_equal(tmp_dir_remove(&t), 0);
}

/* The read-only case, in a process that is not root (root may write
 * into a read-only directory).  Returns 0 when everything held. */
static int readonly_case(void)
{
	tmp_dir t;
	snprintf(t.path, sizeof t.path, "/tmp/soem-ro-XXXXXX");
	if (!mkdtemp(t.path))
		return 10;
	char *p = xasprintf("%s/calc.soem.yaml", t.path);
	int fd = open(p, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0 || write(fd, "old\n", 4) != 4)
		return 11;
	close(fd);
	if (chmod(t.path, 0555) != 0)
		return 12;
	soem_err err = { 0 };
	int rc = soem_atomic_write(p, "new\n", 4, &err);
	int bad = 0;
	if (rc != 73)
		bad = 1;
	else if (!strstr(err.msg, p) || !strstr(err.msg, "cannot save") ||
		 !strstr(err.msg, "Permission denied"))
		bad = 2;
	char *s = slurp(p);
	if (!s || strcmp(s, "old\n") != 0)
		bad = 3;
	free(s);
	tmp_dir cnt = t;
	if (tmp_dir_count(&cnt) != 1)
		bad = 4;
	if (bad)
		fprintf(stderr, "read-only case %d: rc %d, %s\n", bad, rc,
			err.msg);
	chmod(t.path, 0700);
	free(p);
	tmp_dir_remove(&t);
	return bad;
}

static void test_atomic_readonly_dir(void **state)
{
	(void)state;
	/* Root may write into a read-only directory: as root, run the case
	 * as nobody (the real uid stays 0, so the effective ids come back). */
	uid_t euid = geteuid();
	gid_t egid = getegid();
	if (euid == 0) {
		assert_int_equal(setegid(65534), 0);
		assert_int_equal(seteuid(65534), 0);
	}
	int bad = readonly_case();
	if (euid == 0) {
		assert_int_equal(seteuid(euid), 0);
		assert_int_equal(setegid(egid), 0);
	}
	assert_int_equal(bad, 0);
}

/* ---------------------------------------------------------------------
 * The YAML tree's memory pool (yaml/ynode.c) and the fast paths of
 * yaml/yread.c: the same results as the plain way.
 */

static void test_ynode_pool(void **state)
{
	(void)state;
	static const char yaml[] =
		"a: {b: [1, 2, 3], c: text}\nd: [x, {e: f}]\ng: 'quoted'\n";
	soem_err err = { 0 };
	ynode *root = NULL;
	assert_int_equal(ynode_parse(yaml, strlen(yaml), "t.yaml", &root, &err),
			 0);
	ynode *a = (ynode *)ynode_map_get(root, "a");
	ynode *d = (ynode *)ynode_map_get(root, "d");
	assert_non_null(a);
	assert_non_null(d);
	assert_string_equal(ynode_map_get(a, "c")->str, "text");
	assert_false(ynode_map_get(root, "g")->plain);
	/* a clone outlives the tree and is freed on its own */
	ynode *keep = ynode_clone(a);
	/* nodes of their own added to the parsed tree are freed with it */
	ynode_map_put(a, "added", ynode_new_scalar("v", true));
	ynode_map_put(a, "more", ynode_clone(d));
	ynode_seq_push(d, ynode_new_scalar("y", true));
	assert_string_equal(ynode_map_get(a, "added")->str, "v");
	assert_int_equal(d->n, 3);
	/* freeing a node inside the tree frees what was added below it */
	ynode *inner = (ynode *)ynode_map_get(a, "b");
	ynode_seq_push(inner, ynode_new_map());
	assert_ptr_equal(a->v[1], inner);
	assert_int_equal(inner->n, 4);
	ynode_free(&a->v[1]);
	assert_null(a->v[1]);
	ynode_free(&root);
	assert_null(root);
	assert_string_equal(ynode_map_get(keep, "c")->str, "text");
	assert_int_equal(ynode_map_get(keep, "b")->n, 3);
	ynode_free(&keep);
	/* an error frees what was built so far */
	static const char dup[] = "a: [1, {b: 2}]\nc: 3\na: 4\n";
	assert_int_equal(ynode_parse(dup, strlen(dup), "t.yaml", &root, &err),
			 SOEM_EX_DATAERR);
	assert_null(root);
	assert_non_null(strstr(err.msg, "duplicate key 'a' (first at line 1)"));
}

static void test_yread_double_exact(void **state)
{
	(void)state;
	static const char *const fixed[] = {
		"0", "-0", "0.0", "-0.0", "1", "+1", "-2.85", "0.1", "0.3",
		"1e3", "1E-3", "2.5e+10", "123456789012345", "1234567890123456",
		"0.000000000000000000001", "9007199254740993", "1e22", "1e23",
		"1e-22", "1e-23", "4.35", "118.68", "2275.57", ".5", "5.",
		"0.1e1", "00012.5000", "1.7976931348623157e308", "4.9e-324",
		"123.456e-5", "99999999999999.9", "0.9999999999999999",
	};
	soem_err err = { 0 };
	yread r = { "t.yaml", &err };
	char buf[64];
	uint64_t x = 88172645463325252u;
	for (size_t i = 0; i < 20000 + sizeof fixed / sizeof fixed[0]; i++) {
		if (i < sizeof fixed / sizeof fixed[0]) {
			snprintf(buf, sizeof buf, "%s", fixed[i]);
		} else {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			int digits = 1 + (int)(x % 17), point = (int)((x >> 8) % 19);
			int e = (int)((x >> 16) % 61) - 30;
			size_t k = 0;
			if (x >> 63)
				buf[k++] = '-';
			uint64_t y = x >> 20;
			for (int dgt = 0; dgt < digits; dgt++) {
				if (dgt == point)
					buf[k++] = '.';
				buf[k++] = (char)('0' + (y % 10));
				y = y / 10 ? y / 10 : x * 31 + (uint64_t)dgt;
			}
			if ((x >> 40) % 3 == 0)
				snprintf(buf + k, sizeof buf - k, "e%d", e);
			else
				buf[k] = '\0';
		}
		ynode *n = ynode_new_scalar(buf, true);
		double got = 0;
		int rc = yread_double(&r, n, "x", &got);
		double want = strtod(buf, NULL);
		if (rc == 0 && memcmp(&got, &want, sizeof got) != 0)
			fail_msg("%s: %.17g, strtod %.17g", buf, got, want);
		ynode_free(&n);
	}
	static const char *const bad[] = { ".", "-", "+", "e5", "1e", "1e+",
					   ".e1", "1.2.3", "1_000", "0x10",
					   "1e400", "-1e400", "", " 1" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ynode *n = ynode_new_scalar(bad[i], true);
		double got = 0;
		if (yread_double(&r, n, "x", &got) == 0)
			fail_msg("'%s' read as %g", bad[i], got);
		ynode_free(&n);
	}
	memset(&err, 0, sizeof err);
	ynode *q = ynode_new_scalar("12", false);
	double got = 0;
	assert_int_equal(yread_double(&r, q, "x", &got), SOEM_EX_DATAERR);
	assert_non_null(strstr(err.msg, "without quotes"));
	ynode_free(&q);
}

static void test_ypath_like_snprintf(void **state)
{
	(void)state;
	static const char *const parents[] = { "", "costs", "effect.p1",
					       "a.very.long.path.name" };
	for (size_t size = 0; size < 30; size++) {
		for (size_t p = 0; p < 4; p++) {
			char got[32], want[32];
			memset(got, 'z', sizeof got);
			memset(want, 'z', sizeof want);
			ypath_key(got, size, parents[p], "amount");
			if (*parents[p])
				snprintf(want, size, "%s.%s", parents[p], "amount");
			else
				snprintf(want, size, "%s", "amount");
			assert_memory_equal(got, want, sizeof got);
			ypath_index(got, size, parents[p], 1234);
			snprintf(want, size, "%s[%zu]", parents[p], (size_t)1234);
			assert_memory_equal(got, want, sizeof got);
			ypath_id(got, size, parents[p], "Forløb");
			snprintf(want, size, "%s[%s]", parents[p], "Forløb");
			assert_memory_equal(got, want, sizeof got);
		}
	}
	char buf[YPATH_MAX] = "costs";
	assert_string_equal(ypath_index(buf, sizeof buf, buf, 0), "costs[0]");
}


/* SPEC §2.9 keys: read, kept on a round trip (unknown keys beside them
 * too), written as soem_calc: 2 even when the file said 1; a file without
 * them is still written as 1. */
static void test_v2_keys_round_trip(void **state)
{
	static const char text[] =
		"soem_calc: 1\n"
		"kb: {profile: dk}\n"
		"horizon: 5\n"
		"intake: [{year: 1, participants: 40}]\n"
		"completion: {value: 0.85, low: 0.8, high: 0.9}\n"
		"price_level: 2023\n"
		"report_years: [5, 1, 3, 3]\n"
		"effect: {success_rate: 0.1}\n"
		"costs:\n"
		"  - {name: Afslutning, payer: kommune, basis: per_completer, amount: 5000}\n"
		"consequences:\n"
		"  - service: kontanthjaelp\n"
		"    years: [-2, -1]\n"
		"    persistence: {decay: 0.2, x_why: short-lived}\n"
		"taxes: {kontanthjaelp: {kommune: 0.25, stat: 0.12}}\n";
	(void)state;
	soem_calc *c = parse_ok(text, NULL);
	assert_int_equal(c->format, 2);
	assert_true(c->has_completion);
	assert_true(c->completion.ranged);
	assert_true(c->completion.value == 0.85);
	assert_int_equal(c->price_level, 2023);
	assert_int_equal(c->nreport_years, 3);
	assert_int_equal(c->report_years[0], 1);
	assert_int_equal(c->report_years[2], 5);
	assert_int_equal(c->costs[0].basis, SOEM_BASIS_PER_COMPLETER);
	assert_true(c->cons[0].has_persistence);
	assert_int_equal(c->cons[0].persist, SOEM_PERSIST_DECAY);
	assert_int_equal(c->ntaxes, 1);
	assert_int_equal(c->taxes[0].n, 2);
	char *t = round_trip(c);
	assert_non_null(strstr(t, "soem_calc: 2\n"));
	assert_non_null(strstr(t, "completion: {value: 0.85, low: 0.8, high: 0.9}"));
	assert_non_null(strstr(t, "price_level: 2023"));
	assert_non_null(strstr(t, "report_years: [1, 3, 5]"));
	assert_non_null(strstr(t, "basis: per_completer"));
	assert_non_null(strstr(t, "x_why: short-lived"));
	assert_non_null(strstr(t, "kontanthjaelp: {kommune: 0.25, stat: 0.12}"));
	soem_calc *d = NULL;
	soem_err err = { 0 };
	assert_int_equal(soem_calc_parse(t, strlen(t), "s.soem.yaml", &kbs, NULL,
					 &d, NULL, NULL, &err), 0);
	assert_int_equal(d->price_level, 2023);
	assert_int_equal(d->cons[0].persist, SOEM_PERSIST_DECAY);
	assert_true(d->cons[0].decay.value == 0.2);
	assert_true(d->taxes[0].v[1].price.value == 0.12);
	soem_calc_free(&d);
	free(t);
	soem_calc_free(&c);

	c = parse_ok("soem_calc: 1\nkb: {profile: dk}\n"
		     "intake: [{year: 1, participants: 4}]\n", NULL);
	t = round_trip(c);
	assert_non_null(strstr(t, "soem_calc: 1\n"));
	free(t);
	soem_calc_free(&c);
}

/* groups: (SPEC 2.9): each group's keys read into its own part, a cost's
 * group, a custom service defined in one group and named by id in
 * another; unknown keys in a group, in its effect and at the top kept on
 * a round trip; written as soem_calc: 2 with the groups and no top-level
 * group keys. */
static void test_groups_round_trip(void **state)
{
	static const char text[] =
		"soem_calc: 1\n"
		"kb: {profile: dk}\n"
		"horizon: 5\n"
		"groups:\n"
		"  - name: Unge\n"
		"    course_years: 2\n"
		"    completion: 0.8\n"
		"    intake: [{year: 1, participants: 10}]\n"
		"    target_group: {custom: Unge hjemløse}\n"
		"    effect: {success_rate: 0.2, x_eff: kept}\n"
		"    match: {target_group: partly}\n"
		"    consequences:\n"
		"      - {service: kontanthjaelp, years: [-2]}\n"
		"      - service: {id: eget, custom: Eget, unit: timer, area: social}\n"
		"        years: [-1]\n"
		"    x_group: also kept\n"
		"  - name: Voksne\n"
		"    intake: [{year: 2, participants: 30}]\n"
		"    effect: {p1: 0.3, p0: 0.1}\n"
		"    consequences: [{service: eget, years: [-3]}]\n"
		"costs:\n"
		"  - {name: Ekstra, payer: kommune, basis: per_participant, amount: 100, group: Voksne}\n"
		"prices: {eget: {kommune: 400}}\n"
		"x_top: kept\n";
	(void)state;
	soem_calc *c = parse_ok(text, NULL);
	assert_int_equal(c->format, 2);
	assert_int_equal(c->ngroups, 2);
	assert_int_equal(c->nintake, 0);
	assert_int_equal(c->ncons, 0);
	const soem_calc *u = c->groups[0].sub, *v = c->groups[1].sub;
	assert_string_equal(c->groups[0].name, "Unge");
	assert_int_equal(u->course_years, 2);
	assert_true(u->has_completion && u->completion.value == 0.8);
	assert_int_equal(u->nintake, 1);
	assert_int_equal(u->ncons, 2);
	assert_true(u->cons[1].custom);
	assert_int_equal(v->course_years, 1);
	assert_int_equal(v->intake[0].year, 2);
	assert_string_equal(v->cons[0].service, "eget");
	assert_false(v->cons[0].custom);
	assert_string_equal(c->costs[0].group, "Voksne");
	char *t = round_trip(c);
	assert_non_null(strstr(t, "soem_calc: 2\n"));
	assert_non_null(strstr(t, "groups:\n"));
	assert_non_null(strstr(t, "name: Unge"));
	assert_non_null(strstr(t, "x_group: also kept"));
	assert_non_null(strstr(t, "x_eff: kept"));
	assert_non_null(strstr(t, "x_top: kept"));
	assert_non_null(strstr(t, "group: Voksne"));
	assert_null(strstr(t, "\ncourse_years:"));
	assert_null(strstr(t, "\nintake:"));
	soem_calc *d = NULL;
	soem_err err = { 0 };
	assert_int_equal(soem_calc_parse(t, strlen(t), "g.soem.yaml", &kbs,
					 NULL, &d, NULL, NULL, &err), 0);
	assert_int_equal(d->ngroups, 2);
	assert_string_equal(d->groups[1].name, "Voksne");
	assert_true(d->groups[0].sub->completion.value == 0.8);
	assert_int_equal(d->groups[1].sub->intake[0].year, 2);
	assert_true(d->groups[1].sub->effect.p0.value == 0.1);
	assert_string_equal(d->costs[0].group, "Voksne");
	char *t2 = round_trip(d);
	assert_string_equal(t, t2);
	free(t2);
	soem_calc_free(&d);
	free(t);
	soem_calc_free(&c);
}

/* A price schedule (SPEC 2.9) in a calculation: read in file order,
 * the plain payer beside it kept, unknown keys of an entry kept, written
 * back as a schedule and as soem_calc: 2. */
static void test_schedule_round_trip(void **state)
{
	static const char text[] =
		"soem_calc: 1\n"
		"kb: {profile: dk}\n"
		"intervention: {start_year: 2026}\n"
		"horizon: 5\n"
		"intake: [{year: 1, participants: 40}]\n"
		"effect: {success_rate: 0.1}\n"
		"consequences: [{service: kontanthjaelp, years: [-2]}]\n"
		"prices:\n"
		"  kontanthjaelp:\n"
		"    kommune:\n"
		"      - {from: 2027, amount: 1800, price_year: 2023, x_note: reform}\n"
		"      - {from: 2026, amount: {value: 2000, low: 1900, high: 2100}}\n"
		"    stat: 1150\n";
	(void)state;
	soem_calc *c = parse_ok(text, NULL);
	assert_int_equal(c->format, 2);
	const soem_price_payer *pp = &c->prices[0].v[0];
	assert_int_equal(pp->nsched, 2);
	assert_int_equal(pp->sched[0].from, 2027);
	assert_int_equal(pp->sched[0].price_year, 2023);
	assert_true(pp->sched[1].amount.ranged);
	assert_true(pp->price.value == 2000);  /* the earliest entry */
	assert_int_equal(c->prices[0].v[1].nsched, 0);
	char *t = round_trip(c);
	assert_non_null(strstr(t, "soem_calc: 2\n"));
	assert_non_null(strstr(t, "from: 2027"));
	assert_non_null(strstr(t, "price_year: 2023"));
	assert_non_null(strstr(t, "x_note: reform"));
	assert_true(strstr(t, "from: 2027") < strstr(t, "from: 2026"));
	assert_non_null(strstr(t, "{from: 2026, amount: {value: 2000, low: 1900, high: 2100}}"));
	assert_non_null(strstr(t, "stat: 1150"));
	free(t);
	soem_calc_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_calc_new_defaults),
		cmocka_unit_test(test_groups_round_trip),
		cmocka_unit_test(test_schedule_round_trip),
		cmocka_unit_test(test_v2_keys_round_trip),
		cmocka_unit_test(test_num_format_shortest),
		cmocka_unit_test(test_full_load_values),
		cmocka_unit_test(test_full_round_trip),
		cmocka_unit_test(test_minimal_defaults),
		cmocka_unit_test(test_unknown_kept_from_tree),
		cmocka_unit_test(test_success_rate_and_years_persistence),
		cmocka_unit_test(test_experiment_sets_p1_p0),
		cmocka_unit_test(test_null_values_count_as_absent),
		cmocka_unit_test(test_profile_choice),
		cmocka_unit_test(test_version_warning),
		cmocka_unit_test(test_more_refusals),
		cmocka_unit_test(test_write_fresh_calculation),
		cmocka_unit_test(test_write_refuses_bad_utf8),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_atomic_keeps_mode),
		cmocka_unit_test(test_atomic_new_file_mode),
		cmocka_unit_test(test_atomic_refuses_symlink),
		cmocka_unit_test(test_atomic_refuses_directory),
		cmocka_unit_test(test_atomic_readonly_dir),
		cmocka_unit_test(test_ynode_pool),
		cmocka_unit_test(test_yread_double_exact),
		cmocka_unit_test(test_ypath_like_snprintf),
	};
	size_t nbad = sizeof bad_cases / sizeof bad_cases[0];
	struct CMUnitTest *bad = xcalloc(nbad, sizeof *bad);
	for (size_t i = 0; i < nbad; i++) {
		bad[i].name = bad_cases[i].file;
		bad[i].test_func = test_bad_file;
		bad[i].initial_state = (void *)&bad_cases[i];
	}
	group_setup(NULL);
	int fails = cmocka_run_group_tests_name("calc_io", tests, NULL, NULL);
	fails += _cmocka_run_group_tests("calc_io bad files", bad, nbad,
					 NULL, NULL);
	free(bad);
	group_teardown(NULL);
	return fails ? 1 : 0;
}
