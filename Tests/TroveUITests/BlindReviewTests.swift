import Testing
import TroveCore
import TroveStore
import TroveTestSupport
import TroveUI

/// `--blind` hides the environment's reward and other reviewers' labels on every screen: list, header,
/// stats and history, and refuses filters on a reward.
@Suite struct BlindReviewTests {
    /// The fixtures, a record with an env reward of 0.25 and a model, `kowalski`'s acceptance with the
    /// reward 0.75 on it, and on `os_f1` `kowalski`'s acceptance then the reward 0.5 set by `me` (the only
    /// override there, so the decision's reward).
    static func labeledStore() throws -> Store {
        let directory = TemporaryDirectory()
        let record =
            #"{"id":"blind_1","model":"gpt-4","reward":0.25,"conversations":[{"from":"human","value":"Say hi."},{"from":"gpt","value":"hi"}]}"#
        let store = try ReviewSession.fixtureStore(extra: [directory.write("b.jsonl", record + "\n")])
        let rewardByOther = LabelChange(status: .accepted, reward: .set(0.75, reason: nil))
        _ = try store.applyLabel(rewardByOther, to: ["blind_1"], reviewer: "kowalski", origin: "test")
        _ = try store.applyLabel(.accept, to: ["os_f1"], reviewer: "kowalski", origin: "test")
        _ = try store.applyLabel(
            LabelChange(reward: .set(0.5, reason: nil)), to: ["os_f1"], reviewer: "me", origin: "test")
        return store
    }

