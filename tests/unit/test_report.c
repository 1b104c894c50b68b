/* The report: the anonymity rule of report.c and the store's grouped sums
 * (ww_store_report) on a generated data set with known answers. The store
 * comes from $WW_TEST_STORE (default: a fresh SQLite file), so the same
 * cases run against PostgreSQL; each run uses location ids of its own. */
#include "clock.h"
#include "report.h"
#include "store.h"
#include "str.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

static char uri[600];
static char tmpdir[128];
static char loc_a[32], loc_b[32];

static int suite_setup(void **state)
{
    (void)state;
    const char *env = getenv("WW_TEST_STORE");
    if (env && *env) {
        ww_strlcpy(uri, env, sizeof uri);
    } else {
        ww_strlcpy(tmpdir, "/tmp/ww-report-XXXXXX", sizeof tmpdir);
        if (!mkdtemp(tmpdir))
            return -1;
        ww_fmt(uri, sizeof uri, "sqlite:%s/test.db", tmpdir);
    }
    ww_fmt(loc_a, sizeof loc_a, "ra-%ld", (long)getpid());
    ww_fmt(loc_b, sizeof loc_b, "rb-%ld", (long)getpid());
    return 0;
}

static int suite_teardown(void **state)
{
    (void)state;
    if (*tmpdir) {
        char path[256];
        static const char *const suffix[] = {"", "-wal", "-shm"};
        for (int i = 0; i < 3; i++) {
            ww_fmt(path, sizeof path, "%s/test.db%s", tmpdir, suffix[i]);
            unlink(path);
        }
        rmdir(tmpdir);
    }
    return 0;
}

/* ---- anonymity ---- */

/* Every line whose total is shown has no hidden member or at least two, and
 * every count of 0..4 is hidden. */
static void assert_protected(const struct ww_rtable *t)
{
    for (size_t i = 0; i < t->rows * t->cols; i++)
        if (t->ckind[i % t->cols] == WW_COL_COUNT && t->v[i] < 5)
            assert_true(t->hid[i]);
    for (size_t i = 0; i < t->rows + t->cols + 1; i++)
        if (t->tot[i] < 5)
            assert_true(t->hid[t->rows * t->cols + i]);
    for (size_t r = 0; r < t->rows && t->row_totals; r++) {
        if (t->hid[ww_rtable_row_total(t, r)])
            continue;
        int h = 0;
        for (size_t c = 0; c < t->cols; c++)
            h += t->ckind[c] == WW_COL_COUNT && t->hid[r * t->cols + c];
        assert_true(h != 1);
    }
    for (size_t c = 0; c < t->cols && t->col_totals; c++) {
        if (t->hid[ww_rtable_col_total(t, c)] || t->ckind[c] != WW_COL_COUNT)
            continue;
        int h = 0;
        for (size_t r = 0; r < t->rows; r++)
            h += t->hid[r * t->cols + c];
        assert_true(h != 1);
    }
    if (t->row_totals && t->col_totals && !t->hid[ww_rtable_grand(t)]) {
        int h = 0;
        for (size_t r = 0; r < t->rows; r++)
            h += t->hid[ww_rtable_row_total(t, r)];
        assert_true(h != 1);
    }
}

