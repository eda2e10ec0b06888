package dev.agentingress.emulator.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 as bytes on a socket, for requests that no client library will send as they are: broken escapes in the
 * query, raw bytes in the path, thousands of parameters. One request per connection ({@code Connection: close}), so
 * the answer is everything up to the end of the stream.
 */
public final class RawHttp {

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    /** The response as received; {@code target} and the header lines go out as ISO-8859-1, i.e. byte for byte. */
    public Reply send(String method, String target, byte[] body, String... headerLines) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Connection: close\r\n");
        for (String line : headerLines) {
            head.append(line).append("\r\n");
        }
        if (body.length > 0) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        request.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        request.write(body);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.toByteArray());
            socket.getOutputStream().flush();
            return Reply.parse(readAll(socket.getInputStream()));
        }
    }

    /** Reads to the end, tolerating a reset after the answer (Tomcat may close before reading an unread body). */
    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                answer.write(buffer, 0, read);
            }
        } catch (IOException e) {
            if (answer.size() == 0) {
                throw e;
            }
        }
        return answer.toByteArray();
    }

    /** A status, case-insensitive headers and the body (de-chunked), as text. */
    public record Reply(int status, Map<String, String> headers, String body) {

        static Reply parse(byte[] bytes) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int headEnd = text.indexOf("\r\n\r\n");
            if (headEnd < 0) {
                throw new IllegalStateException("not a complete HTTP response: " + text);
            }
            String[] head = text.substring(0, headEnd).split("\r\n");
            int status = Integer.parseInt(head[0].split(" ")[1]);
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).trim(), head[i].substring(colon + 1).trim());
            }
            String body = text.substring(headEnd + 4);
            if ("chunked".equalsIgnoreCase(headers.get("Transfer-Encoding"))) {
                body = dechunk(body);
            }
            return new Reply(status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1),
                    StandardCharsets.UTF_8));
        }

        private static String dechunk(String chunked) {
            StringBuilder body = new StringBuilder();
            int position = 0;
            while (true) {
                int lineEnd = chunked.indexOf("\r\n", position);
                int size = Integer.parseInt(chunked.substring(position, lineEnd).split(";")[0].trim(), 16);
                if (size == 0) {
                    return body.toString();
                }
                body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
                position = lineEnd + 2 + size + 2;
            }
        }
    }
}
