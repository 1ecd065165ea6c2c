package io.evalstream.stack;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** What the deploy tests read in a NetworkPolicy: whom it selects, and which of its egress rules are too open. */
final class NetworkPolicies {

    /** The port a model endpoint is called on, the only one an ipBlock peer may open. */
    static final int HTTPS = 443;
    /**
     * Ranges an ipBlock to "outside the cluster" must leave out: the private and shared ranges pods, Services and
     * nodes live in, and link-local (the cloud metadata endpoint).
     */
    static final Set<String> INSIDE_V4 =
            Set.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16");
    static final Set<String> INSIDE_V6 = Set.of("fc00::/7", "fe80::/10");

    private NetworkPolicies() {
    }

    /** Whether {@code selector} selects a pod with {@code labels}; an empty selector selects every pod. */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            throw new AssertionError("matchExpressions in a NetworkPolicy selector are not checked here: " + selector);
        }
        Map<String, String> wanted = Objects.requireNonNullElse(selector.getMatchLabels(), Map.of());
        return labels.entrySet().containsAll(wanted.entrySet());
    }

    /**
     * The egress rules of {@code policy} that let a pod reach more than named peers, each described: a rule without
     * {@code to:} (any address), or with an ipBlock peer unless it is a model-endpoint rule (only ipBlocks, only TCP
     * {@value #HTTPS}, none reaching into the cluster's ranges).
     */
    static List<String> openEgress(NetworkPolicy policy) {
        List<String> open = new ArrayList<>();
        for (NetworkPolicyEgressRule rule : Objects.requireNonNullElse(policy.getSpec().getEgress(),
                List.<NetworkPolicyEgressRule>of())) {
            String name = policy.getMetadata().getName() + " egress to ports " + ports(rule);
            if (rule.getTo() == null || rule.getTo().isEmpty()) {
                open.add(name + ": no `to:`, so any address");
            } else if (rule.getTo().stream().anyMatch(p -> p.getIpBlock() != null) && !isModelEndpointRule(rule)) {
                open.add(name + ": an ipBlock, allowed only for HTTPS to addresses outside the cluster");
            }
        }
        return open;
    }

    /** Only ipBlock peers, each outside the cluster's ranges of its family, on TCP {@value #HTTPS} only. */
    static boolean isModelEndpointRule(NetworkPolicyEgressRule rule) {
        return !rule.getTo().isEmpty() && rule.getTo().stream().allMatch(NetworkPolicies::outsideTheCluster)
                && ports(rule).equals(List.of("TCP/" + HTTPS));
    }

    /** An ipBlock alone, which overlaps none of the cluster's ranges but through an {@code except} covering it. */
    private static boolean outsideTheCluster(NetworkPolicyPeer peer) {
        IPBlock block = peer.getIpBlock();
        if (block == null || peer.getPodSelector() != null || peer.getNamespaceSelector() != null) {
            return false;
        }
        Cidr cidr = Cidr.parse(block.getCidr());
        List<Cidr> except = Objects.requireNonNullElse(block.getExcept(), List.<String>of()).stream()
                .map(Cidr::parse).toList();
        return (block.getCidr().contains(":") ? INSIDE_V6 : INSIDE_V4).stream().map(Cidr::parse)
                .allMatch(inside -> !cidr.overlaps(inside) || except.stream().anyMatch(e -> e.contains(inside)));
    }

    /** An address range: its first address as an unsigned number, and the prefix length. */
    record Cidr(BigInteger base, int prefix, int bits) {

        static Cidr parse(String text) {
            String[] parts = text.split("/", 2);
            if (parts.length != 2 || !parts[0].matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException("not a CIDR range: " + text);
            }
            try {
                byte[] address = InetAddress.getByName(parts[0]).getAddress();
                return new Cidr(new BigInteger(1, address), Integer.parseInt(parts[1]), address.length * 8);
            } catch (UnknownHostException | RuntimeException e) {
                throw new IllegalArgumentException("not a CIDR range: " + text, e);
            }
        }

        boolean contains(Cidr other) {
            return bits == other.bits && prefix <= other.prefix
                    && other.base.shiftRight(bits - prefix).equals(base.shiftRight(bits - prefix));
        }

        boolean overlaps(Cidr other) {
            return contains(other) || other.contains(this);
        }
    }

    /** Each port as {@code PROTOCOL/port} (TCP when unset, as Kubernetes defaults it); empty means all ports. */
    static List<String> ports(NetworkPolicyEgressRule rule) {
        return Objects.requireNonNullElse(rule.getPorts(), List.<NetworkPolicyPort>of()).stream()
                .map(p -> Objects.requireNonNullElse(p.getProtocol(), "TCP") + "/" + p.getPort().getIntVal())
                .toList();
    }
}
