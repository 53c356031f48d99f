/* uncertainty.c - see uncertainty.h
 *
 * Choices where SPEC.md is silent:
 *  - "The order the inputs appear in the file" is the order of SPEC §3.2
 *    (the order soem writes a file in): intake, effect (p1, p0,
 *    success_rate, experiment, persistence), costs, consequences (years,
 *    during, scale of each row), prices (entries and payers as written),
 *    discount steps.  Reordering the keys of a hand-written file therefore
 *    does not change the draws.
 *  - Names: `intake[Y].participants` with the cohort's year Y (as in SPEC
 *    §2.7's example); list positions are 0-based as in every other path
 *    (`consequences[kontanthjaelp].years[2]` is the third year,
 *    `discount.steps[0].rate`, `effect.persistence.years[0]`); a cost
 *    without a name is `costs[i].amount` with its position; a repeated
 *    name is `costs[NAME#2]` for its second occurrence (SPEC §2.7).
 *  - s from an experiment is the input `effect.experiment`.
 *  - Inputs of a disabled consequence, and price ranges of a service no
 *    enabled consequence uses, change nothing and are left out.
 *  - The interval of s for the break-even line: the experiment's, else
 *    success_rate's range, else [p1 low - p0 high, p1 high - p0 low].
 *  - SPEC 2.9's ranged keys take their place in that order: completion
 *    after the intake (`completion`, `groups[NAME].completion`), a row's
 *    own persistence after its scale
 *    (`consequences[ID].persistence.decay`, `...persistence.years[J]`),
 *    a schedule's entries in file order where the price stands, named
 *    by their year (`prices.herberg.kommune[2026]`), the tax shares of
 *    `taxes:` after the discount steps, as the file writes them
 *    (`taxes.SERVICE.PAYER`).  A tax share or schedule amount applies to
 *    the service's rows in every group, as a price does.  A schedule
 *    entry in force in no year of the horizon is left out.
 */
#include "config.h"

#include "model/uncertainty.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "design/design.h"
#include "model/problem.h"
#include "util/i18n.h"
#include "util/idindex.h"
#include "util/xalloc.h"

#define NAME_MAX_LEN 700

/* Paths as the loader names them: parent.key, parent[i], parent[id]. */
static const char *unc_key(char *buf, size_t size, const char *parent,
			   const char *key)
{
	size_t n = strlen(parent);

	snprintf(buf, size, "%s", parent);
	if (n < size)
		snprintf(buf + n, size - n, ".%s", key);
	return buf;
}

static const char *unc_index(char *buf, size_t size, const char *parent,
			     size_t i)
{
	size_t n = strlen(parent);

	snprintf(buf, size, "%s", parent);
	if (n < size)
		snprintf(buf + n, size - n, "[%zu]", i);
	return buf;
}

static const char *unc_id(char *buf, size_t size, const char *parent,
			  const char *id)
{
	size_t n = strlen(parent);

	snprintf(buf, size, "%s", parent);
	if (n < size)
		snprintf(buf + n, size - n, "[%s]", id);
	return buf;
}

static void unc_add(soem_uset *u, const char *name, enum soem_ukind kind,
		    const soem_num *v, size_t i, size_t j, double factor)
{
	soem_uset_add(u, name, kind, v->value, v->low, v->high, i, j, factor);
}

void soem_unc_experiment(const soem_calc *c, soem_expinfo *x)
{
	const soem_experiment *e = &c->effect.experiment;
	int first = 0;

	memset(x, 0, sizeof *x);
	if (!e->present || e->n_t < 1 || e->n_c < 1)
		return;
	x->present = true;
	x->x_t = e->x_t;
	x->n_t = e->n_t;
	x->x_c = e->x_c;
	x->n_c = e->n_c;
	x->p1 = (double)e->x_t / (double)e->n_t;
	x->p0 = (double)e->x_c / (double)e->n_c;
	soem_newcombe(e->x_t, e->n_t, e->x_c, e->n_c, 0.95, &x->s, &x->low,
		      &x->high);
	x->contains_zero = x->low <= 0 && x->high >= 0;
	x->has_waiting = e->has_waiting;
	x->waiting_months = e->waiting_months;
	if (!e->has_waiting || c->nintake == 0)
		return;
	first = c->intake[0].year;
	for (size_t i = 1; i < c->nintake; i++)
		if (c->intake[i].year < first)
			first = c->intake[i].year;
	/* Year t starts (t - first) * 12 months after the first cohort's
	 * randomisation; from the first year that starts at or after the
	 * end of the waiting list, no randomised comparison exists. */
	double w = ceil(e->waiting_months / 12);
	if (w < SOEM_HORIZON_MAX + 1 && first + (int)w <= c->horizon)
		x->assumption_from = first + (int)w;
}

