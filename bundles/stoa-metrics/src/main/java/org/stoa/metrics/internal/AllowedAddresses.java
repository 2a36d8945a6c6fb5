package org.stoa.metrics.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may scrape: a list of addresses and networks ({@code 10.0.0.0/8}, {@code ::1}, {@code *}).
 * Only literal addresses are accepted, so a rule never waits on DNS.
 */
final class AllowedAddresses {

    /** The default: this machine only. */
    static final String LOOPBACK = "127.0.0.0/8, ::1";

    private record Network(byte[] prefix, int bits) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (prefix[whole] & mask);
        }
    }

    private final List<Network> networks;
    private final boolean everyone;

    private AllowedAddresses(List<Network> networks, boolean everyone) {
        this.networks = networks;
        this.everyone = everyone;
    }

    /** Parses a comma- or space-separated list; an entry that is not a literal address or network is refused. */
    static AllowedAddresses parse(String list) {
        List<Network> networks = new ArrayList<>();
        boolean everyone = false;
        for (String entry : list.split("[,\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*")) {
                everyone = true;
                continue;
            }
            networks.add(network(entry));
        }
        return new AllowedAddresses(List.copyOf(networks), everyone);
    }

    private static Network network(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        byte[] bytes = literal(address, entry);
        int bits = bytes.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a network: " + entry);
            }
            if (bits < 0 || bits > bytes.length * 8) {
                throw new IllegalArgumentException("not a network: " + entry);
            }
        }
        return new Network(bytes, bits);
    }

    private static byte[] literal(String address, String entry) {
        boolean literal = address.matches("[0-9.]+") && address.chars().filter(c -> c == '.').count() == 3
                || address.contains(":") && address.matches("[0-9a-fA-F:.]+");
        if (!literal) {
            throw new IllegalArgumentException("not an IP address or network: " + entry);
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address or network: " + entry);
        }
    }

    /** Whether a client at this address (as the servlet container reports it) may scrape. */
    boolean allows(String remoteAddress) {
        if (everyone) {
            return true;
        }
        if (remoteAddress == null || networks.isEmpty()) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = literal(remoteAddress.startsWith("[") ? remoteAddress.substring(1, remoteAddress.length() - 1)
                    : remoteAddress, remoteAddress);
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (Network n : networks) {
            if (n.contains(bytes)) {
                return true;
            }
        }
        return false;
    }
}
