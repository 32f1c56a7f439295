/*
 * test_lookup.c - `namekey lookup` (src/cli/cmd_lookup.c, prompt.c,
 * width.c): the batch output exactly, JSON, the in-prompt commands and
 * their undo, messages and exit codes, the column width of text, and the
 * interactive prompt - history, recall, completion - driven through a
 * pseudo-terminal.
 */
#define _DEFAULT_SOURCE /* forkpty(), mkdtemp() */
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "nk_test.h"
#include "width.h"

#define PATH_TEXT_MAX 256
#define ARGS_MAX 1024
#define TERM_TIMEOUT_MS 5000
#define TERM_ROWS 24
#define TERM_COLUMNS 120
#define POLL_STEP_MS 20

static char dir[] = "/tmp/nkt_lookup_XXXXXX";
static char db[PATH_TEXT_MAX];
static char state[PATH_TEXT_MAX];

static void add(const char *args)
{
	char cmd[ARGS_MAX];
	snprintf(cmd, sizeof cmd, "add --db '%s' %s", db, args);
	const nkt_result *r = nkt_cli(NULL, cmd);
	ck_assert_msg(r->status == 0, "%s: %s", cmd, r->err);
}

/* A store of three identities, 1 Kim Jong-un, 2 Gennady Zyuganov and
 * 3 이승만, made through the CLI. */
static void setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(db, sizeof db, "%s/store.db", dir);
	snprintf(state, sizeof state, "%s/state", dir);
	unsetenv("NAMEKEY_DB");
	add("'Kim Jong-un' --alias '김정은' --alias 'Kim Jŏng-ŭn'");
	add("'Gennady Zyuganov' --alias 'Зюганов Геннадий'");
	add("'이승만' --alias 'Syngman Rhee' --alias 'Yi Seung-man'");
}

static void teardown(void)
{
	char cmd[PATH_TEXT_MAX + 16];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	strcpy(dir, "/tmp/nkt_lookup_XXXXXX");
}

/* `namekey lookup --db DB OPTIONS` with input on standard input. */
static const nkt_result *lookup(const char *input, const char *options)
{
	char cmd[ARGS_MAX];
	snprintf(cmd, sizeof cmd, "lookup --db '%s' %s", db, options);
	return nkt_cli(input, cmd);
}

/* ---------------------------------------------------------------- */
/* Batch mode                                                         */
/* ---------------------------------------------------------------- */

START_TEST(batch_text_exactly)
{
	const nkt_result *r = lookup("Kim Jŏng-ŭn\n\nGenady Zugamov\n"
				     "  Ivan Petrov  \n", "");
	ck_assert_str_eq(r->err, "");
	ck_assert_int_eq(r->status, 0);
	ck_assert_str_eq(r->out,
		"Kim Jŏng-ŭn\n"
		"  keys      ko:gim:conkun\n"
		"  language  ko\n"
		"  system    MR\n"
		"  match     resolved to identity 1\n"
		"  rank  id  score  evidence    identity     aliases matched\n"
		"     1   1   1.00  exact       Kim Jong-un  "
		"Kim Jŏng-ŭn; Kim Jong-un; 김정은\n"
		"\n"
		"Genady Zugamov\n"
		"  keys      ru:genadi:zugamov\n"
		"  language  ru\n"
		"  system    unknown\n"
		"  match     none; the nearest below\n"
		"  rank  id  score  evidence    identity          aliases matched\n"
		"     1   2   0.70  near        Gennady Zyuganov  Gennady Zyuganov\n"
		"\n"
		"Ivan Petrov\n"
		"  keys      ru:ivan:petrov\n"
		"  language  ru\n"
		"  system    unknown\n"
		"  match     none, nothing near\n"
		"\n");
}
END_TEST

