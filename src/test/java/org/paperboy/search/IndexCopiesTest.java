package org.paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stream a node sends its index in, as a new node receives it: a whole copy opens with the
 * sender's commit; a copy cut short, with a flipped byte, or of another model is refused and leaves
 * the directory as it was.
 */
class IndexCopiesTest {

  private static final String MODEL = "test-model";

  @TempDir Path dir;
  private byte[] sent;

  @BeforeEach
  void send() throws IOException {
    try (PaperIndex index = PaperIndex.open(dir.resolve("peer"), MODEL)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      index.sendLastCommit(out);
      sent = out.toByteArray();
    }
  }

  @Test
  void a_whole_copy_holds_the_senders_commit() throws IOException {
    Path target = dir.resolve("index");
    assertThat(IndexCopies.wanted(target, MODEL)).isTrue();
    long bytes = IndexCopies.receive(new ByteArrayInputStream(sent), target, MODEL);
    assertThat(bytes).isPositive().isLessThan(sent.length);
    assertThat(IndexCopies.wanted(target, MODEL)).isFalse();
    assertThat(IndexCopies.wanted(target, "another-model")).isTrue();
    assertThat(PaperIndex.committedData(target))
        .isEqualTo(PaperIndex.committedData(dir.resolve("peer")));
    assertThat(Files.exists(dir.resolve("index.incoming"))).isFalse();
  }

  @Test
  void a_broken_copy_is_refused_and_the_directory_left_as_it_was() throws IOException {
    Path target = dir.resolve("index");
    Files.createDirectories(target);
    Files.writeString(target.resolve("keep.txt"), "what was there");

    byte[] cut = Arrays.copyOf(sent, sent.length - 40);
    assertThatThrownBy(() -> IndexCopies.receive(new ByteArrayInputStream(cut), target, MODEL))
        .isInstanceOf(IOException.class);

    byte[] flipped = sent.clone();
    // Inside the commit point (the last file), before its checksum footer.
    flipped[flipped.length - 30] ^= 0x5a;
    assertThatThrownBy(() -> IndexCopies.receive(new ByteArrayInputStream(flipped), target, MODEL))
        .isInstanceOf(IOException.class);

    assertThatThrownBy(
            () -> IndexCopies.receive(new ByteArrayInputStream(sent), target, "another-model"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("another schema version or model");

    assertThat(Files.readString(target.resolve("keep.txt"))).isEqualTo("what was there");
    assertThat(Files.exists(dir.resolve("index.incoming"))).isFalse();
  }
}
