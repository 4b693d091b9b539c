extension Double {
    /// The decimals an agreement statistic keeps: 12, more than any reading of alpha or kappa needs and
    /// fewer than the last-bit error of the arithmetic behind them reaches.
    static let statisticDecimals = 12

    /// This value rounded to ``statisticDecimals`` decimals, with -0 as 0, so that arithmetic noise does
    /// not show: alpha over overrides 0.3 and 0.9 is 0, not -2.220446049250313e-16. A value too large
    /// for the decimals to be kept (beyond 2⁵² / 10¹²), or not finite, is returned as is.
    var roundedStatistic: Double {
        let scale = 1e12
        guard isFinite, abs(self) < 4096 else { return self }
        // Adding 0 turns -0 (a tiny negative rounded) into 0.
        return (self * scale).rounded() / scale + 0
    }
}