static void unc_effect(const soem_calc *c, soem_uset *u)
{
	const soem_effect *e = &c->effect;

	u->p1 = e->has_p1 ? e->p1.value : 0;
	u->p0 = e->has_p0 ? e->p0.value : 0;
	if (e->has_p1 && e->p1.ranged)
		unc_add(u, "effect.p1", SOEM_U_P1, &e->p1, 0, 0, 1);
	if (e->has_p0 && e->p0.ranged)
		unc_add(u, "effect.p0", SOEM_U_P0, &e->p0, 0, 0, 1);
	if (e->has_success_rate && e->success_rate.ranged)
		unc_add(u, "effect.success_rate", SOEM_U_S, &e->success_rate,
			0, 0, 1);
	if (e->experiment.present) {
		soem_expinfo x;
		size_t i;

		soem_unc_experiment(c, &x);
		if (x.present) {
			i = soem_uset_add(u, "effect.experiment", SOEM_U_S,
					  x.s, x.low, x.high, 0, 0, 1);
			u->in[i].dist = SOEM_DIST_NORMAL;
			u->in[i].sd = (x.high - x.low) /
				      (2 * SOEM_EXPERIMENT_Z);
		}
	}
	if (e->persist == SOEM_PERSIST_DECAY && e->decay.ranged)
		unc_add(u, "effect.persistence.decay", SOEM_U_DECAY, &e->decay,
			0, 0, 1);
	if (e->persist == SOEM_PERSIST_LIST) {
		char name[NAME_MAX_LEN];

		for (size_t j = 0; j < e->nrho; j++) {
			if (!e->rho[j].ranged)
				continue;
			unc_index(name, sizeof name,
				    "effect.persistence.years", j);
			unc_add(u, name, SOEM_U_RHO, &e->rho[j], j, 0, 1);
		}
	}
}

static int unc_costs(const soem_calc *c, const soem_kb *kb, soem_uset *u,
		     soem_err *err)
{
	char base[NAME_MAX_LEN], name[NAME_MAX_LEN];
	soem_idindex names;
	/* the occurrences so far of each cost's name, counted at its first */
	size_t *count = xcalloc(c->ncosts ? c->ncosts : 1, sizeof *count);
	int rc = 0;

	soem_idindex_init(&names, c->costs, c->ncosts, sizeof *c->costs,
			  offsetof(soem_cost_item, name));
	for (size_t i = 0; i < c->ncosts; i++) {
		const soem_cost_item *ci = &c->costs[i];
		size_t first = soem_idindex_add(&names, i);
		size_t occ = ++count[first == SOEM_IDX_NONE ? i : first];
		double f;

		if (!ci->amount.ranged)
			continue;
		if (!soem_calc_price_factor(c, kb, ci->price_year, &f)) {
			rc = soem_err_set(err, SOEM_EX_DATAERR,
					  _("costs[%zu].price_year: %d is not in the profile's price index"),
					  i, ci->price_year);
			break;
		}
		if (ci->name && *ci->name) {
			/* a repeated name: costs[NAME#2], its second
			 * occurrence (SPEC 2.7) */
			if (occ > 1) {
				char id[NAME_MAX_LEN - 32];
				snprintf(id, sizeof id, "%.600s#%zu", ci->name,
					 occ);
				unc_id(base, sizeof base, "costs", id);
			} else
				unc_id(base, sizeof base, "costs", ci->name);
		} else
			unc_index(base, sizeof base, "costs", i);
		unc_key(name, sizeof name, base, "amount");
		unc_add(u, name, SOEM_U_COST, &ci->amount, i, 0, f);
	}
	soem_idindex_free(&names);
	free(count);
	return rc;
}

