/* Numbers, times, dates and ticket numbers as words, per language. */
#include "say.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#define HM(h, m) ((h)*60 + (m))

static const struct {
    const char *lang;
    int minute;
    const char *want;
} times[] = {
    {"nl", HM(9, 0), "negen uur"},
    {"nl", HM(9, 5), "vijf over negen"},
    {"nl", HM(9, 15), "kwart over negen"},
    {"nl", HM(9, 20), "tien voor half tien"},
    {"nl", HM(9, 25), "vijf voor half tien"},
    {"nl", HM(9, 30), "half tien"},
    {"nl", HM(9, 35), "vijf over half tien"},
    {"nl", HM(10, 40), "tien over half elf"},
    {"nl", HM(9, 45), "kwart voor tien"},
    {"nl", HM(9, 50), "tien voor tien"},
    {"nl", HM(13, 2), "twee over één"},
    {"nl", HM(14, 17), "dertien voor half drie"},
    {"nl", HM(12, 30), "half één"},
    {"nl", HM(0, 0), "twaalf uur"},
    {"nl", HM(23, 59), "één voor twaalf"},
    {"en", HM(9, 0), "nine o'clock"},
    {"en", HM(9, 15), "quarter past nine"},
    {"en", HM(9, 30), "half past nine"},
    {"en", HM(9, 45), "quarter to ten"},
    {"en", HM(10, 40), "twenty to eleven"},
    {"en", HM(9, 25), "twenty-five past nine"},
    {"en", HM(13, 2), "two minutes past one"},
    {"en", HM(23, 59), "one minute to twelve"},
    {"tr", HM(9, 0), "saat dokuz"},
    {"tr", HM(9, 30), "dokuz buçuk"},
    {"tr", HM(14, 45), "on dört kırk beş"},
    {"pl", HM(9, 30), "dziewiąta trzydzieści"},
    {"pl", HM(9, 5), "dziewiąta zero pięć"},
    {"pl", HM(21, 0), "dwudziesta pierwsza"},
    {"uk", HM(9, 30), "дев'ята тридцять"},
    {"uk", HM(14, 5), "чотирнадцята нуль п'ять"},
    {"ar", HM(9, 30), "السَّاعَة التَّاسِعَة وَالنِّصْف"},
    {"ar", HM(9, 15), "السَّاعَة التَّاسِعَة وَالرُّبْع"},
    {"ar", HM(9, 45), "السَّاعَة الْعَاشِرَة إِلَّا رُبْعًا"},
    {"ar", HM(14, 0), "السَّاعَة الثَّانِيَة"},
};

static void test_times(void **state)
{
    (void)state;
    char buf[WW_SAY_SIZE];
    for (size_t i = 0; i < sizeof times / sizeof times[0]; i++) {
        assert_true(ww_say_time(times[i].lang, times[i].minute, buf, sizeof buf));
        assert_string_equal(buf, times[i].want);
    }
}

static const struct {
    const char *lang;
    long n;
    const char *want;
} numbers[] = {
    {"nl", 0, "nul"},
    {"nl", 1, "één"},
    {"nl", 14, "veertien"},
    {"nl", 21, "eenentwintig"},
    {"nl", 22, "tweeëntwintig"},
    {"nl", 23, "drieëntwintig"},
    {"nl", 24, "vierentwintig"},
    {"nl", 80, "tachtig"},
    {"nl", 101, "honderdeen"},
    {"nl", 999, "negenhonderdnegenennegentig"},
    {"nl", 2026, "tweeduizend zesentwintig"},
    {"nl", 22000, "tweeëntwintigduizend"},
    {"en", 14, "fourteen"},
    {"en", 24, "twenty-four"},
    {"en", 115, "one hundred and fifteen"},
    {"en", 2026, "two thousand and twenty-six"},
    {"tr", 0, "sıfır"},
    {"tr", 24, "yirmi dört"},
    {"tr", 100, "yüz"},
    {"tr", 1000, "bin"},
    {"tr", 2026, "iki bin yirmi altı"},
    {"pl", 24, "dwadzieścia cztery"},
    {"pl", 2026, "dwa tysiące dwadzieścia sześć"},
    {"pl", 5000, "pięć tysięcy"},
    {"pl", 12000, "dwanaście tysięcy"},
    {"pl", 22000, "dwadzieścia dwa tysiące"},
    {"pl", 250, "dwieście pięćdziesiąt"},
    {"uk", 24, "двадцять чотири"},
    {"uk", 2026, "дві тисячі двадцять шість"},
    {"uk", 1000, "тисяча"},
    {"uk", 21000, "двадцять одна тисяча"},
    {"uk", 5000, "п'ять тисяч"},
    {"ar", 14, "أَرْبَعَةَ عَشَرَ"},
    {"ar", 24, "أَرْبَعَة وَعِشْرُون"},
    {"ar", 101, "مِئَة وَوَاحِد"},
    {"ar", 2026, "أَلْفَان وَسِتَّة وَعِشْرُون"},
};

