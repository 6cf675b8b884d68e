// libFuzzer target for the Varlink decoder: NUL-separated frames, JSON, calls and replies.
// Built and run by Scripts/fuzz together with the sources it tests.

/// Each NUL-ended frame is parsed as JSON; what parses must write back to JSON that reads and
/// writes back to the same bytes (integral numbers are written as integers, so `1e3` becomes
/// `1000`), and must turn into a call or a reply, or an error, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVarlinkDecoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    for frame in bytes.split(separator: 0, omittingEmptySubsequences: false) {
        guard let value = try? JSONParser.parse(frame) else { continue }
        let written = JSONWriter.bytes(value)
        guard let reparsed = try? JSONParser.parse(written), JSONWriter.bytes(reparsed) == written else {
            fatalError("JSON did not survive writing and reading back: \(JSONWriter.string(value))")
        }
        _ = try? VarlinkCall(message: value)
        _ = try? VarlinkReply(message: value)
    }
    return 0
}
