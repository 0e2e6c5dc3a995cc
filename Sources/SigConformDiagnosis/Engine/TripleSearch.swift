import SigConformCore

extension Search {
    /// Three mistakes at once, each of another class: one bug report often holds three (a signer
    /// that uses the wrong hash, writes the body digest the wrong way and leaves the query line
    /// out). Only shapes that cost one MAC per candidate are tried, so the search stays within
    /// ``SearchBudget/tripleCandidates`` and the bytes left: a prehash mistake under two key, hash
    /// or encoding mistakes, then two prehash mistakes (the pairs' prehashes) under one.
    func firstMatchInTriples(_ mistakes: [Mistake], from base: SigningAttempt) -> Match? {
        // The hash and the output encoding first: the MAC mistakes that come with others in the
        // reports (a secret mistake rarely shares a signer with two text mistakes).
        let commonest: Set<DiagnosisClass> = [.wrongHash, .wrongOutputEncoding]
        let macMistakes = mistakes.filter { !$0.changesPrehash && commonest.contains($0.diagnosisClass) }
            + mistakes.filter { !$0.changesPrehash && !commonest.contains($0.diagnosisClass) }
        let prehashMistakes = mistakes.filter(\.changesPrehash)
        let backend = diagnoser.searchBackend
        let cap = diagnoser.budget.tripleCandidates
        ledger.begin("threes", allowance: ledger.remaining)
        ledger.tripledMistakes = mistakes.count
        var tried = 0
        // A quarter of the candidates for the first shape, so that it cannot starve the second.
        var shapeCap = cap / 4
        defer {
            ledger.tripleCandidates = tried
            if ledger.partExhausted { ledger.triplesComplete = false }
        }
        /// Counts one candidate; false when the shape's share or the bytes are spent.
        func within() -> Bool {
            guard tried < shapeCap, !ledger.partExhausted else {
                ledger.triplesComplete = false
                return false
            }
            tried += 1
            return true
        }
        // A prehash mistake under two MAC mistakes (another hash and another encoding of the key).
        firstShape: for first in prehashMistakes {
            let intermediates = first.apply(to: base, in: context)
            ledger.chargeWriting(intermediates, from: base)
            for intermediate in intermediates {
                guard let prehash = try? self.prehash(of: intermediate, backend: backend) else { continue }
                for (i, second) in macMistakes.enumerated() where second.diagnosisClass != first.diagnosisClass {
                    for third in macMistakes[(i + 1)...] where third.diagnosisClass != first.diagnosisClass && third.diagnosisClass != second.diagnosisClass {
                        for middle in second.apply(to: intermediate, in: context) {
                            for variant in third.apply(to: middle, in: context) {
                                guard within() else { break firstShape }
                                if macMatches(variant, prehash: prehash.bytes) { return Match(attempt: variant, prehash: prehash) }
                            }
                        }
                    }
                }
            }
        }
        if ledger.partExhausted { return nil }
        shapeCap = cap
        // Two prehash mistakes under a MAC mistake.
        for (i, first) in prehashMistakes.enumerated() {
            let firstVariants = first.apply(to: base, in: context)
            ledger.chargeWriting(firstVariants, from: base)
            for second in prehashMistakes[(i + 1)...] where second.diagnosisClass != first.diagnosisClass {
                for intermediate in firstVariants {
                    let variants = second.apply(to: intermediate, in: context)
                    ledger.chargeWriting(variants, from: intermediate)
                    for paired in variants {
                        guard let prehash = try? self.prehash(of: paired, backend: backend) else { continue }
                        for third in macMistakes where third.diagnosisClass != first.diagnosisClass && third.diagnosisClass != second.diagnosisClass {
                            for variant in third.apply(to: paired, in: context) {
                                guard within() else { return nil }
                                if macMatches(variant, prehash: prehash.bytes) { return Match(attempt: variant, prehash: prehash) }
                            }
                        }
                    }
                }
            }
        }
        return nil
    }
}
