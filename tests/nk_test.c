/*
 * nk_test.c - helpers shared by the Check suites.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nk_test.h"

#define NKT_GROUPS_MAX 4096
#define NKT_LINE_MAX 1024

static nk_ctx *ctx;

nk_ctx *nkt_ctx(void)
{
	if (!ctx)
		ck_assert_int_eq(nk_ctx_new(&ctx, NULL), NK_OK);
	return ctx;
}

const char *nkt_key_opts(const char *name, nk_lang lang, unsigned flags)
{
	static char buf[NK_KEY_MAX];
	nk_key_options o = NK_KEY_OPTIONS_INIT;
	o.lang = lang;
	o.flags = flags;
	if (nk_key(NULL, buf, sizeof buf, nkt_ctx(), name, strlen(name), &o))
		buf[0] = '\0';
	return buf;
}

const char *nkt_key(const char *name)
{
	return nkt_key_opts(name, NK_LANG_AUTO, 0);
}

/* Does space-separated list a share a word with list b? */
static bool lists_meet(const char *a, const char *b)
{
	for (const char *p = a; *p;) {
		const size_t n = strcspn(p, " ");
		for (const char *q = b; *q;) {
			const size_t m = strcspn(q, " ");
			if (n == m && memcmp(p, q, n) == 0)
				return true;
			q += m + (q[m] == ' ');
		}
		p += n + (p[n] == ' ');
	}
	return false;
}

bool nkt_share_key(const char *a, const char *b)
{
	char ka[NK_KEY_MAX];
	snprintf(ka, sizeof ka, "%s", nkt_key(a));
	const char *kb = nkt_key(b);
	return ka[0] && kb[0] && lists_meet(ka, kb);
}

const char *nkt_data(const char *file)
{
	static char path[4096];
	const char *dir = getenv("NK_TEST_DATA");
	snprintf(path, sizeof path, "%s/%s", dir ? dir : "tests/data", file);
	return path;
}

typedef struct row {
	char group[64];
	char name[256];
	char key[NK_KEY_MAX];
} row;

static int read_rows(const char *file, row *rows, int cap)
{
	FILE *f = fopen(nkt_data(file), "r");
	ck_assert_msg(f != NULL, "cannot open %s", nkt_data(file));
	char line[NKT_LINE_MAX];
	int n = 0;
	while (fgets(line, sizeof line, f) && n < cap) {
		line[strcspn(line, "\r\n")] = '\0';
		char *tab = strchr(line, '\t');
		if (line[0] == '#' || !tab)
			continue;
		*tab = '\0';
		snprintf(rows[n].group, sizeof rows[n].group, "%.63s", line);
		snprintf(rows[n].name, sizeof rows[n].name, "%.255s", tab + 1);
		snprintf(rows[n].key, sizeof rows[n].key, "%s",
			 nkt_key(rows[n].name));
		n++;
	}
	fclose(f);
	return n;
}

int nkt_check_groups(const char *file)
{
	static row rows[NKT_GROUPS_MAX];
	const int n = read_rows(file, rows, NKT_GROUPS_MAX);
	int fails = 0;

	ck_assert_int_gt(n, 0);
	for (int i = 0; i < n; i++) {
		for (int j = i + 1; j < n; j++) {
			const bool same = strcmp(rows[i].group, rows[j].group) == 0;
			if (same == lists_meet(rows[i].key, rows[j].key))
				continue;
			fails++;
			fprintf(stderr, "%s: %s: '%s' [%s] vs '%s' [%s]\n", file,
				same ? "should match" : "should differ",
				rows[i].name, rows[i].key, rows[j].name,
				rows[j].key);
		}
	}
	return fails;
}

static void slurp(const char *path, char *buf)
{
	FILE *f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	const size_t n = fread(buf, 1, NKT_OUT_MAX - 1, f);
	buf[n] = '\0';
	fclose(f);
	remove(path);
}

const nkt_result *nkt_cli(const char *input, const char *args)
{
	static nkt_result res;
	char cmd[4096], path[64];
	const char *bin = getenv("NK_BIN");
	char in[] = "/tmp/nkt_in_XXXXXX";
	const int fd = mkstemp(in);
	ck_assert_int_ge(fd, 0);
	FILE *f = fdopen(fd, "w");
	ck_assert_ptr_nonnull(f);
	if (input)
		fputs(input, f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "'%s' %s <%s >%s.out 2>%s.err",
		 bin ? bin : "namekey", args, in, in, in);
	const int st = system(cmd);
	res.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	snprintf(path, sizeof path, "%s.out", in);
	slurp(path, res.out);
	snprintf(path, sizeof path, "%s.err", in);
	slurp(path, res.err);
	remove(in);
	return &res;
}

/* Sixteen syllables of one length: a word decodes back into its digits,
 * so distinct numbers give distinct words. */
static const char syllables[16][3] = {
	"ka", "lo", "mi", "ne", "su", "ta", "ri", "po",
	"zu", "ve", "da", "bo", "fi", "gu", "he", "jo",
};

/* Base-16 digits of v as syllables (at least two), capitalised. */
static char *word(char *p, unsigned long v)
{
	char *start = p;
	for (int i = 0; i < 2 || v; i++, v /= 16) {
		memcpy(p, syllables[v % 16], 2);
		p += 2;
	}
	*start = (char)(*start - 'a' + 'A');
	return p;
}

const char *nkt_made_up_name(unsigned long n)
{
	enum { GIVEN_NAMES = 256 };
	static char buf[64];
	char *p = word(buf, n % GIVEN_NAMES);
	*p++ = ' ';
	*word(p, n / GIVEN_NAMES) = '\0';
	return buf;
}

int nkt_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	const int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	nk_ctx_unref(ctx);
	ctx = NULL;
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

void nkt_db_path(char path[sizeof NKT_DB_TEMPLATE])
{
	memcpy(path, NKT_DB_TEMPLATE, sizeof NKT_DB_TEMPLATE);
	const int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	remove(path);
}

long nkt_read_text(void *data, char *buf, size_t cap)
{
	nkt_text_reader *r = data;
	const size_t n = r->len - r->pos < cap ? r->len - r->pos : cap;
	memcpy(buf, r->s + r->pos, n);
	r->pos += n;
	return (long)n;
}
