import SigConformCore

extension Mistake {
    /// Signed another host than the one the request went to, for venues that sign the host (HTX,
    /// Bitstamp): the venue's default host hard-coded in the signer while the request went to
    /// another (HTX's api-aws.huobi.pro), the host with its scheme or port as a URL parser writes
    /// it, or with `www.` added or dropped.
    package static let hostMismatch = Mistake(.pathMismatch, name: "signed-host") { attempt, context in
        guard attempt.template.uses(.host), let sent = attempt.request.effectiveHost ?? context.venue.host else { return [] }
        var hosts: [(String, String)] = []
        if let home = context.venue.host, home.lowercased() != sent.lowercased() {
            hosts.append(("the venue's default host \(home) while sending to \(sent)", home))
        }
        hosts.append(("the host with its scheme (https://\(sent))", "https://\(sent)"))
        hosts.append(("the host with its port (\(sent):443)", "\(sent):443"))
        if sent.hasPrefix("www.") {
            hosts.append(("the host without 'www.' (\(sent.dropFirst(4)))", String(sent.dropFirst(4))))
        } else {
            hosts.append(("the host with 'www.' (www.\(sent))", "www.\(sent)"))
        }
        return hosts.map { label, signed in
            attempt.with(.pathMismatch, "signed \(label)") { $0.request.host = signed }
        }
    }
}
