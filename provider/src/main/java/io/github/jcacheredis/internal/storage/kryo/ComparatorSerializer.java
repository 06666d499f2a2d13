package io.github.jcacheredis.internal.storage.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.Collections;
import java.util.Comparator;
import org.jspecify.annotations.Nullable;

/**
 * The JDK's comparators that sorted collections commonly carry, rebuilt by the public methods that make them:
 * {@code Collections.reverseOrder()} (also {@code Comparator.reverseOrder()}), {@code reverseOrder(cmp)},
 * {@code String.CASE_INSENSITIVE_ORDER}, {@code Comparator.nullsFirst/nullsLast(cmp)}. ({@code
 * Comparator.naturalOrder()} is an enum constant and needs nothing.) A lambda comparator cannot be written.
 */
final class ComparatorSerializer extends Serializer<Comparator<Object>> {

  enum Kind { REVERSE, REVERSE_OF, CASE_INSENSITIVE, NULLS }

  private final Kind kind;

  ComparatorSerializer(Kind kind) {
    this.kind = kind;
  }

  /** @return the kind of a JDK comparator class, or {@code null} */
  static @Nullable Kind of(Class<?> type) {
    switch (type.getName()) {
      case "java.util.Collections$ReverseComparator":
        return Kind.REVERSE;
      case "java.util.Collections$ReverseComparator2":
        return Kind.REVERSE_OF;
      case "java.lang.String$CaseInsensitiveComparator":
        return Kind.CASE_INSENSITIVE;
      case "java.util.Comparators$NullComparator":
        return Kind.NULLS;
      default:
        return null;
    }
  }

  @Override
  public void write(Kryo kryo, Output output, Comparator<Object> comparator) {
    switch (kind) {
      case REVERSE_OF:
        // reversed() of a reversing comparator is the comparator it reverses.
        kryo.writeClassAndObject(output, comparator.reversed());
        break;
      case NULLS:
        output.writeBoolean(JdkFields.getBoolean(comparator, "nullFirst"));
        kryo.writeClassAndObject(output, JdkFields.get(comparator, "real"));
        break;
      default:
        break;
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public Comparator<Object> read(Kryo kryo, Input input, Class<? extends Comparator<Object>> type) {
    switch (kind) {
      case REVERSE:
        return Collections.reverseOrder();
      case REVERSE_OF:
        return Collections.reverseOrder((Comparator<Object>) kryo.readClassAndObject(input));
      case CASE_INSENSITIVE:
        return (Comparator<Object>) (Comparator<?>) String.CASE_INSENSITIVE_ORDER;
      default:
        boolean nullFirst = input.readBoolean();
        Comparator<Object> real = (Comparator<Object>) kryo.readClassAndObject(input);
        return nullFirst ? Comparator.nullsFirst(real) : Comparator.nullsLast(real);
    }
  }
}
