/// A size in terminal cells. Negative values are clamped to 0 on creation.
public struct Size: Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public static let zero = Size(width: 0, height: 0)

    /// The number of cells, `width × height`.
    public var area: Int { width * height }

    /// `"80x24"`, the form used in snapshot file names.
    public var description: String { "\(width)x\(height)" }
}
