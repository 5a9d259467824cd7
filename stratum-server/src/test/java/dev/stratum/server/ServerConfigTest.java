package dev.stratum.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.InvalidRequestException;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
    @Test
    void defaults_listenLocallyWithTenMebibyteBodiesAndLargerImports() {
        ServerConfig config = ServerConfig.defaults();

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.maxBodyBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(config.maxImportBytes()).isGreaterThan(config.maxBodyBytes());
    }

    @Test
    void portOutOfRange_isRefusedWithTheRange() {
        assertThatThrownBy(() -> ServerConfig.defaults().withPort(70_000))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("70000")
                .hasMessageContaining("1 to 65535");
    }

    @Test
    void blankHost_isRefused() {
        assertThatThrownBy(() -> ServerConfig.defaults().withHost(" ")).hasMessageContaining("0.0.0.0");
    }

    @Test
    void importLimitBelowBodyLimit_isRefused() {
        assertThatThrownBy(() -> ServerConfig.defaults().withMaxImportBytes(2048))
                .hasMessageContaining("max import size 2048");
    }

    @Test
    void batchLimitOfZero_isRefused() {
        assertThatThrownBy(() -> ServerConfig.defaults().withMaxBatchTexts(0)).hasMessageContaining("max batch size 0");
    }

    @Test
    void startOnATakenPort_failsWithAMessageNamingThePort() {
        TestServer t = TestServer.shared();
        int taken = t.server.port();

        assertThatThrownBy(() -> StratumServer.start(ServerConfig.defaults().withPort(taken), t.service,
                t.engine.store().apiKeys()))
                .hasMessageContaining(String.valueOf(taken))
                .hasMessageContaining("another port");
    }
}
