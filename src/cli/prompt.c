/*
 * prompt.c - the interactive side of `namekey lookup`: a libedit prompt
 * (emacs bindings, the user's ~/.editrc), a history file that outlives
 * the session, and Tab completion of identity names from the store.
 * What a line means is the caller's business (cmd_lookup.c).
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <histedit.h>

#include "prompt.h"

#define PROMPT "namekey> "
#define PATH_TEXT_MAX 4096
#define HISTORY_MAX 1000
/* Lines are appended as they are typed, so that concurrent sessions and
 * a killed one lose nothing; the file is cut back to its last
 * HISTORY_MAX lines once it has grown to this many. */
#define HISTORY_TRIM_AT (2 * HISTORY_MAX)
#define HISTORY_DIR_MODE 0700
#define COMPLETIONS_LISTED 50

static const char state_suffix[] = "/namekey/history";
static const char home_suffix[] = "/.local/state/namekey/history";

typedef struct prompt {
	EditLine *el;
	History *hist;
	nk_store *st;
	FILE *out;                 /* the terminal side of the prompt */
	char path[PATH_TEXT_MAX];  /* the history file; "" for none */
} prompt;

/* ---------------------------------------------------------------- */
/* History file                                                       */
/* ---------------------------------------------------------------- */

/* XDG Base Directory: a relative $XDG_STATE_HOME is to be ignored. */
static void history_path(prompt *p)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	int n = -1;
	if (state && state[0] == '/')
		n = snprintf(p->path, sizeof p->path, "%s%s", state,
			     state_suffix);
	else if (home && home[0])
		n = snprintf(p->path, sizeof p->path, "%s%s", home,
			     home_suffix);
	if (n < 0 || (size_t)n >= sizeof p->path)
		p->path[0] = '\0';
}

/* mkdir -p of the directories above path; private, as the history is. */
static bool make_parents(const char *path)
{
	char dir[PATH_TEXT_MAX];
	snprintf(dir, sizeof dir, "%s", path);
	for (char *s = dir + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(dir, HISTORY_DIR_MODE) != 0 && errno != EEXIST)
			return false;
		*s = '/';
	}
	return true;
}

/* Say once that the history cannot be kept, then go on without it. */
static void history_lost(prompt *p)
{
	nk_cli_error("history %s: %s; not saved", p->path, strerror(errno));
	p->path[0] = '\0';
}

/* Write what libedit holds (the last HISTORY_MAX lines), oldest first,
 * in place of the file. */
static void history_rewrite(prompt *p)
{
	char tmp[PATH_TEXT_MAX + sizeof ".tmp"];
	snprintf(tmp, sizeof tmp, "%s.tmp", p->path);
	FILE *f = fopen(tmp, "w");
	if (!f) {
		history_lost(p);
		return;
	}
	HistEvent ev;
	for (int r = history(p->hist, &ev, H_LAST); r == 0;
	     r = history(p->hist, &ev, H_PREV))
		fprintf(f, "%s\n", ev.str);
	if (fclose(f) != 0 || rename(tmp, p->path) != 0) {
		history_lost(p);
		remove(tmp);
	}
}

static void history_load(prompt *p)
{
	FILE *f = fopen(p->path, "r");
	if (!f)
		return;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	unsigned long lines = 0;
	HistEvent ev;
	while ((n = getline(&line, &cap, f)) > 0) {
		if (line[n - 1] == '\n')
			line[n - 1] = '\0';
		history(p->hist, &ev, H_ENTER, line);
		lines++;
	}
	free(line);
	fclose(f);
	if (lines >= HISTORY_TRIM_AT)
		history_rewrite(p);
}

static bool is_blank(const char *s)
{
	return s[strspn(s, " \t")] == '\0';
}

static void history_add(prompt *p, const char *line)
{
	HistEvent ev;
	if (is_blank(line) || (history(p->hist, &ev, H_FIRST) == 0 &&
			       strcmp(ev.str, line) == 0))
		return;
	history(p->hist, &ev, H_ENTER, line);
	if (!p->path[0])
		return;
	FILE *f = make_parents(p->path) ? fopen(p->path, "a") : NULL;
	if (!f || fprintf(f, "%s\n", line) < 0 || fclose(f) != 0)
		history_lost(p);
}

/* ---------------------------------------------------------------- */
/* Completion                                                         */
/* ---------------------------------------------------------------- */

typedef struct completion {
	const char *prefix;
	size_t n;
	size_t count;     /* identities whose name starts with prefix */
	char *first;      /* the first of them */
	size_t common;    /* bytes all of them share */
	FILE *list;       /* when not NULL: print each of them there */
} completion;

static size_t common_prefix(const char *a, const char *b)
{
	size_t i = 0;
	while (a[i] && a[i] == b[i])
		i++;
	return i;
}

static int complete_one(void *data, const nk_identity *identity)
{
	completion *c = data;
	const char *name = identity->display;
	if (strncmp(name, c->prefix, c->n) != 0)
		return 0;
	if (c->list && c->count < COMPLETIONS_LISTED)
		fprintf(c->list, "%s\n", name);
	if (c->count++ == 0) {
		c->first = strdup(name);
		c->common = strlen(name);
		return c->first ? 0 : NK_ENOMEM;
	}
	const size_t k = common_prefix(c->first, name);
	if (k < c->common)
		c->common = k;
	return 0;
}

