package io.racetracker.cli.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a file line by line as it grows, as {@code tail -F} does: complete lines only (a last line without its
 * newline waits until the writer ends it), and a rotation (the path now names another file, or the file shrank) is
 * noticed so that the new file can be read from its start. Lines are counted from 1 and their byte offsets kept.
 * Not thread-safe.
 */
public final class LineFollower implements AutoCloseable {
    private static final int CHUNK = 64 * 1024;
    private static final int MAX_LINES_PER_POLL = 10_000;

    /**
     * One line of the file.
     *
     * @param number    1-based line number
     * @param text      the line as UTF-8 text, without its line ending
     * @param bytes     the line's bytes, without its line ending
     * @param endOffset byte offset just after the line (and its newline)
     */
    public record Line(long number, String text, byte[] bytes, long endOffset) {
    }

    private final Path path;
    private FileChannel channel;
    private String fileKey;
    private long lines;
    private long offset;
    private long readPosition;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK);

    private LineFollower(final Path path) throws IOException {
        this.path = path;
        open();
    }

    /** @throws NoSuchFileException when there is no file at the path */
    public static LineFollower open(final Path path) throws IOException {
        return new LineFollower(path);
    }

    private void open() throws IOException {
        channel = FileChannel.open(path, StandardOpenOption.READ);
        fileKey = keyOf(Files.readAttributes(path, BasicFileAttributes.class));
        lines = 0;
        offset = 0;
        readPosition = 0;
        pending.reset();
    }

    private static String keyOf(final BasicFileAttributes attributes) {
        final Object key = attributes.fileKey();
        if (key == null) {
            return null;
        }
        final String text = key.toString();
        return text.startsWith("(") && text.endsWith(")") ? text.substring(1, text.length() - 1) : text;
    }

    /** The file's name. */
    public String fileName() {
        return path.getFileName().toString();
    }

    /** The filesystem's identity of the file being read (device and inode on Linux), null where there is none. */
    public String fileKey() {
        return fileKey;
    }

    /** Lines handed out so far. */
    public long lines() {
        return lines;
    }

    /** Bytes through the last line handed out. */
    public long offset() {
        return offset;
    }

    /** Whether a started line waits for its newline. */
    public boolean partialLine() {
        return pending.size() > 0;
    }

    /**
     * The complete lines appended since the last call (at most some thousands a call; call again until empty).
     *
     * @param endOfFile true when the file is complete (not followed): a last line without a newline counts too
     */
    public List<Line> poll(final boolean endOfFile) throws IOException {
        final List<Line> out = new ArrayList<>();
        while (out.size() < MAX_LINES_PER_POLL) {
            buffer.clear();
            final int read = channel.read(buffer, readPosition);
            if (read <= 0) {
                break;
            }
            readPosition += read;
            final byte[] bytes = buffer.array();
            int start = 0;
            for (int i = 0; i < read; i++) {
                if (bytes[i] == '\n') {
                    pending.write(bytes, start, i - start);
                    out.add(take(1));
                    start = i + 1;
                }
            }
            pending.write(bytes, start, read - start);
        }
        if (endOfFile && out.size() < MAX_LINES_PER_POLL && pending.size() > 0) {
            out.add(take(0));
        }
        return out;
    }

    private Line take(final int newline) {
        byte[] bytes = pending.toByteArray();
        pending.reset();
        offset += bytes.length + newline;
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            bytes = Arrays.copyOf(bytes, bytes.length - 1);
        }
        lines++;
        return new Line(lines, new String(bytes, StandardCharsets.UTF_8), bytes, offset);
    }

    /**
     * Whether the path now names another file than the one being read, or the file shrank below what was read
     * (truncated and written anew). While the path names no file (moved away, not yet created again) it is not.
     */
    public boolean rotated() throws IOException {
        final BasicFileAttributes now;
        try {
            now = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (final NoSuchFileException e) {
            return false;
        }
        final String key = keyOf(now);
        return key != null && !key.equals(fileKey) || now.size() < readPosition;
    }

    /** Goes on with the file the path names now, from its start. */
    public void reopen() throws IOException {
        channel.close();
        open();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
