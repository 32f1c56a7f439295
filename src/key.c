/*
 * key.c - nk_key(): runs a name through the stages in order.
 *
 *   UTF-8 check + Unicode fold (fold.c) -> tokens (token.c), in one
 *   pass unless traced
 *   -> language decision (lang.c) -> language rules (ru.c, ko.c,
 *   generic.c) -> keys
 */
#include <string.h>

#include "fold.h"
#include "lang.h"
#include "token.h"

/* The diacritics the fold took off, as the language rules will see them. */
static void trace_fold(const nk_tracer *tr, const nk_name *nm)
{
	static const struct {
		uint8_t bit;
		const char *name;
	} marks[] = {
		{ NK_MARK_GRAVE, "grave" },     { NK_MARK_ACUTE, "acute" },
		{ NK_MARK_CIRCUMFLEX, "circumflex" }, { NK_MARK_BREVE, "breve" },
		{ NK_MARK_DIAERESIS, "diaeresis" }, { NK_MARK_CARON, "caron" },
		{ NK_MARK_OTHER, "other mark" },
	};
	for (size_t i = 0; i < nm->ntext; i++)
		for (size_t k = 0; k < NK_ARRAY_LEN(marks); k++)
			if (nm->marks[i] & marks[k].bit && nk_is_alpha(nm->text[i]))
				nk_trace(tr, "fold", "%c keeps its %s as a mark",
					 (char)nm->text[i], marks[k].name);
}

static void trace_tokens(const nk_tracer *tr, const nk_name *nm)
{
	static const char *const script_names[] = {
		"none", "latin", "cyrillic", "hangul", "other"
	};
	for (size_t i = 0; i < nm->ntok; i++) {
		const nk_token *t = &nm->tok[i];
		char w[NK_NAME_MAX];
		nk_token_utf8(w, sizeof w, nm, t);
		nk_trace(tr, "tokens", "%zu: \"%s\" %s%s%s%s", i + 1, w,
			 script_names[t->script],
			 t->flags & NK_TOK_INITIAL ? " initial" : "",
			 t->flags & NK_TOK_HYPHENED ? " hyphened" : "",
			 t->flags & NK_TOK_UPPER ? " capitals" : "");
	}
}

/*
 * Fold and split as two passes, so that the trace shows the folded slots,
 * those of dropped parts too.
 */
static int fold_split_traced(nk_name *nm, nk_key_info *info,
			     const nk_ctx *ctx, const char *name, size_t len,
			     const nk_tracer *tr)
{
	nm->ctx = ctx;
	int rc = nk_fold_name(nm, &info->error_offset, ctx, name, len);
	if (rc != NK_OK)
		return rc;
	trace_fold(tr, nm);
	rc = nk_token_split(nm, tr);
	if (rc != NK_OK)
		return rc;
	trace_tokens(tr, nm);
	return NK_OK;
}

/* The keys of nm by the rules of lang into out. */
static int run_rules(nk_out *out, const nk_name *nm, nk_lang lang,
		     const nk_ko_scan *ko, unsigned flags, const nk_tracer *tr)
{
	switch (lang) {
	case NK_LANG_RU:
		return nk_ru_key(out, nm, flags, tr);
	case NK_LANG_KO:
		return nk_ko_key(out, nm, ko, flags, tr);
	default:
		return nk_generic_key(out, nm, tr);
	}
}

/* Keys in the len bytes of s: one more than the spaces between them. */
static unsigned count_keys(const char *s, size_t len)
{
	unsigned n = len > 0;
	const char *end = s + len;
	/* memchr: keys are long, spaces few */
	for (const char *p = memchr(s, ' ', len); p;
	     p = memchr(p + 1, ' ', (size_t)(end - p - 1)))
		n++;
	return n;
}

static bool options_ok(const nk_key_options *o)
{
	return o->version == NK_KEY_OPTIONS_VERSION &&
	       o->lang >= NK_LANG_AUTO && o->lang <= NK_LANG_KO &&
	       (o->flags & ~(unsigned)NK_KEY_FOLD_GENDER) == 0;
}

int nk_key(nk_key_info *info, char *buf, size_t bufsize, const nk_ctx *ctx,
	   const char *name, size_t len, const nk_key_options *opts)
{
	static const nk_key_options defaults = NK_KEY_OPTIONS_INIT;
	nk_key_info scratch;
	nk_name nm;

	if (!info)
		info = &scratch;
	*info = (nk_key_info){ .lang = NK_LANG_AUTO };
	if (!opts)
		opts = &defaults;
	if (!buf || bufsize == 0 || !ctx || (!name && len) || !options_ok(opts))
		return NK_EINVAL;
	buf[0] = '\0';

	const nk_tracer tr = { opts->trace, opts->trace_data };
	int rc = tr.fn ? fold_split_traced(&nm, info, ctx, name, len, &tr)
		       : nk_token_read(&nm, &info->error_offset, ctx, name,
				       len, &tr);
	if (rc != NK_OK)
		return rc;

	nk_ko_scan ko;
	info->lang = nk_lang_decide(&nm, opts->lang, &ko, &tr);
	nk_out out = { .buf = buf, .cap = bufsize };
	rc = run_rules(&out, &nm, info->lang, &ko, opts->flags, &tr);
	if (rc != NK_OK)
		return rc;
	/* NK_KEY_MAX is promised to suffice: a key longer than that is a
	 * name of too many parts, not a caller's small buffer. */
	if (out.overflow)
		return bufsize >= NK_KEY_MAX ? NK_ETOOLONG : NK_ERANGE;
	if (out.len == 0)
		return NK_EEMPTY;
	info->len = out.len;
	info->nkeys = count_keys(buf, out.len);
	nk_trace(&tr, "key", "%s", buf);
	return NK_OK;
}
