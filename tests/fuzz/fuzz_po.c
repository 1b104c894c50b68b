/* Fuzz target: a PO file from a translator, read by `flow check`, and the
 * same entries as the kiosk meets them in a compiled catalogue (.mo):
 * placeholders checked against the source, then substituted. */
#include "i18n.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void put32(unsigned char *p, size_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

/* A little-endian .mo of the entries (as msgfmt writes it, unsorted and
 * without hash table, which gettext accepts and the checker must too). */
static unsigned char *make_mo(const struct ww_po *po, size_t *len)
{
    size_t n = po->n, strings = 0;
    for (size_t i = 0; i < n; i++)
        strings += strlen(po->entries[i].msgid) + strlen(po->entries[i].msgstr) + 2;
    size_t head = 28 + 16 * n;
    unsigned char *mo = calloc(1, head + strings);
    if (!mo)
        return NULL;
    put32(mo, 0x950412de);
    put32(mo + 8, n);
    put32(mo + 12, 28);
    put32(mo + 16, 28 + 8 * n);
    size_t at = head;
    for (size_t i = 0; i < n; i++) {
        const char *s[2] = {po->entries[i].msgid, po->entries[i].msgstr};
        for (size_t k = 0; k < 2; k++) {
            size_t l = strlen(s[k]);
            put32(mo + 28 + 8 * n * k + 8 * i, l);
            put32(mo + 28 + 8 * n * k + 8 * i + 4, at);
            memcpy(mo + at, s[k], l + 1);
            at += l + 1;
        }
    }
    *len = at;
    return mo;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ww_diags d;
    ww_diags_init(&d);
    /* The bytes as a compiled catalogue: never read outside them. */
    ww_i18n_check_mo((const char *)data, size, "fuzz.mo", &d);
    struct ww_po po;
    if (!ww_po_parse(&po, (const char *)data, size)) {
        ww_diags_destroy(&d);
        return 0;
    }
    static const char *const args[WW_I18N_MAX_ARGS] = {"1", "22", "333", "x", "y",
                                                       "z", "7",  "8",   "9"};
    size_t bad = 0;
    for (size_t i = 0; i < po.n; i++) {
        const struct ww_po_entry *e = &po.entries[i];
        /* Every entry has a msgid and finds itself (or an earlier twin). */
        if (!e->msgid[0])
            __builtin_trap();
        ww_po_get(&po, e->msgid);
        char why[128];
        bool match = ww_i18n_placeholders_match(e->msgid, e->msgstr, why, sizeof why);
        if (!match && !why[0])
            __builtin_trap(); /* a refusal always says why */
        bad += !match;
        /* Room for every placeholder to take the longest value. */
        size_t room = strlen(e->msgstr) * 3 + 1;
        char *out = malloc(room);
        if (!out)
            continue;
        bool whole = ww_i18n_subst(out, room, e->msgstr, args, WW_I18N_MAX_ARGS);
        /* A translation that matches its source has a value for each of
         * its placeholders. */
        if (match && !whole)
            __builtin_trap();
        if (strlen(out) >= room)
            __builtin_trap();
        /* Too small a buffer still ends in a NUL inside it. */
        char small[4];
        ww_i18n_subst(small, sizeof small, e->msgstr, args, 1);
        if (strlen(small) >= sizeof small)
            __builtin_trap();
        free(out);
    }
    /* The same entries compiled: the catalogue check and `flow check` find
     * the same translations wanting (the .mo holds fuzzy ones too). */
    size_t mo_len;
    unsigned char *mo = make_mo(&po, &mo_len);
    if (mo) {
        struct ww_diags md;
        ww_diags_init(&md);
        size_t n_mo = ww_i18n_check_mo((const char *)mo, mo_len, "po.mo", &md);
        size_t n_po = ww_po_check_placeholders(&po, "po", &md);
        size_t n_fuzzy_or_empty = 0, n_context = 0;
        for (size_t i = 0; i < po.n; i++) {
            n_fuzzy_or_empty += po.entries[i].fuzzy || !po.entries[i].msgstr[0];
            n_context += strchr(po.entries[i].msgid, '\004') != NULL;
        }
        /* (A msgid with a context mark reads differently in a .mo.) */
        if (n_context == 0 &&
            (n_po > n_mo || n_mo > bad || (n_fuzzy_or_empty == 0 && n_po != n_mo)))
            __builtin_trap();
        ww_diags_destroy(&md);
        free(mo);
    }
    ww_po_destroy(&po);
    ww_diags_destroy(&d);
    return 0;
}
