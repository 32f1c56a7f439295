/*
 * generic.c - the key of a name no language rules claim: its letters as
 * folded, parts sorted so that word order does not matter.  Letters
 * outside ASCII are written as uXXXX so the key stays printable ASCII.
 */
#include <stdio.h>

#include "lang.h"
#include "token.h"

int nk_generic_key(nk_out *out, const nk_name *nm, const nk_tracer *tr)
{
	size_t order[NK_TOKENS_MAX];

	for (size_t i = 0; i < nm->ntok; i++) {
		size_t j = i;
		for (; j > 0 && nk_token_cmp(nm, &nm->tok[order[j - 1]],
					     &nm->tok[i]) > 0; j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
	nk_out_str(out, "xx");
	for (size_t i = 0; i < nm->ntok; i++) {
		const nk_token *t = &nm->tok[order[i]];
		nk_out_char(out, ':');
		for (size_t k = 0; k < t->len; k++) {
			const uint32_t cp = nm->text[t->start + k];
			char hex[16];
			if (nk_is_alpha(cp)) {
				nk_out_char(out, (char)cp);
				continue;
			}
			if (cp == NK_CH_APOSTROPHE || cp == NK_CH_HYPHEN)
				continue;
			snprintf(hex, sizeof hex, "u%04x", (unsigned)cp);
			nk_out_str(out, hex);
		}
	}
	nk_trace(tr, "key", "generic key: parts sorted, letters as folded");
	return NK_OK;
}
