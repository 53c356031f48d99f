/* uncertainty.h - a calculation's uncertain inputs and what follows from
 * them (SPEC §2.7, §2.8): the one-way sensitivity, the Monte Carlo, the
 * experiment's interval and the interval of the success rate.
 *
 * This is what `soem calc` and the wizard's Results and Effect steps
 * call: soem_unc_run after soem_problem_build, then read the struct.
 */
#ifndef SOEM_UNCERTAINTY_H
#define SOEM_UNCERTAINTY_H

#include "engine/uncertain.h"
#include "model/calc.h"
#include "model/kb.h"
#include "util/err.h"

/* What an experiment's counts say (SPEC §2.8). */
typedef struct soem_expinfo {
	bool present;
	long x_t, n_t, x_c, n_c;
	double p1, p0, s;          /* x_t/n_t, x_c/n_c, p1 - p0 */
	double low, high;          /* Newcombe's 95 % interval of s */
	bool contains_zero;        /* low <= 0 <= high: the experiment cannot
				      tell the effect from zero */
	bool has_waiting;
	double waiting_months;
	int assumption_from;       /* first calendar year (1..H) resting on
				      the persistence assumption; 0 = none
				      (no waiting time, or beyond H) */
} soem_expinfo;

typedef struct soem_unc {
	soem_uset inputs;          /* in file order, SPEC §2.7 names */
	soem_sens sens;            /* sens.n == 0: no input has a range */
	soem_mc mc;                /* mc.draws == 0: not run */
	soem_expinfo exp;
	/* The success rate and its interval for the break-even line. */
	double s;
	bool has_s_range;          /* from the experiment or from ranges */
	bool s_from_experiment;
	double s_low, s_high;
} soem_unc;

/* Lists the uncertain inputs of c (p1/p0 or success_rate or the
 * experiment, intake, persistence, costs, consequences, prices, the
 * calculation's own discount steps; only inputs that reach the problem:
 * nothing of a disabled consequence).  pb and svc_cons come from
 * soem_problem_build(c, kb, ...).  Returns 0 or SOEM_EX_DATAERR (a price
 * year missing from the index). */
int soem_unc_inputs(const soem_calc *c, const soem_kb *kb,
		    const soem_problem *pb, const size_t *svc_cons,
		    soem_uset *u, soem_err *err);

/* The experiment's interval and the years that rest on persistence. */
void soem_unc_experiment(const soem_calc *c, soem_expinfo *x);

/* Everything: inputs, sensitivity, Monte Carlo with draws (< 0: the
 * calculation's uncertainty.draws) and c->seed.  The Monte Carlo runs
 * when draws > 0 and some input has a range.  Caller frees with
 * soem_unc_free. */
int soem_unc_run(const soem_calc *c, const soem_kb *kb,
		 const soem_problem *pb, const size_t *svc_cons, long draws,
		 soem_unc *out, soem_err *err);
void soem_unc_free(soem_unc *u);

#endif
