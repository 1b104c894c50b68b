#include "report.h"

#include "str.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static void *alloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        abort();
    return p;
}

void ww_rtable_init(struct ww_rtable *t, const char *id, const char *title, size_t rows,
                    size_t cols)
{
    memset(t, 0, sizeof *t);
    ww_strlcpy(t->id, id, sizeof t->id);
    ww_strlcpy(t->title, title, sizeof t->title);
    t->rows = rows;
    t->cols = cols;
    t->rlabel = alloc(rows, sizeof *t->rlabel);
    t->clabel = alloc(cols, sizeof *t->clabel);
    t->ckind = alloc(cols, sizeof *t->ckind);
    t->v = alloc(rows * cols, sizeof *t->v);
    t->hid = alloc(rows * cols + rows + cols + 1, sizeof *t->hid);
    t->tot = alloc(rows + cols + 1, sizeof *t->tot);
}

void ww_rtable_destroy(struct ww_rtable *t)
{
    free(t->rlabel);
    free(t->clabel);
    free(t->ckind);
    free(t->v);
    free(t->hid);
    free(t->tot);
    memset(t, 0, sizeof *t);
}

int64_t *ww_rtable_at(struct ww_rtable *t, size_t row, size_t col)
{
    return &t->v[row * t->cols + col];
}

size_t ww_rtable_row_total(const struct ww_rtable *t, size_t row)
{
    return t->rows * t->cols + row;
}

size_t ww_rtable_col_total(const struct ww_rtable *t, size_t col)
{
    return t->rows * t->cols + t->rows + col;
}

size_t ww_rtable_grand(const struct ww_rtable *t)
{
    return t->rows * t->cols + t->rows + t->cols;
}

int64_t ww_rtable_value(const struct ww_rtable *t, size_t index)
{
    size_t cells = t->rows * t->cols;
    return index < cells ? t->v[index] : t->tot[index - cells];
}

/* Below 5, 0 included: a shown 0 would tell that the hidden counts beside
 * it are at least 1, and with a total could pin them down. */
static bool small(int64_t v)
{
    return v < WW_REPORT_MIN;
}

/* One line: members and, when shown, a total. With exactly one hidden
 * member, hide one more (the smallest shown), or the total if none is left.
 * Returns whether something changed. */
static bool protect(struct ww_rtable *t, const size_t *members, size_t n, size_t total)
{
    if (t->hid[total])
        return false;
    size_t hidden = 0, pick = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        if (t->hid[members[i]]) {
            hidden++;
            continue;
        }
        if (pick == SIZE_MAX || ww_rtable_value(t, members[i]) < ww_rtable_value(t, pick))
            pick = members[i];
    }
    if (hidden != 1)
        return false;
    /* When the one to hide would be most of the line, hide the total
     * instead: the count that matters stays readable. */
    if (pick != SIZE_MAX && ww_rtable_value(t, pick) * 2 > ww_rtable_value(t, total))
        pick = SIZE_MAX;
    t->hid[pick != SIZE_MAX ? pick : total] = true;
    return true;
}

void ww_rtable_suppress(struct ww_rtable *t)
{
    size_t cells = t->rows * t->cols;
    memset(t->hid, 0, (cells + t->rows + t->cols + 1) * sizeof *t->hid);
    memset(t->tot, 0, (t->rows + t->cols + 1) * sizeof *t->tot);
    for (size_t r = 0; r < t->rows; r++)
        for (size_t c = 0; c < t->cols; c++) {
            if (t->ckind[c] != WW_COL_COUNT)
                continue;
            int64_t v = t->v[r * t->cols + c];
            t->tot[r] += v;
            t->tot[t->rows + c] += v;
            t->tot[t->rows + t->cols] += v;
            t->hid[r * t->cols + c] = small(v);
        }
    for (size_t i = 0; i < t->rows + t->cols + 1; i++)
        t->hid[cells + i] = small(t->tot[i]);
    size_t *m = alloc(t->rows > t->cols ? t->rows : t->cols, sizeof *m);
    bool changed = true;
    while (changed) {
        changed = false;
        for (size_t r = 0; r < t->rows && t->row_totals; r++) {
            size_t n = 0;
            for (size_t c = 0; c < t->cols; c++)
                if (t->ckind[c] == WW_COL_COUNT)
                    m[n++] = r * t->cols + c;
            changed |= protect(t, m, n, ww_rtable_row_total(t, r));
        }
        for (size_t c = 0; c < t->cols && t->col_totals; c++) {
            if (t->ckind[c] != WW_COL_COUNT)
                continue;
            for (size_t r = 0; r < t->rows; r++)
                m[r] = r * t->cols + c;
            changed |= protect(t, m, t->rows, ww_rtable_col_total(t, c));
        }
        if (t->row_totals && t->col_totals) {
            for (size_t r = 0; r < t->rows; r++)
                m[r] = ww_rtable_row_total(t, r);
            changed |= protect(t, m, t->rows, ww_rtable_grand(t));
            size_t n = 0;
            for (size_t c = 0; c < t->cols; c++)
                if (t->ckind[c] == WW_COL_COUNT)
                    m[n++] = ww_rtable_col_total(t, c);
            changed |= protect(t, m, n, ww_rtable_grand(t));
        }
    }
    free(m);
}

