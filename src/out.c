/*
 * out.c - the trace helper (the key builder is inline, nk_internal.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "nk_internal.h"

/* Longest trace line; longer details are cut. */
#define NK_TRACE_LINE_MAX 512

const nk_tracer nk_tracer_none = { NULL, NULL };

void nk_trace_line(const nk_tracer *t, const char *stage, const char *fmt,
		   ...)
{
	char line[NK_TRACE_LINE_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	t->fn(t->data, stage, line);
}
