/* Error codes for callers that must choose what to do next (slot taken:
 * offer another; paper out: show the code on screen). */
#ifndef WW_ERR_H
#define WW_ERR_H

enum ww_err {
    WW_OK = 0,
    WW_ERR_FULL,        /* no free place in the requested slot(s) */
    WW_ERR_NOT_FOUND,   /* no such booking, partner, code */
    WW_ERR_FORGED,      /* a ticket code whose check part does not match */
    WW_ERR_ALREADY,     /* done before (second check-in, undo with nothing to undo) */
    WW_ERR_INVALID,     /* bad input from a person or file */
    WW_ERR_BUSY,        /* the store stayed locked longer than its timeout */
    WW_ERR_IO,          /* disk, network or device error */
    WW_ERR_UNAVAILABLE, /* backend not reachable (server down, printer offline) */
    WW_ERR_PAPER,       /* printer: out of paper or cover open */
    WW_ERR_LIMIT,       /* more than a configured limit allows (bookings per visit, minute) */
};

/* A short English description, for logs and staff. */
const char *ww_strerror(enum ww_err err);

/* The English text of a system error number ("No such file or directory"),
 * for logs and messages. libc's strerror follows LANGUAGE, which the kiosk
 * sets to the resident's language: its log would change language with
 * every visit. Never NULL; static storage. */
const char *ww_errno_text(int errnum);

#endif