static void test_cell_of_three_not_shown_nor_computable(void **state)
{
    (void)state;
    struct ww_rtable t;
    ww_rtable_init(&t, "x", "x", 3, 1);
    t.col_totals = true;
    t.chart = WW_CHART_BARS;
    *ww_rtable_at(&t, 0, 0) = 3;
    *ww_rtable_at(&t, 1, 0) = 10;
    *ww_rtable_at(&t, 2, 0) = 20;
    ww_rtable_suppress(&t);
    char buf[32];
    ww_rtable_text(&t, 0, buf, sizeof buf);
    assert_string_equal(buf, "< 5");
    /* The total is shown, so one more must go: the smallest, 10 (not more
     * than half of the line). */
    ww_rtable_text(&t, 1, buf, sizeof buf);
    assert_string_equal(buf, "< 5");
    ww_rtable_text(&t, 2, buf, sizeof buf);
    assert_string_equal(buf, "20");
    ww_rtable_text(&t, ww_rtable_col_total(&t, 0), buf, sizeof buf);
    assert_string_equal(buf, "33");
    /* Neither the HTML nor the CSV has a 3 in a cell, nor a 10. */
    char *html = NULL, *csv = NULL;
    size_t hn = 0, cn = 0;
    FILE *f = open_memstream(&html, &hn);
    ww_rtable_write_html(&t, f);
    fclose(f);
    f = open_memstream(&csv, &cn);
    ww_rtable_write_csv(&t, f);
    fclose(f);
    assert_null(strstr(html, ">3<"));
    assert_null(strstr(html, ">10<"));
    assert_non_null(strstr(html, "<td>&lt; 5</td>"));
    assert_null(strstr(csv, ",3\r"));
    assert_null(strstr(csv, ",10\r"));
    assert_non_null(strstr(csv, ",< 5\r"));
    /* No bar is drawn for a hidden count: its width would tell it. */
    assert_int_equal((int)(strstr(html, "class=\"bar\"") != NULL), 1);
    const char *p = html;
    int bars = 0;
    while ((p = strstr(p, "class=\"bar\"")) != NULL) {
        bars++;
        p++;
    }
    assert_int_equal(bars, 1);
    free(html);
    free(csv);
    assert_protected(&t);
    ww_rtable_destroy(&t);
}

static void test_total_of_one_cell_is_hidden(void **state)
{
    (void)state;
    struct ww_rtable t;
    ww_rtable_init(&t, "x", "x", 1, 1);
    t.col_totals = true;
    *ww_rtable_at(&t, 0, 0) = 3;
    ww_rtable_suppress(&t);
    assert_true(t.hid[0]);
    assert_true(t.hid[ww_rtable_col_total(&t, 0)]);
    ww_rtable_destroy(&t);
}

static void test_matrix_rows_and_columns(void **state)
{
    (void)state;
    struct ww_rtable t;
    ww_rtable_init(&t, "x", "x", 2, 2);
    t.row_totals = t.col_totals = true;
    int64_t v[4] = {3, 7, 8, 9};
    memcpy(t.v, v, sizeof v);
    ww_rtable_suppress(&t);
    assert_protected(&t);
    /* 3 alone in its row and its column; 7 and 8 are most of them, so
     * their totals go (and then the grand total, else 27 - 17 gives the
     * first row's); 3 cannot be computed from what is left. */
    assert_true(t.hid[0]);
    assert_false(t.hid[1]);
    assert_false(t.hid[2]);
    assert_false(t.hid[3]);
    assert_true(t.hid[ww_rtable_row_total(&t, 0)]);
    assert_true(t.hid[ww_rtable_col_total(&t, 0)]);
    assert_true(t.hid[ww_rtable_grand(&t)]);
    assert_false(t.hid[ww_rtable_row_total(&t, 1)]);
    assert_int_equal(t.tot[t.rows + t.cols], 27);
    ww_rtable_destroy(&t);
}

static void test_random_tables_are_protected(void **state)
{
    (void)state;
    srand(7);
    for (int round = 0; round < 2000; round++) {
        size_t rows = 1 + (size_t)(rand() % 6), cols = 1 + (size_t)(rand() % 6);
        struct ww_rtable t;
        ww_rtable_init(&t, "x", "x", rows, cols);
        t.row_totals = rand() % 2;
        t.col_totals = rand() % 2;
        for (size_t i = 0; i < rows * cols; i++)
            t.v[i] = rand() % 3 == 0 ? rand() % 5 : rand() % 40;
        ww_rtable_suppress(&t);
        assert_protected(&t);
        ww_rtable_destroy(&t);
    }
}

