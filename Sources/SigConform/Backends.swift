/// The MAC backends every sigconform feature runs on, in report order.
///
/// The OpenSSL backend is the independent second implementation: features compare both and treat
/// any disagreement as a fatal finding.
public func standardBackends() -> [any MACBackend] {
    [PureSwiftBackend(), OpenSSLBackend()]
}
