/* jobs.c — the daily scheduler: a thread that wakes each minute and runs the
 * daily jobs when the Asia/Shanghai date has changed since the last run. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "jobs/jobs.h"

struct jobs {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int stop;
	struct store_pool *pool;
};

int
jobs_run_daily(struct store *st, int32_t today, void (*log)(const char *line), struct error *e)
{
	struct deadline_report dr;
	struct check_generate_report cr;
	char line[256], day[DATE_LEN];

	if (store_jobs_deadlines(st, today, &dr, e) != 0)
		return -1;
	date_format(today, day);
	snprintf(line, sizeof(line),
		 "jobs %s: deadlines: %lld due in 3 days, %lld overdue, %lld escalated, "
		 "%lld newly lapsed", day, (long long)dr.due_soon, (long long)dr.overdue,
		 (long long)dr.escalated, (long long)dr.lapsed);
	if (log != NULL)
		log(line);
	if (store_jobs_check_tasks(st, today, &cr, e) != 0)
		return -1;
	snprintf(line, sizeof(line), "jobs %s: check tasks: %lld made", day, (long long)cr.created);
	if (log != NULL)
		log(line);
	return 0;
}

static void
log_stdout(const char *line)
{
	printf("%s\n", line);
	fflush(stdout);
}

static void *
scheduler(void *arg)
{
	struct jobs *j = arg;
	int32_t last = -1;

	pthread_mutex_lock(&j->mu);
	while (!j->stop) {
		int32_t today = date_shanghai(time(NULL));
		struct timespec until;

		if (today != last) {
			struct store *st;
			struct error e = { 0 };

			pthread_mutex_unlock(&j->mu);
			st = store_pool_get(j->pool);
			if (jobs_run_daily(st, today, log_stdout, &e) == 0)
				last = today;
			else
				fprintf(stderr, "hazardnet: daily jobs failed: %s\n", e.message);
			store_pool_put(j->pool, st);
			pthread_mutex_lock(&j->mu);
		}
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 60;
		if (!j->stop)
			pthread_cond_timedwait(&j->cv, &j->mu, &until);
	}
	pthread_mutex_unlock(&j->mu);
	return NULL;
}

struct jobs *
jobs_start(struct store_pool *pool, struct error *e)
{
	struct jobs *j = calloc(1, sizeof(*j));

	if (j == NULL) {
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		return NULL;
	}
	j->pool = pool;
	pthread_mutex_init(&j->mu, NULL);
	pthread_cond_init(&j->cv, NULL);
	if (pthread_create(&j->thread, NULL, scheduler, j) != 0) {
		err_set(e, ERR_INTERNAL, NULL, "cannot start the job thread");
		pthread_mutex_destroy(&j->mu);
		pthread_cond_destroy(&j->cv);
		free(j);
		return NULL;
	}
	return j;
}

void
jobs_stop(struct jobs *j)
{
	if (j == NULL)
		return;
	pthread_mutex_lock(&j->mu);
	j->stop = 1;
	pthread_cond_signal(&j->cv);
	pthread_mutex_unlock(&j->mu);
	pthread_join(j->thread, NULL);
	pthread_mutex_destroy(&j->mu);
	pthread_cond_destroy(&j->cv);
	free(j);
}
