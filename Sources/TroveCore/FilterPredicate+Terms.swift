extension FilterPredicate {
    /// `status:STATUS`, for callers that narrow a filter without writing filter text.
    public static func status(_ status: LabelStatus) -> FilterPredicate {
        FilterPredicate(field: .status, comparison: .colon, value: .string(status.rawValue))
    }

    /// `decided!=REVIEWER`: the trajectories `reviewer` has not accepted or rejected, whatever others did
    /// (blind review moves on to the next of them).
    public static func undecided(by reviewer: String) -> FilterPredicate {
        FilterPredicate(field: .decided, comparison: .notEqual, value: .string(reviewer))
    }

    /// `group:ID`, the runs of one task instance (see ``TaskGroup``).
    public static func group(_ id: String) -> FilterPredicate {
        FilterPredicate(field: .group, comparison: .colon, value: .string(id))
    }

    /// `has:"TEXT"`, for callers that narrow a filter without writing filter text; nil for text without
    /// a word the search index holds (``SearchableText/hasWord(_:)``: empty, or punctuation only), which
    /// the parser refuses too.
    public static func has(_ text: String) -> FilterPredicate? {
        SearchableText.hasWord(text) ? FilterPredicate(field: .has, comparison: .colon, value: .string(text)) : nil
    }
}
