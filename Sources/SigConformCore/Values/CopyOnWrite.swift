/// The stored members of a large value type, kept in one shared box that is copied only when a
/// shared value is changed.
///
/// `Vector`, `Venue` and `HMACRecipe` hold two dozen strings, arrays and nested values each, and
/// are handed from the decoder to the evaluation, the verdict and the reports: copied member by
/// member, every step retained and released each of them (a third of `check`'s time in `perf`,
/// issue 20). Holding their members in one of these makes a copy one retain. Equal, and hashed,
/// as the members are.
@usableFromInline
struct CopyOnWrite<Members: Sendable & Hashable>: Sendable, Hashable {
    /// Written only through ``members``' `_modify`, after the box is made unique.
    @usableFromInline
    final class Box: @unchecked Sendable {
        @usableFromInline var members: Members
        @usableFromInline init(_ members: Members) { self.members = members }
    }

    @usableFromInline var box: Box

    @inlinable init(_ members: Members) { box = Box(members) }

    @inlinable var members: Members {
        _read { yield box.members }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.members) }
            yield &box.members
        }
    }

    @inlinable static func == (lhs: CopyOnWrite, rhs: CopyOnWrite) -> Bool {
        lhs.box === rhs.box || lhs.box.members == rhs.box.members
    }

    @inlinable func hash(into hasher: inout Hasher) { box.members.hash(into: &hasher) }
}
