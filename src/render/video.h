/* The renderer of a full-screen window, chosen for the video driver SDL
 * runs on: one place for the kiosk and the waiting-room screen.
 *
 * Why a choice at all: on the kiosk PCs without a GPU SDL's own software
 * renderer drawing straight into the driver's framebuffer (hint
 * SDL_HINT_FRAMEBUFFER_ACCELERATION=0) starts 4-5 times faster and draws
 * about ten times faster than Mesa's software GL (llvmpipe). But only a
 * video driver with a framebuffer interface can show such a frame: X11,
 * offscreen and dummy have one; Wayland (cage, the shipped units) and
 * KMSDRM do not, so there the software path cannot present at all and
 * the GL/GLES renderer is used (llvmpipe where there is no GPU).
 *
 * The chain, tried in order until one renderer opens:
 *   framebuffer drivers:  software (framebuffer) -> accelerated -> software
 *                         through a GL texture
 *   other drivers:        accelerated -> software through a GL texture
 * WEGWIJZER_RENDERER=software|accelerated|NAME (an SDL render driver
 * such as opengles2) puts that step first; the rest of the chain follows.
 * One log line says what was chosen and why.
 *
 * Thread: the thread that owns SDL, after SDL_Init and SDL_CreateWindow.
 * Ownership: the renderer belongs to the caller (SDL_DestroyRenderer). */
#ifndef WW_VIDEO_H
#define WW_VIDEO_H

#include <SDL2/SDL.h>

#include <stdbool.h>
#include <stddef.h>

enum ww_video_step {
    WW_VIDEO_SOFTWARE_FB, /* SDL's software renderer into the driver's framebuffer */
    WW_VIDEO_ACCELERATED, /* a GL/GLES renderer (Mesa llvmpipe without a GPU) */
    WW_VIDEO_SOFTWARE_GL, /* software drawing shown through a GL texture */
    WW_VIDEO_NAMED,       /* the SDL render driver named in WEGWIJZER_RENDERER */
};

/* True when SDL's video driver `driver` gives windows a framebuffer the
 * software renderer can present into. */
bool ww_video_has_framebuffer(const char *driver);

/* The steps to try for `driver` with the override `want` (NULL or empty:
 * none), at most `cap`; returns how many. Pure: used by ww_video_renderer
 * and by tests. */
size_t ww_video_chain(const char *driver, const char *want, enum ww_video_step *steps, size_t cap);

/* Hints for a full-screen window under any compositor; call before
 * SDL_Init. libdecor is off: a kiosk has no title bar, and with libdecor
 * installed but no plugin for it (cage, a headless or minimal system) SDL
 * 2.26 falls back to xdg decorations by destroying the window's
 * xdg_toplevel and never maps the surface again: a black screen. */
void ww_video_hints(void);

/* Flags to add to SDL_CreateWindow: SDL_WINDOW_OPENGL when the chain
 * starts with a GL renderer. A window made without it is recreated by
 * SDL_CreateRenderer, and on Wayland (SDL 2.26) the recreated surface
 * loses its xdg_toplevel role, so the compositor never shows it. Call
 * after SDL_Init. */
Uint32 ww_video_window_flags(void);

/* Has the display gone away? SDL turns a lost Wayland connection (the
 * compositor died) into SDL_QUIT, the same event as a window close, which a
 * kiosk ignores. Under Wayland this asks the compositor's socket
 * ($XDG_RUNTIME_DIR/$WAYLAND_DISPLAY): refused or missing means gone. Other
 * drivers: false (a lost X server ends the process through Xlib). */
bool ww_video_display_gone(void);

/* Open the renderer of `win` by the chain above; `who` names the program
 * in the log line ("kiosk", "screen weener-xl"). NULL when no step works;
 * each failure was logged. */
SDL_Renderer *ww_video_renderer(SDL_Window *win, const char *who);

#endif
