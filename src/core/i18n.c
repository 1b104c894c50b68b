#include "i18n.h"

#include "file.h"
#include "ini.h"
#include "log.h"
#include "str.h"

#include <errno.h>
#include <libintl.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct ww_lang langs[] = {
    {"nl", "Nederlands", "Dutch", false, "nl"}, {"en", "English", "English", false, "en"},
    {"tr", "Türkçe", "Turkish", false, "tr"},   {"ar", "العربية", "Arabic", true, "ar"},
    {"pl", "Polski", "Polish", false, "pl"},    {"uk", "Українська", "Ukrainian", false, "uk"},
};

const struct ww_lang *ww_i18n_langs(size_t *n)
{
    *n = sizeof langs / sizeof langs[0];
    return langs;
}

const struct ww_lang *ww_i18n_find(const char *code)
{
    if (!code)
        return NULL;
    for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++)
        if (strcmp(langs[i].code, code) == 0)
            return &langs[i];
    return NULL;
}

/* Languages whose catalogue gettext must never open (see check_dir): set by
 * ww_i18n_init, beside gettext's own process-wide binding, from the UI
 * thread; those languages show Dutch. */
static unsigned unusable;

static unsigned check_dir(const char *localedir, struct ww_diags *d, size_t *count);

bool ww_i18n_init(const char *localedir)
{
    /* Plain "C" makes gettext ignore LANGUAGE; C.UTF-8 is in every glibc
     * since 2.35 and in Debian's libc-bin before that, with no locales
     * package needed. */
    bool ok = setlocale(LC_ALL, "C.UTF-8") != NULL;
    if (!ok)
        ww_warn("i18n: the C.UTF-8 locale is missing: texts stay in Dutch");
    bindtextdomain(WW_I18N_DOMAIN, localedir);
    bind_textdomain_codeset(WW_I18N_DOMAIN, "UTF-8");
    textdomain(WW_I18N_DOMAIN);
    ww_i18n_set("nl");
    /* A translation whose placeholders differ from its source is shown in
     * Dutch (ww_i18n_get); say so once, naming the catalogue and the text. */
    struct ww_diags d;
    ww_diags_init(&d);
    size_t count = 0;
    unusable = check_dir(localedir, &d, &count);
    for (size_t i = 0; i < d.count; i++) {
        char line[600];
        ww_diag_format(&d.items[i], line, sizeof line);
        ww_warn("i18n: %s (shown in Dutch)", line);
    }
    ww_diags_destroy(&d);
    return ok;
}

bool ww_i18n_set(const char *code)
{
    const struct ww_lang *l = ww_i18n_find(code);
    if (!l)
        return false;
    setenv("LANGUAGE", l->code, 1);
    /* Setting the text domain again drops gettext's cache of looked-up
     * translations, which would otherwise keep the previous language. */
    textdomain(WW_I18N_DOMAIN);
    return true;
}

const char *ww_i18n_lang(void)
{
    const struct ww_lang *l = ww_i18n_find(getenv("LANGUAGE"));
    return l ? l->code : "nl";
}

bool ww_i18n_rtl(void)
{
    const struct ww_lang *l = ww_i18n_find(ww_i18n_lang());
    return l && l->rtl;
}

const char *ww_i18n_get(const char *msgid)
{
    /* gettext("") returns the catalogue header; Dutch is the source. */
    const struct ww_lang *l = ww_i18n_find(getenv("LANGUAGE"));
    if (!msgid || !*msgid || !l || l == &langs[0] || (unusable & (1u << (l - langs))))
        return msgid;
    const char *t = dgettext(WW_I18N_DOMAIN, msgid);
    /* Checked on every look-up, not only at load: the catalogue is read by
     * gettext, which could see another file than the check did. */
    if (t != msgid && (strchr(msgid, '%') || strchr(t, '%')) &&
        !ww_i18n_placeholders_match(msgid, t, NULL, 0))
        return msgid;
    return t;
}

