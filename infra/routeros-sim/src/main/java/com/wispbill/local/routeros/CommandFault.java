package com.wispbill.local.routeros;

/**
 * What goes wrong with one command, set with {@link Faults#failNext}. These are the failures that
 * make "did the router apply it?" ambiguous for a driver, and that a driver must survive without
 * applying a command twice.
 */
public enum CommandFault {
    /** The router applies the command, the reply is lost and the connection drops (link failure after commit). */
    APPLY_THEN_DISCONNECT,
    /** The router applies the command and never answers; the connection stays open (the client's timeout fires). */
    APPLY_THEN_SILENCE,
    /** The router answers {@code !fatal} instead of running the command, and closes the connection. */
    FATAL_BEFORE_APPLY,
    /**
     * The router applies the command, sends its first reply sentence (a print's first {@code !re}; nothing
     * if that would be the final {@code !done}), then {@code !fatal} and closes the connection.
     */
    FATAL_MID_REPLY
}
