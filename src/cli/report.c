/* wegwijzer report: the signals for the meeting of the municipality and its
 * partners, from the store's anonymous counters, as one self-contained HTML
 * file (inline SVG, A4 print styles, no scripts) and one CSV per table.
 *
 * Every figure is summed in the database (ww_store_report); the tables go
 * through the anonymity rule of report.h. All files are written under
 * temporary names and renamed only when every one of them was written. */
#include "cli/cli.h"
#include "core/err.h"

#include "app.h"
#include "core/flow.h"
#include "core/log.h"
#include "core/report.h"
#include "core/store.h"
#include "core/str.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
    "usage: wegwijzer report --from YYYY-MM-DD --to YYYY-MM-DD [--location ID...] --out DIR\n"
    "                        [options]\n"
    "\n"
    "Write report.html (one file: charts, tables, A4 print layout) and one CSV per\n"
    "table into DIR, for the period from..to (both included) and the locations\n"
    "given (repeat --location, or ID,ID; default: the only one). Counts below 5 are\n"
    "shown as \"< 5\" and cannot be computed from the totals.\n"
    "\n"
    "options:\n" WW_COMMON_HELP;

#define MAX_TABLES  32
#define TOP_ROWS    15 /* rows of a long list before "overige" */
#define MAX_SIGNALS 8  /* roster sentences, the largest */

static const char *const weekday_names[7] = {"maandag", "dinsdag",  "woensdag", "donderdag",
                                             "vrijdag", "zaterdag", "zondag"};

struct report {
    struct ww_app app;
    struct ww_flows flows;
    bool have_flows;
    char locs[1024]; /* comma-separated ids */
    struct ww_report_range range, prev;
    struct ww_rtable tables[MAX_TABLES];
    size_t n_tables;
    bool failed; /* a store query failed (already said) */
    int64_t visits, ratings, score_sum, missed;
};

/* ---- labels ---- */

static const char *partner_name(const struct report *r, const char *id)
{
    if (!*id)
        return "geen afspraak gemaakt";
    const struct ww_partner *p = ww_config_partner(&r->app.cfg, id, NULL);
    return p ? p->name : id;
}

static const char *topic_name(const struct report *r, const char *id)
{
    if (!*id)
        return "(zonder onderwerp)";
    const struct ww_flow_topic *t = r->have_flows ? ww_flows_topic(&r->flows, id, NULL) : NULL;
    return t ? t->title : id;
}

static const char *question_text(const struct report *r, const char *topic, const char *qid)
{
    int ti;
    const struct ww_flow_topic *t = r->have_flows ? ww_flows_topic(&r->flows, topic, &ti) : NULL;
    for (size_t i = 0; t && i < t->n_questions; i++)
        if (strcmp(t->questions[i].id, qid) == 0)
            return t->questions[i].text;
    return qid;
}

static const char *lang_name(const char *code)
{
    static const char *const names[][2] = {{"nl", "Nederlands"}, {"en", "Engels"},
                                           {"tr", "Turks"},      {"ar", "Arabisch"},
                                           {"pl", "Pools"},      {"uk", "Oekraïens"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(code, names[i][0]) == 0)
            return names[i][1];
    return code;
}

static void date_nl(ww_day day, char *buf, size_t size)
{
    int y, m, d;
    ww_day_to_ymd(day, &y, &m, &d);
    ww_fmt(buf, size, "%02d-%02d-%04d", d, m, y);
}

/* ---- queries ---- */

static bool query(struct report *r, enum ww_report_q q, const struct ww_report_range *rg,
                  struct ww_report_row **rows, size_t *n)
{
    enum ww_err e = ww_store_report(r->app.store, q, rg, rows, n);
    if (e == WW_OK)
        return true;
    if (!r->failed) {
        char shown[512];
        ww_store_mask(r->app.store_uri ? r->app.store_uri : r->app.loc->store, shown, sizeof shown);
        ww_app_fail(&r->app, "store %s cannot be read: %s", shown, ww_strerror(e));
    }
    r->failed = true;
    free(*rows);
    *rows = NULL;
    *n = 0;
    return false;
}

static struct ww_rtable *add_table(struct report *r, const char *id, const char *title,
                                   const char *head, size_t rows, size_t cols)
{
    if (r->n_tables == MAX_TABLES)
        abort(); /* a fixed set, see build() */
    struct ww_rtable *t = &r->tables[r->n_tables++];
    ww_rtable_init(t, id, title, rows, cols);
    ww_strlcpy(t->head, head, sizeof t->head);
    return t;
}

/* One count column, its total shown. */
static struct ww_rtable *list_table(struct report *r, const char *id, const char *title,
                                    const char *head, const char *col, size_t rows)
{
    struct ww_rtable *t = add_table(r, id, title, head, rows, 1);
    ww_strlcpy(t->clabel[0], col, sizeof t->clabel[0]);
    t->col_totals = true;
    t->chart = WW_CHART_BARS;
    return t;
}

static size_t find_label(char (*labels)[160], size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(labels[i], s) == 0)
            return i;
    return SIZE_MAX;
}

