/* problem.c - see problem.h */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "model/problem.h"
#include "engine/uncertain.h"
#include "util/i18n.h"
#include "util/idindex.h"
#include "util/xalloc.h"

bool soem_calc_success_rate(const soem_calc *c, double *s)
{
	const soem_effect *e = &c->effect;
	if (e->has_success_rate) {
		*s = e->success_rate.value;
		return true;
	}
	if (e->has_p1) {
		*s = e->p1.value - (e->has_p0 ? e->p0.value : 0.0);
		return true;
	}
	return false;
}

bool soem_price_factor(const soem_kb *kb, int year, double *factor)
{
	*factor = 1.0;
	if (year == 0 || year == kb->price_year)
		return true;
	double base, at;
	if (!soem_kb_price_index(kb, kb->price_year, &base) ||
	    !soem_kb_price_index(kb, year, &at) || at <= 0)
		return false;
	*factor = base / at;
	return true;
}

bool soem_calc_price_factor(const soem_calc *c, const soem_kb *kb, int year,
			    double *factor)
{
	int level = c && c->price_level ? c->price_level : kb->price_year;
	double at, from;

	*factor = 1.0;
	if (year == 0)
		year = kb->price_year;
	if (level == kb->price_year)
		return soem_price_factor(kb, year, factor);
	if (year == level)
		return true;
	if (!soem_kb_price_index(kb, level, &at) ||
	    !soem_kb_price_index(kb, year, &from) || from <= 0)
		return false;
	*factor = at / from;
	return true;
}

static const soem_price_entry *price_entry(const soem_calc *c,
					   const char *id)
{
	for (size_t i = 0; i < c->nprices; i++)
		if (c->prices[i].service && strcmp(c->prices[i].service, id) == 0)
			return &c->prices[i];
	return NULL;
}

static const soem_consequence *custom_in(const soem_consequence *cons,
					  size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (cons[i].custom && cons[i].service &&
		    strcmp(cons[i].service, id) == 0)
			return &cons[i];
	return NULL;
}

/* The calculation's own service id: defined once per file, at the top or
 * in any group (SPEC §2.9). */
static const soem_consequence *custom_service(const soem_calc *c,
					      const char *id)
{
	const soem_consequence *q = custom_in(c->cons, c->ncons, id);
	for (size_t g = 0; !q && g < c->ngroups; g++)
		q = custom_in(c->groups[g].sub->cons, c->groups[g].sub->ncons,
			      id);
	return q;
}

/* The price of service k of the profile (SOEM_NPOS: the calculation's own
 * service) for payer, with pe the calculation's price entry of it or
 * NULL. */
static bool price_of(const soem_calc *c, const soem_kb *kb, size_t k,
		     const soem_price_entry *pe, size_t payer, double *price,
		     double *kb_price, bool *overridden)
{
	double base = k != SOEM_NPOS ? kb->services[k].price[payer] : 0.0;
	double lf;
	/* at the calculation's price level (SPEC 2.9) */
	if (!soem_calc_price_factor(c, kb, 0, &lf))
		return false;
	base *= lf;
	if (kb_price)
		*kb_price = base;
	if (overridden)
		*overridden = false;
	*price = base;
	if (!pe)
		return true;
	for (size_t i = 0; i < pe->n; i++) {
		if (soem_kb_payer_index(kb, pe->v[i].payer) != payer)
			continue;
		double f;
		if (!soem_calc_price_factor(c, kb, pe->price_year, &f))
			return false;
		*price = pe->v[i].price.value * f;
		if (overridden)
			*overridden = true;
	}
	return true;
}

bool soem_calc_price(const soem_calc *c, const soem_kb *kb, const char *id,
		     size_t payer, double *price, double *kb_price,
		     bool *overridden)
{
	size_t k = soem_kb_service_index(kb, id);
	if (k == SOEM_NPOS && !custom_service(c, id))
		return false;
	return price_of(c, kb, k, price_entry(c, id), payer, price, kb_price,
			overridden);
}

