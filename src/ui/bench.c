/* `wegwijzer kiosk --bench`: how long each screen takes to lay out and to
 * redraw with the software renderer, walking one resident journey (it
 * books, in whatever store the location names: run it on a scratch state
 * folder). Printed as lines `NAME value` for bench/bench_kiosk.sh. */
#include "ui/kiosk.h"

#include "core/str.h"
#include "ui/kiosk_impl.h"

#include <stdio.h>
#include <string.h>

static double now_ms(void)
{
    return (double)SDL_GetPerformanceCounter() * 1000.0 / (double)SDL_GetPerformanceFrequency();
}

static void measure(struct ww_kiosk *k, const char *label)
{
    enum { ROUNDS = 60 };
    /* Layout with a cold text cache for this screen (first visit), then warm. */
    double t0 = now_ms();
    k->dirty = true;
    ww_kiosk_dlist(k);
    double first_build = now_ms() - t0;
    t0 = now_ms();
    for (int i = 0; i < ROUNDS; i++) {
        k->dirty = true;
        ww_kiosk_dlist(k);
    }
    double build = (now_ms() - t0) / ROUNDS;

    /* Redraw: every command, then present. The first draw renders the
     * texts into textures; later ones only copy. */
    char focus[WW_TARGET_SIZE] = "";
    t0 = now_ms();
    ww_drawer_draw(k->dr, &k->dl, focus);
    SDL_RenderPresent(k->ren);
    double first_draw = now_ms() - t0;
    double worst = 0;
    t0 = now_ms();
    for (int i = 0; i < ROUNDS; i++) {
        double t1 = now_ms();
        ww_drawer_draw(k->dr, &k->dl, focus);
        SDL_RenderPresent(k->ren);
        double dt = now_ms() - t1;
        if (dt > worst)
            worst = dt;
    }
    double draw = (now_ms() - t0) / ROUNDS;
    printf("screen %-10s layout-first-ms %6.2f layout-ms %5.2f draw-first-ms %6.2f "
           "redraw-ms %5.2f redraw-max-ms %5.2f cmds %zu\n",
           label, first_build, build, first_draw, draw, worst, k->dl.n);
}

static void tap(struct ww_kiosk *k, const char *target)
{
    struct ww_action a = ww_action_tap(target);
    ww_kiosk_act(k, &a);
}

int ww_kiosk_bench(struct ww_kiosk *k)
{
    printf("window %dx%d driver %s renderer software\n", k->env.w, k->env.h,
           SDL_GetCurrentVideoDriver());
    measure(k, "attract");
    tap(k, "start");
    measure(k, "topics");
    tap(k, "topic:schulden");
    measure(k, "question");
    for (int i = 0; i < 8 && k->s.screen == WW_SCREEN_QUESTION; i++)
        tap(k, "answer:1");
    measure(k, "outcome");
    tap(k, "book");
    measure(k, "time");
    char targets[WW_SESSION_MAX_TARGETS + 8][WW_TARGET_SIZE];
    ww_session_targets(&k->flows, &k->s, targets, 4);
    tap(k, targets[0]);
    measure(k, "confirm");
    tap(k, "confirm");
    measure(k, "ticket");
    tap(k, "next");
    measure(k, "more");
    tap(k, "more:no");
    measure(k, "rating");
    tap(k, "rating:5");
    measure(k, "goodbye");
    /* The idle warning over a question. */
    tap(k, "start");
    tap(k, "topic:werk");
    ww_kiosk_advance(k, k->s.params.idle_seconds + 1);
    measure(k, "warning");
    struct ww_text_cache_stats st;
    ww_text_cache_stats(ww_drawer_texts(k->dr), &st);
    printf("text-cache images %zu bytes %zu renders %zu hits %zu\n", st.images, st.bytes,
           st.renders, st.hits);
    return 0;
}
