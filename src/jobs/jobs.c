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
	const struct config *cfg;
};

/* Remind the enterprises that have not reported the year whose due day is near or just past. */
static int
risk_report_reminders(struct store *st, const struct config *cfg, int32_t today, int64_t *soon,
		      int64_t *late, struct error *e)
{
	int y, m, d, mm = 12, dd = 20;

	*soon = *late = 0;
	date_to_ymd(today, &y, &m, &d);
	if (date_month_day_parse(cfg->risk_report_day, &m, &d) == 0) {
		mm = m;
		dd = d;
	}
	/* last year's too: a due day late in December is past in January */
	for (int year = y - 1; year <= y; year++) {
		int32_t due = date_from_ymd(year, mm, dd);
		char dday[DATE_LEN], title[160];
		int64_t n = 0;

		date_format(due, dday);
		if (today >= due - JOBS_RISK_REPORT_SOON_DAYS && today <= due) {
			snprintf(title, sizeof(title), "%d年度风险清单及年度风险分析将于 %s 到期，请按时报送",
				 year, dday);
			if (store_jobs_risk_report_notify(st, year, "risk_report_due_soon", title, dday, &n,
							  e) != 0)
				return -1;
			*soon += n;
		} else if (today > due && today <= due + JOBS_RISK_REPORT_LATE_DAYS) {
			snprintf(title, sizeof(title), "%d年度风险清单及年度风险分析逾期未报送（期限 %s）",
				 year, dday);
			if (store_jobs_risk_report_notify(st, year, "risk_report_overdue", title, dday, &n,
							  e) != 0)
				return -1;
			*late += n;
		}
	}
	return 0;
}

int
jobs_run_daily(struct store *st, const struct config *cfg, int32_t today,
	       void (*log)(const char *line), struct error *e)
{
	struct deadline_report dr;
	struct check_generate_report cr;
	int64_t soon, late;
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
	if (risk_report_reminders(st, cfg, today, &soon, &late, e) != 0)
		return -1;
	snprintf(line, sizeof(line), "jobs %s: risk reports: %lld told due soon, %lld told overdue",
		 day, (long long)soon, (long long)late);
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
			if (jobs_run_daily(st, j->cfg, today, log_stdout, &e) == 0)
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
jobs_start(struct store_pool *pool, const struct config *cfg, struct error *e)
{
	struct jobs *j = calloc(1, sizeof(*j));

	if (j == NULL) {
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		return NULL;
	}
	j->pool = pool;
	j->cfg = cfg;
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
