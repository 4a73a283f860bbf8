/*
 * group.c — group commit for the server's writes. A synchronous durable
 * commit costs a disk flush; one per request caps a small machine at a few
 * thousand writes per second (DESIGN §7). Requests that change something
 * queue here; the first to find no batch running becomes the leader, takes
 * everything queued, and runs each request's handler inside one transaction,
 * each in its own savepoint (a failing request undoes only itself), then
 * commits once, through the pool's writer store (whose page cache keeps
 * what the last batch wrote). The commit itself does not wait for the
 * disk: the leader hands the writer on to the next batch and only then
 * flushes the WAL (store_write_sync), so one batch's statements run while
 * the disk confirms the last one. Every request is answered only after a
 * flush that began after the commit holding its change; if the commit or
 * the flush fails, every request of the batch fails.
 *
 * How long writes wait, and in which stage, is counted for /metrics.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/sbuf.h"
#include "http/http_int.h"

struct gjob {
	struct req *r;
	int (*fn)(struct req *, struct error *);
	struct error *e;
	int rc;
	int done;
	uint64_t queued_us;  /* when it joined the queue */
	pthread_cond_t cv;   /* its thread waits here, for its answer or to lead */
	struct gjob *next;
};

/* Sums since start, in microseconds where timed; updated with atomics. */
enum { GS_WRITER, GS_STATEMENTS, GS_COMMIT, GS_FLUSH, GS__MAX };
static const char *const stage_names[GS__MAX] = { "writer", "statements", "commit", "flush" };
static struct {
	unsigned long long batches, requests, failed, queue_us;
	unsigned long long stage_us[GS__MAX];
} gm;

static uint64_t
now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000u + (uint64_t)t.tv_nsec / 1000u;
}

static void
count(unsigned long long *v, uint64_t n)
{
	__atomic_fetch_add(v, n, __ATOMIC_RELAXED);
}

/* Fail every request of the batch that had succeeded: its commit, or the
 * flush that makes it durable, did not happen. */
static void
fail_batch(struct gjob *batch, const struct error *be)
{
	for (struct gjob *j = batch; j != NULL; j = j->next) {
		if (j->rc != 0)
			continue;
		j->rc = -1;
		*j->e = *be;
		json_decref(j->r->out);
		j->r->out = NULL;
		j->r->status = 0;
		j->r->set_cookie[0] = '\0';
	}
}

/* Each waiting thread sleeps on its own job's condition variable and is
 * woken only when there is something for it: its batch answered, or its
 * job at the head of the queue when no batch runs (it leads). One shared
 * variable woke every waiting thread twice a batch, to find nothing. */
static struct {
	pthread_mutex_t mu;
	struct gjob *head, *tail;
	int busy;
} group = { PTHREAD_MUTEX_INITIALIZER, NULL, NULL, 0 };

/* Returns 0 when the batch committed (each request's own outcome is in its
 * job), -1 when it did not; *commit_at is when its commit began. */
static int
run_batch(struct store *st, struct gjob *batch, uint64_t *commit_at)
{
	struct error be = { 0 };
	struct gjob *j;

	if (store_tx_begin(st, &be) != 0) {
		for (j = batch; j != NULL; j = j->next) {
			j->rc = -1;
			*j->e = be;
		}
		*commit_at = now_us();
		return -1;
	}
	for (j = batch; j != NULL; j = j->next) {
		struct store *own = j->r->st;

		j->r->st = st;
		if (store_tx_begin(st, j->e) != 0) {
			j->rc = -1;
		} else if ((j->rc = j->fn(j->r, j->e)) == 0) {
			j->rc = store_tx_commit(st, j->e);
		} else {
			store_tx_rollback(st);
		}
		/* A handler that left a savepoint open must not leak it into
		 * the next request's (the writer store outlives the batch). */
		if (store_tx_depth(st) > 1) {
			while (store_tx_depth(st) > 1)
				store_tx_rollback(st);
			if (j->rc == 0) {
				j->rc = err_set(j->e, ERR_INTERNAL, NULL, "a write left its transaction open");
				json_decref(j->r->out);
				j->r->out = NULL;
			}
		}
		j->r->st = own;
	}
	*commit_at = now_us();
	if (store_tx_commit(st, &be) != 0) {
		fail_batch(batch, &be);
		return -1;
	}
	return 0;
}

