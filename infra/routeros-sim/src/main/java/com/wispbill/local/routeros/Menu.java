package com.wispbill.local.routeros;

/** A command menu such as {@code /ip/hotspot/user}: runs its verbs against the router state. */
interface Menu {
    /**
     * Runs one verb. Called with the router state lock held.
     *
     * @throws ApiTrap "no such command" for a verb the menu does not have, or the verb's own failure
     */
    CommandResult execute(String verb, ApiRequest request, RouterOsVersion version) throws ApiTrap;
}
