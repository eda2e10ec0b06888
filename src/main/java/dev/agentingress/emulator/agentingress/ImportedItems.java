package dev.agentingress.emulator.agentingress;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.AbstractCollection;
import java.util.Iterator;
import java.util.NoSuchElementException;

import org.jspecify.annotations.Nullable;

/**
 * The items of an import, as Jackson reads them from the body, kept outside the heap: an import must store them
 * oldest first (the list is newest first, and IDs to be made grow from the oldest on), so it reads them back from the
 * end, which a stream parser cannot do. Each item goes, as it is read, into a compact binary record (the fields an
 * import uses, exactly: strings as UTF-16, times as seconds and nanoseconds); the records stay in a buffer up to
 * {@link #IN_MEMORY_BYTES} and then go to a temporary file, deleted as soon as it is open (its space is given back
 * when it is closed, or collected if a failed parse drops it). Jackson fills it as any collection ({@link #add}), so
 * the body's errors, their paths and their order are those of a list.
 */
final class ImportedItems extends AbstractCollection<AgentIngressImport.Item> implements AutoCloseable {

    /** What an import keeps in the heap before it spools to a file: a small import (a test's seed) makes none. */
    static final int IN_MEMORY_BYTES = 1024 * 1024;

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private @Nullable RandomAccessFile file;
    private long fileBytes;
    private int size;

    /** Jackson's way in: an empty collection it adds to. */
    ImportedItems() {
    }

    static ImportedItems of(Iterable<AgentIngressImport.Item> items) {
        ImportedItems spooled = new ImportedItems();
        items.forEach(spooled::add);
        return spooled;
    }

