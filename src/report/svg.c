/*
 * svg.c — the visibility chart (SVG) and the terminal sparkline.
 * Owns: geometry, ticks, label placement, escaping. Never: scripts, external
 * fonts or resources in the SVG (it must paste into any report as is).
 */
#include "report/svg.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report/fmt_report.h"

/* ---- the series --------------------------------------------------------- */

void svg_series_init(struct svg_series *s) { memset(s, 0, sizeof *s); }

void svg_series_free(struct svg_series *s)
{
	free(s->p);
	memset(s, 0, sizeof *s);
}

static bool same_values(const struct svg_point *a, const struct svg_point *b)
{
	return a->visible == b->visible && a->targets == b->targets && a->vps == b->vps &&
	       a->nfull == b->nfull && a->share == b->share;
}

void svg_series_add(struct svg_series *s, const struct svg_point *pt)
{
	if (s->n > 0) {
		struct svg_point *last = &s->p[s->n - 1];
		if (same_values(last, pt))
			return;
		if (last->ts == pt->ts) {
			/* Several ticks in one second: the last state of it counts.
			 * Dropping back to the point before makes this one redundant. */
			if (s->n > 1 && same_values(&s->p[s->n - 2], pt))
				s->n--;
			else
				*last = *pt;
			return;
		}
	}
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 256;
		struct svg_point *p = realloc(s->p, cap * sizeof *p);
		if (!p) {
			s->oom = true;
			return;
		}
		s->p = p;
		s->cap = cap;
	}
	s->p[s->n++] = *pt;
}

/* ---- parts -------------------------------------------------------------- */

uint32_t svg_tick_step(uint32_t span, unsigned max_ticks)
{
	static const uint32_t steps[] = {
		60, 120, 300, 600, 900, 1800, 3600, 2 * 3600, 3 * 3600, 6 * 3600, 12 * 3600,
		86400, 2 * 86400, 7 * 86400, 14 * 86400, 28 * 86400, 91 * 86400, 182 * 86400,
		364 * 86400,
	};
	if (max_ticks == 0)
		max_ticks = 1;
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (span / steps[i] + 1 <= max_ticks)
			return steps[i];
	return 364 * 86400 * ((span / (364u * 86400) + max_ticks - 1) / max_ticks + 1);
}

/* ts as UTC text in strftime's fmt. */
static void utc_text(uint32_t ts, const char *fmt, char *dst, size_t len)
{
	time_t t = (time_t)ts;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(dst, len, fmt, &tm);
}

void svg_tick_label(uint32_t ts, uint32_t step, char *dst, size_t len)
{
	utc_text(ts, step < 86400 ? "%b %d %H:%M" : "%b %d", dst, len);
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n;
	if (s[0] < 0x80)
		return 1;
	else if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		n = 3;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4;
	else
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;      /* also stops at the NUL */
	/* overlong 3/4-byte forms, surrogates and code points past U+10FFFF */
	if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0) ||
	    (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))
		return 0;
	return n;
}

size_t svg_escape(const char *s, char *dst, size_t len)
{
	size_t o = 0;
	if (len == 0)
		return 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		char one[2] = { (char)*p, 0 };
		const char *rep = one;
		size_t in = 1, outn = 1;
		switch (*p) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&apos;"; break;
		default:
			if (*p < 0x20 || *p == 0x7F) {
				one[0] = '?';           /* XML 1.0 forbids most controls */
			} else if (*p >= 0x80) {
				in = utf8_len(p);
				if (in == 0) {
					in = 1;
					one[0] = '?';
				} else {
					rep = (const char *)p;
					outn = in;
				}
			}
		}
		if (rep != one && rep != (const char *)p)
			outn = strlen(rep);
		if (o + outn >= len)
			break;
		memcpy(dst + o, rep, outn);
		o += outn;
		p += in;
	}
	dst[o] = '\0';
	return o;
}

