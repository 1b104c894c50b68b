/* Small string helpers that replace the banned libc calls (strcpy, strncpy,
 * strcat, sprintf, atoi). All of them always NUL-terminate. */
#ifndef WW_STR_H
#define WW_STR_H

#include <stdbool.h>
#include <stddef.h>

/* Copy `src` into `dst` of `size` bytes. Returns false when truncated. */
bool ww_strlcpy(char *dst, const char *src, size_t size);

/* snprintf that returns false on truncation or encoding error. */
bool ww_fmt(char *dst, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Parse a whole decimal integer in [min, max]; false on junk or range. */
bool ww_parse_int(const char *s, long min, long max, long *out);

/* Trim ASCII white space in place; returns the start of the trimmed text. */
char *ww_trim(char *s);

/* Case-insensitive ASCII comparison. */
bool ww_streq_ci(const char *a, const char *b);

/* True when `s` is a valid id: 1..31 chars of [a-z0-9-], starting with a
 * letter or digit. Ids name partners, locations, topics and screens. */
bool ww_valid_id(const char *s);

/* Copy `tmpl` into `out`, replacing each "{key}" by its value (keys[i] ->
 * vals[i]); unknown placeholders stay as written. For translated templates:
 * never a printf format (the translation may reorder or drop a field). The
 * result is cut at `size` on a whole UTF-8 character. */
void ww_subst(char *out, size_t size, const char *tmpl, const char *const *keys,
              const char *const *vals, size_t n);

#endif
