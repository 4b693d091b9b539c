extension Double {
    /// This value rounded to 12 decimals, with -0 as 0, so that arithmetic noise does not show in an
    /// agreement statistic: alpha over overrides 0.3 and 0.9 is 0, not -2.220446049250313e-16. Twelve
    /// decimals are more than any reading of alpha or kappa needs and fewer than the last-bit error of
    /// the arithmetic behind them reaches. A value of magnitude 4096 or more (where a double no longer
    /// holds 12 decimals), or not finite, is returned as is.
    var roundedStatistic: Double {
        guard isFinite, abs(self) < 4096 else { return self }
        // Adding 0 turns -0 (a tiny negative rounded) into 0.
        return (self * 1e12).rounded() / 1e12 + 0
    }
}