bool soem_calc_price_of(const soem_calc *c, const soem_kb *kb, size_t k,
			const soem_price_entry *pe, size_t payer,
			double *price, double *kb_price, bool *overridden)
{
	return price_of(c, kb, k, pe, payer, price, kb_price, overridden);
}

void soem_problem_free(soem_problem *pb)
{
	if (!pb)
		return;
	soem_problem_clone_free(pb);
}

/* The entry of a schedule in force in calendar year `year` (SPEC §2.9):
 * the largest from <= year, else the smallest from. */
static size_t sched_pick(const soem_sched_entry *e, size_t n, int year)
{
	size_t best = SOEM_NPOS, first = 0;
	for (size_t i = 0; i < n; i++) {
		if (e[i].from < e[first].from)
			first = i;
		if (e[i].from <= year &&
		    (best == SOEM_NPOS || e[i].from > e[best].from))
			best = i;
	}
	return best == SOEM_NPOS ? first : best;
}

/* The calculation's price schedules of service s (pe): a price per year
 * and payer (s->price_t), the other payers at s->price.  false when a
 * price year is missing from the index. */
static bool build_price_t(const soem_calc *c, const soem_kb *kb,
			  const soem_price_entry *pe, size_t k,
			  soem_problem *pb, soem_pservice *s)
{
	size_t P = pb->npayers, H = (size_t)pb->horizon;
	const soem_kb_service *ks = k != SOEM_NPOS ? &kb->services[k] : NULL;
	bool any = false, *own = xcalloc(P ? P : 1, sizeof *own);

	for (size_t i = 0; pe && i < pe->n; i++) {
		size_t p = soem_kb_payer_index(kb, pe->v[i].payer);
		if (p != SOEM_NPOS)
			own[p] = true;  /* the calculation's price wins */
		any = any || pe->v[i].nsched;
	}
	for (size_t p = 0; ks && ks->sched && p < P; p++)
		any = any || (!own[p] && ks->nsched[p]);
	if (!any || !c->intervention.start_year) {
		free(own);
		return true;
	}
	s->price_t = xcalloc(H * P > 0 ? H * P : 1, sizeof *s->price_t);
	for (size_t t = 0; t < H; t++)
		for (size_t p = 0; p < P; p++)
			s->price_t[t * P + p] = s->price[p];
	/* database schedules of the payers the calculation leaves alone */
	for (size_t p = 0; ks && ks->sched && p < P; p++) {
		if (own[p] || !ks->nsched[p])
			continue;
		for (size_t t = 0; t < H; t++) {
			int year = c->intervention.start_year + (int)t;
			const soem_kb_sched *e = NULL, *first = NULL;
			for (size_t j = 0; j < ks->nsched[p]; j++) {
				const soem_kb_sched *x = &ks->sched[p][j];
				if (!first || x->from < first->from)
					first = x;
				if (x->from <= year && (!e || x->from > e->from))
					e = x;
			}
			if (!e)
				e = first;
			double f;
			if (!soem_calc_price_factor(c, kb, e->price_year, &f)) {
				free(own);
				return false;
			}
			s->price_t[t * P + p] = e->amount * f;
		}
		s->price[p] = s->price_t[p];
	}
	free(own);
	for (size_t i = 0; pe && i < pe->n; i++) {
		const soem_price_payer *pp = &pe->v[i];
		size_t p = soem_kb_payer_index(kb, pp->payer);
		if (!pp->nsched || p == SOEM_NPOS)
			continue;
		for (size_t t = 0; t < H; t++) {
			int year = c->intervention.start_year + (int)t;
			const soem_sched_entry *e =
				&pp->sched[sched_pick(pp->sched, pp->nsched,
						      year)];
			double f;
			if (!soem_calc_price_factor(c, kb,
						    e->price_year ? e->price_year
								  : pe->price_year,
						    &f))
				return false;
			s->price_t[t * P + p] = e->amount.value * f;
			if (t == 0)
				s->price[p] = s->price_t[p];
		}
	}
	return true;
}

