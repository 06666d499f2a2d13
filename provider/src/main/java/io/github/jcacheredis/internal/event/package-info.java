/**
 * Delivery of created, updated, removed and expired events to registered listeners: this JVM's own changes at once,
 * other JVMs' over Redis pub/sub ({@link io.github.jcacheredis.internal.event.RemoteEvents}), and expiries from Redis keyspace
 * notifications ({@link io.github.jcacheredis.internal.event.ExpiredEvents}).
 */
@NullMarked
package io.github.jcacheredis.internal.event;

import org.jspecify.annotations.NullMarked;
