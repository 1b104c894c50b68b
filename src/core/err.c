#include "err.h"

#include <string.h>

const char *ww_strerror(enum ww_err err)
{
    switch (err) {
    case WW_OK:
        return "ok";
    case WW_ERR_FULL:
        return "no free place left";
    case WW_ERR_NOT_FOUND:
        return "not found";
    case WW_ERR_FORGED:
        return "code does not match any ticket (forged or mistyped)";
    case WW_ERR_ALREADY:
        return "already done";
    case WW_ERR_INVALID:
        return "invalid input";
    case WW_ERR_BUSY:
        return "store busy (locked by another process)";
    case WW_ERR_IO:
        return "input/output error";
    case WW_ERR_UNAVAILABLE:
        return "not available";
    case WW_ERR_PAPER:
        return "printer out of paper or cover open";
    case WW_ERR_LIMIT:
        return "over the limit";
    }
    return "unknown error";
}

const char *ww_errno_text(int errnum)
{
    const char *d = strerrordesc_np(errnum);
    return d ? d : "unknown system error";
}
