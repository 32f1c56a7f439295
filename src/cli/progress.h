/*
 * progress.h - a progress line on stderr for long batch jobs, shown only
 * when stderr is a terminal.
 */
#ifndef NK_PROGRESS_H
#define NK_PROGRESS_H

#include <stdbool.h>
#include <stdio.h>

typedef struct nk_progress {
	bool on;
	unsigned long long total_bytes; /* 0 when unknown (a pipe) */
	double start, last;             /* seconds */
} nk_progress;

/* Start; total_bytes is the input size when known.  Off unless stderr
 * is a TTY. */
void nk_progress_start(nk_progress *p, unsigned long long total_bytes);

/* Redraw at most a few times a second. */
void nk_progress_update(nk_progress *p, unsigned long long records,
			unsigned long long bytes);

/* Clear the line. */
void nk_progress_done(nk_progress *p);

/* Sum of the sizes of regular files among paths; 0 if any is not. */
unsigned long long nk_progress_input_size(char *const *paths, int n);

#endif /* NK_PROGRESS_H */
