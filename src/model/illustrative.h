/* illustrative.h - which part of the present value of effects rests on
 * illustrative figures (issue 16 point 7).
 *
 * A consequence's present value per payer, PV(E)_{k,p}, rests on
 * illustrative figures when its estimate is a database row copied into
 * the calculation (`from_kb: true`) that the database marks
 * `illustrative: true`, or when the price payer p pays is the database's
 * (not overridden by the calculation) and the database marks the service
 * `illustrative: true`.  The share is
 *
 *   sum over illustrative (k, p) of |PV(E)_{k,p}|  /  sum over all of |PV(E)_{k,p}|
 *
 * (absolute values: savings and added costs both count as value, so the
 * share stays within 0..1 whatever the signs); NaN when the denominator
 * is 0.
 */
#ifndef SOEM_ILLUSTRATIVE_H
#define SOEM_ILLUSTRATIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/engine.h"
#include "model/calc.h"
#include "model/kb.h"

/* The pure part: pv is [nservices][npayers + 1] (the total column is not
 * used), ill is [nservices][npayers]. */
double soem_illustrative_share_of(size_t nservices, size_t npayers,
				  const double *pv, const bool *ill);

/* Fills ill[k * npayers + p] for every engine service k of the result
 * (svc_cons maps it to the rows of soem_calc_all_cons(c), c->cons
 * without groups; NULL or an index past them: not illustrative).  A row's
 * estimate is looked up in its own group's target group and success
 * measure (SPEC §2.9). */
void soem_illustrative_flags(const soem_calc *c, const soem_kb *kb,
			     const size_t *svc_cons, size_t nservices,
			     bool *ill);

/* The share for a computed result (NaN when there are no effects). */
double soem_illustrative_share(const soem_calc *c, const soem_kb *kb,
			       const soem_result *res,
			       const size_t *svc_cons);

#endif
