import SigConform
import Testing

/// A backend that is right except for one bit of every HMAC-SHA256 tag: a deliberate fault, to
/// prove that a disagreement between backends is found, reported and fatal.
struct BitFlippingBackend: MACBackend {
    let wrapped = PureSwiftBackend()
    var id: String { "faulty" }
    var displayName: String { "pure Swift with a flipped bit" }
    func makeDigest(_ algorithm: HashAlgorithm) throws(MACError) -> any DigestContext { wrapped.makeDigest(algorithm) }
    func makeHMAC(_ algorithm: HashAlgorithm, key: [UInt8]) throws(MACError) -> any HMACContext {
        Flipping(inner: wrapped.makeHMAC(algorithm, key: key), flips: algorithm == .sha256)
    }

    struct Flipping: HMACContext {
        var inner: any HMACContext
        let flips: Bool
        var algorithm: HashAlgorithm { inner.algorithm }
        mutating func update(_ bytes: UnsafeRawBufferPointer) throws(MACError) { try inner.update(bytes) }
        mutating func tag() throws(MACError) -> [UInt8] { flip(try inner.tag()) }
        mutating func tag(appending message: UnsafeRawBufferPointer) throws(MACError) -> [UInt8] { flip(try inner.tag(appending: message)) }
        func flip(_ tag: [UInt8]) -> [UInt8] {
            guard flips, !tag.isEmpty else { return tag }
            var copy = tag
            copy[0] ^= 1
            return copy
        }
    }
}

/// A backend that is right except for one bit of every `algorithm` digest (HMACs untouched): a
/// fault in a digest inside the prehash (Gate.io's SHA-512 of the body, Kraken's SHA-256 of
/// nonce and body), which each backend must compute for itself.
struct DigestFlippingBackend: MACBackend {
    let wrapped = PureSwiftBackend()
    let algorithm: HashAlgorithm
    var id: String { "faulty-digest" }
    var displayName: String { "pure Swift with a flipped digest bit" }
    func makeHMAC(_ algorithm: HashAlgorithm, key: [UInt8]) throws(MACError) -> any HMACContext { wrapped.makeHMAC(algorithm, key: key) }
    func makeDigest(_ algorithm: HashAlgorithm) throws(MACError) -> any DigestContext {
        Flipping(inner: wrapped.makeDigest(algorithm), flips: algorithm == self.algorithm)
    }

    struct Flipping: DigestContext {
        var inner: any DigestContext
        let flips: Bool
        var algorithm: HashAlgorithm { inner.algorithm }
        mutating func update(_ bytes: UnsafeRawBufferPointer) throws(MACError) { try inner.update(bytes) }
        mutating func digest() throws(MACError) -> [UInt8] {
            var digest = try inner.digest()
            if flips { digest[0] ^= 1 }
            return digest
        }
    }
}

@Suite struct BackendDivergenceTests {
    /// Each backend digests the body itself: a wrong digest on the second backend makes its
    /// prehash, not only its MAC, disagree with the first's.
    @Test(arguments: [("gateio-v4", HashAlgorithm.sha512), ("kraken-spot", .sha256)])
    func aDigestInThePrehashThatOneBackendGetsWrongIsABackendDivergence(venue: String, algorithm: HashAlgorithm) {
        let (registry, _) = RunEnvironment.registry(extraRoots: [])
        let runner = CheckRunner(registry: registry, backends: [PureSwiftBackend(), DigestFlippingBackend(algorithm: algorithm)])
        let run = runner.run(paths: [BundledVectors.directory + "/\(venue)/docs.json"])
        #expect(!run.verdicts.isEmpty)
        for verdict in run.verdicts {
            #expect(verdict.status == .failed)
            #expect(verdict.isBackendDivergence)
            let divergence = verdict.evaluation?.findings.first { $0.kind == .backendDivergence }
            #expect(divergence?.message == "swift and faulty-digest disagree on the prehash")
            #expect(divergence?.backend == "faulty-digest")
        }
        #expect(run.exitCode == 1)
    }

    @Test func aBackendWhoseDigestsNoPrehashUsesIsNotFlagged() {
        let (registry, _) = RunEnvironment.registry(extraRoots: [])
        // Binance's prehash holds no digest; Gate.io's holds SHA-512, not SHA-256.
        let runner = CheckRunner(registry: registry, backends: [PureSwiftBackend(), DigestFlippingBackend(algorithm: .sha256)])
        let run = runner.run(paths: [BundledVectors.directory + "/binance-spot/docs.json", BundledVectors.directory + "/gateio-v4/docs.json"])
        #expect(!run.verdicts.isEmpty)
        #expect(run.verdicts.allSatisfy { $0.status == .passed })
    }

    @Test func aDisagreementBetweenBackendsFailsTheVectorAsBackendDivergence() {
        let (registry, _) = RunEnvironment.registry(extraRoots: [])
        let runner = CheckRunner(registry: registry, backends: [PureSwiftBackend(), BitFlippingBackend()])
        let run = runner.run(paths: [BundledVectors.directory + "/binance-spot/docs.json"])
        #expect(!run.verdicts.isEmpty)
        for verdict in run.verdicts {
            #expect(verdict.status == .failed)
            #expect(verdict.isBackendDivergence)
            #expect(verdict.diagnosis?.classIDs == ["backend_divergence"])
        }
        #expect(run.exitCode == 1)
    }

    /// A backend's signature text and signature header are made from its own MAC when it differs
    /// from the first backend's (they are shared only when the MACs are equal).
    @Test func aBackendWithAnotherMACGetsItsOwnSignatureAndHeader() {
        let (registry, _) = RunEnvironment.registry(extraRoots: [])
        let runner = CheckRunner(registry: registry, backends: [PureSwiftBackend(), BitFlippingBackend()])
        let run = runner.run(paths: [BundledVectors.directory + "/okx-v5/requests.json"])
        #expect(!run.verdicts.isEmpty)
        for verdict in run.verdicts {
            guard let outcomes = verdict.evaluation?.outcomes, outcomes.count == 2,
                  let right = outcomes[0].signed, let faulty = outcomes[1].signed else {
                Issue.record("\(verdict.id): both backends should sign")
                continue
            }
            #expect(faulty.mac != right.mac)
            #expect(faulty.signature == ByteEncoding.base64.encode(faulty.mac))
            #expect(faulty.signature != right.signature)
            #expect(faulty.expectedHeaders.first { $0.name == "OK-ACCESS-SIGN" }?.value == faulty.signature)
            #expect(right.expectedHeaders.first { $0.name == "OK-ACCESS-SIGN" }?.value == right.signature)
        }
    }

    @Test func backendsThatAgreeOnAnotherHashAreNotFlagged() {
        let (registry, _) = RunEnvironment.registry(extraRoots: [])
        let runner = CheckRunner(registry: registry, backends: [PureSwiftBackend(), BitFlippingBackend()])
        // Kraken signs with HMAC-SHA512, which the faulty backend leaves alone.
        let run = runner.run(paths: [BundledVectors.directory + "/kraken-spot/docs.json"])
        #expect(run.verdicts.allSatisfy { $0.status == .passed })
    }
}