/* ---- the sections ---- */

static void demand(struct report *r)
{
    struct ww_report_row *rows = NULL;
    size_t n = 0;
    /* Visits per week: every week of the period, also the empty ones. */
    ww_day first = r->range.from - ww_day_weekday(r->range.from);
    size_t weeks = (size_t)((r->range.to - first) / 7 + 1);
    if (query(r, WW_RQ_VISITS_WEEK, &r->range, &rows, &n)) {
        struct ww_rtable *t = list_table(r, "bezoeken_per_week", "Bezoeken per week", "Week vanaf",
                                         "Bezoeken", weeks);
        for (size_t w = 0; w < weeks; w++)
            date_nl(first + (ww_day)(7 * w), t->rlabel[w], sizeof t->rlabel[w]);
        for (size_t i = 0; i < n; i++) {
            size_t w = (size_t)((rows[i].a - first) / 7);
            if (w < weeks)
                *ww_rtable_at(t, w, 0) += rows[i].v[0];
            r->visits += rows[i].v[0];
        }
    }
    free(rows);

    /* Topics per week: weeks down, topics across. */
    if (query(r, WW_RQ_TOPICS_WEEK, &r->range, &rows, &n)) {
        char topics[16][160];
        size_t nt = 0;
        for (size_t i = 0; i < n; i++)
            if (find_label(topics, nt, rows[i].k1) == SIZE_MAX && nt < 16)
                ww_strlcpy(topics[nt++], rows[i].k1, sizeof topics[0]);
        struct ww_rtable *t =
            add_table(r, "onderwerpen_per_week", "Onderwerpen per week", "Week vanaf", weeks, nt);
        ww_strlcpy(t->intro,
                   "Hoe vaak een onderwerp tot een uitkomst leidde. Eén bezoek kan meer "
                   "onderwerpen hebben.",
                   sizeof t->intro);
        t->row_totals = t->col_totals = true;
        for (size_t c = 0; c < nt; c++)
            ww_strlcpy(t->clabel[c], topic_name(r, topics[c]), sizeof t->clabel[c]);
        for (size_t w = 0; w < weeks; w++)
            date_nl(first + (ww_day)(7 * w), t->rlabel[w], sizeof t->rlabel[w]);
        for (size_t i = 0; i < n; i++) {
            size_t c = find_label(topics, nt, rows[i].k1);
            size_t w = (size_t)((rows[i].a - first) / 7);
            if (c != SIZE_MAX && w < weeks)
                *ww_rtable_at(t, w, c) += rows[i].v[0];
        }
    }
    free(rows);

    if (query(r, WW_RQ_OUTCOMES, &r->range, &rows, &n)) {
        /* The most frequent ones (rows come largest first), the rest as one. */
        size_t shown = n > TOP_ROWS ? TOP_ROWS : n;
        struct ww_rtable *t = list_table(r, "uitkomsten", "Uitkomsten en gekozen partners",
                                         "Uitkomst → afspraak met", "Aantal", shown + (n > shown));
        for (size_t i = 0; i < n; i++) {
            size_t row = i < shown ? i : shown;
            if (i < shown)
                ww_fmt(t->rlabel[row], sizeof t->rlabel[row], "%s → %s",
                       rows[i].k1[0] ? rows[i].k1 : "(geen)", partner_name(r, rows[i].k2));
            else
                ww_fmt(t->rlabel[row], sizeof t->rlabel[row], "overige (%zu)", n - shown);
            *ww_rtable_at(t, row, 0) += rows[i].v[0];
        }
        /* Per partner chosen (summed over the outcomes). */
        char partners[64][160];
        int64_t counts[64] = {0};
        size_t np = 0;
        for (size_t i = 0; i < n; i++) {
            size_t k = find_label(partners, np, rows[i].k2);
            if (k == SIZE_MAX && np < 64) {
                k = np++;
                ww_strlcpy(partners[k], rows[i].k2, sizeof partners[k]);
            }
            if (k != SIZE_MAX)
                counts[k] += rows[i].v[0];
        }
        for (size_t a = 1; a < np; a++) /* largest first */
            for (size_t b = a; b > 0 && counts[b] > counts[b - 1]; b--) {
                int64_t c = counts[b];
                counts[b] = counts[b - 1];
                counts[b - 1] = c;
                char tmp[160];
                memcpy(tmp, partners[b], sizeof tmp);
                memcpy(partners[b], partners[b - 1], sizeof tmp);
                memcpy(partners[b - 1], tmp, sizeof tmp);
            }
        struct ww_rtable *p =
            list_table(r, "gekozen_partners", "Gekozen partners", "Afspraak met", "Aantal", np);
        for (size_t k = 0; k < np; k++) {
            ww_strlcpy(p->rlabel[k], partner_name(r, partners[k]), sizeof p->rlabel[k]);
            *ww_rtable_at(p, k, 0) = counts[k];
        }
    }
    free(rows);

    if (query(r, WW_RQ_LANG, &r->range, &rows, &n)) {
        struct ww_rtable *t = list_table(r, "talen", "Talen", "Taal", "Bezoeken", n);
        for (size_t i = 0; i < n; i++) {
            ww_strlcpy(t->rlabel[i], lang_name(rows[i].k1), sizeof t->rlabel[i]);
            *ww_rtable_at(t, i, 0) = rows[i].v[0];
        }
    }
    free(rows);

    if (query(r, WW_RQ_HEAT, &r->range, &rows, &n)) {
        int lo = 24, hi = -1;
        for (size_t i = 0; i < n; i++) {
            lo = rows[i].b < lo ? rows[i].b : lo;
            hi = rows[i].b > hi ? rows[i].b : hi;
        }
        size_t cols = hi >= lo ? (size_t)(hi - lo + 1) : 0;
        struct ww_rtable *t =
            add_table(r, "bezoeken_per_uur", "Bezoeken per weekdag en uur", "Weekdag", 7, cols);
        t->row_totals = t->col_totals = true;
        t->chart = WW_CHART_HEAT;
        for (int d = 0; d < 7; d++)
            ww_strlcpy(t->rlabel[d], weekday_names[d], sizeof t->rlabel[d]);
        for (size_t c = 0; c < cols; c++)
            ww_fmt(t->clabel[c], sizeof t->clabel[c], "%d", lo + (int)c);
        for (size_t i = 0; i < n; i++)
            if (rows[i].a >= 0 && rows[i].a < 7)
                *ww_rtable_at(t, (size_t)rows[i].a, (size_t)(rows[i].b - lo)) += rows[i].v[0];
    }
    free(rows);

    if (query(r, WW_RQ_MULTI, &r->range, &rows, &n)) {
        static const char *const labels[] = {"geen (gestopt voor een uitkomst)", "1 onderwerp",
                                             "2 onderwerpen", "3 of meer onderwerpen"};
        static const char *const keys[] = {"0", "1", "2", "3+"};
        struct ww_rtable *t = add_table(r, "onderwerpen_per_bezoek",
                                        "Meer onderwerpen in één bezoek", "Bezoek met", 4, 2);
        ww_strlcpy(t->clabel[0], "Bezoeken", sizeof t->clabel[0]);
        ww_strlcpy(t->clabel[1], "Aandeel %", sizeof t->clabel[1]);
        t->ckind[1] = WW_COL_VALUE;
        t->col_totals = true;
        t->chart = WW_CHART_BARS;
        for (size_t k = 0; k < 4; k++)
            ww_strlcpy(t->rlabel[k], labels[k], sizeof t->rlabel[k]);
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; k < 4; k++)
                if (strcmp(rows[i].k1, keys[k]) == 0)
                    *ww_rtable_at(t, k, 0) += rows[i].v[0];
    }
    free(rows);
}

