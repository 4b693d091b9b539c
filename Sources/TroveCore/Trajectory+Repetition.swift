extension Trajectory {
    /// The `occurrence`-th copy (2, 3, …) of this trajectory in a mix: its id
    /// becomes `ID#occurrence`, in the original record's `"id"` member too, so a
    /// trainer that drops duplicate ids keeps every copy. The first occurrence is
    /// the trajectory unchanged.
    public func repeated(_ occurrence: Int) -> Trajectory {
        guard occurrence > 1 else { return self }
        var copy = self
        copy.id = "\(id)#\(occurrence)"
        if case .object(var object)? = try? JSONParser.parse(originalRecord),
            let index = object.members.firstIndex(where: { $0.key == "id" })
        {
            object.members[index].value = .string(copy.id)
            var bytes: [UInt8] = []
            JSONWriter.write(.object(object), into: &bytes)
            copy.originalRecord = bytes
        }
        return copy
    }
}
