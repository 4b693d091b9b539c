extension LabelChange {
    /// The status words of ``summary`` and the outcome each names.
    static let statusWords = ["accept": "accepted", "reject": "rejected", "pending": "pending"]

    /// What the change does, in words, as `label_batch.change` records it: its parts in a fixed order,
    /// joined by `, ` (`reject, tag truncated, note`). The parts: `accept`, `reject`, `pending`;
    /// `reward 0.5`, `reward cleared`; `tag T`, `untag T`, `toggle T`; `note`, `note cleared`.
    public var summary: String {
        var parts: [String] = []
        switch status {
        case .accepted?: parts.append("accept")
        case .rejected?: parts.append("reject")
        case .pending?: parts.append("pending")
        case .disputed?, nil: break
        }
        switch reward {
        case .set(let value, _)?: parts.append("reward \(Self.rewardWords(value))")
        case .clear?: parts.append("reward cleared")
        case nil: break
        }
        parts += addTags.sorted().map { "tag \($0)" }
        parts += removeTags.sorted().map { "untag \($0)" }
        parts += toggleTags.sorted().map { "toggle \($0)" }
        switch note {
        case .set(let text)?: parts.append(text.isEmpty ? "note cleared" : "note")
        case .clear?: parts.append("note cleared")
        case nil: break
        }
        return parts.joined(separator: ", ")
    }

    /// A reward as ``summary`` words it: ``RewardText`` with no trailing zeros (`1`, `0.5`, `≈0.6667` for
    /// 2/3, `<1` for 0.99999); the label event keeps the exact value.
    static func rewardWords(_ value: Double) -> String {
        RewardText.text(value, minimumPlaces: 0)
    }

    /// A ``summary`` as what it made of the trajectories: its status word as the status that resulted
    /// (`reject, tag x` gives `rejected, tag x`).
    public static func outcome(of summary: String) -> String {
        summary.split(separator: ", ", omittingEmptySubsequences: false)
            .map { statusWords[String($0)] ?? String($0) }
            .joined(separator: ", ")
    }
}
