#include "render/video.h"

#include "core/log.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

/* Drivers whose windows have a CreateWindowFramebuffer in SDL 2: the
 * software renderer draws into that memory and SDL shows it (XPutImage /
 * XShm on X11). Wayland and KMSDRM have none: SDL would emulate the
 * framebuffer through a GL texture, which the hint forbids (SDL issue
 * #7532), so the software renderer cannot present there. */
static const char *const fb_drivers[] = {"x11", "offscreen", "dummy", "windows", "cocoa"};

bool ww_video_has_framebuffer(const char *driver)
{
    if (!driver)
        return false;
    for (size_t i = 0; i < sizeof fb_drivers / sizeof fb_drivers[0]; i++)
        if (strcmp(driver, fb_drivers[i]) == 0)
            return true;
    return false;
}

static size_t add_step(enum ww_video_step *steps, size_t n, size_t cap, enum ww_video_step s)
{
    for (size_t i = 0; i < n; i++)
        if (steps[i] == s)
            return n;
    if (n < cap)
        steps[n++] = s;
    return n;
}

size_t ww_video_chain(const char *driver, const char *want, enum ww_video_step *steps, size_t cap)
{
    size_t n = 0;
    bool fb = ww_video_has_framebuffer(driver);
    if (want && *want) {
        if (strcmp(want, "software") == 0)
            n = add_step(steps, n, cap, fb ? WW_VIDEO_SOFTWARE_FB : WW_VIDEO_SOFTWARE_GL);
        else if (strcmp(want, "accelerated") == 0)
            n = add_step(steps, n, cap, WW_VIDEO_ACCELERATED);
        else
            n = add_step(steps, n, cap, WW_VIDEO_NAMED);
    }
    if (fb)
        n = add_step(steps, n, cap, WW_VIDEO_SOFTWARE_FB);
    n = add_step(steps, n, cap, WW_VIDEO_ACCELERATED);
    n = add_step(steps, n, cap, WW_VIDEO_SOFTWARE_GL);
    return n;
}

void ww_video_hints(void)
{
    SDL_SetHint(SDL_HINT_VIDEO_WAYLAND_ALLOW_LIBDECOR, "0");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
}

Uint32 ww_video_window_flags(void)
{
    enum ww_video_step steps[4];
    size_t n = ww_video_chain(SDL_GetCurrentVideoDriver(), getenv("WEGWIJZER_RENDERER"), steps,
                              sizeof steps / sizeof steps[0]);
    return n > 0 && steps[0] != WW_VIDEO_SOFTWARE_FB ? SDL_WINDOW_OPENGL : 0;
}

static int driver_index(const char *name)
{
    int n = SDL_GetNumRenderDrivers();
    for (int i = 0; i < n; i++) {
        SDL_RendererInfo info;
        if (SDL_GetRenderDriverInfo(i, &info) == 0 && strcmp(info.name, name) == 0)
            return i;
    }
    return -1;
}

static SDL_Renderer *try_step(SDL_Window *win, enum ww_video_step s, const char *want)
{
    /* Each step states both hints: a failed step must not leave its
     * setting to the next one. */
    SDL_ResetHint(SDL_HINT_RENDER_DRIVER);
    switch (s) {
    case WW_VIDEO_SOFTWARE_FB:
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        return SDL_CreateRenderer(win, driver_index("software"), SDL_RENDERER_SOFTWARE);
    case WW_VIDEO_ACCELERATED:
        SDL_ResetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION);
        return SDL_CreateRenderer(win, -1, SDL_RENDERER_ACCELERATED);
    case WW_VIDEO_SOFTWARE_GL:
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "1");
        return SDL_CreateRenderer(win, driver_index("software"), SDL_RENDERER_SOFTWARE);
    case WW_VIDEO_NAMED: {
        SDL_ResetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION);
        int i = driver_index(want);
        if (i < 0) {
            SDL_SetError("no SDL render driver '%s'", want);
            return NULL;
        }
        return SDL_CreateRenderer(win, i, 0);
    }
    }
    return NULL;
}

static const char *why(enum ww_video_step s, bool first, bool fb, const char *drv)
{
    if (!first)
        return "fallback: the steps before it failed";
    switch (s) {
    case WW_VIDEO_SOFTWARE_FB:
        return "the driver has a framebuffer: SDL's software renderer is the fastest without a GPU";
    case WW_VIDEO_ACCELERATED:
        return fb ? "asked for in WEGWIJZER_RENDERER"
                  : "the driver has no framebuffer interface: the software renderer cannot "
                    "present there";
    case WW_VIDEO_SOFTWARE_GL:
    case WW_VIDEO_NAMED:
        return "asked for in WEGWIJZER_RENDERER";
    }
    (void)drv;
    return "";
}

SDL_Renderer *ww_video_renderer(SDL_Window *win, const char *who)
{
    const char *drv = SDL_GetCurrentVideoDriver();
    const char *want = getenv("WEGWIJZER_RENDERER");
    enum ww_video_step steps[4];
    size_t n = ww_video_chain(drv, want, steps, sizeof steps / sizeof steps[0]);
    bool fb = ww_video_has_framebuffer(drv);
    for (size_t i = 0; i < n; i++) {
        SDL_Renderer *ren = try_step(win, steps[i], want);
        if (!ren) {
            ww_warn("%s: renderer step %zu of %zu on %s failed: %s", who, i + 1, n, drv ? drv : "?",
                    SDL_GetError());
            continue;
        }
        SDL_RendererInfo info;
        if (SDL_GetRendererInfo(ren, &info) != 0)
            info.name = "?";
        const char *gl = SDL_GetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION);
        bool via_gl = strcmp(info.name, "software") == 0 && !(gl && strcmp(gl, "0") == 0);
        ww_info("%s: video driver %s, renderer %s%s (%s)", who, drv ? drv : "?", info.name,
                via_gl ? " through a GL texture" : "", why(steps[i], i == 0, fb, drv));
        return ren;
    }
    return NULL;
}

bool ww_video_display_gone(void)
{
    const char *driver = SDL_GetCurrentVideoDriver();
    if (!driver || strcmp(driver, "wayland") != 0)
        return false;
    const char *name = getenv("WAYLAND_DISPLAY");
    if (!name || !*name)
        name = "wayland-0";
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    int n;
    if (name[0] == '/') {
        n = snprintf(addr.sun_path, sizeof addr.sun_path, "%s", name);
    } else {
        const char *dir = getenv("XDG_RUNTIME_DIR");
        if (!dir)
            return false;
        n = snprintf(addr.sun_path, sizeof addr.sun_path, "%s/%s", dir, name);
    }
    if (n < 0 || (size_t)n >= sizeof addr.sun_path)
        return false;
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    bool gone = connect(fd, (const struct sockaddr *)&addr, sizeof addr) != 0 &&
                (errno == ECONNREFUSED || errno == ENOENT);
    close(fd);
    return gone;
}
