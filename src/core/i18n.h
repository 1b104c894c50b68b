/* Languages of the resident screens, through gettext, without system locales.
 *
 * Catalogues are compiled from locales/LANG.po into
 * DIR/LANG/LC_MESSAGES/wegwijzer.mo (the Makefile does it into build/locale).
 * Dutch is the source language: its texts are the msgids themselves.
 *
 * How (glibc facts): LC_ALL is set to "C.UTF-8" (plain "C" ignores
 * LANGUAGE, and C.UTF-8 is always present); the codeset is bound to UTF-8
 * (or Arabic prints as "?"); the language is chosen with the LANGUAGE
 * variable and textdomain() is called again after each change, which drops
 * gettext's cache.
 *
 * Thread: the language is process-wide (environment); change it from the
 * UI thread only. Returned strings are owned by the catalogue or are the
 * argument itself: never free them. */
#ifndef WW_I18N_H
#define WW_I18N_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>

#define WW_I18N_DOMAIN "wegwijzer"

struct ww_lang {
    const char *code;     /* "nl", "en", "tr", "ar", "pl", "uk" */
    const char *own_name; /* in its own language and script: "Türkçe", "العربية" */
    const char *english;  /* "Turkish" */
    bool rtl;             /* right-to-left */
    const char *voice;    /* espeak-ng voice name */
};

/* Every supported language, Dutch first. */
const struct ww_lang *ww_i18n_langs(size_t *n);
/* NULL when unsupported. */
const struct ww_lang *ww_i18n_find(const char *code);

/* Set up gettext with catalogues in `localedir` and switch to Dutch. Each
 * catalogue is checked (ww_i18n_check_dir) and every translation whose
 * placeholders differ from its source is logged as a warning once; those
 * texts show in Dutch. Returns false when C.UTF-8 is not available (texts
 * then stay Dutch). */
bool ww_i18n_init(const char *localedir);

/* Switch language (a code of ww_i18n_langs). False for an unknown code. */
bool ww_i18n_set(const char *code);
/* Current language code ("nl" before any switch). */
const char *ww_i18n_lang(void);
/* Is the current language written right-to-left? */
bool ww_i18n_rtl(void);

/* Translate a Dutch text into the current language; the text itself when
 * there is no translation (or for Dutch, or for ""), and also when the
 * translation's placeholders differ from the text's (see below). */
const char *ww_i18n_get(const char *msgid);

/* Translate into `lang` whatever the current language is, which stays
 * current (switched for the look-up and back: the UI thread only). The text
 * itself for Dutch or an unknown code. */
const char *ww_i18n_get_in(const char *lang, const char *msgid);
/* The same as a ticket's translation hook (ww_translate_fn); ctx unused. */
const char *ww_i18n_tr(void *ctx, const char *lang, const char *msgid);

/* ---- placeholders ----
 *
 * A text with values in it ("Stap %d van %d") is never used as a printf
 * format: a translation with one conversion too many (msgfmt --check does not
 * look without the c-format flag) would crash the kiosk. Its placeholders are
 * %d (a number) and %s (a text), in translations also numbered (%2$d ... %1$d)
 * when the words go in another order; %% is a percent sign. Other
 * conversions (%n, %x, %5s ...) are no placeholders: in a translation whose
 * source lacks them they make the translation unusable. */

#define WW_I18N_MAX_ARGS 9

/* Do the placeholders of `translation` match those of `source`: every value
 * of the source exactly once, of the same kind, and no conversion the source
 * lacks? When not, and `why` is given, a short reason goes there. */
bool ww_i18n_placeholders_match(const char *source, const char *translation, char *why,
                                size_t why_size);

/* Write `text` into dst (size > 0) with args[i] put in for its i-th
 * placeholder (numbered ones: args[N-1]) and %% as %. False, with dst as far
 * as it got, when a placeholder has no argument or dst is too small. `text`
 * must be a source text or a translation that matched it. */
bool ww_i18n_subst(char *dst, size_t size, const char *text, const char *const *args,
                   size_t n_args);

/* Translate msgid (ww_i18n_get: falls back to msgid when the placeholders
 * differ) and substitute args. Returns dst. */
const char *ww_i18n_format(char *dst, size_t size, const char *msgid, const char *const *args,
                           size_t n_args);

/* The same with whole numbers for the placeholders (%d). */
const char *ww_i18n_format_int(char *dst, size_t size, const char *msgid, const int *values,
                               size_t n_values);

/* Check every entry of a compiled catalogue (a .mo file's `len` bytes; `name`
 * names it in messages): one problem per translation whose placeholders do
 * not match its source (`name: "msgid": reason`) and one for a file that is
 * no catalogue. Returns the number of problems added. */
size_t ww_i18n_check_mo(const char *data, size_t len, const char *name, struct ww_diags *d);

/* Check the catalogues of every language in `localedir` (missing ones are
 * no problem: texts stay Dutch). Returns the number of problems added. */
size_t ww_i18n_check_dir(const char *localedir, struct ww_diags *d);

/* The catalogue folder to use: $WEGWIJZER_LOCALEDIR if set, else
 * "../locale" from the folder of the program (`argv0`, or the running
 * executable when NULL: build/debug/wegwijzer -> build/locale) when it
 * exists, else "build/locale". Writes into buf. */
void ww_i18n_default_dir(const char *argv0, char *buf, size_t size);

/* Mark texts in C sources: _() translates now, N_() only marks for
 * `flow pot` (translate later with ww_i18n_get). */
#define _(s)  ww_i18n_get(s)
#define N_(s) (s)

/* ---- PO files (for `flow check` and tests) ---- */

/* A parsed PO file: msgid -> msgstr of the translated, non-fuzzy entries.
 * Owns its strings; ww_po_destroy frees them. */
struct ww_po_entry {
    char *msgid;
    char *msgstr; /* "" when untranslated */
    bool fuzzy;
    int line;
    char ref[160]; /* the first "#: file:line" reference, "" when none */
};

struct ww_po {
    struct ww_po_entry *entries;
    size_t n, cap;
};

/* Read a PO file. False (errno set) when it cannot be read; syntax it does
 * not understand is skipped. */
bool ww_po_load(struct ww_po *po, const char *path);
/* The same from `len` bytes of text in memory (need not end in NUL). False
 * only when memory runs out. */
bool ww_po_parse(struct ww_po *po, const char *text, size_t len);
void ww_po_destroy(struct ww_po *po);
/* The translation of msgid, or NULL when missing, empty or fuzzy. */
const char *ww_po_get(const struct ww_po *po, const char *msgid);

/* One problem per translated, non-fuzzy entry whose placeholders do not
 * match its msgid (ww_i18n_placeholders_match), as `path:line: ...` naming
 * the msgid. Returns the number of problems added. */
size_t ww_po_check_placeholders(const struct ww_po *po, const char *path, struct ww_diags *d);

#endif
