/* calc_save.c - writing a calculation file (SPEC §3.2) with libyaml.
 *
 * The top level and the larger maps are written in block style; short
 * lists (years) and small maps (a cohort, a cost item, a range) in flow
 * style, so that a file reads like the example in SPEC §3.2.  Known keys
 * come in the SPEC's order, then the unknown keys kept by the loader.
 * Strings are left to libyaml's choice of style, except that a string
 * that YAML would read as something else (a number, yes/no, null) is
 * quoted.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "store/atomic.h"
#include "io/calc_io.h"
#include "yaml/yemit.h"
#include "util/numfmt.h"
#include "yaml/ynode.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* A line that fits in this many columns is written in flow style. */
#define FLOW_WIDTH 76
/* Notes and texts longer than this make their map a block map. */
#define FLOW_TEXT 40

typedef yemit out;

/* The pairs of a kept `extra` map, inside the current map. */
static void put_extra(out *o, const ynode *extra)
{
	for (size_t i = 0; extra && i + 1 < extra->n; i += 2) {
		yemit_node(o, extra->v[i]);
		yemit_node(o, extra->v[i + 1]);
	}
}

static bool has_extra(const ynode *extra)
{
	return extra && extra->n > 0;
}

static void put_num(out *o, const soem_num *n)
{
	if (!n->ranged) {
		yemit_double(o, n->value);
		return;
	}
	yemit_map_start(o, true);
	yemit_word(o, "value");
	yemit_double(o, n->value);
	yemit_word(o, "low");
	yemit_double(o, n->low);
	yemit_word(o, "high");
	yemit_double(o, n->high);
	yemit_map_end(o);
}

static void put_num_list(out *o, const soem_num *v, size_t n)
{
	yemit_seq_start(o, true);
	for (size_t i = 0; i < n; i++)
		put_num(o, &v[i]);
	yemit_seq_end(o);
}

/* key: text, when text is not NULL */
static void kv_str(out *o, const char *key, const char *s)
{
	if (!s)
		return;
	yemit_word(o, key);
	yemit_str(o, s);
}

/* ---------------------------------------------------------------------
 * Widths, to choose flow or block style
 */

static size_t w_str(const char *s)
{
	return s ? strlen(s) + 2 : 0;
}

static size_t w_double(double v)
{
	char b[40];
	return strlen(soem_num_exact(v, b, sizeof b));
}

static size_t w_num(const soem_num *n)
{
	if (!n->ranged)
		return w_double(n->value);
	return w_double(n->value) + w_double(n->low) + w_double(n->high) + 26;
}

/* key: value, in a flow map */
static size_t w_kv(const char *key, size_t value)
{
	return strlen(key) + 2 + value + 2;
}

/* ---------------------------------------------------------------------
 * The parts of a calculation
 */

static void put_kb(out *o, const soem_calc *c)
{
	if (!c->kb_profile && !c->kb_version && !has_extra(c->kb_extra))
		return;
	yemit_word(o, "kb");
	yemit_map_start(o, !has_extra(c->kb_extra));
	kv_str(o, "profile", c->kb_profile);
	kv_str(o, "version", c->kb_version);
	put_extra(o, c->kb_extra);
	yemit_map_end(o);
}

static void put_intervention(out *o, const soem_intervention *iv)
{
	if (!iv->name && !iv->description && !iv->municipality &&
	    !iv->author && !iv->usual_practice && !iv->start_year &&
	    !iv->has_analysis && !has_extra(iv->extra))
		return;
	yemit_word(o, "intervention");
	yemit_map_start(o, false);
	kv_str(o, "name", iv->name);
	kv_str(o, "description", iv->description);
	kv_str(o, "municipality", iv->municipality);
	kv_str(o, "author", iv->author);
	kv_str(o, "usual_practice", iv->usual_practice);
	if (iv->start_year) {
		yemit_word(o, "start_year");
		yemit_long(o, iv->start_year);
	}
	if (iv->has_analysis) {
		yemit_word(o, "analysis");
		yemit_word(o, iv->scenario ? "scenario" : "full");
	}
	put_extra(o, iv->extra);
	yemit_map_end(o);
}