static void test_numbers(void **state)
{
    (void)state;
    char buf[WW_SAY_SIZE];
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
        assert_true(ww_say_number(numbers[i].lang, numbers[i].n, buf, sizeof buf));
        assert_string_equal(buf, numbers[i].want);
    }
}

static const struct {
    const char *lang;
    int y, m, d;
    const char *want;
} dates[] = {
    {"nl", 2026, 11, 24, "dinsdag vierentwintig november"},
    {"nl", 2026, 12, 1, "dinsdag één december"},
    {"en", 2026, 11, 24, "Tuesday the twenty-fourth of November"},
    {"en", 2026, 11, 1, "Sunday the first of November"},
    {"en", 2026, 12, 22, "Tuesday the twenty-second of December"},
    {"en", 2026, 12, 31, "Thursday the thirty-first of December"},
    {"tr", 2026, 11, 24, "yirmi dört Kasım Salı"},
    {"pl", 2026, 11, 24, "wtorek, dwudziestego czwartego listopada"},
    {"pl", 2026, 11, 30, "poniedziałek, trzydziestego listopada"},
    {"uk", 2026, 11, 24, "вівторок, двадцять четвертого листопада"},
    {"uk", 2026, 11, 20, "п'ятниця, двадцятого листопада"},
    {"ar", 2026, 11, 24, "الثُّلَاثَاء، أَرْبَعَة وَعِشْرُون نُوفَمْبِر"},
};

static void test_dates(void **state)
{
    (void)state;
    char buf[WW_SAY_SIZE];
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        ww_day day = ww_day_from_ymd(dates[i].y, dates[i].m, dates[i].d);
        assert_true(ww_say_date(dates[i].lang, day, buf, sizeof buf));
        assert_string_equal(buf, dates[i].want);
    }
}

static const struct {
    const char *lang;
    const char *ticket;
    const char *want; /* NULL: rejected */
} tickets[] = {
    {"nl", "J-014", "J, veertien"},
    {"nl", "A-001", "A, één"},
    {"nl", "B-120", "B, honderdtwintig"},
    {"en", "J-014", "J, fourteen"},
    {"tr", "J-014", "J, on dört"},
    {"nl", "J014", NULL},
    {"nl", "j-014", NULL},
    {"nl", "J-", NULL},
    {"nl", "J-01x", NULL},
    {"fy", "J-014", NULL},
};

static void test_tickets(void **state)
{
    (void)state;
    char buf[WW_SAY_SIZE];
    for (size_t i = 0; i < sizeof tickets / sizeof tickets[0]; i++) {
        bool ok = ww_say_ticket(tickets[i].lang, tickets[i].ticket, buf, sizeof buf);
        if (tickets[i].want) {
            assert_true(ok);
            assert_string_equal(buf, tickets[i].want);
        } else {
            assert_false(ok);
            assert_string_equal(buf, "");
        }
    }
}

