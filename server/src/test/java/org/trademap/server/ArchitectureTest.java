package org.trademap.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module edges Maven cannot see inside one class path. */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.trademap");

  @Test
  void theLedgerAndTheContractsDoNotDependOnSpring() {
    noClasses()
        .that()
        .resideInAnyPackage("org.trademap.ledger..", "org.trademap.contracts..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "jakarta..")
        .check(CLASSES);
  }

  @Test
  void onlyTheLedgerGatewayUsesTheLedgerEngine() {
    noClasses()
        .that()
        .resideInAPackage("org.trademap.server..")
        .and()
        .resideOutsideOfPackage("org.trademap.server.ledgergateway..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.trademap.ledger.core..")
        .check(CLASSES);
  }

  @Test
  void theRulesSeeTheLedgerAndContractClasses() {
    assertThat(CLASSES.stream().map(c -> c.getPackageName()))
        .anyMatch(p -> p.startsWith("org.trademap.ledger.core"))
        .anyMatch(p -> p.startsWith("org.trademap.ledger.api"))
        .anyMatch(p -> p.startsWith("org.trademap.contracts"))
        .anyMatch(p -> p.startsWith("org.trademap.server.ledgergateway"));
  }
}