static void put_intake(out *o, const soem_calc *c)
{
	if (!c->nintake)
		return;
	yemit_word(o, "intake");
	yemit_seq_start(o, false);
	for (size_t i = 0; i < c->nintake; i++) {
		const soem_intake *in = &c->intake[i];
		yemit_map_start(o, !has_extra(in->extra));
		yemit_word(o, "year");
		yemit_long(o, in->year);
		yemit_word(o, "participants");
		put_num(o, &in->participants);
		put_extra(o, in->extra);
		yemit_map_end(o);
	}
	yemit_seq_end(o);
}

static void put_ref(out *o, const char *key, const soem_ref *r)
{
	yemit_word(o, key);
	yemit_map_start(o, !has_extra(r->extra));
	kv_str(o, "kb", r->kb);
	kv_str(o, "custom", r->custom);
	put_extra(o, r->extra);
	yemit_map_end(o);
}

static const char *const source_kinds[] = {
	NULL, "study", "own_evaluation", "professional_estimate", "scenario"
};

static void put_source(out *o, const soem_effect *e)
{
	bool flow = !has_extra(e->source_extra) &&
		    (!e->source_note || strlen(e->source_note) <= FLOW_TEXT);
	yemit_word(o, "source");
	yemit_map_start(o, flow);
	if (e->source_kind > SOEM_SRC_NONE &&
	    e->source_kind <= SOEM_SRC_SCENARIO) {
		yemit_word(o, "kind");
		yemit_word(o, source_kinds[e->source_kind]);
	}
	if (e->evidence_level) {
		yemit_word(o, "evidence_level");
		yemit_long(o, e->evidence_level);
	}
	kv_str(o, "note", e->source_note);
	put_extra(o, e->source_extra);
	yemit_map_end(o);
}

static void put_experiment(out *o, const soem_experiment *x)
{
	yemit_word(o, "experiment");
	yemit_map_start(o, !has_extra(x->extra));
	yemit_word(o, "x_t");
	yemit_long(o, x->x_t);
	yemit_word(o, "n_t");
	yemit_long(o, x->n_t);
	yemit_word(o, "x_c");
	yemit_long(o, x->x_c);
	yemit_word(o, "n_c");
	yemit_long(o, x->n_c);
	if (x->has_waiting) {
		yemit_word(o, "waiting_months");
		yemit_double(o, x->waiting_months);
	}
	put_extra(o, x->extra);
	yemit_map_end(o);
}

static void put_persist(out *o, enum soem_persist persist,
			const soem_num *decay_v, const soem_num *rho,
			size_t nrho, const ynode *extra)
{
	yemit_word(o, "persistence");
	yemit_map_start(o, !has_extra(extra));
	if (persist == SOEM_PERSIST_LIST) {
		yemit_word(o, "years");
		put_num_list(o, rho, nrho);
	} else {
		/* FULL written out is a decay of 0 */
		soem_num zero = soem_num_of(0.0);
		bool decay = persist == SOEM_PERSIST_DECAY;
		yemit_word(o, "decay");
		put_num(o, decay ? decay_v : &zero);
	}
	put_extra(o, extra);
	yemit_map_end(o);
}

static void put_persistence(out *o, const soem_effect *e)
{
	put_persist(o, e->persist, &e->decay, e->rho, e->nrho,
		    e->persistence_extra);
}

static void put_effect(out *o, const soem_effect *e)
{
	if (!e->has_measure && !e->has_source && !e->has_p1 && !e->has_p0 &&
	    !e->has_success_rate && !e->experiment.present &&
	    !e->has_persistence && !has_extra(e->extra))
		return;
	yemit_word(o, "effect");
	yemit_map_start(o, false);
	if (e->has_measure)
		put_ref(o, "measure", &e->measure);
	if (e->has_source)
		put_source(o, e);
	if (e->has_p1) {
		yemit_word(o, "p1");
		put_num(o, &e->p1);
	}
	if (e->has_p0) {
		yemit_word(o, "p0");
		put_num(o, &e->p0);
	}
	if (e->has_success_rate) {
		yemit_word(o, "success_rate");
		put_num(o, &e->success_rate);
	}
	if (e->experiment.present)
		put_experiment(o, &e->experiment);
	if (e->has_persistence)
		put_persistence(o, e);
	put_extra(o, e->extra);
	yemit_map_end(o);
}

