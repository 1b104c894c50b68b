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

/* Set up gettext with catalogues in `localedir` and switch to Dutch.
 * Returns false when C.UTF-8 is not available (texts then stay Dutch). */
bool ww_i18n_init(const char *localedir);

/* Switch language (a code of ww_i18n_langs). False for an unknown code. */
bool ww_i18n_set(const char *code);
/* Current language code ("nl" before any switch). */
const char *ww_i18n_lang(void);
/* Is the current language written right-to-left? */
bool ww_i18n_rtl(void);

/* Translate a Dutch text into the current language; the text itself when
 * there is no translation (or for Dutch, or for ""). */
const char *ww_i18n_get(const char *msgid);

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

#endif
