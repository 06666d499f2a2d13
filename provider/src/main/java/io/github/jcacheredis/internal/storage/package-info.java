/** How entries sit in Redis: key and value encoding, the Redis commands and Lua scripts, and the connection. */
@NullMarked
package io.github.jcacheredis.internal.storage;

import org.jspecify.annotations.NullMarked;
