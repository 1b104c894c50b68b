/* wegwijzer say: speak a text into a WAV file or through the audio device.
 * Returns the exit status (0 spoken, 1 no voice or file error, 2 usage). */
#ifndef WW_SAY_CMD_H
#define WW_SAY_CMD_H

int ww_cmd_say(int argc, char **argv);

#endif