static const struct {
    const char *lang;
    const char *in;
    const char *want;
} expands[] = {
    {"nl", "Uw afspraak is om 09:30 uur.", "Uw afspraak is om half tien."},
    {"nl", "Om 9:00 uur", "Om negen uur"},
    {"nl", "Van 09:00 tot 12:30.", "Van negen uur tot half één."},
    {"nl", "Nummer J-014 naar balie 2", "Nummer J, veertien naar balie 2"},
    {"nl", "Op 2026-11-24 om 10:40", "Op dinsdag vierentwintig november om tien over half elf"},
    {"nl", "09:30 uurtje", "half tien uurtje"},
    {"nl", "geen tijd: 123:45 of 9:7 of 25:00", "geen tijd: 123:45 of 9:7 of 25:00"},
    {"en", "At 09:30, desk 2", "At half past nine, desk 2"},
    {"nl", "Volgende keer hier: dinsdag 24-11-2026, 09:30",
     "Volgende keer hier: dinsdag vierentwintig november, half tien"},
    {"en", "Next time here: Tuesday 1-12-2026", "Next time here: Tuesday the first of December"},
    {"nl", "geen datum: 31-02-2026 of 24-13-2026", "geen datum: 31-02-2026 of 24-13-2026"},
    {"nl", "Open 09:00-12:30", "Open negen uur tot half één"},
    {"nl", "Open 09:00 – 12:30 uur", "Open negen uur tot half één"},
    {"en", "Open 13:00 - 16:00", "Open one o'clock to four o'clock"},
    {"pl", "13:00–16:00", "trzynasta do szesnastej"},
    {"nl", "09:00 - iets", "negen uur - iets"},
    {"pl", "o 09:30", "o dziewiątej trzydzieści"},
    {"pl", "Wizyta: 09:30", "Wizyta: dziewiąta trzydzieści"},
    {"pl", "od 13:00 do 16:00", "od trzynastej do szesnastej"},
    {"pl", "O 21:05", "O dwudziestej pierwszej zero pięć"},
    {"pl", "koło 09:30", "koło dziewiąta trzydzieści"},
    {"uk", "о 09:30", "о дев'ятій тридцять"},
    {"uk", "об 11:00", "об одинадцятій"},
    {"uk", "Прийом: 09:30", "Прийом: дев'ята тридцять"},
    {"uk", "13:00-16:00", "тринадцята – шістнадцята"},
    {"uk", "з 8.30 до 17.00", "з восьмої тридцять до сімнадцятої"},
    {"uk", "від 09:00 до 12:30", "від дев'ятої до дванадцятої тридцять"},
    /* Dates as screens and tickets write them. */
    {"nl", "dinsdag 24 november, 10:30", "dinsdag vierentwintig november, half elf"},
    {"nl", "Op 1 December", "Op één december"},
    {"en", "Tuesday 24 November", "Tuesday the twenty-fourth of November"},
    {"nl", "24 novembers en 32 november en 240 november",
     "24 novembers en 32 november en 240 november"},
    /* Phone numbers in the groups they are written in, never hundreds. */
    {"nl", "Bel 14 073.", "Bel veertien, nul zeven drie."},
    {"nl", "Bel 0800-8020 (gratis)", "Bel nul acht nul nul, tachtig twintig (gratis)"},
    {"nl", "073 - 615 50 00", "nul zeven drie, zes één vijf, vijftig, nul nul"},
    {"nl", "0224-296 700", "nul twee twee vier, twee negen zes, zeven nul nul"},
    {"nl", "0800-0543", "nul acht nul nul, nul vijf drieënveertig"},
    {"en", "Call 0800-8020.", "Call zero eight zero zero, eight zero two zero."},
    {"tr", "0800-8020", "sıfır sekiz sıfır sıfır, seksen yirmi"},
    {"pl", "14 073", "czternaście, zero siedem trzy"},
    {"uk", "088-898 92 94",
     "нуль вісім вісім, вісім дев'ять вісім, дев'яносто два, дев'яносто чотири"},
    {"ar", "0800-8020", "صِفْر ثَمَانِيَة صِفْر صِفْر، ثَمَانِيَة صِفْر اِثْنَان صِفْر"},
    {"nl", "06-12345678", "nul zes, twaalf vierendertig zesenvijftig achtenzeventig"},
    {"tr", "8.30 ile 17.00 arası", "sekiz buçuk ile saat on yedi arası"},
    {"en", "8.30 tot 17.00 uur", "half past eight tot five o'clock"},
    {"nl", "09:00 of 19:30", "negen uur of half acht"},
    {"nl", "geen nummer: 12345 of 0800 of 0,5 of 06-1234567890123",
     "geen nummer: 12345 of 0800 of 0,5 of 06-1234567890123"},
    /* Emergency and crisis numbers digit by digit. */
    {"nl", "Bel dan 112.", "Bel dan één één twee."},
    {"en", "Call 113 or 112", "Call one one three or one one two"},
    {"uk", "телефонуйте 112.", "телефонуйте один один два."},
    {"nl", "1120 en 112,5", "1120 en 112,5"},
    /* Times with a dot: before "uur" or in a range. */
    {"nl", "Maandag tot en met vrijdag, 8.30 tot 17.00 uur",
     "Maandag tot en met vrijdag, half negen tot vijf uur"},
    {"nl", "8.00 tot 20.00 uur", "acht uur tot twintig uur"},
    {"nl", "om 9.15 uur", "om kwart over negen"},
    {"nl", "versie 1.20 en 3.000 euro", "versie 1.20 en 3.000 euro"},
    {"en", "Monday to Friday, 8.30 to 17.00", "Monday to Friday, half past eight to five o'clock"},
    {"en", "8.00 to 20.00", "eight o'clock to eight o'clock in the evening"},
    {"pl", "od 9.00 do 12.00", "od dziewiątej do dwunastej"},
    {"tr", "saat 09:00", "saat dokuz"},
    {"ar", "مِنَ السَّاعَةِ 8.30 إِلَى 17.00", "مِنَ السَّاعَةِ الثَّامِنَة وَالنِّصْف إِلَى السَّاعَة الْخَامِسَة"},
    /* Abbreviations and web addresses spelled; Dutch names with the Dutch voice. */
    {"nl", "Kijk op uwv.nl. Daar vraagt u de WW aan.",
     "Kijk op uu wee vee punt en el. Daar vraagt u de wee wee aan."},
    {"nl", "Uw DigiD en uw BSN; SVB, AOW, WIA",
     "Uw diegie dee en uw bee es en; es vee bee, aa oo wee, wee ie aa"},
    {"nl", "https://www.s-hertogenbosch.nl", "s hertogenbosch punt en el"},
    {"nl", "WWW en UWVX", "WWW en UWVX"},
    {"en", "There you apply for WW.",
     "There you apply for " WW_SAY_NL_OPEN "wee wee" WW_SAY_NL_CLOSE "."},
    {"ar", "ادْخُلْ إِلَى الْمَوْقِعِ uwv.nl. هُنَاكَ",
     "ادْخُلْ إِلَى الْمَوْقِعِ " WW_SAY_NL_OPEN "uu wee vee punt en el" WW_SAY_NL_CLOSE ". هُنَاكَ"},
    {"ar", "Werk en Inkomen. Balie 2، الْمَكْتَبُ",
     WW_SAY_NL_OPEN "Werk en Inkomen" WW_SAY_NL_CLOSE ". " WW_SAY_NL_OPEN "Balie 2" WW_SAY_NL_CLOSE
                    "، الْمَكْتَبُ"},
    {"uk", "Зайдіть на uwv.nl (WW)",
     "Зайдіть на " WW_SAY_NL_OPEN "uu wee vee punt en el" WW_SAY_NL_CLOSE " (" WW_SAY_NL_OPEN
     "wee wee" WW_SAY_NL_CLOSE ")"},
    {"ar", "رَقْمُكَ. W-001", "رَقْمُكَ. W, وَاحِد"},
};

