/* num.h - a number that may carry a range (SPEC §2.7). */
#ifndef SOEM_NUM_H
#define SOEM_NUM_H

#include <stdbool.h>

typedef struct soem_num {
	double value;
	double low, high;  /* meaningful only when ranged */
	bool ranged;       /* written as {value: v, low: l, high: h} */
} soem_num;

static inline soem_num soem_num_of(double v)
{
	soem_num n = { v, v, v, false };
	return n;
}

#endif
