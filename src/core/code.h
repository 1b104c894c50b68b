/* Booking codes: the ticket number a person calls out ("J-014") and the
 * random check part that makes the QR unguessable.
 *
 * The check part is 10 characters of Crockford base32 (no I, L, O, U) from
 * the kernel's random source: 50 bits, so guessing one valid code among a
 * day's few hundred bookings takes ~10^12 tries. The QR carries
 *     WW1:<location>:<check>
 * which a phone or a staff scanner reads; the check part alone finds the
 * booking, the location guards against a ticket from another place. */
#ifndef WW_CODE_H
#define WW_CODE_H

#include <stdbool.h>
#include <stddef.h>

#define WW_CHECK_LEN 10

/* Fill buf (at least WW_CHECK_LEN + 1 bytes) with a fresh check part.
 * Returns false when the system has no random source (logged). */
bool ww_code_new_check(char *buf, size_t size);

/* A fresh request id for one tap (same length, same alphabet). */
bool ww_code_new_request(char *buf, size_t size);

/* Format the QR payload. */
bool ww_code_qr_payload(const char *location, const char *check, char *buf, size_t size);

/* What a staff member scanned or typed, parsed. */
struct ww_code_input {
    enum { WW_CODE_QR, WW_CODE_TICKET } kind;
    char location[32]; /* QR only */
    char check[16];    /* QR only; normalised to upper case */
    char ticket[8];    /* ticket number only: "J-014" */
};

/* Accept a scanned QR text ("WW1:weener-xl:7KQ2M9XAPD") or a typed ticket
 * number ("J-014", "j14", "J 14"). False when it is neither. */
bool ww_code_parse(const char *text, struct ww_code_input *out);

#endif
