/* calc.h - a calculation (SPEC §3.2) in memory.
 *
 * Loaded by io/calc_load.c, written by io/calc_save.c, edited by the
 * wizard.  Every struct that stands for a YAML mapping has an `extra`
 * mapping (a ynode of kind YNODE_MAP, or NULL) holding the keys soem
 * does not know, in file order, so that a round trip keeps them.
 *
 * Numbers that the user may give a range for are soem_num (SPEC §2.7).
 * Optional fields have a `has_` flag; strings are NULL when absent.
 */
#ifndef SOEM_CALC_H
#define SOEM_CALC_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/engine.h"
#include "model/kb.h"
#include "util/num.h"

struct ynode;

/* A reference that is either a database id or a custom name:
 * `{kb: id}` or `{custom: "name"}`. */
typedef struct soem_ref {
	char *kb;       /* id, or NULL */
	char *custom;   /* custom name, or NULL */
	struct ynode *extra;
} soem_ref;

typedef struct soem_intervention {
	char *name, *description, *municipality, *author, *usual_practice;
	int start_year;         /* 0 = not given */
	bool scenario;          /* analysis: scenario (false = full) */
	bool has_analysis;
	struct ynode *extra;
} soem_intervention;

typedef struct soem_intake {
	int year;
	soem_num participants;
	struct ynode *extra;
} soem_intake;

enum soem_source_kind {
	SOEM_SRC_NONE = 0, SOEM_SRC_STUDY, SOEM_SRC_OWN_EVALUATION,
	SOEM_SRC_PROFESSIONAL_ESTIMATE, SOEM_SRC_SCENARIO
};

typedef struct soem_experiment {
	bool present;
	long x_t, n_t, x_c, n_c;
	double waiting_months;  /* 0 = not given */
	bool has_waiting;
	struct ynode *extra;
} soem_experiment;

typedef struct soem_effect {
	soem_ref measure;
	bool has_measure;
	/* source */
	bool has_source;
	enum soem_source_kind source_kind;
	int evidence_level;     /* 1..3, 0 = not given */
	char *source_note;
	struct ynode *source_extra;
	/* either p1 (and p0) or success_rate */
	bool has_p1, has_p0, has_success_rate;
	soem_num p1, p0, success_rate;
	soem_experiment experiment;
	/* persistence */
	bool has_persistence;
	enum soem_persist persist;  /* FULL when absent */
	soem_num decay;
	size_t nrho;
	soem_num *rho;
	struct ynode *persistence_extra;
	struct ynode *extra;
} soem_effect;

typedef struct soem_cost_item {
	char *name;
	char *payer;            /* payer id */
	enum soem_basis basis;
	soem_num amount;        /* low/high beside amount land here too */
	size_t nyears;          /* basis once */
	int *years;
	int from, to;           /* basis yearly; 0 = default */
	bool saved;
	int price_year;         /* 0 = the profile's */
	bool payer_group;       /* payer names a payer group (SPEC §2.9) */
	char *group;            /* SPEC §2.9: participant bases count only
				   this group (a name in groups:), or NULL */
	struct ynode *extra;
} soem_cost_item;

enum soem_match { SOEM_MATCH_UNSET = 0, SOEM_MATCH_YES, SOEM_MATCH_PARTLY,
		  SOEM_MATCH_NO };

typedef struct soem_match_assessment {
	bool present;
	enum soem_match target_group, effect_measure;
	char *note;
	struct ynode *extra;
} soem_match_assessment;

typedef struct soem_custom_service {
	char *id;
	char *name;             /* `custom:` */
	char *unit;
	char *area;             /* one of the profile's areas */
	enum soem_kind kind;    /* from kb.h: SOEM_EXPENSE / SOEM_REVENUE */
	struct ynode *extra;
} soem_custom_service;

typedef struct soem_consequence {
	char *service;          /* kb service id, or the custom service's id */
	bool custom;            /* service given as a map (custom) */
	soem_custom_service cs; /* when custom */
	bool enabled;           /* default true */
	bool has_enabled;       /* `enabled:` was written */
	bool from_kb;
	size_t nyears;
	soem_num *years;
	bool has_during;
	soem_num during;
	bool has_scale;
	soem_num scale;         /* 1 when absent */
	/* SPEC §2.9: the row's own persistence (replaces the effect's) */
	bool has_persistence;
	enum soem_persist persist;
	soem_num decay;
	size_t nrho;
	soem_num *rho;
	struct ynode *persistence_extra;
	struct ynode *extra;
} soem_consequence;

