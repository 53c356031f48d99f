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

#include "report/out.h"
#include "report/report.h"
#include "model/illustrative.h"
#include "yaml/yemit.h"
#include "model/uncertainty.h"
#include "util/i18n.h"
#include "util/xalloc.h"

typedef yemit out;

/* {payer: v, ..., total: v} from row[0..P] */
static void payer_map(out *o, const soem_kb *kb, const double *row)
{
	yemit_map_start(o, true);
	for (size_t p = 0; p < kb->npayers; p++) {
		yemit_str(o, kb->payers[p].id);
		rpt_yaml_num(o, row[p]);
	}
	yemit_str(o, "total");
	rpt_yaml_num(o, row[kb->npayers]);
	yemit_map_end(o);
}

static void table_row(out *o, const soem_kb *kb, const char *key,
		      const double *table, int t, size_t P)
{
	yemit_str(o, key);
	payer_map(o, kb, table + (size_t)(t - 1) * (P + 1));
}

/* sensitivity: and monte_carlo: (SPEC §2.7, §4), after by_area. */
static void uncertainty(out *o, const soem_kb *kb, const soem_unc *u)
{
	if (u->sens.n > 0) {
		yemit_str(o, "sensitivity");
		yemit_seq_start(o, false);
		for (size_t i = 0; i < u->sens.n; i++) {
			const soem_sens_row *r = &u->sens.row[i];

			yemit_map_start(o, true);
			yemit_str(o, "input");
			yemit_str(o, u->inputs.in[r->input].name);
			yemit_str(o, "low");
			rpt_yaml_num(o, r->low);
			yemit_str(o, "high");
			rpt_yaml_num(o, r->high);
			yemit_str(o, "pv_net_low");
			rpt_yaml_num(o, r->pv_low);
			yemit_str(o, "pv_net_high");
			rpt_yaml_num(o, r->pv_high);
			yemit_map_end(o);
		}
		yemit_seq_end(o);
	}
	if (u->mc.draws > 0) {
		char b[32];

		yemit_str(o, "monte_carlo");
		yemit_map_start(o, false);
		yemit_str(o, "draws");
		yemit_long(o, u->mc.draws);
		yemit_str(o, "seed");
		snprintf(b, sizeof b, "%llu", (unsigned long long)u->mc.seed);
		yemit_word(o, b);
		yemit_str(o, "mean");
		payer_map(o, kb, u->mc.mean);
		yemit_str(o, "p5");
		payer_map(o, kb, u->mc.p5);
		yemit_str(o, "p50");
		payer_map(o, kb, u->mc.p50);
		yemit_str(o, "p95");
		payer_map(o, kb, u->mc.p95);
		yemit_str(o, "share_positive");
		payer_map(o, kb, u->mc.share_positive);
		yemit_map_end(o);
	}
}

/* at_years: (SPEC §2.9): the cumulative net at the report years. */
static void at_years(out *o, const soem_kb *kb, const soem_result *r)
{
	size_t w = r->npayers + 1;

	yemit_str(o, "at_years");
	yemit_seq_start(o, false);
	for (size_t i = 0; i < r->nat; i++) {
		yemit_map_start(o, false);
		yemit_str(o, "year");
		yemit_long(o, r->at_year[i]);
		yemit_str(o, "net");
		payer_map(o, kb, r->at_net + i * w);
		yemit_str(o, "net_discounted");
		payer_map(o, kb, r->at_net_disc + i * w);
		yemit_map_end(o);
	}
	yemit_seq_end(o);
}

/* by_group: (SPEC §2.9), in file order. */
static void by_group(out *o, const soem_report *rp)
{
	const soem_result *r = rp->res;
	size_t w = r->npayers + 1;

	yemit_str(o, "by_group");
	yemit_seq_start(o, false);
	for (size_t g = 0; g < r->ngroups; g++) {
		const char *name = rp->group_names && rp->group_names[g]
					   ? rp->group_names[g]
					   : "";

		yemit_map_start(o, false);
		yemit_str(o, "name");
		yemit_str(o, name);
		yemit_str(o, "participants");
		rpt_yaml_num(o, r->grp_participants[g]);
		yemit_str(o, "success_rate");
		rpt_yaml_num(o, r->grp_s[g]);
		yemit_str(o, "successes");
		rpt_yaml_num(o, r->grp_successes[g]);
		yemit_str(o, "effects");
		payer_map(o, rp->kb, r->grp_effects + g * w);
		yemit_str(o, "pv_effects");
		payer_map(o, rp->kb, r->grp_pv_effects + g * w);
		yemit_map_end(o);
	}
	yemit_seq_end(o);
}

