#include "say.h"

#include "str.h"

#include <string.h>

/* An output buffer that remembers truncation. */
struct out {
    char *p;
    size_t size, len;
    bool ok;
};

static void out_init(struct out *o, char *buf, size_t size)
{
    o->p = buf;
    o->size = size;
    o->len = 0;
    o->ok = size > 0;
    if (size > 0)
        buf[0] = '\0';
}

static void put(struct out *o, const char *s)
{
    size_t n = strlen(s);
    if (!o->ok || o->len + n >= o->size) {
        o->ok = false;
        return;
    }
    memcpy(o->p + o->len, s, n + 1);
    o->len += n;
}

static void putn(struct out *o, const char *s, size_t n)
{
    if (!o->ok || o->len + n >= o->size) {
        o->ok = false;
        return;
    }
    memcpy(o->p + o->len, s, n);
    o->len += n;
    o->p[o->len] = '\0';
}

static bool done(struct out *o)
{
    if (!o->ok && o->size > 0)
        o->p[0] = '\0';
    return o->ok;
}

/* ---- Dutch ---- */

static const char *const nl_small[20] = {
    "nul",      "één",      "twee",    "drie",      "vier",     "vijf",     "zes",
    "zeven",    "acht",     "negen",   "tien",      "elf",      "twaalf",   "dertien",
    "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien"};
static const char *const nl_tens[10] = {"",        "tien",   "twintig",  "dertig",  "veertig",
                                        "vijftig", "zestig", "zeventig", "tachtig", "negentig"};
static const char *const nl_weekday[7] = {"maandag", "dinsdag",  "woensdag", "donderdag",
                                          "vrijdag", "zaterdag", "zondag"};
static const char *const nl_month[12] = {"januari",   "februari", "maart",    "april",
                                         "mei",       "juni",     "juli",     "augustus",
                                         "september", "oktober",  "november", "december"};

/* 1..999 as one word; `inner` when it is part of a larger word ("een", not
 * "één": honderdeen, eenentwintig). */
static void nl_below_1000(struct out *o, int n, bool inner)
{
    if (n >= 100) {
        if (n / 100 > 1)
            nl_below_1000(o, n / 100, true);
        put(o, "honderd");
        n %= 100;
        if (n == 0)
            return;
        inner = true;
    }
    if (n < 20) {
        put(o, n == 1 && inner ? "een" : nl_small[n]);
        return;
    }
    int u = n % 10;
    if (u) {
        put(o, u == 1 ? "een" : nl_small[u]);
        /* tweeëntwintig, drieëntwintig: a diaeresis after a vowel */
        put(o, (u == 2 || u == 3) ? "ën" : "en");
    }
    put(o, nl_tens[n / 10]);
}

static void nl_number(struct out *o, long n)
{
    if (n == 0) {
        put(o, "nul");
        return;
    }
    if (n >= 1000) {
        if (n / 1000 > 1)
            nl_below_1000(o, (int)(n / 1000), true);
        put(o, "duizend");
        n %= 1000;
        if (n == 0)
            return;
        put(o, " "); /* tweeduizend zesentwintig */
    }
    nl_below_1000(o, (int)n, false);
}

static void nl_hour(struct out *o, int h)
{
    h %= 12;
    nl_number(o, h == 0 ? 12 : h);
}

static void nl_time(struct out *o, int minute)
{
    int h = minute / 60 % 24, m = minute % 60;
    if (m == 0) {
        nl_hour(o, h);
        put(o, " uur");
    } else if (m == 15) {
        put(o, "kwart over ");
        nl_hour(o, h);
    } else if (m == 30) {
        put(o, "half ");
        nl_hour(o, h + 1);
    } else if (m == 45) {
        put(o, "kwart voor ");
        nl_hour(o, h + 1);
    } else if (m < 15) {
        nl_number(o, m);
        put(o, " over ");
        nl_hour(o, h);
    } else if (m < 30) {
        nl_number(o, 30 - m);
        put(o, " voor half ");
        nl_hour(o, h + 1);
    } else if (m < 45) {
        nl_number(o, m - 30);
        put(o, " over half ");
        nl_hour(o, h + 1);
    } else {
        nl_number(o, 60 - m);
        put(o, " voor ");
        nl_hour(o, h + 1);
    }
}

static void nl_date(struct out *o, int wd, int d, int mon)
{
    if (wd >= 0) {
        put(o, nl_weekday[wd]);
        put(o, " ");
    }
    nl_number(o, d);
    put(o, " ");
    put(o, nl_month[mon - 1]);
}

/* ---- English ---- */

static const char *const en_small[20] = {"zero",    "one",     "two",       "three",    "four",
                                         "five",    "six",     "seven",     "eight",    "nine",
                                         "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                                         "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
static const char *const en_tens[10] = {"",      "ten",   "twenty",  "thirty", "forty",
                                        "fifty", "sixty", "seventy", "eighty", "ninety"};
static const char *const en_ord_small[20] = {
    "",           "first",     "second",    "third",       "fourth",     "fifth",     "sixth",
    "seventh",    "eighth",    "ninth",     "tenth",       "eleventh",   "twelfth",   "thirteenth",
    "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"};
static const char *const en_weekday[7] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                          "Friday", "Saturday", "Sunday"};
static const char *const en_month[12] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};

static void en_below_100(struct out *o, int n)
{
    if (n < 20) {
        put(o, en_small[n]);
        return;
    }
    put(o, en_tens[n / 10]);
    if (n % 10) {
        put(o, "-");
        put(o, en_small[n % 10]);
    }
}

static void en_below_1000(struct out *o, int n)
{
    if (n >= 100) {
        put(o, en_small[n / 100]);
        put(o, " hundred");
        n %= 100;
        if (n == 0)
            return;
        put(o, " and ");
    }
    en_below_100(o, n);
}

static void en_number(struct out *o, long n)
{
    if (n >= 1000) {
        en_below_1000(o, (int)(n / 1000));
        put(o, " thousand");
        n %= 1000;
        if (n == 0)
            return;
        put(o, n < 100 ? " and " : " ");
    }
    en_below_1000(o, (int)n);
}

static void en_hour(struct out *o, int h)
{
    h %= 12;
    en_number(o, h == 0 ? 12 : h);
}

static void en_time(struct out *o, int minute)
{
    int h = minute / 60 % 24, m = minute % 60;
    if (m == 0) {
        en_hour(o, h);
        put(o, " o'clock");
        return;
    }
    bool past = m <= 30;
    int k = past ? m : 60 - m;
    if (k == 15) {
        put(o, "quarter");
    } else if (k == 30) {
        put(o, "half");
    } else {
        en_number(o, k);
        if (k % 5)
            put(o, k == 1 ? " minute" : " minutes");
    }
    put(o, past ? " past " : " to ");
    en_hour(o, past ? h : h + 1);
}

static void en_ordinal(struct out *o, int n)
{
    if (n < 20) {
        put(o, en_ord_small[n]);
    } else if (n % 10 == 0) {
        put(o, n == 20 ? "twentieth" : "thirtieth");
    } else {
        put(o, en_tens[n / 10]);
        put(o, "-");
        put(o, en_ord_small[n % 10]);
    }
}