static void test_names(void **state)
{
    (void)state;
    static const char *const names[] = {"Het Juridisch Loket", "Het", "Weener XL", NULL};
    char buf[256];
    assert_true(ww_say_prepare(
        "en", names, "Call Het Juridisch Loket (free legal advice): 0800-8020.", buf, sizeof buf));
    assert_string_equal(buf, "Call " WW_SAY_NL_OPEN "Het Juridisch Loket" WW_SAY_NL_CLOSE
                             " (free legal advice): zero eight zero zero, eight zero two zero.");
    assert_true(ww_say_prepare("pl", names, "Weener XLL, Weener XL.", buf, sizeof buf));
    assert_string_equal(buf, "Weener XLL, " WW_SAY_NL_OPEN "Weener iks el" WW_SAY_NL_CLOSE ".");
    /* Dutch needs no marks */
    assert_true(ww_say_prepare("nl", names, "Het Juridisch Loket", buf, sizeof buf));
    assert_string_equal(buf, "Het Juridisch Loket");
    /* runs of one voice */
    const char *s = "Call " WW_SAY_NL_OPEN "Het Loket" WW_SAY_NL_CLOSE " now";
    const char *w;
    size_t len, n;
    bool dutch;
    n = ww_say_run(s, &dutch, &w, &len);
    assert_false(dutch);
    assert_int_equal(len, 5);
    s += n;
    n = ww_say_run(s, &dutch, &w, &len);
    assert_true(dutch);
    assert_int_equal(len, 9);
    assert_memory_equal(w, "Het Loket", 9);
    s += n;
    n = ww_say_run(s, &dutch, &w, &len);
    assert_false(dutch);
    assert_string_equal(w, " now");
    assert_int_equal(n, 4);
}