    /// What a blind reviewer must never read: the env reward, the model, `kowalski`'s reward and name.
    static func expectNothingHidden(_ canvas: Canvas, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let text = canvas.lines.joined(separator: "\n")
        for hidden in ["0.25", "0.75", "gpt-4", "kowalski", "ENV", "env "] {
            #expect(!text.contains(hidden), "\(hidden) shows", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: ScreenSnapshotTests.sizes)
    func list(size: Size) throws {
        let store = try Self.labeledStore()
        let blind = ReviewSession.run(store, size: size, events: [], reviewer: "me", blind: true)
        assertSnapshot(blind.canvas, named: "blind-list")
        Self.expectNothingHidden(blind.canvas)
        // kowalski accepted os_f1 and `me` only set a reward: kowalski's decision stays hidden from `me`
        // until `me` decides, and with it the decision's reward. The row says pending, as every row `me`
        // has not decided does, so that nothing marks the rows someone else decided.
        let ownRow = try #require(blind.canvas.lines.first { $0.contains("os_f1") })
        #expect(ownRow.contains("pending") && !ownRow.contains("accepted") && !ownRow.contains("0.50"))
        #expect(!blind.canvas.lines.contains { $0.contains("hidden") })
        // The status bar counts no decisions: narrowed to one trajectory they would tell its decision.
        #expect(!blind.canvas.lines.contains { $0.contains("✓") || $0.contains("rejected") })
        let seeing = ReviewSession.run(store, size: Size(width: 120, height: 40), events: [], reviewer: "me")
        #expect(seeing.canvas.lines.contains { $0.contains("blind_1") && $0.contains("0.75") })
    }

    @Test(arguments: ScreenSnapshotTests.sizes)
    func header(size: Size) throws {
        let store = try Self.labeledStore()
        let blind = ReviewSession.run(
            store, size: size, events: Script.open("blind_1"), reviewer: "me", blind: true)
        assertSnapshot(blind.canvas, named: "blind-trajectory")
        Self.expectNothingHidden(blind.canvas)
        let own = ReviewSession.run(store, size: size, events: Script.open("os_f1"), reviewer: "me", blind: true)
        // The decision (kowalski's accept, the reward 0.50 it takes from `me`) stays hidden; `me`'s own
        // label is theirs to see.
        #expect(!own.canvas.lines[0].contains("accepted") && !own.canvas.lines[0].contains("· reward 0.50"))
        #expect(own.canvas.lines[0].contains("(you: pending, reward 0.50)") || size.width < 100)
        #expect(!own.canvas.lines[0].contains("hidden"))
        _ = try store.applyLabel(.reject, to: ["os_f1"], reviewer: "me", origin: "test")
        let decided = ReviewSession.run(store, size: size, events: Script.open("os_f1"), reviewer: "me", blind: true)
        #expect(decided.canvas.lines[0].contains("disputed") || size.width < 60)
    }

    @Test(arguments: ScreenSnapshotTests.sizes)
    func stats(size: Size) throws {
        let store = try Self.labeledStore()
        let blind = ReviewSession.run(
            store, size: size, events: Script.events(.key(.tab)), reviewer: "me", blind: true)
        assertSnapshot(blind.canvas, named: "blind-stats")
        Self.expectNothingHidden(blind.canvas)
        #expect(!blind.canvas.lines.contains { $0.contains("reward") || $0.contains("Reward histogram") })
        if size.height >= 40 { #expect(blind.canvas.lines.contains { $0.contains("Rewards hidden: blind review") }) }
    }

    /// The canvas with each event's time (`2026-11-30 02:03:16Z`, or `11-30 02:03Z` when narrow) masked:
    /// goldens must not depend on when the test ran.
    static func maskingTimes(_ canvas: Canvas) -> Canvas {
        var masked = canvas
        let time = /(\d{4}-)?\d\d-\d\d \d\d:\d\d(:\d\d)?Z/
        for (y, line) in canvas.lines.enumerated() {
            for match in line.matches(of: time) {
                let x = line.distance(from: line.startIndex, to: match.range.lowerBound)
                let mask = String(line[match.range].map { $0.isNumber ? "9" : $0 })
                masked.put(mask, at: Point(x: x, y: y), role: .dim)
            }
        }
        return masked
    }

    @Test(arguments: ScreenSnapshotTests.sizes)
    func history(size: Size) throws {
        let store = try Self.labeledStore()
        let keys = Script.open("os_f1") + Script.events(.keys("H"))
        let blind = ReviewSession.run(store, size: size, events: keys, reviewer: "me", blind: true)
        assertSnapshot(Self.maskingTimes(blind.canvas), named: "blind-history")
        Self.expectNothingHidden(blind.canvas)
        #expect(blind.runtime.state.history.map(\.reviewer) == ["me"])
        let seeing = ReviewSession.run(store, size: size, events: keys, reviewer: "me")
        #expect(seeing.runtime.state.history.map(\.reviewer) == ["kowalski", "me"])
    }

    /// `env_reward`, `reward` and `effective_reward` terms are refused with the reason; other terms work.
    @Test(arguments: ["env_reward>0.5", "task:db reward<1", "not effective_reward:none"])
    func rewardFiltersAreRefused(filter: String) throws {
        let store = try Self.labeledStore()
        let keys = Script.events(.keys("f"), .keys(filter), .key(.enter))
        let blind = ReviewSession.run(store, events: keys, reviewer: "me", blind: true)
        let prompt = try #require(blind.runtime.state.prompt)
        #expect(prompt.error?.contains("blind review hides the environment's reward") == true)
        #expect(blind.runtime.state.filter.expression == nil)
        if filter == "env_reward>0.5" { assertSnapshot(blind.canvas, named: "blind-filter-refused") }
        let allowed = ReviewSession.run(
            store, events: Script.events(.keys("f"), .keys("task:db"), .key(.enter)), reviewer: "me", blind: true)
        #expect(allowed.runtime.state.filter.source == "task:db")
    }

    /// Another reviewer's tags and note stay off the trajectory screen until the blind reviewer decides;
    /// their own show all along, and once they decide, the team's.
    /// QA: FireAct's `em` and `f1` (its reward is `em`) showed in the blind metadata view; other keys,
    /// `dataset` among them, still show (a ShareGPT `system` column is the run's system turn, not metadata).
    @Test func theMetadataViewHidesScoresAndMetrics() throws {
        let directory = TemporaryDirectory()
        let record =
            #"{"id":"fire_m","em":true,"f1":1.0,"final_metrics":{"verdict":"PASS"},"gt":"Paris","dataset":"s1","#
            + #""conversations":[{"from":"human","value":"Capital?"},{"from":"gpt","value":"Paris"}]}"#
        let store = try ReviewSession.fixtureStore(extra: [directory.write("m.jsonl", record + "\n")])
        let size = Size(width: 120, height: 40)
        let events = Script.open("fire_m") + Script.events(.keys("M"))
        let blind = ReviewSession.run(store, size: size, events: events, reviewer: "me", blind: true)
        let text = blind.canvas.lines.joined(separator: "\n")
        for hidden in ["\n  em ", "\n  f1 ", "verdict", "PASS"] { #expect(!text.contains(hidden), "\(hidden)") }
        #expect(text.contains("gt") && text.contains("s1"), "\(text)")
        let seeing = ReviewSession.run(store, size: size, events: events, reviewer: "me")
        #expect(seeing.canvas.lines.joined(separator: "\n").contains("PASS"))
    }

    /// QA: a SWE-agent dataset row's `target` (its reward) and `eval_logs` (whether the tests passed), and
    /// an Inspect sample's `output.model`, showed in the blind metadata view, and `/` found `PASSED` there.
    /// The member the reward was read from is hidden whatever its name, and a model's name wherever it sits;
    /// a `target` no reward was read from still shows.
    @Test func theMetadataViewHidesTheRewardsFieldEvalLogsAndNestedModels() throws {
        let directory = TemporaryDirectory()
        let row =
            #"{"instance_id":"swe_m","model_name":"swe-agent-llama-70b","target":true,"exit_status":"submitted","#
            + #""generated_patch":"diff","eval_logs":"test_a PASSED","trajectory":[{"role":"system","text":"s"},"#
            + #"{"role":"user","text":"Fix it."},{"role":"ai","text":"done"}]}"#
        let sample =
            #"{"id":"insp_m","epoch":1,"messages":[{"role":"user","content":"Q?"},{"role":"assistant","content":"A"}],"#
            + #""scores":{"match":{"value":"C"}},"output":{"model":"gpt-4o-mini-2024-07-18","stop":"end"},"#
            + #""metadata":{"generator":"gpt-4o-mini-2024-07-18","topic":"geo"}}"#
        let chat =
            #"{"id":"chat_m","target":"the capital","conversations":[{"from":"human","value":"Capital?"},"#
            + #"{"from":"gpt","value":"Paris"}]}"#
        let store = try ReviewSession.fixtureStore(extra: [
            directory.write("swe.jsonl", row + "\n"), directory.write("inspect.json", sample),
            directory.write("chat.jsonl", chat + "\n"),
        ])
        let size = Size(width: 120, height: 40)
        func metadata(_ id: String, blind: Bool, search: String? = nil) -> ReviewSession {
            let find = search.map { Script.events(.keys("/"), .keys($0), .key(.enter)) } ?? []
            return ReviewSession.run(
                store, size: size, events: Script.open(id) + Script.events(.keys("M")) + find,
                reviewer: blind ? "me" : "seer", blind: blind)
        }
        func text(_ session: ReviewSession) -> String { session.canvas.lines.joined(separator: "\n") }

        let swe = metadata("swe_m", blind: true)
        for hidden in ["target", "eval_logs", "PASSED", "llama"] {
            #expect(!text(swe).contains(hidden), "\(hidden) shows: \(text(swe))")
        }
        #expect(text(swe).contains("generated_patch") && text(swe).contains("exit_status"))
        let searched = metadata("swe_m", blind: true, search: "PASSED")
        #expect(searched.runtime.state.document?.hit?.line == nil)
        let inspect = metadata("inspect/insp_m_epoch_1", blind: true)
        #expect(!text(inspect).contains("gpt-4o"), "\(text(inspect))")
        #expect(!text(inspect).contains("scores"))
        #expect(text(inspect).contains(#"{"stop": "end"}"#) && text(inspect).contains(#"{"topic": "geo"}"#))
        #expect(text(metadata("chat_m", blind: true)).contains("the capital"))

        for (id, shown) in [("swe_m", "PASSED"), ("swe_m", "target"), ("inspect/insp_m_epoch_1", "gpt-4o-mini")] {
            #expect(text(metadata(id, blind: false)).contains(shown), "\(shown)")
        }
    }

    /// QA: the statistics screen counted the team's decisions per task, and a task of one trajectory
    /// named another reviewer's decision; blind, it counts the reviewer's own.
    @Test func statisticsCountOnlyTheReviewersOwnDecisions() throws {
        let store = try Self.labeledStore()
        let size = Size(width: 120, height: 40)
        let stats = ReviewSession.run(store, size: size, events: Script.events(.key(.tab)), reviewer: "me", blind: true)
        let text = stats.canvas.lines.joined(separator: "\n")
        #expect(text.contains("✓0") && !text.contains("✓1"), "\(text)")
        _ = try store.applyLabel(.reject, to: ["db_f1"], reviewer: "me", origin: "test")
        let mine = ReviewSession.run(store, size: size, events: Script.events(.key(.tab)), reviewer: "me", blind: true)
        let lines = mine.canvas.lines.joined(separator: "\n")
        #expect(lines.contains("✗1") && !lines.contains("✓1"), "\(lines)")
        let seeing = ReviewSession.run(store, size: size, events: Script.events(.key(.tab)), reviewer: "me")
        #expect(seeing.canvas.lines.joined().contains("✓1"))
    }

    @Test func anotherReviewersTagsAndNoteShowOnlyAfterTheReviewerDecides() throws {
        let store = try Self.labeledStore()
        let theirs = LabelChange(addTags: ["their-tag"], note: .set("their note"))
        _ = try store.applyLabel(theirs, to: ["blind_1"], reviewer: "kowalski", origin: "test")
        _ = try store.applyLabel(LabelChange(addTags: ["my-tag"]), to: ["blind_1"], reviewer: "me", origin: "test")
        let size = Size(width: 120, height: 40)
        let blind = ReviewSession.run(store, size: size, events: Script.open("blind_1"), reviewer: "me", blind: true)
        let text = blind.canvas.lines.joined(separator: "\n")
        #expect(!text.contains("their-tag") && !text.contains("their note"))
        #expect(text.contains("my-tag"))
        #expect(blind.canvas.lines[0].contains("pending"))
        let seeing = ReviewSession.run(store, size: size, events: Script.open("blind_1"), reviewer: "me")
        #expect(
            seeing.canvas.lines.joined().contains("their-tag") && seeing.canvas.lines.joined().contains("their note"))
        _ = try store.applyLabel(.reject, to: ["blind_1"], reviewer: "me", origin: "test")
        let decided = ReviewSession.run(store, size: size, events: Script.open("blind_1"), reviewer: "me", blind: true)
        #expect(
            decided.canvas.lines.joined().contains("their-tag") && decided.canvas.lines.joined().contains("their note"))
    }

    /// `status`, `tag` and `reviewer` terms would tell which trajectories other reviewers decided, tagged
    /// or labelled: refused with the reason.
    @Test(arguments: ["status:accepted", "task:db tag:wrong-answer", "reviewer:kowalski"])
    func labelFiltersAreRefused(filter: String) throws {
        let store = try Self.labeledStore()
        let keys = Script.events(.keys("f"), .keys(filter), .key(.enter))
        let blind = ReviewSession.run(store, events: keys, reviewer: "me", blind: true)
        let prompt = try #require(blind.runtime.state.prompt)
        #expect(prompt.error?.contains("blind review hides other reviewers' labels") == true)
        #expect(blind.runtime.state.filter.expression == nil)
    }

    /// A reward the environment states in an observation (FireAct's closing turn) reads `hidden`, and the
    /// record as imported (`R`), which holds the reward and the model, stays closed.
    @Test func aRewardStatedInAnObservationAndTheRawRecordAreHidden() throws {
        let record =
            #"{"id":"fire_1","conversations":[{"from":"human","value":"Question: Who?"},{"from":"gpt","value":"Thought: look\nAction: search[x]"},{"from":"human","value":"Observation: Episode finished, reward = True"}]}"#
        let other = record.replacingOccurrences(of: "fire_1", with: "fire_2")
            .replacingOccurrences(of: "search[x]", with: "search[y]")
        let directory = TemporaryDirectory()
        let store = try ReviewSession.fixtureStore(extra: [directory.write("f.jsonl", record + "\n" + other + "\n")])
        let size = Size(width: 120, height: 40)
        let blind = ReviewSession.run(
            store, size: size, events: Script.open("fire_1") + Script.events(.keys("R")), reviewer: "me", blind: true)
        let text = blind.canvas.lines.joined(separator: "\n")
        #expect(text.contains("reward = hidden") && !text.contains("reward = True"), "\(text)")
        #expect(blind.runtime.state.view.raw == false)
        #expect(blind.runtime.state.message?.text.contains("blind review hides the record as imported") == true)
        let seeing = ReviewSession.run(store, size: size, events: Script.open("fire_1"), reviewer: "me")
        #expect(seeing.canvas.lines.joined().contains("reward = True"))
        let diff = ReviewSession.run(
            store, size: size, events: Script.open("fire_1") + Script.events(.keys("="), .key(.enter)), reviewer: "me",
            blind: true)
        let diffText = diff.canvas.lines.joined(separator: "\n")
        #expect(diffText.contains("search y") && diffText.contains("reward = hidden"), "\(diffText)")
        #expect(!diffText.contains("reward = True"))
    }

    /// Another reviewer's turn masks and corrections stay off the trajectory screen, out of `e` and `d`,
    /// and out of the steps (parsed from the texts the reviewer reads), until the blind reviewer decides;
    /// their own show all along, and once they decide, the team's.
    @Test func anotherReviewersMasksAndCorrectionsShowOnlyAfterTheReviewerDecides() throws {
        let store = try ReviewSession.fixtureStore()
        let turns = try #require(try store.trajectory(id: "os_f1")?.parsed.steps.map(\.messageIndex))
        _ = try store.setTraining(.no, turn: turns[0], of: "os_f1", reviewer: "kowalski", origin: "test")
        let theirs = "Think: their fix.\n\nAct: answer(5)"
        _ = try store.setText(theirs, turn: turns[1], of: "os_f1", reviewer: "kowalski", origin: "test")
        _ = try store.setTraining(.no, turn: turns[2], of: "os_f1", reviewer: "me", origin: "test")
        let size = Size(width: 120, height: 60)
        let keys = Script.open("os_f1") + Script.events(.keys("]]ed"))
        let blind = ReviewSession.run(store, size: size, events: keys, reviewer: "me", blind: true)
        let text = blind.canvas.lines.joined(separator: "\n")
        #expect(!text.contains("their fix") && !text.contains("corrected (d diff)"))
        #expect(text.contains("Let me double check"))
        let document = try #require(blind.runtime.state.document)
        #expect(document.stored.turns == [TurnLabel(turn: turns[2], train: false)])
        #expect(document.stored.parsed.steps.map { $0.thought?.prefix(8) } == ["I should", "Let me d", "Four lin"])
        #expect(text.components(separatedBy: "masked: not trained").count == 2)
        // `e` opens the text as imported, not their correction; `d` finds no correction to show.
        #expect(blind.terminal.edited.count == 1 && blind.terminal.edited.allSatisfy { !$0.contains("their fix") })
        #expect(blind.terminal.paged.isEmpty)
        #expect(blind.runtime.state.message?.text == "step 2 (turn \(turns[1])) is not corrected: e corrects it")
        let seeing = ReviewSession.run(store, size: size, events: Script.open("os_f1"), reviewer: "me")
        let seen = seeing.canvas.lines.joined(separator: "\n")
        #expect(seen.contains("their fix") && seen.components(separatedBy: "masked: not trained").count == 3)
        _ = try store.applyLabel(.reject, to: ["os_f1"], reviewer: "me", origin: "test")
        let decided = ReviewSession.run(store, size: size, events: Script.open("os_f1"), reviewer: "me", blind: true)
        let (a, b) = (decided.runtime.state.document?.stored, seeing.runtime.state.document?.stored)
        #expect(a?.turns == b?.turns)
        #expect(a?.parsed == b?.parsed)
        #expect(a?.trajectory == b?.trajectory)
    }

    /// The list's search (`/`) and a `has:` or `observation:` filter do not find the words of a reward an
    /// observation states (they read `hidden` on screen), so they cannot pick out the rewarded runs.
    @Test func searchesDoNotFindAStatedRewardsValue() throws {
        func fire(_ id: String, _ value: String) -> String {
            #"{"id":"\#(id)","conversations":[{"from":"human","value":"Question: Who?"},{"from":"gpt","value":"Thought: look\nAction: search[x]"},{"from":"human","value":"Observation: Episode finished, reward = \#(value)"}]}"#
        }
        let directory = TemporaryDirectory()
        let store = try ReviewSession.fixtureStore(extra: [
            directory.write("f.jsonl", fire("fire_1", "True") + "\n" + fire("fire_2", "False") + "\n")
        ])
        let search = Script.events(.keys("/"), .keys("reward true"), .key(.enter))
        let blind = ReviewSession.run(store, events: search, reviewer: "me", blind: true)
        #expect(blind.runtime.state.currentRow?.id != "fire_1")
        #expect(
            blind.runtime.state.message?.text.hasPrefix("no trajectory in this list has “reward true” as whole words")
                == true)
        // Outside blind review the search lands on the first run rewarded so: the ReAct fixture's.
        let seeing = ReviewSession.run(store, events: search, reviewer: "me")
        #expect(seeing.runtime.state.currentRow?.id == "react_f1")
        let filter = Script.events(
            .keys("f"), .keys(#"id:fire* (has:"reward = True" or observation:true)"#), .key(.enter))
        let filtered = ReviewSession.run(store, events: filter, reviewer: "me", blind: true)
        #expect(filtered.runtime.state.list.window.rows.isEmpty)
        let unfiltered = ReviewSession.run(store, events: filter, reviewer: "me")
        #expect(unfiltered.runtime.state.list.window.rows.map(\.id) == ["fire_1"])
    }

    /// `v` pages the record as imported, which holds the reward and the model: refused as `R` is.
    @Test func theRecordIsNotPaged() throws {
        let store = try Self.labeledStore()
        let keys = Script.open("blind_1") + Script.events(.keys("v"))
        let blind = ReviewSession.run(store, events: keys, reviewer: "me", blind: true)
        #expect(blind.terminal.paged.isEmpty)
        #expect(blind.runtime.state.message?.text.contains("blind review hides the record as imported") == true)
        let seeing = ReviewSession.run(store, events: keys, reviewer: "me")
        #expect(seeing.terminal.paged.first?.contains("gpt-4") == true)
    }

    /// The tag menu's marks and the note prompt show the reviewer's own label, not the team's (blind or
    /// not: the prompt changes only the reviewer's own note, and Enter must not copy another's); the list
    /// does not sort by the hidden decision; the run diff redacts a stated reward.
    @Test func tagsNoteSortAndDiffKeepAnotherReviewersJudgementHidden() throws {
        let store = try Self.labeledStore()
        let theirs = LabelChange(addTags: ["their-tag"], note: .set("their note"))
        _ = try store.applyLabel(theirs, to: ["blind_1"], reviewer: "kowalski", origin: "test")
        let size = Size(width: 120, height: 40)
        let tags = ReviewSession.run(
            store, size: size, events: Script.open("blind_1") + Script.events(.keys("t")), reviewer: "me", blind: true)
        #expect(tags.runtime.state.prompt?.tagMarks == TagMarks())
        // QA: the menu listed another reviewer's tag names, which tell their judgement as a filter would.
        #expect(!tags.runtime.state.tagSet.contains("their-tag"))
        #expect(!tags.canvas.lines.contains { $0.contains("their-tag") })
        let note = ReviewSession.run(
            store, size: size, events: Script.open("blind_1") + Script.events(.keys("c")), reviewer: "me", blind: true)
        #expect(note.runtime.state.prompt?.editor.text.isEmpty == true)
        let seeing = ReviewSession.run(
            store, size: size, events: Script.open("blind_1") + Script.events(.keys("c")), reviewer: "me")
        #expect(seeing.runtime.state.prompt?.editor.text.isEmpty == true)
        #expect(seeing.canvas.lines.contains { $0.contains("their note") })
        for presses in 1...ListColumn.allCases.count {
            let sorts = ReviewSession.run(
                store, events: Script.events(.keys(String(repeating: "s", count: presses))), reviewer: "me", blind: true
            )
            #expect(sorts.runtime.state.sort.column != .status)
        }
    }

    /// After a decision, blind review moves on to the next trajectory the reviewer has not decided, also
    /// one another reviewer decided (whose team decision is no longer pending); `D` is refused.
    @Test func advancingSkipsOnlyTheReviewersOwnDecisions() throws {
        let store = try ReviewSession.store(ids: ["b1", "b2", "b3", "b4"])
        _ = try store.applyLabel(.accept, to: ["b2"], reviewer: "kowalski", origin: "test")
        _ = try store.applyLabel(.reject, to: ["b3"], reviewer: "me", origin: "test")
        let blind = ReviewSession.run(store, events: Script.events(.keys("a")), reviewer: "me", blind: true)
        #expect(blind.runtime.state.currentRow?.id == "b2")
        let seeing = ReviewSession.run(store, events: Script.events(.keys("a")), reviewer: "other")
        #expect(seeing.runtime.state.currentRow?.id == "b4")
        let disputed = ReviewSession.run(store, events: Script.events(.keys("D")), reviewer: "me", blind: true)
        #expect(disputed.runtime.state.message?.text.contains("blind review hides the decisions") == true)
    }

    /// A blind session restored with a reward sort falls back to import order.
    @Test func aSavedRewardSortIsNotRestored() throws {
        let store = try Self.labeledStore()
        try store.saveReviewState(
            ReviewSessionState(trajectoryID: nil, filter: "", sort: ListSort(column: .envReward)), for: "me")
        let blind = ReviewSession.run(store, events: [], reviewer: "me", blind: true)
        #expect(blind.runtime.state.sort == ListSort())
    }
}