/* The engine service of each consequence row (SOEM_NPOS: none), from
 * svc_cons (the row of each service; NULL: the same index): one pass,
 * not a search per row (issue 18). */
static size_t *unc_services(const soem_calc *c, const soem_problem *pb,
			    const size_t *svc_cons)
{
	size_t *k = xcalloc(c->ncons ? c->ncons : 1, sizeof *k);
	for (size_t q = 0; q < c->ncons; q++)
		k[q] = SOEM_NPOS;
	for (size_t i = 0; i < pb->nservices; i++) {
		size_t q = svc_cons ? svc_cons[i] : i;
		if (q < c->ncons && k[q] == SOEM_NPOS)
			k[q] = i;
	}
	return k;
}

/* The ranged inputs of consequence row cq (engine service k), named
 * under base: each year, `during`, `scale`. */
static void unc_cons_row(soem_uset *u, const soem_consequence *cq,
			 const char *base, size_t k)
{
	char name[NAME_MAX_LEN], yrs[NAME_MAX_LEN];

	unc_key(yrs, sizeof yrs, base, "years");
	for (size_t j = 0; j < cq->nyears; j++) {
		if (!cq->years[j].ranged)
			continue;
		unc_index(name, sizeof name, yrs, j);
		unc_add(u, name, SOEM_U_DELTA, &cq->years[j], k, j, 1);
	}
	if (cq->has_during && cq->during.ranged) {
		unc_key(name, sizeof name, base, "during");
		unc_add(u, name, SOEM_U_DURING, &cq->during, k, 0, 1);
	}
	if (cq->has_scale && cq->scale.ranged) {
		unc_key(name, sizeof name, base, "scale");
		unc_add(u, name, SOEM_U_SCALE, &cq->scale, k, 0, 1);
	}
	/* SPEC 2.9: the row's own persistence */
	if (!cq->has_persistence)
		return;
	if (cq->persist == SOEM_PERSIST_DECAY && cq->decay.ranged) {
		unc_key(name, sizeof name, base, "persistence.decay");
		unc_add(u, name, SOEM_U_SDECAY, &cq->decay, k, 0, 1);
	}
	for (size_t j = 0; cq->persist == SOEM_PERSIST_LIST && j < cq->nrho;
	     j++) {
		if (!cq->rho[j].ranged)
			continue;
		unc_key(yrs, sizeof yrs, base, "persistence.years");
		unc_index(name, sizeof name, yrs, j);
		unc_add(u, name, SOEM_U_SRHO, &cq->rho[j], k, j, 1);
	}
}

static void unc_consequences(const soem_calc *c, const size_t *cons_svc,
			     soem_uset *u)
{
	char base[NAME_MAX_LEN];

	for (size_t q = 0; q < c->ncons; q++) {
		const soem_consequence *cq = &c->cons[q];
		size_t k;

		if (!cq->enabled)
			continue;
		k = cons_svc[q];
		if (k == SOEM_NPOS)
			continue;
		unc_id(base, sizeof base, "consequences",
			 cq->service ? cq->service : "");
		unc_cons_row(u, cq, base, k);
	}
}

/* Adds input n's further services ks[1..nk-1] (the same service in other
 * groups). */
static void unc_also(soem_uset *u, size_t n, const size_t *ks, size_t nk)
{
	if (nk < 2)
		return;
	u->in[n].nalso = nk - 1;
	u->in[n].also = xcalloc(nk - 1, sizeof(size_t));
	memcpy(u->in[n].also, ks + 1, (nk - 1) * sizeof(size_t));
}

/* The years (0-based, of the horizon) in which entry e of a schedule is
 * in force (SPEC 2.9: the largest from <= the calendar year, else the
 * smallest from): false when none. */
static bool unc_sched_years(const soem_calc *c, const soem_price_payer *pp,
			    size_t e, int *t0, int *t1)
{
	*t0 = -1;
	*t1 = -2;
	for (int t = 0; t < c->horizon; t++) {
		int year = c->intervention.start_year + t;
		size_t best = SOEM_NPOS, first = 0;
		for (size_t i = 0; i < pp->nsched; i++) {
			if (pp->sched[i].from < pp->sched[first].from)
				first = i;
			if (pp->sched[i].from <= year &&
			    (best == SOEM_NPOS ||
			     pp->sched[i].from > pp->sched[best].from))
				best = i;
		}
		if ((best == SOEM_NPOS ? first : best) != e)
			continue;
		if (*t0 < 0)
			*t0 = t;
		*t1 = t;
	}
	return *t0 >= 0;
}

