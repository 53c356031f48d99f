/* numfmt.h - numbers as users type and read them (SPEC §5.3).
 *
 * Our own small parser and formatter for decimal commas and thousands
 * separators.  They never consult the C locale's conventions: the program
 * runs with LC_NUMERIC=C, and the convention follows the user's language.
 *
 *   en  1,234.56     da  1.234,56     sv  1 234,56
 *
 * Swedish output separates thousands with a plain ASCII space, not U+00A0
 * NO-BREAK SPACE, so that it survives terminals that are not UTF-8.  On
 * input, U+00A0 and U+202F (narrow no-break space) count as spaces.
 */
#ifndef SOEM_NUMFMT_H
#define SOEM_NUMFMT_H

#include <stdbool.h>
#include <stddef.h>

enum soem_numconv {
	SOEM_NUM_EN = 0, /* 1,234.56 */
	SOEM_NUM_DA,	 /* 1.234,56 */
	SOEM_NUM_SV,	 /* 1 234,56 */
};

/* A buffer of this size holds any formatted number. */
#define SOEM_NUM_BUFSIZE 512

/* Parses a number given on the command line (SPEC 5.3).
 *
 * Accepts e.g. `1234,5`, `1234.5`, `1.234,5`, `1 234,5`, `-12`, with
 * spaces around, and a trailing currency word (`kr`, `kr.`, `kroner`,
 * `kronor`, `DKK`, `SEK`) where the value is not a share.  When both `.`
 * and `,` appear, the last one is the decimal mark and the others must
 * separate groups of exactly three digits.  A single `,`: the decimal
 * mark, except in en where `1,234` (one to three digits, not starting with
 * 0, then exactly three) is 1234.  A single `.`: the decimal mark in every
 * language (`1.234` is 1.234).  Two or more of the same mark are thousands
 * separators.  When share is true, a trailing `%` (with or without a space
 * before it) divides by 100: `10 %` is 0.10.
 *
 * On success writes the value to *out and returns 0.  Otherwise leaves *out
 * alone, points *why (if why is not NULL) at a static English message
 * marked with N_() (translate it with _() when showing it) and returns -1.
 * s may be NULL (refused). */
int soem_num_parse(const char *s, enum soem_numconv conv, bool share,
		   double *out, const char **why);

/* The same for a field of the wizard: in da and sv, `.` groups thousands
 * when every `.` is followed by exactly three digits and the integer part
 * does not start with 0 (`60.000` and `1.234.567`, as the screen writes
 * them; `0.125` and `12.5` stay decimals). */
int soem_num_parse_field(const char *s, enum soem_numconv conv, bool share,
			 double *out, const char **why);

/* Formats v with the given number of decimals (clamped to 0..20),
 * thousands separators and the decimal mark of conv, into buf (size bytes,
 * always NUL-terminated when size > 0, truncated if too small).  Negative
 * numbers start with '-'; a value that rounds to zero never shows a sign.
 * NaN and infinities are written as "n/a".  Returns buf.
 *
 * Output reads back with soem_num_parse_field (a wizard field) in the
 * same convention; on the command line `1.000` is one. */
char *soem_num_format(double v, int decimals, enum soem_numconv conv, char *buf,
		      size_t size);

/* The machine form of v (C locale, for files): the shortest of "%.15g",
 * "%.16g" and "%.17g" that reads back as exactly v.  Returns buf (at least
 * 32 bytes). */
const char *soem_num_exact(double v, char *buf, size_t size);

/* The convention of a language or locale name: "da..." gives DA, "sv..."
 * gives SV, anything else (also NULL) EN. */
enum soem_numconv soem_numconv_for_lang(const char *lang);

/* The fewest decimals from min up to max that show v exactly (within
 * 1e-9); max when none does, min for |v| >= 1e9 (no rounding search
 * there: it would overflow the integer it rounds through). */
int soem_num_exact_decimals(double v, int min, int max);

#endif
