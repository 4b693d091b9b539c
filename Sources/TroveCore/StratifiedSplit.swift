/// Chooses a held-out part of a dataset with the same share of every task.
///
/// Each task contributes `round(count × fraction)` items, chosen by a seeded
/// shuffle of that task's items, so the same seed and items always give the
/// same split. Only keys are held, never records.
///
/// ```swift
/// let held = StratifiedSplit.choose(fraction: 0.05, seed: 7, items: [(1, "db"), (2, "os"), …])
/// ```
public enum StratifiedSplit {
    /// The keys of the held-out items.
    public static func choose<Key: Hashable & Comparable>(
        fraction: Double, seed: UInt64, items: [(key: Key, task: String)]
    ) -> Set<Key> {
        var byTask: [String: [Key]] = [:]
        for item in items { byTask[item.task, default: []].append(item.key) }
        var held = Set<Key>()
        for task in byTask.keys.sorted() {
            // Sorting first makes the result independent of the order items arrived in.
            var keys = byTask[task]!.sorted()
            var generator = SeededGenerator(seed: seed ^ StableHash.fnv1a(task))
            keys.shuffle(using: &generator)
            let count = Int((Double(keys.count) * fraction).rounded())
            held.formUnion(keys.prefix(count))
        }
        return held
    }
}
