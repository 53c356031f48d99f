/* eval_io.h - reading a calculation's `evaluation:` section (SPEC §3.2,
 * §2.8) into a design plan, for `soem design FILE` and the wizard's
 * design screen.
 *
 * Keys: alpha, power, ratio, p0, p1, n, attrition, deff, cc, sites
 * ([{name, inflow, consent, delay}]), site_min, inflow_scale, subgroups
 * ([shares]), level.  Only this section is read; the rest of the file
 * is not validated here.  Unknown keys add a warning.
 */
#ifndef SOEM_EVAL_IO_H
#define SOEM_EVAL_IO_H

#include <stdbool.h>

#include "design/design.h"
#include "yaml/ynode.h"
#include "util/err.h"

/* Reads the section n (a map) into in, which soem_design_in_init has
 * prepared: values given override in's.  file names the input in
 * messages.  Returns 0 or SOEM_EX_DATAERR ("FILE:LINE:COL: PATH: ..."). */
int soem_eval_read(const ynode *n, const char *file, soem_design_in *in,
		   soem_warnings *warn, soem_err *err);

/* Reads path and its `evaluation:` section.  *found is false when the
 * file has none (in is then untouched).  SOEM_EX_NOINPUT, SOEM_EX_IOERR
 * or SOEM_EX_DATAERR as ynode_parse_file. */
int soem_eval_load(const char *path, soem_design_in *in, bool *found,
		   soem_warnings *warn, soem_err *err);

/* The plan as an `evaluation:` map (a new tree, caller frees with
 * ynode_free), for the wizard to store in soem_calc.evaluation: the keys
 * above in that order; p0, p1 and n only when given (not NAN), site_min
 * only when has_site_min, sites and subgroups only when there are some,
 * level only when it is not 0.95.  Counts are not part of it (they
 * belong in effect.experiment). */
ynode *soem_eval_to_ynode(const soem_design_in *in);

#endif
