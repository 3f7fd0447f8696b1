package org.trademap.contracts.kyc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.trademap.ledger.api.block.ContractEvent;
import org.trademap.ledger.api.contract.Args;
import org.trademap.ledger.api.contract.Outcome;

/** The registry is a function of its calls: replaying them on a fresh key space gives the same. */
class KycRegistryDeterminismTest {
  private static final long T0 = TestContext.Builder.DEFAULT_TIME;
  private static final long BLOCK_INTERVAL = 1_000;

  /** One generated call; the i-th call runs in a block at T0 plus i intervals. */
  record Call(String role, String method, byte[] args) {}

  /** What a run produced. */
  record Run(List<Outcome> outcomes, SortedMap<String, String> state, List<ContractEvent> events) {}

  @Property(tries = 300)
  void sameCallsOnTwoFreshKeySpacesGiveTheSameStateEventsAndOutcomes(
      @ForAll("calls") List<Call> calls) {
    Run first = run(calls);
    Run second = run(calls);

    assertThat(second.outcomes()).isEqualTo(first.outcomes());
    assertThat(second.state()).isEqualTo(first.state());
    assertThat(second.events()).isEqualTo(first.events());
  }

  @Property(tries = 200)
  void stateHoldsOnlyRegisteredSubjectsAndTheirChecks(@ForAll("calls") List<Call> calls) {
    InMemoryKeySpace ledger = new InMemoryKeySpace();
    KycRegistry contract = new KycRegistry();
    long checks = 0;
    long registrations = 0;
    for (int i = 0; i < calls.size(); i++) {
      Outcome o = execute(ledger, contract, calls.get(i), i);
      if (o instanceof Outcome.Accepted) {
        String m = calls.get(i).method();
        registrations += m.equals(KycRegistry.REGISTER) ? 1 : 0;
        checks += m.equals(KycRegistry.RECORD_CHECK) ? 1 : 0;
      }
    }
    assertThat(ledger.snapshot()).hasSize((int) (registrations + checks));
  }

  private static Run run(List<Call> calls) {
    InMemoryKeySpace ledger = new InMemoryKeySpace();
    KycRegistry contract = new KycRegistry();
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      outcomes.add(execute(ledger, contract, calls.get(i), i));
    }
    return new Run(outcomes, ledger.snapshot(), ledger.events());
  }

  private static Outcome execute(InMemoryKeySpace ledger, KycRegistry contract, Call call, int i) {
    return ledger.execute(
        contract,
        ledger
            .call(call.method(), call.args())
            .by("member-" + call.role(), call.role())
            .at(T0 + i * BLOCK_INTERVAL));
  }

  @Provide
  Arbitrary<List<Call>> calls() {
    Arbitrary<String> role =
        Arbitraries.frequency(
            Tuple.of(9, KycRegistry.CONSORTIUM_ROLE), Tuple.of(1, "securities-company"));
    Arbitrary<String> method =
        Arbitraries.frequency(
            Tuple.of(3, KycRegistry.REGISTER),
            Tuple.of(5, KycRegistry.RECORD_CHECK),
            Tuple.of(2, KycRegistry.UPDATE_COMMITMENT),
            Tuple.of(1, "unknown"));
    Arbitrary<Call> call =
        Combinators.combine(role, method, Arbitraries.integers().between(0, 9))
            .flatAs((r, m, shape) -> args(m, shape).map(a -> new Call(r, m, a)));
    return call.list().ofMaxSize(40);
  }

  /** Mostly well-formed arguments for the method, sometimes another method's or junk. */
  private static Arbitrary<byte[]> args(String method, int shape) {
    if (shape == 0) {
      return Arbitraries.bytes().array(byte[].class).ofMaxSize(48);
    }
    Arbitrary<String> ref = Arbitraries.of("s1", "s2", "s3", "bad ref");
    Arbitrary<byte[]> commitment =
        Arbitraries.frequency(
            Tuple.of(4, KycTestData.commitment(1).bytes()),
            Tuple.of(4, KycTestData.commitment(2).bytes()),
            Tuple.of(1, new byte[31]));
    if (method.equals(KycRegistry.RECORD_CHECK)) {
      Arbitrary<String> process =
          Arbitraries.oneOf(
              Arbitraries.of(CheckProcess.class).map(CheckProcess::wireName),
              Arbitraries.just("haircut"));
      Arbitrary<String> result =
          Arbitraries.oneOf(
              Arbitraries.of(CheckResult.class).map(CheckResult::wireName),
              Arbitraries.just("maybe"));
      Arbitrary<String> operator = Arbitraries.of("op-1", "op-2", "");
      Arbitrary<Long> completedAt = Arbitraries.longs().between(T0 - 2_000, T0 + 50_000);
      return Combinators.combine(ref, process, result, operator, completedAt)
          .as(
              (r, p, res, op, at) ->
                  Args.encode(
                      KycTestData.ascii(r),
                      KycTestData.ascii(p),
                      KycTestData.ascii(res),
                      KycTestData.ascii(op),
                      KycTestData.longBytes(at)));
    }
    return Combinators.combine(ref, commitment).as((r, c) -> Args.encode(KycTestData.ascii(r), c));
  }
}
