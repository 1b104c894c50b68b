/* Every phone number, clock time and abbreviation in the shipped content is
 * spoken as people say it, in all six languages.
 *
 * The texts: each one found with a regular expression in kiosk-config
 * (partners.ini, locations/ *.ini, flows/ *.flow) and in the msgids of
 * locales/ *.po (the C sources' texts and the flows'), said alone in every
 * language (a phone number shows untranslated on every screen), and each
 * translated sentence that holds one, in its own language. Each is prepared
 * with ww_say_prepare() and turned into phonemes by the real espeak-ng
 * (espeak_TextToPhonemes, each run with its own voice: Dutch names with the
 * Dutch one). Neither the prepared words nor the phonemes may hold a word
 * for hundreds or thousands ("veertienduizend drieënzeventig" for 14 073,
 * "honderdtwaalf" for 112), no number of three digits or more and no clock
 * time may be left for the synthesiser to read, and every abbreviation must
 * be in the table of spelled ones. The checker itself is checked: the raw
 * texts that were misread before are caught. */
#include "say.h"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include <dirent.h>
#include <regex.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static const char *const langs[] = {"nl", "en", "tr", "pl", "uk", "ar"};
#define N_LANGS (sizeof langs / sizeof langs[0])

/* ---- collecting texts ---- */

struct text {
    char *text;
    char lang[4]; /* "" : to be said in every language */
    char where[96];
};

struct texts {
    struct text *v;
    size_t n, cap;
};

static void add(struct texts *t, const char *text, size_t len, const char *lang, const char *where)
{
    for (size_t i = 0; i < t->n; i++)
        if (strlen(t->v[i].text) == len && strncmp(t->v[i].text, text, len) == 0 &&
            strcmp(t->v[i].lang, lang) == 0)
            return;
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 64;
        t->v = realloc(t->v, t->cap * sizeof *t->v);
        assert_non_null(t->v);
    }
    struct text *x = &t->v[t->n++];
    x->text = malloc(len + 1);
    assert_non_null(x->text);
    memcpy(x->text, text, len);
    x->text[len] = '\0';
    snprintf(x->lang, sizeof x->lang, "%s", lang);
    snprintf(x->where, sizeof x->where, "%s", where);
}

static void texts_free(struct texts *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i].text);
    free(t->v);
}

/* What the content says numbers and names with. */
static const char *const patterns[] = {
    /* phone numbers: 0800-8020, 073 - 615 50 00, 0224-296 700, 14 073 */
    "0[0-9]{2,3}(( - | – |-|–| )[0-9]{2,4})+",
    "14 0[0-9]{2,3}",
    /* emergency and crisis numbers */
    "(^|[^0-9])(11[23]|144)([^0-9]|$)",
    /* clock times, alone or as a range: 8.30 tot 17.00 uur, 09:00-12:30 */
    "[0-9]{1,2}[.:][0-9]{2}( uur)?(( [^ 0-9]{1,12} | ?(-|–) ?)[0-9]{1,2}[.:][0-9]{2}( uur)?)?",
    /* abbreviations (a short word that starts and ends with a capital:
     * UWV, KvK, DigiD; not WhatsApp) and web addresses */
    "(^|[^A-Za-z])([A-Z][A-Za-z]{0,4}[A-Z])([^A-Za-z]|$)",
    "[a-z0-9-]+\\.nl",
};
#define N_PATTERNS   (sizeof patterns / sizeof patterns[0])
#define ABBR_PATTERN 4

static regex_t res[N_PATTERNS];

/* The group of a match that is the item itself. */
static int item_group(size_t p)
{
    return p == 2 || p == ABBR_PATTERN ? 2 : 0;
}

/* Every item in `line` into `items` (said in every language); true when
 * there was one. */
static bool find_items(const char *line, struct texts *items, const char *where)
{
    bool any = false;
    for (size_t p = 0; p < N_PATTERNS; p++) {
        const char *s = line;
        regmatch_t m[8];
        while (*s && regexec(&res[p], s, 8, m, s == line ? 0 : REG_NOTBOL) == 0) {
            int g = item_group(p);
            add(items, s + m[g].rm_so, (size_t)(m[g].rm_eo - m[g].rm_so), "", where);
            any = true;
            s += m[g].rm_eo > 0 ? m[g].rm_eo : 1;
        }
    }
    return any;
}

