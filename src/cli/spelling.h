/*
 * spelling.h - the script and the likely romanization systems of a
 * name, read off the trace that nk_key() gives.
 */
#ifndef NK_CLI_SPELLING_H
#define NK_CLI_SPELLING_H

#include <stdbool.h>
#include <stdio.h>

#include "namekey.h"

#define NK_SPELLING_SYSTEMS_MAX 8
#define NK_SPELLING_MARKS_MAX 16
#define NK_SPELLING_MARK_NAME_MAX 12

/* Zero it, pass it as the trace data of nk_key() with nk_spelling_trace
 * as the sink, then call nk_spelling_finish() with the language keyed. */
typedef struct nk_spelling {
	const char *systems[NK_SPELLING_SYSTEMS_MAX]; /* static strings */
	size_t nsystems;
	struct {
		char letter;
		char mark[NK_SPELLING_MARK_NAME_MAX];
	} marks[NK_SPELLING_MARKS_MAX]; /* diacritics the fold kept */
	size_t nmarks;
	unsigned scripts;  /* scripts of the tokens, one bit each */
	bool rr_vowels;    /* a Latin token spells ㅓ ㅡ as RR does: eo eu */
} nk_spelling;

/* An nk_trace_fn; data is the nk_spelling. */
void nk_spelling_trace(void *data, const char *stage, const char *detail);

/* Marks and RR vowels say something only once the language is known. */
void nk_spelling_finish(nk_spelling *sp, nk_lang lang);

/* "latin", "cyrillic", "hangul", "other", "mixed" or "none". */
const char *nk_spelling_script(const nk_spelling *sp);

/* The systems, ", "-separated; "none (Cyrillic script)" or "none (Hangul
 * script)" for a name in its own script; else "unknown". */
void nk_spelling_describe(const nk_spelling *sp, FILE *f);

#endif /* NK_CLI_SPELLING_H */
