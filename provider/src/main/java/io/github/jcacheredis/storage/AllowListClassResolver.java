package io.github.jcacheredis.storage;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultClassResolver;

/**
 * Kryo's class resolver, consulting the {@link ClassAllowList} before any class named in the bytes is loaded,
 * and storing the shape {@link Fingerprinted fingerprint} of a class the first time a value names it.
 */
final class AllowListClassResolver extends DefaultClassResolver {

  private final ClassAllowList allowList;

  AllowListClassResolver(ClassAllowList allowList) {
    this.allowList = allowList;
  }

  @Override
  protected Class<?> getTypeByName(String className) {
    if (!allowList.allows(className)) {
      // Thrown before Class.forName: the class is never loaded, so none of its code runs.
      throw new KryoException("class " + className + " is not allowed (jcacheredis.allowedPackages)");
    }
    return super.getTypeByName(className);
  }

  @Override
  protected void writeName(Output output, Class type, Registration registration) {
    if (!allowList.allows(type.getName())) {
      throw new DisallowedClassException(type, allowList);
    }
    boolean first = classToNameId == null || classToNameId.get(type, -1) == -1;
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
