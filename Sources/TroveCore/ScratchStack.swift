/// A growable stack of values in manually managed memory, for a parser that collects the elements of
/// every open container in one place and moves each finished container's run out into an exact-size
/// array.
///
/// Moving elements in and out copies their bytes without retaining or releasing what they hold, and the
/// stack's memory is reused by every container of a parse, so a container costs one allocation (its
/// array) instead of the reallocations of an array grown by appending. The owner must call
/// ``deallocate()`` exactly once, last: it destroys the elements still on the stack (those of containers
/// a syntax error left open).
struct ScratchStack<Element> {
    private var storage: UnsafeMutablePointer<Element>?
    private var capacity = 0
    /// How many elements are on the stack.
    private(set) var count = 0

    /// Pushes `element`, growing the storage when it is full.
    @inline(__always)
    mutating func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (storage.unsafelyUnwrapped + count).initialize(to: element)
        count += 1
    }

    /// Moves the elements from `start` to the top into a new array, in stack order, and pops them.
    ///
    /// - precondition: `start <= count`.
    @inline(__always)
    mutating func popArray(from start: Int) -> [Element] {
        let moved = Moved(cursor: storage.unsafelyUnwrapped + start, end: storage.unsafelyUnwrapped + count)
        count = start
        // Appending to an empty array allocates through code specialized for `Element`, whereas
        // `init(unsafeUninitializedCapacity:)` looks up the array's generic metadata on every call.
        var array: [Element] = []
        array.append(contentsOf: moved)
        return array
    }

    /// Destroys the elements left on the stack and frees its memory; the stack must not be used afterwards.
    func deallocate() {
        guard let storage else { return }
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    // Out of line so that the push fast path stays small enough to inline everywhere.
    @inline(never)
    private mutating func grow() {
        let newCapacity = Swift.max(64, capacity * 2)
        let newStorage = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        if let storage {
            newStorage.moveInitialize(from: storage, count: count)
            storage.deallocate()
        }
        storage = newStorage
        capacity = newCapacity
    }

    /// The elements of a run of the stack, each moved out as it is iterated: the new owner takes them without
    /// retaining, and the stack's memory is left uninitialized.
    private struct Moved: Sequence, IteratorProtocol {
        var cursor: UnsafeMutablePointer<Element>
        let end: UnsafeMutablePointer<Element>

        var underestimatedCount: Int { end - cursor }

        mutating func next() -> Element? {
            guard cursor < end else { return nil }
            defer { cursor += 1 }
            return cursor.move()
        }
    }
}
