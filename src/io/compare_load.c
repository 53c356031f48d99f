/* compare_load.c - one file of a comparison (see compare_load.h). */
#include "config.h"

#include <string.h>

#include "io/calc_io.h"
#include "io/compare_load.h"
#include "model/compare.h"
#include "util/i18n.h"

int soem_compare_load(const char *path, const soem_kbset *set,
		      const char *default_profile, const soem_kb *ref_kb,
		      const char *ref_label, const soem_calc *ref_calc,
		      soem_calc **calc,
		      const soem_kb **kb, soem_result **res,
		      soem_warnings *warn, soem_err *err)
{
	*calc = NULL;
	*kb = NULL;
	*res = NULL;
	int rc = soem_calc_load(path, set, default_profile, calc, kb, warn,
				err);
	if (rc == 0 && ref_kb && *kb != ref_kb &&
	    strcmp((*kb)->id, ref_kb->id) != 0)
		rc = soem_err_set(err, SOEM_EX_DATAERR,
				  _("profile %s, not %s as in %s"), (*kb)->id,
				  ref_kb->id, ref_label);
	else if (rc == 0 && ref_kb &&
		 strcmp((*kb)->currency ? (*kb)->currency : "",
			ref_kb->currency ? ref_kb->currency : ""))
		rc = soem_err_set(err, SOEM_EX_DATAERR,
				  _("currency %s, not %s as in %s"),
				  (*kb)->currency, ref_kb->currency, ref_label);
	if (rc == 0) {
		/* every file at the reference's price level (issue 17); the
		 * file keeps its own level for the row that shows it */
		int own = (*calc)->price_level;

		if (ref_calc)
			(*calc)->price_level = ref_calc->price_level;
		rc = soem_compare_compute(*calc, *kb, path, res, err);
		(*calc)->price_level = own;
	}
	if (rc) {
		soem_calc_free(calc);
		*kb = NULL;
	}
	return rc;
}
