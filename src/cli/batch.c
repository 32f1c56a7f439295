/*
 * batch.c - keying a batch of names on several threads (see batch.h).
 * The context is shared read-only; each thread keys a contiguous slice.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "cli.h"

#define NK_BATCH_NAMES_INITIAL (1u << 16)
#define NK_DECIMAL 10

void nk_batch_options_init(nk_batch_options *o)
{
	const long cores = sysconf(_SC_NPROCESSORS_ONLN);
	*o = (nk_batch_options){ .key = NK_KEY_OPTIONS_INIT,
				 .threads = cores > 0 ? (unsigned)cores : 1 };
	o->in.select.column = 1;
}

static bool parse_count(const char *s, unsigned long max, unsigned long *out)
{
	char *end;
	errno = 0;
	const unsigned long v = strtoul(s, &end, NK_DECIMAL);
	if (errno || *end || end == s || v == 0 || v > max || s[0] == '-')
		return false;
	*out = v;
	return true;
}

static int bad_value(const char *opt, const char *v)
{
	nk_cli_error("bad value '%s' for %s", v, opt);
	return -1;
}

int nk_batch_parse_option(nk_batch_options *o, int argc, char **argv, int *i)
{
	const char *a = argv[*i];
	const char *v = *i + 1 < argc ? argv[*i + 1] : NULL;
	unsigned long n;

	if (strcmp(a, "--header") == 0) {
		o->in.header = true;
		return 1;
	}
	if (strcmp(a, "--store") == 0) {
		o->store = true;
		return 1;
	}
	if (strcmp(a, "--fold-gender") == 0) {
		o->key.flags |= NK_KEY_FOLD_GENDER;
		return 1;
	}
	const bool valued = strcmp(a, "--in") == 0 || strcmp(a, "--column") == 0 ||
			    strcmp(a, "--field") == 0 || strcmp(a, "--lang") == 0 ||
			    strcmp(a, "--threads") == 0 || strcmp(a, "--db") == 0;
	if (!valued)
		return 0;
	if (!v)
		return bad_value(a, "");
	++*i;
	if (strcmp(a, "--in") == 0) {
		o->in.format_forced = nk_rec_parse_format(v, &o->in.format);
		return o->in.format_forced ? 1 : bad_value(a, v);
	}
	if (strcmp(a, "--column") == 0) {
		if (!parse_count(v, SIZE_MAX, &n))
			return bad_value(a, v);
		o->in.select = (nk_rec_select){ .column = n };
		return 1;
	}
	if (strcmp(a, "--db") == 0) {
		o->db = v;
		o->store = true;
		return 1;
	}
	if (strcmp(a, "--field") == 0) {
		o->in.select = (nk_rec_select){ .name = v };
		return 1;
	}
	if (strcmp(a, "--threads") == 0) {
		if (!parse_count(v, NK_THREADS_MAX, &n))
			return bad_value(a, v);
		o->threads = (unsigned)n;
		return 1;
	}
	return nk_cli_parse_lang(v, &o->key.lang) ? 1 : bad_value(a, v);
}

bool nk_batch_add(nk_batch *b, const char *name, size_t len,
		  unsigned long long seq, const char *where)
{
	if (!b->items && !(b->items = calloc(NK_BATCH_MAX, sizeof *b->items)))
		return false;
	if (b->names_len + len + 1 > b->names_cap) {
		size_t cap = b->names_cap ? b->names_cap : NK_BATCH_NAMES_INITIAL;
		while (cap < b->names_len + len + 1)
			cap *= 2;
		char *p = realloc(b->names, cap);
		if (!p)
			return false;
		b->names = p;
		b->names_cap = cap;
	}
	nk_batch_item *it = &b->items[b->n++];
	memcpy(b->names + b->names_len, name, len);
	b->names[b->names_len + len] = '\0';
	it->off = b->names_len;
	it->len = len;
	it->seq = seq;
	snprintf(it->where, sizeof it->where, "%s", where);
	b->names_len += len + 1;
	return true;
}

void nk_batch_clear(nk_batch *b)
{
	b->n = 0;
	b->names_len = 0;
}

void nk_batch_free(nk_batch *b)
{
	free(b->items);
	b->items = NULL;
	free(b->names);
	b->names = NULL;
	b->names_cap = 0;
	nk_batch_clear(b);
}

typedef struct slice {
	nk_batch *b;
	const nk_ctx *ctx;
	const nk_key_options *o;
	size_t from, to;
} slice;

static void *key_slice(void *arg)
{
	const slice *s = arg;
	for (size_t i = s->from; i < s->to; i++) {
		nk_batch_item *it = &s->b->items[i];
		it->rc = nk_key(&it->info, it->keys, sizeof it->keys, s->ctx,
				s->b->names + it->off, it->len, s->o);
	}
	return NULL;
}

void nk_batch_key(nk_batch *b, const nk_ctx *ctx, const nk_key_options *o,
		  unsigned threads)
{
	pthread_t tid[NK_THREADS_MAX];
	slice sl[NK_THREADS_MAX];
	bool running[NK_THREADS_MAX] = { false };

	if (threads < 1)
		threads = 1;
	if (threads > NK_THREADS_MAX)
		threads = NK_THREADS_MAX;
	const size_t per = (b->n + threads - 1) / threads;
	for (unsigned t = 0; t < threads; t++) {
		const size_t from = t * per;
		const size_t to = from + per < b->n ? from + per : b->n;
		sl[t] = (slice){ b, ctx, o, from, to };
		if (t == 0 || from >= to)
			continue;
		running[t] = pthread_create(&tid[t], NULL, key_slice, &sl[t]) == 0;
		if (!running[t])
			key_slice(&sl[t]); /* no thread to be had: key it here */
	}
	key_slice(&sl[0]);
	for (unsigned t = 1; t < threads; t++)
		if (running[t])
			pthread_join(tid[t], NULL);
}

void nk_batch_report(const nk_batch *b, size_t i)
{
	const nk_batch_item *it = &b->items[i];
	char why[NK_TOO_LONG_MSG];
	switch (it->rc) {
	case NK_EUTF8:
		nk_cli_error("%s: invalid UTF-8 or NUL byte at byte %zu; skipped",
			     it->where, it->info.error_offset + 1);
		break;
	case NK_ETOOLONG:
		nk_cli_error("%s: %s; skipped", it->where,
			     nk_cli_too_long(why, sizeof why, it->len));
		break;
	case NK_EEMPTY:
		nk_cli_error("%s: no name to key; skipped", it->where);
		break;
	default:
		nk_cli_error("%s: %s; skipped", it->where, nk_strerror(it->rc));
		break;
	}
}
