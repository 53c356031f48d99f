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

#include "io/atomic.h"
#include "io/calc_io.h"
#include "util/numfmt.h"
#include "io/ynode.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* A line that fits in this many columns is written in flow style. */
#define FLOW_WIDTH 76
/* Notes and texts longer than this make their map a block map. */
#define FLOW_TEXT 40

typedef struct out {
	yaml_emitter_t em;
	char *buf;
	size_t len, cap;
	bool failed;
} out;

static int out_write(void *data, unsigned char *buffer, size_t size)
{
	out *o = data;
	xgrow((void **)&o->buf, &o->cap, o->len + size + 1, 1);
	memcpy(o->buf + o->len, buffer, size);
	o->len += size;
	o->buf[o->len] = '\0';
	return 1;
}

/* ---------------------------------------------------------------------
 * Events
 */

static void put(out *o, yaml_event_t *ev, int init_ok)
{
	/* yaml_emitter_emit frees the event, also when it fails */
	if (!init_ok || !yaml_emitter_emit(&o->em, ev))
		o->failed = true;
}

static void put_scalar(out *o, const char *s, yaml_scalar_style_t style)
{
	yaml_event_t ev;
	if (o->failed)
		return;
	bool plain_ok = style == YAML_PLAIN_SCALAR_STYLE ||
			style == YAML_ANY_SCALAR_STYLE;
	put(o, &ev,
	    yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s,
					 (int)strlen(s), plain_ok, 1, style));
}

/* Would YAML read the plain text s as something other than a string? */
static bool looks_typed(const char *s)
{
	static const char *const words[] = {
		"~", "null", "Null", "NULL", "true", "True", "TRUE", "false",
		"False", "FALSE", "yes", "Yes", "YES", "no", "No", "NO", "on",
		"On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N", "<<", "=",
		NULL
	};
	if (!*s)
		return true;
	for (size_t i = 0; words[i]; i++)
		if (strcmp(s, words[i]) == 0)
			return true;
	const char *p = s;
	if (*p == '-' || *p == '+')
		p++;
	/* numbers, dates, times, .5, .inf, .nan */
	return (*p >= '0' && *p <= '9') || *p == '.';
}

static void put_str(out *o, const char *s)
{
	if (!s)
		s = "";
	if (looks_typed(s))
		put_scalar(o, s, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
	else if (strchr(s, '\n'))
		put_scalar(o, s, YAML_LITERAL_SCALAR_STYLE);
	else
		put_scalar(o, s, YAML_ANY_SCALAR_STYLE);
}

/* Keys and enumeration values: always plain (yes, partly, no included). */
static void put_word(out *o, const char *s)
{
	put_scalar(o, s, YAML_PLAIN_SCALAR_STYLE);
}

static void put_double(out *o, double v)
{
	char b[40];
	put_word(o, soem_num_exact(v, b, sizeof b));
}

static void put_long(out *o, long long v)
{
	char b[32];
	snprintf(b, sizeof b, "%lld", v);
	put_word(o, b);
}

static void put_ull(out *o, unsigned long long v)
{
	char b[32];
	snprintf(b, sizeof b, "%llu", v);
	put_word(o, b);
}

static void put_bool(out *o, bool v)
{
	put_word(o, v ? "true" : "false");
}

static void map_start(out *o, bool flow)
{
	yaml_mapping_style_t style = flow ? YAML_FLOW_MAPPING_STYLE
					  : YAML_BLOCK_MAPPING_STYLE;
	yaml_event_t ev;
	if (o->failed)
		return;
	put(o, &ev,
	    yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, style));
}

static void map_end(out *o)
{
	yaml_event_t ev;
	if (o->failed)
		return;
	put(o, &ev, yaml_mapping_end_event_initialize(&ev));
}

static void seq_start(out *o, bool flow)
{
	yaml_sequence_style_t style = flow ? YAML_FLOW_SEQUENCE_STYLE
					   : YAML_BLOCK_SEQUENCE_STYLE;
	yaml_event_t ev;
	if (o->failed)
		return;
	put(o, &ev,
	    yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, style));
}

