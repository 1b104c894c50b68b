#include "str.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool ww_strlcpy(char *dst, const char *src, size_t size)
{
    size_t n = strlen(src);
    if (size == 0)
        return false;
    if (n >= size) {
        memcpy(dst, src, size - 1);
        dst[size - 1] = '\0';
        return false;
    }
    memcpy(dst, src, n + 1);
    return true;
}

bool ww_fmt(char *dst, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(dst, size, fmt, ap);
    va_end(ap);
    return n >= 0 && (size_t)n < size;
}

bool ww_parse_int(const char *s, long min, long max, long *out)
{
    if (!s || !*s)
        return false;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < min || v > max)
        return false;
    *out = v;
    return true;
}

char *ww_trim(char *s)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

bool ww_streq_ci(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return false;
    return *a == *b;
}

bool ww_valid_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 31 || !isalnum((unsigned char)s[0]))
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return false;
    }
    return true;
}

void ww_subst(char *out, size_t size, const char *tmpl, const char *const *keys,
              const char *const *vals, size_t n)
{
    if (size == 0)
        return;
    size_t used = 0;
    for (const char *p = tmpl; *p && used + 1 < size;) {
        const char *rep = NULL;
        size_t klen = 0;
        if (*p == '{') {
            for (size_t i = 0; i < n; i++) {
                klen = strlen(keys[i]);
                if (strncmp(p + 1, keys[i], klen) == 0 && p[1 + klen] == '}') {
                    rep = vals[i];
                    break;
                }
            }
        }
        if (rep) {
            size_t rl = strlen(rep);
            if (used + rl >= size)
                rl = size - 1 - used;
            memcpy(out + used, rep, rl);
            used += rl;
            p += klen + 2;
        } else {
            out[used++] = *p++;
        }
    }
    out[used] = '\0';
    /* Do not end in the middle of a UTF-8 character. */
    size_t k = used;
    while (k > 0 && ((unsigned char)out[k - 1] & 0xC0) == 0x80)
        k--;
    if (k > 0 && ((unsigned char)out[k - 1] & 0x80)) {
        unsigned char lead = (unsigned char)out[k - 1];
        size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        if (used - (k - 1) < need)
            out[k - 1] = '\0';
    }
}
