/* Booking throughput and latency with concurrent processes on one store,
 * and config load time.
 *
 *   bench_store [--procs N] [--bookings N] [--store URI] [--config DIR]
 *   bench_store --probe SECONDS --store URI [--name PREFIX]
 *
 * --probe reads the change counter every 20 ms for SECONDS while the caller
 * stops, hangs or restarts the server, and reports how long a call kept its
 * caller waiting while the store could not answer (what a screen's thread
 * would feel without the store thread) and how many calls failed.
 *
 * Each process books N times, always "the first slot with room" among a
 * day's 48 slots of 2 desks, moving to the next day when full, so the
 * processes race for the same slots all the time. Prints one line per
 * figure as "name<TAB>value<TAB>unit". */
#include "code.h"
#include "config.h"
#include "store.h"
#include "str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int child(const char *uri, const char *loc, int n, FILE *out)
{
    char err[512];
    struct ww_store *s = ww_store_open(uri, NULL, err, sizeof err);
    if (!s) {
        fprintf(stderr, "bench_store: %s\n", err);
        return 1;
    }
    struct ww_slot slots[48];
    for (int i = 0; i < 48; i++)
        slots[i] = (struct ww_slot){0, 9 * 60 + i * 10, 10, 2, 0};
    ww_day day = 20781;
    for (int i = 0; i < n;) {
        char check[WW_CHECK_LEN + 1];
        ww_code_new_check(check, sizeof check);
        struct ww_book_req req = {.location = loc,
                                  .partner = "bench",
                                  .letter = 'B',
                                  .topic = "",
                                  .day = day,
                                  .check = check,
                                  .now = 1};
        struct ww_booking b;
        double t0 = now_ms();
        enum ww_err e = ww_store_book(s, &req, slots, 48, &b);
        double dt = now_ms() - t0;
        if (e == WW_ERR_FULL) {
            day++;
            continue;
        }
        if (e != WW_OK) {
            fprintf(stderr, "bench_store: booking failed: %s\n", ww_strerror(e));
            ww_store_free(s);
            return 1;
        }
        fprintf(out, "%.6f\n", dt);
        i++;
    }
    ww_store_free(s);
    return 0;
}

static int probe(const char *uri, int seconds, const char *name)
{
    char err[512];
    double t_open = now_ms();
    struct ww_store *s = ww_store_open(uri, NULL, err, sizeof err);
    t_open = now_ms() - t_open;
    if (!s) {
        fprintf(stderr, "bench_store: %s\n", err);
        return 1;
    }
    ww_store_set_patience(s, 50); /* as the kiosk's screen thread has it */
    enum { MAX = 4096 };
    static double down[MAX];
    int n_down = 0, n_ok = 0;
    double end = now_ms() + seconds * 1000.0;
    while (now_ms() < end) {
        int64_t seq;
        double t0 = now_ms();
        enum ww_err e = ww_store_change_seq(s, &seq);
        double dt = now_ms() - t0;
        if (e == WW_OK)
            n_ok++;
        else if (n_down < MAX)
            down[n_down++] = dt;
        struct timespec nap = {0, 20 * 1000 * 1000};
        nanosleep(&nap, NULL);
    }
    ww_store_free(s);
    qsort(down, (size_t)n_down, sizeof down[0], cmp_double);
    printf("%s_open_ms\t%.1f\tms\n", name, t_open);
    printf("%s_failed_calls\t%d\tcalls\n", name, n_down);
    printf("%s_ok_calls\t%d\tcalls\n", name, n_ok);
    printf("%s_failed_call_p50_ms\t%.3f\tms\n", name, n_down ? down[n_down / 2] : 0.0);
    printf("%s_failed_call_max_ms\t%.3f\tms\n", name, n_down ? down[n_down - 1] : 0.0);
    return 0;
}

