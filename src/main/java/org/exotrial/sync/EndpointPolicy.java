package org.exotrial.sync;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a subscription may send notifications. The server connects to whatever endpoint a client names, from inside
 * the hospital's network: an endpoint on the server itself or on a private network would let a registry probe and
 * reach machines it could not reach otherwise (server-side request forgery), and a plain-http one would send patient
 * data unencrypted. So an endpoint must be an absolute https URL without user-info whose host is public, as a literal
 * and after DNS resolution, unless the operator lists its host ({@code exotrial.subscriptions.allowed-hosts}).
 *
 * <p>Checked when a subscription is written and again by delivery when it connects ({@link #check(URI)}, and
 * {@link #checkAddresses} from a DNS resolver), since a name may resolve elsewhere later (DNS rebinding).
 */
final class EndpointPolicy implements EndpointCheck {

    static final String PROPERTY = "exotrial.subscriptions.allowed-hosts";

    /** Resolves a host name to its addresses; a seam for tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Set<String> allowedHosts;
    private final Resolver resolver;

    EndpointPolicy(Collection<String> allowedHosts, Resolver resolver) {
        Set<String> hosts = new TreeSet<>();
        allowedHosts.stream()
                .map(String::trim)
                .filter(h -> !h.isEmpty())
                .map(EndpointPolicy::normalized)
                .forEach(hosts::add);
        this.allowedHosts = Set.copyOf(hosts);
        this.resolver = resolver;
    }

    EndpointPolicy(Collection<String> allowedHosts) {
        this(allowedHosts, InetAddress::getAllByName);
    }

    /** Why an endpoint is refused: the rule it breaks and what the operator could set. */
    static final class EndpointRefused extends RuntimeException {
        EndpointRefused(String message) {
            super(message);
        }
    }

    /**
     * Refuses an endpoint that breaks the policy. A host name that does not resolve now passes: it cannot be reached
     * either, and delivery checks the addresses it actually connects to.
     *
     * @throws EndpointRefused naming the rule and the property that would allow the host
     */
    @Override
    public String refusal(URI endpoint) {
        try {
            check(endpoint);
            return null;
        } catch (EndpointRefused refused) {
            return refused.getMessage();
        }
    }

    /**
     * As {@link #refusal}, throwing.
     *
     * @throws EndpointRefused naming the rule and the property that would allow the host
     */
    void check(URI endpoint) {
        if (!endpoint.isAbsolute() || endpoint.isOpaque() || endpoint.getHost() == null) {
            throw new EndpointRefused("The endpoint '" + endpoint + "' is not an absolute URL with a host.");
        }
        if (endpoint.getRawUserInfo() != null) {
            // Credentials in the URL would be stored, logged and shown; the channel's headers are meant for them.
            throw new EndpointRefused("The endpoint may not carry user information (user:password@): send credentials"
                    + " in channel.header (e.g. 'Authorization: Bearer ...') instead.");
        }
        String host = normalized(endpoint.getHost());
        if (allowedHosts.contains(host)) {
            return;
        }
        if (!"https".equalsIgnoreCase(endpoint.getScheme())) {
            throw new EndpointRefused("The endpoint must be an https URL: notifications carry patient data. A host on"
                    + " the server's own network may use http only if the operator lists it in " + PROPERTY + ".");
        }
        InetAddress[] addresses;
        try {
            addresses = isLiteral(host) ? new InetAddress[] {InetAddress.getByName(host)} : resolver.resolve(host);
        } catch (UnknownHostException e) {
            if (isLiteral(host)) {
                throw new EndpointRefused("The endpoint's host " + host + " is not a valid IP address.");
            }
            return;
        }
        checkAddresses(host, addresses);
    }

    /**
     * An IP address written as the host (IPv6 always has a colon; IPv4 only digits and dots, short forms included):
     * parsed, never looked up, whatever the resolver.
     */
    private static boolean isLiteral(String host) {
        return host.contains(":") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    /**
     * Refuses a host's addresses if one of them is not public, unless the host is listed; for delivery's DNS resolver,
     * so that the address connected to is the one checked.
     *
     * @throws EndpointRefused naming the address, its kind and the property that would allow the host
     */
    void checkAddresses(String host, InetAddress... addresses) {
        if (allowedHosts.contains(normalized(host))) {
            return;
        }
        for (InetAddress address : addresses) {
            String kind = nonPublicKind(address);
            if (kind != null) {
                throw new EndpointRefused("The endpoint's host " + host + " is " + kind + " ("
                        + address.getHostAddress() + "): the server does not send notifications to its own or private"
                        + " networks unless the operator lists the host in " + PROPERTY + ".");
            }
        }
    }

    /** The kind of a non-public address (loopback, private, ...), or {@code null} for a public one. */
    static String nonPublicKind(InetAddress address) {
        byte[] b = address.getAddress();
        if (address.isAnyLocalAddress() || (address instanceof Inet4Address && b[0] == 0)) {
            return "an unspecified address";
        }
        if (address.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local address";
        }
        if (address.isMulticastAddress()) {
            return "a multicast address";
        }
        if (address.isSiteLocalAddress()) {
            return "a private address";
        }
        if (address instanceof Inet4Address && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) {
            return "a carrier-grade NAT address (100.64.0.0/10)";
        }
        if (address instanceof Inet4Address && (b[0] & 0xff) >= 240) {
            return "a reserved or broadcast address (240.0.0.0/4)";
        }
        if (address instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) {
            return "a unique-local address (fc00::/7)";
        }
        return null;
    }

    /** Lower case, IPv6 literals without brackets: as a host is compared with the list. */
    private static String normalized(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