START_TEST(hangul_takes_two_columns_in_tables)
{
	const nkt_result *r = lookup("Yi Seung-man\n", "");
	ck_assert_int_eq(r->status, 0);
	/* 이승만 is 9 bytes, 6 columns: padded to the 8 of "identity". */
	ck_assert_str_eq(r->out,
		"Yi Seung-man\n"
		"  keys      ko:i:sugman\n"
		"  language  ko\n"
		"  system    RR\n"
		"  match     resolved to identity 3\n"
		"  rank  id  score  evidence    identity  aliases matched\n"
		"     1   3   1.00  exact       이승만    Yi Seung-man; 이승만\n"
		"\n");
}
END_TEST

/* The system line of the answer for name. */
static const char *system_of(const char *name)
{
	static char line[PATH_TEXT_MAX];
	char input[PATH_TEXT_MAX];
	snprintf(input, sizeof input, "%s\n", name);
	const nkt_result *r = lookup(input, "");
	const char *s = strstr(r->out, "  system    ");
	ck_assert_msg(s != NULL, "%s: %s", name, r->out);
	s += strlen("  system    ");
	snprintf(line, sizeof line, "%.*s", (int)strcspn(s, "\n"), s);
	return line;
}

START_TEST(systems_come_from_the_trace)
{
	ck_assert_str_eq(system_of("Guennadi Ziouganov"), "French");
	ck_assert_str_eq(system_of("Chruschtschow"), "German, Polish, Czech");
	ck_assert_str_eq(system_of("Nikita Khrushchev"), "BGN/PCGN, ALA-LC");
	ck_assert_str_eq(system_of("Šarova"), "ISO 9, scholarly, Czech");
	ck_assert_str_eq(system_of("Kim Jong-eun"), "RR");
	ck_assert_str_eq(system_of("Зюганов Геннадий"), "none (Cyrillic script)");
	ck_assert_str_eq(system_of("김정은"), "none (Hangul script)");
	/* "ch may be French ш" is a reading, not a cue. */
	ck_assert_str_eq(system_of("Chekhov"), "English");
	ck_assert_str_eq(system_of("Ivan Petrov"), "unknown");
}
END_TEST

START_TEST(json_one_object_per_line)
{
	const nkt_result *r = lookup("김정은\n\nIvan Petrov\n", "--json");
	ck_assert_int_eq(r->status, 0);
	ck_assert_str_eq(r->out,
		"{\"line\":1,\"name\":\"김정은\",\"keys\":[\"ko:gim:conkun\"],"
		"\"lang\":\"ko\",\"script\":\"hangul\",\"systems\":[],"
		"\"match\":\"resolved\",\"candidates\":[{\"rank\":1,\"id\":1,"
		"\"display\":\"Kim Jong-un\",\"score\":1.00,\"evidence\":\"exact\","
		"\"aliases\":[\"김정은\",\"Kim Jong-un\",\"Kim Jŏng-ŭn\"]}],"
		"\"more\":0}\n"
		"{\"line\":3,\"name\":\"Ivan Petrov\",\"keys\":[\"ru:ivan:petrov\"],"
		"\"lang\":\"ru\",\"script\":\"latin\",\"systems\":[],"
		"\"match\":\"none\",\"candidates\":[],\"more\":0}\n");
}
END_TEST

START_TEST(json_ambiguous_lists_every_identity)
{
	add("'Kim Jong-eun'");
	const nkt_result *r = lookup("Kim Jong-un\n", "--json");
	ck_assert_int_eq(r->status, 0);
	ck_assert_ptr_nonnull(strstr(r->out, "\"match\":\"resolved\""));
	r = lookup("Kim Jŏng-ŭn\n", "--json");
	ck_assert_ptr_nonnull(strstr(r->out, "\"systems\":[\"MR\"]"));
	ck_assert_ptr_nonnull(strstr(r->out, "\"match\":\"resolved\""));
	r = lookup("Gim Jeong-eun\n", "--json");
	ck_assert_ptr_nonnull(strstr(r->out, "\"match\":\"ambiguous\""));
	ck_assert_ptr_nonnull(strstr(r->out, "{\"rank\":1,\"id\":1,"));
	ck_assert_ptr_nonnull(strstr(r->out, "{\"rank\":2,\"id\":4,"));
}
END_TEST

