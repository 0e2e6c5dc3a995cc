import SigConformCore
@testable import SigConformReports
import Testing

/// The byte writers of passed vectors' entries escape as the `String` escapes of failures'
/// entries do, so a report holds the same text for a vector whichever path wrote it.
@Suite struct ReportBytesTests {
    /// Text that exercises every escape: markup and quotes, every kind of control (C0, DEL, C1),
    /// line breaks and tabs, the non-characters XML drops, and multi-byte UTF-8 beside them.
    static let samples = [
        "", "plain-id_1.2", "<script>alert(\"x\")</script> & 'q'", "a\\b/c", "line\nbreak\r\ttab",
        "\u{1}\u{8}\u{B}\u{C}\u{1F}", "del\u{7F}c1\u{80}\u{85}\u{9F}end", "é✓ 日本 \u{1F600}", "\u{A0}\u{FFFD}\u{FFFE}\u{FFFF}x",
        "\u{C2}\u{A2}", "mixed\u{85}<\u{0}>",
    ]

    static func bytes(_ write: (inout ReportBytes) -> Void) -> String {
        var out = ReportBytes()
        write(&out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    @Test(arguments: samples)
    func jsonStringsAreWrittenAsTheJSONWriterWritesThem(text: String) {
        #expect(Self.bytes { $0.appendJSONString(text) } == JSONWriter.compact(.string(text)))
    }

    @Test(arguments: samples)
    func htmlIsEscapedAsEscapingHTMLEscapesIt(text: String) {
        #expect(Self.bytes { $0.appendHTML(text) } == Escaping.html(text))
    }

    @Test(arguments: samples)
    func xmlAttributesAreEscapedAsEscapingXMLEscapesThem(text: String) {
        #expect(Self.bytes { $0.appendXMLAttribute(text) } == Escaping.xml(text, attribute: true))
    }

    @Test func numbersAndReuse() {
        var out = ReportBytes()
        out.append(-42)
        out.append(" ")
        out.append(0)
        out.append(" ")
        out.append(Int.max)
        #expect(String(decoding: out.bytes, as: UTF8.self) == "-42 0 \(Int.max)")
        out.clear()
        out.append(7)
        #expect(out.bytes == Array("7".utf8))
    }
}
