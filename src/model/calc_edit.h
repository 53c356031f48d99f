/* calc_edit.h - changing a calculation in memory, as the wizard does.
 *
 * Pure model logic (no curses, no I/O): every function keeps the
 * calculation one that io/calc_save.c writes and io/calc_load.c reads back
 * (years inside the horizon, shares in 0..1, a custom service's id unique
 * and not one of the profile's, ...).  Functions that can refuse a value
 * return false and point *why at a translated message saying what is
 * expected; the calculation is then unchanged.
 */
#ifndef SOEM_CALC_EDIT_H
#define SOEM_CALC_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "model/calc.h"
#include "model/kb.h"

/* Replaces *dst by a copy of s; NULL or "" (after trimming blanks) clears
 * it to NULL. */
void soem_str_set(char **dst, const char *s);

/* The note (assumption log) of a step, NULL when there is none. */
const char *soem_calc_note(const soem_calc *c, const char *step);
/* Sets or (text NULL or blank) removes the note of a step. */
void soem_calc_set_note(soem_calc *c, const char *step, const char *text);

/* Sets n's value; refused when n carries a range that v lies outside. */
bool soem_num_set(soem_num *n, double v, const char **why);

/* A range on n (SPEC §2.7): sets its low (high = false) or its high, the
 * other one starting at the value; has = false removes the range (low
 * and high together).  Refused unless low <= value <= high. */
bool soem_num_set_bound(soem_num *n, bool high, bool has, double v,
			const char **why);
/* The same for a share (p1, p0, decay in 0..1; the success rate in
 * -1..1), and for a cohort's participants (>= 0). */
bool soem_calc_set_share_bound(soem_num *n, bool high, bool has, double v,
			       bool may_be_negative, const char **why);
bool soem_calc_set_intake_bound(soem_calc *c, size_t i, bool high, bool has,
				double v, const char **why);

/* The horizon, 1..SOEM_HORIZON_MAX; refused when an intake or cost year
 * would fall outside it. */
bool soem_calc_set_horizon(soem_calc *c, int h, const char **why);
/* The course length in whole years, >= 1. */
bool soem_calc_set_course(soem_calc *c, int years, const char **why);

/* Intake: the number of participants starting in year (1..H, >= 0). */
bool soem_calc_add_intake(soem_calc *c, int year, double n,
			  const char **why);
bool soem_calc_set_intake(soem_calc *c, size_t i, double n,
			  const char **why);
bool soem_calc_set_intake_year(soem_calc *c, size_t i, int year,
			       const char **why);
/* Refused for the last cohort (a calculation has at least one). */
bool soem_calc_delete_intake(soem_calc *c, size_t i, const char **why);
double soem_calc_participants(const soem_calc *c);

/* The target group: a database group (clears an effect measure that is
 * not one of its success measures) or one's own. */
void soem_calc_set_target_kb(soem_calc *c, const soem_kb *kb,
			     const char *id);
void soem_calc_set_target_custom(soem_calc *c, const char *name);
/* The effect measure: a success measure of the group, or one's own. */
void soem_calc_set_measure_kb(soem_calc *c, const char *id);
void soem_calc_set_measure_custom(soem_calc *c, const char *name);

/* The database group and measure the calculation has chosen; NULL when
 * none is chosen, or it is one's own. */
const soem_kb_group *soem_calc_kb_group(const soem_calc *c,
					const soem_kb *kb);
const soem_kb_measure *soem_calc_kb_measure(const soem_calc *c,
					    const soem_kb *kb);

/* The database's estimate for service index k under the chosen group and
 * measure, or NULL. */
const soem_kb_consequence *soem_calc_estimate(const soem_calc *c,
					      const soem_kb *kb, size_t k);

/* Switches between p1 and p0 (direct = false) and the success rate s
 * given directly (true), keeping s. */
void soem_calc_set_effect_direct(soem_calc *c, bool direct);
/* Shares: p1, p0 and the decay in 0..1, the success rate in -1..1. */
bool soem_calc_set_share(soem_num *n, double v, bool may_be_negative,
			 const char **why);

/* An experiment's counts (SPEC §2.8): x_t of n_t treated and x_c of n_c
 * controls reached the effect measure.  They decide p1 = x_t/n_t and
 * p0 = x_c/n_c (a range on p1 or p0 and a success rate given directly
 * go).  Refused unless n >= 1 and 0 <= x <= n in both groups. */
bool soem_calc_set_experiment(soem_calc *c, long x_t, long n_t, long x_c,
			      long n_c, const char **why);
/* The control group's waiting time in months (has = false: not given). */
bool soem_calc_set_waiting(soem_calc *c, bool has, double months,
			   const char **why);
/* Back to p1 and p0 given directly, keeping the counts' shares. */
void soem_calc_clear_experiment(soem_calc *c);

/* Cost items: a new one (payer: the profile's first, basis per
 * participant, amount 0) at the end; returns its index. */
