/// A parsed JSON value that keeps what a lossless tool needs: object members in
/// their written order (duplicates included) and numbers as their exact lexeme.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number as written (`1`, `1.0`, `1e0` stay distinct).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The string payload, if this is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The number as a `Double`, if this is a number.
    public var doubleValue: Double? {
        if case .number(let lexeme) = self { return Double(lexeme) }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The object, if this is an object.
    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// A short name of the value's type, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// A JSON object as an ordered list of members.
public struct JSONObject: Sendable, Hashable {
    /// One `"key": value` pair.
    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The members in written order.
    public var members: [Member]

    public init(_ members: [Member] = []) {
        self.members = members
    }

    /// The value of the first member named `key`.
    ///
    /// Readers disagree on duplicates (Python's `json` and the trainers built on it take the last), so a
    /// reader of a key whose duplicates could differ asks ``conflictingDuplicate(among:)`` first.
    public subscript(key: String) -> JSONValue? {
        members.first { $0.key == key }?.value
    }

    /// The first of `keys` that names several members with different values, whose meaning therefore
    /// depends on which duplicate a reader takes; `nil` when each of `keys` names at most one value.
    /// Duplicates of other keys, and duplicates with equal values, are no conflict.
    public func conflictingDuplicate(among keys: [String]) -> String? {
        // Implementation note: by index in the members' buffer; enumerating them and slicing the rest
        // retained and released each member, and the codec asks this of every message object.
        members.withUnsafeBufferPointer { members in
            for first in members.indices {
                for later in (first + 1)..<members.count
                where members[later].key == members[first].key && members[later].value != members[first].value {
                    if keys.contains(members[first].key) { return members[first].key }
                }
            }
            return nil
        }
    }

    /// The member names in written order.
    public var keys: [String] { members.map(\.key) }

    /// Whether a member named `key` exists.
    public func contains(_ key: String) -> Bool {
        members.contains { $0.key == key }
    }
}
