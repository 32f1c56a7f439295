/*
 * test_records.c - record readers and writers (src/cli/records.c).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nk_test.h"
#include "records.h"

static nk_rec_reader rr;
static FILE *in;

static void open_text(const char *text, nk_rec_format fmt)
{
	in = fmemopen((void *)text, strlen(text), "r");
	ck_assert_ptr_nonnull(in);
	nk_rec_init(&rr, in, fmt);
}

static void done(void)
{
	nk_rec_free(&rr);
	fclose(in);
}

static const char *field(size_t col)
{
	static char out[256];
	const char *s;
	size_t n;
	char err[128];
	const nk_rec_select sel = { .column = col };
	if (!nk_rec_get(&rr, &sel, 0, &s, &n, err, sizeof err))
		return NULL;
	snprintf(out, sizeof out, "%.*s", (int)n, s);
	return out;
}

static const char *member(const char *name)
{
	static char out[256];
	const char *s;
	size_t n;
	char err[128];
	const nk_rec_select sel = { .name = name };
	if (!nk_rec_get(&rr, &sel, 0, &s, &n, err, sizeof err))
		return NULL;
	snprintf(out, sizeof out, "%.*s", (int)n, s);
	return out;
}

START_TEST(csv_rfc4180)
{
	open_text("\xEF\xBB\xBFid,name\r\n1,\"Kim, Su-gil\"\r\n"
		  "2,\"say \"\"hi\"\"\nnext line\",x\n3,,\n", NK_REC_CSV);
	ck_assert_int_eq(nk_rec_read(&rr), NK_REC_OK);
	ck_assert_str_eq(field(1), "id"); /* BOM gone */
	ck_assert_uint_eq(nk_rec_find_column(&rr, "name"), 2);
	ck_assert_int_eq(nk_rec_read(&rr), NK_REC_OK);
	ck_assert_str_eq(field(2), "Kim, Su-gil");
	ck_assert_uint_eq(rr.line, 2);
	ck_assert_int_eq(nk_rec_read(&rr), NK_REC_OK);
	ck_assert_str_eq(field(2), "say \"hi\"\nnext line");
	ck_assert_uint_eq(rr.nfields, 3);
	ck_assert_int_eq(nk_rec_read(&rr), NK_REC_OK);
	ck_assert_uint_eq(rr.line, 5); /* the quoted newline took a line */
	ck_assert_str_eq(field(2), "");
	ck_assert_uint_eq(rr.nfields, 3);
	ck_assert_ptr_null(field(4));
	ck_assert_int_eq(nk_rec_read(&rr), NK_REC_EOF);
	done();
}
END_TEST

START_TEST(csv_malformed)
{
	open_text("a\"b,c\n\"x\"y\nok\n\"open\n", NK_REC_CSV);
	ck_assert_int_eq(nk_rec_read(&rr), NK_REC_MALFORMED);
	ck_assert_int_eq(nk_rec_read(&rr), NK_REC_MALFORMED);
	ck_assert_int_eq(nk_rec_read(&rr), NK_REC_OK);
	ck_assert_str_eq(field(1), "ok");
	ck_assert_int_eq(nk_rec_read(&rr), NK_REC_MALFORMED); /* truncated */
	ck_assert_ptr_nonnull(strstr(rr.error, "unterminated"));
	done();
}
END_TEST

