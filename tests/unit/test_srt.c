/* SubRip subtitles: a good file, lookups at given times, and one case per
 * kind of bad input with the exact message the author sees. */
#include "srt.h"
#include "str.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static const char good[] = "\xEF\xBB\xBF"
                           "1\r\n"
                           "00:00:00,300 --> 00:00:02,800\r\n"
                           "Gaat u uit elkaar?\r\n"
                           "Dan verandert er <i>veel</i> tegelijk.\r\n"
                           "\r\n"
                           "2\r\n"
                           "00:00:03.000 --> 00:00:05,400 X1:10 X2:20\r\n"
                           "{\\an8}Over wonen, geld en de kinderen.\r\n"
                           "\r\n"
                           "\r\n"
                           "3\n"
                           "01:02:03,004 --> 01:02:04,000\n"
                           "Kom langs bij de open balie.";

static void test_good(void **state)
{
    (void)state;
    struct ww_srt s;
    struct ww_diags d;
    ww_srt_init(&s);
    ww_diags_init(&d);
    assert_true(ww_srt_parse(&s, good, strlen(good), "film.srt", &d));
    assert_int_equal(d.count, 0);
    assert_int_equal(s.n, 3);
    assert_int_equal(s.cues[0].start_ms, 300);
    assert_int_equal(s.cues[0].end_ms, 2800);
    assert_int_equal(s.cues[0].n_lines, 2);
    assert_string_equal(s.cues[0].text[0], "Gaat u uit elkaar?");
    assert_string_equal(s.cues[0].text[1], "Dan verandert er veel tegelijk.");
    assert_int_equal(s.cues[1].start_ms, 3000);
    assert_int_equal(s.cues[1].n_lines, 1);
    assert_string_equal(s.cues[1].text[0], "Over wonen, geld en de kinderen.");
    assert_int_equal(s.cues[2].start_ms, 3723004);
    assert_int_equal(s.cues[2].line, 11);
    ww_srt_destroy(&s);
    ww_diags_destroy(&d);
}

/* Which subtitle is up at a given film time. */
static void test_lookup(void **state)
{
    (void)state;
    struct ww_srt s;
    struct ww_diags d;
    ww_srt_init(&s);
    ww_diags_init(&d);
    assert_true(ww_srt_parse(&s, good, strlen(good), "film.srt", &d));
    static const struct {
        int64_t ms;
        int cue; /* index, -1 = none */
    } cases[] = {
        {0, -1},      {299, -1},     {300, 0},  {2799, 0},           {2800, -1},
        {2999, -1},   {3000, 1},     {5399, 1}, {5400, -1},          {3723004, 2},
        {3723999, 2}, {3724000, -1}, {-5, -1},  {INT64_MAX / 2, -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct ww_srt_cue *c = ww_srt_at(&s, cases[i].ms);
        if (cases[i].cue < 0)
            assert_null(c);
        else
            assert_ptr_equal(c, &s.cues[cases[i].cue]);
    }
    /* Overlapping cues: the one that started last wins, the earlier one
     * shows again once the later one is gone. */
    struct ww_srt o;
    ww_srt_init(&o);
    const char ov[] = "1\n00:00:01,000 --> 00:00:10,000\nlang\n\n"
                      "2\n00:00:02,000 --> 00:00:03,000\nkort\n";
    assert_true(ww_srt_parse(&o, ov, strlen(ov), "o.srt", &d));
    assert_string_equal(ww_srt_at(&o, 1500)->text[0], "lang");
    assert_string_equal(ww_srt_at(&o, 2500)->text[0], "kort");
    assert_string_equal(ww_srt_at(&o, 3500)->text[0], "lang");
    ww_srt_destroy(&o);
    ww_srt_destroy(&s);
    ww_diags_destroy(&d);
}

static void test_times(void **state)
{
    (void)state;
    int64_t ms;
    assert_true(ww_srt_time_parse("00:00:01,500", &ms));
    assert_int_equal(ms, 1500);
    assert_true(ww_srt_time_parse("10:59:59.999", &ms));
    assert_int_equal(ms, 39599999);
    assert_false(ww_srt_time_parse("00:60:00,000", &ms));
    assert_false(ww_srt_time_parse("00:00:61,000", &ms));
    assert_false(ww_srt_time_parse("0:0:1,5", &ms));
    assert_false(ww_srt_time_parse("", &ms));
    assert_false(ww_srt_time_parse("00:00:01,500x", &ms));
}

struct bad {
    const char *text;
    const char *msg; /* the first diagnostic, as printed */
    size_t good;     /* cues that still parse */
};

static const struct bad bads[] = {
    {"x\n00:00:01,000 --> 00:00:02,000\nHallo\n", "t.srt:1: expected a cue number, found 'x'", 0},
    {"1\n00:00:01 --> 00:00:02\nHallo\n",
     "t.srt:2: bad timing line '00:00:01 --> 00:00:02' (expected 00:00:01,000 --> 00:00:03,500)",
     0},
    {"1\n00:00:01,000 -> 00:00:02,000\nHallo\n",
     "t.srt:2: bad timing line '00:00:01,000 -> 00:00:02,000' (expected 00:00:01,000 --> "
     "00:00:03,500)",
     0},
    {"1\n00:00:02,000 --> 00:00:01,000\nHallo\n", "t.srt:2: cue 1 ends before it starts", 0},
    {"1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:03,000 --> 00:00:04,000\nB\n",
     "t.srt:1: cue 1 has no text", 1},
    {"1\n00:00:01,000 --> 00:00:02,000\nEen\nTwee\nDrie\n\n2\n00:00:03,000 --> 00:00:04,000\nB\n",
     "t.srt:5: cue 1 has more than two lines of text (at most two fit on the screen)", 1},
    {"1\n00:00:05,000 --> 00:00:06,000\nA\n\n2\n00:00:01,000 --> 00:00:02,000\nB\n",
     "t.srt:5: cue 2 starts before the cue above it (cues must be in time order)", 1},
    {"1\n00:00:01,000 --> 00:00:02,000\nbad \xC3\x28 text\n",
     "t.srt:3: text is not valid UTF-8 "
     "(save the file as UTF-8)",
     0},
    {"1\n\nHallo\n", "t.srt:2: cue 1 has no timing line", 0},
    {"1\n", "t.srt:1: cue 1 has no timing line", 0},
    {"", "t.srt: no subtitles in the file", 0},
    {"\n\n  \n", "t.srt: no subtitles in the file", 0},
};

static void test_bad(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bads / sizeof bads[0]; i++) {
        struct ww_srt s;
        struct ww_diags d;
        ww_srt_init(&s);
        ww_diags_init(&d);
        bool ok = ww_srt_parse(&s, bads[i].text, strlen(bads[i].text), "t.srt", &d);
        char msg[600] = "";
        if (d.count)
            ww_diag_format(&d.items[0], msg, sizeof msg);
        if (ok || strcmp(msg, bads[i].msg) != 0 || s.n != bads[i].good)
            fail_msg("case %zu: ok=%d cues=%zu\n  got:  %s\n  want: %s", i, ok, s.n, msg,
                     bads[i].msg);
        ww_srt_destroy(&s);
        ww_diags_destroy(&d);
    }
}

