package io.github.jcacheredis.internal.storage;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import io.github.jcacheredis.internal.storage.kryo.OtherJdkTypes;
import io.github.jcacheredis.internal.storage.kryo.UnrepresentableTypeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Kryo's class resolver, consulting the {@link ClassAllowList} before any class named in the bytes is loaded,
 * and storing the shape {@link Fingerprinted fingerprint} of a class the first time a value names it.
 */
final class AllowListClassResolver extends DefaultClassResolver {

  private final ClassAllowList allowList;
  private final Set<Class<?>> verified;
  private final List<Class<?>> unverified = new ArrayList<>();
  // Values (format version 3) fold the fingerprints of their classes into one digest, written once after the
  // value; keys, and values of version 2, carry each fingerprint after its class name.
  private boolean digesting;
  private int digest;
  private final List<Class<?>> fingerprinted = new ArrayList<>();

  AllowListClassResolver(ClassAllowList allowList, Set<Class<?>> verified) {
    this.allowList = allowList;
    this.verified = verified;
  }

  /** @return the classes written since the list was last cleared that no value had read back yet */
  List<Class<?>> unverified() {
    return unverified;
  }

  /**
   * Starts folding fingerprints into one digest instead of writing (or reading) each after its class name, until
   * {@link #stopDigest()}.
   */
  void startDigest() {
    digesting = true;
    digest = 1;
    fingerprinted.clear();
  }

  /** Goes back to fingerprints after each class name. */
  void stopDigest() {
    digesting = false;
    fingerprinted.clear();
  }

  /** @return whether a class with a fingerprint was named since {@link #startDigest()} */
  boolean hasDigest() {
    return !fingerprinted.isEmpty();
  }

  /** @return the digest of the fingerprints of the classes named since {@link #startDigest()}, in order */
  int digest() {
    return digest;
  }

  /** @return the classes with a fingerprint named since {@link #startDigest()}, for messages */
  List<Class<?>> fingerprinted() {
    return fingerprinted;
  }

  private void fold(Class<?> type, int fingerprint) {
    digest = 31 * digest + fingerprint;
    fingerprinted.add(type);
  }

  @Override
  protected Class<?> getTypeByName(String className) {
    if (!allowList.allows(className)) {
      // Thrown before Class.forName: the class is never loaded, so none of its code runs.
      throw new KryoException("class " + className + " is not allowed (jcacheredis.allowedPackages)");
    }
    return super.getTypeByName(className);
  }

  @SuppressWarnings("rawtypes") // overrides Kryo's raw-typed signature
  @Override
  protected void writeName(Output output, Class type, Registration registration) {
    if (type.isHidden() || type.isSynthetic()) {
      throw new UnrepresentableTypeException(type, "a lambda or hidden class has no name to read it back by");
    }
    String refusal = OtherJdkTypes.refusal(registration.getSerializer());
    if (refusal != null) {
      // Allowing its package would not help: say what would.
      throw new UnrepresentableTypeException(type, refusal);
    }
    if (!allowList.allows(type.getName())) {
      throw new DisallowedClassException(type, allowList);
    }
    boolean first = classToNameId == null || classToNameId.get(type, -1) == -1;
    if (first && !verified.contains(type)) {
      unverified.add(type);
    }
    super.writeName(output, type, registration);
    if (first && registration.getSerializer() instanceof Fingerprinted) {
      int fingerprint = ((Fingerprinted) registration.getSerializer()).fingerprint();
      if (digesting) {
        fold(type, fingerprint);
      } else {
        output.writeInt(fingerprint);
      }
    }
  }

  @Override
  protected Registration readName(Input input) {
    int known = nameIdToClass == null ? 0 : nameIdToClass.size;
    Registration registration = super.readName(input);
    boolean first = nameIdToClass != null && nameIdToClass.size > known;
    if (first && registration.getSerializer() instanceof Fingerprinted) {
      int fingerprint = ((Fingerprinted) registration.getSerializer()).fingerprint();
      if (digesting) {
        // Checked against the digest once the value is read (ValueCodec), before it is handed to anyone.
        fold(registration.getType(), fingerprint);
        return registration;
      }
      int written = input.readInt();
      if (written != fingerprint) {
        throw new KryoException("the fields of " + registration.getType().getName()
            + " changed since the value was written");
      }
    }
    return registration;
  }
}
