/*
 * out.c - the bounded key builder and the trace helper.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "nk_internal.h"

/* Longest trace line; longer details are cut. */
#define NK_TRACE_LINE_MAX 512

const nk_tracer nk_tracer_none = { NULL, NULL };

void nk_out_mem(nk_out *o, const char *s, size_t n)
{
	if (o->overflow || n >= o->cap - o->len) {
		o->overflow = true;
		return;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
}

/* The same as nk_out_mem(o, &c, 1), without a call to memcpy. */
void nk_out_char(nk_out *o, char c)
{
	if (o->overflow || 1 >= o->cap - o->len) {
		o->overflow = true;
		return;
	}
	o->buf[o->len++] = c;
	o->buf[o->len] = '\0';
}

void nk_out_str(nk_out *o, const char *s)
{
	nk_out_mem(o, s, strlen(s));
}

void nk_trace(const nk_tracer *t, const char *stage, const char *fmt, ...)
{
	if (!t || !t->fn)
		return;
	char line[NK_TRACE_LINE_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	t->fn(t->data, stage, line);
}
