/* uncertain.h - inputs with a range, one-way sensitivity and Monte Carlo
 * (SPEC §2.7) over the engine's problem.
 *
 * Pure functions over plain structs like engine.h: an uncertain input
 * names its target in the problem (a cohort, a cost item, a service's
 * year, price, scale or `during`, a discount step, the persistence) and
 * its distribution; the model layer (model/uncertainty.c) lists the
 * inputs of a calculation in file order with their SPEC §2.7 names.
 *
 * The generator is fixed so that the same file and seed give the same
 * numbers on every machine: xoshiro256** (Blackman & Vigna 2018) seeded
 * by four outputs of splitmix64(seed); u = (x >> 11) * 2^-53; each draw
 * takes one u per input, in the order of the inputs.
 */
#ifndef SOEM_UNCERTAIN_H
#define SOEM_UNCERTAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/engine.h"

/* ------------------------------------------------------------------ */
/* The generator (oracles.md D). */

typedef struct soem_rng {
	uint64_t s[4];
} soem_rng;

/* One splitmix64 step: advances *state, returns the output. */
uint64_t soem_splitmix64(uint64_t *state);

/* Seeds xoshiro256** with four outputs of splitmix64(seed). */
void soem_rng_seed(soem_rng *r, uint64_t seed);

/* The next 64-bit output of xoshiro256**. */
uint64_t soem_rng_next(soem_rng *r);

/* The next u in [0, 1): (x >> 11) * 2^-53. */
double soem_rng_u(soem_rng *r);

/* ------------------------------------------------------------------ */
/* Uncertain inputs. */

enum soem_ukind {
	SOEM_U_S = 0,     /* the success rate s itself */
	SOEM_U_P1,        /* p1 (s = p1 - p0) */
	SOEM_U_P0,        /* p0 */
	SOEM_U_COHORT,    /* participants of cohort i */
	SOEM_U_COST,      /* amount of cost item i (x * factor) */
	SOEM_U_DELTA,     /* consequence year j (0-based) of service i */
	SOEM_U_DURING,    /* `during` of service i */
	SOEM_U_SCALE,     /* scale of service i */
	SOEM_U_PRICE,     /* price of service i for payer j (x * factor) */
	SOEM_U_RATE,      /* rate of discount step i */
	SOEM_U_DECAY,     /* persistence decay */
	SOEM_U_RHO,       /* persistence list entry i */
	/* SPEC §2.9: inputs of group j (pb->groups[j]) */
	SOEM_U_GS,        /* the success rate of group j */
	SOEM_U_GP1,       /* p1 of group j (s_j = p1 - p0) */
	SOEM_U_GP0,       /* p0 of group j */
	SOEM_U_GCOHORT,   /* participants of cohort i of group j */
	SOEM_U_GDECAY,    /* persistence decay of group j */
	SOEM_U_GRHO,      /* persistence list entry i of group j */
	/* SPEC §2.9: ranges on the real-case keys (TAX, SCHED and
	 * COMPLETION take the fast path; a row's own persistence is not
	 * linear, and soem_fast_new refuses a problem with groups or a
	 * row's own persistence) */
	SOEM_U_COMPLETION,  /* completion of the one group (pb->completion) */
	SOEM_U_GCOMPLETION, /* completion of group j */
	SOEM_U_TAX,       /* tax share of service i for payer j (and the
			     services in also[]) */
	SOEM_U_SCHED,     /* a schedule entry: price of service i for payer
			     j in the years t0..t1 (0-based) it is in force,
			     x * factor (and the services in also[]) */
	SOEM_U_SDECAY,    /* the own persistence decay of service i */
	SOEM_U_SRHO,      /* the own persistence list entry j of service i */
};

enum soem_udist {
	SOEM_DIST_TRIANGULAR = 0,  /* triangular(low, value, high) */
	SOEM_DIST_NORMAL,          /* normal(value, sd) */
};

/* SPEC §2.7: sigma of s from an experiment's 95 % interval. */
#define SOEM_EXPERIMENT_Z 1.959964

typedef struct soem_uinput {
	char *name;           /* SPEC §2.7 path, e.g. "costs[Forløb].amount" */
	enum soem_ukind kind;
	enum soem_udist dist;
	double value, low, high;
	double sd;            /* SOEM_DIST_NORMAL only */
	size_t i, j;          /* target indices, see soem_ukind */
	double factor;        /* price level (COST, PRICE); 1 otherwise */
	size_t nalso;         /* PRICE, TAX, SCHED: further services the
				 input applies to (the same service in
				 other groups) */
	size_t *also;
	int t0, t1;           /* SCHED: the years (0-based) of the entry */
} soem_uinput;