static void missed(struct report *r)
{
    struct ww_report_row *rows = NULL;
    size_t n = 0;
    if (!query(r, WW_RQ_MISSED, &r->range, &rows, &n))
        return;
    char keys[64][160];
    size_t nk = 0;
    for (size_t i = 0; i < n; i++) {
        char key[160];
        ww_fmt(key, sizeof key, "%s|%s", rows[i].k1, rows[i].k2);
        if (find_label(keys, nk, key) == SIZE_MAX && nk < 64)
            ww_strlcpy(keys[nk++], key, sizeof keys[0]);
    }
    struct ww_rtable *t =
        add_table(r, "gemist_door_rooster", "Gemist door het rooster", "Partner (reden)", nk, 7);
    ww_strlcpy(t->intro,
               "Mensen voor wie de beste partner die dag niet op locatie was (afwezig) of geen "
               "vrije tijd meer had (vol), per weekdag.",
               sizeof t->intro);
    t->row_totals = t->col_totals = true;
    t->chart = WW_CHART_BARS;
    for (size_t d = 0; d < 7; d++)
        ww_strlcpy(t->clabel[d], weekday_names[d], sizeof t->clabel[d]);
    for (size_t k = 0; k < nk; k++) {
        char *bar = strchr(keys[k], '|');
        *bar = 0;
        ww_fmt(t->rlabel[k], sizeof t->rlabel[k], "%s (%s)", partner_name(r, keys[k]),
               strcmp(bar + 1, "full") == 0 ? "vol" : "afwezig");
        *bar = '|';
    }
    for (size_t i = 0; i < n; i++) {
        char key[160];
        ww_fmt(key, sizeof key, "%s|%s", rows[i].k1, rows[i].k2);
        size_t k = find_label(keys, nk, key);
        if (k != SIZE_MAX && rows[i].a >= 0 && rows[i].a < 7)
            *ww_rtable_at(t, k, (size_t)rows[i].a) += rows[i].v[0];
        r->missed += rows[i].v[0];
    }
    free(rows);
}

