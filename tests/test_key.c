/*
 * test_key.c - the public nk_key() contract (src/key.c, src/ctx.c,
 * src/error.c, src/generic.c).
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "nk_test.h"

#define THREADS 4
#define THREAD_ROUNDS 2000

static int key(char *buf, size_t cap, const char *name, nk_key_info *info)
{
	return nk_key(info, buf, cap, nkt_ctx(), name, strlen(name), NULL);
}

START_TEST(invalid_arguments)
{
	char buf[NK_KEY_MAX];
	nk_key_options o = NK_KEY_OPTIONS_INIT;

	ck_assert_int_eq(nk_key(NULL, NULL, 0, nkt_ctx(), "a", 1, NULL),
			 NK_EINVAL);
	ck_assert_int_eq(nk_key(NULL, buf, sizeof buf, NULL, "a", 1, NULL),
			 NK_EINVAL);
	ck_assert_int_eq(nk_key(NULL, buf, sizeof buf, nkt_ctx(), NULL, 1,
				NULL), NK_EINVAL);
	o.version = 99;
	ck_assert_int_eq(nk_key(NULL, buf, sizeof buf, nkt_ctx(), "a", 1, &o),
			 NK_EINVAL);
	o = (nk_key_options)NK_KEY_OPTIONS_INIT;
	o.flags = 1u << 30;
	ck_assert_int_eq(nk_key(NULL, buf, sizeof buf, nkt_ctx(), "a", 1, &o),
			 NK_EINVAL);
	nk_ctx_options co = { 2, 0 };
	nk_ctx *c = NULL;
	ck_assert_int_eq(nk_ctx_new(&c, &co), NK_EINVAL);
	ck_assert_ptr_null(c);
	ck_assert_int_eq(nk_ctx_new(NULL, NULL), NK_EINVAL);
}
END_TEST

START_TEST(input_errors)
{
	char buf[NK_KEY_MAX];
	nk_key_info info;

	ck_assert_int_eq(key(buf, sizeof buf, "Ivan \xC3(", &info), NK_EUTF8);
	ck_assert_uint_eq(info.error_offset, 5);
	ck_assert_int_eq(key(buf, sizeof buf, "   ", &info), NK_EEMPTY);
	ck_assert_int_eq(key(buf, 4, "Gennady Zyuganov", &info), NK_ERANGE);
	ck_assert_int_eq(nk_key(&info, buf, sizeof buf, nkt_ctx(), "", 0, NULL),
			 NK_EEMPTY);
}
END_TEST

START_TEST(key_shape)
{
	static const char *const names[] = {
		"Gennady Zyuganov", "Зюганов Геннадий", "김수길", "Kim Su-gil",
		"Αλέξανδρος Παπαδόπουλος", "毛泽东", "Jean-Luc O'Neill",
		/* found by fuzz_key: other scripts inside a Russian name */
		"\xd0\xaf\xda\xba\xd0\xbe\xd1\xb2", "Ivan 김 毛",
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char buf[NK_KEY_MAX];
		nk_key_info info;
		ck_assert_int_eq(key(buf, sizeof buf, names[i], &info), NK_OK);
		ck_assert_uint_eq(info.len, strlen(buf));
		ck_assert_uint_ge(info.nkeys, 1);
		ck_assert_uint_le(info.nkeys, NK_KEYS_MAX);
		for (const char *p = buf; *p; p++)
			ck_assert_msg((*p > ' ' && *p < 0x7F) || *p == ' ',
				      "non-printable key byte in %s", buf);
	}
}
END_TEST

START_TEST(generic_is_order_independent)
{
	ck_assert_str_eq(nkt_key_opts("Μαρία Κάλλας", NK_LANG_OTHER, 0),
			 nkt_key_opts("Κάλλας Μαρία", NK_LANG_OTHER, 0));
	ck_assert_str_eq(nkt_key_opts("John Smith", NK_LANG_OTHER, 0),
			 "xx:john:smith");
}
END_TEST

START_TEST(lang_hint_overrides)
{
	nk_key_options o = NK_KEY_OPTIONS_INIT;
	nk_key_info info;
	char buf[NK_KEY_MAX];

	o.lang = NK_LANG_OTHER;
	ck_assert_int_eq(nk_key(&info, buf, sizeof buf, nkt_ctx(), "Зюганов",
				strlen("Зюганов"), &o), NK_OK);
	ck_assert_int_eq(info.lang, NK_LANG_OTHER);
	ck_assert_int_eq(strncmp(buf, "xx:", 3), 0);
	ck_assert_int_eq(key(buf, sizeof buf, "Зюганов", &info), NK_OK);
	ck_assert_int_eq(info.lang, NK_LANG_RU);
}
END_TEST

