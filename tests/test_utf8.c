/*
 * test_utf8.c - strict UTF-8 validation (src/utf8.c).
 */
#include <string.h>

#include "nk_test.h"
#include "utf8.h"

static size_t check(const char *s)
{
	return nk_utf8_check(s, strlen(s));
}

START_TEST(accepts_valid)
{
	ck_assert_uint_eq(check("Zyuganov"), 8);
	ck_assert_uint_eq(check("Зюганов"), strlen("Зюганов"));
	ck_assert_uint_eq(check("김수길"), strlen("김수길"));
	ck_assert_uint_eq(check("\xF0\x9F\x98\x80"), 4); /* U+1F600 */
	ck_assert_uint_eq(check(""), 0);
}
END_TEST

START_TEST(rejects_invalid)
{
	ck_assert_uint_eq(check("ab\xFF"), 2);        /* never a lead byte */
	ck_assert_uint_eq(check("a\xC0\xAF"), 1);     /* overlong '/' */
	ck_assert_uint_eq(check("\xE0\x80\xAF"), 0);  /* overlong */
	ck_assert_uint_eq(check("x\xED\xA0\x80"), 1); /* surrogate */
	ck_assert_uint_eq(check("\xF4\x90\x80\x80"), 0); /* > U+10FFFF */
	ck_assert_uint_eq(check("ab\xD0"), 2);        /* truncated */
	ck_assert_uint_eq(check("\x80"), 0);          /* stray continuation */
}
END_TEST

START_TEST(rejects_nul)
{
	ck_assert_uint_eq(nk_utf8_check("ab\0cd", 5), 2);
}
END_TEST

/* The code point at s[*i], which must be valid; advances *i. */
static uint32_t next(const char *s, size_t *i)
{
	uint32_t cp = 0;
	ck_assert(nk_utf8_decode(s, strlen(s), i, &cp));
	return cp;
}

START_TEST(decodes_and_encodes)
{
	const char *s = "aЖ김\xF0\x9F\x98\x80";
	size_t i = 0;
	ck_assert_uint_eq(next(s, &i), 'a');
	ck_assert_uint_eq(next(s, &i), 0x0416);
	ck_assert_uint_eq(next(s, &i), 0xAE40);
	ck_assert_uint_eq(next(s, &i), 0x1F600);
	ck_assert_uint_eq(i, strlen(s));

	char out[4];
	ck_assert_uint_eq(nk_utf8_put(out, 0xAE40), 3);
	ck_assert_int_eq(memcmp(out, "김", 3), 0);
	ck_assert_uint_eq(nk_utf8_put(out, 0x1F600), 4);
	ck_assert_uint_eq(nk_utf8_put(out, 0x416), 2);
}
END_TEST

START_TEST(decode_checks_as_it_goes)
{
	const char *s = "Ж\xE0\x80\xAF";
	size_t i = 0;
	uint32_t cp = 0;
	ck_assert(nk_utf8_decode(s, strlen(s), &i, &cp));
	ck_assert_uint_eq(cp, 0x0416);
	ck_assert(!nk_utf8_decode(s, strlen(s), &i, &cp));
	ck_assert_uint_eq(i, 2); /* left at the bad sequence */
	i = 0;
	ck_assert(!nk_utf8_decode("\xD0", 1, &i, &cp)); /* truncated */
	ck_assert(!nk_utf8_decode("", 1, &i, &cp));      /* NUL */
	ck_assert_uint_eq(i, 0);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("utf8");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, accepts_valid);
	tcase_add_test(tc, rejects_invalid);
	tcase_add_test(tc, rejects_nul);
	tcase_add_test(tc, decodes_and_encodes);
	tcase_add_test(tc, decode_checks_as_it_goes);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nkt_run(suite());
}