/* The ranged inputs of payer pp (engine payer p) of price entry pe, for
 * the services ks[0..nk-1] (nk > 0): the price itself, or each ranged
 * entry of its schedule, named by its year (prices.herberg.kommune[2026],
 * SPEC 2.9; an entry in force in no year of the horizon changes nothing
 * and is left out). */
static int unc_price_payer(const soem_calc *c, const soem_kb *kb,
			   const soem_price_entry *pe,
			   const soem_price_payer *pp, size_t p,
			   const size_t *ks, size_t nk, soem_uset *u,
			   soem_err *err)
{
	char base[NAME_MAX_LEN], name[NAME_MAX_LEN];
	double f;

	unc_key(base, sizeof base, "prices", pe->service);
	unc_key(name, sizeof name, base, pp->payer);
	if (!pp->nsched) {
		if (!pp->price.ranged)
			return 0;
		if (!soem_calc_price_factor(c, kb, pe->price_year, &f))
			return soem_err_set(err, SOEM_EX_DATAERR,
					    _("prices.%s: a price year is missing from the profile's price index"),
					    pe->service);
		size_t n = soem_uset_add(u, name, SOEM_U_PRICE,
					 pp->price.value, pp->price.low,
					 pp->price.high, ks[0], p, f);
		unc_also(u, n, ks, nk);
		return 0;
	}
	for (size_t e = 0; e < pp->nsched; e++) {
		const soem_sched_entry *se = &pp->sched[e];
		char y[32], ename[NAME_MAX_LEN];
		int t0, t1;

		if (!se->amount.ranged || !unc_sched_years(c, pp, e, &t0, &t1))
			continue;
		if (!soem_calc_price_factor(c, kb,
					    se->price_year ? se->price_year
							   : pe->price_year,
					    &f))
			return soem_err_set(err, SOEM_EX_DATAERR,
					    _("prices.%s: a price year is missing from the profile's price index"),
					    pe->service);
		snprintf(y, sizeof y, "%d", se->from);
		unc_id(ename, sizeof ename, name, y);
		size_t n = soem_uset_add(u, ename, SOEM_U_SCHED,
					 se->amount.value, se->amount.low,
					 se->amount.high, ks[0], p, f);
		u->in[n].t0 = t0;
		u->in[n].t1 = t1;
		unc_also(u, n, ks, nk);
	}
	return 0;
}

/* The ranged tax shares of the calculation's taxes: (SPEC 2.9), named
 * taxes.SERVICE.PAYER, for every enabled row rows[q] of that service
 * (engine service svc_of[q]). */
static void unc_taxes(const soem_calc *c, const soem_kb *kb,
		      const soem_consequence *rows, size_t nrows,
		      const size_t *svc_of, soem_uset *u)
{
	char base[NAME_MAX_LEN], name[NAME_MAX_LEN];

	for (size_t i = 0; i < c->ntaxes; i++) {
		const soem_tax_entry *te = &c->taxes[i];
		bool any = false;

		for (size_t j = 0; j < te->n; j++)
			any = any || te->v[j].price.ranged;
		if (!any || !te->service)
			continue;
		size_t *ks = xcalloc(nrows ? nrows : 1, sizeof *ks), nk = 0;
		for (size_t q = 0; q < nrows; q++)
			if (rows[q].enabled && svc_of[q] != SOEM_NPOS &&
			    rows[q].service &&
			    strcmp(rows[q].service, te->service) == 0)
				ks[nk++] = svc_of[q];
		unc_key(base, sizeof base, "taxes", te->service);
		for (size_t j = 0; nk && j < te->n; j++) {
			const soem_price_payer *pp = &te->v[j];
			size_t p = pp->payer ? soem_kb_payer_index(kb, pp->payer)
					     : SOEM_NPOS;
			if (!pp->price.ranged || p == SOEM_NPOS)
				continue;
			unc_key(name, sizeof name, base, pp->payer);
			size_t n = soem_uset_add(u, name, SOEM_U_TAX,
						 pp->price.value, pp->price.low,
						 pp->price.high, ks[0], p, 1);
			unc_also(u, n, ks, nk);
		}
		free(ks);
	}
}

