/// The two connectives a filter chains.
public enum FilterConnective: Sendable, Hashable {
    case and, or
}

extension FilterExpression {
    /// The operands of the chain of `connective`s this expression heads, left to right: `a or b or c`
    /// (parsed as `(a or b) or c`) gives `a`, `b`, `c`. Gathered with a stack rather than by recursion,
    /// so a chain of any length is safe; both stores' SQL compilers write a chain flat.
    public func chainedOperands(of connective: FilterConnective) -> [FilterExpression] {
        var operands: [FilterExpression] = []
        var pending = [self]
        while let next = pending.popLast() {
            switch (next, connective) {
            case (.and(let left, let right), .and), (.or(let left, let right), .or):
                pending.append(right)
                pending.append(left)
            default:
                operands.append(next)
            }
        }
        return operands
    }

    /// How deep the expression's SQL nests: a chain of one connective is one level however long (both
    /// compilers write it flat), a negation one level, a predicate none. Its recursion follows the
    /// parentheses, which the parser bounds.
    public var nesting: Int {
        switch self {
        case .predicate: 0
        case .not(let operand): 1 + operand.nesting
        case .and: 1 + chainedOperands(of: .and).map(\.nesting).max()!
        case .or: 1 + chainedOperands(of: .or).map(\.nesting).max()!
        }
    }
}
