/* report_yaml.c - the machine-readable result of SPEC §4, with libyaml's
 * emitter.  Numbers are written with the shortest "%.Ng" that reads back
 * exactly; a missing value is `null`; a break-even year that does not
 * exist within the horizon is `none` (SPEC §2.6: "none" if there is none,
 * null for a payer with no costs and no effects). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "io/report.h"
#include "model/uncertainty.h"
#include "util/i18n.h"
#include "util/xalloc.h"

typedef struct out {
	yaml_emitter_t em;
	char *buf;
	size_t len, cap;
	int ok;
} out;

static int write_handler(void *data, unsigned char *buffer, size_t size)
{
	out *o = data;
	xgrow((void **)&o->buf, &o->cap, o->len + size + 1, 1);
	memcpy(o->buf + o->len, buffer, size);
	o->len += size;
	o->buf[o->len] = '\0';
	return 1;
}

static void emit(out *o, yaml_event_t *ev)
{
	if (o->ok && !yaml_emitter_emit(&o->em, ev))
		o->ok = 0;
}

static void scalar(out *o, const char *s, bool plain)
{
	yaml_event_t ev;
	if (!o->ok)
		return;
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s,
					  (int)strlen(s), plain, !plain,
					  plain ? YAML_PLAIN_SCALAR_STYLE
						: YAML_ANY_SCALAR_STYLE)) {
		o->ok = 0;
		return;
	}
	emit(o, &ev);
}

static void str(out *o, const char *s)
{
	/* A plain scalar would let `yes`, `1`, `null` change meaning:
	 * quote text unless it is a simple identifier. */
	bool simple = *s != '\0';
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || *p == '_' ||
		      (p != s && *p >= '0' && *p <= '9')))
			simple = false;
	static const char *const reserved[] = { "null", "true", "false", "yes",
						"no", "on", "off", "y",
						"n", "none", NULL };
	for (int i = 0; simple && reserved[i]; i++)
		if (strcmp(s, reserved[i]) == 0)
			simple = false;
	scalar(o, s, simple);
}

static void num(out *o, double v)
{
	char b[40];
	if (!isfinite(v)) {
		scalar(o, "null", true);
		return;
	}
	soem_fmt_exact(v, b, sizeof b);
	scalar(o, b, true);
}

static void integer(out *o, long v)
{
	char b[32];
	snprintf(b, sizeof b, "%ld", v);
	scalar(o, b, true);
}

static void map_start(out *o, bool flow)
{
	yaml_event_t ev;
	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
					    flow ? YAML_FLOW_MAPPING_STYLE
						 : YAML_BLOCK_MAPPING_STYLE);
	emit(o, &ev);
}

static void map_end(out *o)
{
	yaml_event_t ev;
	yaml_mapping_end_event_initialize(&ev);
	emit(o, &ev);
}

static void seq_start(out *o, bool flow)
{
	yaml_event_t ev;
	yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
					     flow ? YAML_FLOW_SEQUENCE_STYLE
						  : YAML_BLOCK_SEQUENCE_STYLE);
	emit(o, &ev);
}

static void seq_end(out *o)
{
	yaml_event_t ev;
	yaml_sequence_end_event_initialize(&ev);
	emit(o, &ev);
}

/* {payer: v, ..., total: v} from row[0..P] */
static void payer_map(out *o, const soem_kb *kb, const double *row)
{
	map_start(o, true);
	for (size_t p = 0; p < kb->npayers; p++) {
		str(o, kb->payers[p].id);
		num(o, row[p]);
	}
	str(o, "total");
	num(o, row[kb->npayers]);
	map_end(o);
}

static void table_row(out *o, const soem_kb *kb, const char *key,
		      const double *table, int t, size_t P)
{
	str(o, key);
	payer_map(o, kb, table + (size_t)(t - 1) * (P + 1));
}

/* sensitivity: and monte_carlo: (SPEC §2.7, §4), after by_area. */
static void uncertainty(out *o, const soem_kb *kb, const soem_unc *u)
{
	if (u->sens.n > 0) {
		str(o, "sensitivity");
		seq_start(o, false);
		for (size_t i = 0; i < u->sens.n; i++) {
			const soem_sens_row *r = &u->sens.row[i];

			map_start(o, true);
			str(o, "input");
			str(o, u->inputs.in[r->input].name);
			str(o, "low");
			num(o, r->low);
			str(o, "high");
			num(o, r->high);
			str(o, "pv_net_low");
			num(o, r->pv_low);
			str(o, "pv_net_high");
			num(o, r->pv_high);
			map_end(o);
		}
		seq_end(o);
	}
	if (u->mc.draws > 0) {
		char b[32];

		str(o, "monte_carlo");
		map_start(o, false);
		str(o, "draws");
		integer(o, u->mc.draws);
		str(o, "seed");
		snprintf(b, sizeof b, "%llu", (unsigned long long)u->mc.seed);
		scalar(o, b, true);
		str(o, "mean");
		payer_map(o, kb, u->mc.mean);
		str(o, "p5");
		payer_map(o, kb, u->mc.p5);
		str(o, "p50");
		payer_map(o, kb, u->mc.p50);
		str(o, "p95");
		payer_map(o, kb, u->mc.p95);
		str(o, "share_positive");
		payer_map(o, kb, u->mc.share_positive);
		map_end(o);
	}
}

