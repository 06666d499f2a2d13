/** The standard statistics and configuration MXBeans (JSR-107 chapter 12). */
package io.github.jcacheredis.internal.management;
