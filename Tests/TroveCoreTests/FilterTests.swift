import Testing

@testable import TroveCore

@Suite struct FilterTests {
    // MARK: - Good expressions

    @Test(arguments: [
        ("", ""),
        ("   ", ""),
        (
            "task:db status:pending reward<1 flag:no-answer steps>5",
            "task:db status:pending reward<1 flag:no-answer steps>5"
        ),
        ("TASK:db AND Status:Pending", "task:db status:pending"),
        ("task:a and not task:b or task:c", "task:a not task:b or task:c"),
        ("task:a or task:b task:c", "task:a or task:b task:c"),
        ("(task:a or task:b) task:c", "(task:a or task:b) task:c"),
        ("task:a (task:b task:c)", "task:a (task:b task:c)"),
        ("task:a or (task:b or task:c)", "task:a or (task:b or task:c)"),
        ("((task:a))", "task:a"),
        ("not (task:a task:b)", "not (task:a task:b)"),
        ("NOT not task:a", "task:a"),
        ("not - -task:a", "not task:a"),
        ("-flag:no-answer", "not flag:no-answer"),
        ("- flag:no-answer -tag:x", "not flag:no-answer not tag:x"),
        ("reward <= 0.5", "reward<=0.5"),
        ("reward:2/3", "reward:0.6666666666666666"),
        ("reward:1.0 env_reward>.25", "reward:1 env_reward>0.25"),
        ("reward>1e-5", "reward>1e-05"),
        ("reward:none env_reward!=NONE", "reward:none env_reward!=none"),
        ("reward:\"0.5\"", "reward:0.5"),
        ("reviewer:none", "reviewer:none"),
        ("reviewer:\"none\"", "reviewer:\"none\""),
        ("has:\"one\"", "has:one"),
        (#"has:"say \"hi\" \\ now""#, #"has:"say \"hi\" \\ now""#),
        (#"has:"(x)" observation:"\"\"""#, #"has:"(x)" observation:"\"\"""#),
        ("tag:and tag:or", "tag:and tag:or"),
        ("id:webshop_1* id=a:b task!=kg?", "id:webshop_1* id=a:b task!=kg?"),
        ("status:ACCEPTED flag:Label-Leak dialect:ReAct", "status:accepted flag:label-leak dialect:react"),
        ("turns>=4 steps!=3 steps<+2", "turns>=4 steps!=3 steps<2"),
        ("task:\"\"", "task:\"\""),
        ("tag:café", "tag:café"),
    ])
    func parsesToCanonicalText(input: String, canonical: String) throws {
        let filter = try Filter.parse(input)
        #expect(filter.source == input)
        #expect(filter.description == canonical)
        let reparsed = try Filter.parse(canonical)
        #expect(reparsed.expression == filter.expression)
        #expect(reparsed.description == canonical)
    }

    /// QA: 1,500 nested parentheses crashed trove (the parser's recursion), and 16 levels of
    /// `(task:db or (steps>N` failed on SQLite only ("parser stack overflow") while PostgreSQL answered. A
    /// filter nests at most 12 levels, refused with a caret on both backends alike; a run of negations is
    /// one negation or none, and a chain or redundant parentheses nest nothing.
    @Test func aFilterNestsAtMostTwelveLevels() throws {
        func alternating(_ levels: Int) -> String {
            (0..<levels).map { "(task:db or (steps>\($0)" }.joined(separator: " ")
                + String(repeating: "))", count: levels)
        }
        #expect(try Filter.parse(alternating(6)).expression?.nesting == 11)
        #expect(try Filter.parse("not " + alternating(6)).expression?.nesting == 12)
        // The caret is under the parentheses that go past the limit.
        let text = "task:os or " + alternating(7)
        let deep = try #require(throws: FilterError.self) { try Filter.parse(text) }
        #expect(
            deep.message.text.hasPrefix("the filter nests 13 levels of and / or / not / parentheses; trove takes 12"))
        #expect(deep.range == 11..<text.count)

        let crashed = String(repeating: "(", count: 2000) + "task:db" + String(repeating: ")", count: 2000)
        let refused = try #require(throws: FilterError.self) { try Filter.parse(crashed) }
        #expect(refused.range == 64..<65)
        #expect(refused.message.text.hasPrefix("more than 64 parentheses open at once"))
        #expect(
            try Filter.parse(String(repeating: "(", count: 60) + "task:db" + String(repeating: ")", count: 60))
                .expression == .predicate(.init(field: .task, comparison: .colon, value: .string("db"))))
        #expect(try Filter.parse(String(repeating: "not ", count: 101) + "task:db").expression?.nesting == 1)
        #expect(try Filter.parse((0..<5000).map { "id:x\($0)" }.joined(separator: " or ")).expression?.nesting == 1)
    }

