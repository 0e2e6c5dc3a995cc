/// A count with its noun in the right number: `counted(1, "vector")` is "1 vector",
/// `counted(2, "vector")` "2 vectors", `counted(1, "message byte")` "1 message byte". Every
/// count a person reads goes through here, so no output says "1 reports". `plural` is for
/// nouns that do not just take an "s".
package func counted(_ count: Int, _ singular: String, plural: String? = nil) -> String {
    "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
}
