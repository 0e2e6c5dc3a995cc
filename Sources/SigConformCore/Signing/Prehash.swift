import SigConformMAC

/// The exact bytes an HMAC covers, kept as labelled segments so a diff can say which request
/// component a differing byte came from.
///
/// Stored as one byte buffer and the end of each segment in it, with what produced the
/// segment; ``segments`` (each segment's own bytes and label) is built only when read. A check
/// renders two prehashes per vector and reads only their bytes unless something is wrong: an
/// array and a label string per segment, joined again into the bytes, were a tenth of a
/// `check --no-reports` run (issue 20).
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

    /// What produced a span of the bytes; its label is written only when asked for.
    package enum Source: Sendable, Hashable {
        case literal
        case variable(Variable)
        case digest(HashAlgorithm)
        /// A segment given with its label (``init(segments:)``).
        case labelled(String)

        var label: String {
            switch self {
            case .literal: "literal"
            case .variable(let variable): "{" + variable.description + "}"
            case .digest(let hash): "\(hash.rawValue)(…)"
            case .labelled(let label): label
            }
        }
    }

    /// One segment: its component, what produced it, and where it ends in ``bytes``.
    package struct Span: Sendable, Hashable {
        package var component: PrehashComponent
        package var source: Source
        package var end: Int
        package init(component: PrehashComponent, source: Source, end: Int) {
            self.component = component
            self.source = source
            self.end = end
        }
    }

    /// All bytes in order.
    public private(set) var bytes: [UInt8]
    package private(set) var spans: [Span]

    public var segments: [Segment] {
        get {
            var start = 0
            return spans.map { span in
                defer { start = span.end }
                return Segment(component: span.component, label: span.source.label, bytes: Array(bytes[start..<span.end]))
            }
        }
        set { (bytes, spans) = Self.joined(newValue) }
    }

    public init(segments: [Segment]) {
        (bytes, spans) = Self.joined(segments)
    }

    /// A prehash of `bytes` cut by `spans` (their ends ascending, the last at `bytes.count`).
    package init(bytes: [UInt8], spans: [Span]) {
        self.bytes = bytes
        self.spans = spans
    }

    static func joined(_ segments: [Segment]) -> ([UInt8], [Span]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(segments.reduce(0) { $0 + $1.bytes.count })
        var spans: [Span] = []
        spans.reserveCapacity(segments.count)
        for segment in segments {
            bytes += segment.bytes
            spans.append(Span(component: segment.component, source: .labelled(segment.label), end: bytes.count))
        }
        return (bytes, spans)
    }

    /// The component of the byte at `offset`, if any.
    public func component(at offset: Int) -> PrehashComponent? {
        spans.first { offset < $0.end }?.component
    }

    /// UTF-8 text when the bytes are valid UTF-8, else `nil` (binary prehashes such as Kraken's).
    public var text: String? { String(validating: bytes, as: UTF8.self) }

    // Equal when the bytes and the segments are: a rendered prehash equals one given as the same segments.
    public static func == (lhs: Prehash, rhs: Prehash) -> Bool {
        lhs.bytes == rhs.bytes && lhs.spans.count == rhs.spans.count
            && zip(lhs.spans, rhs.spans).allSatisfy { $0.end == $1.end && $0.component == $1.component && $0.source.label == $1.source.label }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(bytes)
        for span in spans {
            hasher.combine(span.component)
            hasher.combine(span.end)
        }
    }
}
