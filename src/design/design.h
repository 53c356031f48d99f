/* design.h - planning an experiment with a yes/no outcome (SPEC §2.8).
 *
 * Pure math: no I/O, no gettext.  Two groups, control C (share p0 reaches
 * the effect measure) and treatment T (p1); allocation ratio k = n_T/n_C;
 * two-sided significance level alpha; power 1 - beta.  The normal
 * approximation with the pooled variance under H0 and the unpooled one
 * under H1, one tail counted (R's power.prop.test; Fleiss, Tytun & Ury
 * 1980 for k != 1), with Fleiss's continuity correction on request.
 *
 * "n" is always the control group's size, unrounded, before the design
 * effect and attrition; the treatment group has k * n.
 */
#ifndef SOEM_DESIGN_H
#define SOEM_DESIGN_H

#include <stdbool.h>
#include <stddef.h>

/* Standard normal quantile (Wichura's AS241, as R's qnorm): -INFINITY at
 * 0, INFINITY at 1, NAN outside [0, 1]. */
double soem_qnorm(double p);

/* Standard normal distribution function. */
double soem_pnorm(double x);

/* n per control group (unrounded) to detect p0 -> p1 with the power;
 * NAN when the inputs are out of range or p0 == p1. */
double soem_design_n(double p0, double p1, double alpha, double power,
		     double ratio, bool cc);

/* Fleiss's continuity correction of a control group's size n for the
 * difference delta: n/4 * (1 + sqrt(1 + 2(k+1)/(n k |delta|)))^2. */
double soem_design_cc(double n, double delta, double ratio);

/* The inverse of soem_design_cc: the uncorrected n whose corrected size
 * is ncc (0 when ncc is too small to carry any information). */
double soem_design_uncc(double ncc, double delta, double ratio);

/* Power for n per control group (k*n treated). */
double soem_design_power(double n, double p0, double p1, double alpha,
			 double ratio, bool cc);

/* The smallest p1 > p0 detected with the power at n per control group,
 * solved from the power equation by bisection to 1e-15; NAN when even
 * p1 = 1 does not reach the power. */
double soem_design_detectable(double n, double p0, double alpha,
			      double power, double ratio, bool cc);

/* Rounding up a size, forgiving the last bits of floating point (a size
 * within 1e-9 relative of a whole number is that number). */
long soem_design_ceil(double x);

/* SPEC §2.8's rounding: the group after the design effect,
 * ceil(n * deff), then what to enrol with the attrition share a,
 * ceil(group / (1 - a)).  Returns the enrolment; *group may be NULL. */
long soem_design_enrol(double n, double deff, double attrition, long *group);

typedef struct soem_site {
	char *name;
	double inflow;     /* eligible people a year */
	double consent;    /* share that consents (0..1) */
	double delay;      /* months before the site starts */
} soem_site;

/* People randomised after t months: sum of (F_i scale c_i / 12) *
 * max(0, t - s_i). */
double soem_design_recruited(const soem_site *s, size_t n, double scale,
			     double t);

/* The smallest whole number of months t with recruited(t) >= total; -1
 * when the sites never get there (no inflow, or over 10^9 months). */
long soem_design_months(const soem_site *s, size_t n, double scale,
			double total);

/* A site's own months to randomise min people: min / (F scale c / 12)
 * + delay; NAN when its inflow is 0. */
double soem_design_site_months(const soem_site *s, double scale, double min);

/* Wilson's score interval for x of n at the normal quantile z. */
void soem_wilson(long x, long n, double z, double *lo, double *hi);

/* Newcombe's hybrid score interval (1998, method 10) for p1 - p0 with
 * p1 = xt/nt, p0 = xc/nc, at the two-sided level (0.95 for 95 %).
 * Any pointer may be NULL.  Counts must satisfy 0 <= x <= n, n >= 1. */
void soem_newcombe(long xt, long nt, long xc, long nc, double level,
		   double *diff, double *lo, double *hi);

/* ------------------------------------------------------------------ */
/* A whole plan: what `soem design` and the wizard's design screen ask. */

enum soem_design_problem {
	SOEM_DESIGN_NONE = 0,  /* only an interval from counts, or nothing */
	SOEM_DESIGN_SIZE,      /* p0, p1 -> n */
	SOEM_DESIGN_POWER,     /* p0, p1, n -> power */
	SOEM_DESIGN_P1,        /* p0, n -> detectable p1 */
};

typedef struct soem_design_in {
	enum soem_design_problem problem;
	double alpha, power, ratio;
	double p0, p1, n;
	bool cc;
	double attrition, deff;
	size_t nsites;
	soem_site *sites;
	bool has_site_min;
	double site_min;
	double inflow_scale;
	size_t nsub;
	double *sub;             /* subgroup shares (0, 1] */
	bool has_counts;         /* an interval from an experiment's counts */
	long x_t, n_t, x_c, n_c;
	double level;
} soem_design_in;

typedef struct soem_design_out {
	double power, p1;              /* given or computed (p1 NAN: none) */
	double n_control, n_treatment; /* unrounded */
	long group_control, group_treatment;   /* after the design effect */
	long enrol_control, enrol_treatment, enrol_total;
	bool has_months;
	long months;                   /* -1: the sites never get there */
	double *site_months;           /* [nsites] when has_site_min */
	double *sub_p1;                /* [nsub], NAN where none */
	double diff, ci_low, ci_high;  /* with has_counts */
	double p1_obs, p0_obs;         /* x_t/n_t and x_c/n_c */
} soem_design_out;

/* Defaults of SPEC §4: alpha 0.05, power 0.8, ratio 1, no correction,
 * attrition 0, deff 1, inflow scale 1, level 0.95. */
void soem_design_in_init(soem_design_in *in);
void soem_design_in_free(soem_design_in *in);

/* Checks the ranges; returns NULL or a short English reason naming the
 * option ("--power must lie between 0 and 1"); the caller translates. */
const char *soem_design_check(const soem_design_in *in);

/* Solves the plan (after soem_design_check).  Caller frees with
 * soem_design_out_free. */
void soem_design_solve(const soem_design_in *in, soem_design_out *out);
void soem_design_out_free(soem_design_out *out);

#endif
