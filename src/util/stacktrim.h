/* stacktrim.h - gives the kernel back the pages of the process's stack
 * below the caller's frame.
 *
 * A page of stack, once written, stays with the process for its life,
 * however shallow it runs afterwards.  The wizard runs deep only while it
 * starts (ncurses reads terminfo some 100 kB deep) and while it reads a
 * file; the rest of a session, dozens of users' wizards on one server,
 * it runs a few pages deep (issue 18: memory per user).  This is what
 * glibc does with a thread's stack when the thread ends.
 */
#ifndef SOEM_STACKTRIM_H
#define SOEM_STACKTRIM_H

#include <stddef.h>

/* Drops the pages of the main stack ([stack] in /proc/self/maps) that
 * lie more than two pages below the caller's frame (their contents are
 * dead: nothing below the stack pointer is live).  Returns how many bytes
 * were given back (0 when /proc is not there, the caller is not on the
 * main stack, or nothing lay below). */
size_t soem_stack_trim(void);

#endif
