extension KrippendorffAlpha {
    /// A percentile bootstrap interval for alpha: `resamples` times, draw as many pairable units as
    /// there are, with replacement, and compute alpha over them; the interval runs between the
    /// `(1 - confidence) / 2` and `(1 + confidence) / 2` quantiles of those alphas (linear
    /// interpolation between order statistics, as numpy's default `percentile`), each end rounded to
    /// 12 decimals as ``value`` is.
    ///
    /// The draws come from a ``SeededGenerator`` seeded with `seed`, so the same units give the same
    /// interval on every machine. A resample whose alpha is undefined (it drew units that all carry
    /// one value) is left out of the quantiles.
    ///
    /// - precondition: `0 < confidence < 1`.
    /// - returns: nil when alpha itself is undefined, or when no resample gave a defined alpha.
    public func bootstrapInterval(resamples: Int = 1000, confidence: Double = 0.95, seed: UInt64 = 0)
        -> ClosedRange<Double>?
    {
        precondition(confidence > 0 && confidence < 1, "a confidence level is a fraction between 0 and 1")
        guard value != nil, resamples > 0 else { return nil }
        var generator = SeededGenerator(seed: seed)
        var marginals = [Double](repeating: 0, count: values.count)
        var unitsOfKind = [Int](repeating: 0, count: kinds.count)
        let unitCount = kindOfUnit.count
        var estimates: [Double] = []
        estimates.reserveCapacity(resamples)
        for _ in 0..<resamples {
            for kind in unitsOfKind.indices { unitsOfKind[kind] = 0 }
            for _ in 0..<unitCount {
                // A unit index in 0..<unitCount from the high half of a 128-bit product (Lemire); its
                // bias, under unitCount / 2^64, is far below what a bootstrap can show.
                let pick = Int(generator.next().multipliedFullWidth(by: UInt64(unitCount)).high)
                unitsOfKind[kindOfUnit[pick]] += 1
            }
            if let estimate = estimate(unitsOfKind: unitsOfKind, marginals: &marginals) { estimates.append(estimate) }
        }
        guard !estimates.isEmpty else { return nil }
        estimates.sort()
        let tail = (1 - confidence) / 2
        return Self.quantile(estimates, tail).roundedStatistic...Self.quantile(estimates, 1 - tail).roundedStatistic
    }

    /// The `fraction` quantile of ascending `sorted`, interpolating between its neighbours.
    static func quantile(_ sorted: [Double], _ fraction: Double) -> Double {
        let position = fraction * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        return sorted[below] + (position - Double(below)) * (sorted[above] - sorted[below])
    }
}