int soem_report_yaml(const soem_report *rp, char **buf, size_t *len,
		     soem_err *err)
{
	const soem_kb *kb = rp->kb;
	const soem_result *r = rp->res;
	size_t P = r->npayers;
	out o;
	*buf = NULL;
	*len = 0;
	int rc = yemit_begin(&o, 100, err);
	if (rc)
		return rc;
	yemit_map_start(&o, false);

	yemit_str(&o, "soem_result");
	yemit_long(&o, 1);
	yemit_str(&o, "currency");
	yemit_str(&o, kb->currency ? kb->currency : "");
	yemit_str(&o, "price_year");
	yemit_long(&o, rp->calc && rp->calc->price_level ? rp->calc->price_level
							 : kb->price_year);
	yemit_str(&o, "horizon");
	yemit_long(&o, r->horizon);
	yemit_str(&o, "payers");
	yemit_seq_start(&o, true);
	for (size_t p = 0; p < P; p++)
		yemit_str(&o, kb->payers[p].id);
	yemit_seq_end(&o);
	if (r->ngroups == 0) {
		yemit_str(&o, "success_rate");
		rpt_yaml_num(&o, r->success_rate);
	}

	yemit_str(&o, "years");
	yemit_seq_start(&o, false);
	for (int t = 1; t <= r->horizon; t++) {
		yemit_map_start(&o, false);
		yemit_str(&o, "year");
		yemit_long(&o, t);
		yemit_str(&o, "discount_factor");
		rpt_yaml_num(&o, r->discount[t - 1]);
		table_row(&o, kb, "costs", r->costs, t, P);
		table_row(&o, kb, "effects", r->effects, t, P);
		table_row(&o, kb, "net", r->net, t, P);
		table_row(&o, kb, "net_discounted", r->net_disc, t, P);
		table_row(&o, kb, "cumulative_discounted", r->cum_disc, t, P);
		yemit_map_end(&o);
	}
	yemit_seq_end(&o);

	yemit_str(&o, "totals");
	yemit_map_start(&o, false);
	yemit_str(&o, "costs");
	payer_map(&o, kb, r->tot_costs);
	yemit_str(&o, "effects");
	payer_map(&o, kb, r->tot_effects);
	yemit_str(&o, "net");
	payer_map(&o, kb, r->tot_net);
	yemit_str(&o, "pv_costs");
	payer_map(&o, kb, r->pv_costs);
	yemit_str(&o, "pv_effects");
	payer_map(&o, kb, r->pv_effects);
	yemit_str(&o, "pv_net");
	payer_map(&o, kb, r->pv_net);
	yemit_map_end(&o);

	yemit_str(&o, "break_even_year");
	yemit_map_start(&o, true);
	for (size_t p = 0; p <= P; p++) {
		yemit_str(&o, p < P ? kb->payers[p].id : "total");
		int be = r->break_even[p];
		if (be == SOEM_BE_NULL)
			yemit_null(&o);
		else if (be == SOEM_BE_NONE)
			yemit_word(&o, "none");
		else
			yemit_long(&o, be);
	}
	yemit_map_end(&o);

	yemit_str(&o, "return_per_krone");
	payer_map(&o, kb, r->return_per_krone);
	if (r->ngroups == 0) {
		yemit_str(&o, "break_even_success_rate");
		rpt_yaml_num(&o, r->break_even_s);
	} else {
		yemit_str(&o, "break_even_scale");
		rpt_yaml_num(&o, r->break_even_scale);
	}
	yemit_str(&o, "per_participant");
	payer_map(&o, kb, r->per_participant);
	yemit_str(&o, "per_success");
	if (!(r->successes > 0))
		yemit_null(&o);
	else
		payer_map(&o, kb, r->per_success);
	if (r->has_completion) {
		yemit_str(&o, "per_completer");
		payer_map(&o, kb, r->per_completer);
	}
	at_years(&o, kb, r);
	yemit_str(&o, "break_even_participants");
	if (isnan(r->bep_value)) {
		yemit_null(&o);
	} else {
		yemit_map_start(&o, true);
		yemit_str(&o, "value");
		rpt_yaml_num(&o, r->bep_value);
		yemit_str(&o, "whole");
		if (fabs(r->bep_whole) < 9e15)
			yemit_long(&o, (long)r->bep_whole);
		else
			rpt_yaml_num(&o, r->bep_whole);
		yemit_map_end(&o);
	}
	if (r->ngroups > 0)
		by_group(&o, rp);

	yemit_str(&o, "by_service");
	yemit_seq_start(&o, false);
	/* SPEC §2.9: one entry per service id across all groups, in order
	 * of first appearance (ids are unique without groups) */
	soem_svc_totals st;
	soem_report_svc_totals(rp, &st);
	for (size_t e = 0; e < st.n; e++) {
		size_t i = st.first[e];
		yemit_map_start(&o, true);
		yemit_str(&o, "service");
		yemit_str(&o, soem_report_service_id(rp, i));
		yemit_str(&o, "area");
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
		yemit_str(&o, area);
		yemit_str(&o, "effects");
		payer_map(&o, kb, st.effects + e * (P + 1));
		if (st.taxed[e]) {
			yemit_str(&o, "gross");
			payer_map(&o, kb, st.gross + e * (P + 1));
			yemit_str(&o, "tax");
			payer_map(&o, kb, st.tax + e * (P + 1));
		}
		yemit_map_end(&o);
	}
	soem_report_svc_totals_free(&st);
	yemit_seq_end(&o);

	yemit_str(&o, "by_area");
	yemit_seq_start(&o, false);
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
		yemit_map_start(&o, true);
		yemit_str(&o, "area");
		yemit_str(&o, kb->areas[a].id);
		yemit_str(&o, "effects");
		payer_map(&o, kb, r->by_area + a * (P + 1));
		yemit_map_end(&o);
	}
	yemit_seq_end(&o);
	/* issue 16: the part of PV(E) that rests on illustrative figures
	 * (model/illustrative.h); null when there are no effects */
	yemit_str(&o, "illustrative_share");
	yemit_double(&o, soem_illustrative_share(rp->calc, kb, r,
						 rp->svc_cons));
	if (rp->unc)
		uncertainty(&o, kb, rp->unc);

	yemit_map_end(&o);
	return yemit_finish(&o, buf, len, _("could not write the YAML result"),
			    err);
}