/* Where people left: the drop-outs by screen id. Those on a question go
 * into the question tables; the other screens make a table of their own. */
static void screens_left(struct report *r, const struct ww_report_row *drop, size_t nd)
{
    static const char *const names[][2] = {{"topics", "Onderwerp kiezen"},
                                           {"outcome", "Uitkomst (wie helpt u)"},
                                           {"time", "Tijd kiezen"},
                                           {"confirm", "Afspraak bevestigen"}};
    size_t n = 0;
    for (size_t i = 0; i < nd; i++)
        n += strncmp(drop[i].k1, "question:", 9) != 0;
    struct ww_rtable *t =
        list_table(r, "gestopt_na_de_vragen", "Gestopt na de vragen", "Scherm", "Gestopt", n);
    size_t k = 0;
    for (size_t i = 0; i < nd; i++) {
        if (strncmp(drop[i].k1, "question:", 9) == 0)
            continue;
        const char *name = drop[i].k1;
        for (size_t j = 0; j < sizeof names / sizeof names[0]; j++)
            if (strcmp(name, names[j][0]) == 0)
                name = names[j][1];
        ww_strlcpy(t->rlabel[k], name, sizeof t->rlabel[k]);
        *ww_rtable_at(t, k++, 0) = drop[i].v[0];
    }
}

static void funnel(struct report *r)
{
    struct ww_report_row *rows = NULL, *drop = NULL;
    size_t n = 0, nd = 0;
    if (!query(r, WW_RQ_FUNNEL, &r->range, &rows, &n) ||
        !query(r, WW_RQ_DROPOUTS, &r->range, &drop, &nd)) {
        free(rows);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char screen[160];
        ww_fmt(screen, sizeof screen, "question:%s:%s", rows[i].k1, rows[i].k2);
        for (size_t k = 0; k < nd; k++)
            if (strcmp(drop[k].k1, screen) == 0)
                rows[i].v[1] = drop[k].v[0];
    }
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && strcmp(rows[j].k1, rows[i].k1) == 0)
            j++;
        char id[32], title[160];
        ww_fmt(id, sizeof id, "vragen_%.20s", rows[i].k1);
        ww_fmt(title, sizeof title, "Waar mensen stoppen: %s", topic_name(r, rows[i].k1));
        struct ww_rtable *t = add_table(r, id, title, "Vraag", j - i, 4);
        static const char *const cols[] = {"Bereikt", "Gestopt", "Ik weet het niet",
                                           "Praat met een medewerker"};
        for (size_t c = 0; c < 4; c++)
            ww_strlcpy(t->clabel[c], cols[c], sizeof t->clabel[c]);
        t->chart = WW_CHART_BARS;
        for (size_t k = i; k < j; k++) {
            ww_strlcpy(t->rlabel[k - i], question_text(r, rows[k].k1, rows[k].k2),
                       sizeof t->rlabel[0]);
            for (size_t c = 0; c < 4; c++)
                *ww_rtable_at(t, k - i, c) = rows[k].v[c];
        }
        i = j;
    }
    free(rows);
    screens_left(r, drop, nd);
    free(drop);
}

/* Ratings per visit's topics ("a,b") -> per topic: a visit's rating
 * counts for each of its topics. The few combinations were summed in SQL. */
static struct ww_report_row *split_topics(struct ww_report_row *rows, size_t *n)
{
    struct ww_report_row *out = calloc(*n * 6 + 1, sizeof *out);
    if (!out)
        abort();
    size_t m = 0;
    for (size_t i = 0; i < *n; i++) {
        char list[160];
        ww_strlcpy(list, rows[i].k1, sizeof list);
        char *p = list;
        do {
            char *next = strchr(p, ',');
            if (next)
                *next++ = 0;
            size_t k = 0;
            while (k < m && strcmp(out[k].k1, p) != 0)
                k++;
            if (k == m && m < *n * 6)
                ww_strlcpy(out[m++].k1, p, sizeof out[0].k1);
            if (k < m) {
                out[k].v[0] += rows[i].v[0];
                out[k].v[1] += rows[i].v[1];
            }
            p = next;
        } while (p);
    }
    free(rows);
    *n = m;
    return out;
}