int soem_report_yaml(const soem_report *rp, char **buf, size_t *len,
		     soem_err *err)
{
	const soem_kb *kb = rp->kb;
	const soem_result *r = rp->res;
	size_t P = r->npayers;
	out o = { .ok = 1 };
	yaml_event_t ev;
	*buf = NULL;
	*len = 0;
	if (!yaml_emitter_initialize(&o.em))
		return soem_err_set(err, SOEM_EX_IOERR, _("out of memory"));
	yaml_emitter_set_output(&o.em, write_handler, &o);
	yaml_emitter_set_unicode(&o.em, 1);
	yaml_emitter_set_width(&o.em, 100);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	emit(&o, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	emit(&o, &ev);
	map_start(&o, false);

	str(&o, "soem_result");
	integer(&o, 1);
	str(&o, "currency");
	str(&o, kb->currency ? kb->currency : "");
	str(&o, "price_year");
	integer(&o, kb->price_year);
	str(&o, "horizon");
	integer(&o, r->horizon);
	str(&o, "payers");
	seq_start(&o, true);
	for (size_t p = 0; p < P; p++)
		str(&o, kb->payers[p].id);
	seq_end(&o);
	str(&o, "success_rate");
	num(&o, r->success_rate);

	str(&o, "years");
	seq_start(&o, false);
	for (int t = 1; t <= r->horizon; t++) {
		map_start(&o, false);
		str(&o, "year");
		integer(&o, t);
		str(&o, "discount_factor");
		num(&o, r->discount[t - 1]);
		table_row(&o, kb, "costs", r->costs, t, P);
		table_row(&o, kb, "effects", r->effects, t, P);
		table_row(&o, kb, "net", r->net, t, P);
		table_row(&o, kb, "net_discounted", r->net_disc, t, P);
		table_row(&o, kb, "cumulative_discounted", r->cum_disc, t, P);
		map_end(&o);
	}
	seq_end(&o);

	str(&o, "totals");
	map_start(&o, false);
	str(&o, "costs");
	payer_map(&o, kb, r->tot_costs);
	str(&o, "effects");
	payer_map(&o, kb, r->tot_effects);
	str(&o, "net");
	payer_map(&o, kb, r->tot_net);
	str(&o, "pv_costs");
	payer_map(&o, kb, r->pv_costs);
	str(&o, "pv_effects");
	payer_map(&o, kb, r->pv_effects);
	str(&o, "pv_net");
	payer_map(&o, kb, r->pv_net);
	map_end(&o);

	str(&o, "break_even_year");
	map_start(&o, true);
	for (size_t p = 0; p <= P; p++) {
		str(&o, p < P ? kb->payers[p].id : "total");
		int be = r->break_even[p];
		if (be == SOEM_BE_NULL)
			scalar(&o, "null", true);
		else if (be == SOEM_BE_NONE)
			scalar(&o, "none", true);
		else
			integer(&o, be);
	}
	map_end(&o);

	str(&o, "return_per_krone");
	payer_map(&o, kb, r->return_per_krone);
	str(&o, "break_even_success_rate");
	num(&o, r->break_even_s);
	str(&o, "per_participant");
	payer_map(&o, kb, r->per_participant);
	str(&o, "per_success");
	if (!(r->successes > 0))
		scalar(&o, "null", true);
	else
		payer_map(&o, kb, r->per_success);

	str(&o, "by_service");
	seq_start(&o, false);
	for (size_t i = 0; i < r->nservices; i++) {
		map_start(&o, true);
		str(&o, "service");
		str(&o, soem_report_service_id(rp, i));
		str(&o, "area");
		size_t k = rp->svc_cons ? rp->svc_cons[i] : i;
		const soem_consequence *q = &rp->calc->cons[k];
		const char *area = "";
		if (q->custom)
			area = q->cs.area ? q->cs.area : "";
		else {
			size_t s = soem_kb_service_index(kb, q->service);
			if (s != SOEM_NPOS)
				area = kb->areas[kb->services[s].area].id;
		}
		str(&o, area);
		str(&o, "effects");
		payer_map(&o, kb, r->by_service + i * (P + 1));
		map_end(&o);
	}
	seq_end(&o);

	str(&o, "by_area");
	seq_start(&o, false);
	for (size_t a = 0; a < r->nareas; a++) {
		bool used = false;
		for (size_t i = 0; i < rp->calc->ncons && !used; i++) {
			const soem_consequence *q = &rp->calc->cons[i];
			if (!q->enabled)
				continue;
			size_t ai = q->custom ? soem_kb_area_index(kb, q->cs.area)
					      : SOEM_NPOS;
			if (!q->custom) {
				size_t s = soem_kb_service_index(kb, q->service);
				if (s != SOEM_NPOS)
					ai = kb->services[s].area;
			}
			used = ai == a;
		}
		if (!used)
			continue;
		map_start(&o, true);
		str(&o, "area");
		str(&o, kb->areas[a].id);
		str(&o, "effects");
		payer_map(&o, kb, r->by_area + a * (P + 1));
		map_end(&o);
	}
	seq_end(&o);
	if (rp->unc)
		uncertainty(&o, kb, rp->unc);

	map_end(&o);
	yaml_document_end_event_initialize(&ev, 1);
	emit(&o, &ev);
	yaml_stream_end_event_initialize(&ev);
	emit(&o, &ev);
	yaml_emitter_flush(&o.em);
	int ok = o.ok;
	yaml_emitter_delete(&o.em);
	if (!ok) {
		free(o.buf);
		return soem_err_set(err, SOEM_EX_IOERR,
				    _("could not write the YAML result"));
	}
	*buf = o.buf;
	*len = o.len;
	return 0;
}

/* ------------------------------------------------------------------ */
/* soem design (SPEC §4) */

static void design_num_or_null(out *o, const char *key, double v)
{
	str(o, key);
	num(o, v);
}

static void design_body(out *o, const soem_design_in *in,
			const soem_design_out *ds)
{
	if (in->problem != SOEM_DESIGN_NONE) {
		design_num_or_null(o, "alpha", in->alpha);
		design_num_or_null(o, "power", ds->power);
		design_num_or_null(o, "ratio", in->ratio);
		design_num_or_null(o, "p0", in->p0);
		design_num_or_null(o, "p1", ds->p1);
		design_num_or_null(o, "n_control", ds->n_control);
		design_num_or_null(o, "n_treatment", ds->n_treatment);
		str(o, "enrol");
		map_start(o, true);
		str(o, "control");
		integer(o, ds->enrol_control);
		str(o, "treatment");
		integer(o, ds->enrol_treatment);
		str(o, "total");
		integer(o, ds->enrol_total);
		map_end(o);
	} else if (in->has_counts) {
		design_num_or_null(o, "p0", ds->p0_obs);
		design_num_or_null(o, "p1", ds->p1_obs);
	}
	if (ds->has_months) {
		str(o, "months");
		if (ds->months < 0)
			scalar(o, "null", true);
		else
			integer(o, ds->months);
	}
	if (ds->site_months) {
		str(o, "site_months");
		map_start(o, true);
		for (size_t i = 0; i < in->nsites; i++) {
			str(o, in->sites[i].name);
			num(o, ds->site_months[i]);
		}
		map_end(o);
	}
	if (in->problem != SOEM_DESIGN_NONE && in->nsub > 0) {
		str(o, "subgroups");
		seq_start(o, false);
		for (size_t i = 0; i < in->nsub; i++) {
			map_start(o, true);
			design_num_or_null(o, "share", in->sub[i]);
			design_num_or_null(o, "detectable_p1", ds->sub_p1[i]);
			map_end(o);
		}
		seq_end(o);
	}
	if (in->has_counts) {
		str(o, "ci");
		map_start(o, true);
		design_num_or_null(o, "level", in->level);
		design_num_or_null(o, "difference", ds->diff);
		design_num_or_null(o, "low", ds->ci_low);
		design_num_or_null(o, "high", ds->ci_high);
		map_end(o);
	}
}

int soem_design_yaml(const soem_design_in *in, const soem_design_out *ds,
		     char **buf, size_t *len, soem_err *err)
{
	out o = { .ok = 1 };
	yaml_event_t ev;

	*buf = NULL;
	*len = 0;
	if (!yaml_emitter_initialize(&o.em))
		return soem_err_set(err, SOEM_EX_IOERR, _("out of memory"));
	yaml_emitter_set_output(&o.em, write_handler, &o);
	yaml_emitter_set_unicode(&o.em, 1);
	yaml_emitter_set_width(&o.em, 100);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	emit(&o, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	emit(&o, &ev);
	map_start(&o, false);
	str(&o, "soem_design");
	integer(&o, 1);
	design_body(&o, in, ds);
	map_end(&o);
	yaml_document_end_event_initialize(&ev, 1);
	emit(&o, &ev);
	yaml_stream_end_event_initialize(&ev);
	emit(&o, &ev);
	yaml_emitter_flush(&o.em);
	int ok = o.ok;
	yaml_emitter_delete(&o.em);
	if (!ok) {
		free(o.buf);
		return soem_err_set(err, SOEM_EX_IOERR,
				    _("could not write the YAML result"));
	}
	*buf = o.buf;
	*len = o.len;
	return 0;
}
