/// A filter over trajectories, as typed at the review UI's `f` prompt or given
/// to `trove export --where` and `trove label --where`.
///
/// A filter is a list of predicates such as `task:db` or `reward<1`; writing
/// them side by side means all must hold. Parse one with ``parse(_:)``; the
/// store turns it into SQL.
///
/// ```swift
/// let filter = try Filter.parse("task:db status:pending reward<1 flag:no-answer steps>5")
/// print(filter)  // task:db status:pending reward<1 flag:no-answer steps>5
///
/// do {
///     _ = try Filter.parse("rewrd<1")
/// } catch {
///     print(error)
///     // rewrd<1
///     // ^^^^^ unknown field 'rewrd' (fields: task, id, status, …)
/// }
/// ```
///
/// ## Grammar
///
/// ```ebnf
/// filter      = [ disjunction ] ;
/// disjunction = conjunction , { "or" , conjunction } ;
/// conjunction = negation , { [ "and" ] , negation } ;   (* side by side means and *)
/// negation    = ( "not" | "-" ) , negation | primary ;
/// primary     = "(" , disjunction , ")" | predicate ;
/// predicate   = field , comparison , value | "masked" ;
/// field       = "task" | "id" | "status" | "reward" | "env_reward" | "steps"
///             | "turns" | "flag" | "tag" | "reviewer" | "has" | "dialect" | "group" | "masked" ;
/// comparison  = ":" | "=" | "!=" | "<" | "<=" | ">" | ">=" ;
/// value       = bare | quoted ;
/// bare        = ? characters up to white space, "(", ")" or '"' ? ;
/// quoted      = '"' , { ? any character but '"' or "\" ? | '\"' | "\\" } , '"' ;
/// ```
///
/// White space may surround tokens, so `reward < 0.5` works. Keywords and
/// field names ignore case; `-` before a term means `not`. Precedence, from
/// tightest: `not`, `and`, `or`; so `a b or c` is `(a and b) or c`. An empty
/// filter matches every trajectory.
///
/// ## Fields
///
/// - `task`, `id`: text; with `*` or `?` the value is a glob (`id:webshop_1*`).
/// - `status`: the decision, `pending`, `accepted`, `rejected` or `disputed`; unlabeled is `pending`.
/// - `reward`: the effective reward, the reviewer's else the environment's;
///   `env_reward`: the environment's. Numbers in `0...1`, as decimals or
///   fractions (`2/3`); `none` means unknown. An unknown reward fails every
///   comparison but `:none` and `!=`.
/// - `steps`, `turns`: whole numbers of steps and of messages.
/// - `flag`: a ``QualityFlag`` raw value; `tag`: a reviewer's tag.
/// - `reviewer`: who set the current label; `none` for unlabeled.
/// - `has`: text anywhere in the messages, as a phrase of whole words ignoring
///   case (`has:"permission denied"`); never search syntax. A value needs a
///   letter or digit (``SearchableText``): punctuation alone is refused. A value in a script written
///   without spaces (`has:数据库`) matches anywhere in a text, as plain text ignoring ASCII case.
/// - `dialect`: a ``Dialect`` raw value.
/// - `group`: a ``TaskGroup`` id, the runs of one task instance; `none` for runs that state no task.
/// - `masked`: `yes` when the reviewers masked some agent turn (not trained on), else `no`; `masked`
///   alone is `masked:yes`.
///
/// `:` and `=` both mean equal; `!=` matches exactly what `:` does not.
/// Order comparisons work only on the numeric fields.
public struct Filter: Sendable, Hashable, CustomStringConvertible {
    /// The text the filter was parsed from, or the canonical text when built
    /// from an expression.
    public let source: String
    /// The parsed expression; `nil` matches every trajectory.
    public let expression: FilterExpression?
    /// The reviewer of the blind review the filter reads trajectories for, nil outside blind review: a
    /// store then matches it against what that reviewer may read (``read(by:)``).
    public let blindReviewer: String?

    /// The review statuses `status:` accepts.
    static let statuses = ["pending", "accepted", "rejected", "disputed"]