START_TEST(many_candidates_are_cut_short)
{
	enum { NAMESAKES = 21 }; /* one more than lookup shows */
	char path[PATH_TEXT_MAX + 16], cmd[ARGS_MAX];
	snprintf(path, sizeof path, "%s/namesakes.tsv", dir);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	for (int i = 1; i <= NAMESAKES; i++)
		fprintf(f, "%d\tKim Su-gil\n", i);
	fclose(f);
	snprintf(cmd, sizeof cmd, "import --db '%s' '%s'", db, path);
	ck_assert_int_eq(nkt_cli(NULL, cmd)->status, 0);
	const nkt_result *r = lookup("Kim Su-gil\n", "");
	ck_assert_ptr_nonnull(strstr(r->out, "  match     ambiguous\n"));
	ck_assert_ptr_nonnull(strstr(r->out, "\n    20  23   1.00  exact "));
	ck_assert_ptr_null(strstr(r->out, "\n    21  "));
	ck_assert_ptr_nonnull(strstr(r->out, "\n  (1 more)\n\n"));
	r = lookup("Kim Su-gil\n", "--json");
	ck_assert_ptr_nonnull(strstr(r->out, "{\"rank\":20,\"id\":23,"));
	ck_assert_ptr_nonnull(strstr(r->out, "],\"more\":1}\n"));
}
END_TEST

START_TEST(commands_edit_and_undo)
{
	const nkt_result *r = lookup(":add Ivan Petrov\n"
				     ":alias 4 Иван Петров\n"
				     "Иван Петров\n"
				     ":merge 1 4\n", "");
	ck_assert_str_eq(r->err, "");
	ck_assert_int_eq(r->status, 0);
	ck_assert_str_eq(r->out,
		"added identity 4: Ivan Petrov\n"
		"identity 4: added alias Иван Петров\n"
		"Иван Петров\n"
		"  keys      ru:ivan:petrov\n"
		"  language  ru\n"
		"  system    none (Cyrillic script)\n"
		"  match     resolved to identity 4\n"
		"  rank  id  score  evidence    identity     aliases matched\n"
		"     1   4   1.00  exact       Ivan Petrov  Иван Петров; Ivan Petrov\n"
		"\n"
		"merged identity 4 into identity 1\n");
	r = lookup(":show 1\n", "");
	ck_assert(strncmp(r->out, "identity 1: Kim Jong-un\n"
				  "  language  auto\n"
				  "  id  alias        keys\n", 65) == 0);
	ck_assert_ptr_nonnull(strstr(r->out, "\n   2  김정은       ko:gim:conkun\n"));
	ck_assert_ptr_nonnull(strstr(r->out, "\n   9  Ivan Petrov  ru:ivan:petrov\n"
					     "  10  Иван Петров  ru:ivan:petrov\n"));
	r = lookup(":undo\n:show 4\n", "");
	ck_assert_str_eq(r->out,
		"undone change 6: merge of identity 1 (other identity 4)\n"
		"identity 4: Ivan Petrov\n"
		"  language  auto\n"
		"  id  alias        keys\n"
		"   9  Ivan Petrov  ru:ivan:petrov\n"
		"  10  Иван Петров  ru:ivan:petrov\n");
	/* Each command was its own change: two more undos leave the store
	 * as setup made it. */
	r = lookup(":undo\n:undo\n", "");
	ck_assert_str_eq(r->out, "undone change 5: alias of identity 4\n"
				 "undone change 4: add of identity 4\n");
	char list[ARGS_MAX];
	snprintf(list, sizeof list, "list --db '%s'", db);
	ck_assert_str_eq(nkt_cli(NULL, list)->out, "1\tKim Jong-un\t3\n"
						   "2\tGennady Zyuganov\t2\n"
						   "3\t이승만\t3\n");
}
END_TEST

