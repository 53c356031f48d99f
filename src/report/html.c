/* report_html.c - the council report (SPEC §5.7) as one self-contained
 * HTML file: inline CSS, an inline SVG chart, no scripts and no external
 * resources, so that it can be mailed, archived or pasted into a council
 * paper as it is.  The content is report_text.c's soem_report_doc, the
 * same as the Markdown; this file is only its HTML syntax and the chart.
 *
 * The chart: one bar per year for each payer's yearly net (not
 * discounted), <rect class="bar"> with data-year and data-payer, and one
 * line for the total cumulative discounted net, <polyline
 * class="cumulative">.  tests/html/chromium.sh counts them in the DOM a
 * real browser builds.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "report/doc.h"
#include "report/out.h"
#include "util/i18n.h"
#include "util/textsafe.h"
#include "util/xalloc.h"

/* Every text goes through the one HTML sink (util/textsafe.h). */
static void esc(FILE *f, const char *s, bool br)
{
	soem_html_write(f, s, br);
}

static const char css[] =
	"body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,"
	"\"Helvetica Neue\",Arial,sans-serif;line-height:1.45;color:#1a1a1a;"
	"background:#fff;margin:0}\n"
	"main{max-width:62rem;margin:0 auto;padding:1.5rem}\n"
	"h1{font-size:1.7rem;margin:.2rem 0 .8rem}\n"
	"h2{font-size:1.2rem;margin:2rem 0 .6rem;border-bottom:1px solid #ccc;"
	"padding-bottom:.2rem}\n"
	"p.meta{color:#555;font-size:.9rem}\n"
	"p.warn{border-left:4px solid #d55e00;background:#fff4ec;"
	"padding:.5rem .8rem}\n"
	"ul.inputs li{margin:.15rem 0}\n"
	".label{font-weight:600}\n"
	".table-wrap{overflow-x:auto}\n"
	"table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}\n"
	"th,td{padding:.25rem .6rem;border-bottom:1px solid #e3e3e3;"
	"vertical-align:top;text-align:left}\n"
	"th{background:#f3f3f3}\n"
	"tbody th{background:transparent;font-weight:normal}\n"
	"th.r,td.r{text-align:right;white-space:nowrap;"
	"font-variant-numeric:tabular-nums}\n"
	"tr.note td{font-style:italic;color:#7a3b00}\n"
	"figure{margin:1rem 0}\n"
	"svg.chart{width:100%;height:auto;max-width:52rem;"
	"font-family:inherit;font-size:12px}\n"
	".legend{list-style:none;padding:0;margin:.4rem 0;display:flex;"
	"flex-wrap:wrap;gap:.3rem 1.2rem;font-size:.9rem}\n"
	".swatch{display:inline-block;width:.9rem;height:.9rem;"
	"margin-right:.35rem;vertical-align:-.1rem}\n"
	".swatch.line{height:.2rem;background:#000;vertical-align:.25rem}\n"
	".grid{stroke:#e4e4e4;stroke-width:1}\n"
	".zero{stroke:#444;stroke-width:1}\n"
	".ylab{text-anchor:end;fill:#333}\n"
	".xlab{text-anchor:middle;fill:#333}\n"
	".cumulative{fill:none;stroke:#000;stroke-width:2.5;"
	"stroke-linejoin:round}\n"
	".cum-point{fill:#000}\n"
	RPT_CSS_PAYERS;


static void h_begin(rdoc *d, const char *title)
{
	const char *lang = d->rp->lang ? d->rp->lang : "en";

	fputs("<!DOCTYPE html>\n<html lang=\"", d->f);
	esc(d->f, lang, false);
	fputs("\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<meta name=\"generator\" content=\"soem\">\n"
	      /* no favicon request: nothing outside this file */
	      "<link rel=\"icon\" href=\"data:,\">\n<title>",
	      d->f);
	esc(d->f, title, false);
	fprintf(d->f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n",
		css);
}

