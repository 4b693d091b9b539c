import Testing

@testable import TroveCore

@Suite struct CohenKappaTests {
    /// `counts[i][j]` items the first coder put in category i and the second in category j.
    static func pairs(_ counts: [[Int]]) -> [(Int, Int)] {
        counts.enumerated().flatMap { i, row in
            row.enumerated().flatMap { j, count in Array(repeating: (i, j), count: count) }
        }
    }

    @Test func cohens1960ExampleIs29Over59() throws {
        // Cohen (1960), "A Coefficient of Agreement for Nominal Scales", Educ. Psych. Meas. 20(1):37-46:
        // N = 200, marginals (.60, .30, .10) and (.50, .30, .20); p_o = .70, p_c = .41, kappa = .29/.59 = .492.
        let kappa = CohenKappa(pairs: Self.pairs([[88, 14, 18], [10, 40, 10], [2, 6, 12]]))
        #expect(kappa.count == 200)
        #expect(abs(kappa.observedAgreement - 0.70) < 1e-9)
        #expect(abs(kappa.chanceAgreement - 0.41) < 1e-9)
        #expect(abs(try #require(kappa.value) - 29.0 / 59.0) < 1e-9)
    }

    /// The arithmetic gives -0.5000000000000001 for this table's -1/2; kappa is kept to 12 decimals.
    @Test func roundingErrorDoesNotShow() throws {
        #expect(CohenKappa(pairs: Self.pairs([[0, 1], [1, 1]])).value == -0.5)
        #expect(CohenKappa(pairs: Self.pairs([[0, 1], [1, 4]])).value == -0.2)
    }

    @Test func aTwoByTwoTextbookTableIsFourTenths() throws {
        // 50 proposals read by two readers: yes/yes 20, yes/no 5, no/yes 10, no/no 15; p_o = .7, p_e = .5.
        let kappa = CohenKappa(pairs: Self.pairs([[20, 5], [10, 15]]))
        #expect(abs(kappa.chanceAgreement - 0.5) < 1e-9)
        #expect(abs(try #require(kappa.value) - 0.4) < 1e-9)
    }

    @Test func disagreementBeyondChanceIsNegativeAndPerfectAgreementIsOne() throws {
        #expect(try #require(CohenKappa(pairs: Self.pairs([[0, 5], [5, 0]])).value) == -1)
        #expect(CohenKappa(pairs: [("a", "a"), ("b", "b")]).value == 1)
    }

    @Test func isUndefinedWithoutItemsOrWhenBothUsedOneCategory() {
        #expect(CohenKappa(pairs: [(String, String)]()).value == nil)
        #expect(CohenKappa(pairs: Self.pairs([[30, 0], [0, 0]])).value == nil)
        // One coder used one category, the other two: defined (p_e = .5), and zero.
        #expect(CohenKappa(pairs: Self.pairs([[15, 15], [0, 0]])).value == 0)
    }
}
