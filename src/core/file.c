#include "file.h"
#include "err.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int ww_file_open_regular(const char *path, size_t *size)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return -1;
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        errno = S_ISDIR(st.st_mode) ? EISDIR : WW_ENOTREG;
        return -1;
    }
    /* Reads of a regular file never wait for a writer; blocking mode keeps
     * read() simple for the callers. */
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0)
        fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    if (size)
        *size = st.st_size > 0 ? (size_t)st.st_size : 0;
    return fd;
}

const char *ww_file_strerror(int err)
{
    if (err == WW_ENOTREG)
        return "not a regular file (a named pipe, device or socket): not opened";
    return ww_errno_text(err);
}