START_TEST(tsv_and_lines)
{
	open_text("a\tb\t\tc\nlast", NK_REC_TSV);
	ck_assert_int_eq(nk_rec_read(&rr), NK_REC_OK);
	ck_assert_uint_eq(rr.nfields, 4);
	ck_assert_str_eq(field(4), "c");
	ck_assert_int_eq(nk_rec_read(&rr), NK_REC_OK); /* no final newline */
	ck_assert_str_eq(field(1), "last");
	ck_assert_int_eq(nk_rec_read(&rr), NK_REC_EOF);
	done();
	/* found by fuzz_records: an empty first record of a TSV file */
	open_text("\nv\n", NK_REC_TSV);
	ck_assert_int_eq(nk_rec_read(&rr), NK_REC_OK);
	ck_assert_ptr_nonnull(rr.raw);
	ck_assert_str_eq(field(1), "");
	done();
	open_text("x\ty\n\n", NK_REC_LINES);
	ck_assert_int_eq(nk_rec_read(&rr), NK_REC_OK);
	ck_assert_str_eq(field(1), "x\ty");
	ck_assert_int_eq(nk_rec_read(&rr), NK_REC_OK);
	ck_assert_str_eq(field(1), "");
	done();
}
END_TEST

START_TEST(jsonl)
{
	open_text("{\"name\":\"Kim \\\"Q\\\" \\u00e9\\ud83d\\ude00\",\"n\":[1,{\"a\":null}]}\n"
		  "{\"name\":3}\n{\"x\":\"y\"}\n{\"name\":\"a\"} x\n"
		  "{\"name\":\"\\ud800\"}\n[1]\n", NK_REC_JSONL);
	ck_assert_int_eq(nk_rec_read(&rr), NK_REC_OK);
	ck_assert_str_eq(member("name"), "Kim \"Q\" é\xF0\x9F\x98\x80");
	ck_assert_ptr_null(member("x"));
	for (int i = 0; i < 5; i++) {
		ck_assert_int_eq(nk_rec_read(&rr), NK_REC_OK);
		ck_assert_ptr_null(member("name"));
	}
	done();
}
END_TEST

START_TEST(json_depth_limit)
{
	char deep[4 * NK_REC_JSON_DEPTH_MAX + 64] = "{\"name\":\"a\",\"x\":";
	for (int i = 0; i < NK_REC_JSON_DEPTH_MAX + 2; i++)
		strcat(deep, "[");
	strcat(deep, "\n");
	open_text(deep, NK_REC_JSONL);
	ck_assert_int_eq(nk_rec_read(&rr), NK_REC_OK);
	ck_assert_ptr_null(member("name"));
	done();
}
END_TEST

START_TEST(writers_quote)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *out = open_memstream(&buf, &n);
	nk_rec_put_field(out, NK_REC_CSV, "a,\"b\"", 5);
	fputc('|', out);
	nk_rec_put_field(out, NK_REC_CSV, "plain", 5);
	fputc('|', out);
	nk_rec_put_field(out, NK_REC_TSV, "t\tab\n", 5);
	fputc('|', out);
	nk_rec_put_field(out, NK_REC_JSONL, "q\"\\\x01", 4);
	fclose(out);
	ck_assert_str_eq(buf, "\"a,\"\"b\"\"\"|plain|t ab |\"q\\\"\\\\\\u0001\"");
	free(buf);
}
END_TEST

START_TEST(format_names)
{
	nk_rec_format f;
	ck_assert_int_eq(nk_rec_format_of("x/names.CSV"), NK_REC_CSV);
	ck_assert_int_eq(nk_rec_format_of("a.jsonl"), NK_REC_JSONL);
	ck_assert_int_eq(nk_rec_format_of("a.tsv"), NK_REC_TSV);
	ck_assert_int_eq(nk_rec_format_of("a"), NK_REC_LINES);
	ck_assert(nk_rec_parse_format("ndjson", &f));
	ck_assert_int_eq(f, NK_REC_JSONL);
	ck_assert(!nk_rec_parse_format("xml", &f));
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("records");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, csv_rfc4180);
	tcase_add_test(tc, csv_malformed);
	tcase_add_test(tc, tsv_and_lines);
	tcase_add_test(tc, jsonl);
	tcase_add_test(tc, json_depth_limit);
	tcase_add_test(tc, writers_quote);
	tcase_add_test(tc, format_names);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nkt_run(suite());
}