/* The tax shares of service q (SPEC §2.9): the database's `tax`, payer
 * by payer replaced by the calculation's `taxes`; NULL when all are 0. */
static void build_tax(const soem_calc *c, const soem_kb *kb,
		      const soem_consequence *q, size_t np, soem_pservice *s)
{
	double *tax = xcalloc(np ? np : 1, sizeof *tax);
	bool any = false;
	size_t k = q->custom ? SOEM_NPOS : soem_kb_service_index(kb, q->service);

	if (k != SOEM_NPOS && kb->services[k].tax)
		for (size_t p = 0; p < np; p++)
			tax[p] = kb->services[k].tax[p];
	for (size_t i = 0; i < c->ntaxes; i++) {
		const soem_tax_entry *te = &c->taxes[i];
		if (!te->service || strcmp(te->service, q->service) != 0)
			continue;
		for (size_t j = 0; j < te->n; j++) {
			size_t p = soem_kb_payer_index(kb, te->v[j].payer);
			if (p != SOEM_NPOS && p < np)
				tax[p] = te->v[j].price.value;
		}
	}
	for (size_t p = 0; p < np; p++)
		if (tax[p] != 0)
			any = true;
	if (any)
		s->tax = tax;
	else
		free(tax);
}

static int build_service(const soem_calc *c, const soem_kb *kb,
			 soem_problem *pb, size_t *map,
			 const soem_idindex *prices,
			 const soem_consequence *q, size_t i, size_t grp,
			 soem_err *err);

/* Every row of every group (SPEC §2.9); map[k] is the row's index in
 * soem_calc_all_cons. */
static int build_services_with(const soem_calc *c, const soem_kb *kb,
			       soem_problem *pb, size_t *map,
			       const soem_idindex *prices, soem_err *err)
{
	size_t ncons;
	soem_consequence *all = soem_calc_all_cons(c, &ncons);
	int rc = 0;

	pb->services = xcalloc(ncons ? ncons : 1, sizeof *pb->services);
	for (size_t i = 0; i < ncons && !rc; i++) {
		size_t grp = 0;
		/* the group of row i: rows come group by group */
		if (c->ngroups) {
			size_t at = i;
			for (grp = 0; grp < c->ngroups; grp++) {
				if (at < c->groups[grp].sub->ncons)
					break;
				at -= c->groups[grp].sub->ncons;
			}
		}
		rc = build_service(c, kb, pb, map, prices, &all[i], i, grp,
				   err);
	}
	free(all);
	return rc;
}