static const char *const basis_names[] = {
	"per_participant", "per_participant_year", "once", "yearly",
	"per_completer"
};

static const char *basis_name(enum soem_basis b)
{
	return (unsigned)b < 5 ? basis_names[b] : basis_names[0];
}

static bool cost_flow(const soem_cost_item *ci)
{
	if (has_extra(ci->extra))
		return false;
	size_t w = 6; /* "  - {" ... "}" */
	if (ci->name)
		w += w_kv("name", w_str(ci->name));
	w += w_kv("payer", w_str(ci->payer));
	w += w_kv("basis", strlen(basis_name(ci->basis)));
	if (ci->nyears) {
		size_t y = 2;
		for (size_t i = 0; i < ci->nyears; i++)
			y += 5;
		w += w_kv("years", y);
	}
	if (ci->from)
		w += w_kv("from", 3);
	if (ci->to)
		w += w_kv("to", 3);
	w += w_kv("amount", w_double(ci->amount.value));
	if (ci->amount.ranged)
		w += w_kv("low", w_double(ci->amount.low)) +
		     w_kv("high", w_double(ci->amount.high));
	if (ci->saved)
		w += w_kv("saved", 4);
	if (ci->price_year)
		w += w_kv("price_year", 4);
	return w <= FLOW_WIDTH;
}

static void put_cost(out *o, const soem_cost_item *ci)
{
	yemit_map_start(o, cost_flow(ci));
	kv_str(o, "name", ci->name);
	kv_str(o, "payer", ci->payer ? ci->payer : "");
	yemit_word(o, "basis");
	yemit_word(o, basis_name(ci->basis));
	if (ci->nyears) {
		yemit_word(o, "years");
		yemit_seq_start(o, true);
		for (size_t i = 0; i < ci->nyears; i++)
			yemit_long(o, ci->years[i]);
		yemit_seq_end(o);
	}
	if (ci->from) {
		yemit_word(o, "from");
		yemit_long(o, ci->from);
	}
	if (ci->to) {
		yemit_word(o, "to");
		yemit_long(o, ci->to);
	}
	yemit_word(o, "amount");
	yemit_double(o, ci->amount.value);
	if (ci->amount.ranged) {
		yemit_word(o, "low");
		yemit_double(o, ci->amount.low);
		yemit_word(o, "high");
		yemit_double(o, ci->amount.high);
	}
	if (ci->saved) {
		yemit_word(o, "saved");
		yemit_bool(o, true);
	}
	if (ci->price_year) {
		yemit_word(o, "price_year");
		yemit_long(o, ci->price_year);
	}
	if (ci->group)
		kv_str(o, "group", ci->group);
	put_extra(o, ci->extra);
	yemit_map_end(o);
}

static void put_costs(out *o, const soem_calc *c)
{
	if (!c->ncosts)
		return;
	yemit_word(o, "costs");
	yemit_seq_start(o, false);
	for (size_t i = 0; i < c->ncosts; i++)
		put_cost(o, &c->costs[i]);
	yemit_seq_end(o);
}

static const char *const match_names[] = { NULL, "yes", "partly", "no" };

