/** Turning JSR-107 expiry policies into native Redis TTLs. */
package io.github.jcacheredis.internal.expiry;
