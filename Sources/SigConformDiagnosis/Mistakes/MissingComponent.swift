import SigConformCore

extension Mistake {
    /// Left one component out of the prehash (or out of a digest inside it), with or without
    /// the separator next to it.
    package static let missingComponent = Mistake(.missingComponent, name: "omitted-component") { attempt, context in
        var seen: Set<Template> = [attempt.template]
        var out: [SigningAttempt] = omissions(of: attempt.template).compactMap { label, template in
            guard seen.insert(template).inserted else { return nil }
            return attempt.with(.missingComponent, label) { $0.template = template }
        }
        // A parameter left out of the signed string though sent (recvWindow, timestamp).
        let signatureName = context.signatureParameter
        for part in [RequestPart.query, .formBody] {
            let items = part.items(of: attempt.request)
            guard items.count >= 2 else { continue }
            for (index, item) in items.enumerated() where item.key != signatureName {
                var fewer = items
                fewer.remove(at: index)
                out.append(attempt.with(.missingComponent, "left the parameter \(item.key) out of the signed \(part.name) though it was sent") {
                    $0.request = part.replacing(fewer, in: $0.request)
                })
            }
        }
        return out
    }

    /// Every template obtained by leaving out one variable or digest part, at any depth.
    package static func omissions(of template: Template) -> [(String, Template)] {
        let parts = template.parts
        var out: [(String, Template)] = []
        for (index, part) in parts.enumerated() {
            let name: String
            switch part {
            case .literal: continue
            // Dropping "?query" from a path is a path mismatch, tried there.
            case .variable where isQueryAfterQuestionMark(part): continue
            case .variable(let variable, _): name = "{\(variable)}"
            case .digest(let hash, let output, let inner):
                name = "the \(hash.rawValue) digest"
                for (label, smaller) in omissions(of: inner) {
                    var changed = parts
                    changed[index] = .digest(hash, output, smaller)
                    out.append(("\(label) inside \(name)", Template(changed)))
                }
            }
            var without = parts
            without.remove(at: index)
            out.append(("left \(name) out of the prehash", Template(without)))
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
                out.append(("left \(name) and its separator out of the prehash", Template(trimmed)))
            }
        }
        return out
    }
}
