/*
 * spelling.c - what the trace of nk_key() tells about how a name was
 * written: the scripts of its parts, and the romanization systems that
 * the rules it needed, or its diacritics, belong to.  Only what a rule
 * note or a mark names is claimed; anything else stays unknown.
 */
#include <string.h>

#include "spelling.h"

/* Scripts of the name's tokens, as the trace names them. */
enum script {
	SCRIPT_LATIN = 1u << 0,
	SCRIPT_CYRILLIC = 1u << 1,
	SCRIPT_HANGUL = 1u << 2,
	SCRIPT_OTHER = 1u << 3
};

static bool is_ascii_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

/* Systems as the rule notes name them; a name that begins another comes
 * after it, so that the longest is taken. */
static const char *const system_names[] = {
	"GOST 7.79 B", "GOST R 52535", "GOST 16876", "GOST", "ISO 9",
	"BGN/PCGN", "ALA-LC", "ICAO", "MVD", "UNGEGN", "scholarly",
	"Telegram", "English", "French", "German", "Polish", "Czech",
	"BS 2979", "MR", "RR", "DPRK", "Yale",
};

/* Diacritics that only some systems write. */
static const struct mark_cue {
	nk_lang lang;
	char letter;       /* 0: on any letter */
	const char *mark;  /* as the fold trace names it */
	const char *system;
} mark_cues[] = {
	{ NK_LANG_KO, 0, "breve", "MR" },          /* ŏ ŭ */
	{ NK_LANG_RU, 0, "circumflex", "ISO 9" },  /* â û ŝ */
	{ NK_LANG_RU, 0, "caron", "ISO 9" },       /* č š ž */
	{ NK_LANG_RU, 0, "caron", "scholarly" },
	{ NK_LANG_RU, 0, "caron", "Czech" },
	{ NK_LANG_RU, 'e', "diaeresis", "ISO 9" }, /* ë = ё */
	{ NK_LANG_RU, 'e', "diaeresis", "BGN/PCGN" },
	{ NK_LANG_RU, 'e', "diaeresis", "ALA-LC" },
	{ NK_LANG_RU, 'o', "diaeresis", "German" }, /* ö = ё */
	{ NK_LANG_RU, 'u', "diaeresis", "German" }, /* ü = ю */
	{ NK_LANG_RU, 'i', "breve", "ALA-LC" },    /* ĭ = й */
};

static void add_system(nk_spelling *sp, const char *system)
{
	for (size_t i = 0; i < sp->nsystems; i++)
		if (strcmp(sp->systems[i], system) == 0)
			return;
	if (sp->nsystems < NK_SPELLING_SYSTEMS_MAX)
		sp->systems[sp->nsystems++] = system;
}

/* A rule note names its systems before its " = " ("Polish cz = ч");
 * other lines ("ch may be French ш", "French spelling: ch read as ш")
 * say how the name was read, not what its letters are.  Length of the
 * cue, or 0. */
static size_t cue_length(const char *detail)
{
	const char *end = strstr(detail, " = ");
	if (!end)
		return 0;
	const char *paren = strchr(detail, '(');
	return paren && paren < end ? 0 : (size_t)(end - detail);
}

/* The system name at detail[i..n) as a whole word, or NULL. */
static const char *system_at(const char *detail, size_t i, size_t n)
{
	if (i > 0 && is_ascii_alnum(detail[i - 1]))
		return NULL;
	for (size_t k = 0; k < sizeof system_names / sizeof *system_names; k++) {
		const size_t len = strlen(system_names[k]);
		if (i + len <= n && memcmp(detail + i, system_names[k], len) == 0 &&
		    (i + len == n || !is_ascii_alnum(detail[i + len])))
			return system_names[k];
	}
	return NULL;
}

static void note_rule(nk_spelling *sp, const char *detail)
{
	const size_t n = cue_length(detail);
	for (size_t i = 0; i < n; i++) {
		const char *system = system_at(detail, i, n);
		if (!system)
			continue;
		add_system(sp, system);
		i += strlen(system) - 1;
	}
}