size_t soem_calc_add_cost(soem_calc *c, const soem_kb *kb);
void soem_calc_delete_cost(soem_calc *c, size_t i);
/* Years of a `once` item from text such as "1" or "1 3 5" (also with , or
 * ;), of a `yearly` item from "2-5" or "" (the whole horizon). */
bool soem_calc_set_cost_years(soem_calc *c, size_t i, const char *text,
			      const char **why);
void soem_calc_set_cost_basis(soem_calc *c, size_t i, enum soem_basis b);
/* The amount, low and high: low <= amount <= high; a blank low or high
 * (has = false) removes the range. */
bool soem_calc_set_cost_amount(soem_calc *c, size_t i, double v,
			       const char **why);
bool soem_calc_set_cost_bound(soem_calc *c, size_t i, bool high, bool has,
			      double v, const char **why);

/* Consequences.  The row of a service (kb id or custom id), or SOEM_NPOS. */
size_t soem_calc_find_cons(const soem_calc *c, const char *service);
/* Puts a database service in use: an existing row is enabled; a new row
 * gets the database's estimates (from_kb) when there are any, else no
 * values.  Returns the row. */
size_t soem_calc_use_service(soem_calc *c, const soem_kb *kb,
			     const char *id);
/* Sets the value of consequence year j (1-based) of row i, extending the
 * list with zeros; refused outside 1..SOEM_HORIZON_MAX. */
bool soem_calc_set_cons_year(soem_calc *c, size_t i, size_t j, double v,
			     const char **why);
void soem_calc_set_cons_during(soem_calc *c, size_t i, bool has, double v);
/* The row's scale (all its years together, SPEC §2.7) and its range; a
 * scale of 1 without a range is not written. */
bool soem_calc_set_cons_scale(soem_calc *c, size_t i, double v,
			      const char **why);
bool soem_calc_set_cons_scale_bound(soem_calc *c, size_t i, bool high,
				    bool has, double v, const char **why);
/* Removes row i (and, for a custom service, its prices). */
void soem_calc_remove_cons(soem_calc *c, size_t i);

enum soem_est_status {
	SOEM_EST_OK = 0,
	SOEM_EST_NO_GROUP,       /* no target group chosen */
	SOEM_EST_CUSTOM_GROUP,   /* one's own target group: no estimates */
	SOEM_EST_NO_MEASURE,     /* no effect measure chosen */
	SOEM_EST_CUSTOM_MEASURE, /* one's own effect measure: no estimates */
};

/* "Add estimates for all (supported) services": for every consequence the
 * database gives for the chosen group and measure (only the supported ones
 * when supported_only), a service without a row gets one with the
 * database's values (from_kb: true) and a row that is switched off is
 * switched on.  Values already in the calculation are kept.  *added and
 * *enabled (may be NULL) count what changed. */
enum soem_est_status soem_calc_add_estimates(soem_calc *c, const soem_kb *kb,
					     bool supported_only,
					     size_t *added, size_t *enabled);

/* Adds one's own service (name required; area one of the profile's) as a
 * new row in use, with an id made from the name (unique, not one of the
 * profile's service ids).  *row receives the new row. */
bool soem_calc_add_custom_service(soem_calc *c, const soem_kb *kb,
				  const char *name, const char *unit,
				  const char *area, enum soem_kind kind,
				  size_t *row, const char **why);

/* The same in group g of top (SPEC 2.9: top itself without groups): the
 * id is unique across the groups and the calculation's prices. */
bool soem_calc_add_group_custom_service(soem_calc *top, size_t g,
					const soem_kb *kb, const char *name,
					const char *unit, const char *area,
					enum soem_kind kind, size_t *row,
					const char **why);
/* Removes row i of group g of top; an own service's prices (kept in top)
 * go when no group has a row of it any more. */
void soem_calc_remove_group_cons(soem_calc *top, size_t g, size_t i);

/* Price overrides (SPEC §2.4): sets the price of service for payer p, at
 * the profile's price year (converted back when the entry carries its own
 * price year); refused when negative.  clear removes the override (the
 * database price applies again; for a custom service the payer pays 0). */
bool soem_calc_set_price(soem_calc *c, const soem_kb *kb, const char *service,
			 size_t p, double v, const char **why);
void soem_calc_clear_price(soem_calc *c, const soem_kb *kb,
			   const char *service, size_t p);
/* A range on the price of service for payer p (in the profile's price
 * year, like soem_calc_set_price): a database price gets an override of
 * the same value first; has = false removes the range.  Refused when
 * negative or when low <= price <= high does not hold. */
bool soem_calc_set_price_bound(soem_calc *c, const soem_kb *kb,
			       const char *service, size_t p, bool high,
			       bool has, double v, const char **why);
/* The range of that price at the profile's price year; false when the
 * price carries none. */
bool soem_calc_price_range(const soem_calc *c, const soem_kb *kb,
			   const char *service, size_t p, double *low,
			   double *high);

/* Whether the calculation gives service any price of its own. */
bool soem_calc_has_prices(const soem_calc *c, const char *service);

/* The display name and unit of row i (database name in lang, or the custom
 * service's); never NULL. */
