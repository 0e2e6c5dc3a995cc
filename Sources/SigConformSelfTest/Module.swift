/// Runs standard MAC test vectors (Wycheproof, RFC 2202/4231) against MAC backends.