/* Ratings per key now and in the period before, averages x 10. */
static void rating_table(struct report *r, enum ww_report_q q, const char *id, const char *title,
                         const char *head)
{
    struct ww_report_row *now = NULL, *before = NULL;
    size_t n = 0, nb = 0;
    if (!query(r, q, &r->range, &now, &n) || !query(r, q, &r->prev, &before, &nb)) {
        free(now);
        return;
    }
    if (q == WW_RQ_RATE_TOPIC) {
        for (size_t i = 0; i < n; i++) {
            r->ratings += now[i].v[0];
            r->score_sum += now[i].v[1];
        }
        now = split_topics(now, &n);
        before = split_topics(before, &nb);
    }
    struct ww_rtable *t = add_table(r, id, title, head, n, 4);
    static const char *const cols[] = {"Beoordelingen", "Gemiddeld (1-5)", "Vorige periode",
                                       "Verschil"};
    for (size_t c = 0; c < 4; c++)
        ww_strlcpy(t->clabel[c], cols[c], sizeof t->clabel[c]);
    t->ckind[1] = t->ckind[2] = WW_COL_VALUE;
    t->ckind[3] = WW_COL_SIGNED;
    for (size_t i = 0; i < n; i++) {
        const char *k = now[i].k1;
        if (q == WW_RQ_RATE_PARTNER)
            k = partner_name(r, k);
        else if (q == WW_RQ_RATE_LANG)
            k = lang_name(k);
        else
            k = topic_name(r, k);
        ww_strlcpy(t->rlabel[i], k, sizeof t->rlabel[i]);
        *ww_rtable_at(t, i, 0) = now[i].v[0];
        int64_t avg = now[i].v[0] >= WW_REPORT_MIN
                          ? (now[i].v[1] * 10 + now[i].v[0] / 2) / now[i].v[0]
                          : WW_REPORT_NONE;
        int64_t old = WW_REPORT_NONE;
        for (size_t b = 0; b < nb; b++)
            if (strcmp(before[b].k1, now[i].k1) == 0 && before[b].v[0] >= WW_REPORT_MIN)
                old = (before[b].v[1] * 10 + before[b].v[0] / 2) / before[b].v[0];
        *ww_rtable_at(t, i, 1) = avg;
        *ww_rtable_at(t, i, 2) = old;
        *ww_rtable_at(t, i, 3) =
            avg != WW_REPORT_NONE && old != WW_REPORT_NONE ? avg - old : WW_REPORT_NONE;
    }
    free(now);
    free(before);
}

static void devices(struct report *r)
{
    struct ww_report_row *rows = NULL;
    size_t n = 0;
    if (!query(r, WW_RQ_DEVICE, &r->range, &rows, &n))
        return;
    struct ww_rtable *t =
        add_table(r, "printen_en_beschikbaarheid", "Printen en beschikbaarheid", "Locatie", n, 4);
    static const char *const cols[] = {"Bonnen niet geprint", "Printerstoringen",
                                       "Minuten zonder opslag", "Opslag onbereikbaar"};
    for (size_t c = 0; c < 4; c++)
        ww_strlcpy(t->clabel[c], cols[c], sizeof t->clabel[c]);
    t->col_totals = n > 1;
    for (size_t i = 0; i < n; i++) {
        const struct ww_location *l = ww_config_location(&r->app.cfg, rows[i].k1);
        ww_strlcpy(t->rlabel[i], l ? l->name : rows[i].k1, sizeof t->rlabel[i]);
        for (size_t c = 0; c < 4; c++)
            *ww_rtable_at(t, i, c) = rows[i].v[c];
    }
    free(rows);
}

/* ---- writing ---- */

static const char style[] =
    "@page{size:A4;margin:14mm 12mm}"
    "body{font-family:'Noto Sans','DejaVu Sans',Arial,sans-serif;font-size:10.5pt;color:#111;"
    "max-width:186mm;margin:0 auto;line-height:1.35}"
    "h1{font-size:18pt;margin:0 0 4pt}h2{font-size:14pt;border-bottom:2px solid #1f5f9f;"
    "margin:18pt 0 6pt}h3{font-size:11.5pt;margin:10pt 0 4pt}"
    ".meta{color:#333}.note{background:#f2f5f9;border-left:4px solid #1f5f9f;padding:4pt 8pt}"
    ".pair{display:flex;flex-wrap:wrap;gap:10pt;align-items:flex-start}"
    "figure{margin:0}svg.chart{max-width:100%;height:auto}"
    ".bar{fill:#1f5f9f}.hidden{fill:#fff;stroke:#888;stroke-dasharray:2 2}"
    ".lbl,.val{font-size:10px;fill:#111}"
    "table{border-collapse:collapse;font-size:9pt}th,td{padding:1.5pt 5pt;"
    "border-bottom:1px solid #ccc}td{text-align:right}th{text-align:left;font-weight:600}"
    "thead th{border-bottom:2px solid #555}.tot{font-weight:600}"
    ".alt{font-size:9pt;color:#333}.signal{font-weight:600}"
    "section.table{break-inside:avoid;page-break-inside:avoid}"
    "@media print{body{max-width:none}h2{break-after:avoid}a{color:inherit}}";