/* Where the name being typed starts: the whole line, or the NAME of
 * ":add NAME" and ":alias ID NAME"; NULL in other commands. */
static const char *name_start(const char *line)
{
	static const char add[] = ":add ", alias[] = ":alias ";
	if (line[0] != ':')
		return line;
	if (strncmp(line, add, sizeof add - 1) == 0)
		return line + sizeof add - 1 + strspn(line + sizeof add - 1, " ");
	if (strncmp(line, alias, sizeof alias - 1) != 0)
		return NULL;
	const char *s = line + sizeof alias - 1;
	s += strspn(s, " ");
	s += strspn(s, "0123456789");
	return *s == ' ' ? s + strspn(s, " ") : NULL;
}

/* Insert what every match shares beyond the prefix, cut back to a
 * whole UTF-8 character. */
static unsigned char extend(EditLine *el, const completion *c)
{
	size_t end = c->common;
	while (end > c->n && ((unsigned char)c->first[end] & 0xC0) == 0x80)
		end--;
	if (end == c->n)
		return CC_ERROR;
	char *more = strndup(c->first + c->n, end - c->n);
	const int rc = more ? el_insertstr(el, more) : -1;
	free(more);
	return rc == 0 ? CC_REFRESH : CC_ERROR;
}

static unsigned char list_matches(prompt *p, completion *c)
{
	fputc('\n', p->out);
	free(c->first);
	*c = (completion){ .prefix = c->prefix, .n = c->n, .list = p->out };
	nk_store_list(p->st, complete_one, c);
	if (c->count > COMPLETIONS_LISTED)
		fprintf(p->out, "(%zu more)\n", c->count - COMPLETIONS_LISTED);
	return CC_REDISPLAY;
}

static unsigned char complete(EditLine *el, int ch)
{
	prompt *p;
	el_get(el, EL_CLIENTDATA, &p);
	const LineInfo *li = el_line(el);
	char *typed = strndup(li->buffer, (size_t)(li->cursor - li->buffer));
	const char *start = typed ? name_start(typed) : NULL;
	completion c = { .prefix = start, .n = start ? strlen(start) : 0 };
	unsigned char result = CC_ERROR;
	if (start && nk_store_list(p->st, complete_one, &c) == NK_OK &&
	    c.count > 0) {
		result = extend(el, &c);
		if (result == CC_ERROR && c.count > 1)
			result = list_matches(p, &c);
	}
	free(c.first);
	free(typed);
	return result;
}

/* ---------------------------------------------------------------- */
/* The prompt                                                         */
/* ---------------------------------------------------------------- */

static char *prompt_text(EditLine *el)
{
	static char text[] = PROMPT;
	return text;
}

/* libedit reads and shows multibyte text by the locale; names are UTF-8
 * whatever the locale says. */
static void use_utf8(void)
{
	setlocale(LC_CTYPE, "");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
}

static bool prompt_open(prompt *p)
{
	HistEvent ev;
	p->hist = history_init();
	p->el = el_init(NK_PROG, stdin, p->out, stderr);
	if (!p->hist || !p->el)
		return false;
	history(p->hist, &ev, H_SETSIZE, HISTORY_MAX);
	el_set(p->el, EL_CLIENTDATA, p);
	el_set(p->el, EL_PROMPT, prompt_text);
	el_set(p->el, EL_EDITOR, "emacs");
	el_set(p->el, EL_SIGNAL, 1);
	el_set(p->el, EL_HIST, history, p->hist);
	/* The wide el_wset keeps these pointers; the narrow el_set would copy
	 * them and never free the copies. */
	el_wset(p->el, EL_ADDFN, L"nk-complete", L"complete an identity name",
		complete);
	el_set(p->el, EL_BIND, "^I", "nk-complete", NULL);
	el_source(p->el, NULL);
	return true;
}

static void prompt_close(prompt *p)
{
	if (p->el)
		el_end(p->el);
	if (p->hist)
		history_end(p->hist);
}

/* One line from el_gets: fn on it, then into the history if the
 * session goes on.  False to stop. */
static bool take_line(prompt *p, const char *line, int count,
		      nk_line_fn fn, void *data, unsigned long lineno)
{
	size_t len = (size_t)count;
	if (len > 0 && line[len - 1] == '\n')
		len--;
	char *copy = strndup(line, len);
	if (!copy) {
		nk_cli_error("out of memory");
		return false;
	}
	const bool go = fn(data, copy, len, lineno);
	if (go)
		history_add(p, copy);
	free(copy);
	return go;
}

int nk_prompt_run(nk_store *st, nk_line_fn fn, void *data)
{
	prompt p = { .st = st,
		     .out = isatty(STDOUT_FILENO) ? stdout : stderr };
	use_utf8();
	if (!prompt_open(&p)) {
		nk_cli_error("cannot start line editing");
		prompt_close(&p);
		return NK_EXIT_FAILURE;
	}
	history_path(&p);
	if (p.path[0])
		history_load(&p);
	const char *line;
	int count;
	unsigned long lineno = 0;
	while ((line = el_gets(p.el, &count)) != NULL && count > 0)
		if (!take_line(&p, line, count, fn, data, ++lineno))
			break;
	if (!line)
		fputc('\n', p.out); /* after Ctrl-D the shell's prompt starts a line */
	prompt_close(&p);
	return NK_EXIT_OK;
}
