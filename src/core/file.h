#include "err.h"
/* Opening the files that configuration and media name: regular files only.
 *
 * A named pipe (FIFO) opened for reading blocks until someone writes to it,
 * and a device may block or act on being opened: a FIFO named as a flow, a
 * film or a subtitle file would hang the kiosk's start or the screen. So such
 * files are opened with O_NONBLOCK (which returns at once for every kind),
 * checked with fstat on the open descriptor (no race with a swapped file), and
 * refused unless regular. */
#ifndef WW_FILE_H
#define WW_FILE_H

#include <stddef.h>

/* errno value for "not a regular file" (beyond the system's own numbers);
 * ww_file_strerror describes it. */
#define WW_ENOTREG 0x5752

/* Open `path` read-only (close-on-exec). Returns the descriptor (blocking
 * mode again) and, when size is given, the file's size; -1 with errno set
 * when it cannot be opened or is not a regular file (WW_ENOTREG; EISDIR for
 * a folder). The caller closes the descriptor. */
int ww_file_open_regular(const char *path, size_t *size);

/* ww_errno_text() that also knows WW_ENOTREG. */
const char *ww_file_strerror(int err);

#endif