static void put_match(out *o, const soem_match_assessment *m)
{
	if (!m->present)
		return;
	bool flow = !has_extra(m->extra) &&
		    (!m->note || strlen(m->note) <= FLOW_TEXT);
	yemit_word(o, "match");
	yemit_map_start(o, flow);
	if (m->target_group > SOEM_MATCH_UNSET &&
	    m->target_group <= SOEM_MATCH_NO) {
		yemit_word(o, "target_group");
		yemit_word(o, match_names[m->target_group]);
	}
	if (m->effect_measure > SOEM_MATCH_UNSET &&
	    m->effect_measure <= SOEM_MATCH_NO) {
		yemit_word(o, "effect_measure");
		yemit_word(o, match_names[m->effect_measure]);
	}
	kv_str(o, "note", m->note);
	put_extra(o, m->extra);
	yemit_map_end(o);
}

static void put_custom_service(out *o, const soem_custom_service *cs)
{
	yemit_map_start(o, !has_extra(cs->extra));
	kv_str(o, "id", cs->id);
	kv_str(o, "custom", cs->name);
	kv_str(o, "unit", cs->unit);
	kv_str(o, "area", cs->area);
	yemit_word(o, "kind");
	yemit_word(o, cs->kind == SOEM_REVENUE ? "revenue" : "expense");
	put_extra(o, cs->extra);
	yemit_map_end(o);
}

static bool cons_flow(const soem_consequence *q)
{
	if (has_extra(q->extra) || q->custom || q->has_persistence)
		return false;
	size_t w = 6;
	w += w_kv("service", w_str(q->service));
	if (q->has_enabled || !q->enabled)
		w += w_kv("enabled", 5);
	if (q->nyears) {
		size_t y = 2;
		for (size_t i = 0; i < q->nyears; i++)
			y += w_num(&q->years[i]) + 2;
		w += w_kv("years", y);
	}
	if (q->has_during)
		w += w_kv("during", w_num(&q->during));
	if (q->has_scale)
		w += w_kv("scale", w_num(&q->scale));
	if (q->from_kb)
		w += w_kv("from_kb", 4);
	return w <= FLOW_WIDTH;
}

static void put_consequence(out *o, const soem_consequence *q)
{
	yemit_map_start(o, cons_flow(q));
	yemit_word(o, "service");
	if (q->custom)
		put_custom_service(o, &q->cs);
	else
		yemit_str(o, q->service ? q->service : "");
	if (q->has_enabled || !q->enabled) {
		yemit_word(o, "enabled");
		yemit_bool(o, q->enabled);
	}
	if (q->nyears) {
		yemit_word(o, "years");
		put_num_list(o, q->years, q->nyears);
	}
	if (q->has_during) {
		yemit_word(o, "during");
		put_num(o, &q->during);
	}
	if (q->has_scale) {
		yemit_word(o, "scale");
		put_num(o, &q->scale);
	}
	if (q->from_kb) {
		yemit_word(o, "from_kb");
		yemit_bool(o, true);
	}
	if (q->has_persistence)
		put_persist(o, q->persist, &q->decay, q->rho, q->nrho,
			    q->persistence_extra);
	put_extra(o, q->extra);
	yemit_map_end(o);
}

static void put_consequences(out *o, const soem_calc *c)
{
	if (!c->ncons)
		return;
	yemit_word(o, "consequences");
	yemit_seq_start(o, false);
	for (size_t i = 0; i < c->ncons; i++)
		put_consequence(o, &c->cons[i]);
	yemit_seq_end(o);
}

/* A price schedule (SPEC §2.9), one entry a line. */
static void put_schedule(out *o, const soem_price_payer *pp)
{
	yemit_seq_start(o, false);
	for (size_t k = 0; k < pp->nsched; k++) {
		const soem_sched_entry *se = &pp->sched[k];
		yemit_map_start(o, !has_extra(se->extra));
		yemit_word(o, "from");
		yemit_long(o, se->from);
		yemit_word(o, "amount");
		put_num(o, &se->amount);
		if (se->price_year) {
			yemit_word(o, "price_year");
			yemit_long(o, se->price_year);
		}
		put_extra(o, se->extra);
		yemit_map_end(o);
	}
	yemit_seq_end(o);
}