static int build_service(const soem_calc *c, const soem_kb *kb,
			 soem_problem *pb, size_t *map,
			 const soem_idindex *prices,
			 const soem_consequence *q, size_t i, size_t grp,
			 soem_err *err)
{
	{
		if (!q->enabled)
			return 0;
		soem_pservice *s = &pb->services[pb->nservices];
		s->group = grp;
		s->price = xcalloc(pb->npayers, sizeof *s->price);
		s->scale = q->has_scale ? q->scale.value : 1.0;
		s->during = q->has_during ? q->during.value : 0.0;
		s->nyears = q->nyears;
		s->delta = xcalloc(q->nyears, sizeof *s->delta);
		for (size_t j = 0; j < q->nyears; j++)
			s->delta[j] = q->years[j].value;
		pb->nservices++;
		if (q->custom) {
			s->sign = q->cs.kind == SOEM_REVENUE ? 1.0 : -1.0;
			s->area = soem_kb_area_index(kb, q->cs.area);
			if (s->area == SOEM_NPOS)
				return soem_err_set(err, SOEM_EX_DATAERR,
						    _("consequences[%zu]: the area '%s' is not one of profile %s's areas"),
						    i, q->cs.area ? q->cs.area : "",
						    kb->id);
		} else if (soem_kb_service_index(kb, q->service) == SOEM_NPOS &&
			   custom_service(c, q->service)) {
			/* another group's own service, named by its id */
			const soem_consequence *d = custom_service(c,
								   q->service);
			s->sign = d->cs.kind == SOEM_REVENUE ? 1.0 : -1.0;
			s->area = soem_kb_area_index(kb, d->cs.area);
			if (s->area == SOEM_NPOS)
				s->area = 0;
		} else {
			size_t k = soem_kb_service_index(kb, q->service);
			if (k == SOEM_NPOS)
				return soem_err_set(err, SOEM_EX_DATAERR,
						    _("consequences[%zu]: unknown service '%s' in profile %s"),
						    i, q->service ? q->service : "",
						    kb->id);
			s->sign = kb->services[k].kind == SOEM_REVENUE ? 1.0
									 : -1.0;
			s->area = kb->services[k].area;
		}
		size_t k = q->custom ? SOEM_NPOS
				     : soem_kb_service_index(kb, q->service);
		size_t e = soem_idindex_find(prices, q->service);
		const soem_price_entry *pe = e == SOEM_IDX_NONE ? NULL
							       : &c->prices[e];
		for (size_t p = 0; p < pb->npayers; p++)
			if (!price_of(c, kb, k, pe, p, &s->price[p], NULL, NULL))
				return soem_err_set(err, SOEM_EX_DATAERR,
						    _("prices.%s: a price year is missing from the profile's price index"),
						    q->service);
		if (!build_price_t(c, kb, pe, k, pb, s))
			return soem_err_set(err, SOEM_EX_DATAERR,
					    _("prices.%s: a price year is missing from the profile's price index"),
					    q->service);
		build_tax(c, kb, q, pb->npayers, s);
		if (q->has_persistence) {
			s->own_persist = true;
			s->persist = q->persist;
			s->decay = q->decay.value;
			if (q->persist == SOEM_PERSIST_LIST) {
				s->nrho = q->nrho;
				s->rho = xcalloc(q->nrho ? q->nrho : 1,
						 sizeof *s->rho);
				for (size_t j = 0; j < q->nrho; j++)
					s->rho[j] = q->rho[j].value;
			}
		}
		if (map)
			map[pb->nservices - 1] = i;
	}
	return 0;
}

/* The services of the problem; the price entries are found by a hash
 * index (issue 18: 100 000 services are not matched against 10 000
 * price entries one by one). */
static int build_services(const soem_calc *c, const soem_kb *kb,
			  soem_problem *pb, size_t *map, soem_err *err)
{
	soem_idindex prices;
	soem_idindex_init(&prices, c->prices, c->nprices, sizeof *c->prices,
			  offsetof(soem_price_entry, service));
	for (size_t e = 0; e < c->nprices; e++)
		soem_idindex_add(&prices, e);
	int rc = build_services_with(c, kb, pb, map, &prices, err);
	soem_idindex_free(&prices);
	return rc;
}

