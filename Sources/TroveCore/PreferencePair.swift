/// A preferred and a dispreferred continuation of one prompt, cut from two runs of one task instance.
///
/// The prompt is the runs' shared prefix of messages, compared directly (role, text, tool calls and the
/// call a tool result answers; the `loss` flag and the record's role spelling do not count), up to the
/// agent turn where they part: the last agent turn at or before the first message that differs. So the
/// prompt ends before an agent turn and both continuations start with one, as TRL requires (it checks
/// that the templated prompt is a prefix of prompt + continuation). The step alignment
/// (``RunAlignment``) is not used: it matches normalized actions, and two turns with one action but
/// different thoughts must not be put into a prompt both continuations share.
///
/// When the runs part before any agent turn follows a shared message (web agents: the first page
/// differs in its element ids), no prompt is shared up to an agent turn; the prompt is then the chosen
/// run's messages before its first agent turn after the parting, and each continuation starts at its
/// own run's first agent turn after it (``sharesPrompt`` is false).
///
/// ```swift
/// if let pair = PreferencePair(chosen: good.messages, rejected: bad.messages) {
///     pair.prompt  // the messages both runs begin with
///     pair.chosen  // the good run from the agent turn where they part
/// }
/// ```
public struct PreferencePair: Sendable, Hashable {
    public var prompt: [Message]
    public var chosen: [Message]
    public var rejected: [Message]
    /// The prompt is both runs' own beginning; false when it is the chosen run's (see above).
    public var sharesPrompt: Bool

    /// The pair of two runs' messages; nil when they are equal, share no first message, or one of them
    /// has no agent turn after the parting.
    public init?(chosen: [Message], rejected: [Message]) {
        var first = 0
        while first < chosen.count, first < rejected.count, Self.same(chosen[first], rejected[first]) { first += 1 }
        guard first > 0, first < max(chosen.count, rejected.count) else { return nil }
        var cut = first
        while cut > 0, !(Self.isAgent(chosen, cut) && Self.isAgent(rejected, cut)) { cut -= 1 }
        if cut > 0 {
            prompt = Array(chosen[..<cut])
            self.chosen = Array(chosen[cut...])
            self.rejected = Array(rejected[cut...])
            sharesPrompt = true
            return
        }
        guard let chosenCut = chosen[first...].firstIndex(where: { $0.role == .agent }),
            let rejectedCut = rejected[first...].firstIndex(where: { $0.role == .agent })
        else { return nil }
        prompt = Array(chosen[..<chosenCut])
        self.chosen = Array(chosen[chosenCut...])
        self.rejected = Array(rejected[rejectedCut...])
        sharesPrompt = false
    }

    private static func isAgent(_ messages: [Message], _ index: Int) -> Bool {
        index < messages.count && messages[index].role == .agent
    }

    private static func same(_ left: Message, _ right: Message) -> Bool {
        left.role == right.role && left.text == right.text && left.toolCalls == right.toolCalls
            && left.toolCallID == right.toolCallID
    }

    /// At most `limit` of `candidates`, in their order: all of them when there are no more, else a
    /// choice by a shuffle seeded with `seed` and `group`, so each group's choice stays the same when
    /// other groups come or go.
    public static func choose<T>(_ candidates: [T], limit: Int, seed: UInt64, group: String) -> [T] {
        guard candidates.count > limit else { return candidates }
        var generator = SeededGenerator(seed: seed ^ StableHash.fnv1a(group))
        let picked = Array(candidates.indices.shuffled(using: &generator).prefix(limit)).sorted()
        return picked.map { candidates[$0] }
    }
}
