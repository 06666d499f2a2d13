/** The mutable entry entry processors work on, and what they did to it. */
package io.github.jcacheredis.internal.processor;