static void en_date(struct out *o, int wd, int d, int mon)
{
    if (wd >= 0) {
        put(o, en_weekday[wd]);
        put(o, " ");
    }
    put(o, "the ");
    en_ordinal(o, d);
    put(o, " of ");
    put(o, en_month[mon - 1]);
}

/* ---- Turkish ---- */

static const char *const tr_unit[10] = {"sıfır", "bir",  "iki",  "üç",    "dört",
                                        "beş",   "altı", "yedi", "sekiz", "dokuz"};
static const char *const tr_tens[10] = {"",     "on",     "yirmi",  "otuz",   "kırk",
                                        "elli", "altmış", "yetmiş", "seksen", "doksan"};
static const char *const tr_weekday[7] = {"Pazartesi", "Salı",      "Çarşamba", "Perşembe",
                                          "Cuma",      "Cumartesi", "Pazar"};
static const char *const tr_month[12] = {"Ocak",   "Şubat",   "Mart",  "Nisan", "Mayıs", "Haziran",
                                         "Temmuz", "Ağustos", "Eylül", "Ekim",  "Kasım", "Aralık"};

/* Words separated by spaces; "bir" is left out before yüz and bin. */
static void tr_below_1000(struct out *o, int n, bool *first)
{
    if (n >= 100) {
        if (!*first)
            put(o, " ");
        if (n / 100 > 1) {
            put(o, tr_unit[n / 100]);
            put(o, " ");
        }
        put(o, "yüz");
        *first = false;
        n %= 100;
    }
    if (n >= 10) {
        if (!*first)
            put(o, " ");
        put(o, tr_tens[n / 10]);
        *first = false;
        n %= 10;
    }
    if (n > 0) {
        if (!*first)
            put(o, " ");
        put(o, tr_unit[n]);
        *first = false;
    }
}

static void tr_number(struct out *o, long n)
{
    if (n == 0) {
        put(o, tr_unit[0]);
        return;
    }
    bool first = true;
    if (n >= 1000) {
        if (n / 1000 > 1)
            tr_below_1000(o, (int)(n / 1000), &first);
        if (!first)
            put(o, " ");
        put(o, "bin");
        first = false;
    }
    tr_below_1000(o, (int)(n % 1000), &first);
}

static void tr_time(struct out *o, int minute)
{
    int h = minute / 60 % 24, m = minute % 60;
    if (m == 0) {
        put(o, "saat ");
        tr_number(o, h);
    } else if (m == 30) {
        tr_number(o, h);
        put(o, " buçuk");
    } else {
        tr_number(o, h);
        put(o, " ");
        tr_number(o, m);
    }
}

static void tr_date(struct out *o, int wd, int d, int mon)
{
    tr_number(o, d);
    put(o, " ");
    put(o, tr_month[mon - 1]);
    if (wd >= 0) {
        put(o, " ");
        put(o, tr_weekday[wd]);
    }
}

/* ---- Polish ---- */

static const char *const pl_small[20] = {
    "zero",       "jeden",      "dwa",          "trzy",        "cztery",
    "pięć",       "sześć",      "siedem",       "osiem",       "dziewięć",
    "dziesięć",   "jedenaście", "dwanaście",    "trzynaście",  "czternaście",
    "piętnaście", "szesnaście", "siedemnaście", "osiemnaście", "dziewiętnaście"};
static const char *const pl_tens[10] = {"",
                                        "dziesięć",
                                        "dwadzieścia",
                                        "trzydzieści",
                                        "czterdzieści",
                                        "pięćdziesiąt",
                                        "sześćdziesiąt",
                                        "siedemdziesiąt",
                                        "osiemdziesiąt",
                                        "dziewięćdziesiąt"};
static const char *const pl_hundreds[10] = {"",          "sto",        "dwieście", "trzysta",
                                            "czterysta", "pięćset",    "sześćset", "siedemset",
                                            "osiemset",  "dziewięćset"};
static const char *const pl_hour[24] = {"zero",
                                        "pierwsza",
                                        "druga",
                                        "trzecia",
                                        "czwarta",
                                        "piąta",
                                        "szósta",
                                        "siódma",
                                        "ósma",
                                        "dziewiąta",
                                        "dziesiąta",
                                        "jedenasta",
                                        "dwunasta",
                                        "trzynasta",
                                        "czternasta",
                                        "piętnasta",
                                        "szesnasta",
                                        "siedemnasta",
                                        "osiemnasta",
                                        "dziewiętnasta",
                                        "dwudziesta",
                                        "dwudziesta pierwsza",
                                        "dwudziesta druga",
                                        "dwudziesta trzecia"};
/* Genitive ordinals for dates: "dwudziestego czwartego listopada". */
static const char *const pl_ord_gen[20] = {"",
                                           "pierwszego",
                                           "drugiego",
                                           "trzeciego",
                                           "czwartego",
                                           "piątego",
                                           "szóstego",
                                           "siódmego",
                                           "ósmego",
                                           "dziewiątego",
                                           "dziesiątego",
                                           "jedenastego",
                                           "dwunastego",
                                           "trzynastego",
                                           "czternastego",
                                           "piętnastego",
                                           "szesnastego",
                                           "siedemnastego",
                                           "osiemnastego",
                                           "dziewiętnastego"};
static const char *const pl_weekday[7] = {"poniedziałek", "wtorek", "środa",    "czwartek",
                                          "piątek",       "sobota", "niedziela"};
static const char *const pl_month_gen[12] = {"stycznia", "lutego",       "marca",     "kwietnia",
                                             "maja",     "czerwca",      "lipca",     "sierpnia",
                                             "września", "października", "listopada", "grudnia"};

static void sp_words(struct out *o, bool *first, const char *w)
{
    if (!*w)
        return;
    if (!*first)
        put(o, " ");
    put(o, w);
    *first = false;
}

static void pl_below_1000(struct out *o, int n, bool *first)
{
    sp_words(o, first, pl_hundreds[n / 100]);
    n %= 100;
    if (n >= 20) {
        sp_words(o, first, pl_tens[n / 10]);
        n %= 10;
    }
    if (n > 0)
        sp_words(o, first, pl_small[n]);
}

static void pl_number(struct out *o, long n)
{
    if (n == 0) {
        put(o, pl_small[0]);
        return;
    }
    bool first = true;
    long t = n / 1000;
    if (t == 1) {
        sp_words(o, &first, "tysiąc");
    } else if (t > 1) {
        pl_below_1000(o, (int)t, &first);
        int u = (int)(t % 10), tt = (int)(t % 100);
        /* dwa tysiące, pięć tysięcy, dwanaście tysięcy, dwadzieścia dwa tysiące */
        sp_words(o, &first, (u >= 2 && u <= 4 && (tt < 12 || tt > 14)) ? "tysiące" : "tysięcy");
    }
    pl_below_1000(o, (int)(n % 1000), &first);
}

/* After "o", "od" and "do" the hour is locative or genitive, which are the
 * same for these words: "o dziewiątej trzydzieści", "do szesnastej". */