/* "o keeps its breve as a mark" */
static void note_mark(nk_spelling *sp, const char *detail)
{
	static const char keeps[] = " keeps its ";
	if (!detail[0] || strncmp(detail + 1, keeps, sizeof keeps - 1) != 0 ||
	    sp->nmarks == NK_SPELLING_MARKS_MAX)
		return;
	const char *mark = detail + sizeof keeps;
	sp->marks[sp->nmarks].letter = detail[0];
	snprintf(sp->marks[sp->nmarks].mark, NK_SPELLING_MARK_NAME_MAX, "%.*s",
		 (int)strcspn(mark, " "), mark);
	sp->nmarks++;
}

/* Does s[0..n) hold the two letters of pair side by side? */
static bool has_pair(const char *s, size_t n, const char *pair)
{
	for (size_t i = 0; i + 1 < n; i++)
		if (s[i] == pair[0] && s[i + 1] == pair[1])
			return true;
	return false;
}

/* `1: "jong-un" latin hyphened` */
static void note_token(nk_spelling *sp, const char *detail)
{
	static const struct {
		const char *name;
		unsigned bit;
	} scripts[] = { { "latin", SCRIPT_LATIN }, { "cyrillic", SCRIPT_CYRILLIC },
			{ "hangul", SCRIPT_HANGUL }, { "other", SCRIPT_OTHER } };
	const char *open = strchr(detail, '"');
	const char *close = strrchr(detail, '"');
	if (!open || close == open)
		return;
	const char *script = close + 1 + strspn(close + 1, " ");
	const size_t n = strcspn(script, " ");
	unsigned bit = 0;
	for (size_t i = 0; i < sizeof scripts / sizeof *scripts; i++)
		if (strlen(scripts[i].name) == n &&
		    memcmp(script, scripts[i].name, n) == 0)
			bit = scripts[i].bit;
	sp->scripts |= bit;
	const size_t len = (size_t)(close - open - 1);
	if (bit == SCRIPT_LATIN &&
	    (has_pair(open + 1, len, "eo") || has_pair(open + 1, len, "eu")))
		sp->rr_vowels = true;
}

void nk_spelling_trace(void *data, const char *stage, const char *detail)
{
	nk_spelling *sp = data;
	if (strcmp(stage, "fold") == 0)
		note_mark(sp, detail);
	else if (strcmp(stage, "tokens") == 0)
		note_token(sp, detail);
	else if (strcmp(stage, "ru") == 0 || strcmp(stage, "ko") == 0)
		note_rule(sp, detail);
}

void nk_spelling_finish(nk_spelling *sp, nk_lang lang)
{
	for (size_t i = 0; i < sp->nmarks; i++)
		for (size_t k = 0; k < sizeof mark_cues / sizeof *mark_cues; k++) {
			const struct mark_cue *c = &mark_cues[k];
			if (c->lang == lang && strcmp(c->mark, sp->marks[i].mark) == 0 &&
			    (!c->letter || c->letter == sp->marks[i].letter))
				add_system(sp, c->system);
		}
	if (lang == NK_LANG_KO && sp->rr_vowels)
		add_system(sp, "RR");
}

const char *nk_spelling_script(const nk_spelling *sp)
{
	switch (sp->scripts) {
	case 0:
		return "none";
	case SCRIPT_LATIN:
		return "latin";
	case SCRIPT_CYRILLIC:
		return "cyrillic";
	case SCRIPT_HANGUL:
		return "hangul";
	case SCRIPT_OTHER:
		return "other";
	default:
		return "mixed";
	}
}

void nk_spelling_describe(const nk_spelling *sp, FILE *f)
{
	for (size_t i = 0; i < sp->nsystems; i++)
		fprintf(f, "%s%s", i ? ", " : "", sp->systems[i]);
	if (sp->nsystems)
		return;
	if (sp->scripts == SCRIPT_CYRILLIC)
		fputs("none (Cyrillic script)", f);
	else if (sp->scripts == SCRIPT_HANGUL)
		fputs("none (Hangul script)", f);
	else
		fputs("unknown", f);
}