double svg_x(uint32_t ts, uint32_t t0, uint32_t t1, double left, double width)
{
	if (ts <= t0 || t1 <= t0)
		return left;
	if (ts >= t1)
		return left + width;
	return left + width * (double)(ts - t0) / (double)(t1 - t0);
}

/* ---- sparkline ---------------------------------------------------------- */

void svg_spark_buckets(const struct svg_series *s, uint32_t t0, uint32_t t1, double *out,
                       size_t n)
{
	if (n == 0)
		return;
	double *known = calloc(n, sizeof *known);
	for (size_t i = 0; i < n; i++)
		out[i] = 0;
	if (!known || t1 < t0) {
		for (size_t i = 0; i < n; i++)
			out[i] = -1;
		free(known);
		return;
	}
	double span = (double)(t1 - t0), bw = span / (double)n;
	for (size_t k = 0; k < s->n; k++) {
		const struct svg_point *p = &s->p[k];
		if (p->targets == 0)
			continue;                  /* nothing to be visible yet */
		double frac = (double)p->visible / (double)p->targets;
		if (span == 0) {
			for (size_t i = 0; i < n; i++) {
				out[i] = frac;         /* one instant: the last state */
				known[i] = 1;
			}
			continue;
		}
		double a = (double)p->ts, b = k + 1 < s->n ? (double)s->p[k + 1].ts : (double)t1;
		if (a < t0)
			a = t0;
		if (b > t1)
			b = t1;
		if (b <= a)
			continue;
		size_t i = (size_t)((a - t0) / bw), last = (size_t)((b - t0) / bw);
		if (last >= n)
			last = n - 1;
		for (; i <= last && i < n; i++) {
			double lo = t0 + bw * (double)i, hi = lo + bw;
			double x = (a > lo ? a : lo), y = (b < hi ? b : hi);
			if (y > x) {
				out[i] += frac * (y - x);
				known[i] += y - x;
			}
		}
	}
	for (size_t i = 0; i < n; i++)
		out[i] = known[i] > 0 ? (span == 0 ? out[i] : out[i] / known[i]) : -1;
	free(known);
}

size_t svg_sparkline(const double *b, size_t n, char *dst, size_t len)
{
	size_t o = 0;
	if (len == 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (b[i] < 0) {
			if (o + 1 >= len)
				break;
			dst[o++] = ' ';
			continue;
		}
		int lvl = (int)(b[i] * 7 + 0.5);
		if (lvl < 1 && b[i] > 0)
			lvl = 1;                   /* anything visible: not the "dark" block */
		if (lvl > 6 && b[i] < 1)
			lvl = 6;                   /* the full block: all visible throughout */
		if (o + 3 >= len)
			break;
		/* U+2581 + lvl in UTF-8: E2 96 81+lvl */
		dst[o++] = (char)0xE2;
		dst[o++] = (char)0x96;
		dst[o++] = (char)(0x81 + lvl);
	}
	dst[o] = '\0';
	return o;
}

/* ---- the chart ---------------------------------------------------------- */

/* Geometry of the 1200 x 500 canvas. */
#define W 1200.0
#define H 500.0
#define PX0 84.0                        /* plot area */
#define PX1 1116.0
#define PY0 104.0
#define PY1 400.0
#define PW (PX1 - PX0)
#define PH (PY1 - PY0)
#define CHAR_W 0.58                     /* average glyph width per font size */

#define C_VIS "#1f5fa8"
#define C_VP "#e07b1a"
#define C_DARK "#d62728"
#define C_TEXT "#222222"
#define C_MUTED "#5f6368"
#define C_GRID "#e3e3e3"
#define C_SHARE "#7b3fa0"

struct chart {
	FILE *f;
	const struct svg_chart *c;
	uint32_t t0, t1;
	double ymax_vis, ymax_vp;
	double placed[64][2];               /* x ranges of labels above the plot */
	size_t nplaced;
};

static double text_w(const char *s, double size)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xC0) != 0x80)
			n++;
	return (double)n * CHAR_W * size;
}

