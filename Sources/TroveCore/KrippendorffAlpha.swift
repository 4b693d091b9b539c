/// Krippendorff's alpha: how far any number of coders agree over a set of units, each coder free to
/// leave any unit out, corrected for the agreement their values would reach by chance.
///
/// ```swift
/// let alpha = KrippendorffAlpha(units: [[1, 1, 1], [2, 3], [3, 3, 3, 3]], metric: .nominal)
/// alpha.value    // 1 - observed / expected disagreement, or nil when undefined
/// ```
///
/// This is the coincidence-matrix formulation of Krippendorff (2011), "Computing Krippendorff's
/// Alpha-Reliability": a unit with `m` values adds `1 / (m - 1)` to the coincidence `o[c][k]` for
/// every ordered pair of its values `(c, k)` taken from two different coders; `n[c]` is the row sum
/// for value `c` and `n` the number of pairable values. Then
///
///     alpha = 1 - D_o / D_e = 1 - (n - 1) * Σ o[c][k] δ²(c, k) / Σ n[c] n[k] δ²(c, k)
///
/// with `δ²` the metric's squared difference. A unit with fewer than two values has no pair and
/// takes no part. Alpha is 1 for perfect agreement, 0 for agreement at chance, and below 0 for
/// systematic disagreement.
///
/// ## Undefined alpha
/// ``value`` is nil, never NaN, when no unit has two values, or when the pairable values are all the
/// same value (every reviewer accepted everything): the expected disagreement is then zero, and
/// agreement cannot be told from chance.
///
/// ## Topics
/// - ``Metric``
/// - ``bootstrapInterval(resamples:confidence:seed:)``
public struct KrippendorffAlpha: Sendable {
    /// How unlike two values are.
    public enum Metric: Sendable, Hashable {
        /// Categories: two values differ or they do not (`δ² = 0` or `1`).
        case nominal
        /// Numbers on an interval scale: `δ² = (c - k)²`.
        case interval

        func squaredDifference(_ first: Double, _ second: Double) -> Double {
            switch self {
            case .nominal: first == second ? 0 : 1
            case .interval: (first - second) * (first - second)
            }
        }

        /// `Σ_c Σ_k n[c] n[k] δ²(c, k)` from the marginals alone, in one pass over the values.
        func expectedDisagreementSum(values: [Double], marginals: [Double], total: Double) -> Double {
            switch self {
            case .nominal:
                return total * total - marginals.reduce(0) { $0 + $1 * $1 }
            case .interval:
                // Σ n_c n_k (c - k)² = 2 n Σ n_c (c - mean)², centred so that close values keep their digits.
                var weighted = 0.0
                for (value, count) in zip(values, marginals) { weighted += value * count }
                let mean = weighted / total
                var spread = 0.0
                for (value, count) in zip(values, marginals) { spread += count * (value - mean) * (value - mean) }
                return 2 * total * spread
            }
        }
    }

    /// What a pairable unit adds to the coincidence matrix: its values (as indexes into ``values``)
    /// with how many coders gave each, and its part of `Σ o[c][k] δ²(c, k)`. Units with the same
    /// counts add the same, so each such kind is kept once, with how many units are of it.
    struct UnitKind: Sendable {
        var counts: [ValueCount]
        var observedDisagreement: Double
    }

    struct ValueCount: Sendable, Hashable {
        var index: Int
        var count: Double
    }

    /// The metric the values are compared with.
    public let metric: Metric
    /// The distinct values of the pairable units, ascending.
    public let values: [Double]
    let kinds: [UnitKind]
    /// The kind of each pairable unit, in the order given.
    let kindOfUnit: [Int]

    /// Alpha over `units`, each the values its coders gave it (missing values left out; values must be
    /// finite, and for `.nominal` each distinct value is one category).
    public init(units: [[Double]], metric: Metric) {
        self.metric = metric
        let pairable = units.filter { $0.count >= 2 }
        values = Array(Set(pairable.joined())).sorted()
        let index = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($0.element, $0.offset) })
        var kinds: [UnitKind] = []
        var kindOfCounts: [[ValueCount]: Int] = [:]
        kindOfUnit = pairable.map { unitValues in
            var counts: [Double: Double] = [:]
            for value in unitValues { counts[value, default: 0] += 1 }
            // Sorted, so that sums run in one order in every process (Dictionary order varies).
            let distinct = counts.sorted { $0.key < $1.key }
            let key = distinct.compactMap { value, count in index[value].map { ValueCount(index: $0, count: count) } }
            if let kind = kindOfCounts[key] { return kind }
            var disagreement = 0.0
            for first in distinct {
                for second in distinct {
                    disagreement += first.value * second.value * metric.squaredDifference(first.key, second.key)
                }
            }
            kinds.append(UnitKind(counts: key, observedDisagreement: disagreement / Double(unitValues.count - 1)))
            kindOfCounts[key] = kinds.count - 1
            return kinds.count - 1
        }
        self.kinds = kinds
    }

    /// How many units have two or more values.
    public var pairableUnits: Int { kindOfUnit.count }

    /// `n[c]`: how many pairable values each of ``values`` is (the coincidence matrix's row sums).
    public var marginals: [Double] {
        var marginals = [Double](repeating: 0, count: values.count)
        for kind in kindOfUnit { for entry in kinds[kind].counts { marginals[entry.index] += entry.count } }
        return marginals
    }

    /// Alpha to 12 decimals (so that a value that is 0 up to rounding error reads 0), or nil when it is
    /// undefined (see the type's documentation).
    public var value: Double? {
        var unitsOfKind = [Int](repeating: 0, count: kinds.count)
        for kind in kindOfUnit { unitsOfKind[kind] += 1 }
        var marginals = [Double](repeating: 0, count: values.count)
        return estimate(unitsOfKind: unitsOfKind, marginals: &marginals)
    }

    /// Alpha over `unitsOfKind[k]` units of each kind `k`, with `marginals` as scratch space of
    /// ``values``' size: the same computation for the estimate and for each resample, rounded to
    /// 12 decimals (`roundedStatistic`).
    func estimate(unitsOfKind: [Int], marginals: inout [Double]) -> Double? {
        for index in marginals.indices { marginals[index] = 0 }
        var observed = 0.0
        for (kind, units) in zip(kinds, unitsOfKind) where units > 0 {
            observed += Double(units) * kind.observedDisagreement
            for entry in kind.counts { marginals[entry.index] += Double(units) * entry.count }
        }
        // Fewer than two distinct values: nothing to disagree about, and rounding must not say otherwise.
        guard marginals.count(where: { $0 > 0 }) >= 2 else { return nil }
        let total = marginals.reduce(0, +)
        let expected = metric.expectedDisagreementSum(values: values, marginals: marginals, total: total)
        return (1 - (total - 1) * observed / expected).roundedStatistic
    }
}
