package dev.portcullis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AuthorizationTest {

  @Test
  void parseWhenSchemeAndTokenThenSplitAtFirstSpace() {
    assertThat(Authorization.parse("Bearer abc.def"))
        .isEqualTo(new Authorization("Bearer", "abc.def"));
  }

  @Test
  void parseWhenSurroundingAndRepeatedSpacesThenStripped() {
    assertThat(Authorization.parse("  Bearer    abc  "))
        .isEqualTo(new Authorization("Bearer", "abc"));
  }

  @Test
  void parseWhenOnlySchemeThenEmptyCredentials() {
    assertThat(Authorization.parse("Bearer")).isEqualTo(new Authorization("Bearer", ""));
    assertThat(Authorization.parse("Bearer   ")).isEqualTo(new Authorization("Bearer", ""));
  }

  @Test
  void parseWhenEmptyThenEmptySchemeAndCredentials() {
    assertThat(Authorization.parse("")).isEqualTo(new Authorization("", ""));
  }

  @Test
  void parseWhenListThenRestKeptForTheFilterToRefuse() {
    assertThat(Authorization.parse("Bearer a, Bearer b"))
        .isEqualTo(new Authorization("Bearer", "a, Bearer b"));
  }

  @Test
  void parseWhenSchemeCaseVariesThenKeptAsSent() {
    assertThat(Authorization.parse("bEaReR x").scheme()).isEqualTo("bEaReR");
  }

  @Test
  void constructorWhenNullPartThenRefused() {
    assertThatThrownBy(() -> new Authorization(null, "")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Authorization("Bearer", null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void isToken68WhenToken68ThenTrue() {
    for (String ok :
        new String[] {
          "a", "abc.DEF-ghi_jkl~mno+pqr/stu", "abc=", "abc==", "eyJhbGciOi.eyJzdWIi.c2ln", "0"
        }) {
      assertThat(Authorization.isToken68(ok)).as(ok).isTrue();
    }
  }

  @Test
  void isToken68WhenOutsideTheGrammarThenFalse() {
    for (String bad :
        new String[] {
          "",
          "=",
          "==",
          "a=b",
          "=a",
          "a b",
          "a,b",
          "a\"b",
          "a\\b",
          "caf\u00e9",
          "a\tb",
          "a;b",
          "a%20",
          "a?b",
          "a#b",
          "a\r\n"
        }) {
      assertThat(Authorization.isToken68(bad)).as(bad).isFalse();
    }
  }
}