const char *soem_calc_cons_name(const soem_calc *c, const soem_kb *kb,
				size_t i, const char *lang);

/* Groups (SPEC 2.9).  A calculation without groups is one group made of
 * its top-level keys: the count is then 1 and the group's calculation is
 * c itself. */
size_t soem_calc_group_count(const soem_calc *c);
/* Where group g's target group, effect, intake, course, completion, match
 * and consequences are edited (a group's sub, or c without groups). */
soem_calc *soem_calc_group_calc(soem_calc *c, size_t g);
/* Adds an empty group called name at the end (one cohort: year 1, no
 * participants); a calculation without groups first moves its top-level
 * group keys into a group called first_name.  *idx (may be NULL) gets the
 * new group's index.  Refused for a blank name or one in use. */
bool soem_calc_add_group(soem_calc *c, const char *first_name,
			 const char *name, size_t *idx, const char **why);
/* Renames group g (cost items naming it follow); a calculation without
 * groups becomes one with a single group of that name. */
bool soem_calc_rename_group(soem_calc *c, size_t g, const char *name,
			    const char **why);
/* Deletes group g: refused for the last group and while a cost item
 * counts only that group. */
bool soem_calc_delete_group(soem_calc *c, size_t g, const char **why);
/* The completion of c (a group's calculation): 0 < v <= 1; has = false
 * removes it (1, not written). */
bool soem_calc_set_completion(soem_calc *c, bool has, double v,
			      const char **why);

/* The consequence rows of every group in file order (c's own without
 * groups): how many, and row i with the calculation it is in and its
 * index there (NULL when i is past the last). */
size_t soem_calc_ncons_all(const soem_calc *c);
const soem_consequence *soem_calc_cons_at(const soem_calc *c, size_t i,
					  const soem_calc **owner,
					  size_t *local);

/* SPEC 2.9 in the wizard.  Amounts are at the shown price level (the
 * calculation's price_level, else the profile's price year), as every
 * price the wizard shows; a new price entry typed while a level is set is
 * stored with price_year = the level. */

/* The calculation's own price of service for payer p (plain or a
 * schedule), or NULL. */
const soem_price_payer *soem_calc_price_payer(const soem_calc *c,
					      const soem_kb *kb,
					      const char *service, size_t p);
/* Entries of the calculation's schedule of that price (0: none), and
 * entry i's from-year and amount. */
size_t soem_calc_sched_count(const soem_calc *c, const soem_kb *kb,
			     const char *service, size_t p);
bool soem_calc_sched_get(const soem_calc *c, const soem_kb *kb,
			 const char *service, size_t p, size_t i, int *from,
			 double *amount);
/* Sets entry i (i >= the count: adds one) of the schedule; a plain or
 * database price becomes a schedule.  Refused: a year outside 1900..2200,
 * a from-year that another entry has, a negative amount.  Entries stay
 * sorted by from-year. */
bool soem_calc_sched_put(soem_calc *c, const soem_kb *kb, const char *service,
			 size_t p, size_t i, int from, double amount,
			 const char **why);
/* Removes entry i; removing the last one removes the own price (the
 * database's applies again). */
void soem_calc_sched_delete(soem_calc *c, const soem_kb *kb,
			    const char *service, size_t p, size_t i);
/* Copies the database's schedule of that price into the calculation
 * (an override the user then edits). */
bool soem_calc_sched_copy_kb(soem_calc *c, const soem_kb *kb,
			     const char *service, size_t p, const char **why);
/* When the price is a schedule (the calculation's, else the database's):
 * *year = the start year (else the profile's price year) and *amount the
 * amount in force then; false for a plain price. */
bool soem_calc_sched_year(const soem_calc *c, const soem_kb *kb,
			  const char *service, size_t p, int *year,
			  double *amount);
/* true when the calculation has a schedule of its own but no
 * intervention.start_year (a file that would not load, SPEC 2.9);
 * *service (may be NULL) names the price. */
bool soem_calc_sched_needs_start(const soem_calc *c, const char **service);

/* The tax share of service for payer p (the calculation's taxes:, else
 * the database's tax, else 0); *own (may be NULL): from taxes:. */
double soem_calc_tax_share(const soem_calc *c, const soem_kb *kb,
			   const char *service, size_t p, bool *own);
/* Whether any payer's tax share of service is not 0. */
bool soem_calc_has_tax(const soem_calc *c, const soem_kb *kb,
		       const char *service);
/* Sets (has) or removes (the database's share applies again) the
 * calculation's tax share; refused on a revenue service, outside 0..1,
 * or when the shares would sum to more than 1. */
bool soem_calc_set_tax(soem_calc *c, const soem_kb *kb, const char *service,
		       size_t p, bool has, double v, const char **why);

/* The price level (0 or the profile's price year: none); refused, with a
 * message naming the index's years, when the year is not in the
 * profile's price_index. */
bool soem_calc_set_price_level(soem_calc *c, const soem_kb *kb, int year,
			       const char **why);

#endif
