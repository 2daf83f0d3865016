package org.sistercities.notifications.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SSRF guard: a webhook URL must not make this service call into its own network. Addresses are checked
 * after resolution, at registration where the host already resolves and again before every attempt, so a
 * DNS record changed later (rebinding) is caught at the next attempt.
 * <p>
 * The JDK's HTTP client resolves the host once more when it connects; a resolver that answers differently
 * within those milliseconds is the remaining window, which only pinning the address in the connection closes.
 */
public final class AddressGuard {

    private final boolean allowHttp;
    private final List<Network> allowed;

    public AddressGuard(boolean allowHttp, List<String> allowedNetworks) {
        this.allowHttp = allowHttp;
        this.allowed = allowedNetworks.stream().map(Network::parse).toList();
    }

    /** A refused URL or address, with a reason fit for a problem detail or the delivery log. */
    public static final class Refused extends Exception {
        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Checks what the URL itself shows: scheme, host, no credentials, and an IP literal host. */
    public URI checkUrl(String url) throws Refused {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            throw new Refused("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw new Refused(allowHttp ? "must be an http or https URL" : "must be an https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new Refused("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("must not carry credentials");
        }
        if (uri.getRawFragment() != null) {
            throw new Refused("must not have a fragment");
        }
        return uri;
    }

    /**
     * Resolves the host and checks every address it has.
     *
     * @return the addresses, all acceptable
     * @throws UnknownHostException where the name does not resolve (now)
     */
    public List<InetAddress> resolve(URI uri) throws Refused, UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(uri.getHost());
        List<InetAddress> checked = new ArrayList<>();
        for (InetAddress address : addresses) {
            Optional<String> refusal = refusal(address);
            if (refusal.isPresent()) {
                throw new Refused(uri.getHost() + " resolves to " + address.getHostAddress() + ", " + refusal.get());
            }
            checked.add(address);
        }
        return checked;
    }

    /** Why this service must not call the address, unless it is allow-listed; empty where it may. */
    public Optional<String> refusal(InetAddress address) {
        for (Network network : allowed) {
            if (network.contains(address.getAddress())) {
                return Optional.empty();
            }
        }
        return classify(address.getAddress());
    }

    /** The address class that makes {@code raw} (4 or 16 bytes) unfit as a webhook target; empty for a public address. */
    public static Optional<String> classify(byte[] raw) {
        if (raw.length == 4) {
            return classify4(raw);
        }
        // IPv6 forms that embed an IPv4 address are judged by that address: mapped (::ffff:a.b.c.d),
        // compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::).
        if (prefix(raw, new byte[10]) && (raw[10] & 0xff) == 0xff && (raw[11] & 0xff) == 0xff) {
            return classify4(slice(raw, 12)).map(r -> r + " (IPv4-mapped)");
        }
        if (prefix(raw, new byte[]{0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0})) {
            return classify4(slice(raw, 12)).map(r -> r + " (NAT64)");
        }
        if ((raw[0] & 0xff) == 0x20 && (raw[1] & 0xff) == 0x02) {
            return classify4(new byte[]{raw[2], raw[3], raw[4], raw[5]}).map(r -> r + " (6to4)");
        }
        if (prefix(raw, new byte[12])) {
            int last = raw[15] & 0xff;
            boolean zeroUntilLast = prefix(raw, new byte[15]);
            if (zeroUntilLast && last == 1) {
                return Optional.of("a loopback address");
            }
            if (zeroUntilLast && last == 0) {
                return Optional.of("the unspecified address");
            }
            return classify4(slice(raw, 12)).map(r -> r + " (IPv4-compatible)").or(() -> Optional.of("an IPv4-compatible address"));
        }
        // fd00:ec2::254, the IPv6 instance metadata service
        if (prefix(raw, new byte[]{(byte) 0xfd, 0x00, 0x0e, (byte) 0xc2}) && prefix(slice(raw, 4), new byte[10])
                && raw[14] == 0x02 && raw[15] == 0x54) {
            return Optional.of("a cloud metadata address");
        }
        int first = raw[0] & 0xff;
        int second = raw[1] & 0xff;
        if ((first & 0xfe) == 0xfc) {
            return Optional.of("a unique-local address");
        }
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return Optional.of("a link-local address");
        }
        if (first == 0xfe && (second & 0xc0) == 0xc0) {
            return Optional.of("a site-local address");
        }
        if (first == 0xff) {
            return Optional.of("a multicast address");
        }
        if (first == 0x20 && second == 0x01 && raw[2] == 0x0d && (raw[3] & 0xff) == 0xb8) {
            return Optional.of("a documentation address");
        }
        return Optional.empty();
    }

    private static Optional<String> classify4(byte[] ip) {
        int a = ip[0] & 0xff;
        int b = ip[1] & 0xff;
        int c = ip[2] & 0xff;
        int d = ip[3] & 0xff;
        if ((a == 169 && b == 254 && c == 169 && d == 254) || (a == 168 && b == 63 && c == 129 && d == 16)
                || (a == 100 && b == 100 && c == 100 && d == 200)) {
            return Optional.of("a cloud metadata address");
        }
        if (a == 0) {
            return Optional.of("an address of this network (0.0.0.0/8)");
        }
        if (a == 127) {
            return Optional.of("a loopback address");
        }
        if (a == 10 || (a == 172 && (b & 0xf0) == 16) || (a == 192 && b == 168)) {
            return Optional.of("a private address");
        }
        if (a == 169 && b == 254) {
            return Optional.of("a link-local address");
        }
        if (a == 100 && (b & 0xc0) == 64) {
            return Optional.of("a shared (CGNAT) address");
        }
        if (a == 192 && b == 0 && c == 0) {
            return Optional.of("an IETF protocol address");
        }
        if (a == 198 && (b & 0xfe) == 18) {
            return Optional.of("a benchmarking address");
        }
        if ((a == 192 && b == 0 && c == 2) || (a == 198 && b == 51 && c == 100) || (a == 203 && b == 0 && c == 113)) {
            return Optional.of("a documentation address");
        }
        if (a >= 224) {
            return Optional.of(a < 240 ? "a multicast address" : "a reserved or broadcast address");
        }
        return Optional.empty();
    }

    private static boolean prefix(byte[] raw, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (raw[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] slice(byte[] raw, int from) {
        byte[] part = new byte[raw.length - from];
        System.arraycopy(raw, from, part, 0, part.length);
        return part;
    }

    /** A CIDR block. The JDK reads an IPv4-mapped IPv6 literal as the IPv4 address, so IPv4 blocks cover that form. */
    record Network(byte[] base, int bits) {

        static Network parse(String cidr) {
            String text = cidr.trim();
            int slash = text.indexOf('/');
            try {
                InetAddress address = InetAddress.getByName(slash < 0 ? text : text.substring(0, slash));
                int max = address instanceof Inet4Address ? 32 : 128;
                int bits = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
                if (!(address instanceof Inet4Address) && !(address instanceof Inet6Address) || bits < 0 || bits > max) {
                    throw new IllegalArgumentException("Not a network: " + cidr);
                }
                return new Network(address.getAddress(), bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("sci.webhooks.allowed-networks: not a CIDR block: " + cidr, e);
            }
        }

        boolean contains(byte[] raw) {
            if (raw.length != base.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((raw[bit / 8] & mask) != (base[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