/* Text element with escaped content. */
static void text(struct chart *ch, double x, double y, const char *attrs, const char *s)
{
	char esc[2048];
	svg_escape(s, esc, sizeof esc);
	fprintf(ch->f, "<text x=\"%.1f\" y=\"%.1f\" %s>%s</text>\n", x, y, attrs, esc);
}

/* s cut to at most max characters with "..." (on a character boundary). */
static void clip(const char *s, size_t max, char *dst, size_t len)
{
	size_t n = strlen(s);
	if (n <= max || max < 4) {
		snprintf(dst, len, "%s", s);
		return;
	}
	size_t k = max - 3;
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	snprintf(dst, len, "%.*s...", (int)k, s);
}

static double xt(const struct chart *ch, uint32_t ts)
{
	return svg_x(ts, ch->t0, ch->t1, PX0, PW);
}

static double yv(double v, double max)
{
	return PY1 - PH * (max > 0 ? v / max : 0);
}

/* A round step for a value axis up to max, with at most 6 intervals. */
static double value_step(double max)
{
	if (max <= 6)
		return 1;
	double mag = 1;
	while (max / 6 > mag * 10)
		mag *= 10;
	for (int i = 0; i < 4; i++) {
		static const double m[] = { 1, 2, 5, 10 };
		if (max / (m[i] * mag) <= 6)
			return m[i] * mag;
	}
	return 10 * mag;
}

static double axis_max(double max)
{
	if (max < 1)
		max = 1;
	double st = value_step(max), v = 0;
	while (v < max - 1e-9)
		v += st;
	return v;
}

static void human_count(double v, char *dst, size_t len)
{
	if (v >= 1e6)
		snprintf(dst, len, "%gM", v / 1e6);
	else if (v >= 1e4)
		snprintf(dst, len, "%gk", v / 1e3);
	else
		snprintf(dst, len, "%g", v);
}

static void header(struct chart *ch)
{
	const struct svg_chart *c = ch->c;
	char buf[1024], clipped[1024];
	fprintf(ch->f,
	        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
	        "width=\"%.0f\" height=\"%.0f\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n",
	        W, H, W, H);
	snprintf(buf, sizeof buf, "%s %s", c->title ? c->title : "Visibility of", c->targets);
	clip(buf, 90, clipped, sizeof clipped);
	fprintf(ch->f, "<title>");
	char esc[4096];
	svg_escape(clipped, esc, sizeof esc);
	fprintf(ch->f, "%s</title>\n", esc);
	fprintf(ch->f, "<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n");
	text(ch, PX0 - 60, 32, "font-size=\"20\" font-weight=\"bold\" fill=\"" C_TEXT "\"", clipped);

	snprintf(buf, sizeof buf, "Collectors: %s  \xC2\xB7  %s", c->collectors, c->rule);
	clip(buf, 150, clipped, sizeof clipped);
	text(ch, PX0 - 60, 54, "font-size=\"13\" fill=\"" C_MUTED "\"", clipped);
}

/* The period and a one-line summary of the windows. */
/* What a window is: "total blackout" or "share below 20%". */
static void dark_words(const struct chart *ch, char *dst, size_t len)
{
	if (ch->c->below > 0) {
		char f[32];
		report_share_text(ch->c->below, f, sizeof f);
		snprintf(dst, len, "share below %s", f);
	} else {
		snprintf(dst, len, "total blackout");
	}
}

static void summary(struct chart *ch)
{
	const struct svg_chart *c = ch->c;
	char a[32], b[32], buf[256], d[32], dw[48];
	dark_words(ch, dw, sizeof dw);
	utc_text(c->t0, "%Y-%m-%d %H:%M", a, sizeof a);
	utc_text(c->t1, "%Y-%m-%d %H:%M", b, sizeof b);
	int64_t longest = -1;
	for (size_t i = 0; i < c->nw; i++)
		if (bo_duration(&c->w[i]) > longest)
			longest = bo_duration(&c->w[i]);
	if (c->nw == 0) {
		snprintf(buf, sizeof buf, "Data %s to %s UTC  \xC2\xB7  no window of %s", a, b, dw);
	} else {
		report_duration(longest, d);
		snprintf(buf, sizeof buf,
		         "Data %s to %s UTC  \xC2\xB7  %zu window%s of %s (shaded), longest %s",
		         a, b, c->nw, c->nw == 1 ? "" : "s", dw, d);
	}
	text(ch, PX0 - 60, 73, "font-size=\"13\" fill=\"" C_MUTED "\"", buf);
}

