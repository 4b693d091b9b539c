// ncursesw for Swift 6: wide-character API switched on before the include, and
// static inline wrappers for what does not import (C globals that Swift 6
// rejects as not concurrency-safe, and function-like macros).
#ifndef TROVE_CNCURSES_SHIM_H
#define TROVE_CNCURSES_SHIM_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <stdio.h>
#include <ncursesw/curses.h>

static inline FILE *trove_stdin(void) { return stdin; }
static inline FILE *trove_stdout(void) { return stdout; }

static inline WINDOW *trove_stdscr(void) { return stdscr; }
static inline int trove_cols(void) { return COLS; }
static inline int trove_lines(void) { return LINES; }
static inline int trove_colors(void) { return COLORS; }
static inline int trove_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t trove_color_pair(int pair) { return (attr_t)COLOR_PAIR(pair); }
static inline attr_t trove_a_normal(void) { return A_NORMAL; }
static inline attr_t trove_a_bold(void) { return A_BOLD; }
static inline attr_t trove_a_dim(void) { return A_DIM; }
static inline attr_t trove_a_reverse(void) { return A_REVERSE; }
static inline attr_t trove_a_underline(void) { return A_UNDERLINE; }

static inline mmask_t trove_wheel_up_mask(void) { return BUTTON4_PRESSED; }
static inline mmask_t trove_wheel_down_mask(void) { return BUTTON5_PRESSED; }

static inline int trove_set_escdelay(int ms) { return set_escdelay(ms); }

#endif
