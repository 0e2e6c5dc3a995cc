import FuzzTargets

/// libFuzzer entry point for `FuzzTargets.signerAnswer`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzTargets.signerAnswer(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
