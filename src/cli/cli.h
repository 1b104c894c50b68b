/* Terminal subcommands (no SDL). Each returns the process exit status:
 * 0 success, 1 failure (reported), 2 bad usage. */
#ifndef WW_CLI_H
#define WW_CLI_H

int ww_cmd_staff(int argc, char **argv);
int ww_cmd_book(int argc, char **argv);
int ww_cmd_config(int argc, char **argv);
int ww_cmd_flow(int argc, char **argv);
/* Exit status by the monitoring plugin conventions: 0 OK, 1 WARNING,
 * 2 CRITICAL, 3 UNKNOWN (also for bad usage). */
int ww_cmd_status(int argc, char **argv);
int ww_cmd_report(int argc, char **argv);

/* Print today's plan of the app's location, as staff see it. */
struct ww_app;
int ww_staff_print_today(struct ww_app *app);

#endif
