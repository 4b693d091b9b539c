/// The sizes of one benchmark run.
struct BenchPlan {
    /// Bytes of synthetic JSONL for import, parse and export.
    var fileBytes: Int
    /// Trajectories in each store the review UI opens, smallest first.
    var storeCounts: [Int]
    /// Stores up to this many trajectories are imported; larger ones copy the largest imported store's rows.
    var importLimit: Int
    /// Passes of each parser over the file (the fastest counts).
    var parseRepeats: Int
    /// Rounds of the import measure, the tools taking turns (each one's median run counts).
    var importRounds = 1
    /// How many times each store is opened to time the first screen (the median is reported).
    var launches: Int
    /// Key presses per action in the largest store.
    var presses: Presses
    /// How long VisiData may take to load a file fully before the benchmark stops waiting.
    var visiDataLoadLimit: Duration
    /// Sizes in MB of the single records the review UI opens (one turn holding nearly all of it).
    var hugeRecordMegabytes: [Int]
    /// The seed of every generated file.
    var seed: UInt64 = 1
    /// Measure only trove's review UI (first screens and key to frame), without import, parse, export
    /// or peers: for iterating on the UI against stores kept from an earlier run.
    var reviewOnly = false
    /// Measure only `trove label --where` over the largest store (and its undo), for iterating on the
    /// label SQL against a store kept from an earlier run.
    var labelOnly = false

    struct Presses {
        var move: Int
        var page: Int
        var open: Int
        var filter: Int
        var search: Int
    }

    /// The sizes: a 1 GB file, stores of 10k, 100k and 1M trajectories.
    static let full = BenchPlan(
        fileBytes: 1_000_000_000, storeCounts: [10_000, 100_000, 1_000_000], importLimit: 100_000, parseRepeats: 1,
        launches: 5,
        presses: Presses(move: 200, page: 200, open: 30, filter: 30, search: 30), visiDataLoadLimit: .seconds(300),
        hugeRecordMegabytes: [30, 300])

    /// Tiny sizes that exercise every step in seconds (CI).
    static let quick = BenchPlan(
        fileBytes: 2_000_000, storeCounts: [300, 600, 1500], importLimit: 600, parseRepeats: 3, launches: 2,
        presses: Presses(move: 10, page: 10, open: 3, filter: 3, search: 3), visiDataLoadLimit: .seconds(20),
        hugeRecordMegabytes: [1, 5])
}