static void tenths(int64_t v, char *buf, size_t size, bool sign)
{
    int64_t a = v < 0 ? -v : v;
    ww_fmt(buf, size, "%s%" PRId64 ",%" PRId64, v < 0 ? "-" : (sign && v > 0 ? "+" : ""), a / 10,
           a % 10);
}

void ww_rtable_text(const struct ww_rtable *t, size_t index, char *buf, size_t size)
{
    size_t cells = t->rows * t->cols;
    if (index < cells && t->ckind[index % t->cols] != WW_COL_COUNT) {
        int64_t v = t->v[index];
        if (v == WW_REPORT_NONE)
            ww_strlcpy(buf, "–", size);
        else
            tenths(v, buf, size, t->ckind[index % t->cols] == WW_COL_SIGNED);
        return;
    }
    if (t->hid[index])
        ww_strlcpy(buf, "< 5", size);
    else
        ww_fmt(buf, size, "%" PRId64, ww_rtable_value(t, index));
}

/* ---- CSV ---- */

static void csv_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

bool ww_rtable_write_csv(const struct ww_rtable *t, FILE *f)
{
    char buf[32];
    csv_field(f, t->head[0] ? t->head : "");
    for (size_t c = 0; c < t->cols; c++) {
        fputc(',', f);
        csv_field(f, t->clabel[c]);
    }
    if (t->row_totals)
        fputs(",Totaal", f);
    fputs("\r\n", f);
    for (size_t r = 0; r < t->rows; r++) {
        csv_field(f, t->rlabel[r]);
        for (size_t c = 0; c < t->cols; c++) {
            ww_rtable_text(t, r * t->cols + c, buf, sizeof buf);
            fputc(',', f);
            csv_field(f, buf);
        }
        if (t->row_totals) {
            ww_rtable_text(t, ww_rtable_row_total(t, r), buf, sizeof buf);
            fputc(',', f);
            csv_field(f, buf);
        }
        fputs("\r\n", f);
    }
    if (t->col_totals) {
        fputs("Totaal", f);
        for (size_t c = 0; c < t->cols; c++) {
            fputc(',', f);
            if (t->ckind[c] == WW_COL_COUNT) {
                ww_rtable_text(t, ww_rtable_col_total(t, c), buf, sizeof buf);
                csv_field(f, buf);
            }
        }
        if (t->row_totals) {
            ww_rtable_text(t, ww_rtable_grand(t), buf, sizeof buf);
            fputc(',', f);
            csv_field(f, buf);
        }
        fputs("\r\n", f);
    }
    return !ferror(f);
}

/* ---- HTML ---- */

void ww_html_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '&':
            fputs("&amp;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        default:
            fputc(*s, f);
        }
    }
}

/* The index a bar chart draws for row r: its total, or its first column. */
static size_t bar_index(const struct ww_rtable *t, size_t r)
{
    return t->row_totals && t->cols > 1 ? ww_rtable_row_total(t, r) : r * t->cols;
}

/* At most `max` bytes of `s` (cut between UTF-8 characters), "…" when cut. */
static void short_label(const char *s, char *out, size_t max)
{
    size_t n = strlen(s);
    if (n <= max) {
        ww_strlcpy(out, s, max + 1);
        return;
    }
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    memcpy(out, s, max);
    memcpy(out + max, "…", sizeof "…");
}

