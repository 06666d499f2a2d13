package io.github.jcacheredis.internal.storage;

/**
 * A value or key holds a class the {@link ClassAllowList} does not allow: it could be written, but no cache
 * would ever read it back, so the write is refused with the setting that fixes it.
 */
public final class DisallowedClassException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  DisallowedClassException(Class<?> type, ClassAllowList allowList) {
    super("Class " + type.getName() + " is not on the deserialization allow-list; add its package \""
        + type.getPackageName() + "\" to the setting jcacheredis.allowedPackages (allowed now: the JDK's value"
        + " types and collections, Hibernate's and Spring's own cache classes, and " + allowList.packages() + ")");
  }
}
