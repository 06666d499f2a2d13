/** Delivery of created, updated and removed events to registered listeners. */
package io.github.jcacheredis.event;
