/* What an Argon2id hash of the staff PIN costs on this machine: the time of
 * one crypto_pwhash_str_verify (what a sign-in waits for) at several
 * opslimit/memlimit settings, and the setting the kiosk uses
 * (WW_PIN_OPSLIMIT, WW_PIN_MEMLIMIT in pin.h). Prints
 * "name<TAB>value<TAB>unit" lines; the median of RUNS verifications each.
 *
 *   bench_pin [--runs N] */
#include "pin.h"
#include "str.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double verify_ms(unsigned long long ops, size_t mem, int runs)
{
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(hash, "246813", 6, ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return -1;
    double t[16];
    if (runs > 16)
        runs = 16;
    for (int i = 0; i < runs; i++) {
        double t0 = now_ms();
        if (crypto_pwhash_str_verify(hash, "246813", 6) != 0)
            return -1;
        t[i] = now_ms() - t0;
    }
    qsort(t, (size_t)runs, sizeof t[0], cmp);
    return t[runs / 2];
}

int main(int argc, char **argv)
{
    int runs = 3;
    for (int i = 1; i + 1 < argc; i++) {
        long v;
        if (strcmp(argv[i], "--runs") == 0 && ww_parse_int(argv[i + 1], 1, 16, &v))
            runs = (int)v;
    }
    if (sodium_init() < 0)
        return 1;
    static const struct {
        unsigned long long ops;
        size_t mib;
    } settings[] = {{2, 64}, {3, 64}, {4, 64}, {2, 128}, {3, 128}, {4, 128}, {3, 256}, {4, 256}};
    for (size_t i = 0; i < sizeof settings / sizeof settings[0]; i++) {
        double ms = verify_ms(settings[i].ops, settings[i].mib << 20, runs);
        printf("pin-argon2id-ops%llu-%zumib\t%.1f\tms\n", settings[i].ops, settings[i].mib, ms);
    }
    printf("pin-argon2id-kiosk-setting\t%.1f\tms\n",
           verify_ms(WW_PIN_OPSLIMIT, WW_PIN_MEMLIMIT, runs));
    return 0;
}
