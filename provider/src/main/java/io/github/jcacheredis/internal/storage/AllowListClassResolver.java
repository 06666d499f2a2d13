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

  AllowListClassResolver(ClassAllowList allowList, Set<Class<?>> verified) {
    this.allowList = allowList;
    this.verified = verified;
  }

  /** @return the classes written since the list was last cleared that no value had read back yet */
  List<Class<?>> unverified() {
    return unverified;
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
      output.writeInt(((Fingerprinted) registration.getSerializer()).fingerprint());
    }
  }

  @Override
  protected Registration readName(Input input) {
    int known = nameIdToClass == null ? 0 : nameIdToClass.size;
    Registration registration = super.readName(input);
    boolean first = nameIdToClass != null && nameIdToClass.size > known;
    if (first && registration.getSerializer() instanceof Fingerprinted) {
      int written = input.readInt();
      if (written != ((Fingerprinted) registration.getSerializer()).fingerprint()) {
        throw new KryoException("the fields of " + registration.getType().getName()
            + " changed since the value was written");
      }
    }
    return registration;
  }
}