static int unc_prices(const soem_calc *c, const soem_kb *kb,
		      const soem_idindex *cons_ix, const size_t *cons_svc,
		      soem_uset *u, soem_err *err)
{
	for (size_t e = 0; e < c->nprices; e++) {
		const soem_price_entry *pe = &c->prices[e];
		size_t k = SOEM_NPOS;

		if (!pe->service)
			continue;
		size_t q = soem_idindex_find(cons_ix, pe->service);
		if (q != SOEM_IDX_NONE)
			k = cons_svc[q];
		if (k == SOEM_NPOS)
			continue;
		for (size_t i = 0; i < pe->n; i++) {
			const soem_price_payer *pp = &pe->v[i];
			size_t p;
			int rc;

			if (!pp->payer)
				continue;
			p = soem_kb_payer_index(kb, pp->payer);
			if (p == SOEM_NPOS)
				continue;
			if ((rc = unc_price_payer(c, kb, pe, pp, p, &k, 1, u,
						  err)))
				return rc;
		}
	}
	return 0;
}

/* The inputs of group g (SPEC §2.9), named with its prefix
 * groups[NAME]: intake, effect, consequences (rows row0.. of the rows of
 * all groups, whose engine service is svc_of[row]). */
static void unc_group(const soem_calc *c, size_t g, const size_t *svc_of,
		      size_t row0, soem_uset *u)
{
	const soem_calc *sub = c->groups[g].sub;
	const soem_effect *e = &sub->effect;
	char pre[NAME_MAX_LEN], base[NAME_MAX_LEN], name[NAME_MAX_LEN];

	unc_id(pre, sizeof pre, "groups",
	       c->groups[g].name ? c->groups[g].name : "");
	for (size_t i = 0; i < sub->nintake; i++) {
		if (!sub->intake[i].participants.ranged)
			continue;
		char y[32], in[NAME_MAX_LEN], cy[NAME_MAX_LEN];
		snprintf(y, sizeof y, "%d", sub->intake[i].year);
		unc_key(in, sizeof in, pre, "intake");
		unc_id(cy, sizeof cy, in, y);
		unc_key(name, sizeof name, cy, "participants");
		unc_add(u, name, SOEM_U_GCOHORT, &sub->intake[i].participants,
			i, g, 1);
	}
	if (sub->has_completion && sub->completion.ranged) {
		unc_key(name, sizeof name, pre, "completion");
		unc_add(u, name, SOEM_U_GCOMPLETION, &sub->completion, 0, g,
			1);
	}
	u->gp1[g] = e->has_p1 ? e->p1.value : 0;
	u->gp0[g] = e->has_p0 ? e->p0.value : 0;
	if (e->has_p1 && e->p1.ranged) {
		unc_key(name, sizeof name, pre, "effect.p1");
		unc_add(u, name, SOEM_U_GP1, &e->p1, 0, g, 1);
	}
	if (e->has_p0 && e->p0.ranged) {
		unc_key(name, sizeof name, pre, "effect.p0");
		unc_add(u, name, SOEM_U_GP0, &e->p0, 0, g, 1);
	}
	if (e->has_success_rate && e->success_rate.ranged) {
		unc_key(name, sizeof name, pre, "effect.success_rate");
		unc_add(u, name, SOEM_U_GS, &e->success_rate, 0, g, 1);
	}
	if (e->experiment.present) {
		soem_expinfo x;
		soem_unc_experiment(sub, &x);
		if (x.present) {
			unc_key(name, sizeof name, pre, "effect.experiment");
			size_t i = soem_uset_add(u, name, SOEM_U_GS, x.s, x.low,
						 x.high, 0, g, 1);
			u->in[i].dist = SOEM_DIST_NORMAL;
			u->in[i].sd = (x.high - x.low) /
				      (2 * SOEM_EXPERIMENT_Z);
		}
	}
	if (e->persist == SOEM_PERSIST_DECAY && e->decay.ranged) {
		unc_key(name, sizeof name, pre, "effect.persistence.decay");
		unc_add(u, name, SOEM_U_GDECAY, &e->decay, 0, g, 1);
	}
	for (size_t j = 0; e->persist == SOEM_PERSIST_LIST && j < e->nrho;
	     j++) {
		if (!e->rho[j].ranged)
			continue;
		unc_key(base, sizeof base, pre, "effect.persistence.years");
		unc_index(name, sizeof name, base, j);
		unc_add(u, name, SOEM_U_GRHO, &e->rho[j], j, g, 1);
	}
	for (size_t q = 0; q < sub->ncons; q++) {
		const soem_consequence *cq = &sub->cons[q];
		size_t k = svc_of[row0 + q];
		if (!cq->enabled || k == SOEM_NPOS)
			continue;
		unc_key(name, sizeof name, pre, "consequences");
		unc_id(base, sizeof base, name, cq->service ? cq->service : "");
		unc_cons_row(u, cq, base, k);
	}
}