START_TEST(commands_in_json)
{
	const nkt_result *r = lookup(":add Ivan Petrov\n:alias 4 Vanya\n"
				     ":merge 2 4\n:undo\n:help\n", "--json");
	ck_assert_int_eq(r->status, 0);
	ck_assert_str_eq(r->out,
		"{\"line\":1,\"command\":\"add\",\"id\":4,\"name\":\"Ivan Petrov\"}\n"
		"{\"line\":2,\"command\":\"alias\",\"id\":4,\"name\":\"Vanya\"}\n"
		"{\"line\":3,\"command\":\"merge\",\"into\":2,\"from\":4}\n"
		"{\"line\":4,\"command\":\"undo\",\"change\":6,\"op\":\"merge\","
		"\"identity\":2,\"other\":4}\n"
		"{\"line\":5,\"command\":\"help\",\"commands\":[\":add NAME\","
		"\":alias ID NAME\",\":merge ID OTHER\",\":show ID\",\":undo\","
		"\":help\",\":quit\"]}\n");
	r = lookup(":show 3\n", "--json");
	ck_assert_str_eq(r->out,
		"{\"line\":1,\"command\":\"show\",\"id\":3,\"display\":\"이승만\","
		"\"lang\":\"auto\",\"note\":null,\"aliases\":["
		"{\"id\":6,\"name\":\"이승만\",\"keys\":[\"ko:i:sugman\"]},"
		"{\"id\":7,\"name\":\"Syngman Rhee\",\"keys\":[\"ru:rhe:singman\"]},"
		"{\"id\":8,\"name\":\"Yi Seung-man\",\"keys\":[\"ko:i:sugman\"]}]}\n");
}
END_TEST

START_TEST(errors_name_their_line)
{
	const nkt_result *r = lookup("Ivan Petrov\n\xff\xfe\n:bogus\n"
				     ":merge 1\n:merge 1 99\n:alias 1\n"
				     "Kim Jong-un\n", "");
	char expected[NKT_OUT_MAX];
	snprintf(expected, sizeof expected,
		 "namekey: line 2: invalid UTF-8 or NUL byte at byte 1; skipped\n"
		 "namekey: line 3: unknown command ':bogus'; :help lists them\n"
		 "namekey: line 4: usage: :merge ID OTHER\n"
		 "namekey: line 5: merge: store %s: no identity 99\n"
		 "namekey: line 6: usage: :alias ID NAME\n", db);
	ck_assert_int_eq(r->status, 1);
	ck_assert_str_eq(r->err, expected);
	/* The lines around the bad ones were answered. */
	ck_assert(strncmp(r->out, "Ivan Petrov\n", 12) == 0);
	ck_assert_ptr_nonnull(strstr(r->out, "\n\nKim Jong-un\n  keys"));
}
END_TEST

START_TEST(quit_ends_the_batch)
{
	const nkt_result *r = lookup("Ivan Petrov\n:quit\nKim Jong-un\n", "");
	ck_assert_int_eq(r->status, 0);
	ck_assert_ptr_nonnull(strstr(r->out, "Ivan Petrov\n"));
	ck_assert_ptr_null(strstr(r->out, "Kim Jong-un"));
}
END_TEST

START_TEST(usage_and_failures)
{
	ck_assert_int_eq(lookup("", "--bogus")->status, 2);
	ck_assert_int_eq(lookup("", "Ivan")->status, 2);
	ck_assert_int_eq(lookup("", "--db")->status, 2);
	const nkt_result *r = lookup("", "--help");
	ck_assert_int_eq(r->status, 0);
	ck_assert(strncmp(r->out, "Usage: namekey lookup", 21) == 0);
	/* A file that is not a store is a failure, not bad input. */
	char path[PATH_TEXT_MAX + 16], cmd[ARGS_MAX];
	snprintf(path, sizeof path, "%s/not-a-store", dir);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("plain text, not SQLite\n", f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "lookup --db '%s'", path);
	ck_assert_int_eq(nkt_cli("Ivan\n", cmd)->status, 3);
}
END_TEST

