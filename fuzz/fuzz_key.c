/*
 * fuzz_key.c - libFuzzer target for the normalizer: nk_key() with and
 * without a trace sink (the path `namekey explain` takes), and
 * nk_compare() on the input split at its first tab.
 */
#include <stdint.h>
#include <string.h>

#include "namekey.h"

/* The trace must see NUL-terminated strings of bounded length. */
static void check_trace(void *data, const char *stage, const char *detail)
{
	size_t *n = data;
	*n += strlen(stage) + strlen(detail);
}

static nk_ctx *context(void)
{
	static nk_ctx *ctx; /* one per fuzzing process, never freed */
	if (!ctx && nk_ctx_new(&ctx, NULL) != NK_OK)
		__builtin_trap();
	return ctx;
}

static void key_twice(const char *s, size_t n)
{
	char a[NK_KEY_MAX], b[NK_KEY_MAX];
	nk_key_options o = NK_KEY_OPTIONS_INIT;
	size_t traced = 0;

	const int ra = nk_key(NULL, a, sizeof a, context(), s, n, NULL);
	o.trace = check_trace;
	o.trace_data = &traced;
	const int rb = nk_key(NULL, b, sizeof b, context(), s, n, &o);
	/* tracing must never change the result */
	if (ra != rb || (ra == NK_OK && strcmp(a, b) != 0))
		__builtin_trap();
	for (size_t i = 0; ra == NK_OK && a[i]; i++)
		if ((unsigned char)a[i] < ' ' || (unsigned char)a[i] > '~')
			__builtin_trap(); /* keys are printable ASCII */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	key_twice(s, size);

	const uint8_t *tab = memchr(data, '\t', size);
	if (tab) {
		const size_t la = (size_t)(tab - data);
		nk_match ab, ba;
		const int r1 = nk_compare(&ab, context(), s, la, (const char *)tab + 1,
					  size - la - 1, NULL);
		const int r2 = nk_compare(&ba, context(), (const char *)tab + 1,
					  size - la - 1, s, la, NULL);
		/* symmetric; which side's error is reported first may differ */
		if ((r1 == NK_OK) != (r2 == NK_OK) ||
		    (r1 == NK_OK && (ab.kind != ba.kind || ab.score != ba.score)))
			__builtin_trap();
	}
	return 0;
}