static void test_long_and_binary(void **state)
{
    (void)state;
    struct ww_srt s;
    struct ww_diags d;
    char msg[600];
    /* A text line longer than a band line. */
    char text[600] = "1\n00:00:01,000 --> 00:00:02,000\n";
    size_t n = strlen(text);
    memset(text + n, 'a', 300);
    text[n + 300] = '\n';
    text[n + 301] = '\0';
    ww_srt_init(&s);
    ww_diags_init(&d);
    assert_false(ww_srt_parse(&s, text, strlen(text), "t.srt", &d));
    ww_diag_format(&d.items[0], msg, sizeof msg);
    assert_string_equal(msg, "t.srt:3: line longer than 191 bytes");
    ww_srt_destroy(&s);
    ww_diags_destroy(&d);

    /* A film handed over as subtitles. */
    static const char bin[] = "\x00\x00\x00\x18"
                              "ftypmp42";
    ww_srt_init(&s);
    ww_diags_init(&d);
    assert_false(ww_srt_parse(&s, bin, sizeof bin - 1, "film.mp4", &d));
    ww_diag_format(&d.items[0], msg, sizeof msg);
    assert_string_equal(msg, "film.mp4:1: binary data (this is not a subtitle file)");
    ww_srt_destroy(&s);
    ww_diags_destroy(&d);

    /* A missing file. */
    ww_srt_init(&s);
    ww_diags_init(&d);
    assert_false(ww_srt_load(&s, "/nonexistent/film.srt", &d));
    ww_diag_format(&d.items[0], msg, sizeof msg);
    assert_string_equal(msg, "/nonexistent/film.srt: cannot read: No such file or directory");
    ww_srt_destroy(&s);
    ww_diags_destroy(&d);
}

/* Garbage never crashes the parser (and never leaks, under ASan). */
static void test_garbage(void **state)
{
    (void)state;
    uint32_t x = 12345;
    char buf[512];
    static const char alphabet[] = "0123456789:,.-> \n\r\tabc<>{}\\\xC3\xA9";
    for (int round = 0; round < 3000; round++) {
        size_t len = (size_t)(round % (int)sizeof buf);
        for (size_t i = 0; i < len; i++) {
            x = x * 1103515245u + 12345u;
            buf[i] = round % 3 ? alphabet[(x >> 16) % (sizeof alphabet - 1)] : (char)(x >> 16);
        }
        struct ww_srt s;
        struct ww_diags d;
        ww_srt_init(&s);
        ww_diags_init(&d);
        ww_srt_parse(&s, buf, len, "g.srt", &d);
        for (size_t i = 0; i < s.n; i++) {
            assert_true(s.cues[i].n_lines >= 1 && s.cues[i].n_lines <= 2);
            assert_true(s.cues[i].end_ms > s.cues[i].start_ms);
        }
        ww_srt_destroy(&s);
        ww_diags_destroy(&d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good),
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_times),
        cmocka_unit_test(test_bad),
        cmocka_unit_test(test_long_and_binary),
        cmocka_unit_test(test_garbage),
    };
    return cmocka_run_group_tests_name("srt", tests, NULL, NULL);
}
