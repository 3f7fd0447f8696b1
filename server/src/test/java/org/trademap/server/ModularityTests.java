package org.trademap.server;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The application modules (direct sub-packages of {@code org.trademap.server}) only use each
 * other's public top-level types and have no cycles; the module diagrams are written to {@code
 * target/spring-modulith-docs}.
 */
class ModularityTests {
  private final ApplicationModules modules = ApplicationModules.of(TradeMapApplication.class);

  @Test
  void modulesRespectTheirBoundaries() {
    modules.verify();
  }

  @Test
  void writesModuleDiagrams() {
    new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
  }
}
