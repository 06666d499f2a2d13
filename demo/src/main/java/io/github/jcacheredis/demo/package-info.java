/**
 * A runnable demo of jcache-redis that uses nothing but the JSR-107 API (and JMX to read the statistics):
 * {@link io.github.jcacheredis.demo.Main} is the entry point.
 */
package io.github.jcacheredis.demo;
