package org.baclofencds.server;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * A response whose writer sends text to the client in large pieces rather than on every {@code flush()}.
 *
 * <p>Why: HAPI's JSON encoder writes each string field through Jackson's {@code ObjectMapper.writeValue}, which
 * flushes the generator after every value (Jackson's {@code FLUSH_AFTER_WRITE_VALUE}), and Jetty turns each flush
 * of the servlet writer into a network write. A 20 KB Bundle of alerts then cost hundreds of socket writes; profiling
 * the check under load showed about a fifth of the server's CPU in those writes. HAPI has no switch for it, so the
 * flushes stop here: text is buffered (up to {@link #BUFFER_CHARS}, then written through) and reaches the client
 * when HAPI closes the writer or the request ends.
 */
final class CoalescingResponse extends HttpServletResponseWrapper {
    static final int BUFFER_CHARS = 32 * 1024;

    private CoalescingWriter writer;
    private PrintWriter printWriter;

    CoalescingResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (printWriter == null) {
            writer = new CoalescingWriter(super.getWriter());
            printWriter = new PrintWriter(writer, false);
        }
        return printWriter;
    }

    @Override
    public void flushBuffer() throws IOException {
        if (writer != null) {
            writer.drain();
        }
        super.flushBuffer();
    }

    /** Sends whatever is still buffered; called once the request has been handled. */
    void finish() throws IOException {
        if (writer != null) {
            writer.drain();
        }
    }

    private static final class CoalescingWriter extends Writer {
        private final Writer out;
        private final char[] buffer = new char[BUFFER_CHARS];
        private int used;
        private boolean closed;

        CoalescingWriter(Writer out) {
            this.out = out;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            if (length >= buffer.length) {
                drainBuffer();
                out.write(chars, offset, length);
                return;
            }
            if (used + length > buffer.length) {
                drainBuffer();
            }
            System.arraycopy(chars, offset, buffer, used, length);
            used += length;
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            if (length >= buffer.length) {
                drainBuffer();
                out.write(text, offset, length);
                return;
            }
            if (used + length > buffer.length) {
                drainBuffer();
            }
            text.getChars(offset, offset + length, buffer, used);
            used += length;
        }

        /** Deliberately not passed on: see the class comment. */
        @Override
        public void flush() {}

        private void drainBuffer() throws IOException {
            if (used > 0) {
                out.write(buffer, 0, used);
                used = 0;
            }
        }

        void drain() throws IOException {
            if (!closed) {
                drainBuffer();
                out.flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                drainBuffer();
                closed = true;
                out.close();
            }
        }
    }
}
