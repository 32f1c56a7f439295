/*
 * test_cluster.c - clustering by key (src/cluster.c).
 */
#include <stdio.h>
#include <stdlib.h>

#include "nk_test.h"

static nk_cluster *cl;

static void setup(void)
{
	ck_assert_int_eq(nk_cluster_new(&cl), NK_OK);
}

static void teardown(void)
{
	nk_cluster_free(cl);
	cl = NULL;
}

static nk_node add(const char *keys, unsigned long long seq)
{
	nk_node n = 0;
	ck_assert_int_eq(nk_cluster_add(cl, &n, keys, seq), NK_OK);
	return n;
}

START_TEST(shared_key_joins)
{
	const nk_node a = add("ru:a", 1);
	const nk_node b = add("ru:b", 2);
	const nk_node c = add("ru:a", 3);
	ck_assert_uint_eq(nk_cluster_label(cl, a), 1);
	ck_assert_uint_eq(nk_cluster_label(cl, c), 1);
	ck_assert_uint_eq(nk_cluster_label(cl, b), 2);
	ck_assert_uint_eq(nk_cluster_keys(cl), 2);
	ck_assert_uint_eq(nk_cluster_count(cl), 2);
}
END_TEST

START_TEST(any_shared_key_joins_transitively)
{
	const nk_node a = add("x:1", 5);
	const nk_node b = add("x:2", 3);
	ck_assert_uint_ne(nk_cluster_label(cl, a), nk_cluster_label(cl, b));
	const nk_node c = add("x:1 x:2", 9); /* two readings bridge them */
	ck_assert_uint_eq(nk_cluster_label(cl, a), 3);
	ck_assert_uint_eq(nk_cluster_label(cl, b), 3);
	ck_assert_uint_eq(nk_cluster_label(cl, c), 3);
	ck_assert_uint_eq(nk_cluster_root(cl, a), nk_cluster_root(cl, b));
	ck_assert_uint_eq(nk_cluster_count(cl), 1);
}
END_TEST

START_TEST(label_is_smallest_seq)
{
	const nk_node a = add("k", 10);
	add("k", 4);
	ck_assert_uint_eq(nk_cluster_label(cl, a), 4);
}
END_TEST

START_TEST(join_and_errors)
{
	const nk_node a = add("k1", 1);
	const nk_node b = add("k2", 2);
	ck_assert_int_eq(nk_cluster_join(cl, a, b), NK_OK);
	ck_assert_uint_eq(nk_cluster_label(cl, b), 1);
	ck_assert_int_eq(nk_cluster_join(cl, a, 999), NK_EINVAL);
	ck_assert(!nk_cluster_has(cl, 999));
	nk_node n;
	ck_assert_int_eq(nk_cluster_add(cl, &n, "", 1), NK_EINVAL);
	ck_assert_int_eq(nk_cluster_add(cl, &n, "   ", 1), NK_EINVAL);
	ck_assert_int_eq(nk_cluster_add(NULL, &n, "k", 1), NK_EINVAL);
	ck_assert_int_eq(nk_cluster_new(NULL), NK_EINVAL);
}
END_TEST

START_TEST(grows_past_initial_sizes)
{
	enum { N = 100000 };
	char key[32];
	for (unsigned i = 0; i < N; i++) {
		snprintf(key, sizeof key, "ru:k%u k%u", i, i / 2);
		add(key, i + 1);
	}
	/* k0..k49999 link pairs: 2i and 2i+1 meet through k(i) */
	ck_assert_uint_eq(nk_cluster_keys(cl), N + N / 2);
	nk_node a, b;
	ck_assert_int_eq(nk_cluster_add(cl, &a, "ru:k10", 0), NK_OK);
	ck_assert_int_eq(nk_cluster_add(cl, &b, "ru:k11", 0), NK_OK);
	ck_assert_uint_eq(nk_cluster_root(cl, a), nk_cluster_root(cl, b));
	ck_assert_uint_gt(nk_cluster_memory(cl), N);
}
END_TEST

/* Keys of names, as nk_key() writes them. */
static nk_node add_name(const char *name, unsigned long long seq)
{
	return add(nkt_key(name), seq);
}

START_TEST(fuzzy_joins_near_long_parts_only)
{
	size_t joined;
	const nk_node a = add_name("Konstantin Rozhdestvensky", 1);
	const nk_node b = add_name("Konstantin Rozhdestvinsky", 2); /* typo */
	const nk_node c = add_name("Ivan Lomov", 3);
	const nk_node d = add_name("Ivan Lamov", 4); /* short part: a name */
	ck_assert_int_eq(nk_cluster_fuzzy(cl, &joined, nkt_ctx(), 0.5), NK_OK);
	ck_assert_uint_eq(nk_cluster_label(cl, b), nk_cluster_label(cl, a));
	ck_assert_uint_ne(nk_cluster_label(cl, d), nk_cluster_label(cl, c));
	ck_assert_uint_ge(joined, 1);
}
END_TEST

START_TEST(fuzzy_weak_key_joins_only_one_full_name)
{
	size_t joined;
	const nk_node full = add_name("Gennady Zyuganov", 1);
	const nk_node init = add_name("G. A. Zyuganov", 2);
	const nk_node ivan1 = add_name("Ivan Petrov", 3);
	add_name("Pavel Petrov", 4);
	const nk_node lone = add_name("Petrov", 5); /* which Petrov? */
	ck_assert_int_eq(nk_cluster_fuzzy(cl, &joined, nkt_ctx(), 0.5), NK_OK);
	ck_assert_uint_eq(nk_cluster_label(cl, init), nk_cluster_label(cl, full));
	ck_assert_uint_ne(nk_cluster_label(cl, lone), nk_cluster_label(cl, ivan1));
	ck_assert_uint_eq(nk_cluster_label(cl, lone), 5);
}
END_TEST

START_TEST(fuzzy_never_joins_different_given_names)
{
	size_t joined;
	const nk_node a = add_name("Kim Jong-il", 1);
	const nk_node b = add_name("Kim Jong-un", 2);
	const nk_node c = add_name("Aleksandr Rozhdestvensky", 3);
	const nk_node d = add_name("Aleksandra Rozhdestvenskaya", 4);
	ck_assert_int_eq(nk_cluster_fuzzy(cl, &joined, nkt_ctx(), 0.5), NK_OK);
	ck_assert_uint_ne(nk_cluster_label(cl, a), nk_cluster_label(cl, b));
	ck_assert_uint_ne(nk_cluster_label(cl, c), nk_cluster_label(cl, d));
	ck_assert_int_eq(nk_cluster_fuzzy(cl, &joined, nkt_ctx(), 2.0), NK_EINVAL);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("cluster");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, shared_key_joins);
	tcase_add_test(tc, any_shared_key_joins_transitively);
	tcase_add_test(tc, label_is_smallest_seq);
	tcase_add_test(tc, join_and_errors);
	tcase_add_test(tc, grows_past_initial_sizes);
	tcase_add_test(tc, fuzzy_joins_near_long_parts_only);
	tcase_add_test(tc, fuzzy_weak_key_joins_only_one_full_name);
	tcase_add_test(tc, fuzzy_never_joins_different_given_names);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nkt_run(suite());
}
