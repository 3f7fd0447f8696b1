package org.trademap.server.checks.screening;

/** What a confirmed hit means for the case. */
public enum ListCategory {
  /** The subject is sanctioned (UN, OFAC). */
  SANCTIONS,
  /** The subject belongs to anti-social forces (JPX). */
  ASF,
  /** The subject is a politically exposed person: enhanced due diligence. */
  PEP
}
