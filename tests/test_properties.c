/*
 * test_properties.c - properties of nk_key() over the whole development
 * vocabulary (tests/data/eval): keys never depend on case, surrounding
 * or repeated spaces, the Unicode normalization form or look-alike
 * punctuation; they are bounded, printable and deterministic across
 * threads.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "nk_test.h"

#define VOCAB_MAX 70000
#define LINE_MAX_BYTES 512
#define THREADS 4

typedef struct vocab {
	char **names;
	char **keys;
	size_t n;
} vocab;

static vocab v;

static char *key_of(const char *s)
{
	char buf[NK_KEY_MAX];
	if (nk_key(NULL, buf, sizeof buf, nkt_ctx(), s, strlen(s), NULL) != NK_OK)
		buf[0] = '\0';
	return strdup(buf);
}

static void load_file(const char *file)
{
	FILE *f = fopen(nkt_data(file), "r");
	char line[LINE_MAX_BYTES];
	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof line, f) && v.n < VOCAB_MAX) {
		line[strcspn(line, "\n")] = '\0';
		const char *name = strrchr(line, '\t');
		v.names[v.n] = strdup(name ? name + 1 : line);
		v.keys[v.n] = key_of(v.names[v.n]);
		v.n++;
	}
	fclose(f);
}

static void setup(void)
{
	v.names = calloc(VOCAB_MAX, sizeof *v.names);
	v.keys = calloc(VOCAB_MAX, sizeof *v.keys);
	load_file("eval/ru_dev.tsv");
	load_file("eval/ko_dev.tsv");
	load_file("eval/distractors_dev.tsv");
	load_file("sample_names.txt");
}

static void teardown(void)
{
	for (size_t i = 0; i < v.n; i++) {
		free(v.names[i]);
		free(v.keys[i]);
	}
	free(v.names);
	free(v.keys);
	v = (vocab){ 0 };
}

/* Apply an ICU transform (upper-casing or NFD) to a UTF-8 string. */
typedef int32_t (*u_transform)(UChar *dst, int32_t cap, const UChar *src,
			       int32_t n, UErrorCode *err);

static int32_t to_upper(UChar *dst, int32_t cap, const UChar *src, int32_t n,
			UErrorCode *err)
{
	return u_strToUpper(dst, cap, src, n, "", err);
}

static int32_t to_nfd(UChar *dst, int32_t cap, const UChar *src, int32_t n,
		      UErrorCode *err)
{
	const UNormalizer2 *nfd = unorm2_getNFDInstance(err);
	return U_FAILURE(*err) ? 0 : unorm2_normalize(nfd, src, n, dst, cap, err);
}

static void transform(char *out, size_t cap, const char *s, u_transform fn)
{
	UChar a[LINE_MAX_BYTES], b[2 * LINE_MAX_BYTES];
	int32_t na = 0, nb, no = 0;
	UErrorCode err = U_ZERO_ERROR;
	u_strFromUTF8(a, LINE_MAX_BYTES, &na, s, -1, &err);
	nb = fn(b, 2 * LINE_MAX_BYTES, a, na, &err);
	u_strToUTF8(out, (int32_t)cap, &no, b, nb, &err);
	ck_assert_msg(U_SUCCESS(err), "ICU failed on %s", s);
}

/* Replace ASCII ' and - with their typographic look-alikes, double the
 * spaces and pad both ends. */
static void lookalike(char *out, size_t cap, const char *s)
{
	size_t o = 0;
	out[o++] = ' ';
	for (; *s && o + 4 < cap; s++) {
		if (*s == '\'') {
			memcpy(out + o, "\xE2\x80\x99", 3); /* ’ */
			o += 3;
		} else if (*s == '-') {
			memcpy(out + o, "\xE2\x80\x90", 3); /* ‐ */
			o += 3;
		} else if (*s == ' ') {
			memcpy(out + o, " \xC2\xA0", 3); /* space, NBSP */
			o += 3;
		} else {
			out[o++] = *s;
		}
	}
	out[o++] = '\t';
	out[o] = '\0';
}

static size_t check_all(void (*variant)(char *, size_t, const char *),
			const char *what)
{
	size_t failures = 0;
	for (size_t i = 0; i < v.n; i++) {
		char alt[4 * LINE_MAX_BYTES];
		variant(alt, sizeof alt, v.names[i]);
		char *k = key_of(alt);
		if (strcmp(k, v.keys[i]) != 0 && failures++ < 10)
			fprintf(stderr, "%s: '%s' [%s] vs '%s' [%s]\n", what,
				v.names[i], v.keys[i], alt, k);
		free(k);
	}
	return failures;
}

static void upper_variant(char *out, size_t cap, const char *s)
{
	transform(out, cap, s, to_upper);
}

static void nfd_variant(char *out, size_t cap, const char *s)
{
	transform(out, cap, s, to_nfd);
}

START_TEST(every_name_has_a_bounded_printable_key)
{
	ck_assert_uint_gt(v.n, 60000);
	for (size_t i = 0; i < v.n; i++) {
		const char *k = v.keys[i];
		ck_assert_msg(k[0] != '\0', "no key for %s", v.names[i]);
		unsigned spaces = 0;
		for (const char *p = k; *p; p++) {
			ck_assert(*p >= ' ' && *p <= '~');
			spaces += *p == ' ';
		}
		ck_assert_uint_lt(spaces, NK_KEYS_MAX);
		ck_assert_uint_lt(strlen(k), NK_KEY_MAX);
	}
}
END_TEST

START_TEST(case_does_not_matter)
{
	ck_assert_uint_eq(check_all(upper_variant, "upper case"), 0);
}
END_TEST

START_TEST(normalization_form_does_not_matter)
{
	ck_assert_uint_eq(check_all(nfd_variant, "NFD"), 0);
}
END_TEST

START_TEST(spaces_and_lookalikes_do_not_matter)
{
	ck_assert_uint_eq(check_all(lookalike, "look-alikes"), 0);
}
END_TEST

static void *rekey(void *arg)
{
	const size_t t = (size_t)(uintptr_t)arg;
	for (size_t i = t; i < v.n; i += THREADS) {
		char buf[NK_KEY_MAX];
		const char *s = v.names[i];
		if (nk_key(NULL, buf, sizeof buf, nkt_ctx(), s, strlen(s), NULL) != NK_OK)
			buf[0] = '\0';
		if (strcmp(buf, v.keys[i]) != 0)
			return (void *)1;
	}
	return NULL;
}

START_TEST(deterministic_across_threads)
{
	pthread_t th[THREADS];
	for (size_t t = 0; t < THREADS; t++)
		ck_assert_int_eq(pthread_create(&th[t], NULL, rekey,
						(void *)(uintptr_t)t), 0);
	for (size_t t = 0; t < THREADS; t++) {
		void *res;
		pthread_join(th[t], &res);
		ck_assert_ptr_null(res);
	}
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("properties");
	TCase *tc = tcase_create("vocabulary");
	tcase_set_timeout(tc, 600);
	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_add_test(tc, every_name_has_a_bounded_printable_key);
	tcase_add_test(tc, case_does_not_matter);
	tcase_add_test(tc, normalization_form_does_not_matter);
	tcase_add_test(tc, spaces_and_lookalikes_do_not_matter);
	tcase_add_test(tc, deterministic_across_threads);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nkt_run(suite());
}