static void write_html(struct report *r, FILE *f)
{
    char from[16], to[16], pfrom[16], pto[16];
    date_nl(r->range.from, from, sizeof from);
    date_nl(r->range.to, to, sizeof to);
    date_nl(r->prev.from, pfrom, sizeof pfrom);
    date_nl(r->prev.to, pto, sizeof pto);
    fprintf(f, "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">"
               "<meta name=\"viewport\" content=\"width=device-width\">"
               "<title>Signalen ");
    fprintf(f, "%s t/m %s</title><style>%s</style></head><body>\n", from, to, style);
    fputs("<h1>Signalen voor het signaleringsoverleg</h1><p class=\"meta\">Locatie: ", f);
    char locs[sizeof r->locs];
    ww_strlcpy(locs, r->locs, sizeof locs);
    bool firstloc = true;
    for (char *p = locs, *next; p && *p; p = next) {
        next = strchr(p, ',');
        if (next)
            *next++ = 0;
        const struct ww_location *l = ww_config_location(&r->app.cfg, p);
        fputs(firstloc ? "" : ", ", f);
        ww_html_text(f, l ? l->name : p);
        firstloc = false;
    }
    fprintf(f, "<br>Periode: %s t/m %s (vergeleken met %s t/m %s)</p>\n", from, to, pfrom, pto);
    fputs("<p class=\"note\">Alle cijfers zijn anoniem: de kiosk telt alleen per dag (bezoeken "
          "per uur), zonder bonnummers, codes of tijden van één bezoek. Aantallen onder 5 staan "
          "er als &lt; 5. Waar een totaal anders zou verraden wat er onder &lt; 5 zit, is ook een "
          "ander getal weggelaten.</p>\n",
          f);

    fputs("<h2>Samenvatting</h2><ul>", f);
    char num[32];
    struct ww_rtable *week = NULL, *missed_t = NULL;
    for (size_t i = 0; i < r->n_tables; i++) {
        if (strcmp(r->tables[i].id, "bezoeken_per_week") == 0)
            week = &r->tables[i];
        if (strcmp(r->tables[i].id, "gemist_door_rooster") == 0)
            missed_t = &r->tables[i];
    }
    if (week) {
        ww_rtable_text(week, ww_rtable_col_total(week, 0), num, sizeof num);
        fprintf(f, "<li>Bezoeken: <b>%s</b></li>", num);
    }
    if (r->ratings >= WW_REPORT_MIN)
        fprintf(f,
                "<li>Gemiddelde beoordeling: <b>%" PRId64 ",%" PRId64 "</b> uit 5 (%" PRId64
                " beoordelingen)</li>",
                (r->score_sum * 10 + r->ratings / 2) / r->ratings / 10,
                (r->score_sum * 10 + r->ratings / 2) / r->ratings % 10, r->ratings);
    for (size_t k = 0; k < r->n_tables; k++) {
        /* The multi-problem share: visits with two or more topics among
         * those with at least one, from shown counts only. */
        const struct ww_rtable *m = &r->tables[k];
        if (strcmp(m->id, "onderwerpen_per_bezoek") != 0 || m->rows != 4)
            continue;
        bool shown = !m->hid[1 * 2] && !m->hid[2 * 2] && !m->hid[3 * 2];
        int64_t one = m->v[1 * 2], several = m->v[2 * 2] + m->v[3 * 2];
        if (shown && one + several > 0)
            fprintf(f, "<li>Bezoeken met meer dan één onderwerp: <b>%" PRId64 " %%</b></li>",
                    (several * 100 + (one + several) / 2) / (one + several));
    }
    if (missed_t) {
        ww_rtable_text(missed_t, ww_rtable_grand(missed_t), num, sizeof num);
        fprintf(f, "<li>Gemist door het rooster: <b>%s</b> mensen</li>", num);
    }
    fputs("</ul>\n", f);

    size_t i = 0;
    fputs("<h2>Waarmee mensen komen</h2>\n", f);
    for (; i < r->n_tables && strcmp(r->tables[i].id, "gemist_door_rooster") != 0; i++)
        ww_rtable_write_html(&r->tables[i], f);
    fputs("<h2>Gemist door het rooster</h2>\n", f);
    if (missed_t) {
        /* The signals a person reads, from shown counts only, the largest
         * first; the rest are in the table. */
        size_t cells = missed_t->rows * 7, said = 0, more = 0;
        bool *used = calloc(cells ? cells : 1, sizeof *used);
        if (!used)
            abort();
        for (;;) {
            size_t best = SIZE_MAX;
            for (size_t idx = 0; idx < cells; idx++)
                if (!used[idx] && !missed_t->hid[idx] && missed_t->v[idx] > 0 &&
                    (best == SIZE_MAX || missed_t->v[idx] > missed_t->v[best]))
                    best = idx;
            if (best == SIZE_MAX)
                break;
            used[best] = true;
            if (said == MAX_SIGNALS) {
                more++;
                continue;
            }
            char partner[160];
            ww_strlcpy(partner, missed_t->rlabel[best / 7], sizeof partner);
            char *paren = strrchr(partner, '(');
            bool full = paren && strcmp(paren, "(vol)") == 0;
            if (paren && paren > partner)
                paren[-1] = 0;
            const char *day = weekday_names[best % 7];
            fputs(said ? "" : "<ul>", f);
            said++;
            fprintf(f, "<li class=\"signal\">Op %s vroegen %" PRId64 " mensen naar ", day,
                    missed_t->v[best]);
            ww_html_text(f, partner);
            fputs(". ", f);
            ww_html_text(f, partner);
            fprintf(f, full ? " had op %s geen vrije tijd meer.</li>" : " is er op %s niet.</li>",
                    day);
        }
        free(used);
        if (said)
            fputs("</ul>\n", f);
        else
            fputs("<p>Geen signalen van 5 of meer mensen op één weekdag.</p>\n", f);
        if (more)
            fprintf(f, "<p>En nog %zu kleinere signalen: zie de tabel.</p>\n", more);
        ww_rtable_write_html(missed_t, f);
        i++;
    }
    fputs("<h2>Waar mensen stoppen</h2>\n<p>Per vraag: hoeveel mensen de vraag zagen, hoeveel "
          "er stopten, en hoe vaak ze &#8216;Ik weet het niet&#8217; of &#8216;Praat met een "
          "medewerker&#8217; kozen. Veel van die laatste twee wijst op een vraag die niet "
          "werkt.</p>\n",
          f);
    bool satisfaction = false, device = false;
    for (; i < r->n_tables; i++) {
        const char *id = r->tables[i].id;
        if (!satisfaction && strncmp(id, "tevredenheid", 12) == 0) {
            fprintf(f,
                    "<h2>Tevredenheid</h2>\n<p>Beoordelingen van 1 tot 5, vergeleken met de "
                    "periode ervoor (%s t/m %s). Een gemiddelde van minder dan 5 "
                    "beoordelingen staat er niet.</p>\n",
                    pfrom, pto);
            satisfaction = true;
        }
        if (!device && strcmp(id, "printen_en_beschikbaarheid") == 0) {
            fputs("<h2>Printen en beschikbaarheid</h2>\n", f);
            device = true;
        }
        ww_rtable_write_html(&r->tables[i], f);
    }
    fputs("</body></html>\n", f);
}