static void time_axis(struct chart *ch)
{
	uint32_t span = ch->t1 - ch->t0;
	uint32_t step = svg_tick_step(span, (unsigned)(PW / 100));
	uint64_t first = ((uint64_t)ch->t0 + step - 1) / step * step;
	fprintf(ch->f, "<g stroke=\"" C_GRID "\" stroke-width=\"1\">\n");
	for (uint64_t t = first; t <= ch->t1; t += step)
		fprintf(ch->f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
		        xt(ch, (uint32_t)t), PY0, xt(ch, (uint32_t)t), PY1 + 5);
	fprintf(ch->f, "</g>\n");
	for (uint64_t t = first; t <= ch->t1; t += step) {
		char l[32];
		svg_tick_label((uint32_t)t, step, l, sizeof l);
		double x = xt(ch, (uint32_t)t);
		if (x - text_w(l, 12) / 2 < 4 || x + text_w(l, 12) / 2 > W - 4)
			continue;
		text(ch, x, PY1 + 21, "font-size=\"12\" text-anchor=\"middle\" fill=\"" C_TEXT "\"", l);
	}
	char cap[64], y0[8], y1[8];
	utc_text(ch->t0, "%Y", y0, sizeof y0);
	utc_text(ch->t1, "%Y", y1, sizeof y1);
	if (strcmp(y0, y1) == 0)
		snprintf(cap, sizeof cap, "time (UTC, %s)", y0);
	else
		snprintf(cap, sizeof cap, "time (UTC, %s\xE2\x80\x93%s)", y0, y1);
	text(ch, PX0 + PW / 2, PY1 + 40, "font-size=\"12\" text-anchor=\"middle\" fill=\"" C_MUTED "\"", cap);
}

static void value_axes(struct chart *ch)
{
	double st = value_step(ch->ymax_vis);
	char l[32];
	fprintf(ch->f, "<g stroke=\"" C_GRID "\" stroke-width=\"1\">\n");
	for (double v = st; v <= ch->ymax_vis + 1e-9; v += st)
		fprintf(ch->f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n", PX0,
		        yv(v, ch->ymax_vis), PX1, yv(v, ch->ymax_vis));
	fprintf(ch->f, "</g>\n");
	for (double v = 0; v <= ch->ymax_vis + 1e-9; v += st) {
		human_count(v, l, sizeof l);
		text(ch, PX0 - 8, yv(v, ch->ymax_vis) + 4,
		     "font-size=\"12\" text-anchor=\"end\" fill=\"" C_VIS "\"", l);
	}
	fprintf(ch->f, "<text transform=\"translate(%.1f %.1f) rotate(-90)\" font-size=\"12\" "
	        "text-anchor=\"middle\" fill=\"" C_VIS "\">visible target prefixes</text>\n",
	        PX0 - 48, PY0 + PH / 2);
	if (!ch->c->vps)
		return;
	st = value_step(ch->ymax_vp);
	for (double v = 0; v <= ch->ymax_vp + 1e-9; v += st) {
		human_count(v, l, sizeof l);
		text(ch, PX1 + 8, yv(v, ch->ymax_vp) + 4, "font-size=\"12\" fill=\"" C_VP "\"", l);
	}
	fprintf(ch->f, "<text transform=\"translate(%.1f %.1f) rotate(90)\" font-size=\"12\" "
	        "text-anchor=\"middle\" fill=\"" C_VP "\">full-feed vantage points</text>\n",
	        PX1 + 50, PY0 + PH / 2);
}