typedef struct soem_uset {
	size_t n;
	soem_uinput *in;
	double p1, p0;        /* central p1 and p0 (s = p1 - p0) */
	size_t ng;            /* groups: central p1 and p0 of each (SPEC
				 §2.9), or 0 */
	double *gp1, *gp0;
} soem_uset;

/* Appends an input (name copied).  Returns its index. */
size_t soem_uset_add(soem_uset *u, const char *name, enum soem_ukind kind,
		     double value, double low, double high, size_t i,
		     size_t j, double factor);
void soem_uset_free(soem_uset *u);

/* The value of a triangular(low, mode, high) or normal(mean, sd) input at
 * u in [0, 1) by the inverse distribution function (u = 0 of a normal is
 * taken as 2^-54). */
double soem_uinput_quantile(const soem_uinput *in, double u);

/* A deep copy of a problem (caller frees with soem_problem_free from
 * model/problem.h, or soem_problem_clone_free). */
void soem_problem_clone(const soem_problem *src, soem_problem *dst);
void soem_problem_clone_free(soem_problem *pb);

/* Sets every input i of u to x[i] in pb (the inputs' targets only; pb
 * must be a problem the inputs were listed for, e.g. a clone). */
void soem_uset_apply(const soem_uset *u, soem_problem *pb, const double *x);

/* The central values of the inputs in x[0..n-1]. */
void soem_uset_values(const soem_uset *u, double *x);

/* ------------------------------------------------------------------ */
/* Fast present values: PV(R) per payer and total for a vector of input
 * values without re-running the calculation.  PV(R) is multilinear in s,
 * the participants, the consequence values, scales, `during`, the prices
 * (a schedule's entries too), the tax shares and the cost amounts (split
 * by a payer group or not), so per-unit present values are computed once
 * and a draw costs O(inputs x payers x cohorts), plus O(years x payers x
 * cohorts) for a touched service with a schedule.  The net is linear in
 * the completion of a problem without groups too (SPEC §2.9), so c < 1,
 * per_completer costs and a triangular range on c inside (0, 1] take the
 * fast path.  Discount rates and persistence are not linear:
 * soem_fast_new returns NULL for a set that has any of them, or for a
 * problem with groups or a row's own persistence, and the caller
 * recalculates instead. */

typedef struct soem_fast soem_fast;

soem_fast *soem_fast_new(const soem_problem *pb, const soem_uset *u);
void soem_fast_free(soem_fast **f);

/* PV(R) at x: pv[0..P] (P = payers, pv[P] the total). */
void soem_fast_pv(soem_fast *f, const double *x, double *pv);

/* PV(R) at x the slow, sure way: apply x to a clone, run the engine. */
void soem_full_pv(const soem_problem *pb, const soem_uset *u,
		  const double *x, double *pv);

/* ------------------------------------------------------------------ */
/* One-way sensitivity (tornado). */

typedef struct soem_sens_row {
	size_t input;               /* index into the uset */
	double low, high;           /* the input's low and high */
	double pv_low, pv_high;     /* total PV(R) at low and at high */
} soem_sens_row;

typedef struct soem_sens {
	size_t n;
	soem_sens_row *row;         /* sorted by swing |pv_high - pv_low|,
				       largest first; ties in input order */
	double pv_base;             /* total PV(R) at the central values */
} soem_sens;

void soem_sens_run(const soem_problem *pb, const soem_uset *u,
		   soem_sens *out);
void soem_sens_free(soem_sens *s);

/* ------------------------------------------------------------------ */
/* Monte Carlo. */

typedef struct soem_mc {
	long draws;
	uint64_t seed;
	size_t npayers;             /* P; the arrays below have P+1 entries */
	bool fast;                  /* the fast path was used */
	double *mean, *sd, *p5, *p50, *p95, *share_positive;
	double *total;              /* [draws] total PV(R) of each draw, in
				       draw order (for charts) */
} soem_mc;

/* Runs draws draws (> 0).  Returns 0, or 1 when the problem cannot be
 * computed.  Caller frees with soem_mc_free. */
int soem_mc_run(const soem_problem *pb, const soem_uset *u, long draws,
		uint64_t seed, soem_mc *out);
void soem_mc_free(soem_mc *m);

/* Percentile of sorted x[0..n-1] by linear interpolation between order
 * statistics (R's type 7). */
double soem_quantile7(const double *sorted, size_t n, double p);

/* The same percentiles p[0..np-1] (in increasing order, each in [0, 1]) of
 * unsorted x[0..n-1], which is reordered, by selection instead of a full
 * sort (issue 18: the sort was 70 % of a small Monte Carlo run).  No NaN
 * in x; n == 0 gives NaN. */
void soem_quantiles7(double *x, size_t n, const double *p, size_t np,
		     double *out);

#endif