START_TEST(no_command_without_a_terminal_is_usage)
{
	const nkt_result *r = nkt_cli(NULL, "");
	ck_assert_int_eq(r->status, 2);
	ck_assert(strncmp(r->err, "Usage: namekey COMMAND", 22) == 0);
	ck_assert_ptr_nonnull(strstr(r->err, "  lookup "));
}
END_TEST

/* ---------------------------------------------------------------- */
/* Column widths                                                      */
/* ---------------------------------------------------------------- */

static size_t width(const char *s)
{
	return nk_cli_width(s, strlen(s));
}

START_TEST(width_of_text)
{
	ck_assert_uint_eq(width("Kim"), 3);
	ck_assert_uint_eq(width("김정은"), 6);
	ck_assert_uint_eq(width("Зюганов"), 7);
	ck_assert_uint_eq(width("e\xcc\x81"), 1);         /* e + U+0301 */
	ck_assert_uint_eq(width("\xe1\x84\x80\xe1\x85\xa1"), 2); /* ᄀ + ᅡ */
	ck_assert_uint_eq(width("\xef\xbc\xa1"), 2);      /* fullwidth Ａ */
	ck_assert_uint_eq(width("\xe2\x80\x8d"), 0);      /* ZWJ */
	ck_assert_uint_eq(width("a\xffz"), 3);            /* a bad byte: 1 */
	ck_assert_uint_eq(nk_cli_width("김정은", 3), 2);  /* first syllable */
}
END_TEST

/* ---------------------------------------------------------------- */
/* The prompt, through a pseudo-terminal                              */
/* ---------------------------------------------------------------- */

typedef struct term {
	pid_t pid;
	int fd;
	char raw[NKT_OUT_MAX];
	size_t nraw;
	char screen[NKT_OUT_MAX]; /* raw without escapes and CRs */
	size_t seen;              /* screen bytes an expect has passed */
} term;

static term tm;

/* Run namekey with argv in a terminal, HOME and XDG_STATE_HOME under the
 * test's directory, and $NAMEKEY_DB set when db_env; false when there is
 * no pseudo-terminal to be had. */
static bool term_start(char *const argv[], bool db_env)
{
	struct winsize ws = { .ws_row = TERM_ROWS, .ws_col = TERM_COLUMNS };
	tm.nraw = tm.seen = 0;
	tm.screen[0] = '\0';
	tm.pid = forkpty(&tm.fd, NULL, NULL, &ws);
	if (tm.pid < 0) {
		fprintf(stderr, "test_lookup: no pseudo-terminal (%s); the "
			"prompt is not tested\n", strerror(errno));
		return false;
	}
	if (tm.pid > 0)
		return true;
	setenv("HOME", dir, 1);
	setenv("XDG_STATE_HOME", state, 1);
	setenv("TERM", "xterm", 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	unsetenv("EDITRC");
	if (db_env)
		setenv("NAMEKEY_DB", db, 1);
	const char *bin = getenv("NK_BIN");
	execv(bin ? bin : "namekey", argv);
	_exit(127);
}

/* Index of the escape sequence's last byte; CSI and OSC, else two. */
static size_t escape_end(const char *s, size_t n, size_t i)
{
	if (i + 1 >= n)
		return i;
	size_t k = i + 2;
	if (s[i + 1] == '[') {
		while (k < n && !(s[k] >= 0x40 && s[k] <= 0x7e))
			k++;
		return k;
	}
	if (s[i + 1] == ']') {
		while (k < n && s[k] != '\a')
			k++;
		return k;
	}
	return i + 1;
}

static void term_render(void)
{
	size_t o = 0;
	for (size_t i = 0; i < tm.nraw && o + 1 < sizeof tm.screen; i++) {
		if (tm.raw[i] == '\x1b')
			i = escape_end(tm.raw, tm.nraw, i);
		else if (tm.raw[i] != '\r' && tm.raw[i] != '\a')
			tm.screen[o++] = tm.raw[i];
	}
	tm.screen[o] = '\0';
}

static long elapsed_ms(const struct timespec *since)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - since->tv_sec) * 1000 +
	       (now.tv_nsec - since->tv_nsec) / 1000000;
}