static void seq_end(out *o)
{
	yaml_event_t ev;
	if (o->failed)
		return;
	put(o, &ev, yaml_sequence_end_event_initialize(&ev));
}

static void put_node(out *o, const ynode *n)
{
	if (!o->failed && ynode_emit(&o->em, n) != 0)
		o->failed = true;
}

/* The pairs of a kept `extra` map, inside the current map. */
static void put_extra(out *o, const ynode *extra)
{
	for (size_t i = 0; extra && i + 1 < extra->n; i += 2) {
		put_node(o, extra->v[i]);
		put_node(o, extra->v[i + 1]);
	}
}

static bool has_extra(const ynode *extra)
{
	return extra && extra->n > 0;
}

static void put_num(out *o, const soem_num *n)
{
	if (!n->ranged) {
		put_double(o, n->value);
		return;
	}
	map_start(o, true);
	put_word(o, "value");
	put_double(o, n->value);
	put_word(o, "low");
	put_double(o, n->low);
	put_word(o, "high");
	put_double(o, n->high);
	map_end(o);
}

static void put_num_list(out *o, const soem_num *v, size_t n)
{
	seq_start(o, true);
	for (size_t i = 0; i < n; i++)
		put_num(o, &v[i]);
	seq_end(o);
}

/* key: text, when text is not NULL */
static void kv_str(out *o, const char *key, const char *s)
{
	if (!s)
		return;
	put_word(o, key);
	put_str(o, s);
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
	put_word(o, "kb");
	map_start(o, !has_extra(c->kb_extra));
	kv_str(o, "profile", c->kb_profile);
	kv_str(o, "version", c->kb_version);
	put_extra(o, c->kb_extra);
	map_end(o);
}

static void put_intervention(out *o, const soem_intervention *iv)
{
	if (!iv->name && !iv->description && !iv->municipality &&
	    !iv->author && !iv->usual_practice && !iv->start_year &&
	    !iv->has_analysis && !has_extra(iv->extra))
		return;
	put_word(o, "intervention");
	map_start(o, false);
	kv_str(o, "name", iv->name);
	kv_str(o, "description", iv->description);
	kv_str(o, "municipality", iv->municipality);
	kv_str(o, "author", iv->author);
	kv_str(o, "usual_practice", iv->usual_practice);
	if (iv->start_year) {
		put_word(o, "start_year");
		put_long(o, iv->start_year);
	}
	if (iv->has_analysis) {
		put_word(o, "analysis");
		put_word(o, iv->scenario ? "scenario" : "full");
	}
	put_extra(o, iv->extra);
	map_end(o);
}

static void put_intake(out *o, const soem_calc *c)
{
	if (!c->nintake)
		return;
	put_word(o, "intake");
	seq_start(o, false);
	for (size_t i = 0; i < c->nintake; i++) {
		const soem_intake *in = &c->intake[i];
		map_start(o, !has_extra(in->extra));
		put_word(o, "year");
		put_long(o, in->year);
		put_word(o, "participants");
		put_num(o, &in->participants);
		put_extra(o, in->extra);
		map_end(o);
	}
	seq_end(o);
}

static void put_ref(out *o, const char *key, const soem_ref *r)
{
	put_word(o, key);
	map_start(o, !has_extra(r->extra));
	kv_str(o, "kb", r->kb);
	kv_str(o, "custom", r->custom);
	put_extra(o, r->extra);
	map_end(o);
}

static const char *const source_kinds[] = {
	NULL, "study", "own_evaluation", "professional_estimate", "scenario"
};

