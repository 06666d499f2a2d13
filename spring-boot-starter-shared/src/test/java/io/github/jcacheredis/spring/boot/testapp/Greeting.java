package io.github.jcacheredis.spring.boot.testapp;

/**
 * A value of the application's own class: stored as Kryo bytes, allowed because its package is the application's.
 *
 * @param text the greeting
 */
public record Greeting(String text) {
}
