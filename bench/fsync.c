/*
 * fsync.c — how long this disk takes to flush a batch, alone: ROUNDS times
 * write KB kilobytes in 4 KiB pages (as SQLite writes WAL frames) and
 * fdatasync them, either appending to a growing file or overwriting one
 * written and flushed beforehand (a WAL that has started over).
 *
 *   cc -O2 -o /tmp/fsync bench/fsync.c && /tmp/fsync DIR [KB [ROUNDS]]
 *
 * Prints p50, p90 and the largest, in ms, for both.
 */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int
by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* One run: 0 appending, 1 overwriting. */
static int
run(const char *path, int overwrite, size_t pages, int rounds)
{
	static char page[PAGE];
	double *took = malloc((size_t)rounds * sizeof(*took));
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);

	if (fd < 0 || took == NULL) {
		perror(path);
		free(took);
		return -1;
	}
	memset(page, 'w', sizeof(page));
	if (overwrite) {
		for (size_t i = 0; i < pages * (size_t)rounds; i++)
			if (write(fd, page, PAGE) != PAGE)
				goto out_io;
		if (fsync(fd) != 0)
			goto out_io;
	}
	for (int r = 0; r < rounds; r++) {
		double t0;

		for (size_t i = 0; i < pages; i++)
			if (pwrite(fd, page, PAGE, (off_t)((size_t)r * pages + i) * PAGE) != PAGE)
				goto out_io;
		t0 = now_ms();
		if (fdatasync(fd) != 0)
			goto out_io;
		took[r] = now_ms() - t0;
	}
	qsort(took, (size_t)rounds, sizeof(*took), by_value);
	printf("%-9s %zu KB x %d: p50 %.3f ms, p90 %.3f ms, max %.3f ms\n",
	       overwrite ? "overwrite" : "append", pages * PAGE / 1024, rounds,
	       took[rounds / 2], took[rounds * 9 / 10], took[rounds - 1]);
	close(fd);
	unlink(path);
	free(took);
	return 0;
out_io:
	perror(path);
	close(fd);
	unlink(path);
	free(took);
	return -1;
}

int
main(int argc, char **argv)
{
	char path[4096];
	long kb = argc > 2 ? atol(argv[2]) : 180;
	int rounds = argc > 3 ? atoi(argv[3]) : 300;

	if (argc < 2 || kb < 4 || rounds < 10) {
		fprintf(stderr, "usage: fsync DIR [KB (>= 4) [ROUNDS (>= 10)]]\n");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/fsync-probe.%ld", argv[1], (long)getpid());
	if (run(path, 0, (size_t)kb * 1024 / PAGE, rounds) != 0 ||
	    run(path, 1, (size_t)kb * 1024 / PAGE, rounds) != 0)
		return 1;
	return 0;
}