/* SPEC §2.9: the inputs of a calculation with groups: the groups in list
 * order (each: intake, effect, consequences), then costs, prices (a price
 * applies to the service in every group), discount. */
static int unc_grouped(const soem_calc *c, const soem_kb *kb,
		       const soem_problem *pb, const size_t *svc_cons,
		       soem_uset *u, soem_err *err)
{
	size_t nrows, row0 = 0;
	soem_consequence *rows = soem_calc_all_cons(c, &nrows);
	size_t *svc_of = xcalloc(nrows ? nrows : 1, sizeof *svc_of);
	char name[NAME_MAX_LEN];
	int rc;

	for (size_t q = 0; q < nrows; q++)
		svc_of[q] = SOEM_NPOS;
	for (size_t i = 0; i < pb->nservices; i++) {
		size_t q = svc_cons ? svc_cons[i] : i;
		if (q < nrows)
			svc_of[q] = i;
	}
	u->ng = c->ngroups;
	u->gp1 = xcalloc(c->ngroups, sizeof *u->gp1);
	u->gp0 = xcalloc(c->ngroups, sizeof *u->gp0);
	for (size_t g = 0; g < c->ngroups; g++) {
		unc_group(c, g, svc_of, row0, u);
		row0 += c->groups[g].sub->ncons;
	}
	rc = unc_costs(c, kb, u, err);
	for (size_t e = 0; !rc && e < c->nprices; e++) {
		const soem_price_entry *pe = &c->prices[e];
		size_t *ks = xcalloc(nrows ? nrows : 1, sizeof *ks), nk = 0;
		for (size_t q = 0; pe->service && q < nrows; q++)
			if (rows[q].enabled && svc_of[q] != SOEM_NPOS &&
			    rows[q].service &&
			    strcmp(rows[q].service, pe->service) == 0)
				ks[nk++] = svc_of[q];
		for (size_t i = 0; !rc && nk && i < pe->n; i++) {
			const soem_price_payer *pp = &pe->v[i];
			size_t p = pp->payer ? soem_kb_payer_index(kb, pp->payer)
					     : SOEM_NPOS;
			if (p == SOEM_NPOS)
				continue;
			rc = unc_price_payer(c, kb, pe, pp, p, ks, nk, u, err);
		}
		free(ks);
	}
	for (size_t i = 0; !rc && c->discount.present &&
			   i < c->discount.nsteps && i < pb->nsteps; i++) {
		if (!c->discount.steps[i].rate.ranged)
			continue;
		snprintf(name, sizeof name, "discount.steps[%zu].rate", i);
		unc_add(u, name, SOEM_U_RATE, &c->discount.steps[i].rate, i, 0,
			1);
	}
	if (!rc)
		unc_taxes(c, kb, rows, nrows, svc_of, u);
	free(svc_of);
	free(rows);
	if (rc)
		soem_uset_free(u);
	return rc;
}

