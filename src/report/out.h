/* out.h - private to src/report/: what every writer needs, whatever it
 * writes about (a calculation's report, a comparison): the memory stream
 * a report is built in, a padded cell of terminal text, a YAML number
 * and the HTML colours of the payers.  Kept here once so that the
 * formats do not each carry a copy.
 */
#ifndef SOEM_REPORT_OUT_H
#define SOEM_REPORT_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util/err.h"
#include "yaml/yemit.h"

/* Closes the memory stream f and hands its buffer to the caller: *mem
 * and *memlen are only final after fclose.  Returns 0, or
 * SOEM_EX_IOERR with *mem freed. */
int rpt_finish(FILE *f, char **mem, size_t *memlen, char **buf, size_t *len,
	       soem_err *err);

/* The number of characters (not bytes) of UTF-8 text s. */
int rpt_utf8_chars(const char *s);

/* One padded cell of a text table: s passes the terminal sink
 * (util/textsafe) first, its width is counted in characters, and a
 * longer text is cut at a character boundary. */
void rpt_cell(FILE *f, const char *s, int width, bool left);

/* A result number in YAML: its exact machine form (a float stays a
 * float, 3000.0), null when not finite. */
void rpt_yaml_num(yemit *o, double v);

/* The end of every HTML report's style sheet: one colour per payer
 * (Okabe and Ito's, told apart with colour blindness too; RPT_NCOLOURS
 * of them, class payer-N) and the print rules. */
#define RPT_NCOLOURS 8
#define RPT_CSS_PAYERS                                                         \
	".payer-0{fill:#0072b2;background:#0072b2}\n"                          \
	".payer-1{fill:#e69f00;background:#e69f00}\n"                          \
	".payer-2{fill:#009e73;background:#009e73}\n"                          \
	".payer-3{fill:#cc79a7;background:#cc79a7}\n"                          \
	".payer-4{fill:#56b4e9;background:#56b4e9}\n"                          \
	".payer-5{fill:#d55e00;background:#d55e00}\n"                          \
	".payer-6{fill:#999;background:#999}\n"                                \
	".payer-7{fill:#f0e442;background:#f0e442}\n"                          \
	"@media print{main{max-width:none;padding:0}"                          \
	"h2{break-after:avoid}table,figure{break-inside:avoid}}\n"

#endif
