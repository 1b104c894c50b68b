/* Tickets from the terminal: `wegwijzer ticket` draws a booking's ticket into
 * a PNG (and optionally its ESC/POS bytes) for tests and sites without a
 * printer; `wegwijzer staff reprint CODE` prints it again on the location's
 * printer. Both return the process exit status (0 ok, 1 failed, 2 usage). */
#ifndef WW_TICKET_CMD_H
#define WW_TICKET_CMD_H

struct ww_app;

int ww_cmd_ticket(int argc, char **argv);

/* `staff reprint CODE`: CODE is the scanned QR text or the ticket number
 * (of app->day). The app's store must be open. Marks the booking printed
 * when the printer confirmed and writes an audit entry either way. */
int ww_cmd_staff_reprint(struct ww_app *app, const char *code);

/* `wegwijzer staff reprint CODE [options]` as a whole command: argv[0] is
 * "reprint". Sets up the app (common options) and calls the above. */
int ww_cmd_staff_reprint_main(int argc, char **argv);

#endif
