/** The mutable entry entry processors work on, and what they did to it. */
@NullMarked
package io.github.jcacheredis.internal.processor;

import org.jspecify.annotations.NullMarked;
