/**
 * The one canonical binary encoding used for hashing and signing: big-endian fixed-width integers,
 * length-prefixed byte strings and UTF-8 strings, no optional fields, no trailing bytes. A given
 * value has exactly one encoding and a decoder accepts nothing else.
 */
@NullMarked
package org.trademap.ledger.api.codec;

import org.jspecify.annotations.NullMarked;
