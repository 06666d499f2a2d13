/** Read-through loading and write-through writing (JSR-107 chapter 9). */
@NullMarked
package io.github.jcacheredis.internal.integration;

import org.jspecify.annotations.NullMarked;