static void svg_bars(const struct ww_rtable *t, FILE *f)
{
    const int bar = 18, gap = 6, label = 190, width = 520;
    int64_t max = 1;
    for (size_t r = 0; r < t->rows; r++) {
        size_t i = bar_index(t, r);
        if (!t->hid[i] && ww_rtable_value(t, i) > max)
            max = ww_rtable_value(t, i);
    }
    int height = (int)t->rows * (bar + gap) + gap;
    fprintf(f,
            "<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
            "aria-labelledby=\"alt-%s\">",
            width, height, width, height, t->id);
    for (size_t r = 0; r < t->rows; r++) {
        size_t i = bar_index(t, r);
        int y = gap + (int)r * (bar + gap);
        char text[32];
        ww_rtable_text(t, i, text, sizeof text);
        fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"lbl\">", label - 6,
                y + bar - 5);
        char shortl[48];
        short_label(t->rlabel[r], shortl, 32);
        ww_html_text(f, shortl);
        fputs("</text>", f);
        if (t->hid[i]) {
            fprintf(f,
                    "<rect x=\"%d\" y=\"%d\" width=\"24\" height=\"%d\" class=\"hidden\"/>"
                    "<text x=\"%d\" y=\"%d\" class=\"val\">&lt; 5</text>",
                    label, y, bar, label + 30, y + bar - 5);
            continue;
        }
        int w = (int)((width - label - 60) * ww_rtable_value(t, i) / max);
        fprintf(f,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"bar\"/>"
                "<text x=\"%d\" y=\"%d\" class=\"val\">%s</text>",
                label, y, w, bar, label + w + 4, y + bar - 5, text);
    }
    fputs("</svg>", f);
}

static void svg_heat(const struct ww_rtable *t, FILE *f)
{
    const int cell = 22, left = 72, top = 18;
    int64_t max = 1;
    for (size_t i = 0; i < t->rows * t->cols; i++)
        if (!t->hid[i] && t->v[i] > max)
            max = t->v[i];
    int width = left + (int)t->cols * cell + 4, height = top + (int)t->rows * cell + 4;
    fprintf(f,
            "<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
            "aria-labelledby=\"alt-%s\">",
            width, height, width, height, t->id);
    for (size_t c = 0; c < t->cols; c++) {
        fprintf(f, "<text x=\"%d\" y=\"12\" text-anchor=\"middle\" class=\"lbl\">",
                left + (int)c * cell + cell / 2);
        ww_html_text(f, t->clabel[c]);
        fputs("</text>", f);
    }
    for (size_t r = 0; r < t->rows; r++) {
        int y = top + (int)r * cell;
        fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"lbl\">", left - 4,
                y + cell - 7);
        ww_html_text(f, t->rlabel[r]);
        fputs("</text>", f);
        for (size_t c = 0; c < t->cols; c++) {
            size_t i = r * t->cols + c;
            int x = left + (int)c * cell;
            if (t->hid[i]) {
                fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"hidden\"/>",
                        x, y, cell - 2, cell - 2);
                continue;
            }
            /* Lightness from 96 % (none) to 30 % (the most). */
            int light = 96 - (int)(66 * t->v[i] / max);
            fprintf(f,
                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                    "fill=\"hsl(210,70%%,%d%%)\"/>",
                    x, y, cell - 2, cell - 2, light);
        }
    }
    fputs("</svg>", f);
}

