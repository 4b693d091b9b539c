import Testing

@testable import TroveCore

/// Against the worked examples of Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability"
/// (Annenberg School for Communication, University of Pennsylvania). The exact fractions were derived
/// by hand from the coincidence matrices and checked with Python's `fractions` and the PyPI
/// `krippendorff` package; the paper prints them to three places.
@Suite struct KrippendorffAlphaTests {
    /// Section C: four observers, twelve units, values 1-5, missing values (nil).
    static let observers: [[Double?]] = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3],
        [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil],
    ]
    static let units: [[Double]] = (0..<12).map { unit in observers.compactMap { $0[unit] } }

    @Test func nominalWithMissingValuesIs113Over152() throws {
        let alpha = KrippendorffAlpha(units: Self.units, metric: .nominal)
        #expect(abs(try #require(alpha.value) - 113.0 / 152.0) < 1e-9)  // the paper: 0.743
        // Unit 12 has one value and takes no part: 11 pairable units, n = 40.
        #expect(alpha.pairableUnits == 11)
        #expect(alpha.values == [1, 2, 3, 4, 5])
        #expect(alpha.marginals == [9, 13, 10, 5, 3])
    }

    /// QA: reward overrides 0.3 and 0.9 on one trajectory gave alpha -2.220446049250313e-16 where it is
    /// 0; with 0.8 and 0.4 on another, -0.5000000000000004 where it is -1/2. Alpha, and its interval's
    /// ends, are kept to 12 decimals, and a tiny negative rounds to 0, not -0.
    @Test func roundingErrorDoesNotShow() throws {
        let zero = try #require(KrippendorffAlpha(units: [[0.3, 0.9]], metric: .interval).value)
        #expect(zero == 0)
        #expect(zero.sign == .plus)
        let alpha = KrippendorffAlpha(units: [[0.8, 0.4], [0.3, 0.9]], metric: .interval)
        #expect(alpha.value == -0.5)
        #expect(alpha.bootstrapInterval(resamples: 200, seed: 1) == -0.5 ... -0.5)
    }

    @Test func intervalOnTheSameDataIs951Over1120() throws {
        let alpha = KrippendorffAlpha(units: Self.units, metric: .interval)
        #expect(abs(try #require(alpha.value) - 951.0 / 1120.0) < 1e-9)  // the paper: 0.849
    }

    @Test func binaryDataFromTwoObserversIs2Over21() throws {
        // Section A: two observers, ten units, no missing values.
        let first: [Double] = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
        let second: [Double] = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
        let alpha = KrippendorffAlpha(units: zip(first, second).map { [$0, $1] }, metric: .nominal)
        #expect(abs(try #require(alpha.value) - 2.0 / 21.0) < 1e-9)  // the paper: 0.095
    }

    @Test func nominalDataFromTwoObserversIs155Over224() throws {
        // Section B: categories a-e as 1-5.
        let code: [Character: Double] = ["a": 1, "b": 2, "c": 3, "d": 4, "e": 5]
        let first = "aabbdcccedda".compactMap { code[$0] }
        let second = "babbbccceddd".compactMap { code[$0] }
        let alpha = KrippendorffAlpha(units: zip(first, second).map { [$0, $1] }, metric: .nominal)
        #expect(abs(try #require(alpha.value) - 155.0 / 224.0) < 1e-9)  // the paper: 0.692
    }

    @Test func perfectAgreementIsOneAndTheOrderOfValuesDoesNotMatter() throws {
        let units: [[Double]] = [[0, 0], [1, 1, 1], [0.5, 0.5]]
        for metric in [KrippendorffAlpha.Metric.nominal, .interval] {
            #expect(KrippendorffAlpha(units: units, metric: metric).value == 1)
        }
        let reordered = Self.units.reversed().map { Array($0.reversed()) }
        #expect(
            KrippendorffAlpha(units: reordered, metric: .interval).value
                == KrippendorffAlpha(units: Self.units, metric: .interval).value)
    }

    @Test func isUndefinedWithoutPairableUnitsOrWithOneValueOnly() {
        #expect(KrippendorffAlpha(units: [], metric: .nominal).value == nil)
        #expect(KrippendorffAlpha(units: [[1], [0], []], metric: .nominal).value == nil)
        // Everyone accepted everything: no expected disagreement, so agreement cannot be told from chance.
        #expect(KrippendorffAlpha(units: [[1, 1], [1, 1, 1]], metric: .nominal).value == nil)
        // 0.1 * 3 / 3 is not 0.1 in floating point: one value is undefined all the same.
        #expect(KrippendorffAlpha(units: [[0.1, 0.1, 0.1], [0.1, 0.1]], metric: .interval).value == nil)
        #expect(KrippendorffAlpha(units: [[1, 1]], metric: .nominal).bootstrapInterval() == nil)
    }

    @Test func theBootstrapIntervalIsReproducibleAndHoldsTheEstimate() throws {
        let alpha = KrippendorffAlpha(units: Self.units, metric: .nominal)
        let interval = try #require(alpha.bootstrapInterval(resamples: 1000, seed: 7))
        #expect(interval == alpha.bootstrapInterval(resamples: 1000, seed: 7))
        #expect(interval != alpha.bootstrapInterval(resamples: 1000, seed: 8))
        #expect(interval.contains(try #require(alpha.value)))
        #expect(interval.lowerBound >= -1 && interval.upperBound <= 1)
        #expect(interval.upperBound - interval.lowerBound > 0.05)
    }

    @Test func quantilesInterpolateBetweenOrderStatisticsAsNumpyDoes() {
        // numpy.percentile([1, 2, 3, 4], [2.5, 97.5]) == [1.075, 3.925]
        #expect(abs(KrippendorffAlpha.quantile([1, 2, 3, 4], 0.025) - 1.075) < 1e-12)
        #expect(abs(KrippendorffAlpha.quantile([1, 2, 3, 4], 0.975) - 3.925) < 1e-12)
        #expect(KrippendorffAlpha.quantile([5], 0.975) == 5)
    }
}