static void put_source(out *o, const soem_effect *e)
{
	bool flow = !has_extra(e->source_extra) &&
		    (!e->source_note || strlen(e->source_note) <= FLOW_TEXT);
	put_word(o, "source");
	map_start(o, flow);
	if (e->source_kind > SOEM_SRC_NONE &&
	    e->source_kind <= SOEM_SRC_SCENARIO) {
		put_word(o, "kind");
		put_word(o, source_kinds[e->source_kind]);
	}
	if (e->evidence_level) {
		put_word(o, "evidence_level");
		put_long(o, e->evidence_level);
	}
	kv_str(o, "note", e->source_note);
	put_extra(o, e->source_extra);
	map_end(o);
}

static void put_experiment(out *o, const soem_experiment *x)
{
	put_word(o, "experiment");
	map_start(o, !has_extra(x->extra));
	put_word(o, "x_t");
	put_long(o, x->x_t);
	put_word(o, "n_t");
	put_long(o, x->n_t);
	put_word(o, "x_c");
	put_long(o, x->x_c);
	put_word(o, "n_c");
	put_long(o, x->n_c);
	if (x->has_waiting) {
		put_word(o, "waiting_months");
		put_double(o, x->waiting_months);
	}
	put_extra(o, x->extra);
	map_end(o);
}

static void put_persistence(out *o, const soem_effect *e)
{
	put_word(o, "persistence");
	map_start(o, !has_extra(e->persistence_extra));
	if (e->persist == SOEM_PERSIST_LIST) {
		put_word(o, "years");
		put_num_list(o, e->rho, e->nrho);
	} else {
		/* FULL written out is a decay of 0 */
		soem_num zero = soem_num_of(0.0);
		bool decay = e->persist == SOEM_PERSIST_DECAY;
		put_word(o, "decay");
		put_num(o, decay ? &e->decay : &zero);
	}
	put_extra(o, e->persistence_extra);
	map_end(o);
}

static void put_effect(out *o, const soem_effect *e)
{
	if (!e->has_measure && !e->has_source && !e->has_p1 && !e->has_p0 &&
	    !e->has_success_rate && !e->experiment.present &&
	    !e->has_persistence && !has_extra(e->extra))
		return;
	put_word(o, "effect");
	map_start(o, false);
	if (e->has_measure)
		put_ref(o, "measure", &e->measure);
	if (e->has_source)
		put_source(o, e);
	if (e->has_p1) {
		put_word(o, "p1");
		put_num(o, &e->p1);
	}
	if (e->has_p0) {
		put_word(o, "p0");
		put_num(o, &e->p0);
	}
	if (e->has_success_rate) {
		put_word(o, "success_rate");
		put_num(o, &e->success_rate);
	}
	if (e->experiment.present)
		put_experiment(o, &e->experiment);
	if (e->has_persistence)
		put_persistence(o, e);
	put_extra(o, e->extra);
	map_end(o);
}

static const char *const basis_names[] = {
	"per_participant", "per_participant_year", "once", "yearly"
};

static const char *basis_name(enum soem_basis b)
{
	return (unsigned)b < 4 ? basis_names[b] : basis_names[0];
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
	map_start(o, cost_flow(ci));
	kv_str(o, "name", ci->name);
	kv_str(o, "payer", ci->payer ? ci->payer : "");
	put_word(o, "basis");
	put_word(o, basis_name(ci->basis));
	if (ci->nyears) {
		put_word(o, "years");
		seq_start(o, true);
		for (size_t i = 0; i < ci->nyears; i++)
			put_long(o, ci->years[i]);
		seq_end(o);
	}
	if (ci->from) {
		put_word(o, "from");
		put_long(o, ci->from);
	}
	if (ci->to) {
		put_word(o, "to");
		put_long(o, ci->to);
	}
	put_word(o, "amount");
	put_double(o, ci->amount.value);
	if (ci->amount.ranged) {
		put_word(o, "low");
		put_double(o, ci->amount.low);
		put_word(o, "high");
		put_double(o, ci->amount.high);
	}
	if (ci->saved) {
		put_word(o, "saved");
		put_bool(o, true);
	}
	if (ci->price_year) {
		put_word(o, "price_year");
		put_long(o, ci->price_year);
	}
	put_extra(o, ci->extra);
	map_end(o);
}

