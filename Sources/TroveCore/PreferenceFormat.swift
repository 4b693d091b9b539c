/// The record layouts of `trove export` that pair or label whole runs for preference training.
public enum PreferenceFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// TRL's conversational preference format: `{"prompt": [...], "chosen": [...], "rejected": [...]}`,
    /// one line per pair of runs of one task instance.
    case dpo
    /// TRL's conversational unpaired preference format: `{"prompt": [...], "completion": [...], "label"}`,
    /// one line per kept (`true`) or rejected (`false`) run.
    case kto
}
