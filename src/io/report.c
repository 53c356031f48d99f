/* report.c - dispatch and helpers shared by the writers; see report.h */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/report.h"
#include "util/i18n.h"

bool soem_format_parse(const char *name, soem_format *out)
{
	static const char *const names[] = { "text", "csv", "yaml",
					     "markdown", "html", NULL };
	for (int i = 0; names[i]; i++)
		if (strcmp(name, names[i]) == 0) {
			*out = (soem_format)i;
			return true;
		}
	if (strcmp(name, "md") == 0) {
		*out = SOEM_FMT_MARKDOWN;
		return true;
	}
	return false;
}

void soem_fmt_exact(double v, char *buf, size_t size)
{
	if (v == 0.0) {
		snprintf(buf, size, "0.0");
		return;
	}
	soem_num_exact(v, buf, size);
	/* Keep it a float in YAML's eyes: 3000 -> 3000.0 */
	if (!strpbrk(buf, ".eEn")) {
		size_t l = strlen(buf);
		if (l + 2 < size)
			memcpy(buf + l, ".0", 3);
	}
}

const char *soem_report_service_id(const soem_report *rp, size_t i)
{
	size_t k = rp->svc_cons ? rp->svc_cons[i] : i;
	if (k < rp->calc->ncons && rp->calc->cons[k].service)
		return rp->calc->cons[k].service;
	return "";
}

int soem_report_write(const soem_report *rp, soem_format fmt, char **buf,
		      size_t *len, soem_err *err)
{
	switch (fmt) {
	case SOEM_FMT_YAML:
		return soem_report_yaml(rp, buf, len, err);
	case SOEM_FMT_TEXT:
		return soem_report_text(rp, buf, len, err);
	case SOEM_FMT_CSV:
		return soem_report_csv(rp, buf, len, err);
	case SOEM_FMT_MARKDOWN:
		return soem_report_markdown(rp, buf, len, err);
	case SOEM_FMT_HTML:
		break;
	}
	return soem_err_set(err, SOEM_EX_USAGE,
			    _("the HTML report is not available yet; use --format markdown"));
}