static const char *const pl_hour_ej[24] = {"zero",
                                           "pierwszej",
                                           "drugiej",
                                           "trzeciej",
                                           "czwartej",
                                           "piątej",
                                           "szóstej",
                                           "siódmej",
                                           "ósmej",
                                           "dziewiątej",
                                           "dziesiątej",
                                           "jedenastej",
                                           "dwunastej",
                                           "trzynastej",
                                           "czternastej",
                                           "piętnastej",
                                           "szesnastej",
                                           "siedemnastej",
                                           "osiemnastej",
                                           "dziewiętnastej",
                                           "dwudziestej",
                                           "dwudziestej pierwszej",
                                           "dwudziestej drugiej",
                                           "dwudziestej trzeciej"};

static void pl_clock(struct out *o, int minute, const char *const *hours)
{
    int h = minute / 60 % 24, m = minute % 60;
    put(o, hours[h]);
    if (m == 0)
        return;
    put(o, m < 10 ? " zero " : " ");
    pl_number(o, m);
}

static void pl_time(struct out *o, int minute)
{
    pl_clock(o, minute, pl_hour);
}

static void pl_time_at(struct out *o, int minute)
{
    pl_clock(o, minute, pl_hour_ej);
}

static void pl_date(struct out *o, int wd, int d, int mon)
{
    if (wd >= 0) {
        put(o, pl_weekday[wd]);
        put(o, ", ");
    }
    if (d >= 20) {
        put(o, d >= 30 ? "trzydziestego" : "dwudziestego");
        if (d % 10) {
            put(o, " ");
            put(o, pl_ord_gen[d % 10]);
        }
    } else {
        put(o, pl_ord_gen[d]);
    }
    put(o, " ");
    put(o, pl_month_gen[mon - 1]);
}

/* ---- Ukrainian (ASCII apostrophe: espeak-ng reads it, not U+02BC) ---- */

static const char *const uk_small[20] = {
    "нуль",        "один",        "два",        "три",          "чотири",
    "п'ять",       "шість",       "сім",        "вісім",        "дев'ять",
    "десять",      "одинадцять",  "дванадцять", "тринадцять",   "чотирнадцять",
    "п'ятнадцять", "шістнадцять", "сімнадцять", "вісімнадцять", "дев'ятнадцять"};
static const char *const uk_tens[10] = {"",           "десять",    "двадцять",  "тридцять",
                                        "сорок",      "п'ятдесят", "шістдесят", "сімдесят",
                                        "вісімдесят", "дев'яносто"};
static const char *const uk_hundreds[10] = {"",          "сто",      "двісті",  "триста",
                                            "чотириста", "п'ятсот",  "шістсот", "сімсот",
                                            "вісімсот",  "дев'ятсот"};
static const char *const uk_hour[24] = {
    "нуль",        "перша",          "друга",          "третя",         "четверта",
    "п'ята",       "шоста",          "сьома",          "восьма",        "дев'ята",
    "десята",      "одинадцята",     "дванадцята",     "тринадцята",    "чотирнадцята",
    "п'ятнадцята", "шістнадцята",    "сімнадцята",     "вісімнадцята",  "дев'ятнадцята",
    "двадцята",    "двадцять перша", "двадцять друга", "двадцять третя"};
static const char *const uk_ord_gen[20] = {"",
                                           "першого",
                                           "другого",
                                           "третього",
                                           "четвертого",
                                           "п'ятого",
                                           "шостого",
                                           "сьомого",
                                           "восьмого",
                                           "дев'ятого",
                                           "десятого",
                                           "одинадцятого",
                                           "дванадцятого",
                                           "тринадцятого",
                                           "чотирнадцятого",
                                           "п'ятнадцятого",
                                           "шістнадцятого",
                                           "сімнадцятого",
                                           "вісімнадцятого",
                                           "дев'ятнадцятого"};
static const char *const uk_weekday[7] = {"понеділок", "вівторок", "середа", "четвер",
                                          "п'ятниця",  "субота",   "неділя"};
static const char *const uk_month_gen[12] = {"січня",   "лютого", "березня",   "квітня",
                                             "травня",  "червня", "липня",     "серпня",
                                             "вересня", "жовтня", "листопада", "грудня"};

static void uk_below_1000(struct out *o, int n, bool *first, bool feminine)
{
    sp_words(o, first, uk_hundreds[n / 100]);
    n %= 100;
    if (n >= 20) {
        sp_words(o, first, uk_tens[n / 10]);
        n %= 10;
    }
    if (n > 0) {
        /* тисяча is feminine: одна тисяча, дві тисячі */
        const char *w = feminine && n == 1 ? "одна" : feminine && n == 2 ? "дві" : uk_small[n];
        sp_words(o, first, w);
    }
}

static void uk_number(struct out *o, long n)
{
    if (n == 0) {
        put(o, uk_small[0]);
        return;
    }
    bool first = true;
    long t = n / 1000;
    if (t == 1) {
        sp_words(o, &first, "тисяча");
    } else if (t > 1) {
        uk_below_1000(o, (int)t, &first, true);
        int u = (int)(t % 10), tt = (int)(t % 100);
        const char *w = (tt >= 11 && tt <= 14) ? "тисяч"
                        : u == 1               ? "тисяча"
                        : (u >= 2 && u <= 4)   ? "тисячі"
                                               : "тисяч";
        sp_words(o, &first, w);
    }
    uk_below_1000(o, (int)(n % 1000), &first, false);
}

/* After "о"/"об" the hour is locative: "о дев'ятій тридцять". */
static const char *const uk_hour_loc[24] = {
    "нуль",         "першій",          "другій",          "третій",         "четвертій",
    "п'ятій",       "шостій",          "сьомій",          "восьмій",        "дев'ятій",
    "десятій",      "одинадцятій",     "дванадцятій",     "тринадцятій",    "чотирнадцятій",
    "п'ятнадцятій", "шістнадцятій",    "сімнадцятій",     "вісімнадцятій",  "дев'ятнадцятій",
    "двадцятій",    "двадцять першій", "двадцять другій", "двадцять третій"};

static void uk_clock(struct out *o, int minute, const char *const *hours)
{
    int h = minute / 60 % 24, m = minute % 60;
    put(o, hours[h]);
    if (m == 0)
        return;
    put(o, m < 10 ? " нуль " : " ");
    uk_number(o, m);
}

static void uk_time(struct out *o, int minute)
{
    uk_clock(o, minute, uk_hour);
}

static void uk_time_at(struct out *o, int minute)
{
    uk_clock(o, minute, uk_hour_loc);
}

/* After "з", "від" and "до" the hour is genitive: "з восьмої тридцять до
 * сімнадцятої" (the minutes stay as they are, as people say them). */
static const char *const uk_hour_gen[24] = {
    "нульової",     "першої",          "другої",          "третьої",         "четвертої",
    "п'ятої",       "шостої",          "сьомої",          "восьмої",         "дев'ятої",
    "десятої",      "одинадцятої",     "дванадцятої",     "тринадцятої",     "чотирнадцятої",
    "п'ятнадцятої", "шістнадцятої",    "сімнадцятої",     "вісімнадцятої",   "дев'ятнадцятої",
    "двадцятої",    "двадцять першої", "двадцять другої", "двадцять третьої"};

static void uk_time_gen(struct out *o, int minute)
{
    uk_clock(o, minute, uk_hour_gen);
}

