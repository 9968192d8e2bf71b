package com.wispbill.domain.network;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves a host name to its addresses (DNS in production: {@code InetAddress::getAllByName}). */
@FunctionalInterface
public interface HostResolver {
    List<InetAddress> resolve(String name) throws UnknownHostException;

    /** The system resolver. */
    static HostResolver system() {
        return name -> List.of(InetAddress.getAllByName(name));
    }
}
