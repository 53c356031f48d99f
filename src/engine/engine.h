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
	SOEM_BASIS_PER_COMPLETER, /* SPEC §2.9: amount * N_c * c in year f_c */
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

/* One group of participants (SPEC §2.9 "several groups"). */
typedef struct soem_pgroup {
	int course_years;  /* L >= 1 */
	double completion; /* 0 < c <= 1; 0 is read as 1 (not given) */
	size_t ncohorts;
	soem_cohort *cohorts;
	double s;          /* success rate of this group */
	enum soem_persist persist;
	double decay;
	size_t nrho;
	double *rho;
} soem_pgroup;

typedef struct soem_pservice {
	double sign;       /* -1 expense, +1 revenue */
	size_t group;      /* index into pb->groups (0 when ngroups == 0) */
	bool own_persist;  /* the row's own persistence replaces the group's */
	enum soem_persist persist;
	double decay;
	size_t nrho;
	double *rho;
	size_t area;       /* index into the profile's areas (for by_area) */
	size_t nyears;     /* J */
	double *delta;     /* [J] change in units per success, years j=1..J */
	double scale;      /* multiplies every delta (1 unless varied) */
	double during;     /* units per participant-year in the course (0 = none) */
	double *price;     /* [P] price per unit for each payer, profile prices */
	double *price_t;   /* [H][P] price per year and payer (a schedule,
			      SPEC §2.9), or NULL: price[] in every year */
	double *tax;       /* [P] tax shares tau_p of the gross transfer
			      G_t = sum_p price, or NULL: no tax */
} soem_pservice;

typedef struct soem_pcost {
	size_t payer;      /* index into payers */
	enum soem_basis basis;
	double amount;     /* already at the profile's price level */
	bool saved;        /* usual practice replaced: counts negative */
	size_t nyears;     /* for ONCE */
	int *years;
	int from, to;      /* for YEARLY (inclusive; already defaulted to 1..H) */
	bool has_group;    /* participant bases count only that group */
	size_t group;
	double *split;     /* [P] shares of a payer group (sum 1), or NULL:
			      all of it is borne by payer */
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
	/* SPEC §2.9.  Zero everywhere = as before. */
	double completion; /* of the one group when ngroups == 0; 0 = 1 */
	size_t ngroups;    /* 0: one group made of the fields above (no
			      by_group in the result); else these groups
			      and the fields above are not used */
	soem_pgroup *groups;
	size_t nreport_years; /* 0: 1, 3, 5, 10 (those <= H) and H */
	int *report_years;    /* in 1..H */
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
	double *by_service_pv;     /* [nservices][P+1] PV(E) (issue 16: the
				      share resting on illustrative figures) */
	double *by_area;           /* [nareas][P+1] undiscounted E */
	double participants;       /* sum N_c */
	double successes;          /* sum S_c */
	/* Break-even success rate: PV(E) total = s*A + B. */
	double be_A, be_B;
	double break_even_s;       /* NAN when A <= 0 ("none"), or with groups */
	/* SPEC §2.9. */
	double be_As;              /* sum_g s_g A_g */
	double break_even_scale;   /* (PV(C) - B) / be_As; NAN when <= 0 */
	size_t ngroups;            /* pb->ngroups (0: no by_group) */
	double *grp_participants;  /* [ngroups] */
	double *grp_s;             /* [ngroups] */
	double *grp_successes;     /* [ngroups] */
	double *grp_effects;       /* [ngroups][P+1] undiscounted E */
	double *grp_pv_effects;    /* [ngroups][P+1] */
	bool has_completion;       /* some group has c < 1 */
	double completers;         /* sum_g sum_c N c_g */
	double *per_completer;     /* [P+1]; NAN when completers <= 0 */
	size_t nat;
	int *at_year;              /* [nat] ascending */
	double *at_net;            /* [nat][P+1] cumulative undiscounted net */
	double *at_net_disc;       /* [nat][P+1] cumulative discounted net */
	double be_F, be_V;         /* PV(R)(mu) = mu V - F */
	double bep_value, bep_whole; /* break-even participants; NAN: null */
	bool *svc_taxed;           /* [nservices] some tau != 0 */
	double *by_service_gross;  /* [nservices][P+1] sigma U pi */
	double *by_service_tax;    /* [nservices][P+1] -sigma U tau G */
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