static void scan_file(const char *path, struct texts *items)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[2048], where[96];
    int no = 0;
    while (fgets(line, sizeof line, f)) {
        no++;
        const char *s = line;
        while (*s == ' ' || *s == '\t')
            s++;
        if (*s == ';' || *s == '#' || *s == '[')
            continue; /* comments are not said; sections are ids */
        line[strcspn(line, "\n")] = '\0';
        snprintf(where, sizeof where, "%s:%d", path, no);
        find_items(s, items, where);
    }
    fclose(f);
}

static void scan_dir(const char *dir, const char *ext, struct texts *items)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name), k = strlen(ext);
        if (n > k && strcmp(e->d_name + n - k, ext) == 0) {
            char path[512];
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            scan_file(path, items);
        }
    }
    closedir(d);
}

/* Append the C string of a PO line ("...", escapes undone) to buf. */
static void po_string(const char *s, char *buf, size_t size)
{
    size_t n = strlen(buf);
    s = strchr(s, '"');
    if (!s)
        return;
    for (s++; *s && *s != '"' && n + 1 < size; s++) {
        if (*s == '\\' && s[1]) {
            s++;
            buf[n++] = *s == 'n' ? ' ' : *s;
        } else {
            buf[n++] = *s;
        }
    }
    buf[n] = '\0';
}

/* Each entry of locales/LANG.po whose msgid holds an item: the msgid said
 * in Dutch (once) and the msgstr in LANG (the msgid when untranslated). */
static void scan_po(const char *lang, struct texts *items, struct texts *sentences)
{
    char path[64];
    snprintf(path, sizeof path, "locales/%s.po", lang);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    static char id[8192], str[8192], line[8192];
    int state = 0; /* 1 in msgid, 2 in msgstr */
    int no = 0, id_line = 0;
    bool more = true;
    id[0] = str[0] = '\0';
    while (more) {
        more = fgets(line, sizeof line, f) != NULL;
        no++;
        bool entry_end = !more || strncmp(line, "msgid ", 6) == 0;
        if (entry_end && id[0]) {
            char where[96];
            snprintf(where, sizeof where, "%s:%d", path, id_line);
            if (find_items(id, items, where)) {
                add(sentences, id, strlen(id), "nl", where);
                const char *said = str[0] ? str : id;
                add(sentences, said, strlen(said), lang, where);
            }
            id[0] = str[0] = '\0';
        }
        if (!more)
            break;
        if (strncmp(line, "msgid ", 6) == 0) {
            state = 1;
            id_line = no;
            po_string(line, id, sizeof id);
        } else if (strncmp(line, "msgstr ", 7) == 0) {
            state = 2;
            po_string(line, str, sizeof str);
        } else if (line[0] == '"') {
            po_string(line, state == 1 ? id : str, state == 1 ? sizeof id : sizeof str);
        } else if (line[0] == '#' && line[1] == '~') {
            state = 0; /* obsolete */
        }
    }
    fclose(f);
}

/* ---- checking what is said ---- */

/* Words for hundreds and thousands, per language. `whole`: only as a
 * whole word (short words that are parts of others); `cut`: phoneme symbols
 * left off the end, because the ending changes inside a compound
 * ("h'Ond@r! tv#,a:lf" for 112, "d,WyzEnt" where "duizend" alone is
 * "d'Wyz@nt"); what remains must still be long enough to be that word
 * only. */
struct banned {
    const char *word;
    bool whole;
    int cut;
};

static const struct {
    const char *lang;
    struct banned words[12];
} bans[] = {
    {"nl", {{"honderd", false, 3}, {"duizend", false, 3}}},
    {"en", {{"hundred", false, 3}, {"thousand", false, 2}}},
    {"tr", {{"yüz", true, 0}, {"bin", true, 0}}},
    {"pl",
     {{"sto", true, 0},
      {"dwieście", false, 0},
      {"trzysta", false, 0},
      {"czterysta", false, 0},
      {"pięćset", false, 0},
      {"osiemset", false, 0},
      {"tysiąc", false, 4},
      {"tysięcy", false, 5}}},
    {"uk",
     {{"сто", true, 0},
      {"двісті", false, 0},
      {"триста", false, 0},
      {"вісімсот", false, 0},
      {"тисяча", false, 2},
      {"тисяч", false, 1}}},
    {"ar",
     {{"مئة", false, 0},
      {"مِئَة", false, 0},
      {"مائة", false, 0},
      {"ألف", false, 0},
      {"أَلْف", false, 0}}},
};

static const struct banned *banned_of(const char *lang)
{
    for (size_t i = 0; i < sizeof bans / sizeof bans[0]; i++)
        if (strcmp(bans[i].lang, lang) == 0)
            return bans[i].words;
    fail_msg("no banned words for %s", lang);
    return NULL;
}