static void put_costs(out *o, const soem_calc *c)
{
	if (!c->ncosts)
		return;
	put_word(o, "costs");
	seq_start(o, false);
	for (size_t i = 0; i < c->ncosts; i++)
		put_cost(o, &c->costs[i]);
	seq_end(o);
}

static const char *const match_names[] = { NULL, "yes", "partly", "no" };

static void put_match(out *o, const soem_match_assessment *m)
{
	if (!m->present)
		return;
	bool flow = !has_extra(m->extra) &&
		    (!m->note || strlen(m->note) <= FLOW_TEXT);
	put_word(o, "match");
	map_start(o, flow);
	if (m->target_group > SOEM_MATCH_UNSET &&
	    m->target_group <= SOEM_MATCH_NO) {
		put_word(o, "target_group");
		put_word(o, match_names[m->target_group]);
	}
	if (m->effect_measure > SOEM_MATCH_UNSET &&
	    m->effect_measure <= SOEM_MATCH_NO) {
		put_word(o, "effect_measure");
		put_word(o, match_names[m->effect_measure]);
	}
	kv_str(o, "note", m->note);
	put_extra(o, m->extra);
	map_end(o);
}

static void put_custom_service(out *o, const soem_custom_service *cs)
{
	map_start(o, !has_extra(cs->extra));
	kv_str(o, "id", cs->id);
	kv_str(o, "custom", cs->name);
	kv_str(o, "unit", cs->unit);
	kv_str(o, "area", cs->area);
	put_word(o, "kind");
	put_word(o, cs->kind == SOEM_REVENUE ? "revenue" : "expense");
	put_extra(o, cs->extra);
	map_end(o);
}

static bool cons_flow(const soem_consequence *q)
{
	if (has_extra(q->extra) || q->custom)
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
	map_start(o, cons_flow(q));
	put_word(o, "service");
	if (q->custom)
		put_custom_service(o, &q->cs);
	else
		put_str(o, q->service ? q->service : "");
	if (q->has_enabled || !q->enabled) {
		put_word(o, "enabled");
		put_bool(o, q->enabled);
	}
	if (q->nyears) {
		put_word(o, "years");
		put_num_list(o, q->years, q->nyears);
	}
	if (q->has_during) {
		put_word(o, "during");
		put_num(o, &q->during);
	}
	if (q->has_scale) {
		put_word(o, "scale");
		put_num(o, &q->scale);
	}
	if (q->from_kb) {
		put_word(o, "from_kb");
		put_bool(o, true);
	}
	put_extra(o, q->extra);
	map_end(o);
}

static void put_consequences(out *o, const soem_calc *c)
{
	if (!c->ncons)
		return;
	put_word(o, "consequences");
	seq_start(o, false);
	for (size_t i = 0; i < c->ncons; i++)
		put_consequence(o, &c->cons[i]);
	seq_end(o);
}

static void put_prices(out *o, const soem_calc *c)
{
	if (!c->nprices)
		return;
	put_word(o, "prices");
	map_start(o, false);
	for (size_t i = 0; i < c->nprices; i++) {
		const soem_price_entry *pe = &c->prices[i];
		put_str(o, pe->service ? pe->service : "");
		map_start(o, !has_extra(pe->extra));
		for (size_t j = 0; j < pe->n; j++) {
			put_str(o, pe->v[j].payer ? pe->v[j].payer : "");
			put_num(o, &pe->v[j].price);
		}
		if (pe->price_year) {
			put_word(o, "price_year");
			put_long(o, pe->price_year);
		}
		put_extra(o, pe->extra);
		map_end(o);
	}
	map_end(o);
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
	put_word(o, "discount");
	map_start(o, false);
	if (d->has_first_year) {
		put_word(o, "first_year");
		put_word(o, d->first_discounted ? "discounted" : "undiscounted");
	}
	put_word(o, "steps");
	seq_start(o, steps_flow(d));
	for (size_t i = 0; i < d->nsteps; i++) {
		map_start(o, !has_extra(d->steps[i].extra));
		put_word(o, "from");
		put_long(o, d->steps[i].from);
		put_word(o, "rate");
		put_num(o, &d->steps[i].rate);
		put_extra(o, d->steps[i].extra);
		map_end(o);
	}
	seq_end(o);
	put_extra(o, d->extra);
	map_end(o);
}