static void uk_date(struct out *o, int wd, int d, int mon)
{
    if (wd >= 0) {
        put(o, uk_weekday[wd]);
        put(o, ", ");
    }
    if (d >= 20 && d % 10) {
        put(o, d >= 30 ? "тридцять " : "двадцять ");
        put(o, uk_ord_gen[d % 10]);
    } else if (d >= 20) {
        put(o, d == 30 ? "тридцятого" : "двадцятого");
    } else {
        put(o, uk_ord_gen[d]);
    }
    put(o, " ");
    put(o, uk_month_gen[mon - 1]);
}

/* ---- Arabic, vocalised ---- */

static const char *const ar_small[20] = {
    "صِفْر",       "وَاحِد",     "اِثْنَان",   "ثَلَاثَة",    "أَرْبَعَة",      "خَمْسَة",     "سِتَّة",
    "سَبْعَة",      "ثَمَانِيَة",   "تِسْعَة",    "عَشَرَة",     "أَحَدَ عَشَرَ",    "اِثْنَا عَشَرَ", "ثَلَاثَةَ عَشَرَ",
    "أَرْبَعَةَ عَشَرَ", "خَمْسَةَ عَشَرَ", "سِتَّةَ عَشَرَ", "سَبْعَةَ عَشَرَ", "ثَمَانِيَةَ عَشَرَ", "تِسْعَةَ عَشَرَ"};
static const char *const ar_tens[10] = {"",      "عَشَرَة", "عِشْرُون", "ثَلَاثُون", "أَرْبَعُون",
                                        "خَمْسُون", "سِتُّون", "سَبْعُون", "ثَمَانُون", "تِسْعُون"};
static const char *const ar_hundreds[10] = {"",       "مِئَة",   "مِئَتَان",  "ثَلَاثُمِئَة", "أَرْبَعُمِئَة",
                                            "خَمْسُمِئَة", "سِتُّمِئَة", "سَبْعُمِئَة", "ثَمَانِمِئَة", "تِسْعُمِئَة"};
static const char *const ar_hour[13] = {
    "",        "الْوَاحِدَة", "الثَّانِيَة", "الثَّالِثَة", "الرَّابِعَة",      "الْخَامِسَة",     "السَّادِسَة",
    "السَّابِعَة", "الثَّامِنَة", "التَّاسِعَة", "الْعَاشِرَة", "الْحَادِيَةَ عَشْرَة", "الثَّانِيَةَ عَشْرَة"};
static const char *const ar_weekday[7] = {"الْاِثْنَيْن", "الثُّلَاثَاء", "الْأَرْبِعَاء", "الْخَمِيس",
                                          "الْجُمُعَة",  "السَّبْت",    "الْأَحَد"};
static const char *const ar_month[12] = {"يَنَايِر", "فِبْرَايِر", "مَارِس",   "أَبْرِيل",  "مَايُو",   "يُونْيُو",
                                         "يُولْيُو", "أُغُسْطُس",  "سِبْتَمْبِر", "أُكْتُوبَر", "نُوفَمْبِر", "دِيسَمْبِر"};

/* Parts joined by "وَ", attached to the next word: "أَرْبَعَة وَعِشْرُون". */
static void ar_part(struct out *o, bool *first, const char *w)
{
    if (!*first)
        put(o, " وَ");
    put(o, w);
    *first = false;
}

static void ar_below_1000(struct out *o, int n, bool *first)
{
    if (n >= 100)
        ar_part(o, first, ar_hundreds[n / 100]);
    n %= 100;
    if (n == 0)
        return;
    if (n < 20) {
        ar_part(o, first, ar_small[n]);
        return;
    }
    /* the unit comes first: وَاحِد وَعِشْرُون */
    if (n % 10)
        ar_part(o, first, ar_small[n % 10]);
    ar_part(o, first, ar_tens[n / 10]);
}

static void ar_number(struct out *o, long n)
{
    if (n == 0) {
        put(o, ar_small[0]);
        return;
    }
    bool first = true;
    long t = n / 1000;
    if (t == 1) {
        ar_part(o, &first, "أَلْف");
    } else if (t == 2) {
        ar_part(o, &first, "أَلْفَان");
    } else if (t >= 3 && t <= 10) {
        ar_part(o, &first, ar_small[t]);
        put(o, " آلَاف");
    } else if (t > 10) {
        ar_below_1000(o, (int)t, &first);
        put(o, " أَلْف");
    }
    ar_below_1000(o, (int)(n % 1000), &first);
}

static void ar_hour_put(struct out *o, int h)
{
    h %= 12;
    put(o, ar_hour[h == 0 ? 12 : h]);
}

static void ar_time(struct out *o, int minute)
{
    int h = minute / 60 % 24, m = minute % 60;
    put(o, "السَّاعَة ");
    switch (m) {
    case 0:
        ar_hour_put(o, h);
        break;
    case 15:
        ar_hour_put(o, h);
        put(o, " وَالرُّبْع");
        break;
    case 20:
        ar_hour_put(o, h);
        put(o, " وَالثُّلْث");
        break;
    case 30:
        ar_hour_put(o, h);
        put(o, " وَالنِّصْف");
        break;
    case 40:
        ar_hour_put(o, h + 1);
        put(o, " إِلَّا ثُلْثًا");
        break;
    case 45:
        ar_hour_put(o, h + 1);
        put(o, " إِلَّا رُبْعًا");
        break;
    default:
        ar_hour_put(o, h);
        put(o, " وَ");
        ar_number(o, m);
        put(o, " دَقِيقَة");
    }
}

static void ar_date(struct out *o, int wd, int d, int mon)
{
    if (wd >= 0) {
        put(o, ar_weekday[wd]);
        put(o, "، ");
    }
    ar_number(o, d);
    put(o, " ");
    put(o, ar_month[mon - 1]);
}

/* ---- the language table ---- */

/* The end of a long range said so that it cannot be taken for the start
 * ("acht uur tot acht uur" for 8.00 tot 20.00): nl on the 24-hour clock,
 * en and ar with the part of the day. */
static void nl_time_late(struct out *o, int minute)
{
    int h = minute / 60 % 24, m = minute % 60;
    nl_number(o, h);
    put(o, " uur");
    if (m) {
        put(o, " ");
        nl_number(o, m);
    }
}

static void en_time_late(struct out *o, int minute)
{
    en_time(o, minute);
    put(o, minute >= 18 * 60 ? " in the evening" : " in the afternoon");
}

static void ar_time_late(struct out *o, int minute)
{
    ar_time(o, minute);
    put(o, minute >= 18 * 60 ? " مَسَاءً" : " بَعْدَ الظُّهْر");
}

struct lang {
    const char *code;
    void (*number)(struct out *o, long n);
    void (*time)(struct out *o, int minute);
    void (*date)(struct out *o, int wd, int d, int mon); /* wd -1: no weekday */
    /* Between the two times of a range ("tot"). Ukrainian "з ... до ..."
     * wants the genitive, which is not made here: a pause instead. */
    const char *until;
    /* The hour after a preposition where the language inflects it (pl, uk);
     * NULL: the same as `time`. */
    void (*time_at)(struct out *o, int minute);
    const char *at[4];         /* those prepositions, as whole words */
    bool until_at;             /* `until` is such a preposition too */
    const char *const *months; /* month names as screens write them after a day */
    /* The afternoon end of a range of ten hours or more; NULL: `time` (the
     * language already says times on the 24-hour clock). */
    void (*time_late)(struct out *o, int minute);
    /* Two digits of a phone number said as one number ("vijftig") where
     * people do so; otherwise every digit on its own. */
    bool pairs;
    const char *pause;       /* between groups of digits */
    const char *range_to[3]; /* words that join the two times of a range as written */
    /* The hour after prepositions that want another case (uk: genitive after
     * "з", "від", "до"); NULL: none. */
    void (*time_gen)(struct out *o, int minute);
    const char *gen_at[4];
};