static void put_prices(out *o, const soem_calc *c)
{
	if (!c->nprices)
		return;
	yemit_word(o, "prices");
	yemit_map_start(o, false);
	for (size_t i = 0; i < c->nprices; i++) {
		const soem_price_entry *pe = &c->prices[i];
		yemit_str(o, pe->service ? pe->service : "");
		bool sched = false;
		for (size_t j = 0; j < pe->n; j++)
			sched = sched || pe->v[j].nsched;
		yemit_map_start(o, !has_extra(pe->extra) && !sched);
		for (size_t j = 0; j < pe->n; j++) {
			yemit_str(o, pe->v[j].payer ? pe->v[j].payer : "");
			if (pe->v[j].nsched) {
				put_schedule(o, &pe->v[j]);
				continue;
			}
			put_num(o, &pe->v[j].price);
		}
		if (pe->price_year) {
			yemit_word(o, "price_year");
			yemit_long(o, pe->price_year);
		}
		put_extra(o, pe->extra);
		yemit_map_end(o);
	}
	yemit_map_end(o);
}

/* [{from: 1, rate: 0.035}, ...] on one line when it fits */
static bool steps_flow(const soem_discount *d)
{
	size_t w = 10; /* "  steps: [" ... "]" */
	for (size_t i = 0; i < d->nsteps; i++) {
		if (has_extra(d->steps[i].extra))
			return false;
		w += 20 + w_num(&d->steps[i].rate);
	}
	return w <= FLOW_WIDTH;
}

static void put_discount(out *o, const soem_discount *d)
{
	if (!d->present)
		return;
	yemit_word(o, "discount");
	yemit_map_start(o, false);
	if (d->has_first_year) {
		yemit_word(o, "first_year");
		yemit_word(o, d->first_discounted ? "discounted" : "undiscounted");
	}
	yemit_word(o, "steps");
	yemit_seq_start(o, steps_flow(d));
	for (size_t i = 0; i < d->nsteps; i++) {
		yemit_map_start(o, !has_extra(d->steps[i].extra));
		yemit_word(o, "from");
		yemit_long(o, d->steps[i].from);
		yemit_word(o, "rate");
		put_num(o, &d->steps[i].rate);
		put_extra(o, d->steps[i].extra);
		yemit_map_end(o);
	}
	yemit_seq_end(o);
	put_extra(o, d->extra);
	yemit_map_end(o);
}

static void put_uncertainty(out *o, const soem_calc *c)
{
	if (!c->has_uncertainty && c->draws == 10000 && c->seed == 1 &&
	    !has_extra(c->uncertainty_extra))
		return;
	yemit_word(o, "uncertainty");
	yemit_map_start(o, !has_extra(c->uncertainty_extra));
	yemit_word(o, "draws");
	yemit_long(o, c->draws);
	yemit_word(o, "seed");
	yemit_ull(o, c->seed);
	put_extra(o, c->uncertainty_extra);
	yemit_map_end(o);
}

static void put_notes(out *o, const soem_calc *c)
{
	if (!c->nnotes)
		return;
	yemit_word(o, "notes");
	yemit_map_start(o, false);
	for (size_t i = 0; i < c->nnotes; i++) {
		yemit_str(o, c->notes[i].key);
		yemit_str(o, c->notes[i].text);
	}
	yemit_map_end(o);
}

/* SPEC §2.9: does c use a key of that section (then it is written as
 * format 2; else as 1, which every soem reads)? */
static bool uses_v2(const soem_calc *c)
{
	if (c->has_completion || c->price_level || c->nreport_years ||
	    c->ntaxes || c->ngroups)
		return true;
	for (size_t i = 0; i < c->ncosts; i++)
		if (c->costs[i].basis == SOEM_BASIS_PER_COMPLETER ||
		    c->costs[i].group || c->costs[i].payer_group)
			return true;
	for (size_t i = 0; i < c->nprices; i++)
		for (size_t j = 0; j < c->prices[i].n; j++)
			if (c->prices[i].v[j].nsched)
				return true;
	for (size_t i = 0; i < c->ncons; i++)
		if (c->cons[i].has_persistence)
			return true;
	return false;
}