int
http_group_run(struct req *r, int (*fn)(struct req *, struct error *), struct error *e)
{
	struct gjob me = { .r = r, .fn = fn, .e = e, .queued_us = now_us() };

	pthread_cond_init(&me.cv, NULL);
	pthread_mutex_lock(&group.mu);
	if (group.tail != NULL)
		group.tail->next = &me;
	else
		group.head = &me;
	group.tail = &me;
	while (!me.done) {
		/* Whoever finds jobs queued and no batch running leads, even
		 * while its own job waits for its flush. */
		if (!group.busy && group.head != NULL) {
			struct gjob *batch = group.head, *j, *next;
			struct store *w = r->writer != NULL ? r->writer : r->st;
			struct error se = { 0 };
			uint64_t t[GS__MAX + 1];
			int failed;

			group.head = group.tail = NULL;
			group.busy = 1;
			pthread_mutex_unlock(&group.mu);
			t[0] = now_us();
			store_write_lock(w);
			t[1] = now_us();
			failed = run_batch(w, batch, &t[2]) != 0;
			store_write_unlock(w);
			t[3] = now_us();
			pthread_mutex_lock(&group.mu);
			group.busy = 0;
			if (group.head != NULL)
				pthread_cond_signal(&group.head->cv);
			pthread_mutex_unlock(&group.mu);
			if (store_write_sync(w, &se) != 0) {
				fprintf(stderr, "hazardnet: %s: a batch of writes was committed "
					"but not confirmed by the disk; its requests failed\n",
					se.message);
				fail_batch(batch, &se);
				failed = 1;
			}
			t[4] = now_us();
			count(&gm.batches, 1);
			count(&gm.failed, (uint64_t)failed);
			for (j = batch; j != NULL; j = j->next) {
				count(&gm.requests, 1);
				count(&gm.queue_us, t[0] - j->queued_us);
			}
			for (int k = 0; k < GS__MAX; k++)
				count(&gm.stage_us[k], t[k + 1] - t[k]);
			pthread_mutex_lock(&group.mu);
			/* A job's owner may return, and its job go, as soon as
			 * the mutex is released: next is read before. */
			for (j = batch; j != NULL; j = next) {
				next = j->next;
				j->done = 1;
				pthread_cond_signal(&j->cv);
			}
		} else {
			pthread_cond_wait(&me.cv, &group.mu);
		}
	}
	pthread_mutex_unlock(&group.mu);
	pthread_cond_destroy(&me.cv);
	return me.rc;
}

/* The counters without labels: name, help, value, and whether the value
 * is microseconds shown as seconds. */
static const struct {
	const char *name, *help;
	unsigned long long *v;
	int us;
} counters[] = {
	{ "hazardnet_write_batches_total",
	  "Group commits: batches of writes committed and flushed together.", &gm.batches, 0 },
	{ "hazardnet_write_failed_batches_total",
	  "Batches whose commit or flush failed; every write in them failed.", &gm.failed, 0 },
	{ "hazardnet_write_requests_total", "Writes that went through group commit.",
	  &gm.requests, 0 },
	{ "hazardnet_write_queue_seconds_total",
	  "Time writes waited for their batch to begin, summed over writes.", &gm.queue_us, 1 },
};

static double
seconds(const unsigned long long *us)
{
	return (double)__atomic_load_n(us, __ATOMIC_RELAXED) / 1e6;
}

void
http_group_metrics(struct sbuf *b)
{
	for (size_t i = 0; i < sizeof(counters) / sizeof(counters[0]); i++) {
		sbuf_addf(b, "# HELP %s %s\n# TYPE %s counter\n", counters[i].name, counters[i].help,
			  counters[i].name);
		if (counters[i].us)
			sbuf_addf(b, "%s %.6f\n", counters[i].name, seconds(counters[i].v));
		else
			sbuf_addf(b, "%s %llu\n", counters[i].name,
				  __atomic_load_n(counters[i].v, __ATOMIC_RELAXED));
	}
	sbuf_adds(b, "# HELP hazardnet_write_batch_seconds_total Time batches spent in each "
		     "stage, summed over batches: writer (waiting for the writer connection, "
		     "which the checkpointer holds back to start the WAL over), statements, "
		     "commit, flush (the WAL to disk).\n"
		     "# TYPE hazardnet_write_batch_seconds_total counter\n");
	for (int k = 0; k < GS__MAX; k++)
		sbuf_addf(b, "hazardnet_write_batch_seconds_total{stage=\"%s\"} %.6f\n",
			  stage_names[k], seconds(&gm.stage_us[k]));
}
