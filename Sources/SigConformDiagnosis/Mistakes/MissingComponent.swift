import SigConformCore

extension Mistake {
    /// Left one component out of the prehash, with or without the separator next to it.
    public static let missingComponent = Mistake(.missingComponent, name: "omitted-component") { attempt, _ in
        let parts = attempt.template.parts
        var out: [SigningAttempt] = []
        var seen: Set<[Template.Part]> = [parts]
        for (index, part) in parts.enumerated() {
            let name: String
            switch part {
            case .literal: continue
            case .variable(let variable, _): name = "{\(variable)}"
            case .digest(let hash, _, _): name = "the \(hash.rawValue) digest"
            }
            var candidates: [(String, [Template.Part])] = []
            var without = parts
            without.remove(at: index)
            candidates.append(("left \(name) out of the prehash", without))
            for neighbour in [index + 1, index - 1] where parts.indices.contains(neighbour) {
                guard case .literal(let text) = parts[neighbour], let separator = text.first, text.count <= 2 || separator == "\n" else { continue }
                var trimmed = parts
                let remainder = neighbour > index ? String(text.dropFirst()) : String(text.dropLast())
                if remainder.isEmpty {
                    // Remove the later index first so the earlier one still points at its element.
                    for position in [neighbour, index].sorted(by: >) { trimmed.remove(at: position) }
                } else {
                    trimmed[neighbour] = .literal(remainder)
                    trimmed.remove(at: index)
                }
                candidates.append(("left \(name) and its separator out of the prehash", trimmed))
            }
            for (label, candidate) in candidates where seen.insert(candidate).inserted {
                out.append(attempt.with(.missingComponent, label) { $0.template = Template(candidate) })
            }
        }
        return out
    }
}