static const struct lang langs[] = {
    {.code = "nl",
     .number = nl_number,
     .time = nl_time,
     .date = nl_date,
     .until = " tot ",
     .months = nl_month,
     .time_late = nl_time_late,
     .pairs = true,
     .pause = ", ",
     .range_to = {"tot"}},
    {.code = "en",
     .number = en_number,
     .time = en_time,
     .date = en_date,
     .until = " to ",
     .months = en_month,
     .time_late = en_time_late,
     .pause = ", ",
     .range_to = {"to", "until"}},
    {.code = "tr",
     .number = tr_number,
     .time = tr_time,
     .date = tr_date,
     .until = ", ",
     .months = tr_month,
     .pairs = true,
     .pause = ", ",
     .range_to = {"ile"}},
    {.code = "pl",
     .number = pl_number,
     .time = pl_time,
     .date = pl_date,
     .until = " do ",
     .time_at = pl_time_at,
     .at = {"o", "O", "od", "do"},
     .until_at = true,
     .months = pl_month_gen,
     .pairs = true,
     .pause = ", ",
     .range_to = {"do"}},
    {.code = "uk",
     .number = uk_number,
     .time = uk_time,
     .date = uk_date,
     .until = " – ",
     .time_at = uk_time_at,
     .at = {"о", "об", "О", "Об"},
     .months = uk_month_gen,
     .pairs = true,
     .pause = ", ",
     .range_to = {"до", "по"},
     .time_gen = uk_time_gen,
     .gen_at = {"з", "із", "від", "до"}},
    {.code = "ar",
     .number = ar_number,
     .time = ar_time,
     .date = ar_date,
     .until = " إِلَى ",
     .months = ar_month,
     .time_late = ar_time_late,
     .pause = "، ",
     .range_to = {"إِلَى", "حَتَّى"}},
};

static const struct lang *find_lang(const char *code)
{
    if (!code)
        return NULL;
    for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++)
        if (strcmp(langs[i].code, code) == 0)
            return &langs[i];
    return NULL;
}

bool ww_say_supported(const char *lang)
{
    return find_lang(lang) != NULL;
}

bool ww_say_number(const char *lang, long n, char *buf, size_t size)
{
    struct out o;
    out_init(&o, buf, size);
    const struct lang *l = find_lang(lang);
    if (!l || n < 0 || n > 999999)
        o.ok = false;
    else
        l->number(&o, n);
    return done(&o);
}

bool ww_say_time(const char *lang, int minute, char *buf, size_t size)
{
    struct out o;
    out_init(&o, buf, size);
    const struct lang *l = find_lang(lang);
    if (!l || minute < 0 || minute > 1440)
        o.ok = false;
    else
        l->time(&o, minute);
    return done(&o);
}

bool ww_say_date(const char *lang, ww_day day, char *buf, size_t size)
{
    struct out o;
    out_init(&o, buf, size);
    const struct lang *l = find_lang(lang);
    if (!l || day == WW_DAY_NONE) {
        o.ok = false;
    } else {
        int y, m, d;
        ww_day_to_ymd(day, &y, &m, &d);
        l->date(&o, ww_day_weekday(day), d, m);
    }
    return done(&o);
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

/* Length of a ticket number at s ("J-014"), 0 when there is none. */
static size_t ticket_len(const char *s)
{
    if (!is_upper(s[0]) || s[1] != '-' || !is_digit(s[2]))
        return 0;
    size_t n = 2;
    while (is_digit(s[n]) && n < 8)
        n++;
    return is_digit(s[n]) ? 0 : n;
}

bool ww_say_ticket(const char *lang, const char *ticket, char *buf, size_t size)
{
    struct out o;
    out_init(&o, buf, size);
    const struct lang *l = find_lang(lang);
    size_t n = ticket ? ticket_len(ticket) : 0;
    if (!l || n == 0 || ticket[n] != '\0') {
        o.ok = false;
        return done(&o);
    }
    long v = 0;
    for (size_t i = 2; i < n; i++)
        v = v * 10 + (ticket[i] - '0');
    putn(&o, ticket, 1);
    put(&o, ", ");
    l->number(&o, v);
    return done(&o);
}

/* A time at s: "9:30" or "09:30" (or with `sep` '.': "9.30") not inside a
 * longer number. */
static size_t clock_len(const char *s, char sep, int *minute)
{
    size_t h = 0;
    while (h < 2 && is_digit(s[h]))
        h++;
    if (h == 0 || s[h] != sep || !is_digit(s[h + 1]) || !is_digit(s[h + 2]) || is_digit(s[h + 3]))
        return 0;
    if (sep == '.' && s[h + 3] == '.' && is_digit(s[h + 4]))
        return 0; /* 1.000.000 */
    int hh = h == 1 ? s[0] - '0' : (s[0] - '0') * 10 + (s[1] - '0');
    int mm = (s[h + 1] - '0') * 10 + (s[h + 2] - '0');
    if (hh > 24 || mm > 59 || (hh == 24 && mm > 0))
        return 0;
    *minute = hh * 60 + mm;
    return h + 3;
}

static size_t time_len(const char *s, int *minute)
{
    return clock_len(s, ':', minute);
}

/* A time written with a colon or a dot. */
static size_t any_time_len(const char *s, int *minute)
{
    size_t n = time_len(s, minute);
    return n ? n : clock_len(s, '.', minute);
}

/* A date at s: "2026-11-24". */
static size_t date_len(const char *s, ww_day *day)
{
    for (int i = 0; i < 10; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : !is_digit(s[i]))
            return 0;
    }
    if (is_digit(s[10]))
        return 0;
    char tmp[11];
    memcpy(tmp, s, 10);
    tmp[10] = '\0';
    return ww_day_parse(tmp, day) ? 10 : 0;
}

/* A Dutch-style date at s: "24-11-2026" (day and month of one or two
 * digits). The weekday is left out: screens write it before the date. */
static size_t dmy_len(const char *s, int *d, int *m)
{
    size_t i = 0;
    int v[2] = {0, 0};
    for (int k = 0; k < 2; k++) {
        size_t start = i;
        while (is_digit(s[i]) && i - start < 2)
            v[k] = v[k] * 10 + (s[i++] - '0');
        if (i == start || s[i] != '-')
            return 0;
        i++;
    }
    for (int k = 0; k < 4; k++)
        if (!is_digit(s[i + (size_t)k]))
            return 0;
    if (is_digit(s[i + 4]))
        return 0;
    int y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
    int yy, mm, dd;
    if (v[1] < 1 || v[1] > 12 || v[0] < 1 || v[0] > 31)
        return 0;
    ww_day_to_ymd(ww_day_from_ymd(y, v[1], v[0]), &yy, &mm, &dd);
    if (yy != y || mm != v[1] || dd != v[0])
        return 0; /* 31-02-2026 */
    *d = v[0];
    *m = v[1];
    return i + 4;
}

