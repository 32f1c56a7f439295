/*
 * fuzz_import.c - libFuzzer target for nk_store_import(): the input is
 * imported as TSV, CSV and JSON Lines into one store, each import inside
 * a batch that is rolled back, so every input starts from the same
 * (empty) store; afterwards the store must still pass nk_store_check().
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "namekey.h"

/* Inputs between checks of the whole store (a check scans every table). */
#define CHECK_EVERY 256

typedef struct source {
	const uint8_t *data;
	size_t size, at;
} source;

static long read_input(void *data, char *buf, size_t cap)
{
	source *s = data;
	const size_t n = s->size - s->at < cap ? s->size - s->at : cap;
	memcpy(buf, s->data + s->at, n);
	s->at += n;
	return (long)n;
}

static void count_problem(void *data, const char *problem)
{
	(void)problem;
	++*(unsigned *)data;
}

/* One store per fuzzing process, in a fresh temporary folder. */
static nk_store *store(void)
{
	static nk_store *st;
	static nk_ctx *ctx;
	char dir[] = "/tmp/nk_fuzz_import_XXXXXX";
	char path[sizeof dir + 16];

	if (st)
		return st;
	if (!mkdtemp(dir) || nk_ctx_new(&ctx, NULL) != NK_OK)
		__builtin_trap();
	snprintf(path, sizeof path, "%s/store.db", dir);
	if (nk_store_open(&st, ctx, path, NULL) != NK_OK)
		__builtin_trap();
	return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const nk_format formats[] = { NK_FORMAT_TSV, NK_FORMAT_CSV,
					     NK_FORMAT_JSONL };
	static unsigned long runs;
	nk_store *st = store();

	for (size_t f = 0; f < sizeof formats / sizeof *formats; f++) {
		source src = { data, size, 0 };
		nk_import_options o = NK_IMPORT_OPTIONS_INIT;
		nk_import_report report;
		o.format = formats[f];
		o.flags = f == 0 ? NK_IMPORT_SKIP_BAD : 0;
		if (nk_store_begin(st) != NK_OK)
			__builtin_trap();
		nk_store_import(&report, st, read_input, &src, &o);
		if (nk_store_rollback(st) != NK_OK)
			__builtin_trap();
	}
	unsigned problems = 0;
	if (++runs % CHECK_EVERY == 0 &&
	    (nk_store_check(st, count_problem, &problems) != NK_OK || problems))
		__builtin_trap(); /* a rolled-back import left something */
	return 0;
}
