/*
 * fold.h - the Unicode fold stage: bytes in, folded slots out.
 */
#ifndef NK_FOLD_H
#define NK_FOLD_H

#include "ctx.h"

/*
 * Validate and fold name into nm->text/marks/kind: NFKC (ICU), full case
 * folding, diacritics moved into mark bits, look-alike punctuation
 * unified.  On NK_EUTF8 *bad_offset is the offset of the bad byte.
 */
NK_HIDDEN int nk_fold_name(nk_name *nm, size_t *bad_offset,
			   const nk_ctx *ctx, const char *name, size_t len);

#endif /* NK_FOLD_H */
