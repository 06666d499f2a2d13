/** Read-through loading and write-through writing (JSR-107 chapter 9). */
package io.github.jcacheredis.internal.integration;
