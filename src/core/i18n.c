#include "i18n.h"

#include "ini.h"
#include "log.h"
#include "str.h"

#include <errno.h>
#include <libintl.h>
#include <locale.h>
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
    if (!msgid || !*msgid || strcmp(ww_i18n_lang(), "nl") == 0)
        return msgid;
    return dgettext(WW_I18N_DOMAIN, msgid);
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