/* Is the word just before s (after one space) one of `words`? */
static bool after_word(const char *text, const char *s, const char *const words[4])
{
    if (s - text < 2 || s[-1] != ' ')
        return false;
    const char *end = s - 1, *b = end;
    while (b > text && b[-1] != ' ')
        b--;
    size_t len = (size_t)(end - b);
    for (int i = 0; i < 4 && words[i]; i++)
        if (strlen(words[i]) == len && strncmp(b, words[i], len) == 0)
            return true;
    return false;
}

/* The dash of a time range after a time: "-", " - ", "–", " – ". */
static size_t range_dash_len(const char *s)
{
    size_t i = s[0] == ' ' ? 1 : 0;
    size_t dash = s[i] == '-' ? 1 : strncmp(s + i, "\xE2\x80\x93", 3) == 0 ? 3 : 0;
    if (!dash)
        return 0;
    i += dash;
    if (s[0] == ' ') {
        if (s[i] != ' ')
            return 0;
        i++;
    }
    int minute;
    return any_time_len(s + i, &minute) ? i : 0;
}

/* A day and a month name as screens and tickets write them ("24 november",
 * "24 November"): the length, 0 when there is none. The month must be a whole
 * word (ASCII case ignored). */
static size_t day_month_len(const struct lang *l, const char *s, int *d, int *mon)
{
    size_t i = 0;
    int v = 0;
    while (i < 2 && is_digit(s[i]))
        v = v * 10 + (s[i++] - '0');
    if (i == 0 || is_digit(s[i]) || s[i] != ' ' || v < 1 || v > 31)
        return 0;
    i++;
    for (int m = 0; m < 12; m++) {
        size_t n = strlen(l->months[m]);
        bool same = true;
        for (size_t k = 0; k < n && same; k++) {
            unsigned char a = (unsigned char)s[i + k], b = (unsigned char)l->months[m][k];
            if (a >= 'A' && a <= 'Z')
                a = (unsigned char)(a - 'A' + 'a');
            if (b >= 'A' && b <= 'Z')
                b = (unsigned char)(b - 'A' + 'a');
            same = a == b && a != '\0';
        }
        if (!same)
            continue;
        unsigned char next = (unsigned char)s[i + n];
        bool letter = (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || next >= 0x80;
        if (!letter) {
            *d = v;
            *mon = m + 1;
            return i + n;
        }
    }
    return 0;
}

/* A range joined by a word at s, just after a time: " tot 17.00",
 * " to 17.00", " do 12:00", " إِلَى 17.00". True when one of the language's
 * range words and then another time follow. */
static bool range_word(const struct lang *l, const char *s)
{
    if (s[0] != ' ')
        return false;
    /* and Dutch "tot" in every language: a text of the configuration may
     * not be translated yet */
    for (int i = 0; i < 4; i++) {
        const char *w = i < 3 ? l->range_to[i] : "tot";
        if (!w)
            continue;
        size_t n = strlen(w);
        int minute;
        if (strncmp(s + 1, w, n) == 0 && s[1 + n] == ' ' && any_time_len(s + 2 + n, &minute) > 0)
            return true;
    }
    return false;
}

/* ---- phone numbers, short numbers, abbreviations, Dutch names ---- */

#define PHONE_GROUPS 8

/* A phone number as written: groups of digits. */
struct phone {
    const char *group[PHONE_GROUPS];
    size_t len[PHONE_GROUPS];
    int n;
    bool service14; /* "14 073": the municipal number, 14 and an area code */
};

/* The separator between two groups of a phone number: "-", " ", " - ",
 * "–", " – "; 0 when there is none (or no digit follows). */
static size_t phone_sep_len(const char *s)
{
    size_t i = s[0] == ' ' ? 1 : 0;
    size_t dash = s[i] == '-' ? 1 : strncmp(s + i, "\xE2\x80\x93", 3) == 0 ? 3 : 0;
    if (dash) {
        i += dash;
        if (s[0] == ' ') {
            if (s[i] != ' ')
                return 0;
            i++;
        }
    }
    return i > 0 && is_digit(s[i]) ? i : 0;
}

static bool is_alnum(char c)
{
    return is_digit(c) || is_upper(c) || (c >= 'a' && c <= 'z');
}

/* A Dutch phone number at s: "0800-8020", "073 - 615 50 00", "0224-296 700",
 * "14 073". Seven to eleven digits starting with 0, or 14 and an area code.
 * Returns its length, 0 when there is none. */
static size_t phone_len(const char *s, struct phone *p)
{
    memset(p, 0, sizeof *p);
    if (s[0] == '1' && s[1] == '4' && s[2] == ' ' && s[3] == '0') {
        size_t k = 3;
        while (is_digit(s[k]) && k < 8)
            k++;
        if (k < 6 || is_digit(s[k]) || is_alnum(s[k]))
            return 0;
        p->group[0] = s;
        p->len[0] = 2;
        p->group[1] = s + 3;
        p->len[1] = k - 3;
        p->n = 2;
        p->service14 = true;
        return k;
    }
    if (s[0] != '0')
        return 0;
    size_t i = 0, digits = 0;
    for (;;) {
        size_t start = i;
        while (is_digit(s[i]))
            i++;
        if (digits + (i - start) > 11 || p->n == PHONE_GROUPS) {
            i = start; /* this group does not belong to the number */
            break;
        }
        p->group[p->n] = s + start;
        p->len[p->n++] = i - start;
        digits += i - start;
        size_t sep = phone_sep_len(s + i);
        if (!sep)
            break;
        i += sep;
    }
    /* back over a separator that led to a group left out */
    while (i > 0 && !is_digit(s[i - 1]))
        i--;
    if (digits < 7 || is_alnum(s[i]) || ((s[i] == '.' || s[i] == ',') && is_digit(s[i + 1])))
        return 0;
    return i;
}

static void say_digit(struct out *o, const struct lang *l, char c, bool *first)
{
    if (!*first)
        put(o, " ");
    l->number(o, c - '0');
    *first = false;
}

/* Two digits: one number where people say so ("vijftig"), else each. */
static void say_pair(struct out *o, const struct lang *l, const char *d, bool *first)
{
    if (!l->pairs || d[0] == '0') {
        say_digit(o, l, d[0], first);
        say_digit(o, l, d[1], first);
        return;
    }
    if (!*first)
        put(o, " ");
    l->number(o, (d[0] - '0') * 10 + (d[1] - '0'));
    *first = false;
}

/* One group after the first: an even number of digits in pairs ("8020"
 * "tachtig twintig"), an odd one three digits first, each on its own ("615"
 * "zes één vijf"). Never a hundred or a thousand: nobody says a phone number
 * that way, and a listener must be able to dial digit by digit. */
static void say_group(struct out *o, const struct lang *l, const char *d, size_t n)
{
    bool first = true;
    if (n == 1 || n % 2) {
        size_t k = n == 1 ? 1 : 3;
        for (size_t i = 0; i < k; i++)
            say_digit(o, l, d[i], &first);
        d += k;
        n -= k;
    }
    for (; n >= 2; d += 2, n -= 2)
        say_pair(o, l, d, &first);
}

static void say_phone(struct out *o, const struct lang *l, const struct phone *p)
{
    for (int g = 0; g < p->n; g++) {
        if (g > 0)
            put(o, l->pause);
        if (g == 0 && p->service14) {
            l->number(o, 14);
        } else if (g == 0) {
            /* the area code or 0800, 0900: digit by digit */
            bool first = true;
            for (size_t i = 0; i < p->len[0]; i++)
                say_digit(o, l, p->group[0][i], &first);
        } else {
            say_group(o, l, p->group[g], p->len[g]);
        }
    }
}

/* Numbers that are said digit by digit wherever they stand: emergency 112,
 * 113 Zelfmoordpreventie, 144 for animals. */
static size_t short_number_len(const char *s)
{
    static const char *const shorts[] = {"112", "113", "144"};
    for (size_t i = 0; i < sizeof shorts / sizeof shorts[0]; i++)
        if (strncmp(s, shorts[i], 3) == 0 && !is_alnum(s[3]) &&
            !((s[3] == '.' || s[3] == ',') && is_digit(s[4])))
            return 3;
    return 0;
}

/* Abbreviations residents meet, said letter by letter with Dutch letter
 * names, as counter staff and the organisations' own phone menus say them. */
static const struct {
    const char *abbr;
    const char *said;
} abbrevs[] = {
    {"AOW", "aa oo wee"},   {"BSN", "bee es en"},       {"CAK", "see aa kaa"},
    {"CBR", "see bee èr"},  {"CJIB", "see jee ie bee"}, {"DigiD", "diegie dee"},
    {"DUO", "dee uu oo"},   {"GGD", "gee gee dee"},     {"GGZ", "gee gee zet"},
    {"ID", "ie dee"},       {"IND", "ie en dee"},       {"IOAW", "ie oo aa wee"},
    {"KvK", "kaa vee kaa"}, {"LBIO", "el bee ie oo"},   {"RDW", "èr dee wee"},
    {"SVB", "es vee bee"},  {"UHT", "uu haa tee"},      {"UWV", "uu wee vee"},
    {"WIA", "wee ie aa"},   {"Wlz", "wee el zet"},      {"Wmo", "wee em oo"},
    {"WW", "wee wee"},      {"XL", "iks el"},           {"ZZP", "zet zet pee"},
};

/* The abbreviation at s as a whole word (case ignored when `fold`): its
 * spoken form, NULL when there is none. */
static const char *abbrev_at(const char *s, size_t n, bool fold)
{
    for (size_t i = 0; i < sizeof abbrevs / sizeof abbrevs[0]; i++) {
        const char *a = abbrevs[i].abbr;
        if (strlen(a) != n)
            continue;
        size_t k = 0;
        while (k < n) {
            char x = s[k], y = a[k];
            if (fold) {
                x = (char)(x >= 'A' && x <= 'Z' ? x - 'A' + 'a' : x);
                y = (char)(y >= 'A' && y <= 'Z' ? y - 'A' + 'a' : y);
            }
            if (x != y)
                break;
            k++;
        }
        if (k == n)
            return abbrevs[i].said;
    }
    return NULL;
}

static size_t word_len(const char *s)
{
    size_t n = 0;
    while (is_alnum(s[n]))
        n++;
    return n;
}

/* A web address at s: "uwv.nl", "www.juridischloket.nl",
 * "https://www.s-hertogenbosch.nl". Its length, and where the part that is
 * said begins (after the scheme and "www."). */
static size_t domain_len(const char *s, size_t *from)
{
    size_t i = 0;
    if (strncmp(s, "https://", 8) == 0)
        i = 8;
    else if (strncmp(s, "http://", 7) == 0)
        i = 7;
    if (strncmp(s + i, "www.", 4) == 0)
        i += 4;
    *from = i;
    int labels = 0;
    size_t last = i;
    for (;;) {
        size_t k = i;
        while (is_alnum(s[k]) || s[k] == '-')
            k++;
        if (k == i)
            return 0;
        labels++;
        last = i;
        i = k;
        if (s[i] != '.' || !is_alnum(s[i + 1]))
            break;
        i++;
    }
    static const char *const tlds[] = {"nl", "com", "org", "eu", "net", "info"};
    size_t tl = i - last;
    for (size_t t = 0; t < sizeof tlds / sizeof tlds[0]; t++)
        if (labels >= 2 && tl == strlen(tlds[t]) && strncmp(s + last, tlds[t], tl) == 0)
            return s[i] == '/' ? 0 : i;
    return 0;
}

/* A web address as a Dutch person reads it: "uu wee vee punt en el". */
static void say_domain(struct out *o, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t k = i;
        while (k < n && s[k] != '.')
            k++;
        const char *a = abbrev_at(s + i, k - i, true);
        if (a) {
            put(o, a);
        } else if (k - i == 2 && strncmp(s + i, "nl", 2) == 0) {
            put(o, "en el");
        } else {
            for (size_t j = i; j < k; j++)
                putn(o, s[j] == '-' ? " " : s + j, 1);
        }
        if (k < n)
            put(o, " punt ");
        i = k + 1;
    }
}

