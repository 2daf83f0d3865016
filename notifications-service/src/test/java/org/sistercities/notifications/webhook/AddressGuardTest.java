package org.sistercities.notifications.webhook;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AddressGuardTest {

    private final AddressGuard strict = new AddressGuard(false, List.of());
    private final AddressGuard testing = new AddressGuard(true, List.of("127.0.0.1/32"));

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1|loopback", "127.255.255.254|loopback", "::1|loopback",
            "10.0.0.1|private", "172.16.0.1|private", "172.31.255.255|private", "192.168.1.1|private",
            "169.254.10.10|link-local", "fe80::1|link-local",
            "fc00::1|unique-local", "fd12:3456::1|unique-local",
            "100.64.0.1|CGNAT", "100.127.255.254|CGNAT",
            "169.254.169.254|metadata", "168.63.129.16|metadata", "100.100.100.200|metadata", "fd00:ec2::254|metadata",
            "::ffff:169.254.169.254|metadata", "::ffff:10.0.0.1|private", "::ffff:127.0.0.1|loopback",
            "64:ff9b::a9fe:a9fe|metadata", "2002:0a00:0001::1|private", "::10.1.2.3|private",
            "0.0.0.0|this network", "::|unspecified", "224.0.0.1|multicast", "ff02::1|multicast",
            "255.255.255.255|broadcast", "fec0::1|site-local"})
    void refusesEveryInternalAddressClass(String address, String kind) throws UnknownHostException {
        assertThat(strict.refusal(InetAddress.getByName(address))).hasValueSatisfying(reason -> assertThat(reason).contains(kind));
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:2800:220:1:248:1893:25c8:1946",
            "::ffff:8.8.8.8", "2002:0808:0808::1"})
    void acceptsPublicAddresses(String address) throws UnknownHostException {
        assertThat(strict.refusal(InetAddress.getByName(address))).isEmpty();
    }

    @Test
    void anAllowListedNetworkPassesAndItsNeighboursDoNot() throws UnknownHostException {
        assertThat(testing.refusal(InetAddress.getByName("127.0.0.1"))).isEmpty();
        assertThat(testing.refusal(InetAddress.getByName("::ffff:127.0.0.1"))).isEmpty();
        assertThat(testing.refusal(InetAddress.getByName("127.0.0.2"))).isPresent();
        assertThat(testing.refusal(InetAddress.getByName("::1"))).isPresent();
    }

    @Test
    void httpsIsRequiredUnlessConfigurationAllowsHttp() throws Exception {
        assertThatThrownBy(() -> strict.checkUrl("http://hooks.example.org/x")).hasMessageContaining("https");
        assertThat(testing.checkUrl("http://hooks.example.org/x")).isEqualTo(URI.create("http://hooks.example.org/x"));
        assertThat(strict.checkUrl("https://hooks.example.org/x").getHost()).isEqualTo("hooks.example.org");
        assertThatThrownBy(() -> strict.checkUrl("ftp://hooks.example.org/")).isInstanceOf(AddressGuard.Refused.class);
        assertThatThrownBy(() -> strict.checkUrl("https://user:pw@hooks.example.org/")).hasMessageContaining("credentials");
        assertThatThrownBy(() -> strict.checkUrl("https:///nohost")).hasMessageContaining("host");
        assertThatThrownBy(() -> strict.checkUrl("not a url")).isInstanceOf(AddressGuard.Refused.class);
    }

    @Test
    void aNameIsJudgedByEveryAddressItResolvesTo() {
        assertThatThrownBy(() -> strict.resolve(URI.create("https://localhost/hook")))
                .isInstanceOf(AddressGuard.Refused.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> strict.resolve(URI.create("https://[::ffff:a9fe:a9fe]/hook")))
                .hasMessageContaining("metadata");
    }
}