const char *ww_i18n_get_in(const char *lang, const char *msgid)
{
    const char *was = ww_i18n_lang();
    if (!lang || strcmp(lang, was) == 0 || !ww_i18n_find(lang))
        return ww_i18n_find(lang) ? ww_i18n_get(msgid) : msgid;
    /* gettext keeps every catalogue it loaded mapped for the life of the
     * process, so the text stays valid after switching back. */
    ww_i18n_set(lang);
    const char *t = ww_i18n_get(msgid);
    ww_i18n_set(was);
    return t;
}

const char *ww_i18n_tr(void *ctx, const char *lang, const char *msgid)
{
    (void)ctx;
    return ww_i18n_get_in(lang, msgid);
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

void ww_i18n_default_dir(const char *argv0, char *buf, size_t size)
{
    const char *env = getenv("WEGWIJZER_LOCALEDIR");
    if (env && *env) {
        ww_strlcpy(buf, env, size);
        return;
    }
    /* build/debug/wegwijzer -> build/locale */
    char exe[512];
    if (!argv0) {
        ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        if (n > 0) {
            exe[n] = '\0';
            argv0 = exe;
        }
    }
    if (argv0) {
        const char *slash = strrchr(argv0, '/');
        if (slash) {
            char cand[512];
            ww_fmt(cand, sizeof cand, "%.*s/../locale", (int)(slash - argv0), argv0);
            if (is_dir(cand)) {
                ww_strlcpy(buf, cand, size);
                return;
            }
        }
    }
    ww_strlcpy(buf, "build/locale", size);
}

/* ---- PO files ---- */

/* Append the C-quoted string starting at `q` (at the opening quote) to
 * *dst (heap, grown). False on malformed input. */
static bool append_quoted(char **dst, size_t *len, const char *q)
{
    if (*q != '"')
        return false;
    q++;
    size_t cap = *len + strlen(q) + 1;
    char *d = realloc(*dst, cap);
    if (!d)
        return false;
    *dst = d;
    size_t n = *len;
    for (; *q && *q != '"'; q++) {
        char c = *q;
        if (c == '\\' && q[1]) {
            q++;
            c = *q == 'n' ? '\n' : *q == 't' ? '\t' : *q == 'r' ? '\r' : *q;
        }
        d[n++] = c;
    }
    d[n] = '\0';
    *len = n;
    return *q == '"';
}

enum po_field { PO_NONE, PO_ID, PO_STR, PO_OTHER };

struct po_cur {
    char *id, *str;
    size_t id_len, str_len;
    bool fuzzy, have_id;
    int line;
    char ref[160];
};

static void po_flush(struct ww_po *po, struct po_cur *c)
{
    if (c->have_id && c->id && c->id[0]) {
        if (po->n == po->cap) {
            size_t ncap = po->cap ? po->cap * 2 : 64;
            struct ww_po_entry *ne = realloc(po->entries, ncap * sizeof *ne);
            if (!ne) {
                free(c->id);
                free(c->str);
                goto reset;
            }
            po->entries = ne;
            po->cap = ncap;
        }
        struct ww_po_entry *e = &po->entries[po->n++];
        *e = (struct ww_po_entry){c->id, c->str ? c->str : strdup(""), c->fuzzy, c->line, ""};
        if (!e->msgstr)
            abort(); /* small allocation */
        ww_strlcpy(e->ref, c->ref, sizeof e->ref);
    } else {
        free(c->id);
        free(c->str);
    }
reset:
    *c = (struct po_cur){0};
}

bool ww_po_load(struct ww_po *po, const char *path)
{
    memset(po, 0, sizeof *po);
    size_t len;
    char *text = ww_read_file(path, 8u << 20, &len);
    if (!text)
        return false;
    bool ok = ww_po_parse(po, text, len);
    free(text);
    return ok;
}

bool ww_po_parse(struct ww_po *po, const char *src, size_t len)
{
    memset(po, 0, sizeof *po);
    /* A private NUL-terminated copy: lines are cut in place. */
    char *text = malloc(len + 1);
    if (!text)
        return false;
    memcpy(text, src, len);
    text[len] = '\0';
    struct po_cur c = {0};
    enum po_field field = PO_NONE;
    int lineno = 0;
    char *save = text;
    for (char *line = text; line; line = save) {
        char *nl = strchr(line, '\n');
        save = nl ? nl + 1 : NULL;
        if (nl)
            *nl = '\0';
        lineno++;
        char *s = ww_trim(line);
        if (!*s) {
            continue;
        } else if (strncmp(s, "#~", 2) == 0) {
            field = PO_OTHER; /* obsolete entry */
        } else if (strncmp(s, "#,", 2) == 0) {
            if (c.have_id)
                po_flush(po, &c);
            if (strstr(s, "fuzzy"))
                c.fuzzy = true;
            field = PO_NONE;
        } else if (*s == '#') {
            if (c.have_id)
                po_flush(po, &c);
            field = PO_NONE;
            if (s[1] == ':' && !c.ref[0]) {
                /* Keep the first reference: "#: file:line file:line". */
                char *r = ww_trim(s + 2);
                size_t n = strcspn(r, " \t");
                if (n < sizeof c.ref) {
                    memcpy(c.ref, r, n);
                    c.ref[n] = '\0';
                }
            }
        } else if (strncmp(s, "msgctxt", 7) == 0) {
            if (c.have_id)
                po_flush(po, &c);
            field = PO_OTHER;
        } else if (strncmp(s, "msgid_plural", 12) == 0) {
            field = PO_OTHER;
        } else if (strncmp(s, "msgid", 5) == 0) {
            if (c.have_id)
                po_flush(po, &c);
            free(c.id); /* text that came without a msgid line */
            c.id_len = 0;
            c.have_id = true;
            c.line = lineno;
            c.id = calloc(1, 1);
            if (!c.id)
                abort();
            append_quoted(&c.id, &c.id_len, ww_trim(s + 5));
            field = PO_ID;
        } else if (strncmp(s, "msgstr", 6) == 0) {
            const char *q = s + 6;
            /* msgstr[0] of a plural entry counts as its translation. */
            if (*q == '[') {
                if (strncmp(q, "[0]", 3) != 0) {
                    field = PO_OTHER;
                    continue;
                }
                q += 3;
            }
            free(c.str);
            c.str = calloc(1, 1);
            if (!c.str)
                abort();
            c.str_len = 0;
            append_quoted(&c.str, &c.str_len, ww_trim((char *)q));
            field = PO_STR;
        } else if (*s == '"') {
            if (field == PO_ID)
                append_quoted(&c.id, &c.id_len, s);
            else if (field == PO_STR)
                append_quoted(&c.str, &c.str_len, s);
        }
    }
    po_flush(po, &c);
    free(text);
    return true;
}

void ww_po_destroy(struct ww_po *po)
{
    for (size_t i = 0; i < po->n; i++) {
        free(po->entries[i].msgid);
        free(po->entries[i].msgstr);
    }
    free(po->entries);
    memset(po, 0, sizeof *po);
}

const char *ww_po_get(const struct ww_po *po, const char *msgid)
{
    for (size_t i = 0; i < po->n; i++)
        if (strcmp(po->entries[i].msgid, msgid) == 0)
            return po->entries[i].fuzzy || !po->entries[i].msgstr[0] ? NULL : po->entries[i].msgstr;
    return NULL;
}

/* ---- placeholders ---- */

enum conv_kind { CONV_PERCENT, CONV_PLACEHOLDER, CONV_FOREIGN };

struct conv {
    enum conv_kind kind;
    size_t len; /* bytes of the text it takes */
    int number; /* CONV_PLACEHOLDER: 1..9 when numbered (%2$d), else 0 */
    char type;  /* CONV_PLACEHOLDER: 'd' or 's' */
};

static size_t skip_digits(const char *p)
{
    size_t n = 0;
    while (p[n] >= '0' && p[n] <= '9')
        n++;
    return n;
}

/* What printf would make of the conversion at s[0] == '%' (glibc's grammar:
 * position, flags, width, precision, length, conversion), so a translator's
 * "%n" or "%5s" is recognised as a conversion and not taken for text. */
static struct conv scan_conv(const char *s)
{
    struct conv c = {CONV_PERCENT, 1, 0, 0};
    if (s[1] == '%') {
        c.len = 2;
        return c;
    }
    /* "100% zeker": a percent sign before a space is text (printf's space
     * flag is of no use in resident texts). */
    if (s[1] == ' ' || s[1] == '\0')
        return c;
    const char *p = s + 1;
    size_t nd = skip_digits(p);
    int number = 0;
    if (nd > 0 && p[nd] == '$') {
        number = nd == 1 && p[0] != '0' ? p[0] - '0' : -1;
        p += nd + 1;
    }
    if ((*p == 'd' || *p == 's') && number >= 0) {
        c.kind = CONV_PLACEHOLDER;
        c.number = number;
        c.type = *p;
        c.len = (size_t)(p + 1 - s);
        return c;
    }
    while (*p && strchr("-+ #0'I", *p))
        p++;
    if (*p == '*') {
        p++;
        size_t d = skip_digits(p);
        if (d && p[d] == '$')
            p += d + 1;
    } else {
        p += skip_digits(p);
    }
    if (*p == '.') {
        p++;
        if (*p == '*') {
            p++;
            size_t d = skip_digits(p);
            if (d && p[d] == '$')
                p += d + 1;
        } else {
            p += skip_digits(p);
        }
    }
    if ((p[0] == 'h' && p[1] == 'h') || (p[0] == 'l' && p[1] == 'l'))
        p += 2;
    else if (*p && strchr("hlLqjzZt", *p))
        p++;
    if (*p && strchr("diouxXeEfFgGaAcCsSpnm", *p)) {
        c.kind = CONV_FOREIGN;
        c.len = (size_t)(p + 1 - s);
    }
    return c;
}

/* The placeholders of a text: types[i] is the kind of value i + 1 ('d', 's';
 * 0 when unused), uses[i] how often it appears. False (with a reason) for
 * a text that mixes numbered and unnumbered placeholders or has too many. */
struct ph_list {
    char types[WW_I18N_MAX_ARGS];
    int uses[WW_I18N_MAX_ARGS];
    int n_foreign;
    char foreign[8][16]; /* the first foreign conversions, as written */
    bool type_clash;     /* one value used as 'd' and as 's' */
};

static bool ph_scan(const char *text, struct ph_list *l, char *why, size_t why_size)
{
    memset(l, 0, sizeof *l);
    int next = 0;
    bool numbered = false, unnumbered = false;
    for (const char *p = text; *p; p++) {
        if (*p != '%')
            continue;
        struct conv c = scan_conv(p);
        if (c.kind == CONV_FOREIGN) {
            if (l->n_foreign < 8) {
                size_t n = c.len < sizeof l->foreign[0] ? c.len : sizeof l->foreign[0] - 1;
                memcpy(l->foreign[l->n_foreign], p, n);
                l->foreign[l->n_foreign][n] = '\0';
            }
            l->n_foreign++;
        } else if (c.kind == CONV_PLACEHOLDER) {
            int idx;
            if (c.number > 0) {
                numbered = true;
                idx = c.number - 1;
            } else {
                unnumbered = true;
                idx = next++;
            }
            if (idx >= WW_I18N_MAX_ARGS) {
                if (why)
                    ww_fmt(why, why_size, "more than %d placeholders", WW_I18N_MAX_ARGS);
                return false;
            }
            if (l->types[idx] && l->types[idx] != c.type)
                l->type_clash = true;
            l->types[idx] = c.type;
            l->uses[idx]++;
        }
        p += c.len - 1;
    }
    if (numbered && unnumbered) {
        if (why)
            ww_fmt(why, why_size, "numbered and unnumbered placeholders mixed");
        return false;
    }
    return true;
}

bool ww_i18n_placeholders_match(const char *source, const char *translation, char *why,
                                size_t why_size)
{
    char dummy[8];
    if (!why) {
        why = dummy;
        why_size = sizeof dummy;
    }
    why[0] = '\0';
    struct ph_list s, t;
    if (!ph_scan(source, &s, why, why_size))
        return false;
    if (!ph_scan(translation, &t, why, why_size))
        return false;
    if (t.type_clash) {
        ww_fmt(why, why_size, "one value is used both as %%d and as %%s");
        return false;
    }
    for (int i = 0; i < WW_I18N_MAX_ARGS; i++) {
        if (!s.types[i] && t.types[i]) {
            ww_fmt(why, why_size, "placeholder %d (%%%c) is not in the source", i + 1, t.types[i]);
            return false;
        }
        if (s.types[i] && !t.types[i]) {
            ww_fmt(why, why_size, "placeholder %d (%%%c) is missing", i + 1, s.types[i]);
            return false;
        }
        if (s.types[i] && s.types[i] != t.types[i]) {
            ww_fmt(why, why_size, "placeholder %d is %%%c, the source has %%%c", i + 1, t.types[i],
                   s.types[i]);
            return false;
        }
        if (t.uses[i] > 1) {
            ww_fmt(why, why_size, "placeholder %d is used %d times", i + 1, t.uses[i]);
            return false;
        }
    }
    /* Conversions that are no placeholders: only those the source has. */
    for (int i = 0; i < t.n_foreign && i < 8; i++) {
        int in_t = 0, in_s = 0;
        for (int j = 0; j < t.n_foreign && j < 8; j++)
            in_t += strcmp(t.foreign[i], t.foreign[j]) == 0;
        for (int j = 0; j < s.n_foreign && j < 8; j++)
            in_s += strcmp(t.foreign[i], s.foreign[j]) == 0;
        if (in_t > in_s) {
            ww_fmt(why, why_size, "unsupported conversion '%s'", t.foreign[i]);
            return false;
        }
    }
    if (t.n_foreign > 8 && t.n_foreign != s.n_foreign) {
        ww_fmt(why, why_size, "%d unsupported conversions", t.n_foreign);
        return false;
    }
    return true;
}

bool ww_i18n_subst(char *dst, size_t size, const char *text, const char *const *args, size_t n_args)
{
    size_t o = 0;
    bool ok = true;
    int next = 0;
    for (const char *p = text; *p;) {
        const char *piece = p;
        size_t len = 1;
        if (*p != '%') {
            p++;
        } else {
            struct conv c = scan_conv(p);
            p += c.len;
            if (c.kind == CONV_PERCENT) {
                piece = "%";
            } else if (c.kind == CONV_PLACEHOLDER) {
                int idx = c.number > 0 ? c.number - 1 : next++;
                piece = (size_t)idx < n_args && args[idx] ? args[idx] : NULL;
                if (!piece) {
                    ok = false;
                    piece = "";
                }
                len = strlen(piece);
            } else {
                len = c.len; /* a foreign conversion stays as written: text */
            }
        }
        if (len > size - 1 - o) {
            memcpy(dst + o, piece, size - 1 - o);
            o = size - 1;
            ok = false;
            break;
        }
        memcpy(dst + o, piece, len);
        o += len;
    }
    dst[o] = '\0';
    return ok;
}

const char *ww_i18n_format(char *dst, size_t size, const char *msgid, const char *const *args,
                           size_t n_args)
{
    const char *t = ww_i18n_get(msgid);
    if (!ww_i18n_subst(dst, size, t, args, n_args) && t != msgid)
        ww_i18n_subst(dst, size, msgid, args, n_args);
    return dst;
}

const char *ww_i18n_format_int(char *dst, size_t size, const char *msgid, const int *values,
                               size_t n_values)
{
    char nums[WW_I18N_MAX_ARGS][16];
    const char *args[WW_I18N_MAX_ARGS];
    if (n_values > WW_I18N_MAX_ARGS)
        n_values = WW_I18N_MAX_ARGS;
    for (size_t i = 0; i < n_values; i++) {
        ww_fmt(nums[i], sizeof nums[i], "%d", values[i]);
        args[i] = nums[i];
    }
    return ww_i18n_format(dst, size, msgid, args, n_values);
}

/* ---- checking compiled catalogues ---- */

static bool mo_u32(const unsigned char *d, size_t len, size_t at, bool big, uint32_t *out)
{
    if (at > len || len - at < 4)
        return false;
    const unsigned char *p = d + at;
    *out = big ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
               : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
    return true;
}

/* String i of the table at `table`: NUL-terminated within the file. */
static const char *mo_string(const unsigned char *d, size_t len, bool big, uint32_t table,
                             uint32_t i, size_t *n)
{
    uint32_t slen, off;
    size_t at = (size_t)table + (size_t)i * 8;
    if (!mo_u32(d, len, at, big, &slen) || !mo_u32(d, len, at + 4, big, &off))
        return NULL;
    if (off > len || len - off <= slen || d[(size_t)off + slen] != '\0')
        return NULL;
    *n = slen;
    return (const char *)d + off;
}

static void mo_problem(struct ww_diags *d, const char *name, const char *msgid, const char *why,
                       size_t *count)
{
    ww_diags_add(d, name, 0, "the translation of \"%.100s\": %s", msgid, why);
    (*count)++;
}

size_t ww_i18n_check_mo(const char *data, size_t len, const char *name, struct ww_diags *d)
{
    const unsigned char *u = (const unsigned char *)data;
    size_t count = 0;
    uint32_t magic = 0, rev, n, orig, trans;
    bool big = false;
    if (mo_u32(u, len, 0, false, &magic) && magic != 0x950412deu) {
        big = true;
        mo_u32(u, len, 0, true, &magic);
    }
    if (magic != 0x950412deu || !mo_u32(u, len, 4, big, &rev) || (rev >> 16) > 1 ||
        !mo_u32(u, len, 8, big, &n) || !mo_u32(u, len, 12, big, &orig) ||
        !mo_u32(u, len, 16, big, &trans)) {
        ww_diags_add(d, name, 0, "not a compiled catalogue (.mo)");
        return 1;
    }
    for (uint32_t i = 0; i < n; i++) {
        size_t id_len, tr_len;
        const char *id = mo_string(u, len, big, orig, i, &id_len);
        const char *tr = mo_string(u, len, big, trans, i, &tr_len);
        if (!id || !tr) {
            ww_diags_add(d, name, 0, "damaged: entry %u lies outside the file", (unsigned)i);
            return count + 1;
        }
        /* "context\004msgid": the source is after the context. */
        const char *eot = memchr(id, '\004', strlen(id));
        if (eot)
            id = eot + 1;
        if (!*id)
            continue; /* the header */
        size_t first = strlen(id);
        const char *plural = first < id_len ? id + first + 1 : id;
        /* Plural forms: "form0\0form1..."; form 0 translates msgid. */
        size_t at = 0;
        for (int form = 0; at <= tr_len; form++) {
            const char *f = tr + at;
            char why[128];
            if (!ww_i18n_placeholders_match(form == 0 ? id : plural, f, why, sizeof why)) {
                mo_problem(d, name, id, why, &count);
                break;
            }
            at += strlen(f) + 1;
        }
    }
    return count;
}

/* Check every catalogue; bit i of the result is set when gettext must not
 * open the catalogue of langs[i] at all (not a regular file: its open would
 * block on a pipe; or unreadable). */
static unsigned check_dir(const char *localedir, struct ww_diags *d, size_t *count)
{
    unsigned refused = 0;
    for (size_t i = 1; i < sizeof langs / sizeof langs[0]; i++) {
        char path[1024];
        ww_fmt(path, sizeof path, "%s/%s/LC_MESSAGES/%s.mo", localedir, langs[i].code,
               WW_I18N_DOMAIN);
        size_t len;
        char *data = ww_read_file(path, 16u << 20, &len);
        if (!data) {
            if (errno != ENOENT) {
                ww_diags_add(d, path, 0, "cannot read: %s",
                             errno == EFBIG ? "larger than 16 MiB" : ww_file_strerror(errno));
                (*count)++;
                refused |= 1u << i;
            }
            continue;
        }
        *count += ww_i18n_check_mo(data, len, path, d);
        free(data);
    }
    return refused;
}

size_t ww_i18n_check_dir(const char *localedir, struct ww_diags *d)
{
    size_t count = 0;
    check_dir(localedir, d, &count);
    return count;
}

size_t ww_po_check_placeholders(const struct ww_po *po, const char *path, struct ww_diags *d)
{
    size_t count = 0;
    for (size_t i = 0; i < po->n; i++) {
        const struct ww_po_entry *e = &po->entries[i];
        char why[128];
        if (e->fuzzy || !e->msgstr[0] ||
            ww_i18n_placeholders_match(e->msgid, e->msgstr, why, sizeof why))
            continue;
        ww_diags_add(d, path, e->line, "the translation of \"%.100s\": %s", e->msgid, why);
        count++;
    }
    return count;
}
