/* Numbers, times, dates and ticket numbers as words a person says, per
 * language, for the speech synthesiser. espeak-ng reads "09:30" as "negen
 * dertig"; at a Dutch counter one says "half tien".
 *
 *   nl  "half tien", "kwart over negen", "tien over half elf" (12-hour clock,
 *       as spoken; morning or afternoon is clear from the context),
 *       "dinsdag vierentwintig november"
 *   en  "half past nine", "quarter to ten", "Tuesday the twenty-fourth of
 *       November"
 *   tr  digital, as announced: "dokuz otuz", "saat dokuz", "dokuz buçuk";
 *       "yirmi dört Kasım Salı"
 *   pl  the hour as an ordinal, as Poles say it: "dziewiąta trzydzieści",
 *       and in ww_say_expand() after "o", "od", "do": "o dziewiątej
 *       trzydzieści"; "wtorek, dwudziestego czwartego listopada"
 *   uk  the same for Ukrainian: "дев'ята тридцять", after "о"/"об": "о
 *       дев'ятій тридцять"; "вівторок, двадцять четвертого листопада"
 *   ar  vocalised (with tashkeel, which espeak-ng needs to read Arabic):
 *       "السَّاعَة التَّاسِعَة وَالنِّصْف"; other minutes as "وَ N دَقِيقَة"
 * Numbers are cardinal words in every language ("vierentwintig",
 * "twenty-four", "yirmi dört", "dwadzieścia cztery", "двадцять чотири",
 * "أَرْبَعَة وَعِشْرُون").
 *
 * A ticket number is said the way a caller at a counter calls it: the
 * letter, a pause, the number without leading zeros: "J-014" -> "J, veertien".
 *
 * Every function writes a NUL-terminated UTF-8 string into buf and returns
 * false (buf then holds "") for an unknown language, a value out of range or
 * a buffer too small. Thread-safe, no allocation. */
#ifndef WW_SAY_H
#define WW_SAY_H

#include "clock.h"

#include <stdbool.h>
#include <stddef.h>

/* Room for any single spoken time, date or number. */
#define WW_SAY_SIZE 160

/* Is `lang` one of nl en tr ar pl uk? */
bool ww_say_supported(const char *lang);

/* 0 <= n <= 999999. */
bool ww_say_number(const char *lang, long n, char *buf, size_t size);
/* minute: minutes since local midnight, 0..1440 (1440 is said as midnight). */
bool ww_say_time(const char *lang, int minute, char *buf, size_t size);
/* Weekday, day and month, without the year. */
bool ww_say_date(const char *lang, ww_day day, char *buf, size_t size);
/* "J-014" (a letter, a dash, digits) -> "J, veertien". */
bool ww_say_ticket(const char *lang, const char *ticket, char *buf, size_t size);

/* Copy `text` into buf with every time ("9:30", "09:30"; "8.30" before
 * "uur" or in a range of two times; a Dutch " uur" after it is absorbed),
 * time range ("09:00-12:30", "8.30 tot 17.00 uur": "negen uur tot half
 * één"; the end of a range of ten hours or more so that it cannot be taken
 * for the start: "acht uur tot twintig uur"), date ("2026-11-24" with its
 * weekday; "24-11-2026" without, as screens write the weekday before it),
 * ticket number ("J-014"), phone number, short number and abbreviation
 * replaced by its spoken form; other text is left as is (espeak-ng reads
 * small plain integers well).
 *
 *   phone numbers  in the groups they are written in, never with hundreds or
 *                  thousands: "14 073" -> "veertien, nul zeven drie",
 *                  "0800-8020" -> "nul acht nul nul, tachtig twintig"; two
 *                  digits are one number in nl tr pl uk ("vijftig"), each
 *                  digit on its own in en and ar (as people there say it)
 *   112, 113, 144  digit by digit: "één één twee"
 *   abbreviations  letter by letter with Dutch letter names, from a small
 *                  table: UWV "uu wee vee", SVB, WW, WIA, AOW, BSN, DigiD...;
 *                  web addresses "uwv.nl" -> "uu wee vee punt en el"
 *
 * In every language but Dutch, Dutch names are wrapped in WW_SAY_NL_OPEN ...
 * WW_SAY_NL_CLOSE so that the synthesiser says them with the Dutch voice:
 * the abbreviations and web addresses, any run of Latin script inside
 * Arabic or Ukrainian text ("Werk en Inkomen", "Balie 2"), and in en, tr, pl
 * each of `names` (NULL-terminated, may be NULL: partner, location and room
 * names) where it stands as whole words.
 *
 * Returns false when buf is too small or the language unknown; buf then
 * holds the text as far as it fitted. */
bool ww_say_prepare(const char *lang, const char *const *names, const char *text, char *buf,
                    size_t size);
/* ww_say_prepare() without names. */
bool ww_say_expand(const char *lang, const char *text, char *buf, size_t size);

/* The marks around a Dutch name in prepared text: SSML, so that a log of
 * what was said reads plainly and espeak-ng takes it as it is. */
#define WW_SAY_NL_OPEN  "<voice xml:lang=\"nl\">"
#define WW_SAY_NL_CLOSE "</voice>"

/* Split prepared text into runs of one voice. At s (not at its end):
 * returns how many bytes of s the next run takes (marks included), sets
 * *dutch, and points *words, *len at its text without the marks. */
size_t ww_say_run(const char *s, bool *dutch, const char **words, size_t *len);

#endif
