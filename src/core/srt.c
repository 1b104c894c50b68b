#include "srt.h"

#include "file.h"
#include "ini.h"
#include "str.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void ww_srt_init(struct ww_srt *s)
{
    s->cues = NULL;
    s->n = 0;
}

void ww_srt_destroy(struct ww_srt *s)
{
    free(s->cues);
    ww_srt_init(s);
}

static bool digits(const char *s, int n, long *out)
{
    long v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

/* "H:MM:SS,mmm" with one or more hour digits; returns the length used or 0. */
static size_t time_prefix(const char *s, int64_t *ms)
{
    size_t h = 0;
    while (s[h] >= '0' && s[h] <= '9' && h < 3)
        h++;
    if (h == 0 || s[h] != ':')
        return 0;
    long hh, mm, ss, fff;
    if (!digits(s, (int)h, &hh))
        return 0;
    const char *p = s + h + 1;
    if (!digits(p, 2, &mm) || p[2] != ':' || !digits(p + 3, 2, &ss) ||
        (p[5] != ',' && p[5] != '.') || !digits(p + 6, 3, &fff))
        return 0;
    if (mm > 59 || ss > 59)
        return 0;
    *ms = ((int64_t)hh * 3600 + mm * 60 + ss) * 1000 + fff;
    return h + 1 + 9;
}

bool ww_srt_time_parse(const char *s, int64_t *ms)
{
    size_t n = time_prefix(s, ms);
    return n > 0 && s[n] == '\0';
}

static bool parse_timing(const char *s, int64_t *a, int64_t *b)
{
    size_t n = time_prefix(s, a);
    if (!n)
        return false;
    s += n;
    while (*s == ' ' || *s == '\t')
        s++;
    if (strncmp(s, "-->", 3) != 0)
        return false;
    s += 3;
    while (*s == ' ' || *s == '\t')
        s++;
    n = time_prefix(s, b);
    if (!n)
        return false;
    s += n;
    /* Position hints ("X1:40 X2:600 ...") after the times are ignored. */
    return *s == '\0' || *s == ' ' || *s == '\t';
}

static bool valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n;
        unsigned c = *p;
        if (c < 0x80)
            n = 0;
        else if (c >= 0xC2 && c <= 0xDF)
            n = 1;
        else if (c >= 0xE0 && c <= 0xEF)
            n = 2;
        else if (c >= 0xF0 && c <= 0xF4)
            n = 3;
        else
            return false;
        p++;
        for (int i = 0; i < n; i++, p++)
            if ((*p & 0xC0) != 0x80)
                return false;
    }
    return true;
}

/* Remove <i>, </b>, <font ...> and {\an8}-style markup, then trim. */
static void strip_markup(char *s)
{
    char *w = s;
    for (char *r = s; *r;) {
        char close = *r == '<' ? '>' : (*r == '{' && r[1] == '\\') ? '}' : 0;
        char *end = close ? strchr(r, close) : NULL;
        if (end) {
            r = end + 1;
            continue;
        }
        *w++ = *r++;
    }
    *w = '\0';
    char *t = ww_trim(s);
    if (t != s)
        memmove(s, t, strlen(t) + 1);
}

enum state { ST_NUMBER, ST_TIMING, ST_TEXT, ST_SKIP };

struct parser {
    struct ww_srt *s;
    struct ww_diags *d;
    const char *file;
    enum state st;
    struct ww_srt_cue cue;
    long number;
    bool ok;
    bool too_many; /* the current cue already reported more than two lines */
};

static void end_cue(struct parser *p)
{
    if (p->st == ST_TEXT && !p->too_many) {
        if (p->cue.n_lines == 0) {
            ww_diags_add(p->d, p->file, p->cue.line, "cue %ld has no text", p->number);
            p->ok = false;
        } else if (p->s->n >= WW_SRT_MAX_CUES) {
            ww_diags_add(p->d, p->file, p->cue.line, "more than %d cues", WW_SRT_MAX_CUES);
            p->ok = false;
        } else {
            if (p->s->n > 0 && p->cue.start_ms < p->s->cues[p->s->n - 1].start_ms) {
                ww_diags_add(p->d, p->file, p->cue.line,
                             "cue %ld starts before the cue above it (cues must be in time order)",
                             p->number);
                p->ok = false;
            } else {
                struct ww_srt_cue *c = realloc(p->s->cues, (p->s->n + 1) * sizeof *c);
                if (!c)
                    abort();
                p->s->cues = c;
                c[p->s->n++] = p->cue;
            }
        }
    }
    p->st = ST_NUMBER;
    p->too_many = false;
}

