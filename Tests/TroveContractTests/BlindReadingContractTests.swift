import Foundation
import Testing
import TroveCore
import TrovePostgres
import TroveStore
import TroveTestSupport

/// What a blind reviewer reads is the same on both backends, and hides what blind review hides: other
/// reviewers' turn masks and corrections until the reviewer decides, and the value of a reward a turn
/// states, from the trajectory (excerpt, turn texts, text pages) and from the filters and searches that
/// select trajectories.
@Suite struct BlindReadingContractTests {
    /// FireAct-like runs, each closing on the environment's stated reward: `fire_1` rewarded (a short,
    /// shared text), `fire_2` not, `fire_3` not but saying `True` elsewhere in its closing turn (a text
    /// of its own).
    static let records = [
        (
            "fire_1", "Question: Who wrote it?", "Thought: look\nAction: search[x]",
            "Observation: Episode finished, reward = True"
        ),
        (
            "fire_2", "Question: Who wrote it?", "Thought: look\nAction: search[y]",
            "Observation: Episode finished, reward = False"
        ),
        (
            "fire_3", "Question: Is the claim right?", "Thought: check\nAction: search[z]",
            "Observation: The page says the claim is True. Episode finished, reward = 0"
        ),
    ]

    /// A store on `backend` holding ``records``, and the review UI's view of it.
    static func store(_ backend: TestBackend) throws -> (BackendStore, any TrajectorySource & LabelSink) {
        let directory = TemporaryDirectory()
        let lines = records.map { id, question, turn, observation in
            let messages = [("human", question), ("gpt", turn), ("human", observation)].map { from, value in
                #"{"from":"\#(from)","value":"\#(value.replacingOccurrences(of: "\n", with: "\\n"))"}"#
            }
            return #"{"id":"\#(id)","conversations":[\#(messages.joined(separator: ","))]}"#
        }
        let store = try BackendStore(backend)
        try store.importFiles([directory.write("fire.jsonl", lines.joined(separator: "\n") + "\n")])
        let source: any TrajectorySource & LabelSink =
            if let postgres = store.postgresStore { postgres } else { try Store.open(path: store.sqlitePath) }
        return (store, source)
    }

    /// The ids `filter` lists for `reviewer`'s blind review (nil: not blind).
    static func ids(_ source: any TrajectorySource, _ filter: String, blind reviewer: String? = "me") throws
        -> [String]
    {
        let parsed = try Filter.parse(filter, blindReviewer: reviewer)
        return try source.rows(matching: parsed, sortedBy: ListSort(), after: nil, limit: 10).map(\.id)
    }

