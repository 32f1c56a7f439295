/*
 * lang.c - the language decision.
 *
 * Script decides first: Hangul is Korean, Cyrillic is Russian.  A Latin
 * name is Korean when the Korean rules can read it (a known surname and
 * every part made of Korean syllables), otherwise it goes to the Russian
 * rules, which fold any Latin spelling; names of other scripts get the
 * generic key.
 */
#include "lang.h"

static void count_scripts(const nk_name *nm, unsigned counts[])
{
	for (size_t i = 0; i < nm->ntok; i++)
		counts[nm->tok[i].script]++;
}

nk_lang nk_lang_decide(const nk_name *nm, nk_lang hint, nk_ko_scan *ko,
		       const nk_tracer *tr)
{
	ko->have_first = false;
	ko->have_last = false;
	ko->have_parts = false;
	if (hint != NK_LANG_AUTO) {
		nk_trace(tr, "lang", "%s (given as a hint)", nk_lang_name(hint));
		return hint;
	}
	unsigned counts[NK_SCRIPT_OTHER + 1] = { 0 };
	count_scripts(nm, counts);

	nk_lang lang = NK_LANG_RU;
	const char *why = "Latin letters, not read as Korean";
	if (counts[NK_SCRIPT_HANGUL] > 0 &&
	    counts[NK_SCRIPT_HANGUL] >= counts[NK_SCRIPT_CYRILLIC]) {
		lang = NK_LANG_KO;
		why = "Hangul script";
	} else if (counts[NK_SCRIPT_CYRILLIC] > 0) {
		why = "Cyrillic script";
	} else if (counts[NK_SCRIPT_LATIN] == 0) {
		lang = NK_LANG_OTHER;
		why = "neither Latin, Cyrillic nor Hangul";
	} else if (nk_ko_detect(ko, nm)) {
		lang = NK_LANG_KO;
		why = "Korean surname and syllables";
	}
	nk_trace(tr, "lang", "%s (%s)", nk_lang_name(lang), why);
	return lang;
}
