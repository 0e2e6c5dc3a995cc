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

@Suite struct BackendDivergenceTests {
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

    @Test func backendsThatAgreeOnAnotherHashAreNotFlagged() {
        let (registry, _) = RunEnvironment.registry(extraRoots: [])
        let runner = CheckRunner(registry: registry, backends: [PureSwiftBackend(), BitFlippingBackend()])
        // Kraken signs with HMAC-SHA512, which the faulty backend leaves alone.
        let run = runner.run(paths: [BundledVectors.directory + "/kraken-spot/docs.json"])
        #expect(run.verdicts.allSatisfy { $0.status == .passed })
    }
}