static void test_value_columns(void **state)
{
    (void)state;
    struct ww_rtable t;
    ww_rtable_init(&t, "x", "x", 1, 3);
    t.ckind[1] = WW_COL_VALUE;
    t.ckind[2] = WW_COL_SIGNED;
    *ww_rtable_at(&t, 0, 0) = 12;
    *ww_rtable_at(&t, 0, 1) = 41;
    *ww_rtable_at(&t, 0, 2) = -3;
    ww_rtable_suppress(&t);
    char buf[32];
    ww_rtable_text(&t, 1, buf, sizeof buf);
    assert_string_equal(buf, "4,1");
    ww_rtable_text(&t, 2, buf, sizeof buf);
    assert_string_equal(buf, "-0,3");
    *ww_rtable_at(&t, 0, 2) = WW_REPORT_NONE;
    ww_rtable_text(&t, 2, buf, sizeof buf);
    assert_string_equal(buf, "–");
    ww_rtable_destroy(&t);
}

/* ---- the store's sums ---- */

static void sig(struct ww_store *s, ww_day day, const char *loc, const char *kind, const char *k1,
                const char *k2, int num, int times)
{
    struct ww_signal g;
    memset(&g, 0, sizeof g);
    g.day = day;
    ww_strlcpy(g.location, loc, sizeof g.location);
    ww_strlcpy(g.kind, kind, sizeof g.kind);
    ww_strlcpy(g.k1, k1, sizeof g.k1);
    ww_strlcpy(g.k2, k2, sizeof g.k2);
    g.num = num;
    for (int i = 0; i < times; i++)
        assert_int_equal(ww_store_signal(s, &g), WW_OK);
}

static const struct ww_report_row *find(const struct ww_report_row *rows, size_t n, const char *k1,
                                        const char *k2, int a, int b)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(rows[i].k1, k1) == 0 && strcmp(rows[i].k2, k2) == 0 && rows[i].a == a &&
            rows[i].b == b)
            return &rows[i];
    return NULL;
}

