/*
 * test_pipe.c - the contract `namekey annotate` keeps as a pipe filter
 * for engines with a stdin/stdout hook (Spark's RDD.pipe(), Hadoop
 * streaming; docs/scale-out.md): one line out per line in, in order,
 * each as soon as its line is in (with --line-buffered), in memory that
 * does not grow with the input.  Runs the command exactly as the recipe
 * gives it.
 */
#define _GNU_SOURCE /* wait4 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nk_test.h"

/* The invocation of docs/scale-out.md: records "id<TAB>name". */
static char *const pipe_argv[] = {
	"namekey", "annotate", "--in", "tsv", "--column", "2",
	"--on-error", "pass", "--threads", "1", "--line-buffered", NULL,
};

#define REPLY_TIMEOUT_MS 10000
#define LOCKSTEP_RECORDS 300
#define SMALL_RECORDS 3000
#define LARGE_RECORDS 300000
/* Peak RSS may differ by allocator noise, not by the input's 10 MB. */
#define RSS_SLACK_KB 4096
#define LINE_MAX_BYTES 4096

static const char *bin(void)
{
	const char *b = getenv("NK_BIN");
	ck_assert_msg(b != NULL, "NK_BIN is not set");
	return b;
}

/*
 * A made-up name for record i, from syllables (never from the eval
 * sets), with some records that cannot be keyed among them.
 */
static void record(char *out, size_t cap, long i)
{
	static const char *const given[] = { "Ivan", "Olga", "Min-jun", "Seo-yeon",
					     "Gennady", "Jong-un", "Фёдор", "민준" };
	static const char *const sur[] = { "Petrov", "Kim", "Smirnova", "Lee",
					   "Zyuganov", "Park", "Иванов", "박" };
	static const char *const junk[] = { "!!!", "", "\xff\xfe" };

	if (i % 97 == 13) {
		snprintf(out, cap, "%ld\t%s\n", i, junk[i % 3]);
		return;
	}
	snprintf(out, cap, "%ld\t%s %s%s\n", i, given[i % 8], sur[(i / 8) % 8],
		 i % 5 ? "" : "a");
}

/* Does line start with record i's id and a tab? */
static bool is_record(const char *line, long i)
{
	char id[32];
	const int n = snprintf(id, sizeof id, "%ld\t", i);
	return strncmp(line, id, (size_t)n) == 0;
}

/* Start the filter with pipes to and from it; returns its pid. */
static pid_t start_filter(int *to, int *from)
{
	int in[2], out[2];
	ck_assert_int_eq(pipe(in), 0);
	ck_assert_int_eq(pipe(out), 0);
	const pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		dup2(in[0], STDIN_FILENO);
		dup2(out[1], STDOUT_FILENO);
		close(in[1]);
		close(out[0]);
		execv(bin(), pipe_argv);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	*to = in[1];
	*from = out[0];
	return pid;
}

/* Read one line from fd, failing if none comes within the timeout. */
static void read_line(int fd, char *line, size_t cap)
{
	size_t n = 0;
	while (n + 1 < cap) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ck_assert_msg(poll(&p, 1, REPLY_TIMEOUT_MS) == 1,
			      "no reply line within %d ms", REPLY_TIMEOUT_MS);
		ck_assert_int_eq(read(fd, line + n, 1), 1);
		if (line[n++] == '\n')
			break;
	}
	line[n] = '\0';
}

/* Each reply comes before the next record is written: the filter holds
 * back nothing, so a pipe reader never waits for a batch to fill. */
START_TEST(replies_line_by_line_in_order)
{
	int to, from;
	const pid_t pid = start_filter(&to, &from);
	char rec[LINE_MAX_BYTES], reply[LINE_MAX_BYTES];

	for (long i = 0; i < LOCKSTEP_RECORDS; i++) {
		record(rec, sizeof rec, i);
		ck_assert(write(to, rec, strlen(rec)) == (ssize_t)strlen(rec));
		read_line(from, reply, sizeof reply);
		ck_assert_msg(is_record(reply, i), "record %ld: got '%s'", i, reply);
		ck_assert_msg(strncmp(reply, rec, strlen(rec) - 1) == 0,
			      "record %ld changed: '%s'", i, reply);
	}
	close(to);
	ck_assert_int_eq(read(from, reply, 1), 0); /* nothing more */
	close(from);
	int st;
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	/* 1: some records passed through unannotated, as asked. */
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 1);
}
END_TEST

/* A file of n records; returns its descriptor, rewound. */
static int records_file(long n)
{
	FILE *f = tmpfile();
	ck_assert_ptr_nonnull(f);
	char rec[LINE_MAX_BYTES];
	for (long i = 0; i < n; i++) {
		record(rec, sizeof rec, i);
		fputs(rec, f);
	}
	ck_assert_int_eq(fflush(f), 0);
	const int fd = dup(fileno(f));
	fclose(f);
	ck_assert_int_eq(lseek(fd, 0, SEEK_SET), 0);
	return fd;
}

/* Run the filter over n records; check every output line; peak RSS. */
static long filter_records(long n)
{
	const int in = records_file(n);
	FILE *out = tmpfile();
	ck_assert_ptr_nonnull(out);
	const pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		dup2(in, STDIN_FILENO);
		dup2(fileno(out), STDOUT_FILENO);
		execv(bin(), pipe_argv);
		_exit(127);
	}
	close(in);
	int st;
	struct rusage ru;
	ck_assert_int_eq(wait4(pid, &st, 0, &ru), pid);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 1);

	rewind(out);
	char line[LINE_MAX_BYTES];
	long lines = 0;
	while (fgets(line, sizeof line, out)) {
		ck_assert_msg(is_record(line, lines), "line %ld: '%s'", lines, line);
		lines++;
	}
	fclose(out);
	ck_assert_int_eq(lines, n);
	return ru.ru_maxrss;
}

START_TEST(constant_memory_one_line_per_record)
{
	/* ASan keeps freed memory in quarantine, which would grow with any
	 * per-record allocation; measure the filter, not the quarantine. */
	const char *asan = getenv("ASAN_OPTIONS");
	char opts[1024];
	snprintf(opts, sizeof opts, "%s%squarantine_size_mb=1", asan ? asan : "",
		 asan ? ":" : "");
	setenv("ASAN_OPTIONS", opts, 1);

	const long small = filter_records(SMALL_RECORDS);
	const long large = filter_records(LARGE_RECORDS);
	ck_assert_msg(large - small < RSS_SLACK_KB,
		      "peak RSS grew from %ld KB to %ld KB", small, large);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("pipe");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, replies_line_by_line_in_order);
	tcase_add_test(tc, constant_memory_one_line_per_record);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nkt_run(suite());
}