static int build_costs(const soem_calc *c, const soem_kb *kb,
		       soem_problem *pb, soem_err *err)
{
	pb->costs = xcalloc(c->ncosts ? c->ncosts : 1, sizeof *pb->costs);
	for (size_t i = 0; i < c->ncosts; i++) {
		const soem_cost_item *ci = &c->costs[i];
		soem_pcost *pc = &pb->costs[i];
		pc->payer = soem_kb_payer_index(kb, ci->payer ? ci->payer : "");
		size_t pg = soem_kb_payer_group_index(kb, ci->payer ? ci->payer
								    : "");
		if (pc->payer == SOEM_NPOS && pg != SOEM_NPOS) {
			/* a payer group: split by its shares (SPEC §2.9) */
			pc->payer = 0;
			pc->split = xcalloc(pb->npayers ? pb->npayers : 1,
					    sizeof *pc->split);
			memcpy(pc->split, kb->pgroups[pg].split,
			       pb->npayers * sizeof *pc->split);
		}
		if (pc->payer == SOEM_NPOS)
			return soem_err_set(err, SOEM_EX_DATAERR,
					    _("costs[%zu]: '%s' is not a payer of profile %s"),
					    i, ci->payer ? ci->payer : "", kb->id);
		double f;
		if (!soem_calc_price_factor(c, kb, ci->price_year, &f))
			return soem_err_set(err, SOEM_EX_DATAERR,
					    _("costs[%zu].price_year: %d is not in the profile's price index"),
					    i, ci->price_year);
		pc->basis = ci->basis;
		pc->amount = ci->amount.value * f;
		pc->saved = ci->saved;
		for (size_t g = 0; ci->group && g < c->ngroups; g++)
			if (c->groups[g].name &&
			    strcmp(c->groups[g].name, ci->group) == 0) {
				pc->has_group = true;
				pc->group = g;
			}
		if (ci->basis == SOEM_BASIS_ONCE) {
			if (ci->nyears) {
				pc->nyears = ci->nyears;
				pc->years = xcalloc(ci->nyears, sizeof(int));
				memcpy(pc->years, ci->years,
				       ci->nyears * sizeof(int));
			} else {
				pc->nyears = 1;
				pc->years = xcalloc(1, sizeof(int));
				pc->years[0] = 1;
			}
		}
		pc->from = ci->from > 0 ? ci->from : 1;
		pc->to = ci->to > 0 ? ci->to : c->horizon;
		pb->ncosts++;
	}
	return 0;
}

static int build_rest(const soem_calc *c, const soem_kb *kb,
		      soem_problem *pb, size_t **svc_cons, soem_err *err);

/* A calculation with groups: (SPEC §2.9): one soem_pgroup per group; the
 * top-level course, intake and effect of the problem are not used. */
static int build_grouped(const soem_calc *c, const soem_kb *kb,
			 soem_problem *pb, size_t **svc_cons, soem_err *err)
{
	pb->ngroups = c->ngroups;
	pb->groups = xcalloc(c->ngroups, sizeof *pb->groups);
	for (size_t g = 0; g < c->ngroups; g++) {
		const soem_calc *sub = c->groups[g].sub;
		soem_pgroup *pg = &pb->groups[g];
		const soem_effect *e = &sub->effect;
		const char *name = c->groups[g].name ? c->groups[g].name : "";

		pg->course_years = sub->course_years;
		pg->completion = sub->has_completion ? sub->completion.value
						     : 1.0;
		if (sub->nintake == 0 || !soem_calc_success_rate(sub, &pg->s)) {
			int rc = soem_err_set(err, SOEM_EX_CALC,
					      sub->nintake == 0
					      ? _("nothing to compute: group %s has no participants (intake)")
					      : _("nothing to compute: the effect of group %s is missing (give p1 and p0, or success_rate)"),
					      name);
			soem_problem_free(pb);
			return rc;
		}
		pg->ncohorts = sub->nintake;
		pg->cohorts = xcalloc(sub->nintake, sizeof *pg->cohorts);
		for (size_t i = 0; i < sub->nintake; i++) {
			pg->cohorts[i].year = sub->intake[i].year;
			pg->cohorts[i].n = sub->intake[i].participants.value;
		}
		pg->persist = e->persist;
		pg->decay = e->decay.value;
		if (e->persist == SOEM_PERSIST_LIST) {
			pg->nrho = e->nrho;
			pg->rho = xcalloc(e->nrho ? e->nrho : 1,
					  sizeof *pg->rho);
			for (size_t j = 0; j < e->nrho; j++)
				pg->rho[j] = e->rho[j].value;
		}
	}
	/* the one-group fields stay valid for soem_problem_check */
	pb->course_years = pb->groups[0].course_years;
	pb->s = pb->groups[0].s;
	return build_rest(c, kb, pb, svc_cons, err);
}

