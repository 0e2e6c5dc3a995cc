import SigConformCore
import Testing

@Suite("VectorDecoder strictness")
struct VectorDecoderStrictnessTests {
    static func decodeFile(_ text: String) throws(InputError) -> [Vector] {
        let document = try! JSONParser().parse(text)
        return try VectorDecoder().decodeFile(JSONReader(file: "f.json", document: document))
    }

    static let vector = #"{"id":"a","request":{"method":"GET","path":"/"},"result":"valid","expect":{"signature":"x"}}"#

    @Test(arguments: [
        (#""description":7"#, "/description"),
        (#""sources":"https://x""#, "/sources"),
        (#""generator":[]"#, "/generator"),
        (#""notes":[1]"#, "/notes/0"),
        (#""defaults":{"credentails":{}}"#, "/defaults/credentails"),
    ])
    func descriptiveMembersAndDefaultsAreChecked(member: String, pointer: String) {
        do {
            _ = try Self.decodeFile(#"{"format":"sigconform/vectors@1","venue":"v",\#(member),"vectors":[\#(Self.vector)]}"#)
            Issue.record("accepted \(member)")
        } catch {
            #expect(error.pointer == pointer)
        }
    }

    @Test func bothClientPrehashFormsAreAnError() {
        let vector = #"{"id":"a","request":{"method":"GET","path":"/"},"result":"invalid","#
            + #""expect":{"signature":"x","diagnosis":["wrong_hash"],"clientPrehash":"a","clientPrehashHex":"61"}}"#
        do {
            _ = try Self.decodeFile(#"{"format":"sigconform/vectors@1","venue":"v","vectors":[\#(vector)]}"#)
            Issue.record("accepted")
        } catch {
            #expect(error.pointer == "/vectors/0/expect/clientPrehashHex")
        }
    }
}