/* A run of Latin script inside Arabic or Ukrainian text: a Dutch name
 * ("Werk en Inkomen", "Balie 2", "uwv.nl"). Its length without trailing
 * spaces and punctuation, 0 when s does not start one. */
static size_t latin_run_len(const char *s)
{
    if (!(is_upper(s[0]) || (s[0] >= 'a' && s[0] <= 'z')))
        return 0;
    size_t i = 0, end = 0;
    while (s[i]) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0xD0 || c == '\n' || c == '(' || c == ')' || c == ',' || c == ';' || c == '?' ||
            c == '!' || c == '"' || (c == ':' && s[i + 1] != '/' && !is_digit(s[i + 1])))
            break;
        if (c == '.' && !is_alnum(s[i + 1]))
            break;
        i++;
        if (is_alnum((char)c) || c >= 0x80)
            end = i;
    }
    return end;
}

/* The longest of `names` at s, as a whole word; 0 when none is. */
static size_t name_len(const char *s, const char *const *names)
{
    size_t best = 0;
    for (size_t i = 0; names && names[i]; i++) {
        size_t n = strlen(names[i]);
        if (n > best && strncmp(s, names[i], n) == 0 && !is_alnum(s[n]) &&
            (unsigned char)s[n] < 0x80)
            best = n;
    }
    return best;
}

/* Is byte p the start of an Arabic vowel mark (U+064B..U+0652)? */
static bool ar_mark(const unsigned char *p)
{
    return p[0] == 0xD9 && p[1] >= 0x8B && p[1] <= 0x92;
}

/* The spoken time without its first word when the text already says that
 * word just before the time: "مِنَ السَّاعَةِ 8.30" or "saat 09:00" must not
 * become "hour hour eight". Vowel marks are ignored in the comparison. */