/* The text alternative: what the chart shows in words. */
static void write_alt(const struct ww_rtable *t, FILE *f)
{
    fprintf(f, "<p class=\"alt\" id=\"alt-%s\">", t->id);
    if (t->chart == WW_CHART_HEAT) {
        size_t best = SIZE_MAX;
        for (size_t i = 0; i < t->rows * t->cols; i++)
            if (!t->hid[i] && t->v[i] > 0 && (best == SIZE_MAX || t->v[i] > t->v[best]))
                best = i;
        fputs("Kleurenkaart: hoe donkerder, hoe meer bezoeken. ", f);
        if (best != SIZE_MAX) {
            fputs("Het drukst: ", f);
            ww_html_text(f, t->rlabel[best / t->cols]);
            fputs(" om ", f);
            ww_html_text(f, t->clabel[best % t->cols]);
            fprintf(f, " uur (%" PRId64 " bezoeken). ", t->v[best]);
        }
    } else {
        fputs("Staafdiagram. ", f);
        /* The three largest shown values, in order. */
        size_t top[3] = {SIZE_MAX, SIZE_MAX, SIZE_MAX};
        for (size_t k = 0; k < 3; k++)
            for (size_t r = 0; r < t->rows; r++) {
                size_t i = bar_index(t, r);
                bool used = false;
                for (size_t j = 0; j < k; j++)
                    used |= top[j] == r;
                if (used || t->hid[i] || ww_rtable_value(t, i) <= 0)
                    continue;
                if (top[k] == SIZE_MAX ||
                    ww_rtable_value(t, i) > ww_rtable_value(t, bar_index(t, top[k])))
                    top[k] = r;
            }
        for (size_t k = 0; k < 3 && top[k] != SIZE_MAX; k++) {
            fputs(k == 0 ? "Het meest: " : "; ", f);
            ww_html_text(f, t->rlabel[top[k]]);
            fprintf(f, " (%" PRId64 ")", ww_rtable_value(t, bar_index(t, top[k])));
        }
        if (top[0] != SIZE_MAX)
            fputs(". ", f);
    }
    fputs("Aantallen onder 5 staan er als &lt; 5.</p>", f);
}

void ww_rtable_write_html(const struct ww_rtable *t, FILE *f)
{
    char buf[32];
    fprintf(f, "<section class=\"table\" id=\"t-%s\"><h3>", t->id);
    ww_html_text(f, t->title);
    fputs("</h3>", f);
    if (t->intro[0]) {
        fputs("<p>", f);
        ww_html_text(f, t->intro);
        fputs("</p>", f);
    }
    if (t->rows == 0) {
        fputs("<p class=\"empty\">Geen gegevens in deze periode.</p></section>\n", f);
        return;
    }
    fputs("<div class=\"pair\">", f);
    if (t->chart != WW_CHART_NONE) {
        fputs("<figure>", f);
        if (t->chart == WW_CHART_HEAT)
            svg_heat(t, f);
        else
            svg_bars(t, f);
        fputs("</figure>", f);
    }
    fputs("<table><thead><tr><th scope=\"col\">", f);
    ww_html_text(f, t->head);
    fputs("</th>", f);
    for (size_t c = 0; c < t->cols; c++) {
        fputs("<th scope=\"col\">", f);
        ww_html_text(f, t->clabel[c]);
        fputs("</th>", f);
    }
    if (t->row_totals)
        fputs("<th scope=\"col\">Totaal</th>", f);
    fputs("</tr></thead><tbody>", f);
    for (size_t r = 0; r < t->rows; r++) {
        fputs("<tr><th scope=\"row\">", f);
        ww_html_text(f, t->rlabel[r]);
        fputs("</th>", f);
        for (size_t c = 0; c < t->cols; c++) {
            ww_rtable_text(t, r * t->cols + c, buf, sizeof buf);
            fputs("<td>", f);
            ww_html_text(f, buf);
            fputs("</td>", f);
        }
        if (t->row_totals) {
            ww_rtable_text(t, ww_rtable_row_total(t, r), buf, sizeof buf);
            fputs("<td class=\"tot\">", f);
            ww_html_text(f, buf);
            fputs("</td>", f);
        }
        fputs("</tr>", f);
    }
    fputs("</tbody>", f);
    if (t->col_totals) {
        fputs("<tfoot><tr><th scope=\"row\">Totaal</th>", f);
        for (size_t c = 0; c < t->cols; c++) {
            buf[0] = 0;
            if (t->ckind[c] == WW_COL_COUNT)
                ww_rtable_text(t, ww_rtable_col_total(t, c), buf, sizeof buf);
            fputs("<td class=\"tot\">", f);
            ww_html_text(f, buf);
            fputs("</td>", f);
        }
        if (t->row_totals) {
            ww_rtable_text(t, ww_rtable_grand(t), buf, sizeof buf);
            fputs("<td class=\"tot\">", f);
            ww_html_text(f, buf);
            fputs("</td>", f);
        }
        fputs("</tr></tfoot>", f);
    }
    fputs("</table></div>", f);
    if (t->chart != WW_CHART_NONE)
        write_alt(t, f);
    fputs("</section>\n", f);
}