/* Read what the terminal shows for up to ms; false at its end. */
static bool term_read(int ms)
{
	struct pollfd p = { .fd = tm.fd, .events = POLLIN };
	if (poll(&p, 1, ms) <= 0)
		return true;
	const ssize_t n = read(tm.fd, tm.raw + tm.nraw,
			       sizeof tm.raw - 1 - tm.nraw);
	if (n <= 0)
		return false;
	tm.nraw += (size_t)n;
	term_render();
	return true;
}

/* Wait until text shows on the screen after what was expected before. */
static bool term_expect(const char *text)
{
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		const char *at = strstr(tm.screen + tm.seen, text);
		if (at) {
			tm.seen = (size_t)(at - tm.screen) + strlen(text);
			return true;
		}
		if (elapsed_ms(&start) > TERM_TIMEOUT_MS || !term_read(POLL_STEP_MS))
			return false;
	}
}

static void term_type(const char *keys)
{
	const size_t n = strlen(keys);
	ck_assert_int_eq(write(tm.fd, keys, n), (ssize_t)n);
}

#define EXPECT(text)                                                   \
	ck_assert_msg(term_expect(text), "no \"%s\" on the screen:\n%s", \
		      text, tm.screen + tm.seen)

/* libedit may draw the prompt before it takes the terminal out of
 * line mode, and keys typed in line mode are not all seen as typed (a
 * Ctrl-D is lost): wait for both.  The master side of a pseudo-terminal
 * reads the slave's modes. */
static bool term_editing(void)
{
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	struct termios t;
	while (tcgetattr(tm.fd, &t) == 0 && (t.c_lflag & ICANON))
		if (elapsed_ms(&start) > TERM_TIMEOUT_MS || !term_read(POLL_STEP_MS))
			return false;
	return true;
}

#define PROMPT()                                                       \
	do {                                                           \
		EXPECT("namekey> ");                                   \
		ck_assert_msg(term_editing(), "the prompt stays in line " \
			      "mode");                                 \
	} while (0)

