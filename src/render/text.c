#include "render/text.h"

#include "core/log.h"
#include "core/str.h"

#include <SDL2/SDL_ttf.h>
#include <fontconfig/fontconfig.h>
#include <fribidi.h>

#include <stdlib.h>
#include <string.h>

/* Faces: index = arabic * 2 + bold. */
enum { FACE_LATIN = 0, FACE_ARABIC = 1, N_FACES = 4 };
#define MAX_SIZES   40
#define WIDTH_SLOTS 8192 /* power of two */

struct face_size {
    int px;
    TTF_Font *font;
};

struct face {
    char file[512];
    struct face_size sizes[MAX_SIZES];
    int n;
};

struct width_slot {
    uint64_t key; /* 0 = empty */
    int w;
};

struct ww_text {
    struct face faces[N_FACES];
    /* Widths of shaped runs: the expensive part of wrapping. Keyed by a
     * 64-bit hash of text, size, weight, face and direction; a full table is
     * simply emptied (it refills within a frame or two). */
    struct width_slot *widths;
    size_t n_widths;
    bool no_arabic; /* Noto Sans Arabic is missing: Arabic runs use the Latin face */
};

/* ---- fonts ---- */

static bool find_font(FcConfig *fc, const char *pattern, const char *want_family, char *out,
                      size_t size)
{
    FcPattern *pat = FcNameParse((const FcChar8 *)pattern);
    if (!pat)
        return false;
    FcConfigSubstitute(fc, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *match = FcFontMatch(fc, pat, &res);
    FcPatternDestroy(pat);
    if (!match)
        return false;
    FcChar8 *file = NULL;
    FcChar8 *family = NULL;
    bool ok = FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch &&
              FcPatternGetString(match, FC_FAMILY, 0, &family) == FcResultMatch;
    if (ok && strcmp((const char *)family, want_family) != 0) {
        ww_error("text: font '%s' not installed (fontconfig offers '%s'); install fonts-noto-core",
                 want_family, (const char *)family);
        ok = false;
    }
    if (ok)
        ok = ww_strlcpy(out, (const char *)file, size);
    FcPatternDestroy(match);
    return ok;
}

struct ww_text *ww_text_new(void)
{
    struct ww_text *t = calloc(1, sizeof *t);
    if (!t)
        abort();
    static const struct {
        const char *pattern, *family;
    } want[N_FACES] = {
        {"Noto Sans:weight=regular", "Noto Sans"},
        {"Noto Sans Arabic:weight=regular", "Noto Sans Arabic"},
        {"Noto Sans:weight=bold", "Noto Sans"},
        {"Noto Sans Arabic:weight=bold", "Noto Sans Arabic"},
    };
    /* A private fontconfig configuration, dropped once the four files are
     * known: no process-wide fontconfig state stays behind. */
    FcConfig *fc = FcInitLoadConfigAndFonts();
    if (!fc) {
        ww_error("text: fontconfig failed to start");
        free(t);
        return NULL;
    }
    for (int i = 0; i < N_FACES; i++) {
        bool arabic = i % 2 == FACE_ARABIC;
        if (arabic && t->no_arabic)
            continue; /* said once, for the regular weight */
        if (!find_font(fc, want[i].pattern, want[i].family, t->faces[i].file,
                       sizeof t->faces[i].file)) {
            if (arabic) {
                /* Everything but Arabic can still be drawn: the caller
                 * decides (ww_text_has_arabic). */
                t->no_arabic = true;
                continue;
            }
            ww_error("text: no font for '%s'", want[i].pattern);
            FcConfigDestroy(fc);
            free(t);
            return NULL;
        }
    }
    FcConfigDestroy(fc);
    if (TTF_Init() != 0) {
        ww_error("text: SDL_ttf failed to start: %s", TTF_GetError());
        free(t);
        return NULL;
    }
    t->widths = calloc(WIDTH_SLOTS, sizeof *t->widths);
    if (!t->widths)
        abort();
    return t;
}

void ww_text_free(struct ww_text *t)
{
    if (!t)
        return;
    for (int i = 0; i < N_FACES; i++)
        for (int j = 0; j < t->faces[i].n; j++)
            TTF_CloseFont(t->faces[i].sizes[j].font);
    free(t->widths);
    free(t);
    TTF_Quit();
}

bool ww_text_has_arabic(const struct ww_text *t)
{
    return !t->no_arabic;
}

const char *ww_text_font_file(const struct ww_text *t, bool arabic, bool bold)
{
    if (t->no_arabic)
        arabic = false;
    return t->faces[(bold ? 2 : 0) + (arabic ? FACE_ARABIC : FACE_LATIN)].file;
}

/* The face index for (arabic?, bold). */
static int face_index(int script_face, bool bold)
{
    return (bold ? 2 : 0) + script_face;
}

static TTF_Font *font_at(struct ww_text *t, int face, int px)
{
    if (t->no_arabic && face % 2 == FACE_ARABIC)
        face -= FACE_ARABIC;
    struct face *f = &t->faces[face];
    for (int i = 0; i < f->n; i++)
        if (f->sizes[i].px == px)
            return f->sizes[i].font;
    if (f->n == MAX_SIZES) {
        /* Many sizes in use (a size sweep in a test): start over. */
        for (int i = 0; i < f->n; i++)
            TTF_CloseFont(f->sizes[i].font);
        f->n = 0;
    }
    TTF_Font *font = TTF_OpenFont(f->file, px);
    if (!font) {
        ww_error("text: cannot open %s at %d px: %s", f->file, px, TTF_GetError());
        return NULL;
    }
    TTF_SetFontHinting(font, TTF_HINTING_LIGHT);
    f->sizes[f->n].px = px;
    f->sizes[f->n].font = font;
    f->n++;
    return font;
}

void ww_text_metrics(struct ww_text *t, int px, bool bold, int *cap_px, int *line_px)
{
    TTF_Font *font = font_at(t, face_index(FACE_LATIN, bold), px);
    int minx = 0, maxx = 0, miny = 0, maxy = 0, adv = 0;
    if (cap_px)
        *cap_px = font && TTF_GlyphMetrics32(font, 'H', &minx, &maxx, &miny, &maxy, &adv) == 0
                      ? maxy
                      : px * 7 / 10;
    if (line_px)
        *line_px = font ? TTF_FontLineSkip(font) : px * 4 / 3;
}

/* ---- hashing ---- */

static uint64_t fnv(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

#define FNV_START 0xcbf29ce484222325ULL

/* ---- code points and bidi ---- */

static bool is_arabic_cp(uint32_t c)
{
    return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) ||
           (c >= 0x08A0 && c <= 0x08FF) || (c >= 0xFB50 && c <= 0xFDFF) ||
           (c >= 0xFE70 && c <= 0xFEFF);
}

static bool is_cyrillic_cp(uint32_t c)
{
    return c >= 0x0400 && c <= 0x052F;
}

/* A laid-out text. Indices are code point positions. */
struct run {
    size_t a, b; /* logical range */
    int level;
    int face; /* FACE_LATIN or FACE_ARABIC */
    int w;
};

struct line {
    size_t a, b;
    int base_level;
    size_t run0, nruns; /* visual order, in layout.runs */
    int w;
};

struct layout {
    uint32_t *cp;
    FriBidiCharType *types;
    FriBidiBracketType *btypes;
    FriBidiLevel *levels;
    unsigned char *face; /* per code point */
    size_t n;
    struct line *lines;
    size_t n_lines, cap_lines;
    struct run *runs;
    size_t n_runs, cap_runs;
    bool overflow;
    bool any_arabic;
    int ascent, line_h; /* per line, for every line of this text */
};

static void layout_destroy(struct layout *L)
{
    free(L->cp);
    free(L->types);
    free(L->btypes);
    free(L->levels);
    free(L->face);
    free(L->lines);
    free(L->runs);
}

/* UTF-8 of code points [a, b) into a heap string. */
static char *utf8_of(const uint32_t *cp, size_t a, size_t b)
{
    size_t n = b - a;
    char *s = malloc(n * 4 + 1);
    if (!s)
        abort();
    FriBidiStrIndex len =
        fribidi_unicode_to_charset(FRIBIDI_CHAR_SET_UTF8, cp + a, (FriBidiStrIndex)n, s);
    s[len] = '\0';
    return s;
}

static void set_shaping(TTF_Font *font, int face, int level, const uint32_t *cp, size_t a, size_t b)
{
    if (face == FACE_ARABIC) {
        TTF_SetFontScriptName(font, "Arab");
    } else {
        const char *script = "Latn";
        for (size_t i = a; i < b; i++) {
            if (is_cyrillic_cp(cp[i])) {
                script = "Cyrl";
                break;
            }
        }
        TTF_SetFontScriptName(font, script);
    }
    TTF_SetFontDirection(font, (level & 1) ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
}

/* Width of one run (one face, one level), cached. */
static int run_width(struct ww_text *t, const struct layout *L, const struct ww_text_style *st,
                     size_t a, size_t b, int face, int level)
{
    if (a >= b)
        return 0;
    int fidx = face_index(face, st->bold);
    uint64_t k = fnv(FNV_START, L->cp + a, (b - a) * sizeof(uint32_t));
    int meta[3] = {st->px, fidx, level & 1};
    k = fnv(k, meta, sizeof meta);
    if (k == 0)
        k = 1;
    size_t slot = (size_t)k & (WIDTH_SLOTS - 1);
    for (size_t probe = 0; probe < 8; probe++) {
        struct width_slot *s = &t->widths[(slot + probe) & (WIDTH_SLOTS - 1)];
        if (s->key == k)
            return s->w;
        if (s->key == 0)
            break;
    }
    TTF_Font *font = font_at(t, fidx, st->px);
    int w = 0, h = 0;
    if (font) {
        set_shaping(font, face, level, L->cp, a, b);
        char *s = utf8_of(L->cp, a, b);
        if (TTF_SizeUTF8(font, s, &w, &h) != 0)
            w = 0;
        free(s);
    }
    if (t->n_widths >= WIDTH_SLOTS / 2) {
        memset(t->widths, 0, WIDTH_SLOTS * sizeof *t->widths);
        t->n_widths = 0;
    }
    for (size_t probe = 0; probe < 8; probe++) {
        struct width_slot *s = &t->widths[(slot + probe) & (WIDTH_SLOTS - 1)];
        if (s->key == 0) {
            s->key = k;
            s->w = w;
            t->n_widths++;
            break;
        }
    }
    return w;
}

/* Level of position i within a line [a, b): rule L1 puts trailing white
 * space at the paragraph level. */
static int line_level(const struct layout *L, size_t i, size_t b, int base_level)
{
    for (size_t j = i; j < b; j++) {
        FriBidiCharType ty = L->types[j];
        if (!(ty == FRIBIDI_TYPE_WS || ty == FRIBIDI_TYPE_BN || ty == FRIBIDI_TYPE_SS))
            return L->levels[i];
    }
    return base_level;
}

/* Width of [a, b) as laid out on one line (sum of its runs). */
static int span_width(struct ww_text *t, const struct layout *L, const struct ww_text_style *st,
                      size_t a, size_t b, int base_level)
{
    int w = 0;
    size_t i = a;
    while (i < b) {
        int lv = line_level(L, i, b, base_level);
        int face = L->face[i];
        size_t j = i + 1;
        while (j < b && line_level(L, j, b, base_level) == lv && L->face[j] == face)
            j++;
        w += run_width(t, L, st, i, j, face, lv);
        i = j;
    }
    return w;
}

static void push_line(struct layout *L, size_t a, size_t b, int base_level)
{
    if (L->n_lines == L->cap_lines) {
        L->cap_lines = L->cap_lines ? L->cap_lines * 2 : 8;
        L->lines = realloc(L->lines, L->cap_lines * sizeof *L->lines);
        if (!L->lines)
            abort();
    }
    struct line *ln = &L->lines[L->n_lines++];
    memset(ln, 0, sizeof *ln);
    ln->a = a;
    ln->b = b;
    ln->base_level = base_level;
}

static void push_run(struct layout *L, const struct run *r)
{
    if (L->n_runs == L->cap_runs) {
        L->cap_runs = L->cap_runs ? L->cap_runs * 2 : 16;
        L->runs = realloc(L->runs, L->cap_runs * sizeof *L->runs);
        if (!L->runs)
            abort();
    }
    L->runs[L->n_runs++] = *r;
}

static void reverse_runs(struct run *r, size_t n)
{
    for (size_t i = 0; i < n / 2; i++) {
        struct run tmp = r[i];
        r[i] = r[n - 1 - i];
        r[n - 1 - i] = tmp;
    }
}

/* Build the visual runs of a line (rules L1, L2 on runs: a run reversed an
 * odd number of times is exactly a run shaped right to left). */
static void line_runs(struct ww_text *t, struct layout *L, const struct ww_text_style *st,
                      struct line *ln)
{
    ln->run0 = L->n_runs;
    size_t i = ln->a;
    int max_level = 0, min_odd = 1000;
    while (i < ln->b) {
        int lv = line_level(L, i, ln->b, ln->base_level);
        int face = L->face[i];
        size_t j = i + 1;
        while (j < ln->b && line_level(L, j, ln->b, ln->base_level) == lv && L->face[j] == face)
            j++;
        struct run r = {i, j, lv, face, run_width(t, L, st, i, j, face, lv)};
        push_run(L, &r);
        if (lv > max_level)
            max_level = lv;
        if ((lv & 1) && lv < min_odd)
            min_odd = lv;
        ln->w += r.w;
        i = j;
    }
    ln->nruns = L->n_runs - ln->run0;
    struct run *runs = L->runs + ln->run0;
    for (int level = max_level; level >= min_odd && level > 0; level--) {
        size_t k = 0;
        while (k < ln->nruns) {
            if (runs[k].level < level) {
                k++;
                continue;
            }
            size_t e = k;
            while (e < ln->nruns && runs[e].level >= level)
                e++;
            reverse_runs(runs + k, e - k);
            k = e;
        }
    }
}

static bool is_space(uint32_t c)
{
    return c == ' ' || c == '\t';
}

/* Break the paragraph [p, q) into lines. */
static void wrap_paragraph(struct ww_text *t, struct layout *L, const struct ww_text_style *st,
                           size_t p, size_t q, int base_level)
{
    size_t s = p;
    while (s < q && is_space(L->cp[s]))
        s++;
    if (s >= q || st->max_w <= 0) {
        push_line(L, s, q, base_level);
        return;
    }
    size_t line_a = s, line_b = s; /* line so far: [line_a, line_b) */
    size_t i = s;
    while (i < q) {
        size_t ws = i;
        size_t we = ws;
        while (we < q && !is_space(L->cp[we]))
            we++;
        int w = span_width(t, L, st, line_a, we, base_level);
        if (w <= st->max_w) {
            line_b = we;
        } else if (line_b > line_a) {
            push_line(L, line_a, line_b, base_level);
            line_a = ws;
            line_b = ws;
            continue; /* retry this word on the new line */
        } else {
            /* One word wider than the line: break between characters. */
            size_t k = ws + 1;
            while (k < we && span_width(t, L, st, ws, k + 1, base_level) <= st->max_w)
                k++;
            L->overflow = true;
            push_line(L, ws, k, base_level);
            line_a = line_b = k;
            i = k;
            continue;
        }
        i = we;
        while (i < q && is_space(L->cp[i]))
            i++;
    }
    if (line_b > line_a || L->n_lines == 0)
        push_line(L, line_a, line_b, base_level);
}

static bool layout_text(struct ww_text *t, const char *utf8, const struct ww_text_style *st,
                        struct layout *L)
{
    memset(L, 0, sizeof *L);
    size_t len = strlen(utf8);
    L->cp = malloc((len + 1) * sizeof *L->cp);
    if (!L->cp)
        abort();
    L->n = (size_t)fribidi_charset_to_unicode(FRIBIDI_CHAR_SET_UTF8, utf8, (FriBidiStrIndex)len,
                                              L->cp);
    size_t n = L->n ? L->n : 1;
    L->types = malloc(n * sizeof *L->types);
    L->btypes = malloc(n * sizeof *L->btypes);
    L->levels = malloc(n * sizeof *L->levels);
    L->face = malloc(n);
    if (!L->types || !L->btypes || !L->levels || !L->face)
        abort();
    fribidi_get_bidi_types(L->cp, (FriBidiStrIndex)L->n, L->types);
    fribidi_get_bracket_types(L->cp, (FriBidiStrIndex)L->n, L->types, L->btypes);

    /* Faces: Arabic letters in Noto Sans Arabic; neutrals (spaces,
     * punctuation) stay with the letters before them so runs stay long. */
    int prev = -1;
    for (size_t i = 0; i < L->n; i++) {
        uint32_t c = L->cp[i];
        FriBidiCharType ty = L->types[i];
        bool strong = FRIBIDI_IS_LETTER(ty) || ty == FRIBIDI_TYPE_AN;
        if (is_arabic_cp(c)) {
            L->face[i] = FACE_ARABIC;
            L->any_arabic = true;
        } else if (!strong && prev == FACE_ARABIC && (c == ' ' || c == 0x060C || c == 0x061F)) {
            L->face[i] = FACE_ARABIC;
        } else {
            L->face[i] = FACE_LATIN;
        }
        if (strong || is_arabic_cp(c))
            prev = L->face[i];
    }

    size_t p = 0;
    while (p <= L->n) {
        size_t q = p;
        while (q < L->n && L->cp[q] != '\n')
            q++;
        int base_level = st->rtl ? 1 : 0;
        if (q > p) {
            /* A right-to-left screen reads every paragraph right to left,
             * also one that starts with a Latin name; left-to-right screens
             * follow the text (an Arabic address stays right to left). */
            FriBidiParType dir = st->rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_WLTR;
            if (!fribidi_get_par_embedding_levels_ex(
                    L->types + p, L->btypes + p, (FriBidiStrIndex)(q - p), &dir, L->levels + p)) {
                ww_error("text: bidi analysis failed");
                return false;
            }
            base_level = FRIBIDI_DIR_TO_LEVEL(dir);
        }
        wrap_paragraph(t, L, st, p, q, base_level);
        if (q >= L->n)
            break;
        p = q + 1;
    }
    if (st->max_lines > 0 && L->n_lines > (size_t)st->max_lines) {
        L->n_lines = (size_t)st->max_lines;
        L->overflow = true;
    }
    for (size_t i = 0; i < L->n_lines; i++)
        line_runs(t, L, st, &L->lines[i]);

    /* One line height for the whole text; taller when Arabic is in it. */
    TTF_Font *lat = font_at(t, face_index(FACE_LATIN, st->bold), st->px);
    if (!lat)
        return false;
    int asc = TTF_FontAscent(lat), desc = -TTF_FontDescent(lat), skip = TTF_FontLineSkip(lat);
    if (L->any_arabic) {
        TTF_Font *ar = font_at(t, face_index(FACE_ARABIC, st->bold), st->px);
        if (!ar)
            return false;
        /* Noto Sans Arabic's line metrics leave room far beyond the ink of
         * fully vocalised text (measured: 1.19 em above, 0.48 em below the
         * baseline); lines that tall make Arabic screens a fifth longer. */
        int a2 = TTF_FontAscent(ar), d2 = -TTF_FontDescent(ar);
        if (a2 > st->px * 5 / 4)
            a2 = st->px * 5 / 4;
        if (d2 > st->px * 11 / 20)
            d2 = st->px * 11 / 20;
        if (a2 > asc)
            asc = a2;
        if (d2 > desc)
            desc = d2;
        if (asc + desc + st->px / 12 > skip)
            skip = asc + desc + st->px / 12;
    }
    L->ascent = asc;
    L->line_h = skip > asc + desc ? skip : asc + desc;
    return true;
}

static void box_of(const struct layout *L, struct ww_text_box *box)
{
    memset(box, 0, sizeof *box);
    for (size_t i = 0; i < L->n_lines; i++)
        if (L->lines[i].w > box->w)
            box->w = L->lines[i].w;
    box->lines = (int)L->n_lines;
    box->h = box->lines * L->line_h;
    box->baseline = L->ascent;
    box->overflow = L->overflow || (L->n_lines > 0 && L->line_h <= 0);
}

bool ww_text_measure(struct ww_text *t, const char *utf8, const struct ww_text_style *st,
                     struct ww_text_box *box)
{
    struct layout L;
    bool ok = layout_text(t, utf8 ? utf8 : "", st, &L);
    if (ok)
        box_of(&L, box);
    layout_destroy(&L);
    return ok;
}

/* Merge a rendered run (constant colour, varying alpha) into dst: the
 * destination keeps the larger coverage, so touching runs never erase each
 * other's edges on a transparent surface. */
static void merge_run(SDL_Surface *dst, SDL_Surface *src, int x, int y, SDL_Color c)
{
    SDL_Surface *s = src;
    if (src->format->format != SDL_PIXELFORMAT_ARGB8888) {
        s = SDL_ConvertSurfaceFormat(src, SDL_PIXELFORMAT_ARGB8888, 0);
        if (!s)
            return;
    }
    uint32_t rgb = ((uint32_t)c.r << 16) | ((uint32_t)c.g << 8) | c.b;
    for (int sy = 0; sy < s->h; sy++) {
        int dy = y + sy;
        if (dy < 0 || dy >= dst->h)
            continue;
        const uint32_t *sp = (const uint32_t *)((const uint8_t *)s->pixels + (size_t)sy * s->pitch);
        uint32_t *dp = (uint32_t *)((uint8_t *)dst->pixels + (size_t)dy * dst->pitch);
        for (int sx = 0; sx < s->w; sx++) {
            int dx = x + sx;
            if (dx < 0 || dx >= dst->w)
                continue;
            uint32_t a = sp[sx] >> 24;
            uint32_t da = dp[dx] >> 24;
            if (a > da)
                dp[dx] = (a << 24) | rgb;
        }
    }
    if (s != src)
        SDL_FreeSurface(s);
}

/* Put the coverage-only text onto its background colour: every pixel
 * opaque, the glyph edges mixed with the background. */
static void flatten(SDL_Surface *dst, SDL_Color fg, SDL_Color bg)
{
    for (int y = 0; y < dst->h; y++) {
        uint32_t *row = (uint32_t *)((uint8_t *)dst->pixels + (size_t)y * dst->pitch);
        for (int x = 0; x < dst->w; x++) {
            uint32_t a = row[x] >> 24;
            uint32_t r = (bg.r * (255 - a) + fg.r * a + 127) / 255;
            uint32_t g = (bg.g * (255 - a) + fg.g * a + 127) / 255;
            uint32_t b = (bg.b * (255 - a) + fg.b * a + 127) / 255;
            row[x] = 0xFF000000u | (r << 16) | (g << 8) | b;
        }
    }
}

static bool all_space(const uint32_t *cp, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (!is_space(cp[i]))
            return false;
    return true;
}

SDL_Surface *ww_text_render(struct ww_text *t, const char *utf8, const struct ww_text_style *st,
                            struct ww_text_box *box)
{
    struct layout L;
    struct ww_text_box b;
    SDL_Surface *dst = NULL;
    if (!layout_text(t, utf8 ? utf8 : "", st, &L))
        goto out;
    box_of(&L, &b);
    if (box)
        *box = b;
    dst = SDL_CreateRGBSurfaceWithFormat(0, b.w > 0 ? b.w : 1, b.h > 0 ? b.h : 1, 32,
                                         SDL_PIXELFORMAT_ARGB8888);
    if (!dst) {
        ww_error("text: no memory for a %dx%d text surface", b.w, b.h);
        goto out;
    }
    SDL_FillRect(dst, NULL, 0);
    SDL_Color c = st->color;
    c.a = 255;
    for (size_t li = 0; li < L.n_lines; li++) {
        const struct line *ln = &L.lines[li];
        int x;
        int slack = b.w - ln->w;
        switch (st->align) {
        case WW_TEXT_CENTER:
            x = slack / 2;
            break;
        case WW_TEXT_END:
            x = st->rtl ? 0 : slack;
            break;
        default:
            x = st->rtl ? slack : 0;
            break;
        }
        int top = (int)li * L.line_h;
        for (size_t ri = 0; ri < ln->nruns; ri++) {
            const struct run *r = &L.runs[ln->run0 + ri];
            if (r->w > 0 && !all_space(L.cp, r->a, r->b)) {
                TTF_Font *font = font_at(t, face_index(r->face, st->bold), st->px);
                if (font) {
                    set_shaping(font, r->face, r->level, L.cp, r->a, r->b);
                    char *s = utf8_of(L.cp, r->a, r->b);
                    SDL_Surface *rs = TTF_RenderUTF8_Blended(font, s, c);
                    free(s);
                    if (rs) {
                        merge_run(dst, rs, x, top + L.ascent - TTF_FontAscent(font), c);
                        SDL_FreeSurface(rs);
                    } else {
                        ww_warn("text: a run did not render: %s", TTF_GetError());
                    }
                }
            }
            x += r->w;
        }
    }
    if (dst && st->opaque)
        flatten(dst, c, st->bg);
out:
    layout_destroy(&L);
    return dst;
}

/* ---- the cache ---- */

struct entry {
    struct entry *next; /* hash chain */
    uint64_t key;
    char *text;
    struct ww_text_style st;
    struct ww_text_img img;
    bool rendered;
    uint64_t stamp;
    size_t bytes;
};

#define BUCKETS 1024

struct ww_text_cache {
    struct ww_text *t;
    size_t budget;
    void (*free_user)(void *user);
    struct entry *buckets[BUCKETS];
    size_t n, bytes;
    uint64_t clock;
    size_t hits, misses, renders;
};

struct ww_text_cache *ww_text_cache_new(struct ww_text *t, size_t budget,
                                        void (*free_user)(void *user))
{
    struct ww_text_cache *c = calloc(1, sizeof *c);
    if (!c)
        abort();
    c->t = t;
    c->budget = budget;
    c->free_user = free_user;
    return c;
}

static void entry_free(struct ww_text_cache *c, struct entry *e)
{
    if (e->img.user && c->free_user)
        c->free_user(e->img.user);
    SDL_FreeSurface(e->img.surface);
    free(e->text);
    free(e);
}

void ww_text_cache_clear(struct ww_text_cache *c)
{
    for (size_t i = 0; i < BUCKETS; i++) {
        struct entry *e = c->buckets[i];
        while (e) {
            struct entry *next = e->next;
            entry_free(c, e);
            e = next;
        }
        c->buckets[i] = NULL;
    }
    c->n = 0;
    c->bytes = 0;
}

void ww_text_cache_free(struct ww_text_cache *c)
{
    if (!c)
        return;
    ww_text_cache_clear(c);
    free(c);
}

static bool style_eq(const struct ww_text_style *a, const struct ww_text_style *b)
{
    return a->px == b->px && a->bold == b->bold && a->color.r == b->color.r &&
           a->color.g == b->color.g && a->color.b == b->color.b && a->max_w == b->max_w &&
           a->max_lines == b->max_lines && a->align == b->align && a->rtl == b->rtl &&
           a->opaque == b->opaque &&
           (!a->opaque || (a->bg.r == b->bg.r && a->bg.g == b->bg.g && a->bg.b == b->bg.b));
}

static uint64_t style_key(const char *text, const struct ww_text_style *st)
{
    uint64_t k = fnv(FNV_START, text, strlen(text));
    int f[13] = {st->px,    st->bold,      st->color.r,    st->color.g, st->color.b,
                 st->max_w, st->max_lines, (int)st->align, st->rtl,     st->opaque,
                 st->bg.r,  st->bg.g,      st->bg.b};
    return fnv(k, f, sizeof f);
}

static struct entry *lookup(struct ww_text_cache *c, const char *text,
                            const struct ww_text_style *st)
{
    uint64_t k = style_key(text, st);
    struct entry **head = &c->buckets[k % BUCKETS];
    for (struct entry *e = *head; e; e = e->next) {
        if (e->key == k && style_eq(&e->st, st) && strcmp(e->text, text) == 0) {
            e->stamp = ++c->clock;
            return e;
        }
    }
    struct entry *e = calloc(1, sizeof *e);
    if (!e)
        abort();
    e->key = k;
    e->text = strdup(text);
    if (!e->text)
        abort();
    e->st = *st;
    e->stamp = ++c->clock;
    if (!ww_text_measure(c->t, text, st, &e->img.box)) {
        free(e->text);
        free(e);
        return NULL;
    }
    e->next = *head;
    *head = e;
    c->n++;
    return e;
}

bool ww_text_cache_measure(struct ww_text_cache *c, const char *utf8,
                           const struct ww_text_style *st, struct ww_text_box *box)
{
    struct entry *e = lookup(c, utf8 ? utf8 : "", st);
    if (!e)
        return false;
    *box = e->img.box;
    return true;
}

struct ww_text_img *ww_text_cache_get(struct ww_text_cache *c, const char *utf8,
                                      const struct ww_text_style *st)
{
    struct entry *e = lookup(c, utf8 ? utf8 : "", st);
    if (!e)
        return NULL;
    if (e->rendered) {
        c->hits++;
        return &e->img;
    }
    c->misses++;
    e->img.surface = ww_text_render(c->t, e->text, st, &e->img.box);
    if (!e->img.surface)
        return NULL;
    c->renders++;
    e->rendered = true;
    e->bytes = (size_t)e->img.surface->w * (size_t)e->img.surface->h * 4;
    c->bytes += e->bytes;
    return &e->img;
}

static int by_stamp(const void *a, const void *b)
{
    const struct entry *x = *(struct entry *const *)a, *y = *(struct entry *const *)b;
    return x->stamp < y->stamp ? -1 : x->stamp > y->stamp;
}

void ww_text_cache_trim(struct ww_text_cache *c)
{
    /* Layout-only entries are small; keep at most a few thousand. */
    if (c->bytes <= c->budget && c->n <= 4096)
        return;
    struct entry **all = malloc(c->n * sizeof *all);
    if (!all)
        abort();
    size_t n = 0;
    for (size_t i = 0; i < BUCKETS; i++)
        for (struct entry *e = c->buckets[i]; e; e = e->next)
            all[n++] = e;
    qsort(all, n, sizeof *all, by_stamp);
    /* Evict the oldest half of the surplus entries, and images until the
     * pixel budget holds. */
    size_t k = 0;
    while (k < n && (c->bytes > c->budget || c->n > 2048)) {
        struct entry *e = all[k++];
        struct entry **pp = &c->buckets[e->key % BUCKETS];
        while (*pp != e)
            pp = &(*pp)->next;
        *pp = e->next;
        c->bytes -= e->bytes;
        c->n--;
        entry_free(c, e);
    }
    free(all);
}

void ww_text_cache_stats(const struct ww_text_cache *c, struct ww_text_cache_stats *out)
{
    out->images = c->n;
    out->bytes = c->bytes;
    out->hits = c->hits;
    out->misses = c->misses;
    out->renders = c->renders;
}