/* Text: ASCII lower case, Arabic vowel marks dropped. Phonemes (`phonemes`):
 * stress marks (' and ,) dropped, case kept. */
static void normalise(const char *in, char *out, size_t size, bool phonemes)
{
    size_t o = 0;
    for (const unsigned char *s = (const unsigned char *)in; *s && o + 1 < size; s++) {
        if (s[0] == 0xD9 && s[1] >= 0x8B && s[1] <= 0x92) {
            s++;
            continue;
        }
        if (phonemes && (*s == '\'' || *s == ','))
            continue;
        /* phonemes are case-sensitive (E is not e) */
        out[o++] = (char)(!phonemes && *s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s);
    }
    out[o] = '\0';
}

static bool word_char(unsigned char c)
{
    return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static bool contains(const char *hay, const char *needle, bool whole)
{
    size_t n = strlen(needle);
    if (n == 0)
        return false;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) {
        if (!whole)
            return true;
        bool left = p == hay || !word_char((unsigned char)p[-1]);
        if (left && !word_char((unsigned char)p[n]))
            return true;
    }
    return false;
}

/* espeak-ng's phonemes of `text` in `lang`'s voice, appended to buf. */
static void phonemes(const char *lang, const char *text, char *buf, size_t size)
{
    assert_int_equal(espeak_ng_SetVoiceByName(lang), ENS_OK);
    const void *p = text;
    size_t n = strlen(buf);
    while (p) {
        const char *ph = espeak_TextToPhonemes(&p, espeakCHARS_UTF8, 0);
        if (ph && n + strlen(ph) + 2 < size) {
            memcpy(buf + n, ph, strlen(ph));
            n += strlen(ph);
            buf[n++] = ' ';
            buf[n] = '\0';
        }
    }
}

/* The banned words of `lang` as phonemes, normalised, in its voice. */
static void banned_phonemes(const char *lang, char out[][128], bool whole[], size_t *n)
{
    const struct banned *b = banned_of(lang);
    *n = 0;
    for (size_t i = 0; i < 12 && b[i].word; i++) {
        char ph[256] = "";
        phonemes(lang, b[i].word, ph, sizeof ph);
        ph[strcspn(ph, " ")] = '\0';
        normalise(ph, out[*n], 128, true);
        size_t len = strlen(out[*n]);
        if (b[i].cut > 0 && len > (size_t)b[i].cut + 3)
            out[*n][len - (size_t)b[i].cut] = '\0';
        whole[*n] = b[i].whole;
        (*n)++;
    }
}

/* What is wrong with saying `text` in `lang` ("" nothing), into why. */
static void check_said(const char *lang, const char *text, bool prepare, char *why, size_t size)
{
    static char said[16384], norm[16384], ph[32768], phn[32768];
    why[0] = '\0';
    if (prepare)
        assert_true(ww_say_prepare(lang, NULL, text, said, sizeof said));
    else
        snprintf(said, sizeof said, "%s", text);
    /* the runs of each voice: words and phonemes */
    ph[0] = '\0';
    char nl_text[8192] = "", own_text[8192] = "";
    for (const char *s = said; *s;) {
        bool dutch;
        const char *w;
        size_t len;
        s += ww_say_run(s, &dutch, &w, &len);
        char run[4096];
        snprintf(run, sizeof run, "%.*s", (int)len, w);
        char *into = dutch ? nl_text : own_text;
        size_t used = strlen(into);
        snprintf(into + used, 8192 - used, "%s ", run);
    }
    for (int pass = 0; pass < 2; pass++) {
        const char *voice = pass == 0 ? lang : "nl";
        const char *words = pass == 0 ? own_text : nl_text;
        if (!words[0])
            continue;
        normalise(words, norm, sizeof norm, false);
        const struct banned *b = banned_of(voice);
        for (size_t i = 0; i < 12 && b[i].word; i++) {
            char w[64];
            normalise(b[i].word, w, sizeof w, false);
            if (contains(norm, w, b[i].whole)) {
                snprintf(why, size, "says \"%s\": %s", b[i].word, said);
                return;
            }
        }
        ph[0] = '\0';
        phonemes(voice, words, ph, sizeof ph);
        normalise(ph, phn, sizeof phn, true);
        char bp[12][128];
        bool whole[12];
        size_t nb;
        banned_phonemes(voice, bp, whole, &nb);
        for (size_t i = 0; i < nb; i++) {
            if (contains(phn, bp[i], whole[i])) {
                snprintf(why, size, "phonemes hold [%s] (%s): %s -> %s", bp[i], b[i].word, said,
                         ph);
                return;
            }
        }
    }
    /* nothing left for the synthesiser to read as a number or a time */
    for (const char *s = said; *s; s++) {
        size_t d = 0;
        while (s[d] >= '0' && s[d] <= '9')
            d++;
        bool clock = d >= 1 && d <= 2 && (s[d] == ':' || s[d] == '.') && s[d + 1] >= '0' &&
                     s[d + 1] <= '9' && s[d + 2] >= '0' && s[d + 2] <= '9';
        if (d >= 3 || clock) {
            snprintf(why, size, "leaves \"%.*s\" to the synthesiser: %s", (int)(d + 3), s, said);
            return;
        }
        s += d ? d - 1 : 0;
    }
}

