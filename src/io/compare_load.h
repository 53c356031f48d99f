/* compare_load.h - one file of a comparison (SPEC §4 `soem compare`,
 * issue 17), loaded and computed as `soem calc` does, and left out with
 * the reason when it does not load, does not compute, or has another
 * profile or currency than the reference.  Used by `soem compare` and by
 * the wizard's comparison, so that both leave out the same files for the
 * same reasons. */
#ifndef SOEM_COMPARE_LOAD_H
#define SOEM_COMPARE_LOAD_H

#include "engine/engine.h"
#include "model/calc.h"
#include "model/kb.h"
#include "util/err.h"

/* Loads path (default_profile: for a file without kb.profile) and
 * computes it.  ref_kb (NULL for the first file) is the reference's
 * profile, ref_label names the reference in the reasons; ref_calc (NULL
 * for the first file) is the reference, whose price level every other
 * file's result is computed at (its own level stays in *calc).  Returns 0 with
 * *calc, *kb and *res set (the caller frees calc and res), or an exit
 * code with err set and nothing to free.  warn (may be NULL) gets the
 * loader's warnings. */
int soem_compare_load(const char *path, const soem_kbset *set,
		      const char *default_profile, const soem_kb *ref_kb,
		      const char *ref_label, const soem_calc *ref_calc,
		      soem_calc **calc,
		      const soem_kb **kb, soem_result **res,
		      soem_warnings *warn, soem_err *err);

#endif