static void test_expand(void **state)
{
    (void)state;
    char buf[256];
    for (size_t i = 0; i < sizeof expands / sizeof expands[0]; i++) {
        assert_true(ww_say_expand(expands[i].lang, expands[i].in, buf, sizeof buf));
        assert_string_equal(buf, expands[i].want);
    }
    /* unknown language: the text as it is, and false */
    assert_false(ww_say_expand("fy", "om 09:30", buf, sizeof buf));
    assert_string_equal(buf, "om 09:30");
}

static void test_limits(void **state)
{
    (void)state;
    char buf[WW_SAY_SIZE];
    char tiny[4];
    assert_false(ww_say_number("nl", -1, buf, sizeof buf));
    assert_false(ww_say_number("nl", 1000000, buf, sizeof buf));
    assert_true(ww_say_number("nl", 999999, buf, sizeof buf));
    assert_false(ww_say_time("nl", -1, buf, sizeof buf));
    assert_false(ww_say_time("nl", 1441, buf, sizeof buf));
    assert_true(ww_say_time("nl", 1440, buf, sizeof buf));
    assert_string_equal(buf, "twaalf uur");
    assert_false(ww_say_time("xx", 600, buf, sizeof buf));
    assert_string_equal(buf, "");
    assert_false(ww_say_date("nl", WW_DAY_NONE, buf, sizeof buf));
    assert_false(ww_say_time("nl", HM(9, 30), tiny, sizeof tiny));
    assert_string_equal(tiny, "");
    assert_false(ww_say_expand("nl", "om 09:30", tiny, sizeof tiny));
    assert_true(ww_say_supported("ar"));
    assert_false(ww_say_supported("fy"));
    assert_false(ww_say_supported(NULL));
    /* every time of the day and every number to a thousand fit WW_SAY_SIZE */
    static const char *const langs[] = {"nl", "en", "tr", "pl", "uk", "ar"};
    for (size_t l = 0; l < 6; l++) {
        for (int m = 0; m <= 1440; m++)
            assert_true(ww_say_time(langs[l], m, buf, sizeof buf));
        for (long n = 0; n <= 1000; n++)
            assert_true(ww_say_number(langs[l], n, buf, sizeof buf));
        for (ww_day d = ww_day_from_ymd(2026, 1, 1); d < ww_day_from_ymd(2027, 1, 1); d++)
            assert_true(ww_say_date(langs[l], d, buf, sizeof buf));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_times),  cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_dates),  cmocka_unit_test(test_tickets),
        cmocka_unit_test(test_expand), cmocka_unit_test(test_limits),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests_name("say", tests, NULL, NULL);
}
