package dev.stratum.store.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder in front of a server (PostgreSQL in the tests), whose line can be cut and restored: a test's way to
 * take the database away from one client without stopping a server that others use. While cut, every open
 * connection is closed and new ones are accepted and closed at once, as when a database restarts.
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;

    private TcpProxy(ServerSocket listener, String targetHost, int targetPort) {
        this.listener = listener;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        Thread.ofVirtual().name("tcp-proxy-accept").start(this::acceptLoop);
    }

    /** Starts forwarding from a free port on the loopback interface to {@code host:port}. */
    public static TcpProxy start(String host, int port) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new TcpProxy(listener, host, port);
    }

    /** {@code jdbcUrl} with its host and port replaced by this proxy's. */
    public String route(String jdbcUrl) {
        return jdbcUrl.replaceFirst("//[^/]+/", "//127.0.0.1:" + port() + "/");
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Closes every forwarded connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        cut = true;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    public void restore() {
        cut = false;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException closed) {
                return;
            }
            if (cut) {
                closeQuietly(client);
                continue;
            }
            Thread.ofVirtual().name("tcp-proxy-connect").start(() -> forward(client));
        }
    }

    private void forward(Socket client) {
        Socket server;
        try {
            server = new Socket(targetHost, targetPort);
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        open.add(client);
        open.add(server);
        if (cut) { // cut while connecting
            closeQuietly(client);
            closeQuietly(server);
            return;
        }
        Thread.ofVirtual().name("tcp-proxy-up").start(() -> pump(client, server));
        Thread.ofVirtual().name("tcp-proxy-down").start(() -> pump(server, client));
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // One side went away (or the line was cut): end both.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a socket whose peer is gone may fail; it is closed either way.
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cut();
    }
}