static void test_store_sums(void **state)
{
    (void)state;
    char err[512];
    struct ww_store *s = ww_store_open(uri, "/tmp", err, sizeof err);
    assert_non_null(s);
    /* Monday 2026-11-30 and Wednesday 2026-12-02; the week before. */
    ww_day mon = ww_day_from_ymd(2026, 11, 30), wed = mon + 2, before = mon - 7;
    assert_int_equal(ww_day_weekday(mon), 0);
    sig(s, mon, loc_a, "visit", "1", "", 9, 6);
    sig(s, mon, loc_a, "visit", "2", "", 10, 4);
    sig(s, wed, loc_a, "visit", "1", "", 9, 3);
    sig(s, wed, loc_b, "visit", "1", "", 9, 100); /* another location */
    sig(s, before, loc_a, "visit", "1", "", 11, 2);
    sig(s, mon, loc_a, "miss", "juridisch-loket", "absent", 0, 14);
    sig(s, wed, loc_a, "miss", "juridisch-loket", "full", 0, 2);
    sig(s, mon, loc_a, "reach", "geld", "q1", 0, 12);
    for (int i = 0; i < 5; i++)
        assert_int_equal(ww_store_dropout(s, mon, loc_a, "question:geld:q1"), WW_OK);
    sig(s, wed, loc_a, "dontknow", "geld", "q1", 0, 6);
    sig(s, wed, loc_a, "talk", "geld", "q1", 0, 1);
    sig(s, mon, loc_a, "rate", "schuldhulp", "nl", 4, 3);
    sig(s, wed, loc_a, "rate", "schuldhulp", "nl", 5, 3);
    sig(s, mon, loc_a, "lang", "tr", "", 0, 7);
    sig(s, mon, loc_a, "noprint", "", "", 0, 2);
    struct ww_signal down = {.day = mon, .add = 17};
    ww_strlcpy(down.location, loc_a, sizeof down.location);
    ww_strlcpy(down.kind, "down", sizeof down.kind);
    assert_int_equal(ww_store_signal(s, &down), WW_OK);

    struct ww_report_range rg = {loc_a, mon, mon + 6};
    struct ww_report_row *rows = NULL;
    size_t n = 0;
    assert_int_equal(ww_store_report(s, WW_RQ_VISITS_WEEK, &rg, &rows, &n), WW_OK);
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].a, mon);
    assert_int_equal(rows[0].v[0], 13);
    free(rows);

    assert_int_equal(ww_store_report(s, WW_RQ_HEAT, &rg, &rows, &n), WW_OK);
    assert_int_equal(n, 3);
    assert_int_equal(find(rows, n, "", "", 0, 9)->v[0], 6);
    assert_int_equal(find(rows, n, "", "", 0, 10)->v[0], 4);
    assert_int_equal(find(rows, n, "", "", 2, 9)->v[0], 3);
    free(rows);

    assert_int_equal(ww_store_report(s, WW_RQ_MULTI, &rg, &rows, &n), WW_OK);
    assert_int_equal(find(rows, n, "1", "", 0, 0)->v[0], 9);
    assert_int_equal(find(rows, n, "2", "", 0, 0)->v[0], 4);
    free(rows);

    assert_int_equal(ww_store_report(s, WW_RQ_MISSED, &rg, &rows, &n), WW_OK);
    assert_int_equal(n, 2);
    assert_int_equal(find(rows, n, "juridisch-loket", "absent", 0, 0)->v[0], 14);
    assert_int_equal(find(rows, n, "juridisch-loket", "full", 2, 0)->v[0], 2);
    free(rows);

    assert_int_equal(ww_store_report(s, WW_RQ_FUNNEL, &rg, &rows, &n), WW_OK);
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].v[0], 12);
    assert_int_equal(rows[0].v[1], 0); /* left: from the drop-outs */
    assert_int_equal(rows[0].v[2], 6);
    assert_int_equal(rows[0].v[3], 1);
    free(rows);

    assert_int_equal(ww_store_report(s, WW_RQ_DROPOUTS, &rg, &rows, &n), WW_OK);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].k1, "question:geld:q1");
    assert_int_equal(rows[0].v[0], 5);
    free(rows);

    assert_int_equal(ww_store_report(s, WW_RQ_RATE_PARTNER, &rg, &rows, &n), WW_OK);
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].v[0], 6);
    assert_int_equal(rows[0].v[1], 27);
    free(rows);
    assert_int_equal(ww_store_report(s, WW_RQ_RATE_LANG, &rg, &rows, &n), WW_OK);
    assert_string_equal(rows[0].k1, "nl");
    free(rows);

    assert_int_equal(ww_store_report(s, WW_RQ_DEVICE, &rg, &rows, &n), WW_OK);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].k1, loc_a);
    assert_int_equal(rows[0].v[0], 2);
    assert_int_equal(rows[0].v[2], 17);
    free(rows);

    /* Two locations together; and the week before alone. */
    char both[80];
    ww_fmt(both, sizeof both, "%s,%s", loc_a, loc_b);
    rg.locations = both;
    assert_int_equal(ww_store_report(s, WW_RQ_VISITS_WEEK, &rg, &rows, &n), WW_OK);
    assert_int_equal(rows[0].v[0], 113);
    free(rows);
    rg.locations = loc_a;
    rg.from = before;
    rg.to = before + 6;
    assert_int_equal(ww_store_report(s, WW_RQ_VISITS_WEEK, &rg, &rows, &n), WW_OK);
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].v[0], 2);
    free(rows);
    /* A prefix of an id is not the id. */
    char prefix[32];
    ww_strlcpy(prefix, loc_a, sizeof prefix);
    prefix[strlen(prefix) - 1] = 0;
    rg.locations = prefix;
    assert_int_equal(ww_store_report(s, WW_RQ_VISITS_WEEK, &rg, &rows, &n), WW_OK);
    assert_int_equal(n, 0);
    free(rows);
    ww_store_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cell_of_three_not_shown_nor_computable),
        cmocka_unit_test(test_total_of_one_cell_is_hidden),
        cmocka_unit_test(test_matrix_rows_and_columns),
        cmocka_unit_test(test_random_tables_are_protected),
        cmocka_unit_test(test_value_columns),
        cmocka_unit_test(test_store_sums),
    };
    return cmocka_run_group_tests(tests, suite_setup, suite_teardown);
}
