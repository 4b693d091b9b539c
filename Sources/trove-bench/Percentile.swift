/// Percentiles of samples, by the nearest-rank method.
enum Percentile {
    /// The smallest sample that at least `percent`% of the samples do not exceed.
    static func of(_ samples: [Double], _ percent: Double) -> Double {
        guard !samples.isEmpty else { return .nan }
        let sorted = samples.sorted()
        let rank = Int((percent / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count, max(1, rank)) - 1]
    }

    static func median(_ samples: [Double]) -> Double {
        of(samples, 50)
    }
}
