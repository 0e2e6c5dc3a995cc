import SigConformCore
import SigConformMAC

/// A prehash as reports carry it: UTF-8 text when the bytes are text, hex otherwise (Kraken's
/// inner digest is raw bytes), and the byte ranges of the request components it was built from.
public struct PrehashReport: Sendable, Hashable {
    /// A byte range of the prehash and the component it came from.
    public struct Segment: Sendable, Hashable {
        /// A ``PrehashComponent`` raw value (`query`, `timestamp`, `literal`, …).
        public var component: String
        /// The template element that produced it (`{timestamp}`, `literal`, `sha512(…)`).
        public var label: String
        public var offset: Int
        public var length: Int
        public init(component: String, label: String, offset: Int, length: Int) {
            self.component = component
            self.label = label
            self.offset = offset
            self.length = length
        }
    }

    /// The bytes as text, when they are valid UTF-8.
    public var text: String?
    /// The bytes as lower-case hex, when they are not text.
    public var hex: String?
    /// Empty when the prehash came from a vector file rather than from the recipe.
    public var segments: [Segment]

    public init(text: String? = nil, hex: String? = nil, segments: [Segment] = []) {
        self.text = text
        self.hex = hex
        self.segments = segments
    }

    public init(bytes: [UInt8], segments: [Segment] = []) {
        if let text = String(validating: bytes, as: UTF8.self) {
            self.init(text: text, segments: segments)
        } else {
            self.init(hex: Hex.encode(bytes), segments: segments)
        }
    }

    public init(_ prehash: Prehash) {
        var offset = 0
        var segments: [Segment] = []
        for segment in prehash.segments {
            segments.append(Segment(component: segment.component.rawValue, label: segment.label, offset: offset, length: segment.bytes.count))
            offset += segment.bytes.count
        }
        self.init(bytes: prehash.bytes, segments: segments)
    }

    /// The bytes (from the text, or decoded from the hex).
    public var bytes: [UInt8] {
        if let text { return Array(text.utf8) }
        return hex.flatMap(Hex.decode) ?? []
    }

    /// The component of the byte at `offset`.
    public func component(at offset: Int) -> String? {
        segments.first { offset >= $0.offset && offset < $0.offset + $0.length }?.component
    }

    /// The text, or `hex:` and the hex.
    public var display: String { text.map(Self.visible) ?? "hex:" + (hex ?? "") }

    /// Text with line breaks, tabs and other control characters made visible, so a prehash
    /// stays on one line.
    public static func visible(_ text: String) -> String { Escaping.visibleControls(text) }
}
