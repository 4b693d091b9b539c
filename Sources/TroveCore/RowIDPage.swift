/// A keyset page in import order: the rows after (`ascending`) or before `rowID` (from the start or
/// the end when nil), which the query selects with `t.id > rowID` or `t.id < rowID`.
public struct RowIDPage: Sendable, Hashable {
    public var rowID: Int64?
    public var ascending: Bool

    public init(after rowID: Int64?, ascending: Bool) {
        self.rowID = rowID
        self.ascending = ascending
    }
}
