/* compare.h - two or more calculations side by side (SPEC §4 `soem
 * compare`, issue 17): which inputs differ, and the headline results of
 * each file with its difference to the first (the reference).
 *
 * Pure: no I/O, no gettext in the data (labels are made by the writers
 * in report/compare.c from the row's kind and its parameters).  The
 * numbers are the engine's, computed exactly as `soem calc` does
 * (soem_problem_build, then soem_compute), so that they equal each
 * file's own `soem calc --format yaml`.
 *
 * All files must use the same profile (the caller leaves the others
 * out): the payers, currency and price year are the reference's.  Price
 * level (SPEC §2.9) is not built yet: every file is at the profile's
 * price year, which is therefore also the first file's level.
 */
#ifndef SOEM_COMPARE_H
#define SOEM_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/engine.h"
#include "model/calc.h"
#include "model/kb.h"
#include "util/err.h"

/* How a row's values are shown. */
enum soem_cmp_fmt {
	SOEM_CMPF_COUNT = 0, /* participants, years, counts, own units */
	SOEM_CMPF_MONEY,     /* amounts in the profile's currency */
	SOEM_CMPF_SHARE,     /* 0..1, shown as a percentage */
	SOEM_CMPF_RATIO,     /* return per krone */
	SOEM_CMPF_YEAR,      /* break-even year: cell.be */
	SOEM_CMPF_TEXT,      /* cell.text (machine words or the file's text) */
};

/* What a row is (the writers turn it into a translated label). */
enum soem_cmp_what {
	/* inputs */
	SOEM_CMPW_HORIZON = 0,
	SOEM_CMPW_COURSE_YEARS,
	SOEM_CMPW_PRICE_LEVEL,
	SOEM_CMPW_COMPLETION,
	SOEM_CMPW_GROUPS,
	SOEM_CMPW_INTAKE,          /* year */
	SOEM_CMPW_EFFECT_GIVEN,    /* text: p1_p0 | success_rate | experiment */
	SOEM_CMPW_P1,
	SOEM_CMPW_P0,
	SOEM_CMPW_SUCCESS_RATE,    /* as given (success_rate:) */
	SOEM_CMPW_S,               /* s = p1 - p0 as used */
	SOEM_CMPW_EXP_XT, SOEM_CMPW_EXP_NT, SOEM_CMPW_EXP_XC, SOEM_CMPW_EXP_NC,
	SOEM_CMPW_PERSISTENCE,     /* year = consequence year j */
	SOEM_CMPW_COST_AMOUNT,     /* name, payer, occurrence */
	SOEM_CMPW_COST_BASIS,
	SOEM_CMPW_COST_YEARS,
	SOEM_CMPW_COST_FROM,
	SOEM_CMPW_COST_TO,
	SOEM_CMPW_COST_SAVED,
	SOEM_CMPW_COST_PRICE_YEAR,
	SOEM_CMPW_CONS_ENABLED,    /* service, occurrence */
	SOEM_CMPW_CONS_YEAR,       /* service, occurrence, year = j */
	SOEM_CMPW_CONS_DURING,
	SOEM_CMPW_CONS_SCALE,
	SOEM_CMPW_PRICE,           /* service, payer */
	SOEM_CMPW_DISCOUNT_FIRST,  /* text: discounted | undiscounted */
	SOEM_CMPW_DISCOUNT_RATE,   /* year = discount step n */
	SOEM_CMPW_EXTRA,           /* name = a top-level key soem keeps but
				      does not compute with (text) */
	/* results (payer = index, or npayers for the total) */
	SOEM_CMPW_PV_COSTS,
	SOEM_CMPW_PV_EFFECTS,
	SOEM_CMPW_PV_NET,
	SOEM_CMPW_NET,             /* undiscounted sum */
	SOEM_CMPW_BREAK_EVEN,
	SOEM_CMPW_RETURN,
	SOEM_CMPW_PER_PARTICIPANT,
	SOEM_CMPW_BREAK_EVEN_S,    /* total only */
	SOEM_CMPW_CUM,             /* year: cumulative undiscounted net */
	SOEM_CMPW_CUM_DISC,        /* year: cumulative discounted net */
};

typedef struct soem_cmp_cell {
	bool present;      /* false: the file has no such input or year */
	double v;          /* the number; NAN: none / n/a */
	int be;            /* SOEM_CMPF_YEAR: 1..H, SOEM_BE_NONE, SOEM_BE_NULL */
	char *text;        /* SOEM_CMPF_TEXT */
	double diff;       /* v - the reference's; NAN when not comparable */
	double pct;        /* diff / |reference| * 100; NAN when not defined */
} soem_cmp_cell;

typedef struct soem_cmp_row {
	bool result;       /* a headline result, else an input */
	enum soem_cmp_what what;
	enum soem_cmp_fmt fmt;
	char *key;         /* machine name: "costs[Opstart/kommune/1].amount" */
	char *name;        /* cost item name, service id or key; or NULL */
	char *svc_name;    /* a custom service's own name, or NULL */
	size_t payer;      /* payer index, npayers = total, SOEM_NPOS none */
	int year;          /* see soem_cmp_what; 0 when none */
	int occurrence;    /* 1-based: the k-th item with that name and payer */
	bool differs;      /* some file differs from the reference */
	soem_cmp_cell *cell; /* [nfiles] */
} soem_cmp_row;

/* One file that loaded and computed. */
typedef struct soem_cmp_file {
	const char *label;        /* the file name as given */
	const soem_calc *calc;
	const soem_kb *kb;        /* the same profile for every file */
	const soem_result *res;
} soem_cmp_file;

typedef struct soem_compare {
	size_t nfiles;
	const soem_cmp_file *files;   /* borrowed; [0] is the reference */
	size_t npayers;
	const soem_kb *kb;            /* the reference's profile */
	size_t nrows;
	soem_cmp_row *rows;           /* inputs that differ, then results */
} soem_compare;

/* The result of one calculation, as `soem calc` computes it.  Returns 0
 * and sets *res (caller frees with soem_result_free), or an exit code
 * with err set; what names the calculation in messages. */
int soem_compare_compute(const soem_calc *c, const soem_kb *kb,
			 const char *what, soem_result **res, soem_err *err);

/* Builds the comparison of files[0..n-1] (n >= 1).  Returns 0 (only an
 * out-of-memory can fail, and that aborts). */
int soem_compare_build(const soem_cmp_file *files, size_t n,
		       soem_compare *out);

void soem_compare_free(soem_compare *c);

/* The "after N years" of the results: 1, 3, 5 and 10 where they are
 * within the horizon, and the horizon (SPEC §2.9's default
 * report_years).  Writes at most 5 years to y, ascending; returns how
 * many. */
size_t soem_compare_at_years(int horizon, int *y);

#endif
