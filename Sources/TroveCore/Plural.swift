/// Counts in messages: `1 trajectory`, `3 trajectories`, `0 lines`.
public enum Plural {
    /// `count` and `noun`, plural (`s` added, or `plural` when given) unless `count` is one.
    public static func counted(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
    }

    /// `count` trajectories: the noun whose plural is irregular and in most messages.
    public static func trajectories(_ count: Int) -> String {
        counted(count, "trajectory", plural: "trajectories")
    }
}
