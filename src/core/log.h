/* Logging: one process-wide sink (the only mutable global besides SDL event
 * numbers and the signal flag). Messages never carry resident data: callers
 * log ids (screen, topic, partner, ticket code), never answers or free text.
 * Thread-safe: each line is written with a single fprintf to stderr or the
 * configured sink. */
#ifndef WW_LOG_H
#define WW_LOG_H

#include <stdio.h>

enum ww_log_level { WW_LOG_DEBUG, WW_LOG_INFO, WW_LOG_WARN, WW_LOG_ERROR };

/* Send log lines to `f` (borrowed; NULL restores stderr). Lines below
 * `min_level` are dropped. */
void ww_log_set_sink(FILE *f, enum ww_log_level min_level);

void ww_log(enum ww_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define ww_debug(...) ww_log(WW_LOG_DEBUG, __VA_ARGS__)
#define ww_info(...)  ww_log(WW_LOG_INFO, __VA_ARGS__)
#define ww_warn(...)  ww_log(WW_LOG_WARN, __VA_ARGS__)
#define ww_error(...) ww_log(WW_LOG_ERROR, __VA_ARGS__)

#endif