/* Step path of one field of the series from its first point to t1. */
typedef uint32_t (*field_fn)(const struct svg_point *p);
static uint32_t f_visible(const struct svg_point *p) { return p->visible; }
static uint32_t f_vps(const struct svg_point *p) { return p->vps; }
static uint32_t f_nfull(const struct svg_point *p) { return p->nfull; }
static uint32_t f_share(const struct svg_point *p) { return p->share; }

static void step_path(struct chart *ch, field_fn field, double max, bool area)
{
	const struct svg_series *s = ch->c->s;
	if (s->n == 0)
		return;
	double x = xt(ch, s->p[0].ts), y = yv(field(&s->p[0]), max);
	if (area)
		fprintf(ch->f, "M%.1f %.1fV%.1f", x, PY1, y);
	else
		fprintf(ch->f, "M%.1f %.1f", x, y);
	double lastx = x, lasty = y;
	for (size_t k = 1; k < s->n; k++) {
		double nx = xt(ch, s->p[k].ts), ny = yv(field(&s->p[k]), max);
		if (ny == lasty)
			continue;
		/* Rounded to what the path prints, so a burst of changes within
		 * one tenth of a pixel costs one vertical move each, no H. */
		if ((long)(nx * 10 + 0.5) != (long)(lastx * 10 + 0.5))
			fprintf(ch->f, "H%.1f", nx);
		fprintf(ch->f, "V%.1f", ny);
		lastx = nx;
		lasty = ny;
	}
	fprintf(ch->f, "H%.1f", PX1);
	if (area)
		fprintf(ch->f, "V%.1fZ", PY1);
}

