/*
 * prompt.h - the interactive prompt of `namekey lookup`: line editing,
 * a history file and completion of identity names.
 */
#ifndef NK_CLI_PROMPT_H
#define NK_CLI_PROMPT_H

#include "cli.h"

/*
 * Read lines at a prompt on the terminal, calling fn for each (without
 * its newline) until fn returns false or input ends (Ctrl-D).  Every
 * line but one that ends the session goes into the history, which is
 * kept in $XDG_STATE_HOME/namekey/history (else
 * ~/.local/state/namekey/history).  Tab completes the name being typed
 * from the display names of the identities in st.
 * @return NK_EXIT_OK, or NK_EXIT_FAILURE when the prompt cannot start.
 */
int nk_prompt_run(nk_store *st, nk_line_fn fn, void *data);

#endif /* NK_CLI_PROMPT_H */
