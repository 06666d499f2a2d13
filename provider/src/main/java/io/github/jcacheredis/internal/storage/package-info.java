/** How entries sit in Redis: key and value encoding, the Redis commands and Lua scripts, and the connection. */
package io.github.jcacheredis.internal.storage;
