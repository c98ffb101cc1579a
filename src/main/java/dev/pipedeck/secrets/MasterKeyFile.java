package dev.pipedeck.secrets;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** A keyset file: read it, or write it owner-only ({@code rw-------}) and atomically (temp file, then move). */
final class MasterKeyFile {

    /** The name of the keyset file generated in the data dir. */
    static final String GENERATED_NAME = "master-key.json";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path path;

    MasterKeyFile(Path path) {
        this.path = path.toAbsolutePath().normalize();
    }

    Path path() {
        return path;
    }

    boolean exists() {
        return Files.exists(path);
    }

    /** The file's text; an unreadable file is a {@link MasterKeyException} naming {@code source}. */
    String read(MasterKeySource source) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new MasterKeyException("Cannot read the master key from " + source.description() + " ("
                    + e.getClass().getSimpleName() + ").",
                    "Check that the file exists and that the user running Pipedeck can read it.");
        }
    }

    /**
     * Writes {@code json} to a new owner-only temp file beside the target, flushes it to disk and moves it over the
     * target, so readers see the old file or the new one, never a part.
     */
    void write(String json) throws IOException {
        Path directory = path.getParent();
        Files.createDirectories(directory);
        Path temp = createOwnerOnlyTempFile(directory);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(StandardCharsets.UTF_8.encode(json));
                channel.force(true);
            }
            try {
                Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** False when a POSIX file system shows the file readable or writable by group or others. */
    boolean isOwnerOnly() throws IOException {
        if (!supportsPosix(path.getParent())) {
            return true;
        }
        return OWNER_ONLY.containsAll(Files.getPosixFilePermissions(path));
    }

    private static Path createOwnerOnlyTempFile(Path directory) throws IOException {
        if (supportsPosix(directory)) {
            return Files.createTempFile(directory, "." + GENERATED_NAME, ".tmp",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        // Not POSIX (e.g. Windows): best effort; the data dir's own access rules apply.
        Path temp = Files.createTempFile(directory, "." + GENERATED_NAME, ".tmp");
        File file = temp.toFile();
        file.setReadable(false, false);
        file.setReadable(true, true);
        file.setWritable(false, false);
        file.setWritable(true, true);
        return temp;
    }

    private static boolean supportsPosix(Path directory) {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