/* ------------------------------------------------------------------ */
/* soem design (SPEC §4) */

static void design_num_or_null(out *o, const char *key, double v)
{
	yemit_str(o, key);
	rpt_yaml_num(o, v);
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
		yemit_str(o, "enrol");
		yemit_map_start(o, true);
		yemit_str(o, "control");
		yemit_long(o, ds->enrol_control);
		yemit_str(o, "treatment");
		yemit_long(o, ds->enrol_treatment);
		yemit_str(o, "total");
		yemit_long(o, ds->enrol_total);
		yemit_map_end(o);
	} else if (in->has_counts) {
		design_num_or_null(o, "p0", ds->p0_obs);
		design_num_or_null(o, "p1", ds->p1_obs);
	}
	if (ds->has_months) {
		yemit_str(o, "months");
		if (ds->months < 0)
			yemit_null(o);
		else
			yemit_long(o, ds->months);
	}
	if (ds->site_months) {
		yemit_str(o, "site_months");
		yemit_map_start(o, true);
		for (size_t i = 0; i < in->nsites; i++) {
			yemit_str(o, in->sites[i].name);
			rpt_yaml_num(o, ds->site_months[i]);
		}
		yemit_map_end(o);
	}
	if (in->problem != SOEM_DESIGN_NONE && in->nsub > 0) {
		yemit_str(o, "subgroups");
		yemit_seq_start(o, false);
		for (size_t i = 0; i < in->nsub; i++) {
			yemit_map_start(o, true);
			design_num_or_null(o, "share", in->sub[i]);
			design_num_or_null(o, "detectable_p1", ds->sub_p1[i]);
			yemit_map_end(o);
		}
		yemit_seq_end(o);
	}
	if (in->has_counts) {
		yemit_str(o, "ci");
		yemit_map_start(o, true);
		design_num_or_null(o, "level", in->level);
		design_num_or_null(o, "difference", ds->diff);
		design_num_or_null(o, "low", ds->ci_low);
		design_num_or_null(o, "high", ds->ci_high);
		yemit_map_end(o);
	}
}

int soem_design_yaml(const soem_design_in *in, const soem_design_out *ds,
		     char **buf, size_t *len, soem_err *err)
{
	out o;
	*buf = NULL;
	*len = 0;
	int rc = yemit_begin(&o, 100, err);
	if (rc)
		return rc;
	yemit_map_start(&o, false);
	yemit_str(&o, "soem_design");
	yemit_long(&o, 1);
	design_body(&o, in, ds);
	yemit_map_end(&o);
	return yemit_finish(&o, buf, len, _("could not write the YAML result"),
			    err);
}
