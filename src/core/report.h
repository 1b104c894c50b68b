/* The report's tables: counts with their totals, the anonymity rule, and
 * how a table is written (HTML with its chart and text alternative, CSV).
 *
 * Anonymity: a count of 0..4 is shown as "< 5" (primary suppression); then,
 * as long as a row or column whose total is shown has exactly one hidden
 * count, one more count of it is hidden (the smallest), or the total when
 * there is no other or that one is more than half of it, so that no hidden
 * count can be computed from a total
 * (complementary suppression). Rows, columns, the column of row totals and
 * the row of column totals are all such lines. A bar or a colour is drawn
 * only for a count that is shown.
 *
 * Columns of kind WW_COL_VALUE (an average, a change) are not counts: the
 * caller fills them (value x 10, one decimal) or WW_REPORT_NONE when they
 * rest on fewer than 5 answers; they take no part in totals. */
#ifndef WW_REPORT_H
#define WW_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define WW_REPORT_MIN  5 /* smallest count that is shown */
#define WW_REPORT_NONE INT64_MIN

enum ww_col_kind { WW_COL_COUNT, WW_COL_VALUE, WW_COL_SIGNED };
enum ww_chart { WW_CHART_NONE, WW_CHART_BARS, WW_CHART_HEAT };

struct ww_rtable {
    char id[32];     /* CSV file name without .csv */
    char title[160]; /* Dutch */
    char intro[512]; /* one sentence above it, "" none */
    char head[64];   /* header of the label column */
    size_t rows, cols;
    char (*rlabel)[160];
    char (*clabel)[64];
    enum ww_col_kind *ckind;
    int64_t *v; /* rows x cols, row-major */
    bool row_totals, col_totals;
    enum ww_chart chart; /* bars: of the row totals (or the first column) */
    /* Filled by ww_rtable_suppress: hidden flags of cells, then row totals,
     * column totals and the grand total; and those totals. */
    bool *hid;
    int64_t *tot;
};

void ww_rtable_init(struct ww_rtable *t, const char *id, const char *title, size_t rows,
                    size_t cols);
void ww_rtable_destroy(struct ww_rtable *t);
int64_t *ww_rtable_at(struct ww_rtable *t, size_t row, size_t col);
/* Compute the totals and apply the anonymity rule. */
void ww_rtable_suppress(struct ww_rtable *t);
/* Index into hid/tot-aligned space: a cell, a row total, a column total, the grand total. */
size_t ww_rtable_row_total(const struct ww_rtable *t, size_t row);
size_t ww_rtable_col_total(const struct ww_rtable *t, size_t col);
size_t ww_rtable_grand(const struct ww_rtable *t);
/* The text shown for a cell or total index: "< 5", a number, "–". */
void ww_rtable_text(const struct ww_rtable *t, size_t index, char *buf, size_t size);
/* The value behind an index (cells: v, totals: tot). */
int64_t ww_rtable_value(const struct ww_rtable *t, size_t index);

/* Write the table as CSV (comma-separated, quoted where needed, UTF-8). */
bool ww_rtable_write_csv(const struct ww_rtable *t, FILE *f);
/* Write the table's HTML section: title, chart (inline SVG), table, text
 * alternative. */
void ww_rtable_write_html(const struct ww_rtable *t, FILE *f);
/* Write `s` HTML-escaped. */
void ww_html_text(FILE *f, const char *s);

#endif
