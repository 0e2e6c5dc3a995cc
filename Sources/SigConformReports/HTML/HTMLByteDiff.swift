import SigConformCore
import SigConformMAC

/// The correct and the client prehash one above the other, byte by byte: bytes both share are
/// plain, bytes that differ are highlighted, the first differing byte is marked, and every byte
/// is tinted with the request component it came from (labelled on hover and in a legend).
///
/// The comparison is a common prefix and a common suffix; what lies between differs. That is
/// exactly what a signature mistake produces (one component changed, added or left out) and
/// keeps the first difference where the engine found it.
enum HTMLByteDiff {
    /// A run of bytes with one component and one comparison state.
    struct Chunk: Equatable {
        enum State: String {
            case same
            case changed
            case first
        }
        var range: Range<Int>
        var component: String?
        var label: String?
        var state: State
    }

    static func render(correct: PrehashReport, client: PrehashReport, difference: DiagnosisReport.Difference?,
                       titles: (correct: String, client: String) = ("correct", "client")) -> String {
        let a = correct.bytes
        let b = client.bytes
        let prefix = difference?.offset ?? zip(a, b).prefix { $0 == $1 }.count
        var suffix = 0
        while suffix < min(a.count, b.count) - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        var html = "<div class=\"bytediff\">"
        html += row(titles.correct, correct, chunks(count: a.count, segments: correct.segments, prefix: prefix, suffix: suffix))
        html += row(titles.client, client, chunks(count: b.count, segments: client.segments, prefix: prefix, suffix: suffix))
        html += "</div>"
        var location = "first difference at byte \(prefix)"
        if let difference { location += " (\(difference.componentText))" }
        html += "<p class=\"diffnote\">\(Escaping.html(location)): \(titles.correct) has \(Escaping.html(describe(a, at: prefix))), \(titles.client) has \(Escaping.html(describe(b, at: prefix))).</p>"
        html += legend(correct.segments + client.segments)
        return html
    }

    /// One prehash shown alone (no diff): tinted by component.
    static func render(_ prehash: PrehashReport) -> String {
        let chunks = chunks(count: prehash.bytes.count, segments: prehash.segments, prefix: prehash.bytes.count, suffix: 0)
        return "<div class=\"bytediff\">" + row("", prehash, chunks) + "</div>"
    }

    static func row(_ title: String, _ prehash: PrehashReport, _ chunks: [Chunk]) -> String {
        var html = "<div class=\"diffrow\">"
        if !title.isEmpty { html += "<span class=\"side\">\(title)</span>" }
        html += "<code class=\"bytes\">"
        let bytes = prehash.bytes
        let isText = prehash.text != nil
        for chunk in chunks {
            var classes = ["b-\(chunk.state.rawValue)"]
            if let component = chunk.component { classes.append("c-\(component)") }
            let title = [chunk.label ?? chunk.component, "bytes \(chunk.range.lowerBound)–\(chunk.range.upperBound - 1)"]
                .compactMap { $0 }.joined(separator: " · ")
            let tag = chunk.state == .first ? "mark" : "span"
            html += "<\(tag) class=\"\(classes.joined(separator: " "))\" title=\"\(Escaping.html(title))\">"
            html += text(bytes, chunk.range, isText: isText)
            html += "</\(tag)>"
        }
        if bytes.isEmpty { html += "<span class=\"empty\">(empty)</span>" }
        html += "</code></div>"
        return html
    }

    /// Splits `0..<count` at every segment edge and at the edges of the differing region, with
    /// the first differing byte a chunk of its own.
    static func chunks(count: Int, segments: [PrehashReport.Segment], prefix: Int, suffix: Int) -> [Chunk] {
        var cuts: Set<Int> = [0, count, min(prefix, count), min(prefix + 1, count), max(count - suffix, min(prefix, count))]
        for segment in segments {
            cuts.insert(min(segment.offset, count))
            cuts.insert(min(segment.offset + segment.length, count))
        }
        let edges = cuts.sorted()
        var out: [Chunk] = []
        for (start, end) in zip(edges, edges.dropFirst()) where start < end {
            let segment = segments.first { start >= $0.offset && start < $0.offset + $0.length }
            let state: Chunk.State = start == prefix ? .first : (start < prefix || start >= count - suffix ? .same : .changed)
            out.append(Chunk(range: start..<end, component: segment?.component, label: segment?.label, state: state))
        }
        return out
    }

    /// The bytes of `range` as escaped text (control characters made visible), or as hex.
    static func text(_ bytes: [UInt8], _ range: Range<Int>, isText: Bool) -> String {
        let slice = Array(bytes[range])
        guard isText, let text = String(validating: slice, as: UTF8.self) else {
            return slice.map { Hex.encode([$0]) }.joined(separator: "\u{2009}") + "\u{2009}"
        }
        var html = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": html += "<span class=\"ctl\">\\n</span>"
            case "\r": html += "<span class=\"ctl\">\\r</span>"
            case "\t": html += "<span class=\"ctl\">\\t</span>"
            case " ": html += "<span class=\"sp\"> </span>"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    html += "<span class=\"ctl\">\\x\(Hex.encode([UInt8(scalar.value)]))</span>"
                } else if scalar.isASCII && !Escaping.htmlSpecial(UInt8(scalar.value)) {
                    // Most prehash bytes: appended as they are rather than escaped one string each.
                    html.unicodeScalars.append(scalar)
                } else {
                    html += Escaping.html(String(scalar))
                }
            }
        }
        return html
    }

    /// `'{' (0x7b)` or `the end`.
    static func describe(_ bytes: [UInt8], at offset: Int) -> String {
        guard offset < bytes.count else { return "the end" }
        let byte = bytes[offset]
        let hex = "0x" + Hex.encode([byte])
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))' (\(hex))" }
        return hex
    }

    static func legend(_ segments: [PrehashReport.Segment]) -> String {
        let components = orderedUnique(segments.map(\.component))
        guard !components.isEmpty else { return "" }
        return "<p class=\"legend\">" + components.map { "<span class=\"c-\($0)\">\(Escaping.html($0))</span>" }.joined(separator: " ") + "</p>"
    }
}
