/*
 * error.c - messages for error codes, version and language names.
 */
#include "nk_internal.h"

const char *nk_strerror(int code)
{
	switch (code) {
	case NK_OK: return "success";
	case NK_EINVAL: return "invalid argument";
	case NK_EUTF8: return "invalid UTF-8 or NUL byte";
	case NK_ETOOLONG: return "name too long";
	case NK_ERANGE: return "output buffer too small";
	case NK_ENOMEM: return "out of memory";
	case NK_EICU: return "Unicode normalization failed";
	case NK_EEMPTY: return "no name left to key";
	case NK_EDB: return "store error";
	case NK_EBUSY: return "store is busy";
	case NK_ENOTFOUND: return "not found";
	case NK_EREADONLY: return "store is read-only";
	case NK_ECORRUPT: return "store is damaged or not a namekey store";
	case NK_EIO: return "input/output error";
	case NK_EFORMAT: return "malformed record";
	default: return "unknown error";
	}
}

const char *nk_version(void)
{
	return NK_VERSION_STRING;
}

const char *nk_lang_name(nk_lang lang)
{
	switch (lang) {
	case NK_LANG_AUTO: return "auto";
	case NK_LANG_OTHER: return "other";
	case NK_LANG_RU: return "ru";
	case NK_LANG_KO: return "ko";
	default: return "unknown";
	}
}
