/*
 * jobs.h — the background jobs of a server: once per Asia/Shanghai day
 * (and at start), the deadline pass of the hazard network, the
 * generation of the day's check tasks (双重预防) and the reminders of the
 * yearly risk report.
 */
#ifndef HN_JOBS_H
#define HN_JOBS_H

#include <stdint.h>

#include "core/config.h"
#include "core/error.h"
#include "store/store.h"

struct jobs;

/*
 * The yearly risk report's reminders: an enterprise without a submitted
 * report is told from 7 days before the due day (cfg risk.report_day) to
 * the day itself, and again from the day after it to 30 days later; once
 * each, however often the jobs run in those windows.
 */
#define JOBS_RISK_REPORT_SOON_DAYS 7
#define JOBS_RISK_REPORT_LATE_DAYS 30

/*
 * Run every daily job for `today` on st with the configuration cfg
 * (borrowed); a line per job to log (may be NULL).
 */
int jobs_run_daily(struct store *st, const struct config *cfg, int32_t today,
		   void (*log)(const char *line), struct error *e);

/* Start the scheduler thread on pool with cfg (which must outlive it); NULL with e filled. */
struct jobs *jobs_start(struct store_pool *pool, const struct config *cfg, struct error *e);

/* Stop the thread and free j (NULL is fine). */
void jobs_stop(struct jobs *j);

#endif