/* Write every file under a temporary name; rename them all only when all
 * were written. */
static bool write_out(struct report *r, const char *dir)
{
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        ww_app_fail(&r->app, "%s: cannot create the folder: %s", dir, ww_errno_text(errno));
        return false;
    }
    size_t nfiles = r->n_tables + 1;
    char(*tmp)[1024] = calloc(nfiles, sizeof *tmp);
    char(*final)[1024] = calloc(nfiles, sizeof *final);
    if (!tmp || !final)
        abort();
    bool ok = true;
    size_t made = 0;
    for (size_t k = 0; k < nfiles && ok; k++) {
        const char *name = k == 0 ? "report" : r->tables[k - 1].id;
        const char *ext = k == 0 ? "html" : "csv";
        ww_fmt(final[k], sizeof final[k], "%s/%s.%s", dir, name, ext);
        ww_fmt(tmp[k], sizeof tmp[k], "%s/.%s.%s.%ld.tmp", dir, name, ext, (long)getpid());
        FILE *f = fopen(tmp[k], "w");
        if (!f) {
            ww_app_fail(&r->app, "%s: %s", tmp[k], ww_errno_text(errno));
            ok = false;
            break;
        }
        made++;
        if (k == 0)
            write_html(r, f);
        else
            ww_rtable_write_csv(&r->tables[k - 1], f);
        if (ferror(f) | (fclose(f) != 0)) {
            ww_app_fail(&r->app, "%s: cannot be written: %s", tmp[k], ww_errno_text(errno));
            ok = false;
        }
    }
    for (size_t k = 0; k < made && ok; k++)
        if (rename(tmp[k], final[k]) != 0) {
            ww_app_fail(&r->app, "%s: %s", final[k], ww_errno_text(errno));
            ok = false;
        }
    if (!ok)
        for (size_t k = 0; k < made; k++)
            unlink(tmp[k]);
    free(tmp);
    free(final);
    return ok;
}

static bool build(struct report *r)
{
    demand(r);
    missed(r);
    funnel(r);
    rating_table(r, WW_RQ_RATE_PARTNER, "tevredenheid_partner", "Tevredenheid per partner",
                 "Afspraak met");
    rating_table(r, WW_RQ_RATE_TOPIC, "tevredenheid_onderwerp", "Tevredenheid per onderwerp",
                 "Onderwerp");
    rating_table(r, WW_RQ_RATE_LANG, "tevredenheid_taal", "Tevredenheid per taal", "Taal");
    devices(r);
    if (r->failed)
        return false;
    for (size_t i = 0; i < r->n_tables; i++) {
        struct ww_rtable *t = &r->tables[i];
        ww_rtable_suppress(t);
        /* Shares only of shown counts, against a shown total. */
        if (strcmp(t->id, "onderwerpen_per_bezoek") == 0) {
            size_t g = ww_rtable_col_total(t, 0);
            for (size_t k = 0; k < t->rows; k++)
                *ww_rtable_at(t, k, 1) =
                    t->hid[k * 2] || t->hid[g] || t->tot[t->rows] == 0
                        ? WW_REPORT_NONE
                        : (t->v[k * 2] * 1000 + t->tot[t->rows] / 2) / t->tot[t->rows];
        }
    }
    return true;
}

