/* engine.h - the calculation of SPEC §2.1-2.6.
 *
 * Pure functions over plain structs: no I/O, no curses, no gettext, no
 * knowledge of files or ids.  The model layer (model/problem.c) turns a
 * calculation and its knowledge database into a soem_problem: every price
 * already converted to the profile's price year, every service resolved to
 * its sign and its per-payer prices, every cost item to a payer index.
 *
 * Indexing: years t = 1..H are stored at index t-1.  Per-payer tables have
 * P+1 columns; column P is the total over payers.
 */
#ifndef SOEM_ENGINE_H
#define SOEM_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#define SOEM_HORIZON_MAX 100
#define SOEM_BREAK_EVEN_TOL 1e-6

/* Break-even year values besides 1..H. */
#define SOEM_BE_NONE 0   /* costs or effects exist but K never stays >= 0 */
#define SOEM_BE_NULL (-1) /* the payer has no costs and no effects at all */

enum soem_basis {
	SOEM_BASIS_PER_PARTICIPANT = 0,
	SOEM_BASIS_PER_PARTICIPANT_YEAR,
	SOEM_BASIS_ONCE,
	SOEM_BASIS_YEARLY,
};

enum soem_persist {
	SOEM_PERSIST_FULL = 0, /* rho_j = 1 */
	SOEM_PERSIST_DECAY,    /* rho_j = (1 - decay)^(j-1) */
	SOEM_PERSIST_LIST,     /* rho_j = list[j-1], last value after its end */
};

typedef struct soem_cohort {
	int year;          /* 1..H */
	double n;          /* participants starting that year (>= 0) */
} soem_cohort;

typedef struct soem_pservice {
	double sign;       /* -1 expense, +1 revenue */
	size_t area;       /* index into the profile's areas (for by_area) */
	size_t nyears;     /* J */
	double *delta;     /* [J] change in units per success, years j=1..J */
	double scale;      /* multiplies every delta (1 unless varied) */
	double during;     /* units per participant-year in the course (0 = none) */
	double *price;     /* [P] price per unit for each payer, profile prices */
} soem_pservice;

typedef struct soem_pcost {
	size_t payer;      /* index into payers */
	enum soem_basis basis;
	double amount;     /* already at the profile's price level */
	bool saved;        /* usual practice replaced: counts negative */
	size_t nyears;     /* for ONCE */
	int *years;
	int from, to;      /* for YEARLY (inclusive; already defaulted to 1..H) */
} soem_pcost;

typedef struct soem_pstep {
	int from;          /* >= 1 */
	double rate;
} soem_pstep;

typedef struct soem_problem {
	int horizon;       /* H, 1..SOEM_HORIZON_MAX */
	int course_years;  /* L >= 1 */
	size_t ncohorts;
	soem_cohort *cohorts;
	double s;          /* success rate p1 - p0 (or given directly) */
	enum soem_persist persist;
	double decay;
	size_t nrho;
	double *rho;
	size_t npayers;    /* P */
	size_t nareas;
	size_t nservices;
	soem_pservice *services;
	size_t ncosts;
	soem_pcost *costs;
	bool first_discounted;
	size_t nsteps;     /* 0 = no discounting */
	soem_pstep *steps;
} soem_problem;

/* Results.  Tables of H rows x (P+1) columns are stored row-major:
 * X[(t-1)*(P+1) + p]; column P is the total. */
typedef struct soem_result {
	int horizon;
	size_t npayers;
	size_t nservices, nareas;
	double success_rate;
	double *discount;          /* [H] d_t */
	double *costs;             /* [H][P+1] C */
	double *effects;           /* [H][P+1] E */
	double *net;               /* [H][P+1] R */
	double *net_disc;          /* [H][P+1] R*d */
	double *cum_disc;          /* [H][P+1] K */
	/* [P+1] each: */
	double *tot_costs, *tot_effects, *tot_net;
	double *pv_costs, *pv_effects, *pv_net;
	int *break_even;           /* year 1..H, SOEM_BE_NONE or SOEM_BE_NULL */
	double *return_per_krone;  /* NAN where PV(C) <= 0 */
	double *per_participant;   /* NAN when there are no participants */
	double *per_success;       /* NAN when sum S_c <= 0 */
	double *by_service;        /* [nservices][P+1] undiscounted E */
	double *by_area;           /* [nareas][P+1] undiscounted E */
	double participants;       /* sum N_c */
	double successes;          /* sum S_c */
	/* Break-even success rate: PV(E) total = s*A + B. */
	double be_A, be_B;
	double break_even_s;       /* NAN when A <= 0 ("none") */
} soem_result;

/* Discount factor d_t for year t (1-based) under the problem's schedule. */
double soem_discount_factor(const soem_problem *pb, int t);

/* Fills d[0..H-1]. */
void soem_discount_factors(const soem_problem *pb, double *d);

/* Persistence rho_j for consequence year j (1-based). */
double soem_persistence(const soem_problem *pb, int j);

/* Checks the problem's own consistency (horizon range, cohort years in
 * 1..H, course >= 1, payer indices, finite numbers).  Returns 0 or 1 and
 * writes a short English reason to why (may be NULL); the model layer
 * validates files with proper messages before this is ever reached. */
int soem_problem_check(const soem_problem *pb, const char **why);

/* Computes everything.  Returns a new result (caller frees with
 * soem_result_free), or NULL when soem_problem_check fails. */
soem_result *soem_compute(const soem_problem *pb);

void soem_result_free(soem_result **r);

/* Total PV(R) only, without filling the tables: the quantity the
 * sensitivity and Monte Carlo analyses need.  Writes PV(R) per payer and
 * total to pv[0..P] when pv is not NULL. */
double soem_pv_net(const soem_problem *pb, double *pv);

#endif
