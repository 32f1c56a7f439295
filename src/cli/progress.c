/*
 * progress.c - the progress line: records, rate, and with a known input
 * size the share done and the time left.
 */
#define _POSIX_C_SOURCE 200809L
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"

/* Seconds between redraws. */
#define NK_PROGRESS_PERIOD 0.25
#define NK_PERCENT 100.0

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void nk_progress_start(nk_progress *p, unsigned long long total_bytes)
{
	*p = (nk_progress){ .on = isatty(STDERR_FILENO) == 1,
			    .total_bytes = total_bytes };
	p->start = p->last = now();
}

void nk_progress_update(nk_progress *p, unsigned long long records,
			unsigned long long bytes)
{
	if (!p->on)
		return;
	const double t = now();
	if (t - p->last < NK_PROGRESS_PERIOD)
		return;
	p->last = t;
	const double elapsed = t - p->start;
	const double rate = elapsed > 0 ? (double)records / elapsed : 0;
	fprintf(stderr, "\r\033[K%llu names, %.0f/s", records, rate);
	if (p->total_bytes > 0 && bytes > 0) {
		const double done = (double)bytes / (double)p->total_bytes;
		const double left = elapsed * (1.0 - done) / done;
		fprintf(stderr, ", %.1f%%, %.0f s left", done * NK_PERCENT, left);
	}
	fflush(stderr);
}

void nk_progress_done(nk_progress *p)
{
	if (p->on)
		fputs("\r\033[K", stderr);
}

unsigned long long nk_progress_input_size(char *const *paths, int n)
{
	unsigned long long total = 0;
	for (int i = 0; i < n; i++) {
		struct stat st;
		if (stat(paths[i], &st) != 0 || !S_ISREG(st.st_mode))
			return 0;
		total += (unsigned long long)st.st_size;
	}
	return total;
}