static void test_checker_catches_old_readings(void **state)
{
    (void)state;
    char why[512];
    /* what espeak-ng made of the raw texts: caught */
    static const char *const bad[][2] = {
        {"nl", "Bel 14 073."},    {"nl", "Bel dan 112."}, {"nl", "Bel 0800-8020."},
        {"en", "Then call 112."}, {"tr", "0800-8020"},    {"pl", "Zadzwoń: 0800-8020."},
        {"uk", "0800-8020"},      {"ar", "0800-8020"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        check_said(bad[i][0], bad[i][1], false, why, sizeof why);
        print_message("  raw %s \"%s\": %s\n", bad[i][0], bad[i][1], why);
        assert_true(why[0] != '\0');
    }
    /* and the same prepared: fine */
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        check_said(bad[i][0], bad[i][1], true, why, sizeof why);
        if (why[0])
            fail_msg("%s \"%s\": %s", bad[i][0], bad[i][1], why);
    }
}

static void test_shipped_content(void **state)
{
    (void)state;
    struct texts items = {0}, sentences = {0};
    scan_file("kiosk-config/partners.ini", &items);
    scan_dir("kiosk-config/locations", ".ini", &items);
    scan_dir("kiosk-config/flows", ".flow", &items);
    for (size_t l = 1; l < N_LANGS; l++)
        scan_po(langs[l], &items, &sentences);
    print_message("  %zu items (phone numbers, times, abbreviations), %zu sentences\n", items.n,
                  sentences.n);
    assert_true(items.n >= 20); /* the content was found */

    char why[1024];
    size_t failures = 0, checked = 0;
    for (size_t i = 0; i < items.n + sentences.n; i++) {
        const struct text *t = i < items.n ? &items.v[i] : &sentences.v[i - items.n];
        for (size_t l = 0; l < N_LANGS; l++) {
            if (t->lang[0] && strcmp(t->lang, langs[l]) != 0)
                continue;
            check_said(langs[l], t->text, true, why, sizeof why);
            checked++;
            if (why[0]) {
                print_error("%s: %s: \"%s\" %s\n", t->where, langs[l], t->text, why);
                failures++;
            }
        }
    }
    /* every abbreviation is spelled (in the table of say.c) */
    for (size_t i = 0; i < items.n; i++) {
        regmatch_t m[4];
        const char *a = items.v[i].text;
        if (regexec(&res[ABBR_PATTERN], a, 4, m, 0) != 0 || strlen(a) != (size_t)m[2].rm_eo)
            continue;
        char said[256];
        assert_true(ww_say_prepare("nl", NULL, a, said, sizeof said));
        if (strcmp(said, a) == 0) {
            print_error("%s: abbreviation \"%s\" is not spelled (add it to say.c's table)\n",
                        items.v[i].where, a);
            failures++;
        }
    }
    print_message("  %zu texts said, %zu problems\n", checked, failures);
    texts_free(&items);
    texts_free(&sentences);
    assert_int_equal(failures, 0);
}

/* espeak-ng 1.51 keeps a voice record (1,344 bytes) for each
 * espeak_ng_SetVoiceByName and never frees it; this test switches voices
 * thousands of times (each run of text in its own voice). LeakSanitizer
 * reads this hook; in other builds it is an unused function. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libespeak-ng.so\n";
}

static int setup(void **state)
{
    (void)state;
    for (size_t p = 0; p < N_PATTERNS; p++)
        if (regcomp(&res[p], patterns[p], REG_EXTENDED) != 0)
            return -1;
    espeak_ng_InitializePath(NULL);
    if (espeak_ng_Initialize(NULL) != ENS_OK)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    for (size_t p = 0; p < N_PATTERNS; p++)
        regfree(&res[p]);
    espeak_ng_Terminate();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_checker_catches_old_readings),
        cmocka_unit_test(test_shipped_content),
    };
    return cmocka_run_group_tests_name("say content", tests, setup, teardown);
}