static int by_start(const void *a, const void *b)
{
	const struct bo_window *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

static int by_duration(const void *a, const void *b)
{
	int64_t x = bo_duration(a), y = bo_duration(b);
	return x > y ? -1 : x < y ? 1 : by_start(a, b);
}

static void fmt_day_time(uint32_t ts, char *dst, size_t len)
{
	utc_text(ts, "%b %d %H:%M", dst, len);
}

static void windows_shade(struct chart *ch, const struct bo_window *w, size_t n)
{
	fprintf(ch->f, "<g fill=\"" C_DARK "\" fill-opacity=\"0.2\">\n");
	for (size_t i = 0; i < n; i++) {
		double a = xt(ch, w[i].start), b = xt(ch, w[i].end);
		if (b - a < 4) {
			a = (a + b) / 2 - 2;     /* a flap stays visible beside the line */
			b = a + 4;
		}
		char s[32], e[32], d[32], tip[200], dw[48];
		dark_words(ch, dw, sizeof dw);
		fmt_day_time(w[i].start, s, sizeof s);
		fmt_day_time(w[i].end, e, sizeof e);
		report_duration(bo_duration(&w[i]), d);
		snprintf(tip, sizeof tip, "%s %s to %s UTC (%s%s)", dw, s, e, d,
		         w[i].ongoing ? ", ongoing" : "");
		fprintf(ch->f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s</title></rect>\n",
		        a, PY0, b - a, PH, tip);
	}
	fprintf(ch->f, "</g>\n");
}

static bool band_free(const struct chart *ch, double a, double b)
{
	if (a < PX0 - 24 || b > PX1 + 24)
		return false;                   /* clear of the axes' top labels */
	for (size_t i = 0; i < ch->nplaced; i++)
		if (a < ch->placed[i][1] + 6 && b > ch->placed[i][0] - 6)
			return false;
	return true;
}

/* Labels: a window wide enough gets its duration, start and end inside it;
 * narrower ones their duration above the plot where it overlaps nothing,
 * longest first, so flaps never hide the outage. */
static void windows_label(struct chart *ch, struct bo_window *w, size_t n)
{
	qsort(w, n, sizeof *w, by_duration);
	for (size_t i = 0; i < n; i++) {
		double a = xt(ch, w[i].start), b = xt(ch, w[i].end);
		char d[32], l1[64], l2[64], l3[64];
		report_duration(bo_duration(&w[i]), d);
		snprintf(l1, sizeof l1, "%s %s", d, w[i].ongoing ? "dark, ongoing" : "blackout");
		fmt_day_time(w[i].start, l2, sizeof l2);
		strcat(l2, w[i].from_start ? " (data start) \xE2\x80\x93" : " \xE2\x80\x93");
		fmt_day_time(w[i].end, l3, sizeof l3);
		strcat(l3, w[i].ongoing ? " (data end)" : " UTC");
		double need = text_w(l1, 12) + 12;
		if (text_w(l2, 12) + 12 > need)
			need = text_w(l2, 12) + 12;
		if (text_w(l3, 12) + 12 > need)
			need = text_w(l3, 12) + 12;
		if (b - a >= need) {
			double cx = (a + b) / 2;
			/* a backing so the lines under the label do not cross its text */
			fprintf(ch->f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"52\" rx=\"3\" "
			        "fill=\"#ffffff\" fill-opacity=\"0.85\"/>\n", cx - need / 2 + 2, PY0 + 4, need - 4);
			text(ch, cx, PY0 + 18, "font-size=\"12\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#8b1a1a\"", l1);
			text(ch, cx, PY0 + 34, "font-size=\"12\" text-anchor=\"middle\" fill=\"#8b1a1a\"", l2);
			text(ch, cx, PY0 + 49, "font-size=\"12\" text-anchor=\"middle\" fill=\"#8b1a1a\"", l3);
			continue;
		}
		double cx = (a + b) / 2, hw = text_w(d, 11) / 2;
		if (ch->nplaced < sizeof ch->placed / sizeof ch->placed[0] && band_free(ch, cx - hw, cx + hw)) {
			ch->placed[ch->nplaced][0] = cx - hw;
			ch->placed[ch->nplaced][1] = cx + hw;
			ch->nplaced++;
			text(ch, cx, PY0 - 6, "font-size=\"11\" text-anchor=\"middle\" fill=\"#8b1a1a\"", d);
		}
	}
}

/* One legend entry at *x: a swatch (a line, or a box when box) drawn with
 * the given attributes, then its label. */
static void legend_item(struct chart *ch, double *x, double y, bool box, const char *attrs,
                        const char *label)
{
	if (box)
		fprintf(ch->f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"22\" height=\"10\" %s/>\n", *x, y - 9, attrs);
	else
		fprintf(ch->f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" %s/>\n",
		        *x, y - 4, *x + 22, y - 4, attrs);
	text(ch, *x + 28, y, "font-size=\"12\" fill=\"" C_TEXT "\"", label);
	*x += 28 + text_w(label, 12) + 24;
}

static void legend(struct chart *ch)
{
	double x = PX0, y = H - 22;
	legend_item(ch, &x, y, false, "stroke=\"" C_VIS "\" stroke-width=\"2.5\"",
	            "visible target prefixes (left axis)");
	if (ch->c->vps) {
		legend_item(ch, &x, y, true, "fill=\"" C_VP "\" fill-opacity=\"0.25\" stroke=\"" C_VP "\"",
		            "full-feed VPs holding a target route (right)");
		legend_item(ch, &x, y, false, "stroke=\"" C_VP "\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"",
		            "full-feed VPs in all (right)");
	}
	if (ch->c->below > 0)
		legend_item(ch, &x, y, false, "stroke=\"" C_SHARE "\" stroke-width=\"1.5\"",
		            "visible share (0 to 100%, dashed: threshold)");
	char dw[48];
	dark_words(ch, dw, sizeof dw);
	legend_item(ch, &x, y, true, "fill=\"" C_DARK "\" fill-opacity=\"0.16\"", dw);
}

/* The share as a line over the whole plot height, and the threshold. */
static void share_lines(struct chart *ch)
{
	double y = yv(ch->c->below * 10000, 10000);
	char l[32];
	report_share_text(ch->c->below, l, sizeof l);
	fprintf(ch->f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" C_SHARE "\" "
	        "stroke-width=\"1\" stroke-dasharray=\"6 4\"/>\n", PX0, y, PX1, y);
	text(ch, PX1 - 4, y - 4, "font-size=\"11\" text-anchor=\"end\" fill=\"" C_SHARE "\"", l);
	if (ch->c->s->n == 0)
		return;
	fprintf(ch->f, "<path fill=\"none\" stroke=\"" C_SHARE "\" stroke-width=\"1.5\" d=\"");
	step_path(ch, f_share, 10000, false);
	fprintf(ch->f, "\"/>\n");
}

bool svg_write(FILE *f, const struct svg_chart *c)
{
	struct chart ch = { .f = f, .c = c, .t0 = c->t0, .t1 = c->t1 };
	if (ch.t1 <= ch.t0)
		ch.t1 = ch.t0 + 60;              /* one instant: a minute wide */
	double mv = 0, mp = 0;
	for (size_t k = 0; k < c->s->n; k++) {
		if (c->s->p[k].targets > mv)
			mv = c->s->p[k].targets;
		if (c->s->p[k].nfull > mp)
			mp = c->s->p[k].nfull;
		if (c->s->p[k].vps > mp)
			mp = c->s->p[k].vps;
	}
	ch.ymax_vis = axis_max(mv);
	ch.ymax_vp = axis_max(mp);

	header(&ch);
	summary(&ch);
	time_axis(&ch);
	value_axes(&ch);
	if (c->vps && c->s->n > 0) {
		fprintf(f, "<path fill=\"" C_VP "\" fill-opacity=\"0.13\" stroke=\"none\" d=\"");
		step_path(&ch, f_vps, ch.ymax_vp, true);
		fprintf(f, "\"/>\n<path fill=\"none\" stroke=\"" C_VP "\" stroke-width=\"1.2\" d=\"");
		step_path(&ch, f_vps, ch.ymax_vp, false);
		fprintf(f, "\"/>\n<path fill=\"none\" stroke=\"" C_VP "\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\" d=\"");
		step_path(&ch, f_nfull, ch.ymax_vp, false);
		fprintf(f, "\"/>\n");
	}
	/* Over the vantage point area, under the lines: */
	struct bo_window *w = NULL;
	if (c->nw > 0 && (w = malloc(c->nw * sizeof *w)) != NULL) {
		memcpy(w, c->w, c->nw * sizeof *w);
		qsort(w, c->nw, sizeof *w, by_start);
		windows_shade(&ch, w, c->nw);
	}
	if (c->s->n > 0) {
		fprintf(f, "<path fill=\"none\" stroke=\"" C_VIS "\" stroke-width=\"2.5\" stroke-linejoin=\"round\" d=\"");
		step_path(&ch, f_visible, ch.ymax_vis, false);
		fprintf(f, "\"/>\n");
	} else {
		text(&ch, PX0 + PW / 2, PY0 + PH / 2, "font-size=\"16\" text-anchor=\"middle\" fill=\"" C_MUTED "\"",
		     "no target prefix in the data");
	}
	if (c->below > 0)
		share_lines(&ch);
	/* the plot frame: axes left, bottom and right */
	fprintf(f, "<path fill=\"none\" stroke=\"#9aa0a6\" stroke-width=\"1\" d=\"M%.1f %.1fV%.1fH%.1f%s\"/>\n",
	        PX0, PY0, PY1, PX1, c->vps ? "V104.0" : "");
	if (w) {
		windows_label(&ch, w, c->nw);
		free(w);
	}
	legend(&ch);
	fprintf(f, "</svg>\n");
	fflush(f);
	return !ferror(f);
}

/* ---- origins: lanes ------------------------------------------------------ */

/* The step area of one lane: its vantage points over time, from bottom y1
 * up to at most height h for ymax. */
static void lane_area(struct chart *ch, const struct svg_lane *l, double y1, double h, double ymax)
{
	if (l->n == 0)
		return;
	fprintf(ch->f, "M%.1f %.1f", xt(ch, l->p[0].ts), y1);
	for (size_t k = 0; k < l->n; k++) {
		if (k > 0)
			fprintf(ch->f, "H%.1f", xt(ch, l->p[k].ts));
		fprintf(ch->f, "V%.1f", y1 - h * (double)l->p[k].vps / ymax);
	}
	fprintf(ch->f, "H%.1fV%.1fZ", PX1, y1);
}

bool svg_write_lanes(FILE *f, const struct svg_chart *c, const struct svg_lane *lanes, size_t n)
{
	struct chart ch = { .f = f, .c = c, .t0 = c->t0, .t1 = c->t1 };
	if (ch.t1 <= ch.t0)
		ch.t1 = ch.t0 + 60;
	size_t shown = n < SVG_MAX_LANES ? n : SVG_MAX_LANES;
	double ymax = 1;
	for (size_t i = 0; i < shown; i++)
		for (size_t k = 0; k < lanes[i].n; k++)
			if (lanes[i].p[k].vps > ymax)
				ymax = lanes[i].p[k].vps;
	header(&ch);
	char a[32], b[32], buf[256];
	utc_text(c->t0, "%Y-%m-%d %H:%M", a, sizeof a);
	utc_text(c->t1, "%Y-%m-%d %H:%M", b, sizeof b);
	snprintf(buf, sizeof buf, "Data %s to %s UTC  \xC2\xB7  a lane per (prefix, origin AS); "
	         "height: vantage points routing to it (at most %.0f)", a, b, ymax);
	text(&ch, PX0 - 60, 73, "font-size=\"13\" fill=\"" C_MUTED "\"", buf);
	time_axis(&ch);
	double lh = shown ? PH / (double)shown : PH;
	for (size_t i = 0; i < shown; i++) {
		const struct svg_lane *l = &lanes[i];
		double y0 = PY0 + lh * (double)i, y1 = y0 + lh;
		const char *col = l->hijack ? C_DARK : l->moas ? C_VP : C_VIS;
		fprintf(f, "<path fill=\"%s\" fill-opacity=\"0.35\" stroke=\"%s\" stroke-width=\"1\" d=\"",
		        col, col);
		lane_area(&ch, l, y1, lh - 4, ymax);
		fprintf(f, "\"/>\n<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" C_GRID "\"/>\n",
		        PX0, y1, PX1, y1);
		snprintf(buf, sizeof buf, "%s%s%s", l->label, l->mark[0] ? "  \xC2\xB7  " : "", l->mark);
		text(&ch, PX0 + 4, y0 + (lh < 24 ? lh - 3 : 14),
		     l->hijack ? "font-size=\"11\" font-weight=\"bold\" fill=\"#8b1a1a\""
		               : "font-size=\"11\" fill=\"" C_TEXT "\"", buf);
	}
	if (n == 0)
		text(&ch, PX0 + PW / 2, PY0 + PH / 2, "font-size=\"16\" text-anchor=\"middle\" fill=\"" C_MUTED "\"",
		     "no target prefix in the data");
	fprintf(f, "<path fill=\"none\" stroke=\"#9aa0a6\" stroke-width=\"1\" d=\"M%.1f %.1fV%.1fH%.1f\"/>\n",
	        PX0, PY0, PY1, PX1);
	double x = PX0, y = H - 22;
	legend_item(&ch, &x, y, true, "fill=\"" C_VIS "\" fill-opacity=\"0.35\"", "origin");
	legend_item(&ch, &x, y, true, "fill=\"" C_VP "\" fill-opacity=\"0.35\"", "MOAS (another origin at once)");
	legend_item(&ch, &x, y, true, "fill=\"" C_DARK "\" fill-opacity=\"0.35\"",
	            "hijack pattern: inside another origin's visible prefix");
	if (n > shown) {
		snprintf(buf, sizeof buf, "and %zu more lanes", n - shown);
		text(&ch, x, y, "font-size=\"12\" fill=\"" C_MUTED "\"", buf);
	}
	fprintf(f, "</svg>\n");
	fflush(f);
	return !ferror(f);
}
