package com.wispbill.router.routeros;

/**
 * An operation needs an object that is not on the router (enabling a hotspot user that does not
 * exist). The router's state disagrees with what the command assumed; a reconcile repairs it.
 */
public final class RouterObjectNotFoundException extends RouterOsException {
    public RouterObjectNotFoundException(String message) {
        super(message);
    }
}
