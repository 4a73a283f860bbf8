/*
 * metrics.c — request counts and latency histograms per route, in the
 * Prometheus text format. Counters are updated with atomics: no lock on
 * the request path.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sbuf.h"
#include "http/http_int.h"

#define MAX_ROUTES 256
#define NCLASS 5   /* 1xx–5xx */

static const double buckets[] = { 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
				   0.25, 0.5, 1, 2.5 };
#define NB (sizeof(buckets) / sizeof(buckets[0]))

struct rmetric {
	unsigned long long count[NCLASS];
	unsigned long long hist[NB + 1];
	unsigned long long sum_us;
};

/* Index MAX_ROUTES holds requests that matched no route (static files, 404s). */
static struct rmetric m[MAX_ROUTES + 1];

void
metrics_observe(int ri, int status, double seconds)
{
	struct rmetric *r = &m[ri >= 0 && ri < MAX_ROUTES ? ri : MAX_ROUTES];
	int cls = status / 100 - 1;
	size_t b = 0;

	if (cls < 0 || cls >= NCLASS)
		cls = NCLASS - 1;
	while (b < NB && seconds > buckets[b])
		b++;
	__atomic_fetch_add(&r->count[cls], 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&r->hist[b], 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&r->sum_us, (unsigned long long)(seconds * 1e6), __ATOMIC_RELAXED);
}

static void
render_one(struct sbuf *b, const char *method, const char *route, const struct rmetric *r)
{
	unsigned long long cum = 0, total = 0;

	for (int c = 0; c < NCLASS; c++) {
		unsigned long long v = __atomic_load_n(&r->count[c], __ATOMIC_RELAXED);

		if (v > 0)
			sbuf_addf(b, "hazardnet_http_requests_total{method=\"%s\",route=\"%s\",code=\"%dxx\"} %llu\n",
				  method, route, c + 1, v);
		total += v;
	}
	if (total == 0)
		return;
	for (size_t i = 0; i <= NB; i++) {
		cum += __atomic_load_n(&r->hist[i], __ATOMIC_RELAXED);
		if (i < NB)
			sbuf_addf(b, "hazardnet_http_request_seconds_bucket{method=\"%s\",route=\"%s\",le=\"%g\"} %llu\n",
				  method, route, buckets[i], cum);
		else
			sbuf_addf(b, "hazardnet_http_request_seconds_bucket{method=\"%s\",route=\"%s\",le=\"+Inf\"} %llu\n",
				  method, route, cum);
	}
	sbuf_addf(b, "hazardnet_http_request_seconds_sum{method=\"%s\",route=\"%s\"} %.6f\n", method,
		  route, (double)__atomic_load_n(&r->sum_us, __ATOMIC_RELAXED) / 1e6);
	sbuf_addf(b, "hazardnet_http_request_seconds_count{method=\"%s\",route=\"%s\"} %llu\n", method,
		  route, cum);
}

char *
metrics_render(void)
{
	struct sbuf b = { 0 };

	sbuf_adds(&b, "# HELP hazardnet_http_requests_total Requests by route and status class.\n"
		      "# TYPE hazardnet_http_requests_total counter\n"
		      "# HELP hazardnet_http_request_seconds Time to answer, by route.\n"
		      "# TYPE hazardnet_http_request_seconds histogram\n");
	for (size_t i = 0; i < nroutes && i < MAX_ROUTES; i++)
		render_one(&b, http_method_names[routes[i].method], routes[i].pattern, &m[i]);
	render_one(&b, "GET", "static", &m[MAX_ROUTES]);
	http_group_metrics(&b);
	if (b.oom) {
		sbuf_free(&b);
		return NULL;
	}
	return b.buf ? b.buf : strdup("");
}
