/* `wegwijzer screen`: the waiting-room signage loop. */
#ifndef WW_SCREEN_H
#define WW_SCREEN_H

/* Run the screen subcommand (argv[0] is "screen"). Returns the exit status. */
int ww_cmd_screen(int argc, char **argv);

#endif