    /// A search finds a stated reward's words only outside blind review; the same words elsewhere, in
    /// the same turn too, are found in it.
    @Test(arguments: TestBackend.available)
    func searchesDoNotMatchAStatedRewardsValue(backend: TestBackend) throws {
        let (_, source) = try Self.store(backend)
        let cases: [(filter: String, blind: [String], seeing: [String])] = [
            (#"has:"reward = True""#, [], ["fire_1"]),
            (#"has:"reward true""#, [], ["fire_1"]),
            ("has:true", ["fire_3"], ["fire_1", "fire_3"]),
            (#"has:"reward 0""#, [], ["fire_3"]),
            (#"has:"true episode""#, ["fire_3"], ["fire_3"]),
            (#"has:"episode finished""#, ["fire_1", "fire_2", "fire_3"], ["fire_1", "fire_2", "fire_3"]),
            ("has:reward", ["fire_1", "fire_2", "fire_3"], ["fire_1", "fire_2", "fire_3"]),
            (#"not has:"reward true""#, ["fire_1", "fire_2", "fire_3"], ["fire_2", "fire_3"]),
            (#"has:false or has:"search x""#, ["fire_1"], ["fire_1", "fire_2"]),
            (#"observation:"reward = True""#, [], ["fire_1"]),
            ("observation:true", ["fire_3"], ["fire_1", "fire_3"]),
            (#"observation:"= 0""#, [], ["fire_3"]),
            ("observation:episode", ["fire_1", "fire_2", "fire_3"], ["fire_1", "fire_2", "fire_3"]),
        ]
        for (filter, blind, seeing) in cases {
            #expect(try Self.ids(source, filter) == blind, "\(filter)")
            #expect(try Self.ids(source, filter, blind: nil) == seeing, "\(filter)")
        }
        // The counts and a batch's preview select what the list shows.
        let rewarded = try Filter.parse("has:true", blindReviewer: "me")
        let counts = try source.listCounts(
            matching: rewarded, sortedBy: ListSort(), before: nil, storeTotal: nil, onOwnConnection: false,
            shouldStop: { false })
        #expect(counts.counts.pending == 1)
        #expect(try source.previewLabel(.accept, matching: rewarded, reviewer: "me", limit: 5).firstIDs == ["fire_3"])
    }

    /// `masked` selects the masks the blind reviewer reads: their own until they decide, then the team's.
    @Test(arguments: TestBackend.available)
    func maskedMeansTheReviewersOwnMasksUntilTheyDecide(backend: TestBackend) throws {
        let (_, source) = try Self.store(backend)
        _ = try source.setTraining(.no, turn: 1, of: "fire_1", reviewer: "kowalski", origin: "test")
        _ = try source.setTraining(.no, turn: 1, of: "fire_2", reviewer: "me", origin: "test")
        #expect(try Self.ids(source, "masked") == ["fire_2"])
        #expect(try Self.ids(source, "masked:no") == ["fire_1", "fire_3"])
        #expect(try Self.ids(source, "masked", blind: nil) == ["fire_1", "fire_2"])
        _ = try source.applyLabel(.accept, to: ["fire_1"], reviewer: "me", origin: "test")
        #expect(try Self.ids(source, "masked") == ["fire_1", "fire_2"])
    }

    /// The excerpt and turn texts carry the blind reviewer's own masks and corrections, with the steps
    /// parsed from the texts they read, until they decide; then the team's, as outside blind review.
    @Test(arguments: TestBackend.available)
    func theExcerptCarriesTheReviewersOwnTurnsUntilTheyDecide(backend: TestBackend) throws {
        let (_, source) = try Self.store(backend)
        _ = try source.setText("Thought: mine\nAction: search[v]", turn: 1, of: "fire_1", reviewer: "me", origin: "t")
        _ = try source.setText(
            "Thought: theirs\nAction: search[w]", turn: 1, of: "fire_1", reviewer: "kowalski", origin: "t")
        _ = try source.setTraining(.no, turn: 1, of: "fire_1", reviewer: "kowalski", origin: "t")
        _ = try source.setText(
            "Thought: theirs\nAction: search[u]", turn: 1, of: "fire_2", reviewer: "kowalski", origin: "t")
        func read(_ id: String, blind: String?) throws -> StoredTrajectory {
            try #require(try source.excerpt(id: id, textBudget: 1 << 16, blindReviewer: blind)).stored
        }
        let team = try read("fire_1", blind: nil)
        #expect(team.parsed.steps.first?.action?.argument == "w" && team.maskedTurns == [1])
        let own = try read("fire_1", blind: "me")
        #expect(own.turns == [TurnLabel(turn: 1, train: nil, text: "Thought: mine\nAction: search[v]")])
        #expect(own.parsed.steps.first?.action?.argument == "v" && own.parsed.steps.first?.thought == "mine")
        #expect(own.trajectory.messages[1].text == "Thought: mine\nAction: search[v]")
        #expect(try source.turnText(of: "fire_1", turn: 1, blindReviewer: "me")?.corrected?.contains("mine") == true)
        // Another's correction alone: the turn as imported, parsed as imported.
        let imported = try read("fire_2", blind: "me")
        #expect(imported.turns.isEmpty && imported.parsed.steps.first?.action?.argument == "y")
        #expect(imported.trajectory.messages[1].text == "Thought: look\nAction: search[y]")
        #expect(try source.turnText(of: "fire_2", turn: 1, blindReviewer: "me")?.corrected == nil)
        #expect(try source.turnText(of: "fire_2", turn: 1, blindReviewer: nil)?.corrected != nil)
        _ = try source.applyLabel(.reject, to: ["fire_1"], reviewer: "me", origin: "t")
        let decided = try read("fire_1", blind: "me")
        #expect(decided.turns == team.turns && decided.parsed.steps.map(\.action) == team.parsed.steps.map(\.action))
    }

    /// A stated reward reads `hidden` in a blind reviewer's excerpt and pages, also where the excerpt's
    /// budget or a page's bounds cut its value.
    @Test(arguments: TestBackend.available)
    func aStatedRewardIsHiddenWhereverATextIsCut(backend: TestBackend) throws {
        let (_, source) = try Self.store(backend)
        let text = "Observation: Episode finished, reward = True"
        let value = try #require(
            text.utf8.firstIndex(of: UInt8(ascii: "T")).map { text.utf8.distance(from: text.utf8.startIndex, to: $0) })
        let whole = try #require(try source.excerpt(id: "fire_1", textBudget: 1 << 16, blindReviewer: "me"))
        #expect(whole.stored.trajectory.messages[2].text == "Observation: Episode finished, reward = hidden")
        #expect(whole.stored.parsed.steps.first?.observation == "Episode finished, reward = hidden")
        let cut = try #require(try source.excerpt(id: "fire_1", textBudget: value + 2, blindReviewer: "me"))
        #expect(cut.stored.trajectory.messages[2].text == "Observation: Episode finished, reward = hidden")
        let seeing = try #require(try source.excerpt(id: "fire_1", textBudget: value + 2, blindReviewer: nil))
        #expect(seeing.stored.trajectory.messages[2].text.hasSuffix("reward = Tr"))
        let tail = try #require(
            try source.textPage(of: "fire_1", message: 2, bytes: value + 2..<100, blindReviewer: "me"))
        #expect(tail.text == "hidden" && tail.offset == value + 2)
        let head = try #require(
            try source.textPage(of: "fire_1", message: 2, bytes: 0..<value + 2, blindReviewer: "me"))
        #expect(head.text == "Observation: Episode finished, reward = hidden")
        #expect(try source.textPage(of: "fire_1", message: 2, bytes: value + 2..<100, blindReviewer: nil)?.text == "ue")
        // An agent's turn is its own words: never redacted.
        #expect(
            try source.textPage(of: "fire_1", message: 1, bytes: 0..<100, blindReviewer: "me")?.text.contains(
                "search[x]") == true)
    }
}