static void count_trace(void *data, const char *stage, const char *detail)
{
	unsigned *n = data;
	ck_assert_ptr_nonnull(stage);
	ck_assert_ptr_nonnull(detail);
	(*n)++;
}

START_TEST(trace_reports_stages)
{
	unsigned n = 0;
	nk_key_options o = NK_KEY_OPTIONS_INIT;
	char buf[NK_KEY_MAX];

	o.trace = count_trace;
	o.trace_data = &n;
	ck_assert_int_eq(nk_key(NULL, buf, sizeof buf, nkt_ctx(),
				"Mr. Zyuganov", 12, &o), NK_OK);
	ck_assert_uint_ge(n, 4); /* honorific, token, lang, key */
}
END_TEST

START_TEST(strerror_covers_codes)
{
	for (int c = NK_OK; c >= NK_EFORMAT; c--) {
		ck_assert_ptr_nonnull(nk_strerror(c));
		ck_assert_str_ne(nk_strerror(c), "unknown error");
	}
	ck_assert_str_eq(nk_strerror(-999), "unknown error");
	ck_assert_str_eq(nk_version(), NK_VERSION_STRING);
}
END_TEST

START_TEST(ref_counting)
{
	nk_ctx *c = NULL;
	ck_assert_int_eq(nk_ctx_new(&c, NULL), NK_OK);
	ck_assert_ptr_eq(nk_ctx_ref(c), c);
	nk_ctx_unref(c);
	char buf[NK_KEY_MAX];
	ck_assert_int_eq(nk_key(NULL, buf, sizeof buf, c, "Kim", 3, NULL), NK_OK);
	nk_ctx_unref(c);
	nk_ctx_unref(NULL);
}
END_TEST

static const char *const thread_names[] = {
	"Gennady Zyuganov", "Зюганов Геннадий Андреевич", "김정은",
	"Kim Jong-un", "Sjuganow", "Ch'oe Ryong-hae",
};

static void *thread_main(void *arg)
{
	const char *const *expect = arg;
	for (int r = 0; r < THREAD_ROUNDS; r++) {
		const size_t i = (size_t)r % (sizeof thread_names / sizeof *thread_names);
		char buf[NK_KEY_MAX];
		if (nk_key(NULL, buf, sizeof buf, nkt_ctx(), thread_names[i],
			   strlen(thread_names[i]), NULL) != NK_OK ||
		    strcmp(buf, expect[i]) != 0)
			return (void *)1;
	}
	return NULL;
}

START_TEST(deterministic_across_threads)
{
	enum { N = sizeof thread_names / sizeof *thread_names };
	static char expect_buf[N][NK_KEY_MAX];
	const char *expect[N];
	for (size_t i = 0; i < N; i++) {
		ck_assert_int_eq(key(expect_buf[i], NK_KEY_MAX, thread_names[i],
				     NULL), NK_OK);
		expect[i] = expect_buf[i];
	}
	pthread_t th[THREADS];
	for (int i = 0; i < THREADS; i++)
		ck_assert_int_eq(pthread_create(&th[i], NULL, thread_main,
						(void *)expect), 0);
	for (int i = 0; i < THREADS; i++) {
		void *res = NULL;
		pthread_join(th[i], &res);
		ck_assert_ptr_null(res);
	}
}
END_TEST

START_TEST(invariant_under_case_space_and_form)
{
	static const char *const same[][2] = {
		{ "Gennady Zyuganov", "  GENNADY   zyuganov " },
		{ "Jŏng-ŭn", "Jo\xCC\x86ng-u\xCC\x86n" },     /* NFC vs NFD */
		{ "Solov’ev", "Solov'ev" },
		{ "Kim Su\u2013gil", "Kim Su-gil" },
		{ "Kim\u00A0Su-gil", "Kim Su-gil" },
	};
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		char a[NK_KEY_MAX];
		snprintf(a, sizeof a, "%s", nkt_key(same[i][0]));
		ck_assert_str_ne(a, "");
		ck_assert_str_eq(a, nkt_key(same[i][1]));
	}
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("key");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, invalid_arguments);
	tcase_add_test(tc, input_errors);
	tcase_add_test(tc, key_shape);
	tcase_add_test(tc, generic_is_order_independent);
	tcase_add_test(tc, lang_hint_overrides);
	tcase_add_test(tc, trace_reports_stages);
	tcase_add_test(tc, strerror_covers_codes);
	tcase_add_test(tc, ref_counting);
	tcase_add_test(tc, deterministic_across_threads);
	tcase_add_test(tc, invariant_under_case_space_and_form);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nkt_run(suite());
}
