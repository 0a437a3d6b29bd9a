package dev.portcullis.mtls;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The Microsoft user principal name of an {@code otherName} subject alternative name: type-id
 * 1.3.6.1.4.1.311.20.2.3, value a UTF8String. Strict DER reading; anything else is no UPN.
 */
final class Upn {
  /** The content octets of OID 1.3.6.1.4.1.311.20.2.3. */
  private static final byte[] OID = {
    0x2B, 0x06, 0x01, 0x04, 0x01, (byte) 0x82, 0x37, 0x14, 0x02, 0x03
  };

  private static final int SEQUENCE = 0x30;
  private static final int CONTEXT_0 = 0xA0;
  private static final int OBJECT_IDENTIFIER = 0x06;
  private static final int UTF8_STRING = 0x0C;
  private static final int MAX_LENGTH = 1024;

  private final byte[] der;
  private int pos;
  private final int end;

  private Upn(byte[] der, int pos, int end) {
    this.der = der;
    this.pos = pos;
    this.end = end;
  }

  /**
   * The UPN in an {@code otherName} as the JDK returns it from {@code getSubjectAlternativeNames}:
   * {@code SEQUENCE { type-id OID, [0] EXPLICIT value }}, tolerating the sequence tagged {@code
   * [0]} and the value wrapped in a second {@code [0]} (as JDK 17 returns it).
   *
   * @param der the DER encoding
   * @return the UPN, empty when this otherName is of another type, malformed or empty
   */
  static Optional<String> of(byte[] der) {
    try {
      Upn outer = new Upn(der, 0, der.length);
      int tag = outer.tag();
      if (tag != SEQUENCE && tag != CONTEXT_0) {
        return Optional.empty();
      }
      Upn name = outer.content(tag);
      outer.done();
      if (!Arrays.equals(name.content(OBJECT_IDENTIFIER).rest(), OID)) {
        return Optional.empty();
      }
      Upn value = name.content(CONTEXT_0);
      name.done();
      if (value.tag() == CONTEXT_0) {
        // JDK 17 wraps the explicit [0] once more when it re-encodes an unknown otherName.
        Upn inner = value.content(CONTEXT_0);
        value.done();
        value = inner;
      }
      byte[] utf8 = value.content(UTF8_STRING).rest();
      value.done();
      String upn =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(utf8))
              .toString();
      return upn.isEmpty() || upn.length() > MAX_LENGTH ? Optional.empty() : Optional.of(upn);
    } catch (IllegalArgumentException | CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private int tag() {
    if (pos >= end) {
      throw new IllegalArgumentException();
    }
    return der[pos] & 0xFF;
  }

  /** Reads one element of the expected tag; returns a reader over its contents. */
  private Upn content(int expectedTag) {
    if (tag() != expectedTag || pos + 1 >= end) {
      throw new IllegalArgumentException();
    }
    pos++;
    int first = der[pos++] & 0xFF;
    int length = first;
    if (first > 0x80 && first <= 0x82) {
      length = 0;
      for (int k = 0; k < first - 0x80; k++) {
        if (pos >= end) {
          throw new IllegalArgumentException();
        }
        length = length * 256 + (der[pos++] & 0xFF);
      }
    } else if (first >= 0x80) {
      throw new IllegalArgumentException();
    }
    if (length > end - pos) {
      throw new IllegalArgumentException();
    }
    Upn inner = new Upn(der, pos, pos + length);
    pos += length;
    return inner;
  }

  /** Refuses anything after the elements read. */
  private void done() {
    if (pos != end) {
      throw new IllegalArgumentException();
    }
  }

  private byte[] rest() {
    return Arrays.copyOfRange(der, pos, end);
  }
}
