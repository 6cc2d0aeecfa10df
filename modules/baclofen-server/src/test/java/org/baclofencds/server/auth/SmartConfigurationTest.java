package org.baclofencds.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.NettyWrapper;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.junit.jupiter.api.Test;

/** An authorization server that cannot be reached gives no endpoints (the servlet's 503), and no page waits on it. */
class SmartConfigurationTest {

    @Test
    void anUnreachableIssuerGivesNoEndpointsAndIsNotAskedAgainAtOnce() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        SmartConfiguration config = new SmartConfiguration("http://127.0.0.1:" + port + "/ehr", "chart");
        assertThat(config.json()).isEmpty();
        assertThat(config.tokenEndpointOrigin()).isEmpty();
        // Now the authorization server is up there, but the failed read is remembered for a while.
        MockOAuth2Server server = new MockOAuth2Server(
                new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(), Set.of(), new NettyWrapper()));
        server.start(InetAddress.getLoopbackAddress(), port);
        try {
            assertThat(config.endpoints()).isEmpty();
            // A fresh configuration reads it: the first answer was not the server's fault.
            assertThat(new SmartConfiguration("http://127.0.0.1:" + port + "/ehr", "chart").endpoints())
                    .hasValueSatisfying(e -> assertThat(e.token()).endsWith("/ehr/token"));
        } finally {
            server.shutdown();
        }
        assertThat(config.chartClientId()).isEqualTo("chart");
    }
}
