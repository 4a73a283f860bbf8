/*
 * jobs.h — the background jobs of a server: once per Asia/Shanghai day
 * (and at start), the deadline pass of the hazard network and the
 * generation of the day's check tasks (双重预防).
 */
#ifndef HN_JOBS_H
#define HN_JOBS_H

#include <stdint.h>

#include "core/error.h"
#include "store/store.h"

struct jobs;

/* Run every daily job for `today` on st; a line per job to log (may be NULL). */
int jobs_run_daily(struct store *st, int32_t today, void (*log)(const char *line),
		   struct error *e);

/* Start the scheduler thread on pool; NULL with e filled. */
struct jobs *jobs_start(struct store_pool *pool, struct error *e);

/* Stop the thread and free j (NULL is fine). */
void jobs_stop(struct jobs *j);

#endif