static void take_line(struct parser *p, char *l, int line)
{
    bool blank = *ww_trim(l) == '\0';
    switch (p->st) {
    case ST_SKIP:
        if (blank)
            p->st = ST_NUMBER;
        return;
    case ST_NUMBER: {
        if (blank)
            return;
        char *t = ww_trim(l);
        memset(&p->cue, 0, sizeof p->cue);
        p->cue.line = line;
        if (!ww_parse_int(t, 0, 100000000, &p->number)) {
            char shown[48];
            ww_strlcpy(shown, t, sizeof shown);
            ww_diags_add(p->d, p->file, line, "expected a cue number, found '%s'", shown);
            p->ok = false;
            p->st = ST_SKIP;
            return;
        }
        p->st = ST_TIMING;
        return;
    }
    case ST_TIMING: {
        char *t = ww_trim(l);
        if (blank) {
            ww_diags_add(p->d, p->file, line, "cue %ld has no timing line", p->number);
            p->ok = false;
            p->st = ST_NUMBER;
            return;
        }
        if (!parse_timing(t, &p->cue.start_ms, &p->cue.end_ms)) {
            char shown[64];
            ww_strlcpy(shown, t, sizeof shown);
            ww_diags_add(p->d, p->file, line,
                         "bad timing line '%s' (expected 00:00:01,000 --> 00:00:03,500)", shown);
            p->ok = false;
            p->st = ST_SKIP;
            return;
        }
        if (p->cue.end_ms <= p->cue.start_ms) {
            ww_diags_add(p->d, p->file, line, "cue %ld ends before it starts", p->number);
            p->ok = false;
            p->st = ST_SKIP;
            return;
        }
        p->st = ST_TEXT;
        return;
    }
    case ST_TEXT: {
        if (blank) {
            end_cue(p);
            return;
        }
        if (!valid_utf8(l)) {
            ww_diags_add(p->d, p->file, line, "text is not valid UTF-8 (save the file as UTF-8)");
            p->ok = false;
            p->too_many = true; /* drop the cue, keep going */
            return;
        }
        strip_markup(l);
        if (*l == '\0')
            return;
        if (p->too_many)
            return;
        if (p->cue.n_lines == 2) {
            ww_diags_add(p->d, p->file, line,
                         "cue %ld has more than two lines of text (at most two fit on the screen)",
                         p->number);
            p->ok = false;
            p->too_many = true;
            return;
        }
        if (!ww_strlcpy(p->cue.text[p->cue.n_lines], l, WW_SRT_LINE_SIZE)) {
            ww_diags_add(p->d, p->file, line, "line longer than %d bytes", WW_SRT_LINE_SIZE - 1);
            p->ok = false;
            p->too_many = true;
            return;
        }
        p->cue.n_lines++;
        return;
    }
    }
}

bool ww_srt_parse(struct ww_srt *s, const char *text, size_t len, const char *file,
                  struct ww_diags *d)
{
    struct parser p = {.s = s, .d = d, .file = file, .st = ST_NUMBER, .ok = true};
    size_t before = s->n;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    char buf[1024];
    int line = 0;
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && text[j] != '\n' && text[j] != '\r')
            j++;
        line++;
        size_t n = j - i;
        if (memchr(text + i, '\0', n)) {
            ww_diags_add(d, file, line, "binary data (this is not a subtitle file)");
            return false;
        }
        if (n >= sizeof buf) {
            ww_diags_add(d, file, line, "line longer than %zu bytes", sizeof buf - 1);
            p.ok = false;
            n = 0;
            if (p.st == ST_TEXT)
                p.too_many = true;
        }
        memcpy(buf, text + i, n);
        buf[n] = '\0';
        take_line(&p, buf, line);
        if (j < len && text[j] == '\r' && j + 1 < len && text[j + 1] == '\n')
            j++;
        i = j + 1;
    }
    if (p.st == ST_TEXT || p.st == ST_TIMING) {
        if (p.st == ST_TIMING) {
            ww_diags_add(d, file, line, "cue %ld has no timing line", p.number);
            p.ok = false;
            p.st = ST_NUMBER;
        } else {
            end_cue(&p);
        }
    }
    if (p.ok && s->n == before) {
        ww_diags_add(d, file, 0, "no subtitles in the file");
        p.ok = false;
    }
    return p.ok;
}

bool ww_srt_load(struct ww_srt *s, const char *path, struct ww_diags *d)
{
    size_t len;
    char *text = ww_read_file(path, 4u << 20, &len);
    if (!text) {
        ww_diags_add(d, path, 0, "cannot read: %s",
                     errno == EFBIG ? "larger than 4 MiB" : ww_file_strerror(errno));
        return false;
    }
    bool ok = ww_srt_parse(s, text, len, path, d);
    free(text);
    return ok;
}

const struct ww_srt_cue *ww_srt_at(const struct ww_srt *s, int64_t ms)
{
    /* Binary search for the last cue starting at or before ms, then walk back
     * over overlapping cues (rare) for one still running. */
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->cues[mid].start_ms <= ms)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i-- > 0;) {
        if (ms < s->cues[i].end_ms)
            return &s->cues[i];
        if (lo - i > 8)
            break;
    }
    return NULL;
}
