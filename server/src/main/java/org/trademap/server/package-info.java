/** The TradeMap Spring Boot application. */
@NullMarked
package org.trademap.server;

import org.jspecify.annotations.NullMarked;
