/// Cohen's kappa (Cohen 1960): how far two coders agree on the items both categorized, corrected
/// for the agreement their own category rates would reach by chance.
///
/// ```swift
/// let kappa = CohenKappa(pairs: [("yes", "yes"), ("yes", "no"), ("no", "no")])
/// kappa.value    // (p_o - p_e) / (1 - p_e), or nil when undefined
/// ```
///
/// `p_o` is the share of items on which the two agree; `p_e` is `Σ_c a_c b_c / N²`, with `a_c` and
/// `b_c` how many of the `N` items each coder put in category `c`.
///
/// ## Undefined kappa
/// ``value`` is nil, never NaN, when there are no items, or when `p_e` is 1: both coders put every
/// item in the same one category, so agreement cannot be told from chance.
public struct CohenKappa: Sendable, Hashable {
    /// How many items both coders categorized.
    public let count: Int
    /// The share of items the coders agree on, `p_o` (0 without items).
    public let observedAgreement: Double
    /// The agreement expected by chance from each coder's category rates, `p_e` (0 without items).
    public let chanceAgreement: Double

    /// Kappa over `pairs`, each the first coder's and the second coder's category for one item.
    public init<Category: Hashable>(pairs: some Collection<(Category, Category)>) {
        count = pairs.count
        var agreed = 0
        var first: [Category: Int] = [:]
        var second: [Category: Int] = [:]
        for (a, b) in pairs {
            if a == b { agreed += 1 }
            first[a, default: 0] += 1
            second[b, default: 0] += 1
        }
        // Whole counts until the one division, so that p_e is exactly 1 when both used one category.
        let chance = first.reduce(0) { $0 + $1.value * second[$1.key, default: 0] }
        let squared = Double(count) * Double(count)
        observedAgreement = count == 0 ? 0 : Double(agreed) / Double(count)
        chanceAgreement = count == 0 ? 0 : Double(chance) / squared
    }

    /// Kappa to 12 decimals (so that a value that is 0 up to rounding error reads 0), or nil when it is
    /// undefined (see the type's documentation).
    public var value: Double? {
        guard count > 0, chanceAgreement < 1 else { return nil }
        return ((observedAgreement - chanceAgreement) / (1 - chanceAgreement)).roundedStatistic
    }
}
