/** Turning JSR-107 expiry policies into native Redis TTLs. */
@NullMarked
package io.github.jcacheredis.internal.expiry;

import org.jspecify.annotations.NullMarked;
