/*
 * util.c - line input, JSON output and messages for the CLI.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void nk_cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs(NK_PROG ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int nk_cli_exit_of(int rc)
{
	switch (rc) {
	case NK_EINVAL:
	case NK_ENOTFOUND:
	case NK_EUTF8:
	case NK_ETOOLONG:
	case NK_EEMPTY:
	case NK_EFORMAT:
		return NK_EXIT_INPUT;
	default:
		return NK_EXIT_FAILURE;
	}
}

const char *nk_cli_too_long(char *buf, size_t size, size_t len)
{
	if (len > NK_NAME_MAX)
		snprintf(buf, size, "name too long (%zu bytes, at most %d)",
			 len, NK_NAME_MAX);
	else
		snprintf(buf, size, "name has too many parts or letters to key");
	return buf;
}

int nk_cli_open_store(nk_store **out, nk_ctx *ctx, const char *path,
		      bool create, bool warn_stale)
{
	nk_store_options o = NK_STORE_OPTIONS_INIT;
	o.flags = create ? NK_STORE_CREATE : 0;
	const int rc = nk_store_open(out, ctx, path, &o);
	if (rc != NK_OK) {
		nk_cli_error("%s", *out ? nk_store_errmsg(*out) : nk_strerror(rc));
		nk_store_close(*out);
		*out = NULL;
		return rc == NK_ENOTFOUND ? NK_EXIT_INPUT : NK_EXIT_FAILURE;
	}
	if (warn_stale && (nk_store_status(*out) & NK_STORE_STALE_KEYS))
		nk_cli_error("warning: store %s: keys were made with key format "
			     "%d, this namekey makes format %d; run 'namekey "
			     "reindex'", nk_store_path(*out),
			     nk_store_key_format(*out), NK_KEY_FORMAT);
	return NK_EXIT_OK;
}

bool nk_cli_parse_lang(const char *s, nk_lang *out)
{
	static const nk_lang langs[] = { NK_LANG_AUTO, NK_LANG_OTHER,
					 NK_LANG_RU, NK_LANG_KO };
	for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++)
		if (strcmp(s, nk_lang_name(langs[i])) == 0) {
			*out = langs[i];
			return true;
		}
	return false;
}

bool nk_cli_is_help(const char *arg)
{
	return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

void nk_cli_json_string(FILE *f, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	fputc('"', f);
	for (size_t i = 0; i < n; i++) {
		const unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			fputc('\\', f);
			fputc(c, f);
		} else if (c == '\n') {
			fputs("\\n", f);
		} else if (c == '\t') {
			fputs("\\t", f);
		} else if (c < 0x20) {
			fprintf(f, "\\u00%c%c", hex[c >> 4], hex[c & 0xF]);
		} else {
			fputc(c, f);
		}
	}
	fputc('"', f);
}

void nk_cli_json_cstr(FILE *f, const char *s)
{
	if (s)
		nk_cli_json_string(f, s, strlen(s));
	else
		fputs("null", f);
}

void nk_cli_json_words(FILE *f, const char *words)
{
	putc('[', f);
	for (const char *w = words; *w;) {
		const size_t n = strcspn(w, " ");
		nk_cli_json_string(f, w, n);
		w += n + (w[n] == ' ');
		if (*w)
			putc(',', f);
	}
	putc(']', f);
}

bool nk_cli_each_line(FILE *f, nk_line_fn fn, void *data)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	unsigned long lineno = 0;
	bool go = true;

	while (go && (n = getline(&line, &cap, f)) >= 0) {
		size_t len = (size_t)n;
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			len--;
		if (len > 0 && line[len - 1] == '\r')
			len--;
		go = fn(data, line, len, lineno);
	}
	const bool ok = !ferror(f);
	free(line);
	return ok;
}
