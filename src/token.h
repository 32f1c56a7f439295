/*
 * token.h - the token stage: folded slots in, name parts out.
 */
#ifndef NK_TOKEN_H
#define NK_TOKEN_H

#include "nk_internal.h"

/*
 * Split the folded slots of nm into tokens in place: letters kept,
 * inner hyphens and apostrophes kept as '-' and '\'', parenthesized
 * parts, honorifics and noise dropped.  NK_OK, NK_ETOOLONG (too many
 * tokens) or NK_EEMPTY (nothing left).
 */
NK_HIDDEN int nk_token_split(nk_name *nm, const nk_tracer *tr);

/* Script of a folded letter. */
NK_HIDDEN uint8_t nk_token_script_of(uint32_t cp);

/* Does token t spell the ASCII (or UTF-8) word w exactly? */
NK_HIDDEN bool nk_token_is(const nk_name *nm, const nk_token *t,
			   const char *w);

/* Write token t as UTF-8 into out (NUL-terminated, truncated to cap). */
NK_HIDDEN void nk_token_utf8(char *out, size_t cap, const nk_name *nm,
			     const nk_token *t);

/* Order of two tokens by their folded text (memcmp-like). */
NK_HIDDEN int nk_token_cmp(const nk_name *nm, const nk_token *a,
			   const nk_token *b);

#endif /* NK_TOKEN_H */
