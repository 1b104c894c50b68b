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

/* Copy `text` into buf with every time ("9:30", "09:30"; a Dutch " uur"
 * after it is absorbed), time range ("09:00-12:30", "09:00 – 12:30": "negen
 * uur tot half één"), date ("2026-11-24" with its weekday; "24-11-2026"
 * without, as screens write the weekday before it) and ticket number
 * ("J-014") replaced by its spoken form; other text is left as is (espeak-ng
 * reads plain integers well). Returns false when buf is too small or the language
 * unknown; buf then holds the text unchanged as far as it fits. */
bool ww_say_expand(const char *lang, const char *text, char *buf, size_t size);

#endif
