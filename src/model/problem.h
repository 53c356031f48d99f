/* problem.h - from a calculation and its profile to the engine's input.
 *
 * Resolves every service to its sign, area and per-payer prices (the
 * database's, replaced payer by payer by the calculation's `prices`, own
 * prices converted to the profile's price year with the net price index),
 * every cost item to a payer index and a price-level-adjusted amount, the
 * discount schedule (the calculation's block replaces the profile's), and
 * the success rate s = p1 - p0 (or success_rate).  Values are the inputs'
 * central values; the uncertainty module varies them afterwards.
 */
#ifndef SOEM_PROBLEM_H
#define SOEM_PROBLEM_H

#include "engine/engine.h"
#include "model/calc.h"
#include "model/kb.h"
#include "util/err.h"

/* Fills *pb (caller frees with soem_problem_free).  svc_cons, when not
 * NULL, receives a new array (caller frees) mapping each engine service to
 * its index in c->cons (only enabled consequences become services).
 * Errors: SOEM_EX_CALC when there is nothing to compute (no effect given),
 * SOEM_EX_DATAERR for references that do not resolve (the loader normally
 * catches those with positions; this guards edits made in the wizard). */
int soem_problem_build(const soem_calc *c, const soem_kb *kb,
		       soem_problem *pb, size_t **svc_cons, soem_err *err);

void soem_problem_free(soem_problem *pb);

/* The success rate s the calculation gives (p1 - p0, or success_rate);
 * false when neither p1 nor success_rate is given. */
bool soem_calc_success_rate(const soem_calc *c, double *s);

/* NPI(profile price year) / NPI(year); 1 when year is 0 or the profile's.
 * False when a year is missing from the index. */
bool soem_price_factor(const soem_kb *kb, int year, double *factor);

/* The factor that brings an amount at the prices of year (0: the
 * profile's price year) to the calculation's price level (SPEC §2.9
 * `price_level`; the profile's price year when not set): NPI(level) /
 * NPI(year), exactly 1 when year is the level.  False when a year is
 * missing from the index. */
bool soem_calc_price_factor(const soem_calc *c, const soem_kb *kb, int year,
			    double *factor);

/* The price of service id for payer p as the calculation uses it, and the
 * database's own price (for "kb value beside any override").  Returns
 * false when the service is unknown. */
bool soem_calc_price(const soem_calc *c, const soem_kb *kb, const char *id,
		     size_t payer, double *price, double *kb_price,
		     bool *overridden);
/* The same for the profile's service k, with pe the calculation's price
 * entry of it (NULL: none), for a caller that found pe by an index: a
 * lookup by id scans the calculation's prices. */
bool soem_calc_price_of(const soem_calc *c, const soem_kb *kb, size_t k,
			const soem_price_entry *pe, size_t payer,
			double *price, double *kb_price, bool *overridden);

#endif
