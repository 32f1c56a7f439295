/*
 * ru_given.c - the Russian given-name table of a context: every form of
 * db/ru_given_names.tsv keyed by the Russian rules and sorted for lookup.
 *
 * Owns building the table when a context is created and looking forms
 * up.  A Latin form the rules read two ways (Michel: micel, or misel in
 * French) gets an entry per reading, so it meets a name read either way.
 */
#include <stdlib.h>
#include <string.h>

#include "ru_given.h"

/* What nk_key() writes before the folded form of a one-word name. */
#define GIVEN_PREFIX "ru:"
#define GIVEN_PREFIX_LEN (sizeof GIVEN_PREFIX - 1)

static int cmp_entry(const void *pa, const void *pb)
{
	const nk_given_form *a = pa, *b = pb;
	const int c = strcmp(a->form, b->form);
	if (c != 0)
		return c;
	if (a->row != b->row)
		return a->row < b->row ? -1 : 1;
	return (a->kind > b->kind) - (a->kind < b->kind);
}

/* strcmp() order of the NUL-terminated a against the n bytes b. */
static int cmp_form(const char *a, const char *b, size_t n)
{
	const int c = strncmp(a, b, n);
	return c != 0 ? c : a[n] != '\0';
}

/*
 * Append the folded form of each key in keys.  A key of more than one
 * part, or with initials, cannot meet a single key part, so it is left
 * out, as is a form too long for its slot (the generator bounds forms so
 * that none is).
 */
static void add_keys(nk_given_table *t, const char *keys,
		     const nk_given_source *src, char initial)
{
	for (const char *k = keys; *k;) {
		const size_t n = strcspn(k, " ");
		const char *form = k + GIVEN_PREFIX_LEN;
		const size_t m = n - GIVEN_PREFIX_LEN;
		const bool usable =
			n > GIVEN_PREFIX_LEN &&
			memcmp(k, GIVEN_PREFIX, GIVEN_PREFIX_LEN) == 0 &&
			m < NK_GIVEN_FORM_MAX && !memchr(form, ':', m) &&
			!memchr(form, '.', m);
		if (usable) {
			nk_given_form *f = &t->forms[t->n++];
			memcpy(f->form, form, m);
			f->form[m] = '\0';
			f->row = src->row;
			f->kind = src->kind;
			f->initial = initial;
		}
		k += n + (k[n] == ' ');
	}
}

/*
 * In sorted entries: one entry per (form, row), the strongest kind; and
 * where some row has the form as its full form, that row only.
 */
static size_t prune(nk_given_form *f, size_t n)
{
	size_t o = 0;

	for (size_t i = 0; i < n;) {
		size_t end = i;
		bool has_full = false;
		for (; end < n && strcmp(f[end].form, f[i].form) == 0; end++)
			has_full |= f[end].kind == NK_GIVEN_FULL;
		for (size_t k = i; k < end; k++) {
			const bool dup = k > i && f[k].row == f[k - 1].row;
			const bool shadowed =
				has_full && f[k].kind != NK_GIVEN_FULL;
			if (!dup && !shadowed)
				f[o++] = f[k];
		}
		i = end;
	}
	return o;
}

int nk_given_init(nk_given_table *t, const nk_ctx *ctx)
{
	nk_key_options opts = NK_KEY_OPTIONS_INIT;
	char initial = '\0';

	opts.lang = NK_LANG_RU;
	t->n = 0;
	t->forms = calloc(nk_given_source_count * NK_KEYS_MAX,
			  sizeof *t->forms);
	if (!t->forms)
		return NK_ENOMEM;
	for (size_t i = 0; i < nk_given_source_count; i++) {
		const nk_given_source *src = &nk_given_sources[i];
		char keys[NK_KEY_MAX];
		const int rc = nk_key(NULL, keys, sizeof keys, ctx, src->name,
				      strlen(src->name), &opts);
		if (rc != NK_OK) {
			nk_given_free(t);
			return rc;
		}
		if (src->kind == NK_GIVEN_FULL)
			initial = keys[GIVEN_PREFIX_LEN];
		add_keys(t, keys, src, initial);
	}
	qsort(t->forms, t->n, sizeof *t->forms, cmp_entry);
	t->n = prune(t->forms, t->n);
	return NK_OK;
}

void nk_given_free(nk_given_table *t)
{
	free(t->forms);
	*t = (nk_given_table){ NULL, 0 };
}

size_t nk_given_find(const nk_given_form **first, const nk_given_table *t,
		     const char *s, size_t n)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		const size_t mid = lo + (hi - lo) / 2;
		if (cmp_form(t->forms[mid].form, s, n) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t end = lo;
	while (end < t->n && cmp_form(t->forms[end].form, s, n) == 0)
		end++;
	*first = t->forms + lo;
	return end - lo;
}
