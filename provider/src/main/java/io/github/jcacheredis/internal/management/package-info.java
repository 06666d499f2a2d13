/** The standard statistics and configuration MXBeans (JSR-107 chapter 12). */
@NullMarked
package io.github.jcacheredis.internal.management;

import org.jspecify.annotations.NullMarked;
