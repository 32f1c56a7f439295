/*
 * ctx.c - creation and reference counting of nk_ctx.
 */
#include <stdlib.h>

#include "ctx.h"

int nk_ctx_new(nk_ctx **out, const nk_ctx_options *opts)
{
	if (!out)
		return NK_EINVAL;
	if (opts && (opts->version != NK_CTX_OPTIONS_VERSION || opts->flags))
		return NK_EINVAL;
	nk_ctx *ctx = calloc(1, sizeof *ctx);
	if (!ctx)
		return NK_ENOMEM;
	atomic_init(&ctx->refs, 1);
	nk_token_init(&ctx->noise);
	int rc = nk_fold_init(ctx);
	if (rc == NK_OK)
		rc = nk_ru_index_init(&ctx->ru);
	if (rc == NK_OK)
		rc = nk_given_init(&ctx->given, ctx);
	if (rc != NK_OK) {
		free(ctx);
		return rc;
	}
	*out = ctx;
	return NK_OK;
}

nk_ctx *nk_ctx_ref(nk_ctx *ctx)
{
	if (ctx)
		atomic_fetch_add_explicit(&ctx->refs, 1, memory_order_relaxed);
	return ctx;
}

void nk_ctx_unref(nk_ctx *ctx)
{
	if (!ctx)
		return;
	if (atomic_fetch_sub_explicit(&ctx->refs, 1, memory_order_acq_rel) != 1)
		return;
	nk_given_free(&ctx->given);
	free(ctx);
}
