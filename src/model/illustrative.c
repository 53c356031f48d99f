/* illustrative.c - the share of the present value of effects that rests
 * on illustrative figures (see illustrative.h). */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "model/illustrative.h"
#include "model/problem.h"
#include "util/idindex.h"
#include "util/xalloc.h"

double soem_illustrative_share_of(size_t nservices, size_t npayers,
				  const double *pv, const bool *ill)
{
	double all = 0, part = 0;
	for (size_t k = 0; k < nservices; k++)
		for (size_t p = 0; p < npayers; p++) {
			double v = fabs(pv[k * (npayers + 1) + p]);
			all += v;
			if (ill[k * npayers + p])
				part += v;
		}
	return all > 0 ? part / all : NAN;
}

/* The database's consequence row of service in the target group and
 * success measure of c (the row's own group, SPEC §2.9), or NULL. */
static const soem_kb_consequence *kb_row(const soem_calc *c,
					 const soem_kb *kb, size_t service)
{
	if (!c->has_target_group || !c->target_group.kb ||
	    !c->effect.has_measure || !c->effect.measure.kb)
		return NULL;
	size_t g = soem_kb_group_index(kb, c->target_group.kb);
	if (g == SOEM_NPOS)
		return NULL;
	const soem_kb_group *grp = &kb->groups[g];
	size_t m = soem_kb_measure_index(grp, c->effect.measure.kb);
	if (m == SOEM_NPOS)
		return NULL;
	const soem_kb_measure *me = &grp->measures[m];
	for (size_t i = 0; i < me->ncons; i++)
		if (me->cons[i].service == service)
			return &me->cons[i];
	return NULL;
}

void soem_illustrative_flags(const soem_calc *c, const soem_kb *kb,
			     const size_t *svc_cons, size_t nservices,
			     bool *ill)
{
	size_t np = kb->npayers, nrows = c->ncons;
	/* svc_cons indexes the rows of every group (soem_calc_all_cons):
	 * with groups they are read from the groups, so that the
	 * calculation and a report's view of it (whose cons are those rows)
	 * give the same; each row's estimate is looked up in its own
	 * group's target group and success measure (SPEC §2.9) */
	soem_consequence *all = c->ngroups ? soem_calc_all_cons(c, &nrows)
					   : NULL;
	const soem_consequence *rows = all ? all : c->cons;

	memset(ill, 0, nservices * np * sizeof *ill);
	/* the calculation's price entries by service id: a scan of them per
	 * service took 100 000 services (the list limit) 12 s (issue 18) */
	soem_idindex px;
	soem_idindex_init(&px, c->prices, c->nprices, sizeof *c->prices,
			  offsetof(soem_price_entry, service));
	for (size_t i = 0; i < c->nprices; i++)
		soem_idindex_add(&px, i);
	for (size_t k = 0; svc_cons && k < nservices; k++) {
		if (svc_cons[k] >= nrows)
			continue;
		const soem_consequence *q = &rows[svc_cons[k]];
		const soem_calc *grp = soem_calc_row_group(c, svc_cons[k],
							   NULL);
		if (q->custom || !q->service || !grp)
			continue;   /* the calculation's own service */
		size_t s = soem_kb_service_index(kb, q->service);
		if (s == SOEM_NPOS)
			continue;
		const soem_kb_consequence *row = kb_row(grp, kb, s);
		bool est = q->from_kb && row && row->prov.illustrative;
		size_t e = soem_idindex_find(&px, q->service);
		const soem_price_entry *pe =
			e != SOEM_IDX_NONE ? &c->prices[e] : NULL;
		for (size_t p = 0; p < np; p++) {
			double price, kbp;
			bool over = false;
			bool pr = soem_calc_price_of(c, kb, s, pe, p, &price,
						     &kbp, &over) &&
				  !over && kb->services[s].prov.illustrative;
			ill[k * np + p] = est || pr;
		}
	}
	free(all);
	soem_idindex_free(&px);
}

double soem_illustrative_share(const soem_calc *c, const soem_kb *kb,
			       const soem_result *res,
			       const size_t *svc_cons)
{
	if (!res || !res->by_service_pv || res->npayers != kb->npayers)
		return NAN;
	size_t n = res->nservices;
	bool *ill = xcalloc(n ? n * kb->npayers : 1, sizeof *ill);
	soem_illustrative_flags(c, kb, svc_cons, n, ill);
	double share = soem_illustrative_share_of(n, kb->npayers,
						  res->by_service_pv, ill);
	free(ill);
	return share;
}
