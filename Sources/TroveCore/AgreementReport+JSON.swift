extension AgreementReport {
    /// The report as `trove agreement --json` prints it:
    ///
    ///     {"units": N, "decision": {"alpha": a, "alpha_ci": [lo, hi], "pairs": [{"reviewers": ["r1", "r2"],
    ///     "kappa": k, "n": n}, …]}, "reward": {"alpha": a, "alpha_ci": [lo, hi], "units": n},
    ///     "by_task": {"db": {"decision_alpha": a, "units": n}, …}}
    ///
    /// An undefined alpha, interval or kappa is `null`; numbers never are NaN.
    public var json: JSONValue {
        .object([
            "units": .integer(units),
            "decision": .object([
                "alpha": .real(decision.value), "alpha_ci": Self.interval(decision.interval),
                "pairs": .array(
                    pairs.map { pair in
                        .object([
                            "reviewers": .array([.string(pair.first), .string(pair.second)]),
                            "kappa": .real(pair.kappa), "n": .integer(pair.shared),
                        ])
                    }),
            ]),
            "reward": .object([
                "alpha": .real(reward.value), "alpha_ci": Self.interval(reward.interval),
                "units": .integer(rewardUnits),
            ]),
            "by_task": .object(
                JSONObject(
                    tasks.map { task in
                        JSONObject.Member(
                            key: task.task,
                            value: .object(["decision_alpha": .real(task.decisionAlpha), "units": .integer(task.units)])
                        )
                    })),
        ])
    }

    private static func interval(_ interval: ClosedRange<Double>?) -> JSONValue {
        guard let interval else { return .null }
        return .array([.real(interval.lowerBound), .real(interval.upperBound)])
    }
}