    /// QA: the caret stood three columns short after `数据库` (two columns each on a terminal), and under a
    /// filter's second line it was indented by the first line's length.
    @Test func theCaretCountsColumnsOnTheErrorsLine() throws {
        let wide = try #require(throws: FilterError.self) { try Filter.parse(#"has:"数据库" rewrd<1"#) }
        #expect(wide.caretLine { $0.isASCII ? 1 : 2 } == String(repeating: " ", count: 13) + "^^^^^")
        let lines = try #require(throws: FilterError.self) { try Filter.parse("task:db\n  rewrd<1") }
        #expect(lines.description.hasPrefix("task:db\n  rewrd<1\n  ^^^^^ unknown field 'rewrd'"))
        let first = try #require(throws: FilterError.self) { try Filter.parse("rewrd<1\ntask:db") }
        #expect(first.description.hasPrefix("rewrd<1\n^^^^^ unknown field 'rewrd'"))
        #expect(first.description.hasSuffix("\ntask:db"))
    }

    @Test func emptyFilterHasNoExpression() throws {
        #expect(try Filter.parse("").expression == nil)
        #expect(try Filter.parse(" \t ").expression == nil)
    }

    @Test func notBindsTighterThanAndWhichBindsTighterThanOr() throws {
        let a = predicate(.task, "a")
        let b = predicate(.task, "b")
        let c = predicate(.task, "c")
        #expect(try Filter.parse("task:a or task:b task:c").expression == .or(a, .and(b, c)))
        #expect(try Filter.parse("task:a task:b or task:c").expression == .or(.and(a, b), c))
        #expect(try Filter.parse("task:a and task:b or task:c").expression == .or(.and(a, b), c))
        #expect(try Filter.parse("not task:a task:b").expression == .and(.not(a), b))
        #expect(try Filter.parse("-task:a or task:b").expression == .or(.not(a), b))
        #expect(try Filter.parse("task:a task:b task:c").expression == .and(.and(a, b), c))
        #expect(try Filter.parse("not (task:a or task:b)").expression == .not(.or(a, b)))
    }