int ww_cmd_report(int argc, char **argv)
{
    struct report *r = calloc(1, sizeof *r);
    if (!r)
        abort();
    ww_app_init(&r->app, "report");
    static const struct option opts[] = {{"from", required_argument, NULL, 'f'},
                                         {"to", required_argument, NULL, 't'},
                                         {"out", required_argument, NULL, 'o'},
                                         {"location", required_argument, NULL, 'L'},
                                         WW_COMMON_OPTIONS};
    const char *from = NULL, *to = NULL, *out = NULL;
    int c, status = 1;
    while ((c = ww_app_next_option(&r->app, argc, argv, opts, usage, &status)) != -1) {
        switch (c) {
        case WW_OPT_EXIT:
            ww_app_destroy(&r->app);
            free(r);
            return status;
        case 'f':
            from = optarg;
            break;
        case 't':
            to = optarg;
            break;
        case 'o':
            out = optarg;
            break;
        case 'L':
            if (strlen(r->locs) + strlen(optarg) + 2 > sizeof r->locs) {
                ww_app_fail(&r->app, "too many locations");
                status = 2;
                goto out;
            }
            if (r->locs[0])
                ww_strlcpy(r->locs + strlen(r->locs), ",", 2);
            ww_strlcpy(r->locs + strlen(r->locs), optarg, sizeof r->locs - strlen(r->locs));
            break;
        }
    }
    status = 2;
    if (optind < argc) {
        ww_app_fail(&r->app, "unexpected argument '%s' (see --help)", argv[optind]);
        goto out;
    }
    if (!from || !to || !out) {
        ww_app_fail(&r->app, "--from, --to and --out are needed (see --help)");
        goto out;
    }
    if (!ww_day_parse(from, &r->range.from)) {
        ww_app_fail(&r->app, "--from '%s' is not a date (YYYY-MM-DD)", from);
        goto out;
    }
    if (!ww_day_parse(to, &r->range.to)) {
        ww_app_fail(&r->app, "--to '%s' is not a date (YYYY-MM-DD)", to);
        goto out;
    }
    if (r->range.to < r->range.from) {
        ww_app_fail(&r->app, "the period ends (%s) before it starts (%s)", to, from);
        goto out;
    }
    status = 1;
    /* One line on failure: the store's own retry warnings are not for a
     * command that gives up at once. */
    ww_log_set_sink(stderr, WW_LOG_ERROR);
    /* The store is that of the first location named (or --store). */
    char first[WW_ID_SIZE] = "";
    if (r->locs[0]) {
        size_t len = strcspn(r->locs, ",");
        ww_strlcpy(first, r->locs, len + 1 < sizeof first ? len + 1 : sizeof first);
        r->app.location_id = first;
    }
    if (!ww_app_load(&r->app))
        goto out;
    if (!r->locs[0])
        ww_strlcpy(r->locs, r->app.loc->id, sizeof r->locs);
    char check[sizeof r->locs];
    ww_strlcpy(check, r->locs, sizeof check);
    for (char *p = check, *next; p; p = next) {
        next = strchr(p, ',');
        if (next)
            *next++ = 0;
        if (!ww_config_location(&r->app.cfg, p)) {
            char list[512];
            ww_config_location_ids(&r->app.cfg, list, sizeof list);
            ww_app_fail(&r->app, "unknown location '%s' (known: %s)", p, list);
            goto out;
        }
    }
    if (!ww_app_open_store(&r->app))
        goto out;
    char fdir[WW_PATH_SIZE];
    ww_fmt(fdir, sizeof fdir, "%s/flows", r->app.config_dir);
    struct ww_diags d;
    ww_diags_init(&d);
    r->have_flows = ww_flows_load(&r->flows, fdir, &r->app.cfg, &d);
    ww_diags_destroy(&d);
    r->range.locations = r->locs;
    r->prev = r->range;
    r->prev.to = r->range.from - 1;
    r->prev.from = r->range.from - (r->range.to - r->range.from + 1);
    if (!build(r))
        goto out;
    int64_t tallies = 0;
    for (size_t i = 0; i < r->n_tables; i++)
        if (strcmp(r->tables[i].id, "uitkomsten") == 0)
            tallies = r->tables[i].tot[r->tables[i].rows];
    if (r->visits == 0 && tallies == 0 && r->ratings == 0) {
        ww_app_fail(&r->app, "no data for %s from %s to %s: nothing written", r->locs, from, to);
        goto out;
    }
    if (!write_out(r, out))
        goto out;
    printf("%s/report.html and %zu CSV files written\n", out, r->n_tables);
    status = 0;
out:
    for (size_t i = 0; i < r->n_tables; i++)
        ww_rtable_destroy(&r->tables[i]);
    if (r->have_flows)
        ww_flows_destroy(&r->flows);
    ww_app_destroy(&r->app);
    free(r);
    return status;
}