/* One entry of a price schedule (SPEC §2.9): the amount in force from
 * calendar year `from` on. */
typedef struct soem_sched_entry {
	int from;
	soem_num amount;
	int price_year;         /* 0: the price entry's, else the profile's */
	struct ynode *extra;
} soem_sched_entry;

typedef struct soem_price_payer {
	char *payer;
	soem_num price;         /* with a schedule: its first entry's amount */
	size_t nsched;          /* 0: a plain price */
	soem_sched_entry *sched;/* in file order */
} soem_price_payer;

typedef struct soem_price_entry {
	char *service;
	int price_year;         /* 0 = profile's price year */
	size_t n;
	soem_price_payer *v;
	struct ynode *extra;    /* unknown keys that are not payers? (payers
				   the profile lacks are an error, 65) */
} soem_price_entry;

/* taxes.SERVICE: {PAYER: share} (SPEC §2.9): payer shares of the gross
 * transfer that come back as income tax; the same shape as a price. */
typedef struct soem_tax_entry {
	char *service;
	size_t n;
	soem_price_payer *v;    /* price = the share */
} soem_tax_entry;

typedef struct soem_disc_step {
	int from;
	soem_num rate;
	struct ynode *extra;
} soem_disc_step;

typedef struct soem_discount {
	bool present;
	bool first_discounted;
	bool has_first_year;
	size_t nsteps;
	soem_disc_step *steps;
	struct ynode *extra;
} soem_discount;

typedef struct soem_note {
	char *key;              /* step name: intervention, target, effect, ... */
	char *text;
} soem_note;

struct soem_calc;

/* One group of groups: (SPEC §2.9).  sub holds the group's own
 * target_group, effect, intake, course_years, completion, match and
 * consequences (its other fields stay at their defaults and are not
 * used); its horizon is the calculation's. */
typedef struct soem_calc_group {
	char *name;             /* unique within the calculation */
	struct soem_calc *sub;
	struct ynode *extra;    /* unknown keys of the group */
} soem_calc_group;

typedef struct soem_calc {
	struct ynode *tree;     /* the parsed file that the extras and the
				   evaluation may point into (owned, freed
				   last), or NULL */
	int format;             /* soem_calc: N */
	char *kb_profile;       /* kb.profile */
	char *kb_version;       /* kb.version */
	struct ynode *kb_extra;
	soem_intervention intervention;
	int horizon;            /* default 10 */
	int course_years;       /* default 1 */
	size_t nintake;
	soem_intake *intake;
	soem_ref target_group;
	bool has_target_group;
	soem_effect effect;
	size_t ncosts;
	soem_cost_item *costs;
	soem_match_assessment match;
	size_t ncons;
	soem_consequence *cons;
	size_t nprices;
	soem_price_entry *prices;
	soem_discount discount;
	bool has_uncertainty;
	long draws;             /* default 10000 */
	unsigned long long seed;/* default 1 */
	struct ynode *uncertainty_extra;
	size_t nnotes;
	soem_note *notes;
	/* SPEC §2.9 */
	bool has_completion;
	soem_num completion;    /* share of starters who complete; 1 */
	int price_level;        /* 0 = the profile's price year */
	size_t nreport_years;   /* 0 = the default years */
	int *report_years;      /* sorted, without duplicates */
	size_t ntaxes;
	soem_tax_entry *taxes;
	size_t ngroups;         /* 0: one group made of the top-level keys */
	soem_calc_group *groups;
	struct ynode *evaluation;  /* kept as a tree until the design module
				      reads it (SPEC 2.8) */
	struct ynode *extra;       /* unknown top-level keys */
} soem_calc;

/* A new, empty calculation with the defaults of SPEC §3.2 (horizon 10,
 * course 1 year, draws 10000, seed 1). Caller frees. */
soem_calc *soem_calc_new(void);
void soem_calc_free(soem_calc **c);

/* The consequence rows of every group in file order (c->cons when c has
 * no groups; with groups c->cons is not looked at), as shallow copies in a new array (caller frees the array
 * only); *n gets their number.  The problem's services index this list
 * (soem_problem_build's svc_cons). */
soem_consequence *soem_calc_all_cons(const soem_calc *c, size_t *n);

/* The group that row k of soem_calc_all_cons(c) belongs to: its
 * sub-calculation (target_group, effect, intake, course_years,
 * completion, match), and its index in *g (may be NULL).  Without groups
 * c itself (*g = 0) when k < c->ncons.  NULL when k is past the rows. */
const soem_calc *soem_calc_row_group(const soem_calc *c, size_t k,
				     size_t *g);

#endif