static void close_section(rdoc *d)
{
	if (d->section_open)
		fputs("</section>\n", d->f);
	d->section_open = false;
}

static void h_end(rdoc *d)
{
	close_section(d);
	fputs("</main>\n</body>\n</html>\n", d->f);
}

static void h_heading(rdoc *d, int level, const char *text)
{
	if (level <= 1) {
		fputs("<h1>", d->f);
		esc(d->f, text, false);
		fputs("</h1>\n", d->f);
		return;
	}
	close_section(d);
	fputs("<section>\n<h2>", d->f);
	esc(d->f, text, false);
	fputs("</h2>\n", d->f);
	d->section_open = true;
}

static void h_para(rdoc *d, enum rdoc_para kind, const char *text)
{
	fputs(kind == RP_WARN ? "<p class=\"warn\">"
	      : kind == RP_META ? "<p class=\"meta\">"
				: "<p>",
	      d->f);
	esc(d->f, text, true);
	fputs("</p>\n", d->f);
}

static void h_list_start(rdoc *d)
{
	fputs("<ul class=\"inputs\">\n", d->f);
}

static void h_item(rdoc *d, const char *label, const char *text)
{
	fputs("<li>", d->f);
	if (label) {
		fputs("<span class=\"label\">", d->f);
		esc(d->f, label, false);
		fputs(":</span> ", d->f);
	}
	esc(d->f, text, true);
	fputs("</li>\n", d->f);
}

static void h_list_end(rdoc *d)
{
	fputs("</ul>\n", d->f);
}

/* The alignment of column i (at most 64 columns aligned; more are
 * left-aligned). */
static const char *cls(const rdoc *d, size_t i)
{
	return i < sizeof d->align - 1 && d->align[i] == 'r' ? " class=\"r\""
							     : "";
}

static void h_table_start(rdoc *d, size_t ncols, const char *const *head,
			  const char *align)
{
	d->ncols = ncols;
	snprintf(d->align, sizeof d->align, "%s", align);
	fputs("<div class=\"table-wrap\"><table>\n<thead><tr>", d->f);
	for (size_t i = 0; i < ncols; i++) {
		fprintf(d->f, "<th%s scope=\"col\">", cls(d, i));
		esc(d->f, head[i], false);
		fputs("</th>", d->f);
	}
	fputs("</tr></thead>\n<tbody>\n", d->f);
}

static void h_table_row(rdoc *d, const char *const *cells)
{
	fputs("<tr>", d->f);
	for (size_t i = 0; i < d->ncols; i++) {
		if (i == 0 && d->align[0] == 'l')
			fputs("<th scope=\"row\">", d->f);
		else
			fprintf(d->f, "<td%s>", cls(d, i));
		esc(d->f, cells[i], true);
		fputs(i == 0 && d->align[0] == 'l' ? "</th>" : "</td>", d->f);
	}
	fputs("</tr>\n", d->f);
}

static void h_table_note(rdoc *d, const char *text)
{
	fprintf(d->f, "<tr class=\"note\"><td colspan=\"%zu\">", d->ncols);
	esc(d->f, text, true);
	fputs("</td></tr>\n", d->f);
}

static void h_table_end(rdoc *d)
{
	fputs("</tbody>\n</table></div>\n", d->f);
}

/* ---------------------------------------------------------------------
 * The chart
 */