static const char *skip_said_word(const char *text, const char *s, const char *said)
{
    const char *sp = strchr(said, ' ');
    if (!sp || s - text < 2 || s[-1] != ' ')
        return said;
    const char *b = s - 1;
    while (b > text && b[-1] != ' ')
        b--;
    const unsigned char *x = (const unsigned char *)b, *xe = (const unsigned char *)s - 1;
    const unsigned char *y = (const unsigned char *)said, *ye = (const unsigned char *)sp;
    for (;;) {
        while (x + 1 < xe && ar_mark(x))
            x += 2;
        while (y + 1 < ye && ar_mark(y))
            y += 2;
        if (x == xe || y == ye)
            break;
        if (*x != *y)
            return said;
        x++;
        y++;
    }
    return x == xe && y == ye ? sp + 1 : said;
}

static const struct lang *find_lang_nl(void)
{
    return &langs[0];
}

static void expand(struct out *o, const struct lang *l, const char *text, const char *const *names);

/* `n` bytes of s in Dutch, with the Dutch voice. */
static void dutch_span(struct out *o, const char *s, size_t n)
{
    char tmp[WW_SAY_SIZE];
    put(o, WW_SAY_NL_OPEN);
    if (n < sizeof tmp) {
        memcpy(tmp, s, n);
        tmp[n] = '\0';
        expand(o, find_lang_nl(), tmp, NULL);
    } else {
        putn(o, s, n); /* too long for a name: as written */
    }
    put(o, WW_SAY_NL_CLOSE);
}

/* The text with every number, time, date, phone number and abbreviation in
 * words of l; Dutch names inside other languages marked for the Dutch voice.
 * Called with Dutch for the inside of such a mark, which never marks again:
 * the depth is at most two. */
static void expand(struct out *o, const struct lang *l, const char *text, const char *const *names)
{
    bool nl = l == find_lang_nl();
    bool foreign_script = strcmp(l->code, "ar") == 0 || strcmp(l->code, "uk") == 0;
    bool after_range = false; /* the next time is the end of a range */
    int range_from = -1;      /* ... that began at this minute */
    const char *s = text;
    while (*s) {
        /* only at the start of a token, so "A12:30" or "1234:56" stay */
        bool start = s == text || !(is_alnum(s[-1]) || s[-1] == ':' || s[-1] == '.' ||
                                    s[-1] == '/' || s[-1] == '@');
        size_t n = 0, from = 0;
        int minute;
        ww_day day;
        char word[WW_SAY_SIZE];
        int d, mon;
        struct phone ph;
        const char *said;
        if (start && (n = date_len(s, &day)) > 0) {
            struct out w;
            out_init(&w, word, sizeof word);
            int y, m, dd;
            ww_day_to_ymd(day, &y, &m, &dd);
            l->date(&w, ww_day_weekday(day), dd, m);
            put(o, word);
        } else if (start && (n = day_month_len(l, s, &d, &mon)) > 0) {
            struct out w;
            out_init(&w, word, sizeof word);
            l->date(&w, -1, d, mon);
            put(o, word);
        } else if (start && (n = dmy_len(s, &d, &mon)) > 0) {
            struct out w;
            out_init(&w, word, sizeof word);
            l->date(&w, -1, d, mon);
            put(o, word);
        } else if (start && ((n = time_len(s, &minute)) > 0 ||
                             ((n = clock_len(s, '.', &minute)) > 0 &&
                              (range_from >= 0 || strncmp(s + n, " uur", 4) == 0 ||
                               range_dash_len(s + n) || range_word(l, s + n))))) {
            /* a time with a dot only where it cannot be a number: before
             * "uur" or in a range of two times */
            struct out w;
            out_init(&w, word, sizeof word);
            if (range_from >= 0 && l->time_late && minute >= 12 * 60 &&
                minute - range_from >= 10 * 60)
                l->time_late(&w, minute);
            else if (l->time_gen && after_word(text, s, l->gen_at))
                l->time_gen(&w, minute);
            else if (l->time_at && (after_range || after_word(text, s, l->at)))
                l->time_at(&w, minute);
            else
                l->time(&w, minute);
            put(o, skip_said_word(text, s, word));
            after_range = false;
            range_from = -1;
            /* "om 09:30 uur": "half tien" already says it is a time (also
             * in a Dutch text not translated yet) */
            if (strncmp(s + n, " uur", 4) == 0 && !is_alnum(s[n + 4]))
                n += 4;
            size_t dash = range_dash_len(s + n);
            if (dash) {
                put(o, l->until);
                n += dash;
                after_range = l->until_at;
                range_from = minute;
            } else if (range_word(l, s + n)) {
                range_from = minute;
            }
        } else if (start && (n = ticket_len(s)) > 0) {
            char t[16];
            memcpy(t, s, n);
            t[n] = '\0';
            ww_say_ticket(l->code, t, word, sizeof word);
            put(o, word);
        } else if (start && (n = phone_len(s, &ph)) > 0) {
            say_phone(o, l, &ph);
        } else if (start && (n = short_number_len(s)) > 0) {
            bool first = true;
            for (size_t i = 0; i < n; i++)
                say_digit(o, l, s[i], &first);
        } else if (start && !nl && foreign_script && (n = latin_run_len(s)) > 0) {
            dutch_span(o, s, n);
        } else if (start && !nl && (n = name_len(s, names)) > 0) {
            dutch_span(o, s, n);
        } else if (start && (n = domain_len(s, &from)) > 0) {
            if (!nl)
                put(o, WW_SAY_NL_OPEN);
            say_domain(o, s + from, n - from);
            if (!nl)
                put(o, WW_SAY_NL_CLOSE);
        } else if (start && (said = abbrev_at(s, word_len(s), false)) != NULL) {
            n = word_len(s);
            if (!nl)
                put(o, WW_SAY_NL_OPEN);
            put(o, said);
            if (!nl)
                put(o, WW_SAY_NL_CLOSE);
        } else {
            n = 1;
            putn(o, s, 1);
        }
        s += n;
    }
}

bool ww_say_prepare(const char *lang, const char *const *names, const char *text, char *buf,
                    size_t size)
{
    struct out o;
    out_init(&o, buf, size);
    const struct lang *l = find_lang(lang);
    if (!l) {
        for (const char *s = text ? text : ""; *s; s++)
            putn(&o, s, 1);
        return false; /* buf keeps what fitted */
    }
    expand(&o, l, text ? text : "", names);
    return o.ok; /* buf keeps what fitted */
}

bool ww_say_expand(const char *lang, const char *text, char *buf, size_t size)
{
    return ww_say_prepare(lang, NULL, text, buf, size);
}

size_t ww_say_run(const char *s, bool *dutch, const char **words, size_t *len)
{
    static const size_t open = sizeof WW_SAY_NL_OPEN - 1, close = sizeof WW_SAY_NL_CLOSE - 1;
    if (strncmp(s, WW_SAY_NL_OPEN, open) == 0) {
        const char *end = strstr(s + open, WW_SAY_NL_CLOSE);
        *dutch = true;
        *words = s + open;
        if (!end) {
            *len = strlen(s + open);
            return open + *len;
        }
        *len = (size_t)(end - (s + open));
        return open + *len + close;
    }
    const char *next = strstr(s, WW_SAY_NL_OPEN);
    *dutch = false;
    *words = s;
    *len = next ? (size_t)(next - s) : strlen(s);
    return *len;
}