int soem_unc_inputs(const soem_calc *c, const soem_kb *kb,
		    const soem_problem *pb, const size_t *svc_cons,
		    soem_uset *u, soem_err *err)
{
	char name[NAME_MAX_LEN], y[32];
	size_t *cons_svc = NULL;
	soem_idindex cons_ix;
	int rc;

	memset(u, 0, sizeof *u);
	if (c->ngroups)
		return unc_grouped(c, kb, pb, svc_cons, u, err);
	for (size_t i = 0; i < c->nintake && i < pb->ncohorts; i++) {
		if (!c->intake[i].participants.ranged)
			continue;
		snprintf(y, sizeof y, "%d", c->intake[i].year);
		snprintf(name, sizeof name, "intake[%s].participants", y);
		unc_add(u, name, SOEM_U_COHORT, &c->intake[i].participants, i,
			0, 1);
	}
	if (c->has_completion && c->completion.ranged)
		unc_add(u, "completion", SOEM_U_COMPLETION, &c->completion, 0,
			0, 1);
	unc_effect(c, u);
	if ((rc = unc_costs(c, kb, u, err)))
		goto fail;
	cons_svc = unc_services(c, pb, svc_cons);
	unc_consequences(c, cons_svc, u);
	/* the enabled rows by service, for the prices */
	soem_idindex_init(&cons_ix, c->cons, c->ncons, sizeof *c->cons,
			  offsetof(soem_consequence, service));
	for (size_t q = 0; q < c->ncons; q++)
		if (c->cons[q].enabled)
			soem_idindex_add(&cons_ix, q);
	rc = unc_prices(c, kb, &cons_ix, cons_svc, u, err);
	soem_idindex_free(&cons_ix);
	if (rc) {
		free(cons_svc);
		goto fail;
	}
	if (c->discount.present) {
		for (size_t i = 0; i < c->discount.nsteps && i < pb->nsteps;
		     i++) {
			if (!c->discount.steps[i].rate.ranged)
				continue;
			snprintf(name, sizeof name, "discount.steps[%zu].rate",
				 i);
			unc_add(u, name, SOEM_U_RATE,
				&c->discount.steps[i].rate, i, 0, 1);
		}
	}
	unc_taxes(c, kb, c->cons, c->ncons, cons_svc, u);
	free(cons_svc);
	return 0;
fail:
	soem_uset_free(u);
	return rc;
}

static void unc_s_range(const soem_calc *c, soem_unc *out)
{
	const soem_effect *e = &c->effect;

	if (out->exp.present) {
		out->has_s_range = out->s_from_experiment = true;
		out->s_low = out->exp.low;
		out->s_high = out->exp.high;
	} else if (e->has_success_rate && e->success_rate.ranged) {
		out->has_s_range = true;
		out->s_low = e->success_rate.low;
		out->s_high = e->success_rate.high;
	} else if ((e->has_p1 && e->p1.ranged) || (e->has_p0 && e->p0.ranged)) {
		double p1l = e->p1.ranged ? e->p1.low : e->p1.value;
		double p1h = e->p1.ranged ? e->p1.high : e->p1.value;
		double p0l = 0, p0h = 0;

		if (e->has_p0) {
			p0l = e->p0.ranged ? e->p0.low : e->p0.value;
			p0h = e->p0.ranged ? e->p0.high : e->p0.value;
		}
		out->has_s_range = true;
		out->s_low = p1l - p0h;
		out->s_high = p1h - p0l;
	}
}

int soem_unc_run(const soem_calc *c, const soem_kb *kb,
		 const soem_problem *pb, const size_t *svc_cons, long draws,
		 soem_unc *out, soem_err *err)
{
	int rc;

	memset(out, 0, sizeof *out);
	rc = soem_unc_inputs(c, kb, pb, svc_cons, &out->inputs, err);
	if (rc)
		return rc;
	soem_unc_experiment(c, &out->exp);
	out->s = pb->s;
	unc_s_range(c, out);
	if (out->inputs.n == 0)
		return 0;
	soem_sens_run(pb, &out->inputs, &out->sens);
	if (draws < 0)
		draws = c->draws;
	if (draws > 0 &&
	    soem_mc_run(pb, &out->inputs, draws, c->seed, &out->mc))
		return soem_err_set(err, SOEM_EX_CALC,
				    _("the Monte Carlo draws cannot be computed (a range reaches a value the calculation cannot use)"));
	return 0;
}

void soem_unc_free(soem_unc *u)
{
	soem_sens_free(&u->sens);
	soem_mc_free(&u->mc);
	soem_uset_free(&u->inputs);
}
