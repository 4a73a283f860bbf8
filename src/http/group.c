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
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "http/http_int.h"

struct gjob {
	struct req *r;
	int (*fn)(struct req *, struct error *);
	struct error *e;
	int rc;
	int done;
	struct gjob *next;
};

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

static struct {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct gjob *head, *tail;
	int busy;
} group = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, NULL, 0 };

static void
run_batch(struct store *st, struct gjob *batch)
{
	struct error be = { 0 };
	struct gjob *j;

	if (store_tx_begin(st, &be) != 0) {
		for (j = batch; j != NULL; j = j->next) {
			j->rc = -1;
			*j->e = be;
		}
		return;
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
	if (store_tx_commit(st, &be) != 0)
		fail_batch(batch, &be);
}

int
http_group_run(struct req *r, int (*fn)(struct req *, struct error *), struct error *e)
{
	struct gjob me = { r, fn, e, 0, 0, NULL };

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

			group.head = group.tail = NULL;
			group.busy = 1;
			pthread_mutex_unlock(&group.mu);
			store_write_lock(w);
			run_batch(w, batch);
			store_write_unlock(w);
			pthread_mutex_lock(&group.mu);
			group.busy = 0;
			pthread_cond_broadcast(&group.cv);
			pthread_mutex_unlock(&group.mu);
			if (store_write_sync(w, &se) != 0) {
				fprintf(stderr, "hazardnet: %s: a batch of writes was committed "
					"but not confirmed by the disk; its requests failed\n",
					se.message);
				fail_batch(batch, &se);
			}
			pthread_mutex_lock(&group.mu);
			for (j = batch; j != NULL; j = next) {
				next = j->next;
				j->done = 1;
			}
			pthread_cond_broadcast(&group.cv);
		} else {
			pthread_cond_wait(&group.cv, &group.mu);
		}
	}
	pthread_mutex_unlock(&group.mu);
	return me.rc;
}
