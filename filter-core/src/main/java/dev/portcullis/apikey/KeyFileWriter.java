package dev.portcullis.apikey;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Changes a text file safely: under a lock (a lock on {@code <file>.lock} across processes, and a
 * lock per path within this JVM, where file locks do not exclude each other), by writing a
 * temporary file in the same directory, forcing it to disk and renaming it over the file. A reader
 * sees the old file or the new one, never half of one; two writers never lose each other's change.
 */
final class KeyFileWriter {
  /** One edit of the lines of a file. */
  @FunctionalInterface
  interface Edit<T> {
    /** Changes {@code lines} in place and returns a result; unchanged lines write nothing. */
    T apply(List<String> lines) throws IOException;
  }

  private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private final Path path;
  private final Path lockFile;
  private final ReentrantLock lock;

  KeyFileWriter(Path path) {
    this.path = path.toAbsolutePath().normalize();
    this.lockFile = this.path.resolveSibling(this.path.getFileName() + ".lock");
    this.lock = LOCKS.computeIfAbsent(this.path, p -> new ReentrantLock());
  }

  /**
   * Reads the file (missing: no lines), applies the edit and writes the result when the lines
   * changed, all under the lock.
   */
  <T> T edit(Edit<T> edit) throws IOException {
    lock.lock();
    try (FileChannel channel =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock fileLock = channel.lock();
      try {
        return editLocked(edit);
      } finally {
        fileLock.release();
      }
    } finally {
      lock.unlock();
    }
  }

  private <T> T editLocked(Edit<T> edit) throws IOException {
    List<String> before =
        Files.exists(path) ? Files.readAllLines(path, StandardCharsets.UTF_8) : List.of();
    List<String> lines = new ArrayList<>(before);
    T result = edit.apply(lines);
    if (!lines.equals(before)) {
      replace(lines);
    }
    return result;
  }

  private void replace(List<String> lines) throws IOException {
    Path temp = Files.createTempFile(path.getParent(), path.getFileName() + ".", ".tmp");
    try {
      copyPermissions(temp);
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        out.write(StandardCharsets.UTF_8.encode(String.join("\n", lines) + "\n"));
        out.force(true);
      }
      try {
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot rename atomically in " + path.getParent(), e);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Keeps the permissions of the file (a key file is often readable by its owner only). */
  private void copyPermissions(Path temp) throws IOException {
    PosixFileAttributeView from = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    if (from != null && Files.exists(path)) {
      Files.getFileAttributeView(temp, PosixFileAttributeView.class)
          .setPermissions(from.readAttributes().permissions());
    }
  }
}