static void put_uncertainty(out *o, const soem_calc *c)
{
	if (!c->has_uncertainty && c->draws == 10000 && c->seed == 1 &&
	    !has_extra(c->uncertainty_extra))
		return;
	put_word(o, "uncertainty");
	map_start(o, !has_extra(c->uncertainty_extra));
	put_word(o, "draws");
	put_long(o, c->draws);
	put_word(o, "seed");
	put_ull(o, c->seed);
	put_extra(o, c->uncertainty_extra);
	map_end(o);
}

static void put_notes(out *o, const soem_calc *c)
{
	if (!c->nnotes)
		return;
	put_word(o, "notes");
	map_start(o, false);
	for (size_t i = 0; i < c->nnotes; i++) {
		put_str(o, c->notes[i].key);
		put_str(o, c->notes[i].text);
	}
	map_end(o);
}

static void put_calc(out *o, const soem_calc *c)
{
	put_word(o, "soem_calc");
	put_long(o, SOEM_CALC_FORMAT);
	put_kb(o, c);
	put_intervention(o, &c->intervention);
	put_word(o, "horizon");
	put_long(o, c->horizon);
	put_word(o, "course_years");
	put_long(o, c->course_years);
	put_intake(o, c);
	if (c->has_target_group)
		put_ref(o, "target_group", &c->target_group);
	put_effect(o, &c->effect);
	put_costs(o, c);
	put_match(o, &c->match);
	put_consequences(o, c);
	put_prices(o, c);
	put_discount(o, &c->discount);
	put_uncertainty(o, c);
	put_notes(o, c);
	if (c->evaluation) {
		put_word(o, "evaluation");
		put_node(o, c->evaluation);
	}
	put_extra(o, c->extra);
}

int soem_calc_write(const soem_calc *c, char **buf, size_t *len,
		    soem_err *err)
{
	out o = { .failed = false };
	yaml_event_t ev;

	*buf = NULL;
	*len = 0;
	if (!yaml_emitter_initialize(&o.em))
		return soem_err_set(err, SOEM_EX_CANTCREAT,
				    _("out of memory while writing the calculation"));
	yaml_emitter_set_output(&o.em, out_write, &o);
	yaml_emitter_set_unicode(&o.em, 1);
	yaml_emitter_set_indent(&o.em, 2);
	yaml_emitter_set_width(&o.em, 80);
	yaml_emitter_set_break(&o.em, YAML_LN_BREAK);

	put(&o, &ev,
	    yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
	if (!o.failed)
		put(&o, &ev,
		    yaml_document_start_event_initialize(&ev, NULL, NULL, NULL,
							 1));
	map_start(&o, false);
	put_calc(&o, c);
	map_end(&o);
	if (!o.failed)
		put(&o, &ev, yaml_document_end_event_initialize(&ev, 1));
	if (!o.failed)
		put(&o, &ev, yaml_stream_end_event_initialize(&ev));
	if (!o.failed && !yaml_emitter_flush(&o.em))
		o.failed = true;

	if (o.failed) {
		int rc = soem_err_set(err, SOEM_EX_CANTCREAT,
				      _("the calculation cannot be written as YAML: %s"),
				      o.em.problem ? o.em.problem
						   : _("unknown problem"));
		yaml_emitter_delete(&o.em);
		free(o.buf);
		return rc;
	}
	yaml_emitter_delete(&o.em);
	if (!o.buf)
		o.buf = xstrdup("");
	*buf = o.buf;
	*len = o.len;
	return 0;
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
