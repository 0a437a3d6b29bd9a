package dev.portcullis.config;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The trusted-proxy address ranges: IPv4 and IPv6 CIDR blocks. Only IP literals are parsed; a host
 * name is never resolved, neither in configuration nor from {@code getRemoteAddr()}.
 */
public final class ProxyAddresses {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private record Block(byte[] network, int prefix) {}

  private final List<Block> blocks;

  private ProxyAddresses(List<Block> blocks) {
    this.blocks = blocks;
  }

  /**
   * Parses CIDR blocks such as {@code 10.0.0.0/8}, {@code ::1/128} or a bare address.
   *
   * @param cidrs the blocks
   * @return the ranges
   * @throws IllegalArgumentException naming the first bad block
   */
  public static ProxyAddresses parse(List<String> cidrs) {
    List<Block> blocks = new ArrayList<>();
    for (String cidr : cidrs) {
      int slash = cidr.indexOf('/');
      byte[] address =
          literal(slash < 0 ? cidr : cidr.substring(0, slash))
              .orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR block"));
      int bits = address.length * 8;
      int prefix = bits;
      if (slash >= 0) {
        String p = cidr.substring(slash + 1);
        if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > bits) {
          throw new IllegalArgumentException("prefix length must be 0 to " + bits);
        }
        prefix = Integer.parseInt(p);
      }
      if (!mask(address, prefix).equals(new BigInteger(1, address))) {
        throw new IllegalArgumentException("address has bits set beyond the prefix length");
      }
      blocks.add(new Block(address, prefix));
    }
    return new ProxyAddresses(List.copyOf(blocks));
  }

  /**
   * Whether no proxy is trusted.
   *
   * @return true for an empty list
   */
  public boolean isEmpty() {
    return blocks.isEmpty();
  }

  /**
   * Whether the peer address is inside one of the blocks. IPv4-mapped IPv6 addresses match IPv4
   * blocks.
   *
   * @param remoteAddr the direct peer, as {@code getRemoteAddr()} reports it
   * @return false for anything that is not an IP literal
   */
  public boolean contains(String remoteAddr) {
    if (remoteAddr == null || blocks.isEmpty()) {
      return false;
    }
    Optional<byte[]> address = literal(remoteAddr);
    if (address.isEmpty()) {
      return false;
    }
    for (Block block : blocks) {
      if (block.network.length == address.get().length
          && mask(address.get(), block.prefix).equals(new BigInteger(1, block.network))) {
        return true;
      }
    }
    return false;
  }

  private static BigInteger mask(byte[] address, int prefix) {
    int bits = address.length * 8;
    BigInteger value = new BigInteger(1, address);
    return value.shiftRight(bits - prefix).shiftLeft(bits - prefix);
  }

  private static Optional<byte[]> literal(String text) {
    String s = text.trim();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    boolean v4 = IPV4.matcher(s).matches();
    if (!v4 && !(s.indexOf(':') >= 0 && IPV6.matcher(s).matches())) {
      return Optional.empty();
    }
    if (v4) {
      for (String octet : s.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          return Optional.empty();
        }
      }
    }
    try {
      // Only literals reach this point, so no name lookup can happen.
      return Optional.of(InetAddress.getByName(s).getAddress());
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