static void put_v2_top(out *o, const soem_calc *c)
{
	if (c->has_completion) {
		yemit_word(o, "completion");
		put_num(o, &c->completion);
	}
	if (c->price_level) {
		yemit_word(o, "price_level");
		yemit_long(o, c->price_level);
	}
	if (c->nreport_years) {
		yemit_word(o, "report_years");
		yemit_seq_start(o, true);
		for (size_t i = 0; i < c->nreport_years; i++)
			yemit_long(o, c->report_years[i]);
		yemit_seq_end(o);
	}
}

static void put_taxes(out *o, const soem_calc *c)
{
	if (!c->ntaxes)
		return;
	yemit_word(o, "taxes");
	yemit_map_start(o, false);
	for (size_t i = 0; i < c->ntaxes; i++) {
		const soem_tax_entry *te = &c->taxes[i];
		yemit_str(o, te->service ? te->service : "");
		yemit_map_start(o, true);
		for (size_t j = 0; j < te->n; j++) {
			yemit_str(o, te->v[j].payer ? te->v[j].payer : "");
			put_num(o, &te->v[j].price);
		}
		yemit_map_end(o);
	}
	yemit_map_end(o);
}

/* groups: (SPEC §2.9), each with the keys of its sub-calculation. */
static void put_groups(out *o, const soem_calc *c)
{
	yemit_word(o, "groups");
	yemit_seq_start(o, false);
	for (size_t g = 0; g < c->ngroups; g++) {
		const soem_calc_group *grp = &c->groups[g];
		const soem_calc *s = grp->sub;
		yemit_map_start(o, false);
		kv_str(o, "name", grp->name ? grp->name : "");
		yemit_word(o, "course_years");
		yemit_long(o, s->course_years);
		put_intake(o, s);
		if (s->has_completion) {
			yemit_word(o, "completion");
			put_num(o, &s->completion);
		}
		if (s->has_target_group)
			put_ref(o, "target_group", &s->target_group);
		put_effect(o, &s->effect);
		put_match(o, &s->match);
		put_consequences(o, s);
		put_extra(o, grp->extra);
		yemit_map_end(o);
	}
	yemit_seq_end(o);
}

static void put_calc(out *o, const soem_calc *c)
{
	yemit_word(o, "soem_calc");
	yemit_long(o, uses_v2(c) ? 2 : 1);
	put_kb(o, c);
	put_intervention(o, &c->intervention);
	yemit_word(o, "horizon");
	yemit_long(o, c->horizon);
	if (c->ngroups) {
		put_v2_top(o, c);
		put_groups(o, c);
		put_costs(o, c);
	} else {
		yemit_word(o, "course_years");
		yemit_long(o, c->course_years);
		put_intake(o, c);
		put_v2_top(o, c);
		if (c->has_target_group)
			put_ref(o, "target_group", &c->target_group);
		put_effect(o, &c->effect);
		put_costs(o, c);
		put_match(o, &c->match);
		put_consequences(o, c);
	}
	put_prices(o, c);
	put_taxes(o, c);
	put_discount(o, &c->discount);
	put_uncertainty(o, c);
	put_notes(o, c);
	if (c->evaluation) {
		yemit_word(o, "evaluation");
		yemit_node(o, c->evaluation);
	}
	put_extra(o, c->extra);
}

int soem_calc_write(const soem_calc *c, char **buf, size_t *len,
		    soem_err *err)
{
	yemit o;
	*buf = NULL;
	*len = 0;
	int rc = yemit_begin(&o, 80, err);
	if (rc)
		return rc;
	yemit_map_start(&o, false);
	put_calc(&o, c);
	yemit_map_end(&o);
	return yemit_finish(&o, buf, len,
			    _("the calculation cannot be written as YAML"), err);
}

int soem_calc_save(const char *path, const soem_calc *c, soem_err *err)
{
	char *buf;
	size_t len;
	int rc = soem_calc_write(c, &buf, &len, err);
	if (rc)
		return rc;
	rc = soem_atomic_write(path, buf, len, err);
	free(buf);
	return rc;
}
