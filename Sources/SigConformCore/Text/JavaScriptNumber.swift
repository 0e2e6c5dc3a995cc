/// Writes a JSON number the way JavaScript's `String(n)` does (ECMAScript Number::toString,
/// ES2023 §6.1.6.1.20): the shortest digits that round-trip the IEEE 754 double, laid out plainly
/// from 1e-7 to 1e21 and in exponent form outside that range (`1e-8`, `1.5e+21`).
///
/// Venues whose reference helpers are JavaScript sign numbers in this spelling, whatever the
/// body's JSON text says (`1.0` is signed as `1`, `0.00000001` as `1e-8`).
package enum JavaScriptNumber {
    /// The JavaScript spelling of the JSON number `text`, or `nil` when it is not a finite number.
    package static func string(_ text: String) -> String? {
        guard let value = Double(text), value.isFinite else { return nil }
        if value == 0 { return "0" }  // -0 too: String(-0) is "0"
        guard let (digits, exponent) = shortestDigits(value.magnitude) else { return nil }
        return (value < 0 ? "-" : "") + layout(digits: digits, pointPosition: exponent)
    }

    /// The shortest round-trip decimal digits of `value` (no leading or trailing zeros) and `n`
    /// such that value = 0.d1d2…dk × 10^n. Swift's `description` already prints the shortest
    /// round-trip digits; only their layout differs from JavaScript's.
    static func shortestDigits(_ value: Double) -> (digits: [Character], exponent: Int)? {
        let text = value.description
        let pieces = text.split(separator: "e", maxSplits: 1)
        guard let mantissa = pieces.first else { return nil }
        var exponent = 0
        if pieces.count == 2 {
            guard let parsed = Int(pieces[1].hasPrefix("+") ? pieces[1].dropFirst() : pieces[1]) else { return nil }
            exponent = parsed
        }
        let halves = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integerPart = Array(halves[0])
        let fractionPart = halves.count == 2 ? Array(halves[1]) : []
        guard (integerPart + fractionPart).allSatisfy(\.isASCII), (integerPart + fractionPart).allSatisfy(\.isNumber) else { return nil }
        var digits = integerPart + fractionPart
        var point = integerPart.count + exponent
        while digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        return digits.isEmpty ? nil : (digits, point)
    }

    /// Number::toString steps 6–10 for k digits and point position n.
    static func layout(digits: [Character], pointPosition n: Int) -> String {
        let k = digits.count
        let text = String(digits)
        if k <= n && n <= 21 { return text + String(repeating: "0", count: n - k) }
        if 0 < n && n <= 21 { return String(digits[..<n]) + "." + String(digits[n...]) }
        if -6 < n && n <= 0 { return "0." + String(repeating: "0", count: -n) + text }
        let exponent = n - 1
        let head = k == 1 ? text : String(digits[0]) + "." + String(digits[1...])
        return head + "e" + (exponent > 0 ? "+" : "-") + String(exponent.magnitude)
    }
}
