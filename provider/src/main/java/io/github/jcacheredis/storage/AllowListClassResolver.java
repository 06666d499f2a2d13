package io.github.jcacheredis.storage;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultClassResolver;

/** Kryo's class resolver, consulting the {@link ClassAllowList} before any class named in the bytes is loaded. */
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
    super.writeName(output, type, registration);
  }
}