    @Test func readsValuesByField() throws {
        let filter = try Filter.parse(#"reward:none reviewer:none reviewer:"none" steps>5 has:"a \"b\"" tag:none"#)
        let expected = FilterExpression.and(
            .and(
                .and(
                    .and(
                        .and(
                            .predicate(FilterPredicate(field: .reward, comparison: .colon, value: .unknown)),
                            .predicate(FilterPredicate(field: .reviewer, comparison: .colon, value: .unknown))),
                        predicate(.reviewer, "none")),
                    .predicate(FilterPredicate(field: .steps, comparison: .greater, value: .number(5)))),
                predicate(.has, "a \"b\"")),
            predicate(.tag, "none"))
        #expect(filter.expression == expected)
    }

    @Test func filterBuiltFromAnExpressionHasItsCanonicalSource() throws {
        let pending = try #require(try Filter.parse("status:pending").expression)
        let user = try #require(try Filter.parse("task:a or task:b").expression)
        let filter = Filter(.and(pending, user))
        #expect(filter.source == "status:pending (task:a or task:b)")
        #expect(try Filter.parse(filter.source).expression == filter.expression)
        #expect(Filter(nil).source.isEmpty)
    }

    // MARK: - Bad expressions

    @Test(arguments: [
        ("rewrd<1", FilterError.Message.unknownField("rewrd"), 0..<5),
        ("timeout", .notAFilter("timeout"), 0..<7),
        ("reward", .expectedComparison(after: .reward), 6..<6),
        ("reward 0.5", .expectedComparison(after: .reward), 7..<10),
        ("status<pending", .comparisonNotAllowed(.less, field: .status), 6..<7),
        ("reward<", .expectedValue(after: "reward<"), 7..<7),
        ("task:(db)", .expectedValue(after: "task:"), 5..<6),
        ("reward<abc", .expectedNumber(after: "reward<"), 7..<10),
        ("reward<none", .expectedNumber(after: "reward<"), 7..<11),
        ("reward>nan", .expectedNumber(after: "reward>"), 7..<10),
        ("reward:1/0", .expectedNumber(after: "reward:"), 7..<10),
        ("reward:1.5", .rewardOutOfRange, 7..<10),
        ("env_reward>=4/3", .rewardOutOfRange, 12..<15),
        ("steps>2.5", .expectedWholeNumber(after: "steps>"), 6..<9),
        (
            "status:pendng",
            .unknownName("pendng", of: .status, names: ["pending", "accepted", "rejected", "disputed"]), 7..<13
        ),
        (
            "flag:no_answer",
            .unknownName("no_answer", of: .flag, names: QualityFlag.allCases.map(\.rawValue)), 5..<14
        ),
        ("dialect:sql", .unknownName("sql", of: .dialect, names: Dialect.allCases.map(\.rawValue)), 8..<11),
        ("has:\"\"", .emptySearch(after: "has:"), 4..<6),
        ("thought:\"\"", .emptySearch(after: "thought:"), 8..<10),
        ("observation!=\"\"", .emptySearch(after: "observation!="), 13..<15),
        ("has:\"--\"", .noWords("--", after: "has:", stepFieldsMatch: true), 4..<8),
        ("has!=[]", .noWords("[]", after: "has!=", stepFieldsMatch: true), 5..<7),
        ("context:\"`\"", .noWords("`", after: "context:", stepFieldsMatch: false), 8..<11),
        ("(task:a", .unbalancedParenthesis, 0..<1),
        ("task:a)", .unbalancedParenthesis, 6..<7),
        (")", .unbalancedParenthesis, 0..<1),
        ("(task:a (task:b)", .unbalancedParenthesis, 0..<1),
        ("()", .emptyParentheses, 0..<2),
        ("task:a and", .expectedFilter(after: "and"), 10..<10),
        ("task:a (not)", .expectedFilter(after: "not"), 11..<12),
        ("task:a -", .expectedFilter(after: "-"), 8..<8),
        ("or task:a", .expectedFilter(before: "or"), 0..<2),
        ("task:a or AND task:b", .expectedFilter(before: "AND"), 10..<13),
        (":db", .expectedField(before: .colon), 0..<1),
        ("\"db\"", .valueWithoutField, 0..<4),
        ("has:\"abc", .unterminatedString, 4..<8),
        ("has:\"abc\\", .unterminatedString, 4..<9),
        (#"has:"a\nb""#, .invalidEscape("n"), 6..<8),
        ("reward!1", .loneExclamationMark, 6..<7),
        ("tag:café rewrd<1", .unknownField("rewrd"), 9..<14),
    ])
    func reportsTheOffendingToken(input: String, message: FilterError.Message, range: Range<Int>) {
        #expect(throws: FilterError(input: input, range: range, message: message)) {
            try Filter.parse(input)
        }
    }

    /// Blind review refuses every term on a reward, pointing at its field; without `blind` they parse.
    @Test(arguments: [
        ("env_reward:1", 0..<10), ("task:db REWARD<0.5", 8..<14), ("(not effective_reward:none)", 5..<21),
    ])
    func blindReviewRefusesRewardTerms(input: String, range: Range<Int>) throws {
        let refused = try #require(throws: FilterError.self) { try Filter.parse(input, blindReviewer: "me") }
        #expect(refused.range == range)
        #expect(refused.message.text.hasPrefix("blind review hides the environment's reward, so '"))
        #expect(try Filter.parse("task:db has:reward steps>2", blindReviewer: "me").expression != nil)
        if !input.contains("effective") { #expect(try Filter.parse(input).expression != nil) }
    }

    /// Blind review refuses terms on other reviewers' labels (decision, tags, who labelled), saying so.
    @Test(arguments: [("status:accepted", 0..<6), ("task:db TAG:x", 8..<11), ("not reviewer:none", 4..<12)])
    func blindReviewRefusesLabelTerms(input: String, range: Range<Int>) throws {
        let refused = try #require(throws: FilterError.self) { try Filter.parse(input, blindReviewer: "me") }
        #expect(refused.range == range)
        #expect(refused.message.text.hasPrefix("blind review hides other reviewers' labels, so '"))
        #expect(try Filter.parse(input).expression != nil)
    }

    /// Blind review's `queue:` and `assigned:` take the reviewer's own name only: another's queue would
    /// tell what they decided.
    @Test func blindReviewTakesOnlyTheReviewersOwnQueue() throws {
        #expect(try Filter.parse("queue:me", blindReviewer: "me").expression != nil)
        #expect(try Filter.parse("assigned:me not queue:me", blindReviewer: "me").expression != nil)
        let refused = try #require(throws: FilterError.self) {
            try Filter.parse("assigned:bo not queue:bo", blindReviewer: "me")
        }
        #expect(refused.range == 9..<11)
        #expect(refused.message.text.hasPrefix("blind review hides other reviewers' work, so 'assigned'"))
        #expect(try Filter.parse("assigned:bo not queue:bo").expression != nil)
    }

    /// A filter parsed in blind review reads trajectories as its reviewer may; narrowing it (the list's
    /// search, moving to the next pending) keeps that, and `read(by:)` gives any filter a reader.
    @Test func aBlindFilterKeepsItsReader() throws {
        let blind = try Filter.parse("task:db", blindReviewer: "me")
        #expect(blind.blindReviewer == "me")
        #expect(try Filter.parse("task:db").blindReviewer == nil)
        let narrowed = blind.narrowed(by: try #require(FilterPredicate.has("reward true")))
        #expect(narrowed.blindReviewer == "me" && narrowed.source == #"task:db has:"reward true""#)
        #expect(Filter(nil).read(by: "me").blindReviewer == "me")
        #expect(blind.read(by: nil) == (try Filter.parse("task:db")))
    }

    /// Only a phrase with a word that could be one of a stated value's (`true`, `false`, a number's
    /// digits, a hexadecimal number's letters, or any word outside ASCII, which an index may fold) is
    /// looked up for blind review; the others cannot match inside one.
    @Test(arguments: [
        ("reward true", true), ("FALSE", true), ("error 404", true), ("0.5", true), ("face", true),
        ("trüe", true), ("episode finished", false), ("reward", false), ("permission denied", false),
        ("--force", false),
    ])
    func phrasesThatMayMatchAStatedValue(phrase: String, may: Bool) {
        #expect(HiddenMatches.mayMatchAValue(phrase) == may)
    }

    @Test func errorDescriptionPutsCaretsUnderTheToken() throws {
        let unknownField = try #require(throws: FilterError.self) { try Filter.parse("task:db rewrd<1") }
        #expect(
            unknownField.description == """
                task:db rewrd<1
                        ^^^^^ unknown field 'rewrd' (did you mean 'reward'?)
                """)
        // Far from every field, the error lists them.
        let far = try #require(throws: FilterError.self) { try Filter.parse("foo:bar") }
        #expect(
            far.description == """
                foo:bar
                ^^^ unknown field 'foo' (fields: task, id, status, reward, env_reward, steps, turns, \
                flag, tag, reviewer, has, dialect, outcome, context, thought, action, \
                observation, answer, group, assigned, queue, masked, decided)
                """)

        let missing = try #require(throws: FilterError.self) { try Filter.parse("task:a and") }
        #expect(
            missing.description == """
                task:a and
                          ^ expected a filter after 'and'
                """)

        let status = try #require(throws: FilterError.self) { try Filter.parse("\ttask:db status:done") }
        #expect(status.caretLine() == "\t               ^^^^")
        #expect(status.message.text == "unknown status 'done' (one of: pending, accepted, rejected, disputed)")

        let comparison = try #require(throws: FilterError.self) { try Filter.parse("flag>no-answer") }
        #expect(comparison.description == "flag>no-answer\n    ^ 'flag' takes only ':', '=' or '!=', not '>'")
    }

    private func predicate(_ field: FilterField, _ text: String) -> FilterExpression {
        .predicate(FilterPredicate(field: field, comparison: .colon, value: .string(text)))
    }
}