    /// Creates a filter from an expression, with its canonical text as source.
    ///
    /// ```swift
    /// let pending = try Filter.parse("status:pending").expression!
    /// let typed = try Filter.parse(userText).expression
    /// let filter = Filter(typed.map { .and(pending, $0) } ?? pending)
    /// ```
    public init(_ expression: FilterExpression?) {
        self.init(source: expression?.description ?? "", expression: expression, blindReviewer: nil)
    }

    private init(source: String, expression: FilterExpression?, blindReviewer: String?) {
        self.source = source
        self.expression = expression
        self.blindReviewer = blindReviewer
    }

    /// Parses a filter expression.
    ///
    /// Blank text gives a filter that matches everything.
    ///
    /// ```swift
    /// let filter = try Filter.parse(#"task:db* (has:"syntax error" or flag:raw-fallback)"#)
    /// ```
    ///
    /// - throws: ``FilterError`` naming the offending token: an unknown field,
    ///   status, flag or dialect, a missing or malformed value, a comparison
    ///   the field does not take, an unbalanced parenthesis, a bad string.
    public static func parse(_ text: String) throws(FilterError) -> Filter {
        try parse(text, blindReviewer: nil)
    }

    /// Parses a filter expression typed in blind review by `blindReviewer` (nil: a review that is not
    /// blind), where the environment's reward and other reviewers' labels are hidden: a term on
    /// `reward`, `env_reward` or `effective_reward` is refused, since what it matches would reveal the
    /// reward, one on `status`, `tag`, `reviewer` or `decided`, since it would reveal what other
    /// reviewers decided, and `queue` or `assigned` naming anyone but the reviewer. The filter reads
    /// trajectories as that reviewer may (``read(by:)``).
    ///
    /// ```swift
    /// do {
    ///     _ = try Filter.parse("task:db env_reward:1", blindReviewer: "ana")
    /// } catch {
    ///     print(error.message)
    ///     // blind review hides the environment's reward, so 'env_reward' cannot be filtered on
    /// }
    /// ```
    ///
    /// - throws: ``FilterError`` as ``parse(_:)`` does, and for a refused term.
    public static func parse(_ text: String, blindReviewer: String?) throws(FilterError) -> Filter {
        let expression = try FilterParser.parse(
            text, refusing: blindReviewer == nil ? [] : blindFields,
            ownNameOnly: blindReviewer.map { ([.queue, .assigned], $0) })
        return Filter(source: text, expression: expression, blindReviewer: blindReviewer)
    }

    /// The filter reading trajectories as `blindReviewer` may in blind review (nil: as everyone reads
    /// them), where no other reviewer's judgement and no reward the environment states shows:
    ///
    /// - `masked` tests the masks that reviewer reads: their own until they accept or reject the
    ///   trajectory, then the team's decisions (as the trajectory screen shows them).
    /// - `has`, `context` and `observation` do not match where the text is found only in the value of a
    ///   reward a turn other than the agent's states (``ObservationReward``), which the screen shows as
    ///   `hidden`: the store looks those places up first (``HiddenMatches``). The text found anywhere
    ///   else, in the same turn too, still matches.
    public func read(by blindReviewer: String?) -> Filter {
        Filter(source: source, expression: expression, blindReviewer: blindReviewer)
    }

    /// The trajectories of this filter that also match `predicate`, read as this filter reads them.
    public func narrowed(by predicate: FilterPredicate) -> Filter {
        let narrowed = Filter(expression.map { .and($0, .predicate(predicate)) } ?? .predicate(predicate))
        return narrowed.read(by: blindReviewer)
    }

    /// The field names a blind reviewer may not filter on: each reveals the environment's reward or
    /// another reviewer's label.
    static let blindFields: Set<String> = rewardFields.union(["status", "tag", "reviewer", "decided"])

    /// The field names whose terms match on a reward.
    static let rewardFields: Set<String> = ["reward", "env_reward", "effective_reward"]

    /// The canonical text, which parses back to the same expression; empty
    /// for a filter that matches everything.
    public var description: String { expression?.description ?? "" }
}