int soem_problem_build(const soem_calc *c, const soem_kb *kb,
		       soem_problem *pb, size_t **svc_cons, soem_err *err)
{
	memset(pb, 0, sizeof *pb);
	if (svc_cons)
		*svc_cons = NULL;
	pb->horizon = c->horizon;
	pb->course_years = c->course_years;
	pb->completion = c->has_completion ? c->completion.value : 1.0;
	if (c->nreport_years) {
		pb->nreport_years = c->nreport_years;
		pb->report_years = xcalloc(c->nreport_years, sizeof(int));
		memcpy(pb->report_years, c->report_years,
		       c->nreport_years * sizeof(int));
	}
	pb->npayers = kb->npayers;
	pb->nareas = kb->nareas;
	if (c->ngroups)
		return build_grouped(c, kb, pb, svc_cons, err);
	if (c->nintake == 0)
		return soem_err_set(err, SOEM_EX_CALC,
				    _("nothing to compute: no participants (intake) are given"));
	if (!soem_calc_success_rate(c, &pb->s))
		return soem_err_set(err, SOEM_EX_CALC,
				    _("nothing to compute: the effect is missing (give p1 and p0, or success_rate)"));
	pb->cohorts = xcalloc(c->nintake, sizeof *pb->cohorts);
	for (size_t i = 0; i < c->nintake; i++) {
		pb->cohorts[i].year = c->intake[i].year;
		pb->cohorts[i].n = c->intake[i].participants.value;
	}
	pb->ncohorts = c->nintake;

	const soem_effect *e = &c->effect;
	pb->persist = e->persist;
	pb->decay = e->decay.value;
	if (e->persist == SOEM_PERSIST_LIST) {
		pb->nrho = e->nrho;
		pb->rho = xcalloc(e->nrho, sizeof *pb->rho);
		for (size_t j = 0; j < e->nrho; j++)
			pb->rho[j] = e->rho[j].value;
	}

	return build_rest(c, kb, pb, svc_cons, err);
}

static int build_rest(const soem_calc *c, const soem_kb *kb,
		      soem_problem *pb, size_t **svc_cons, soem_err *err)
{
	size_t nall;
	free(soem_calc_all_cons(c, &nall));
	size_t *map = svc_cons ? xcalloc(nall ? nall : 1, sizeof *map)
			       : NULL;
	int rc = build_services(c, kb, pb, map, err);
	if (!rc)
		rc = build_costs(c, kb, pb, err);
	if (rc) {
		free(map);
		soem_problem_free(pb);
		return rc;
	}
	if (svc_cons)
		*svc_cons = map;

	if (c->discount.present) {
		pb->first_discounted = c->discount.has_first_year &&
				       c->discount.first_discounted;
		pb->nsteps = c->discount.nsteps;
		pb->steps = xcalloc(pb->nsteps ? pb->nsteps : 1,
				    sizeof *pb->steps);
		for (size_t i = 0; i < pb->nsteps; i++) {
			pb->steps[i].from = c->discount.steps[i].from;
			pb->steps[i].rate = c->discount.steps[i].rate.value;
		}
	} else {
		pb->first_discounted = kb->first_discounted;
		pb->nsteps = kb->nsteps;
		pb->steps = xcalloc(pb->nsteps ? pb->nsteps : 1,
				    sizeof *pb->steps);
		for (size_t i = 0; i < pb->nsteps; i++) {
			pb->steps[i].from = kb->steps[i].from;
			pb->steps[i].rate = kb->steps[i].rate;
		}
	}
	const char *why = NULL;
	if (soem_problem_check(pb, &why)) {
		soem_err_set(err, SOEM_EX_DATAERR,
			     _("the calculation cannot be computed: %s"), why);
		if (svc_cons) {
			free(*svc_cons);
			*svc_cons = NULL;
		}
		soem_problem_free(pb);
		return SOEM_EX_DATAERR;
	}
	return 0;
}