int main(int argc, char **argv)
{
    int procs = 8, per = 500;
    long probe_s = 0;
    const char *uri = NULL, *config = "kiosk-config", *name = "probe";
    for (int i = 1; i + 1 < argc; i += 2) {
        long v;
        if (strcmp(argv[i], "--procs") == 0 && ww_parse_int(argv[i + 1], 1, 64, &v))
            procs = (int)v;
        else if (strcmp(argv[i], "--bookings") == 0 && ww_parse_int(argv[i + 1], 1, 100000, &v))
            per = (int)v;
        else if (strcmp(argv[i], "--store") == 0)
            uri = argv[i + 1];
        else if (strcmp(argv[i], "--config") == 0)
            config = argv[i + 1];
        else if (strcmp(argv[i], "--probe") == 0 && ww_parse_int(argv[i + 1], 1, 3600, &v))
            probe_s = v;
        else if (strcmp(argv[i], "--name") == 0)
            name = argv[i + 1];
        else {
            fprintf(stderr, "usage: bench_store [--procs N] [--bookings N] [--store URI] "
                            "[--config DIR] | --probe SECONDS --store URI [--name PREFIX]\n");
            return 2;
        }
    }
    if (probe_s) {
        if (!uri) {
            fprintf(stderr, "bench_store: --probe needs --store\n");
            return 2;
        }
        return probe(uri, (int)probe_s, name);
    }
    char dir[64] = "/tmp/ww-bench-XXXXXX", uribuf[256];
    if (!mkdtemp(dir))
        return 1;
    if (!uri) {
        ww_fmt(uribuf, sizeof uribuf, "sqlite:%s/bench.db", dir);
        uri = uribuf;
    }
    /* Config load time: median of 50 loads. */
    double loads[50];
    for (int i = 0; i < 50; i++) {
        struct ww_config cfg;
        struct ww_diags d;
        ww_diags_init(&d);
        double t0 = now_ms();
        bool ok = ww_config_load(&cfg, config, &d);
        loads[i] = now_ms() - t0;
        ww_diags_destroy(&d);
        ww_config_destroy(&cfg);
        if (!ok) {
            fprintf(stderr, "bench_store: config %s does not load\n", config);
            return 1;
        }
    }
    qsort(loads, 50, sizeof loads[0], cmp_double);
    printf("config_load_ms\t%.3f\tms\n", loads[25]);

    char err[512];
    struct ww_store *s = ww_store_open(uri, NULL, err, sizeof err); /* schema first */
    if (!s) {
        fprintf(stderr, "bench_store: %s\n", err);
        return 1;
    }
    ww_store_free(s);
    char loc[32];
    char r[WW_CHECK_LEN + 1];
    ww_code_new_check(r, sizeof r);
    for (char *p = r; *p; p++)
        *p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    ww_fmt(loc, sizeof loc, "bench-%s", r);

    double t0 = now_ms();
    pid_t pids[64];
    for (int p = 0; p < procs; p++) {
        char path[128];
        ww_fmt(path, sizeof path, "%s/lat.%d", dir, p);
        pids[p] = fork();
        if (pids[p] == 0) {
            FILE *f = fopen(path, "w");
            int rc = f ? child(uri, loc, per, f) : 1;
            if (f)
                fclose(f);
            _exit(rc);
        }
    }
    int failed = 0;
    for (int p = 0; p < procs; p++) {
        int st;
        waitpid(pids[p], &st, 0);
        failed |= !WIFEXITED(st) || WEXITSTATUS(st) != 0;
    }
    double wall = now_ms() - t0;
    if (failed) {
        fprintf(stderr, "bench_store: a process failed\n");
        return 1;
    }
    size_t total = (size_t)procs * (size_t)per, n = 0;
    double *lat = malloc(total * sizeof *lat);
    for (int p = 0; p < procs && lat; p++) {
        char path[128];
        ww_fmt(path, sizeof path, "%s/lat.%d", dir, p);
        FILE *f = fopen(path, "r");
        while (f && n < total && fscanf(f, "%lf", &lat[n]) == 1)
            n++;
        if (f)
            fclose(f);
        unlink(path);
    }
    qsort(lat, n, sizeof lat[0], cmp_double);
    printf("booking_p50_ms\t%.3f\tms\n", lat[n / 2]);
    printf("booking_p99_ms\t%.3f\tms\n", lat[n * 99 / 100]);
    printf("booking_throughput\t%.0f\tbookings/s\n", (double)n / (wall / 1000.0));
    printf("booking_processes\t%d\tprocesses\n", procs);

    /* No overbooking: every slot of every day holds at most its 2 desks. */
    s = ww_store_open(uri, NULL, err, sizeof err);
    int over = 0;
    size_t counted = 0;
    for (ww_day d = 20781; s && counted < n; d++) {
        struct ww_booking *b;
        size_t nb;
        if (ww_store_bookings(s, loc, d, &b, &nb) != WW_OK)
            break;
        int per_slot[48] = {0};
        for (size_t i = 0; i < nb; i++) {
            int k = (b[i].start - 9 * 60) / 10;
            if (k >= 0 && k < 48 && ++per_slot[k] > 2)
                over++;
        }
        counted += nb;
        free(b);
    }
    ww_store_free(s);
    printf("booking_overbooked\t%d\tslots\n", over);
    free(lat);
    if (strncmp(uri, "sqlite:", 7) == 0 && uri == uribuf) {
        static const char *const suffix[] = {"", "-wal", "-shm"};
        for (int i = 0; i < 3; i++) {
            char path[160];
            ww_fmt(path, sizeof path, "%s/bench.db%s", dir, suffix[i]);
            unlink(path);
        }
    }
    rmdir(dir);
    return over ? 1 : 0;
}