/* A step of 1, 2 or 5 times a power of ten near span/n. */
static double nice_step(double span, int n)
{
	double raw = span / n;
	double mag = pow(10, floor(log10(raw)));
	double f = raw / mag;

	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

#define CH_W 800.0
#define CH_H 360.0
#define CH_TOP 24.0
#define CH_BOTTOM 36.0
#define CH_RIGHT 16.0

struct chart {
	double lo, hi, left, plot_w, plot_h;
};

static double ch_y(const struct chart *c, double v)
{
	return CH_TOP + (c->hi - v) / (c->hi - c->lo) * c->plot_h;
}

/* ", year T: AMOUNT CURRENCY" in a bar's or a point's <title>: the
 * currency comes from the database, so it is escaped like every text. */
static void chart_value(FILE *f, int t, double v, const soem_report *rp,
			const char *cur)
{
	char b[SOEM_NUM_BUFSIZE];

	fputs(", ", f);
	esc(f, _("year"), false);
	fprintf(f, " %d: ", t);
	esc(f, soem_num_format(v, 0, rp->conv, b, sizeof b), false);
	fputc(' ', f);
	esc(f, cur, false);
}

static void h_chart(rdoc *d)
{
	const soem_report *rp = d->rp;
	const soem_result *r = rp->res;
	const char *cur = rp->kb->currency ? rp->kb->currency : "";
	size_t P = r->npayers;
	int H = r->horizon;
	struct chart c = { 0, 0, 0, 0, 0 };
	char b[SOEM_NUM_BUFSIZE];
	size_t maxlab = 1;
	double step, slot, bw;
	int every;
	FILE *f = d->f;

	/* the range: every bar, the line and 0 */
	for (int t = 0; t < H; t++) {
		for (size_t p = 0; p < P; p++) {
			double v = r->net[(size_t)t * (P + 1) + p];
			c.lo = fmin(c.lo, v);
			c.hi = fmax(c.hi, v);
		}
		c.lo = fmin(c.lo, r->cum_disc[(size_t)t * (P + 1) + P]);
		c.hi = fmax(c.hi, r->cum_disc[(size_t)t * (P + 1) + P]);
	}
	if (!isfinite(c.lo) || !isfinite(c.hi)) {
		c.lo = 0;
		c.hi = 1;
	}
	if (c.hi - c.lo <= 0)
		c.hi = c.lo + 1;
	step = nice_step(c.hi - c.lo, 5);
	c.lo = floor(c.lo / step) * step;
	c.hi = ceil(c.hi / step) * step;
	for (double v = c.lo; v <= c.hi + step / 2; v += step) {
		size_t l = strlen(soem_num_format(v, 0, rp->conv, b, sizeof b));
		maxlab = l > maxlab ? l : maxlab;
	}
	c.left = 14 + 7.0 * (double)maxlab;
	c.plot_w = CH_W - c.left - CH_RIGHT;
	c.plot_h = CH_H - CH_TOP - CH_BOTTOM;
	slot = c.plot_w / H;
	bw = slot * 0.8 / (double)(P ? P : 1);

	d->ops->heading(d, 2, _("Chart: net per year and cumulative discounted net"));
	fputs("<figure>\n<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
	      "viewBox=\"0 0 800 360\" role=\"img\" "
	      "aria-labelledby=\"chart-title chart-desc\">\n<title id=\"chart-title\">",
	      f);
	esc(f, _("Net per year and cumulative discounted net"), false);
	fputs("</title>\n<desc id=\"chart-desc\">", f);
	esc(f, _("Bars: each payer's net budget effect in each year (not discounted). Line: the cumulative discounted net of all payers."), false);
	fputs("</desc>\n", f);

	/* grid and the amounts beside it */
	fprintf(f, "<text class=\"ylab\" x=\"%.1f\" y=\"%.1f\">", c.left - 6,
		CH_TOP - 10);
	esc(f, cur, false);
	fputs("</text>\n", f);
	for (double v = c.lo; v <= c.hi + step / 2; v += step) {
		double y = ch_y(&c, fabs(v) < step / 1e6 ? 0 : v);
		fprintf(f, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
			c.left, y, c.left + c.plot_w, y);
		fprintf(f, "<text class=\"ylab\" x=\"%.1f\" y=\"%.1f\">%s</text>\n",
			c.left - 6, y + 4,
			soem_num_format(fabs(v) < step / 1e6 ? 0 : v, 0,
					rp->conv, b, sizeof b));
	}

	/* the bars: one per year and payer */
	for (int t = 1; t <= H; t++) {
		for (size_t p = 0; p < P; p++) {
			double v = r->net[(size_t)(t - 1) * (P + 1) + p];
			double y0 = ch_y(&c, 0), y1 = ch_y(&c, v);
			double x = c.left + (t - 1) * slot + slot * 0.1 +
				   (double)p * bw;

			fprintf(f, "<rect class=\"bar payer-%zu\" data-year=\"%d\" data-payer=\"",
				p % RPT_NCOLOURS, t);
			esc(f, rp->kb->payers[p].id, false);
			fprintf(f, "\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"><title>",
				x, fmin(y0, y1), bw, fabs(y1 - y0));
			esc(f, rdoc_payer(rp, p), false);
			chart_value(f, t, v, rp, cur);
			fputs("</title></rect>\n", f);
		}
	}
	fprintf(f, "<line class=\"zero\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
		c.left, ch_y(&c, 0), c.left + c.plot_w, ch_y(&c, 0));

	/* the years under the axis, every one or every few */
	every = (H + 19) / 20;
	for (int t = 1; t <= H; t++)
		if ((t - 1) % every == 0 || t == H)
			fprintf(f, "<text class=\"xlab\" x=\"%.1f\" y=\"%.1f\">%d</text>\n",
				c.left + (t - 0.5) * slot, CH_H - CH_BOTTOM + 16,
				t);
	fprintf(f, "<text class=\"xlab\" x=\"%.1f\" y=\"%.1f\">", c.left + c.plot_w / 2,
		CH_H - 4);
	esc(f, _("Year"), false);
	fputs("</text>\n", f);

	/* the line: the total cumulative discounted net */
	fputs("<polyline class=\"cumulative\" points=\"", f);
	for (int t = 1; t <= H; t++)
		fprintf(f, "%s%.2f,%.2f", t > 1 ? " " : "",
			c.left + (t - 0.5) * slot,
			ch_y(&c, r->cum_disc[(size_t)(t - 1) * (P + 1) + P]));
	fputs("\"/>\n", f);
	for (int t = 1; t <= H; t++) {
		double v = r->cum_disc[(size_t)(t - 1) * (P + 1) + P];
		fprintf(f, "<circle class=\"cum-point\" cx=\"%.2f\" cy=\"%.2f\" r=\"3\"><title>",
			c.left + (t - 0.5) * slot, ch_y(&c, v));
		esc(f, _("Cumulative discounted net"), false);
		chart_value(f, t, v, rp, cur);
		fputs("</title></circle>\n", f);
	}
	fputs("</svg>\n<figcaption><ul class=\"legend\">\n", f);
	for (size_t p = 0; p < P; p++) {
		fprintf(f, "<li><span class=\"swatch payer-%zu\"></span>",
			p % RPT_NCOLOURS);
		esc(f, rdoc_payer(rp, p), false);
		fputs("</li>\n", f);
	}
	fputs("<li><span class=\"swatch line\"></span>", f);
	esc(f, _("Cumulative discounted net, all payers"), false);
	fputs("</li>\n</ul></figcaption>\n</figure>\n", f);
	d->ops->para(d, RP_NORMAL,
		     _("Bars: each payer's net budget effect in each year (not discounted). Line: the cumulative discounted net of all payers."));
}

const struct rdoc_ops soem_rdoc_html = {
	.begin = h_begin, .end = h_end, .heading = h_heading,
	.para = h_para, .list_start = h_list_start, .item = h_item,
	.list_end = h_list_end, .table_start = h_table_start,
	.table_row = h_table_row, .table_note = h_table_note,
	.table_end = h_table_end, .chart = h_chart,
};

int soem_report_html(const soem_report *rp, char **buf, size_t *len,
		     soem_err *err)
{
	return soem_report_doc(rp, &soem_rdoc_html, buf, len, err);
}