/* The exit status once the program ends (killed after the timeout). */
static int term_end(void)
{
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	int st = 0;
	pid_t done;
	while ((done = waitpid(tm.pid, &st, WNOHANG)) == 0 &&
	       elapsed_ms(&start) < TERM_TIMEOUT_MS)
		term_read(POLL_STEP_MS);
	if (done == 0) {
		kill(tm.pid, SIGKILL);
		waitpid(tm.pid, &st, 0);
	}
	close(tm.fd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static const char *history_file(void)
{
	static char text[NKT_OUT_MAX];
	char path[PATH_TEXT_MAX + 32];
	snprintf(path, sizeof path, "%s/namekey/history", state);
	FILE *f = fopen(path, "r");
	if (!f)
		return "(no history file)";
	text[fread(text, 1, sizeof text - 1, f)] = '\0';
	fclose(f);
	return text;
}

START_TEST(prompt_keeps_history)
{
	char *argv[] = { "namekey", "lookup", "--db", db, NULL };
	if (!term_start(argv, false))
		return;
	PROMPT();
	term_type("김정은\r");
	EXPECT("김정은\n  keys      ko:gim:conkun\n");
	EXPECT("  system    none (Hangul script)\n");
	EXPECT("     1   1   1.00  exact       Kim Jong-un  "
	       "김정은; Kim Jong-un; Kim Jŏng-ŭn\n");
	PROMPT();
	term_type(":quit\r");
	ck_assert_int_eq(term_end(), 0);
	/* :quit ends the session, so it is not recalled. */
	ck_assert_str_eq(history_file(), "김정은\n");

	ck_assert(term_start(argv, false));
	PROMPT();
	term_type("\x1b[A");
	EXPECT("김정은");
	term_type("\r");
	EXPECT("\n김정은\n  keys      ko:gim:conkun\n");
	PROMPT();
	term_type("\x04");
	ck_assert_int_eq(term_end(), 0);
	ck_assert_str_eq(history_file(), "김정은\n");
}
END_TEST

START_TEST(prompt_completes_identity_names)
{
	add("'Kim Jong-il'");
	char *argv[] = { "namekey", "lookup", "--db", db, NULL };
	if (!term_start(argv, false))
		return;
	PROMPT();
	term_type("Gen\t\r");
	EXPECT("\nGennady Zyuganov\n  keys      ru:genadi:zuganov\n");
	PROMPT();
	/* Two names go on with "Kim Jo": the common part, then the list. */
	term_type("Kim Jo\t");
	EXPECT("Kim Jong-");
	term_type("\t");
	EXPECT("\nKim Jong-un\nKim Jong-il\n");
	EXPECT("namekey> Kim Jong-");
	term_type("i\t\r");
	EXPECT("\nKim Jong-il\n  keys      ko:gim:conkil\n");
	EXPECT("  match     resolved to identity 4\n");
	term_type(":quit\r");
	ck_assert_int_eq(term_end(), 0);
	ck_assert_str_eq(history_file(), "Gennady Zyuganov\nKim Jong-il\n");
}
END_TEST

START_TEST(no_command_on_a_terminal_looks_up)
{
	char *argv[] = { "namekey", NULL };
	if (!term_start(argv, true))
		return;
	PROMPT();
	term_type(":add Ivan Petrov\r");
	EXPECT("added identity 4: Ivan Petrov\n");
	PROMPT();
	term_type("\x04");
	ck_assert_int_eq(term_end(), 0);
	char cmd[ARGS_MAX];
	snprintf(cmd, sizeof cmd, "show --db '%s' 4", db);
	ck_assert_ptr_nonnull(strstr(nkt_cli(NULL, cmd)->out,
				     "display\tIvan Petrov\n"));
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("lookup");
	TCase *batch = tcase_create("batch");
	tcase_add_checked_fixture(batch, setup, teardown);
	tcase_add_test(batch, batch_text_exactly);
	tcase_add_test(batch, hangul_takes_two_columns_in_tables);
	tcase_add_test(batch, systems_come_from_the_trace);
	tcase_add_test(batch, json_one_object_per_line);
	tcase_add_test(batch, json_ambiguous_lists_every_identity);
	tcase_add_test(batch, many_candidates_are_cut_short);
	tcase_add_test(batch, commands_edit_and_undo);
	tcase_add_test(batch, commands_in_json);
	tcase_add_test(batch, errors_name_their_line);
	tcase_add_test(batch, quit_ends_the_batch);
	tcase_add_test(batch, usage_and_failures);
	tcase_add_test(batch, no_command_without_a_terminal_is_usage);
	suite_add_tcase(s, batch);

	TCase *text = tcase_create("width");
	tcase_add_test(text, width_of_text);
	suite_add_tcase(s, text);

	TCase *prompt = tcase_create("prompt");
	tcase_add_checked_fixture(prompt, setup, teardown);
	tcase_add_test(prompt, prompt_keeps_history);
	tcase_add_test(prompt, prompt_completes_identity_names);
	tcase_add_test(prompt, no_command_on_a_terminal_looks_up);
	suite_add_tcase(s, prompt);
	return s;
}

int main(void)
{
	return nkt_run(suite());
}
