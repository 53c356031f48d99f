/* missing.h - the wizard's steps (SPEC §5.1) and what is missing or
 * inconsistent on each of them, as pure functions of a calculation and its
 * knowledge-database profile (no curses: tested without a terminal).
 */
#ifndef SOEM_MISSING_H
#define SOEM_MISSING_H

#include <stdbool.h>
#include <stddef.h>

#include "model/calc.h"
#include "model/kb.h"

/* The seven steps, in the order of SPEC §5.1. */
enum soem_step {
	SOEM_STEP_INTERVENTION = 0,
	SOEM_STEP_TARGET,
	SOEM_STEP_EFFECT,
	SOEM_STEP_COSTS,
	SOEM_STEP_CONSEQUENCES,
	SOEM_STEP_PRICES,
	SOEM_STEP_RESULTS,
	SOEM_STEP_COUNT
};

/* The step's name as used by --step and as the key of its note in the
 * file's `notes:` ("intervention", "target", ...). */
const char *soem_step_name(enum soem_step s);

/* The step of a name (see soem_step_name); -1 when unknown. */
int soem_step_parse(const char *name);

enum soem_issue_kind {
	SOEM_ISSUE_MISSING = 0, /* results do not mean anything without it */
	SOEM_ISSUE_WARNING,     /* worth a look, results are still computed */
};

#define SOEM_ISSUE_MSG 200
#define SOEM_ISSUES_MAX 48

typedef struct soem_issue {
	enum soem_step step;
	enum soem_issue_kind kind;
	char msg[SOEM_ISSUE_MSG]; /* translated, one line */
} soem_issue;

typedef struct soem_issues {
	size_t n;
	soem_issue v[SOEM_ISSUES_MAX];
} soem_issues;

/* Appends what is missing or inconsistent on step s to out (silently
 * stops at SOEM_ISSUES_MAX).  Pure: reads c and kb only.  lang (may be
 * NULL: the profile's language) chooses the database's names in the
 * messages. */
void soem_missing_step(const soem_calc *c, const soem_kb *kb,
		       const char *lang, enum soem_step s, soem_issues *out);

/* Clears out, then soem_missing_step for every step in order. */
void soem_missing_all(const soem_calc *c, const soem_kb *kb,
		      const char *lang, soem_issues *out);

/* How many issues of kind k out holds for step s (s = SOEM_STEP_COUNT:
 * for every step). */
size_t soem_issues_count(const soem_issues *out, enum soem_step s,
			 enum soem_issue_kind k);

#endif