    @Override
    public boolean add(AgentIngressImport.@Nullable Item item) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            encode(new DataOutputStream(bytes), item);
            DataOutputStream out = new DataOutputStream(pending);
            // the length on both sides: records are read from either end
            out.writeInt(bytes.size());
            bytes.writeTo(out);
            out.writeInt(bytes.size());
            if (pending.size() >= IN_MEMORY_BYTES) {
                spill();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("spooling an imported item to a temporary file", e);
        }
        size++;
        return true;
    }

    @Override
    public int size() {
        return size;
    }

    /** In the order of the body: newest first, for a list. */
    @Override
    public Iterator<AgentIngressImport.@Nullable Item> iterator() {
        return new Reader(false);
    }

    /** From the body's last item to its first: oldest first, for a list. */
    Iterator<AgentIngressImport.@Nullable Item> lastToFirst() {
        return new Reader(true);
    }

    @Override
    public void close() {
        RandomAccessFile open = file;
        file = null;
        pending.reset();
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                // nothing is written any more; the descriptor is gone either way
            }
        }
    }

    private void spill() throws IOException {
        RandomAccessFile target = file;
        if (target == null) {
            Path path = Files.createTempFile("agent-ingress-import-", ".bin");
            target = new RandomAccessFile(path.toFile(), "rw");
            file = target;
            // unlinked while open, so nothing is left behind whatever becomes of this import; where a file cannot be
            // deleted while open, the deletion is left to the JVM's exit
            try {
                Files.delete(path);
            } catch (IOException e) {
                path.toFile().deleteOnExit();
            }
        }
        target.seek(fileBytes);
        target.write(pending.toByteArray());
        fileBytes += pending.size();
        pending.reset();
    }

    /** Reads records from either end: those in the file, then those still in the buffer after them. */
    private final class Reader implements Iterator<AgentIngressImport.@Nullable Item> {

        private final boolean backwards;
        private final byte[] buffered = pending.toByteArray();
        private final long end = fileBytes + buffered.length;
        private long position;
        private int left = size;

        Reader(boolean backwards) {
            this.backwards = backwards;
            this.position = backwards ? end : 0;
        }

        @Override
        public boolean hasNext() {
            return left > 0;
        }

        @Override
        public AgentIngressImport.@Nullable Item next() {
            if (left == 0) {
                throw new NoSuchElementException();
            }
            try {
                int length = backwards ? readInt(position - Integer.BYTES) : readInt(position);
                long start = backwards ? position - Integer.BYTES - length : position + Integer.BYTES;
                byte[] bytes = read(start, length);
                position = backwards ? start - Integer.BYTES : start + length + Integer.BYTES;
                left--;
                return decode(new DataInputStream(new ByteArrayInputStream(bytes)));
            } catch (IOException e) {
                throw new UncheckedIOException("reading an imported item back from its temporary file", e);
            }
        }

        private int readInt(long at) throws IOException {
            return ByteBuffer.wrap(read(at, Integer.BYTES)).getInt();
        }

        /** A record, or its length, never spans the file and the buffer: the buffer goes to the file whole. */
        private byte[] read(long at, int length) throws IOException {
            byte[] bytes = new byte[length];
            if (at >= fileBytes) {
                System.arraycopy(buffered, (int) (at - fileBytes), bytes, 0, length);
                return bytes;
            }
            RandomAccessFile source = file;
            if (source == null) {
                throw new IOException("the import's items were closed");
            }
            source.seek(at);
            source.readFully(bytes);
            return bytes;
        }
    }

    private static void encode(DataOutputStream out, AgentIngressImport.@Nullable Item item) throws IOException {
        out.writeBoolean(item != null);
        if (item == null) {
            return;
        }
        // URIs, NS targets and region domains are derived, so an import ignores them and they are not kept
        writeString(out, item.id());
        writeString(out, item.description());
        writeString(out, item.metadata());
        writeString(out, item.domain());
        writeInstant(out, item.createdAt());
        AgentIngressCertPolicy policy = item.certificateManagementPolicy();
        out.writeBoolean(policy != null);
        if (policy != null) {
            writeString(out, policy.authority());
            writeString(out, policy.privateKeyType());
        }
        AgentIngressResponse.CertStatus status = item.certificateManagementStatus();
        out.writeBoolean(status != null);
        if (status != null) {
            writeInstant(out, status.renewsAt());
            AgentIngressResponse.CertJob job = status.provisioningJob();
            out.writeBoolean(job != null);
            if (job != null) {
                writeString(out, job.errorCode());
                writeString(out, job.msg());
                writeInstant(out, job.startedAt());
                writeInstant(out, job.retriesAt());
            }
        }
    }

    /**
     * The item {@link #encode} wrote. A job's message and start are required by its type but may be missing from a
     * body, as Jackson leaves them: the importer refuses such a job, so they come back as they went, null.
     */
    @SuppressWarnings("NullAway")
    private static AgentIngressImport.@Nullable Item decode(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        String id = readString(in);
        String description = readString(in);
        String metadata = readString(in);
        String domain = readString(in);
        Instant createdAt = readInstant(in);
        AgentIngressCertPolicy policy = in.readBoolean() ? new AgentIngressCertPolicy(readString(in), readString(in))
                : null;
        AgentIngressResponse.CertStatus status = null;
        if (in.readBoolean()) {
            Instant renewsAt = readInstant(in);
            AgentIngressResponse.CertJob job = in.readBoolean() ? new AgentIngressResponse.CertJob(readString(in),
                    readString(in), readInstant(in), readInstant(in)) : null;
            status = new AgentIngressResponse.CertStatus(renewsAt, job);
        }
        return new AgentIngressImport.Item(id, null, description, metadata, domain, null, null, createdAt, policy,
                status);
    }

    /** As UTF-16 units, so that any string Jackson reads (a lone surrogate too) comes back exactly. */
    private static void writeString(DataOutputStream out, @Nullable String value) throws IOException {
        out.writeInt(value == null ? -1 : value.length());
        if (value != null) {
            out.writeChars(value);
        }
    }

    private static @Nullable String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = in.readChar();
        }
        return new String(chars);
    }

    private static void writeInstant(DataOutputStream out, @Nullable Instant value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value.getEpochSecond());
            out.writeInt(value.getNano());
        }
    }

    private static @Nullable Instant readInstant(DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }
}
