#include "code.h"
#include "err.h"

#include "log.h"
#include "str.h"

#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <sys/random.h>

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static bool random_code(char *buf, size_t size)
{
    unsigned char raw[WW_CHECK_LEN];
    if (size < WW_CHECK_LEN + 1)
        return false;
    size_t got = 0;
    while (got < sizeof raw) {
        ssize_t n = getrandom(raw + got, sizeof raw - got, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            ww_error("no random source for booking codes: %s", ww_errno_text(errno));
            return false;
        }
        got += (size_t)n;
    }
    for (size_t i = 0; i < WW_CHECK_LEN; i++)
        buf[i] = alphabet[raw[i] & 31];
    buf[WW_CHECK_LEN] = '\0';
    return true;
}

bool ww_code_new_check(char *buf, size_t size)
{
    return random_code(buf, size);
}

bool ww_code_new_request(char *buf, size_t size)
{
    return random_code(buf, size);
}

bool ww_code_qr_payload(const char *location, const char *check, char *buf, size_t size)
{
    return ww_fmt(buf, size, "WW1:%s:%s", location, check);
}

/* Crockford decoding is forgiving: o->0, i/l->1, case-insensitive. */
static int norm_char(int c)
{
    c = toupper(c);
    if (c == 'O')
        return '0';
    if (c == 'I' || c == 'L')
        return '1';
    return strchr(alphabet, c) && c ? c : -1;
}

bool ww_code_parse(const char *text, struct ww_code_input *out)
{
    memset(out, 0, sizeof *out);
    char buf[128];
    if (!ww_strlcpy(buf, text, sizeof buf))
        return false;
    char *t = ww_trim(buf);
    if (strncmp(t, "WW1:", 4) == 0) {
        char *loc = t + 4;
        char *colon = strchr(loc, ':');
        if (!colon)
            return false;
        *colon = '\0';
        const char *check = colon + 1;
        if (!ww_valid_id(loc) || strlen(check) != WW_CHECK_LEN)
            return false;
        for (size_t i = 0; i < WW_CHECK_LEN; i++) {
            int c = norm_char((unsigned char)check[i]);
            if (c < 0)
                return false;
            out->check[i] = (char)c;
        }
        out->kind = WW_CODE_QR;
        ww_strlcpy(out->location, loc, sizeof out->location);
        return true;
    }
    /* A ticket number: a letter, optional '-' or space, 1-3 digits. */
    if (!isalpha((unsigned char)t[0]))
        return false;
    char letter = (char)toupper((unsigned char)t[0]);
    const char *p = t + 1;
    if (*p == '-' || *p == ' ')
        p++;
    size_t nd = strspn(p, "0123456789");
    if (nd == 0 || nd > 3 || p[nd] != '\0')
        return false;
    long num;
    if (!ww_parse_int(p, 0, 999, &num))
        return false;
    out->kind = WW_CODE_TICKET;
    ww_fmt(out->ticket, sizeof out->ticket, "%c-%03ld", letter, num);
    return true;
}
