import Foundation

/// Weights `Scripts/fit-ranker` wrote and the build compiled in (`Resources/`): a file that does
/// not decode is a broken build, not a condition to handle.
enum CompiledInWeights {
    static func decode<Weights: Decodable>(_ type: Weights.Type, from bytes: [UInt8], file: String) -> Weights {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch {
            preconditionFailure("the compiled-in \(file) does not decode: \(error)")
        }
    }
}
