import SigConformMAC

/// The exact bytes an HMAC covers, kept as labelled segments so a diff can say which request
/// component a differing byte came from.
public struct Prehash: Sendable, Hashable {
    public struct Segment: Sendable, Hashable {
        public var component: PrehashComponent
        /// The template element that produced it (`{timestamp}`, `literal`, `sha512(…)`).
        public var label: String
        public var bytes: [UInt8]
        public init(component: PrehashComponent, label: String, bytes: [UInt8]) {
            self.component = component
            self.label = label
            self.bytes = bytes
        }
    }

    public var segments: [Segment] {
        didSet { bytes = Self.joined(segments) }
    }
    /// All bytes in order: joined once, not on every read (a check reads them several times).
    public private(set) var bytes: [UInt8]

    public init(segments: [Segment]) {
        self.segments = segments
        self.bytes = Self.joined(segments)
    }

    static func joined(_ segments: [Segment]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(segments.reduce(0) { $0 + $1.bytes.count })
        for segment in segments { bytes += segment.bytes }
        return bytes
    }

    /// The component of the byte at `offset`, if any.
    public func component(at offset: Int) -> PrehashComponent? {
        var start = 0
        for segment in segments {
            if offset < start + segment.bytes.count { return segment.component }
            start += segment.bytes.count
        }
        return nil
    }

    /// UTF-8 text when the bytes are valid UTF-8, else `nil` (binary prehashes such as Kraken's).
    public var text: String? { String(validating: bytes, as: UTF8.self) }
}
