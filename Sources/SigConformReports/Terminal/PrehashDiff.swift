import SigConformCore
import SigConformDiagnosis

/// The two prehashes one above the other, the first differing byte marked, and the request
/// component each side was in at that byte.
enum PrehashDiff {
    package static func lines(correct: PrehashReport, client: PrehashReport, difference: DiagnosisReport.Difference?) -> [String] {
        let a = correct.bytes
        let offset = difference?.offset ?? zip(a, client.bytes).prefix { $0 == $1 }.count
        // Columns before the marker: the visible text of the common prefix, or "hex:" and two digits a byte.
        let column = correct.text != nil
            ? PrehashReport.visible(String(decoding: a.prefix(offset), as: UTF8.self)).count
            : 4 + 2 * offset
        let marker = String(repeating: " ", count: column) + "^"
        let component = difference.map { " (\($0.componentText))" } ?? ""
        return [
            "correct prehash: \(correct.display)",
            "client prehash:  \(client.display)",
            "                 \(marker) first difference at byte \(offset)\(component)",
        ]
    }

    /// The same for prehashes as the engine computed them.
    package static func lines(correct: Prehash, client: Prehash) -> [String] {
        let difference = PrehashDifference(correct: correct, client: client).map {
            DiagnosisReport.Difference(offset: $0.offset, correctComponent: $0.correctComponent?.rawValue, clientComponent: $0.clientComponent?.rawValue)
        }
        return lines(correct: PrehashReport(correct), client: PrehashReport(client), difference: difference)
    }
}
