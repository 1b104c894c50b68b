#include "log.h"

#include <stdarg.h>

static FILE *log_sink;
static enum ww_log_level log_min = WW_LOG_INFO;

void ww_log_set_sink(FILE *f, enum ww_log_level min_level)
{
    log_sink = f;
    log_min = min_level;
}

void ww_log(enum ww_log_level level, const char *fmt, ...)
{
    static const char *const names[] = {"debug", "info", "warning", "error"};
    if (level < log_min)
        return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    /* One call per line so lines from worker threads never interleave. */
    fprintf(log_sink ? log_sink : stderr, "wegwijzer: %s: %s\n", names[level], line);
}
